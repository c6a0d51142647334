// Finds the `?` parameter markers of a statement the way the server's parser would: markers
// inside quoted strings, backtick identifiers and comments do not count. Used when statements
// are sent as text with the parameter values substituted as literals.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fabodbc {

// Byte offsets of the markers. `backslash_escapes` follows the server's sql_mode
// (NO_BACKSLASH_ESCAPES turns it off).
std::vector<size_t> find_parameter_markers(std::string_view sql, bool backslash_escapes = true);

// True when `sql` holds more than one statement: a ';' outside quotes and comments followed by
// more than blanks and comments (a single statement may end with ';').
bool has_several_statements(std::string_view sql, bool backslash_escapes = true);

// `sql` with the marker at markers[i] replaced by literals[i].
std::string substitute_parameters(std::string_view sql, const std::vector<size_t>& markers,
                                  const std::vector<std::string>& literals);

// The first keyword of a statement (upper-cased), skipping spaces, comments and '('.
std::string first_keyword(std::string_view sql);

}  // namespace fabodbc
