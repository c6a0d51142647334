// Neutral descriptions of a result column and of one value in it, shared by the MySQL session
// wrapper (which fills them) and the conversion code (which reads them). No mysql.h here.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace fabodbc {

// MySQL's protocol field type codes (enum_field_types in mysql_com.h). They are wire constants,
// mirrored here so that code outside driver/mysql/ never needs mysql.h.
enum class MyType : uint16_t {
  Decimal = 0, Tiny = 1, Short = 2, Long = 3, Float = 4, Double = 5, Null = 6, Timestamp = 7,
  LongLong = 8, Int24 = 9, Date = 10, Time = 11, DateTime = 12, Year = 13, NewDate = 14,
  VarChar = 15, Bit = 16, Json = 245, NewDecimal = 246, Enum = 247, Set = 248, TinyBlob = 249,
  MediumBlob = 250, LongBlob = 251, Blob = 252, VarString = 253, String = 254, Geometry = 255,
};

// What the server told us about a column (a neutral copy of MYSQL_FIELD).
struct FieldDesc {
  std::string name, org_name, table, org_table, db, catalog;
  MyType type = MyType::VarString;
  unsigned flags = 0;          // MySQL field flags (NOT_NULL_FLAG=1, UNSIGNED_FLAG=32, BINARY_FLAG=128, ...)
  unsigned charsetnr = 0;      // 63 = binary
  unsigned long length = 0;    // display length in bytes as reported by the server
  unsigned decimals = 0;
};

// The ODBC view of a column, computed once per result set (see convert/type_map.h).
struct ColumnInfo {
  FieldDesc field;
  SQLSMALLINT sql_type = SQL_VARCHAR;       // concise SQL type reported to the application
  SQLULEN column_size = 0;                  // SQL_DESC_LENGTH / precision, in characters
  SQLLEN octet_length = 0;                  // SQL_DESC_OCTET_LENGTH
  SQLSMALLINT decimal_digits = 0;           // scale
  SQLLEN display_size = 0;
  SQLSMALLINT nullable = SQL_NULLABLE_UNKNOWN;
  bool is_unsigned = false;
  bool is_binary = false;                   // bytes, not text
  bool auto_increment = false;
  bool case_sensitive = false;
  std::string type_name;                    // SQL_DESC_TYPE_NAME, e.g. "varchar", "int unsigned"
};

// A calendar value as the server knows it. TIME values may be negative or exceed 24 hours.
struct SqlTime {
  int year = 0;
  unsigned month = 0, day = 0, hour = 0, minute = 0, second = 0;
  uint32_t fraction_ns = 0;   // nanoseconds
  bool negative = false;      // TIME only
};

// One value of a row. Text and Bytes point into memory owned by the result set; they stay
// valid until the next fetch. The text protocol gives Text for every non-NULL column; the
// binary protocol may give typed values.
struct Cell {
  enum class Kind : uint8_t { Null, Text, Int, UInt, Double, Date, Time, DateTime };
  Kind kind = Kind::Null;
  const char* data = nullptr;  // Text: bytes (not NUL-terminated), length below
  size_t length = 0;
  int64_t i = 0;
  uint64_t u = 0;
  double d = 0;
  SqlTime t{};

  static Cell null() { return Cell{}; }
  static Cell text(const char* p, size_t n) { Cell c; c.kind = Kind::Text; c.data = p; c.length = n; return c; }
};

}  // namespace fabodbc
