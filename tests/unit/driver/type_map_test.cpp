// MySQL field metadata -> ODBC column description.
#include "driver/convert/type_map.h"

#include <gtest/gtest.h>

namespace fabodbc {
namespace {

FieldDesc field(MyType type, unsigned long length, unsigned flags = 0, unsigned charsetnr = 45,
                unsigned decimals = 0) {
  FieldDesc f;
  f.type = type;
  f.length = length;
  f.flags = flags;
  f.charsetnr = charsetnr;
  f.decimals = decimals;
  return f;
}

constexpr unsigned kUnsigned = field_flags::kUnsigned;
constexpr unsigned kNotNull = field_flags::kNotNull;

TEST(TypeMap, Integers) {
  auto c = describe_column(field(MyType::Long, 11, 0, 63));
  EXPECT_EQ(c.sql_type, SQL_INTEGER);
  EXPECT_EQ(c.column_size, 10u);
  EXPECT_EQ(c.display_size, 11);
  EXPECT_EQ(c.type_name, "int");
  EXPECT_FALSE(c.is_unsigned);
  EXPECT_EQ(c.nullable, SQL_NULLABLE);

  c = describe_column(field(MyType::Long, 10, kUnsigned | kNotNull, 63));
  EXPECT_EQ(c.type_name, "int unsigned");
  EXPECT_EQ(c.sql_type, SQL_BIGINT);  // 4294967295 must not reach clients as a signed 32-bit type
  EXPECT_EQ(c.column_size, 10u);
  EXPECT_TRUE(c.is_unsigned);
  EXPECT_EQ(c.display_size, 10);
  EXPECT_EQ(c.nullable, SQL_NO_NULLS);

  EXPECT_EQ(describe_column(field(MyType::Tiny, 4)).sql_type, SQL_TINYINT);
  EXPECT_EQ(describe_column(field(MyType::Short, 6)).sql_type, SQL_SMALLINT);
  EXPECT_EQ(describe_column(field(MyType::Int24, 9)).sql_type, SQL_INTEGER);
  // MEDIUMINT: column size 8 (7 digits and the sign, as MySQL Connector/ODBC has it) signed or
  // not, display size 8 either way.
  c = describe_column(field(MyType::Int24, 9));
  EXPECT_EQ(c.column_size, 8u);
  EXPECT_EQ(c.display_size, 8);
  EXPECT_EQ(c.octet_length, 4);
  EXPECT_EQ(c.type_name, "mediumint");
  c = describe_column(field(MyType::Int24, 8, kUnsigned));
  EXPECT_EQ(c.column_size, 8u);
  EXPECT_EQ(c.display_size, 8);
  EXPECT_EQ(c.type_name, "mediumint unsigned");
  c = describe_column(field(MyType::LongLong, 20, kUnsigned));
  EXPECT_EQ(c.sql_type, SQL_BIGINT);
  EXPECT_EQ(c.column_size, 20u);
  EXPECT_EQ(c.type_name, "bigint unsigned");
  EXPECT_EQ(describe_column(field(MyType::LongLong, 20)).column_size, 19u);
}

TEST(TypeMap, DecimalPrecisionAndScale) {
  // DECIMAL(10,2) signed: length = 10 + 1 (point) + 1 (sign) = 12.
  auto c = describe_column(field(MyType::NewDecimal, 12, 0, 63, 2));
  EXPECT_EQ(c.sql_type, SQL_DECIMAL);
  EXPECT_EQ(c.column_size, 10u);
  EXPECT_EQ(c.decimal_digits, 2);
  EXPECT_EQ(c.display_size, 12);
  // DECIMAL(5,0) unsigned: length 5, and so is its display: no point, no sign.
  c = describe_column(field(MyType::NewDecimal, 5, kUnsigned, 63, 0));
  EXPECT_EQ(c.column_size, 5u);
  EXPECT_EQ(c.decimal_digits, 0);
  EXPECT_EQ(c.display_size, 5);
  // DECIMAL(6,0) signed: the sign only.
  EXPECT_EQ(describe_column(field(MyType::NewDecimal, 7, 0, 63, 0)).display_size, 7);
}

TEST(TypeMap, AnsiApplicationsSeeTheNarrowTextTypes) {
  EXPECT_EQ(describe_column(field(MyType::String, 12, 0, 45), 4, false).sql_type, SQL_CHAR);
  EXPECT_EQ(describe_column(field(MyType::VarString, 80, 0, 45), 4, false).sql_type, SQL_VARCHAR);
  EXPECT_EQ(describe_column(field(MyType::Blob, 262140, field_flags::kBlob, 45), 4, false).sql_type, SQL_LONGVARCHAR);
  EXPECT_EQ(describe_column(field(MyType::String, 40, field_flags::kSet, 45), 4, false).sql_type, SQL_CHAR);
  // Binary columns stay binary.
  EXPECT_EQ(describe_column(field(MyType::Blob, 65535, field_flags::kBlob | field_flags::kBinary, 63), 4, false).sql_type,
            SQL_LONGVARBINARY);
  EXPECT_EQ(describe_column(field(MyType::VarString, 80, 0, 45), 4, true).sql_type, SQL_WVARCHAR);
}

TEST(TypeMap, FloatingPoint) {
  EXPECT_EQ(describe_column(field(MyType::Float, 12, 0, 63, 31)).sql_type, SQL_REAL);
  auto c = describe_column(field(MyType::Double, 22, 0, 63, 31));
  EXPECT_EQ(c.sql_type, SQL_DOUBLE);
  EXPECT_EQ(c.column_size, 15u);
  EXPECT_EQ(c.decimal_digits, 0);
}

TEST(TypeMap, TextIsUnicodeAndBinaryByCharset) {
  auto c = describe_column(field(MyType::VarString, 400, 0, 45));  // VARCHAR(100) utf8mb4
  EXPECT_EQ(c.sql_type, SQL_WVARCHAR);
  EXPECT_EQ(c.column_size, 100u);
  EXPECT_EQ(c.octet_length, 400);
  EXPECT_EQ(c.type_name, "varchar");
  EXPECT_FALSE(c.is_binary);

  c = describe_column(field(MyType::String, 40, 0, 45));  // CHAR(10)
  EXPECT_EQ(c.sql_type, SQL_WCHAR);
  EXPECT_EQ(c.column_size, 10u);

  c = describe_column(field(MyType::VarString, 16, field_flags::kBinary, 63));  // VARBINARY(16)
  EXPECT_EQ(c.sql_type, SQL_VARBINARY);
  EXPECT_EQ(c.column_size, 16u);
  EXPECT_TRUE(c.is_binary);
  EXPECT_EQ(c.type_name, "varbinary");
  EXPECT_EQ(describe_column(field(MyType::String, 4, field_flags::kBinary, 63)).sql_type, SQL_BINARY);

  // utf8mb3 connection: 3 bytes per character.
  EXPECT_EQ(describe_column(field(MyType::VarString, 300, 0, 33), 3).column_size, 100u);
}

TEST(TypeMap, LongColumnsAreCapped) {
  auto c = describe_column(field(MyType::Blob, 4294967295UL, field_flags::kBlob, 45));
  EXPECT_EQ(c.sql_type, SQL_WLONGVARCHAR);
  EXPECT_EQ(c.type_name, "longtext");
  EXPECT_EQ(c.column_size, kMaxLongColumnSize);
  EXPECT_LE(static_cast<SQLULEN>(c.octet_length), kMaxLongColumnSize);

  c = describe_column(field(MyType::Blob, 4294967295UL, field_flags::kBlob | field_flags::kBinary, 63));
  EXPECT_EQ(c.sql_type, SQL_LONGVARBINARY);
  EXPECT_EQ(c.type_name, "longblob");
  EXPECT_EQ(c.column_size, kMaxLongColumnSize);

  c = describe_column(field(MyType::Blob, 262140, field_flags::kBlob, 45));  // TEXT in utf8mb4
  EXPECT_EQ(c.type_name, "text");
  EXPECT_EQ(c.column_size, 65535u);
  EXPECT_EQ(describe_column(field(MyType::Blob, 65535, 0, 63)).type_name, "blob");
}

TEST(TypeMap, DateTimeTypes) {
  auto c = describe_column(field(MyType::Date, 10, 0, 63));
  EXPECT_EQ(c.sql_type, SQL_TYPE_DATE);
  EXPECT_EQ(c.column_size, 10u);
  c = describe_column(field(MyType::DateTime, 26, 0, 63, 6));
  EXPECT_EQ(c.sql_type, SQL_TYPE_TIMESTAMP);
  EXPECT_EQ(c.column_size, 26u);
  EXPECT_EQ(c.decimal_digits, 6);
  EXPECT_EQ(c.type_name, "datetime");
  c = describe_column(field(MyType::Timestamp, 19, 0, 63, 0));
  EXPECT_EQ(c.column_size, 19u);
  EXPECT_EQ(c.type_name, "timestamp");
  c = describe_column(field(MyType::Time, 10, 0, 63, 1));
  EXPECT_EQ(c.sql_type, SQL_TYPE_TIME);
  EXPECT_EQ(c.column_size, 10u);
  EXPECT_EQ(c.decimal_digits, 1);
  // "Not fixed" decimals from expressions are clamped to microseconds.
  EXPECT_EQ(describe_column(field(MyType::DateTime, 26, 0, 63, 39)).decimal_digits, 6);
}

TEST(TypeMap, YearBitEnumSetJson) {
  auto c = describe_column(field(MyType::Year, 4, kUnsigned, 63));
  EXPECT_EQ(c.sql_type, SQL_SMALLINT);
  EXPECT_EQ(c.type_name, "year");
  c = describe_column(field(MyType::Bit, 1, kUnsigned, 63));
  EXPECT_EQ(c.sql_type, SQL_BIT);
  EXPECT_EQ(c.column_size, 1u);
  c = describe_column(field(MyType::Bit, 12, kUnsigned, 63));
  EXPECT_EQ(c.sql_type, SQL_BINARY);
  EXPECT_EQ(c.column_size, 2u);
  EXPECT_TRUE(c.is_binary);
  c = describe_column(field(MyType::String, 20, field_flags::kEnum, 45));
  EXPECT_EQ(c.sql_type, SQL_WCHAR);
  EXPECT_EQ(c.type_name, "enum");
  c = describe_column(field(MyType::String, 40, field_flags::kSet, 45));
  EXPECT_EQ(c.sql_type, SQL_WCHAR);  // ENUM and SET alike, as both incumbents report them
  EXPECT_EQ(c.type_name, "set");
  c = describe_column(field(MyType::Json, 4294967295UL, field_flags::kBlob, 63));  // MySQL: charset 63
  EXPECT_EQ(c.sql_type, SQL_WLONGVARCHAR);
  EXPECT_FALSE(c.is_binary);
  EXPECT_EQ(c.type_name, "json");
}

TEST(TypeMap, AutoIncrementAndCaseSensitivity) {
  auto c = describe_column(field(MyType::Long, 11, field_flags::kAutoIncrement | kNotNull, 63));
  EXPECT_TRUE(c.auto_increment);
  EXPECT_FALSE(describe_column(field(MyType::VarString, 40, 0, 45)).case_sensitive);
  EXPECT_TRUE(describe_column(field(MyType::VarString, 40, field_flags::kBinary, 46)).case_sensitive);
}

}  // namespace
}  // namespace fabodbc
