// SQLSetCursorName / SQLGetCursorName. The name is kept and checked (unique per connection, not
// in the SQL_CUR/SQLCUR namespace the driver generates from); UPDATE/DELETE ... WHERE CURRENT
// OF name finds the cursor by it (statement_current_of.cpp). Tools (ADO-style layers, some
// report writers) ask for a statement's cursor name and expect an answer.
#include "driver/connection/connection.h"
#include "driver/error.h"
#include "driver/statement/statement.h"

#include <strings.h>

namespace fabodbc {

const std::string& Statement::cursor_name() {
  if (cursor_name_.empty()) {
    // The incumbents' form, SQL_CUR0, SQL_CUR1 ... in the order statements are asked (tests and
    // tools written against them expect it): the smallest number no live statement of the
    // connection has, so the name stays unique and short (ODBC allows 18 characters).
    for (unsigned n = 0;; ++n) {
      std::string name = "SQL_CUR" + std::to_string(n);
      bool taken = false;
      for (const Statement* other : connection_.statements()) taken = taken || other->cursor_name_ == name;
      if (!taken) {
        cursor_name_ = std::move(name);
        break;
      }
    }
  }
  return cursor_name_;
}

void Statement::set_cursor_name(const std::string& name) {
  if (result_) throw OdbcError("24000", "a cursor is open on this statement");
  if (name.empty() || name.size() > 64) throw OdbcError("34000", "invalid cursor name");
  if (strncasecmp(name.c_str(), "SQLCUR", 6) == 0 || strncasecmp(name.c_str(), "SQL_CUR", 7) == 0) {
    throw OdbcError("34000", "cursor names starting with SQLCUR or SQL_CUR are reserved for the driver");
  }
  for (const Statement* other : connection_.statements()) {
    if (other != this && strcasecmp(other->cursor_name_.c_str(), name.c_str()) == 0) {
      throw OdbcError("3C000", "another statement of this connection has the cursor name " + name);
    }
  }
  cursor_name_ = name;
}

}  // namespace fabodbc
