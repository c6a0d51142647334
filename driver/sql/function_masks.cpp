// SQLGetInfo answers about scalar functions, derived from the translator's own tables so they
// cannot drift from what {fn ...} really accepts.
#include <sqlext.h>

#include <optional>
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

constexpr uint32_t kCvtChars = SQL_CVT_CHAR | SQL_CVT_VARCHAR | SQL_CVT_LONGVARCHAR | SQL_CVT_WCHAR |
                               SQL_CVT_WVARCHAR | SQL_CVT_WLONGVARCHAR;
constexpr uint32_t kCvtBinary = SQL_CVT_BINARY | SQL_CVT_VARBINARY | SQL_CVT_LONGVARBINARY;
constexpr uint32_t kCvtDatetime = SQL_CVT_DATE | SQL_CVT_TIME | SQL_CVT_TIMESTAMP;

// For the SQL_CONVERT_<type> info types: the targets SQL-92's CAST table allows from that source
// type (ODBC appendix D). MySQL's CAST would run more (a number "as" a date), but the result has
// no meaning an application could rely on, so those are not advertised. nullopt: not such an
// info type. GUID and interval sources: MySQL values never have those types.
std::optional<uint32_t> cast_targets_from(SQLUSMALLINT info_type) {
  switch (info_type) {
    case SQL_CONVERT_CHAR: case SQL_CONVERT_VARCHAR: case SQL_CONVERT_LONGVARCHAR:
    case SQL_CONVERT_WCHAR: case SQL_CONVERT_WVARCHAR: case SQL_CONVERT_WLONGVARCHAR:
      return ~uint32_t{0};
    case SQL_CONVERT_BIGINT: case SQL_CONVERT_BIT: case SQL_CONVERT_DECIMAL: case SQL_CONVERT_DOUBLE:
    case SQL_CONVERT_FLOAT: case SQL_CONVERT_INTEGER: case SQL_CONVERT_NUMERIC: case SQL_CONVERT_REAL:
    case SQL_CONVERT_SMALLINT: case SQL_CONVERT_TINYINT:
    case SQL_CONVERT_BINARY: case SQL_CONVERT_VARBINARY: case SQL_CONVERT_LONGVARBINARY:
      return ~kCvtDatetime;
    case SQL_CONVERT_DATE: return kCvtChars | kCvtBinary | SQL_CVT_DATE | SQL_CVT_TIMESTAMP;
    case SQL_CONVERT_TIME: return kCvtChars | kCvtBinary | SQL_CVT_TIME | SQL_CVT_TIMESTAMP;
    case SQL_CONVERT_TIMESTAMP: return kCvtChars | kCvtBinary | kCvtDatetime;
    case SQL_CONVERT_GUID: case SQL_CONVERT_INTERVAL_DAY_TIME: case SQL_CONVERT_INTERVAL_YEAR_MONTH:
      return 0;
    default:
      return std::nullopt;
  }
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
      return cast_targets_from(info_type).has_value();
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
      // What {fn CONVERT} translates, limited to what SQL-92 allows from this source type.
      if (auto allowed = cast_targets_from(info_type)) return sql::supported_convert_type_bits() & *allowed;
      throw std::invalid_argument("supported_function_mask: info type " + std::to_string(info_type) +
                                  " is not a scalar-function bitmask");
  }
}

}  // namespace fabodbc
