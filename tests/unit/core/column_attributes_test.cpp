#include "driver/descriptor/column_attributes.h"
#include "driver/error.h"

#include <gtest/gtest.h>

namespace fabodbc {
namespace {

ColumnInfo varchar_column() {
  ColumnInfo c;
  c.field.name = "label";
  c.field.org_name = "name";
  c.field.table = "t_alias";
  c.field.org_table = "t";
  c.field.db = "shop";
  c.sql_type = SQL_VARCHAR;
  c.column_size = 32;
  c.octet_length = 128;
  c.display_size = 32;
  c.nullable = SQL_NULLABLE;
  c.type_name = "varchar";
  return c;
}

TEST(ColumnAttributes, NamesAndTables) {
  ColumnInfo c = varchar_column();
  EXPECT_EQ(column_attribute(c, SQL_DESC_NAME).text, "label");
  EXPECT_EQ(column_attribute(c, SQL_DESC_LABEL).text, "label");
  EXPECT_EQ(column_attribute(c, SQL_DESC_BASE_COLUMN_NAME).text, "name");
  EXPECT_EQ(column_attribute(c, SQL_DESC_TABLE_NAME).text, "t_alias");
  EXPECT_EQ(column_attribute(c, SQL_DESC_BASE_TABLE_NAME).text, "t");
  EXPECT_EQ(column_attribute(c, SQL_DESC_CATALOG_NAME).text, "shop");
  EXPECT_EQ(column_attribute(c, SQL_DESC_SCHEMA_NAME).text, "");
  EXPECT_EQ(column_attribute(c, SQL_DESC_TYPE_NAME).text, "varchar");
  EXPECT_TRUE(column_attribute(c, SQL_DESC_NAME).is_string);
  EXPECT_FALSE(column_attribute(c, SQL_DESC_LENGTH).is_string);
}

TEST(ColumnAttributes, OnlyTableColumnsMayBeUpdatable) {
  ColumnInfo c = varchar_column();
  EXPECT_EQ(column_attribute(c, SQL_DESC_UPDATABLE).number, SQL_ATTR_READWRITE_UNKNOWN);
  c.field.org_table.clear();  // an expression
  c.field.org_name.clear();
  EXPECT_EQ(column_attribute(c, SQL_DESC_UPDATABLE).number, SQL_ATTR_READONLY);
}

TEST(ColumnAttributes, SizesAndFlags) {
  ColumnInfo c = varchar_column();
  EXPECT_EQ(column_attribute(c, SQL_DESC_CONCISE_TYPE).number, SQL_VARCHAR);
  EXPECT_EQ(column_attribute(c, SQL_DESC_LENGTH).number, 32);
  EXPECT_EQ(column_attribute(c, SQL_DESC_OCTET_LENGTH).number, 128);
  EXPECT_EQ(column_attribute(c, SQL_DESC_DISPLAY_SIZE).number, 32);
  EXPECT_EQ(column_attribute(c, SQL_DESC_NULLABLE).number, SQL_NULLABLE);
  EXPECT_EQ(column_attribute(c, SQL_DESC_UNSIGNED).number, SQL_TRUE);  // not numeric
  EXPECT_EQ(column_attribute(c, SQL_DESC_UNNAMED).number, SQL_NAMED);
  EXPECT_EQ(column_attribute(c, SQL_DESC_LITERAL_PREFIX).text, "'");
}

TEST(ColumnAttributes, NumericAndDatetime) {
  ColumnInfo c;
  c.sql_type = SQL_INTEGER;
  c.column_size = 10;
  c.is_unsigned = false;
  EXPECT_EQ(column_attribute(c, SQL_DESC_UNSIGNED).number, SQL_FALSE);
  EXPECT_EQ(column_attribute(c, SQL_DESC_NUM_PREC_RADIX).number, 10);
  EXPECT_EQ(column_attribute(c, SQL_DESC_UNNAMED).number, SQL_UNNAMED);
  c.is_unsigned = true;
  EXPECT_EQ(column_attribute(c, SQL_DESC_UNSIGNED).number, SQL_TRUE);
  c.sql_type = SQL_TYPE_TIMESTAMP;
  c.decimal_digits = 6;
  EXPECT_EQ(column_attribute(c, SQL_DESC_TYPE).number, SQL_DATETIME);
  EXPECT_EQ(column_attribute(c, SQL_DESC_DATETIME_INTERVAL_CODE).number, SQL_CODE_TIMESTAMP);
  EXPECT_EQ(column_attribute(c, SQL_DESC_PRECISION).number, 6);
  EXPECT_EQ(verbose_sql_type(SQL_TYPE_DATE), SQL_DATETIME);
  EXPECT_EQ(verbose_sql_type(SQL_BIGINT), SQL_BIGINT);
}

TEST(ColumnAttributes, UnknownFieldIsHY091) {
  try {
    column_attribute(varchar_column(), 4242);
    FAIL() << "no exception";
  } catch (const OdbcError& e) {
    EXPECT_EQ(e.sqlstate(), "HY091");
  }
}

}  // namespace
}  // namespace fabodbc
