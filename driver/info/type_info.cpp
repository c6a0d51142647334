// SQLGetTypeInfo rows. Names and maximum sizes agree with describe_column (type_map.cpp):
// text types appear under the Unicode SQL types the driver reports for columns, and again
// under the ANSI types for applications that bind SQL_CHAR/SQL_VARCHAR parameters.
#include "driver/info/type_info.h"

#include "driver/convert/type_map.h"

#include <algorithm>

namespace fabodbc {
namespace {

constexpr SQLINTEGER kLong = static_cast<SQLINTEGER>(kMaxLongColumnSize);
// VARCHAR and VARBINARY accept up to 65535 bytes, but that is the limit of a whole row:
// applications (DBD::ODBC's test suite among them) build tables from COLUMN_SIZE, and a table
// of a few VARCHAR(16383) columns in utf8mb4 fails with 1118 "Row size too large". 255 is what
// both incumbent drivers report, and what a CREATE TABLE of many such columns accepts.
constexpr SQLINTEGER kVarcharChars = 255;
constexpr SQLINTEGER kVarbinaryBytes = 255;
constexpr std::nullopt_t N = std::nullopt;

// Shorthands for the row kinds.
constexpr TypeInfoRow text(const char* name, SQLSMALLINT type, SQLINTEGER size, const char* params) {
  return {name, type, size, "'", "'", params, SQL_NULLABLE, SQL_FALSE, SQL_SEARCHABLE, N, SQL_FALSE, N, name,
          N, N, type, N, N, N};
}
constexpr TypeInfoRow binary(const char* name, SQLSMALLINT type, SQLINTEGER size, const char* params) {
  return {name, type, size, "0x", nullptr, params, SQL_NULLABLE, SQL_TRUE, SQL_SEARCHABLE, N, SQL_FALSE, N, name,
          N, N, type, N, N, N};
}
constexpr TypeInfoRow integer(const char* name, SQLSMALLINT type, SQLINTEGER digits, bool is_unsigned) {
  return {name, type, digits, nullptr, nullptr, nullptr, SQL_NULLABLE, SQL_FALSE, SQL_PRED_BASIC,
          static_cast<SQLSMALLINT>(is_unsigned ? SQL_TRUE : SQL_FALSE), SQL_FALSE, SQL_FALSE, name,
          0, 0, type, N, 10, N};
}
// FLOAT(M,D) and DOUBLE(M,D) are accepted by the server, and both incumbent drivers offer
// them: an application that builds DDL from CREATE_PARAMS may give both.
constexpr TypeInfoRow approx(const char* name, SQLSMALLINT type, SQLINTEGER digits) {
  return {name, type, digits, nullptr, nullptr, "precision,scale", SQL_NULLABLE, SQL_FALSE, SQL_PRED_BASIC,
          SQL_FALSE, SQL_FALSE, SQL_FALSE, name, N, N, type, N, 10, N};
}
constexpr TypeInfoRow exact(const char* name, SQLSMALLINT type, bool is_unsigned) {
  return {name, type, 65, nullptr, nullptr, "precision,scale", SQL_NULLABLE, SQL_FALSE, SQL_PRED_BASIC,
          static_cast<SQLSMALLINT>(is_unsigned ? SQL_TRUE : SQL_FALSE), SQL_FALSE, SQL_FALSE, name,
          0, 30, type, N, 10, N};
}
constexpr TypeInfoRow datetime(const char* name, SQLSMALLINT type, SQLINTEGER size, SQLSMALLINT sub,
                               SQLSMALLINT max_scale, const char* params) {
  return {name, type, size, "'", "'", params, SQL_NULLABLE, SQL_FALSE, SQL_PRED_BASIC, N, SQL_FALSE, N, name,
          0, max_scale, SQL_DATETIME, sub, N, N};
}

// Ordered by DATA_TYPE (ascending, as ODBC requires), then best match first.
const TypeInfoRow kRows[] = {
    text("longtext", SQL_WLONGVARCHAR, kLong, nullptr),
    text("mediumtext", SQL_WLONGVARCHAR, 16777215, nullptr),
    text("text", SQL_WLONGVARCHAR, 65535, nullptr),
    text("tinytext", SQL_WLONGVARCHAR, 255, nullptr),
    text("json", SQL_WLONGVARCHAR, kLong, nullptr),
    text("varchar", SQL_WVARCHAR, kVarcharChars, "length"),
    text("char", SQL_WCHAR, 255, "length"),
    {"bit", SQL_BIT, 1, nullptr, nullptr, nullptr, SQL_NULLABLE, SQL_FALSE, SQL_PRED_BASIC, N, SQL_FALSE, N,
     "bit", 0, 0, SQL_BIT, N, N, N},
    integer("tinyint", SQL_TINYINT, 3, false),
    integer("tinyint unsigned", SQL_TINYINT, 3, true),
    integer("bigint", SQL_BIGINT, 19, false),
    integer("bigint unsigned", SQL_BIGINT, 20, true),
    integer("int unsigned", SQL_BIGINT, 10, true),  // see describe_column: SQL_BIGINT for clients' sake
    binary("longblob", SQL_LONGVARBINARY, kLong, nullptr),
    binary("mediumblob", SQL_LONGVARBINARY, 16777215, nullptr),
    binary("blob", SQL_LONGVARBINARY, 65535, nullptr),
    binary("tinyblob", SQL_LONGVARBINARY, 255, nullptr),
    binary("varbinary", SQL_VARBINARY, kVarbinaryBytes, "length"),
    binary("binary", SQL_BINARY, 255, "length"),
    text("longtext", SQL_LONGVARCHAR, kLong, nullptr),
    text("mediumtext", SQL_LONGVARCHAR, 16777215, nullptr),
    text("text", SQL_LONGVARCHAR, 65535, nullptr),
    text("tinytext", SQL_LONGVARCHAR, 255, nullptr),
    text("char", SQL_CHAR, 255, "length"),
    exact("numeric", SQL_NUMERIC, false),
    exact("decimal", SQL_DECIMAL, false),
    exact("decimal unsigned", SQL_DECIMAL, true),
    integer("int", SQL_INTEGER, 10, false),
    integer("mediumint", SQL_INTEGER, 8, false),  // as its columns are described (type_map.cpp)
    integer("mediumint unsigned", SQL_INTEGER, 8, true),
    integer("smallint", SQL_SMALLINT, 5, false),
    integer("smallint unsigned", SQL_SMALLINT, 5, true),
    integer("year", SQL_SMALLINT, 4, true),
    approx("double", SQL_FLOAT, 15),
    approx("float", SQL_REAL, 7),
    approx("double", SQL_DOUBLE, 15),
    text("varchar", SQL_VARCHAR, kVarcharChars, "length"),
    datetime("date", SQL_TYPE_DATE, 10, SQL_CODE_DATE, 0, nullptr),
    datetime("time", SQL_TYPE_TIME, 8, SQL_CODE_TIME, 6, "fsp"),  // hh:mm:ss, as the incumbents report it
    datetime("datetime", SQL_TYPE_TIMESTAMP, 26, SQL_CODE_TIMESTAMP, 6, "fsp"),
    datetime("timestamp", SQL_TYPE_TIMESTAMP, 26, SQL_CODE_TIMESTAMP, 6, "fsp"),
};

}  // namespace

std::vector<const TypeInfoRow*> type_info_rows(SQLSMALLINT sql_type) {
  std::vector<const TypeInfoRow*> rows;
  for (const TypeInfoRow& r : kRows)
    if (sql_type == SQL_ALL_TYPES || r.data_type == sql_type) rows.push_back(&r);
  return rows;
}

}  // namespace fabodbc
