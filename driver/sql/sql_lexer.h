// The few lexical rules of MySQL/MariaDB SQL the escape translator needs: where quoted strings,
// quoted identifiers and comments begin and end (escapes inside them are text, not escapes),
// which `?` are parameter markers, and where the top-level commas of an argument list are.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace fabodbc::sql {

struct LexRules {
  // Backslash escapes a character inside '...' (and "..." strings); false under the
  // NO_BACKSLASH_ESCAPES sql_mode.
  bool backslash_escapes = true;
  // "..." is an identifier (no backslash escapes inside) under the ANSI_QUOTES sql_mode.
  bool ansi_quotes = false;
};

// If sql[i] starts a quoted string, a quoted identifier or a comment, the index just past its
// end; otherwise i. Throws OdbcError 42000 (naming the offset) for an unclosed quote or /*.
size_t skip_quoted_or_comment(std::string_view sql, size_t i, const LexRules& rules);

// Index of the ')' that closes the '(' at sql[open], skipping quotes, comments and nested
// parentheses. Throws OdbcError 42000 when there is none. `base` is added to offsets in messages.
size_t matching_paren(std::string_view sql, size_t open, const LexRules& rules, size_t base = 0);

// The text between top-level commas (quotes, comments and parentheses respected), each
// trimmed with trim_sql. An empty or all-blank text has no arguments.
std::vector<std::string_view> split_arguments(std::string_view args, const LexRules& rules);

// Number of `?` parameter markers outside quotes and comments.
size_t count_markers(std::string_view sql, const LexRules& rules);

bool is_identifier_char(char c);
std::string_view trim(std::string_view s);
// trim() for SQL text that is put back into a statement: when the text ends with a '#' or "-- "
// comment, the line break that ends the comment stays, or the comment would run on over
// whatever follows the text ("f(x -- note\n)" must not become "f(x -- note)").
std::string_view trim_sql(std::string_view s, const LexRules& rules);

}  // namespace fabodbc::sql
