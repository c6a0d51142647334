// PositionedTable: which results are one base table, which key identifies a row, and the SQL
// text of positioned changes (identifiers quoted, every value a `?` parameter).
#include "driver/error.h"
#include "driver/statement/positioned_table.h"

#include <gtest/gtest.h>

namespace fabodbc {
namespace {

ColumnInfo column(const std::string& name, const std::string& table = "t", const std::string& org_name = "",
                  MyType type = MyType::Long) {
  ColumnInfo c;
  c.field.name = name;
  c.field.org_name = org_name.empty() ? name : org_name;
  c.field.table = table;
  c.field.org_table = table;
  c.field.db = "shop";
  c.field.type = type;
  return c;
}

std::string error_of(const std::vector<ColumnInfo>& columns) {
  try {
    PositionedTable table(columns);
  } catch (const OdbcError& e) {
    return e.sqlstate() + std::string(": ") + e.what();
  }
  return "";
}

TEST(PositionedTable, RefusesExpressionsAndJoins) {
  ColumnInfo expression = column("twice");
  expression.field.org_table.clear();
  expression.field.org_name.clear();
  EXPECT_NE(error_of({column("id"), expression}).find("HY000: positioned changes need columns of one base table: "
                                                       "column 2 (twice) is an expression"),
            std::string::npos);
  EXPECT_NE(error_of({column("id"), column("tag", "tags")}).find("joins several tables"), std::string::npos);
  // The same table under two aliases is two row sources.
  ColumnInfo other_alias = column("name");
  other_alias.field.table = "b";
  EXPECT_NE(error_of({column("id"), other_alias}).find("joins several tables"), std::string::npos);
  EXPECT_EQ(error_of({column("id"), column("name")}), "");
}

TEST(PositionedTable, GeneratedSqlQuotesIdentifiersAndUsesParameters) {
  ColumnInfo odd = column("label", "we`ird", "na`me");
  ColumnInfo first = column("id", "we`ird");
  PositionedTable table({first, odd, column("f", "we`ird", "", MyType::Float)});
  EXPECT_EQ(table.insert_sql({0, 1}), "INSERT INTO `shop`.`we``ird` (`id`, `na``me`) VALUES (?, ?)");
  // FLOAT columns are not compared.
  const std::vector<size_t> where = table.value_columns();
  EXPECT_EQ(where, (std::vector<size_t>{0, 1}));
  EXPECT_EQ(table.update_sql({1}, where, true),
            "UPDATE `shop`.`we``ird` SET `na``me` = ? WHERE `id` <=> ? AND `na``me` <=> ? LIMIT 1");
  EXPECT_EQ(table.delete_sql(where, false), "DELETE FROM `shop`.`we``ird` WHERE `id` <=> ? AND `na``me` <=> ?");
  EXPECT_EQ(table.count_sql({0}), "SELECT COUNT(*) FROM `shop`.`we``ird` WHERE `id` <=> ?");
  EXPECT_EQ(table.select_sql({0}), "SELECT `id`, `na``me`, `f` FROM `shop`.`we``ird` WHERE `id` <=> ? LIMIT 1");
  EXPECT_EQ(table.insert_sql({}), "INSERT INTO `shop`.`we``ird` () VALUES ()");
}

TEST(PositionedTable, OnlyFloatColumnsIdentifyNothing) {
  PositionedTable table({column("f", "t", "", MyType::Float)});
  EXPECT_THROW(table.value_columns(), OdbcError);
}

TEST(PositionedTable, ChoosesTheFirstUniqueKeyCompletelyInTheResult) {
  PositionedTable table({column("code"), column("name"), column("Serial")});
  // PRIMARY (id) is not in the result; u_name allows NULL; u_code_serial is complete.
  table.choose_key({{"PRIMARY", "id", false},
                    {"u_name", "name", true},
                    {"u_code_serial", "code", false},
                    {"u_code_serial", "serial", false}});
  ASSERT_TRUE(table.has_key());
  EXPECT_EQ(table.key_columns(), (std::vector<size_t>{0, 2}));  // names compare case-insensitively
  table.choose_key({{"PRIMARY", "id", false}, {"u_name", "name", true}});
  EXPECT_FALSE(table.has_key());
  table.choose_key({});
  EXPECT_FALSE(table.has_key());
}

TEST(PositionedTable, DescribesTheSameQueryAgain) {
  PositionedTable table({column("id"), column("name")});
  EXPECT_TRUE(table.describes({column("id"), column("name")}));
  EXPECT_FALSE(table.describes({column("id")}));
  EXPECT_FALSE(table.describes({column("id"), column("name", "u")}));
}

}  // namespace
}  // namespace fabodbc
