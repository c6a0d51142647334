// The ODBC scalar functions ({fn NAME(args)}) and what each becomes in MySQL/MariaDB SQL.
// One table drives both the translation and the SQLGetInfo function bitmasks, so the driver
// cannot advertise a function it does not translate, or translate one it does not advertise.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "driver/sql/sql_lexer.h"

namespace fabodbc::sql {

enum class FunctionGroup { String, Numeric, TimeDate, System, Convert };

struct ScalarFunction {
  const char* name;       // ODBC name, upper case
  FunctionGroup group;    // which SQLGetInfo bitmask it belongs to
  uint32_t bits;          // its SQL_FN_* bit(s)
  int min_args, max_args; // max_args -1: no upper limit
  // MySQL form: $1..$9 stand for the arguments, $* for all of them separated by ", ".
  // nullptr: ODBC defines the function but MySQL has no faithful equivalent.
  const char* mysql;
};

// Every ODBC scalar function, in ODBC's groups, supported or not.
const std::vector<ScalarFunction>& odbc_scalar_functions();
// The entry for an (upper- or lower-case) ODBC name, or nullptr when ODBC defines no such function.
const ScalarFunction* find_scalar_function(std::string_view name);

// `body` is the translated text between "{fn" and "}" (nested escapes already rewritten).
// Returns the MySQL expression. A name ODBC does not define is passed on unchanged, for the
// server to judge. Throws OdbcError 42000 for a malformed call or a wrong argument count,
// HYC00 for an ODBC function (or CONVERT type, or interval) MySQL cannot express.
std::string translate_scalar_function(std::string_view body, const LexRules& rules);

// The SQL_TSI_* intervals of TIMESTAMPADD/TIMESTAMPDIFF and the SQL_xxx types of CONVERT
// that translate, as SQLGetInfo bitmasks (SQL_FN_TSI_*, SQL_CVT_*).
uint32_t supported_interval_bits();
uint32_t supported_convert_type_bits();

}  // namespace fabodbc::sql
