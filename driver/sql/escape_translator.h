// ODBC escape sequences -> MySQL/MariaDB SQL. Pure functions of the statement text: no server,
// no connection state beyond the two sql_mode flags that change how the text is lexed.
//
//   {d '2024-01-02'}  {t '13:14:15'}  {ts '2024-01-02 13:14:15.5'}   -> DATE'..' TIME'..' TIMESTAMP'..'
//   {fn UCASE(x)} ... {fn CONVERT(x, SQL_INTEGER)}                    -> MySQL expressions
//   {oj a LEFT OUTER JOIN b ON ...}                                   -> the join without braces
//   {call p(?, ?)}  {?= call f(?)}                                    -> CALL p(?, ?) (see ProcedureCall)
//   LIKE 'a\_%' {escape '\'}                                          -> LIKE 'a\_%' ESCAPE '\\'
//   {interval '2-3' year to month}                                    -> INTERVAL '2-3' YEAR_MONTH
//
// The long form --(*vendor(Microsoft),product(ODBC) fn ... *)-- is the same as {fn ...}.
// Escapes inside string literals, quoted identifiers and comments are text and stay as they are.
// Errors are OdbcError: 42000 for malformed escapes (with the offset), 22007 for invalid
// date/time literals, 22015 for an interval field overflow, HYC00 for ODBC features MySQL
// cannot express.
#pragma once

#include <sql.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fabodbc {

struct EscapeOptions {
  // False when the session's sql_mode has NO_BACKSLASH_ESCAPES (Session::no_backslash_escapes()).
  bool backslash_escapes = true;
  // True when the session's sql_mode has ANSI_QUOTES: "..." is then an identifier.
  bool ansi_quotes = false;
};

// What a {call ...} statement asked for. The statement layer needs it for output parameters.
struct ProcedureCall {
  // {?= call ...}: the application's first parameter marker is the return value. That marker
  // is not in the translated SQL, so translated marker i is application parameter i + 1.
  // MySQL procedures return no value: only a stored function does, see function_sql().
  bool has_return_value = false;
  std::string procedure;  // the name as written (may be qualified or `quoted`)
  std::string arguments;  // the translated text between the parentheses; "" without them
  bool has_parentheses = false;

  // "SELECT name(arguments)": how MySQL returns a value from a routine (a stored function),
  // for a statement layer that serves {?= call} by reading the one-row result into the
  // return-value parameter.
  std::string function_sql() const;
};

struct TranslatedSql {
  std::string sql;
  std::optional<ProcedureCall> call;  // set when the statement was {call} or {?= call}
};

// The statement with every escape translated, or nullopt when it contains no '{' and no "--(*"
// (the common case: no escape is possible, nothing is copied, send the original text).
std::optional<TranslatedSql> translate_statement_escapes(std::string_view sql, const EscapeOptions& options = {});

// Convenience form (SQLNativeSql): the translated text, or a copy of the input without escapes.
std::string translate_escapes(std::string_view sql, const EscapeOptions& options = {});

// ODBC scalar function names ({fn NAME(...)}) the translator accepts, upper case.
std::vector<std::string> supported_scalar_functions();

// SQLGetInfo bitmask derived from what the translator accepts, for SQL_STRING_FUNCTIONS,
// SQL_NUMERIC_FUNCTIONS, SQL_TIMEDATE_FUNCTIONS, SQL_SYSTEM_FUNCTIONS, SQL_CONVERT_FUNCTIONS,
// SQL_TIMEDATE_ADD_INTERVALS, SQL_TIMEDATE_DIFF_INTERVALS and the SQL_CONVERT_<type> family
// (the {fn CONVERT} targets that translate, limited to those SQL-92's CAST table allows from
// that source type). Throws std::invalid_argument for other info types.
uint32_t supported_function_mask(SQLUSMALLINT info_type);

// True for the info types supported_function_mask() answers.
bool is_function_mask_info_type(SQLUSMALLINT info_type);

}  // namespace fabodbc
