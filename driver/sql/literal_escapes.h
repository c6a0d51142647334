// The escapes whose body is one quoted literal: {d '...'}, {t '...'}, {ts '...'},
// {interval [sign] '...' qualifier} and {escape 'c'}. Each is validated here and rewritten as
// the MySQL/MariaDB literal with the same meaning.
#pragma once

#include <string>
#include <string_view>

namespace fabodbc::sql {

// ODBC date 'yyyy-mm-dd' -> DATE'yyyy-mm-dd'. Throws OdbcError 22007 for a malformed or
// impossible date (2023-02-29, month 13, year 0). Month and day may have one digit.
std::string date_literal(std::string_view value);
// ODBC time 'hh:mm:ss[.f]' -> TIME'hh:mm:ss[.f]'. 22007 when invalid.
std::string time_literal(std::string_view value);
// ODBC timestamp 'yyyy-mm-dd hh:mm:ss[.fffffffff]' -> TIMESTAMP'...'. Fraction digits beyond
// the sixth (nanoseconds) are dropped: MySQL keeps microseconds at most. 22007 when invalid.
std::string timestamp_literal(std::string_view value);

// ODBC interval literal -> INTERVAL '...' UNIT. `negative` is the sign written before the
// quoted value; `qualifier` is the text after it ("DAY", "DAY(3) TO SECOND(6)", ...).
// Throws 42000 for an unknown qualifier, 22007 for a value that does not fit the qualifier's
// format and 22015 for a non-leading field out of range (MONTH 12, HOUR 24, ...).
std::string interval_literal(bool negative, std::string_view value, std::string_view qualifier);

// LIKE escape character -> ESCAPE '<c>' quoted for the server (a backslash is doubled unless
// NO_BACKSLASH_ESCAPES). Throws 42000 unless the value is exactly one character.
std::string like_escape_clause(std::string_view value, bool backslash_escapes);

}  // namespace fabodbc::sql
