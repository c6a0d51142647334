// Positioned UPDATE / DELETE: `UPDATE t SET ... WHERE CURRENT OF cursor` and `DELETE FROM t
// WHERE CURRENT OF cursor`. MySQL and MariaDB have no such syntax; the driver rewrites the
// clause into a condition on the named cursor's current row (statement_current_of.cpp), as
// both incumbent drivers do. This part only finds the clause in the text.
#pragma once

#include "driver/sql/sql_lexer.h"

#include <optional>
#include <string>
#include <string_view>

namespace fabodbc::sql {

struct CurrentOf {
  size_t where = 0;    // offset of the WHERE keyword: the text before it is kept
  std::string cursor;  // the cursor name (backticks removed)
};

// The clause when `sql` is an UPDATE or DELETE whose last words (outside quotes and comments,
// before an optional ';') are WHERE CURRENT OF name; nullopt otherwise, so anything else (a
// missing name, words after it) goes to the server as it is and gets the server's error.
std::optional<CurrentOf> find_current_of(std::string_view sql, const LexRules& rules);

}  // namespace fabodbc::sql
