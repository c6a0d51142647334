// SQLGetTypeInfo rows: ODBC ordering, filtering, and agreement with describe_column.
#include "driver/convert/type_map.h"
#include "driver/info/type_info.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

namespace fabodbc {
namespace {

TEST(TypeInfo, OrderedByDataTypeAscending) {
  const auto rows = type_info_rows(SQL_ALL_TYPES);
  ASSERT_GT(rows.size(), 20u);
  for (size_t i = 1; i < rows.size(); ++i) EXPECT_LE(rows[i - 1]->data_type, rows[i]->data_type) << i;
}

TEST(TypeInfo, ApproximateTypesOfferPrecisionAndScale) {
  // As MariaDB Connector/ODBC reports FLOAT and DOUBLE: DDL built from CREATE_PARAMS may give both.
  for (SQLSMALLINT type : {SQL_FLOAT, SQL_REAL, SQL_DOUBLE}) {
    const auto rows = type_info_rows(type);
    ASSERT_FALSE(rows.empty()) << type;
    for (auto* r : rows) {
      ASSERT_NE(r->create_params, nullptr) << r->type_name;
      EXPECT_STREQ(r->create_params, "precision,scale") << r->type_name;
    }
  }
}

TEST(TypeInfo, FilterAndBestMatchFirst) {
  auto rows = type_info_rows(SQL_WVARCHAR);
  ASSERT_FALSE(rows.empty());
  for (auto* r : rows) EXPECT_EQ(r->data_type, SQL_WVARCHAR);
  EXPECT_STREQ(rows[0]->type_name, "varchar");
  rows = type_info_rows(SQL_INTEGER);
  ASSERT_GE(rows.size(), 2u);
  EXPECT_STREQ(rows[0]->type_name, "int");
  rows = type_info_rows(SQL_TYPE_TIMESTAMP);
  ASSERT_FALSE(rows.empty());
  EXPECT_STREQ(rows[0]->type_name, "datetime");
  EXPECT_EQ(rows[0]->column_size, 26);  // pyodbc derives fractional precision from this
  EXPECT_EQ(rows[0]->sql_data_type, SQL_DATETIME);
  EXPECT_EQ(rows[0]->sql_datetime_sub, SQL_CODE_TIMESTAMP);
  // pyodbc's connect-time probes all find a row.
  for (SQLSMALLINT t : {SQL_VARCHAR, SQL_WVARCHAR, SQL_VARBINARY, SQL_TYPE_TIMESTAMP})
    EXPECT_FALSE(type_info_rows(t).empty()) << t;
  EXPECT_TRUE(type_info_rows(SQL_GUID).empty());
}

TEST(TypeInfo, RowsAreWellFormed) {
  for (const TypeInfoRow* r : type_info_rows(SQL_ALL_TYPES)) {
    SCOPED_TRACE(r->type_name);
    ASSERT_NE(r->type_name, nullptr);
    ASSERT_TRUE(r->column_size.has_value());
    EXPECT_GT(*r->column_size, 0);
    EXPECT_EQ(r->nullable, SQL_NULLABLE);
    const bool quoted = r->literal_prefix && std::strcmp(r->literal_prefix, "'") == 0;
    EXPECT_EQ(quoted, r->literal_suffix != nullptr && std::strcmp(r->literal_suffix, "'") == 0);
    if (r->data_type == SQL_TYPE_DATE || r->data_type == SQL_TYPE_TIME || r->data_type == SQL_TYPE_TIMESTAMP) {
      EXPECT_EQ(r->sql_data_type, SQL_DATETIME);
      EXPECT_TRUE(r->sql_datetime_sub.has_value());
    } else {
      EXPECT_EQ(r->sql_data_type, r->data_type);
      EXPECT_FALSE(r->sql_datetime_sub.has_value());
    }
    if (r->unsigned_attribute.has_value() && *r->unsigned_attribute == SQL_TRUE) {
      const std::string name = r->type_name;
      EXPECT_TRUE(name.find("unsigned") != std::string::npos || name == "year");
    }
  }
}

FieldDesc field(MyType type, unsigned long length, unsigned flags, unsigned charsetnr, unsigned decimals = 0) {
  FieldDesc f;
  f.type = type;
  f.length = length;
  f.flags = flags;
  f.charsetnr = charsetnr;
  f.decimals = decimals;
  return f;
}

// Every column shape describe_column produces (at its maximum size) has a type-info row with
// the same SQL type and type name, whose COLUMN_SIZE is not smaller.
TEST(TypeInfo, ConsistentWithDescribeColumn) {
  using namespace field_flags;
  const FieldDesc fields[] = {
      field(MyType::Tiny, 4, 0, 63), field(MyType::Tiny, 3, kUnsigned, 63),
      field(MyType::Short, 6, 0, 63), field(MyType::Short, 5, kUnsigned, 63),
      field(MyType::Int24, 9, 0, 63), field(MyType::Int24, 8, kUnsigned, 63),
      field(MyType::Long, 11, 0, 63), field(MyType::Long, 10, kUnsigned, 63),
      field(MyType::LongLong, 20, 0, 63), field(MyType::LongLong, 20, kUnsigned, 63),
      field(MyType::NewDecimal, 67, 0, 63, 30), field(MyType::NewDecimal, 65, kUnsigned, 63, 0),
      field(MyType::Float, 12, 0, 63, 31), field(MyType::Double, 22, 0, 63, 31),
      field(MyType::Year, 4, kUnsigned, 63), field(MyType::Bit, 1, kUnsigned, 63),
      field(MyType::Date, 10, 0, 63), field(MyType::Time, 17, 0, 63, 6),
      field(MyType::DateTime, 26, 0, 63, 6), field(MyType::Timestamp, 26, 0, 63, 6),
      field(MyType::VarString, 65532, 0, 45), field(MyType::String, 1020, 0, 45),
      field(MyType::VarString, 65535, kBinary, 63), field(MyType::String, 255, kBinary, 63),
      field(MyType::Blob, 1020, kBlob, 45), field(MyType::Blob, 262140, kBlob, 45),
      field(MyType::Blob, 67108860, kBlob, 45), field(MyType::Blob, 4294967295UL, kBlob, 45),
      field(MyType::Blob, 255, kBlob | kBinary, 63), field(MyType::Blob, 65535, kBlob | kBinary, 63),
      field(MyType::Blob, 16777215, kBlob | kBinary, 63), field(MyType::Blob, 4294967295UL, kBlob | kBinary, 63),
      field(MyType::Json, 4294967295UL, kBlob, 63),
  };
  for (const FieldDesc& f : fields) {
    const ColumnInfo c = describe_column(f);
    SCOPED_TRACE(c.type_name + " sql_type " + std::to_string(c.sql_type));
    const TypeInfoRow* match = nullptr;
    for (const TypeInfoRow* r : type_info_rows(c.sql_type))
      if (c.type_name == r->type_name) match = r;
    ASSERT_NE(match, nullptr);
    // VARCHAR and VARBINARY report a size a CREATE TABLE of several such columns accepts
    // (255, as both incumbents), not the 65535-byte row limit; TIME reports hh:mm:ss (8), its
    // fraction digits are MAXIMUM_SCALE.
    if (c.type_name == "varchar" || c.type_name == "varbinary") {
      EXPECT_EQ(*match->column_size, 255);
      continue;
    }
    if (c.type_name == "time") {
      EXPECT_EQ(*match->column_size, 8);
      EXPECT_EQ(*match->maximum_scale, 6);
      continue;
    }
    EXPECT_GE(static_cast<SQLULEN>(*match->column_size), c.column_size);
    if (match->maximum_scale) {
      EXPECT_GE(*match->maximum_scale, c.decimal_digits);
    }
    if (match->unsigned_attribute) {
      EXPECT_EQ(*match->unsigned_attribute == SQL_TRUE, c.is_unsigned);
    }
  }
}

}  // namespace
}  // namespace fabodbc
