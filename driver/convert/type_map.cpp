// MySQL field -> ODBC column description. See type_map.h for the decisions.
#include "driver/convert/type_map.h"

#include <algorithm>

namespace fabodbc {
namespace {

// Fractional-seconds digits: MySQL sends 0..6; expressions may report 31/39 ("not fixed").
unsigned fraction_digits(unsigned decimals) { return decimals > 6 ? 6 : decimals; }

void set_integer(ColumnInfo& c, SQLSMALLINT type, SQLULEN digits, SQLLEN octets, const char* name) {
  c.sql_type = type;
  c.column_size = digits;
  c.octet_length = octets;
  c.display_size = static_cast<SQLLEN>(digits) + (c.is_unsigned ? 0 : 1);
  c.decimal_digits = 0;
  c.type_name = name;
  if (c.is_unsigned) c.type_name += " unsigned";
}

void set_text(ColumnInfo& c, SQLSMALLINT type, SQLULEN chars, SQLLEN octets, const char* name) {
  c.sql_type = type;
  c.column_size = chars;
  c.octet_length = octets;
  c.display_size = static_cast<SQLLEN>(chars);
  c.type_name = name;
}

void set_binary(ColumnInfo& c, SQLSMALLINT type, SQLULEN bytes, const char* name) {
  c.is_binary = true;
  c.case_sensitive = true;
  c.sql_type = type;
  c.column_size = bytes;
  c.octet_length = static_cast<SQLLEN>(bytes);
  c.display_size = static_cast<SQLLEN>(std::min<SQLULEN>(bytes * 2, kMaxLongColumnSize));  // hex
  c.type_name = name;
}

void set_datetime(ColumnInfo& c, SQLSMALLINT type, SQLULEN base_chars, SQLLEN octets, unsigned frac,
                  const char* name) {
  c.sql_type = type;
  c.column_size = base_chars + (frac ? frac + 1 : 0);
  c.decimal_digits = static_cast<SQLSMALLINT>(frac);
  c.octet_length = octets;
  c.display_size = static_cast<SQLLEN>(c.column_size);
  c.type_name = name;
}

// Long text/blob names follow the maximum size of the column.
const char* blob_name(SQLULEN size, bool binary) {
  if (size <= 255) return binary ? "tinyblob" : "tinytext";
  if (size <= 65535) return binary ? "blob" : "text";
  if (size <= 16777215) return binary ? "mediumblob" : "mediumtext";
  return binary ? "longblob" : "longtext";
}

}  // namespace

ColumnInfo describe_column(const FieldDesc& field, unsigned utf8_max_bytes_per_char, bool wide_text) {
  using namespace field_flags;
  ColumnInfo c;
  c.field = field;
  c.is_unsigned = (field.flags & kUnsigned) != 0;
  c.auto_increment = (field.flags & kAutoIncrement) != 0;
  c.nullable = (field.flags & kNotNull) ? SQL_NO_NULLS : SQL_NULLABLE;
  c.case_sensitive = (field.flags & kBinary) != 0;
  const bool binary_charset = field.charsetnr == kBinaryCharsetNr;
  const unsigned mb = utf8_max_bytes_per_char ? utf8_max_bytes_per_char : 1;
  const SQLULEN text_chars = std::min<SQLULEN>(field.length / mb, kMaxLongColumnSize);
  const SQLLEN text_octets = static_cast<SQLLEN>(std::min<SQLULEN>(field.length, kMaxLongColumnSize));
  const SQLULEN bytes = std::min<SQLULEN>(field.length, kMaxLongColumnSize);

  switch (field.type) {
    case MyType::Tiny:
      set_integer(c, SQL_TINYINT, 3, 1, "tinyint");
      break;
    case MyType::Short:
      set_integer(c, SQL_SMALLINT, 5, 2, "smallint");
      break;
    case MyType::Int24:
      // Column size 8 signed or not, as MySQL Connector/ODBC reports it (MariaDB's says 10):
      // 7 digits and the sign, so a text buffer sized from it holds -8388608. The display size
      // is exact: 8 either way (7 digits and a sign, or 8 digits).
      set_integer(c, SQL_INTEGER, 8, 4, "mediumint");
      c.display_size = 8;
      break;
    case MyType::Long:
      // INT UNSIGNED is described as SQL_BIGINT: ODBC allows an unsigned SQL_INTEGER, but
      // clients pick a signed 32-bit C type from SQL_INTEGER (pyodbc 4.0 reads 4294967295 as
      // -1). Every value fits SQL_C_SBIGINT, so the wider type loses nothing for anyone.
      set_integer(c, c.is_unsigned ? SQL_BIGINT : SQL_INTEGER, 10, 4, "int");
      break;
    case MyType::LongLong:
      set_integer(c, SQL_BIGINT, c.is_unsigned ? 20 : 19, 8, "bigint");
      c.display_size = 20;
      break;
    case MyType::Year:
      c.is_unsigned = true;
      set_integer(c, SQL_SMALLINT, 4, 2, "year");
      c.type_name = "year";
      break;
    case MyType::Decimal:
    case MyType::NewDecimal: {
      // The server's length is precision + 1 for the point (when scale > 0) + 1 for the sign
      // (when signed).
      long precision = static_cast<long>(field.length) - (field.decimals > 0 ? 1 : 0) - (c.is_unsigned ? 0 : 1);
      if (precision < static_cast<long>(field.decimals)) precision = field.decimals;
      if (precision < 1) precision = 1;
      c.sql_type = SQL_DECIMAL;
      c.column_size = static_cast<SQLULEN>(precision);
      c.decimal_digits = static_cast<SQLSMALLINT>(std::min(field.decimals, 30u));
      // The character form: the digits, a point when there is a scale, a sign when signed
      // (DECIMAL(5,0) UNSIGNED shows 5 characters, as the incumbents report it).
      c.display_size = precision + (field.decimals > 0 ? 1 : 0) + (c.is_unsigned ? 0 : 1);
      c.octet_length = c.display_size;
      c.type_name = c.is_unsigned ? "decimal unsigned" : "decimal";
      break;
    }
    case MyType::Float:
      c.sql_type = SQL_REAL;
      c.column_size = 7;
      c.octet_length = 4;
      c.display_size = 14;
      c.type_name = c.is_unsigned ? "float unsigned" : "float";
      break;
    case MyType::Double:
      c.sql_type = SQL_DOUBLE;
      c.column_size = 15;
      c.octet_length = 8;
      c.display_size = 24;
      c.type_name = c.is_unsigned ? "double unsigned" : "double";
      break;
    case MyType::Null:
      // SELECT NULL: every value is NULL; a one-character text column is the least surprising.
      set_text(c, SQL_WVARCHAR, 1, 4, "null");
      break;
    case MyType::Date:
    case MyType::NewDate:
      set_datetime(c, SQL_TYPE_DATE, 10, sizeof(SQL_DATE_STRUCT), 0, "date");
      break;
    case MyType::Time:
      set_datetime(c, SQL_TYPE_TIME, 8, sizeof(SQL_TIME_STRUCT), fraction_digits(field.decimals), "time");
      break;
    case MyType::DateTime:
      set_datetime(c, SQL_TYPE_TIMESTAMP, 19, sizeof(SQL_TIMESTAMP_STRUCT), fraction_digits(field.decimals),
                   "datetime");
      break;
    case MyType::Timestamp:
      set_datetime(c, SQL_TYPE_TIMESTAMP, 19, sizeof(SQL_TIMESTAMP_STRUCT), fraction_digits(field.decimals),
                   "timestamp");
      break;
    case MyType::Bit:
      // `length` is the number of bits. BIT(1) is a boolean; wider BIT(n) are bytes
      // (big-endian, as the text protocol sends them).
      if (field.length <= 1) {
        c.sql_type = SQL_BIT;
        c.column_size = 1;
        c.octet_length = 1;
        c.display_size = 1;
        c.type_name = "bit";
      } else {
        set_binary(c, SQL_BINARY, (field.length + 7) / 8, "bit");
      }
      break;
    case MyType::Json:
      // MySQL sends JSON with the binary charset, but the content is utf8mb4 text.
      set_text(c, SQL_WLONGVARCHAR, std::min<SQLULEN>(field.length / mb, kMaxLongColumnSize), text_octets,
               "json");
      break;
    case MyType::Enum:
      set_text(c, SQL_WCHAR, text_chars, text_octets, "enum");
      break;
    case MyType::Set:
      set_text(c, SQL_WCHAR, text_chars, text_octets, "set");
      break;
    case MyType::Geometry:
      set_binary(c, SQL_LONGVARBINARY, bytes, "geometry");
      break;
    case MyType::TinyBlob:
    case MyType::MediumBlob:
    case MyType::LongBlob:
    case MyType::Blob:
      if (binary_charset) {
        set_binary(c, SQL_LONGVARBINARY, bytes, blob_name(field.length, true));
      } else {
        set_text(c, SQL_WLONGVARCHAR, text_chars, text_octets, blob_name(field.length / mb, false));
      }
      break;
    case MyType::VarChar:
    case MyType::VarString:
    case MyType::String:
    default: {
      const bool fixed = field.type == MyType::String;
      if (field.flags & kEnum) {
        set_text(c, SQL_WCHAR, text_chars, text_octets, "enum");
      } else if (field.flags & kSet) {
        set_text(c, SQL_WCHAR, text_chars, text_octets, "set");
      } else if (binary_charset) {
        set_binary(c, fixed ? SQL_BINARY : SQL_VARBINARY, bytes, fixed ? "binary" : "varbinary");
      } else {
        set_text(c, fixed ? SQL_WCHAR : SQL_WVARCHAR, text_chars, text_octets, fixed ? "char" : "varchar");
      }
      break;
    }
  }
  if (c.column_size == 0 && !c.is_binary) c.column_size = 1;  // CHAR(0): never report size 0
  if (!wide_text) {
    if (c.sql_type == SQL_WCHAR) c.sql_type = SQL_CHAR;
    if (c.sql_type == SQL_WVARCHAR) c.sql_type = SQL_VARCHAR;
    if (c.sql_type == SQL_WLONGVARCHAR) c.sql_type = SQL_LONGVARCHAR;
  }
  return c;
}

}  // namespace fabodbc
