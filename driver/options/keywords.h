// The one definition of every DSN / connection-string keyword. The parser, the completed
// SQLDriverConnect output string, the setup library (ConfigDSN, ODBCINSTGetProperties) and the
// generated docs all read this table; nothing else lists keywords.
#pragma once

#include <cstddef>
#include <string_view>

namespace fabodbc {

enum class KeywordType { String, Integer, Boolean, Choice, Password, Path };

struct KeywordDef {
  std::string_view name;           // canonical upper-case name, e.g. "DATABASE"
  std::string_view aliases;        // comma-separated, e.g. "DB"; empty if none
  KeywordType type;
  std::string_view default_value;  // empty: no default
  std::string_view choices;        // Choice type: "DISABLED|PREFERRED|..."; empty otherwise
  std::string_view help;           // one sentence for GUIs and docs
  std::string_view group;          // "Connection", "TLS", "Behaviour", "Fabric", ...
};

// All keywords, in the order a DSN editor should show them.
const KeywordDef* keyword_table();
size_t keyword_count();

// Keyword names and choice values compare ASCII case-insensitively ("sslmode" == "SSLMODE").
bool ascii_iequals(std::string_view a, std::string_view b) noexcept;

// Finds a keyword by canonical name or alias, case-insensitively; nullptr if unknown.
const KeywordDef* find_keyword(std::string_view name_or_alias);

// Checks a value against the keyword's type (integer, boolean 0/1/yes/no/true/false, choice).
// Returns an empty string when valid, otherwise a message that names the keyword and the problem.
std::string_view validate_keyword_value(const KeywordDef& keyword, std::string_view value,
                                        char* message_buffer, size_t message_buffer_size);

// The value forms validate_keyword_value accepts, for the code that turns values into settings.
// Boolean: 1/0, yes/no, true/false, on/off, y/n (any case). Unsigned: decimal digits, <= max.
bool parse_boolean_value(std::string_view value, bool* out);
bool parse_unsigned_value(std::string_view value, unsigned long long max, unsigned long long* out);

}  // namespace fabodbc
