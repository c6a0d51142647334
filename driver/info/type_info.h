// SQLGetTypeInfo rows, from a static table (no server round trip: pyodbc asks four times per
// connect). Sizes agree with what SQLColumns / SQLDescribeCol report for the same types.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <optional>
#include <vector>

namespace fabodbc {

// The 19 columns of the ODBC 3 SQLGetTypeInfo result, in order. Absent = NULL.
struct TypeInfoRow {
  const char* type_name;
  SQLSMALLINT data_type;
  std::optional<SQLINTEGER> column_size;
  const char* literal_prefix;   // nullptr = NULL
  const char* literal_suffix;
  const char* create_params;
  SQLSMALLINT nullable;
  SQLSMALLINT case_sensitive;
  SQLSMALLINT searchable;
  std::optional<SQLSMALLINT> unsigned_attribute;
  SQLSMALLINT fixed_prec_scale;
  std::optional<SQLSMALLINT> auto_unique_value;
  const char* local_type_name;
  std::optional<SQLSMALLINT> minimum_scale;
  std::optional<SQLSMALLINT> maximum_scale;
  SQLSMALLINT sql_data_type;
  std::optional<SQLSMALLINT> sql_datetime_sub;
  std::optional<SQLINTEGER> num_prec_radix;
  std::optional<SQLSMALLINT> interval_precision;
};

// Rows for one SQL type (SQL_ALL_TYPES: all), ordered by DATA_TYPE then closeness of mapping,
// as ODBC requires. ODBC 2 date/time codes are mapped by the caller.
std::vector<const TypeInfoRow*> type_info_rows(SQLSMALLINT sql_type);

}  // namespace fabodbc
