// Positioned UPDATE / DELETE ... WHERE CURRENT OF cursor_name. MySQL and MariaDB refuse the
// clause (1064), and applications written for MySQL Connector/ODBC and MariaDB Connector/ODBC
// use it, so the driver rewrites it, as those drivers do, into a condition on the named
// cursor's current row (Statement::current_row_condition: by its unique key, else by every
// value it was fetched with, refused when several rows match). SQLExecDirect rewrites once;
// a prepared statement keeps its text and is rewritten at each SQLExecute, since the cursor
// moves between executions. The statement then runs as text with its parameters as literals.
#include "driver/connection/connection.h"
#include "driver/error.h"
#include "driver/mysql/session.h"
#include "driver/sql/current_of.h"
#include "driver/statement/statement.h"

#include <strings.h>

namespace fabodbc {

namespace {

std::optional<sql::CurrentOf> clause_of(const std::string& sql, Connection& connection) {
  sql::LexRules rules;
  rules.backslash_escapes = !connection.session().no_backslash_escapes();
  return sql::find_current_of(sql, rules);
}

}  // namespace

bool Statement::is_positioned_statement(const std::string& sql) const { return clause_of(sql, connection_).has_value(); }

bool Statement::resolve_current_of(std::string& sql) {
  std::optional<sql::CurrentOf> clause = clause_of(sql, connection_);
  if (!clause) return true;
  Statement* cursor = nullptr;
  for (Statement* other : connection_.statements()) {
    if (other != this && !other->cursor_name_.empty() &&
        strcasecmp(other->cursor_name_.c_str(), clause->cursor.c_str()) == 0) {
      cursor = other;
    }
  }
  if (!cursor) throw OdbcError("34000", "no statement of this connection has the cursor name " + clause->cursor);
  std::optional<std::string> condition = cursor->current_row_condition();
  if (!condition) {
    diagnostics().add("01001", "nothing was changed: several rows have the values of the current row of cursor " +
                                   clause->cursor + " and its result holds no unique key, so which one is meant is unknown");
    executed_ = true;
    row_count_ = 0;
    return false;
  }
  sql = sql.substr(0, clause->where) + condition->substr(1);  // the condition starts with a space
  return true;
}

}  // namespace fabodbc
