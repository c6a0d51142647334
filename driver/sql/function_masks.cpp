// SQLGetInfo answers about scalar functions, derived from the translator's own tables so they
// cannot drift from what {fn ...} really accepts.
#include <sqlext.h>

#include <stdexcept>

#include "driver/sql/escape_translator.h"
#include "driver/sql/scalar_functions.h"

namespace fabodbc {

namespace {

uint32_t group_mask(sql::FunctionGroup group) {
  uint32_t mask = 0;
  for (const sql::ScalarFunction& f : sql::odbc_scalar_functions())
    if (f.group == group && f.mysql) mask |= f.bits;
  return mask;
}

// SQL_CONVERT_<type> info types for the types a MySQL value can have: any of them converts to
// every supported CONVERT target (CAST accepts every source type).
bool is_mysql_source_type(SQLUSMALLINT info_type) {
  switch (info_type) {
    case SQL_CONVERT_BIGINT: case SQL_CONVERT_BINARY: case SQL_CONVERT_BIT: case SQL_CONVERT_CHAR:
    case SQL_CONVERT_DATE: case SQL_CONVERT_DECIMAL: case SQL_CONVERT_DOUBLE: case SQL_CONVERT_FLOAT:
    case SQL_CONVERT_INTEGER: case SQL_CONVERT_LONGVARBINARY: case SQL_CONVERT_LONGVARCHAR:
    case SQL_CONVERT_NUMERIC: case SQL_CONVERT_REAL: case SQL_CONVERT_SMALLINT: case SQL_CONVERT_TIME:
    case SQL_CONVERT_TIMESTAMP: case SQL_CONVERT_TINYINT: case SQL_CONVERT_VARBINARY:
    case SQL_CONVERT_VARCHAR: case SQL_CONVERT_WCHAR: case SQL_CONVERT_WLONGVARCHAR: case SQL_CONVERT_WVARCHAR:
      return true;
    default:
      return false;
  }
}

// Types MySQL values never have: nothing converts from them.
bool is_foreign_source_type(SQLUSMALLINT info_type) {
  return info_type == SQL_CONVERT_GUID || info_type == SQL_CONVERT_INTERVAL_DAY_TIME ||
         info_type == SQL_CONVERT_INTERVAL_YEAR_MONTH;
}

}  // namespace

std::vector<std::string> supported_scalar_functions() {
  std::vector<std::string> names;
  for (const sql::ScalarFunction& f : sql::odbc_scalar_functions())
    if (f.mysql) names.emplace_back(f.name);
  return names;
}

bool is_function_mask_info_type(SQLUSMALLINT info_type) {
  switch (info_type) {
    case SQL_STRING_FUNCTIONS: case SQL_NUMERIC_FUNCTIONS: case SQL_TIMEDATE_FUNCTIONS:
    case SQL_SYSTEM_FUNCTIONS: case SQL_CONVERT_FUNCTIONS: case SQL_TIMEDATE_ADD_INTERVALS:
    case SQL_TIMEDATE_DIFF_INTERVALS:
      return true;
    default:
      return is_mysql_source_type(info_type) || is_foreign_source_type(info_type);
  }
}

uint32_t supported_function_mask(SQLUSMALLINT info_type) {
  switch (info_type) {
    case SQL_STRING_FUNCTIONS: return group_mask(sql::FunctionGroup::String);
    case SQL_NUMERIC_FUNCTIONS: return group_mask(sql::FunctionGroup::Numeric);
    case SQL_TIMEDATE_FUNCTIONS: return group_mask(sql::FunctionGroup::TimeDate);
    case SQL_SYSTEM_FUNCTIONS: return group_mask(sql::FunctionGroup::System);
    // CAST(x AS type) is the server's own SQL, not an escape: it needs no translation.
    case SQL_CONVERT_FUNCTIONS: return group_mask(sql::FunctionGroup::Convert) | SQL_FN_CVT_CAST;
    case SQL_TIMEDATE_ADD_INTERVALS:
    case SQL_TIMEDATE_DIFF_INTERVALS:
      return sql::supported_interval_bits();
    default:
      if (is_mysql_source_type(info_type)) return sql::supported_convert_type_bits();
      if (is_foreign_source_type(info_type)) return 0;
      throw std::invalid_argument("supported_function_mask: info type " + std::to_string(info_type) +
                                  " is not a scalar-function bitmask");
  }
}

}  // namespace fabodbc
