// parse_insert_target: which column each marker of an INSERT fills (SQLDescribeParam).
#include "driver/sql/insert_target.h"

#include <gtest/gtest.h>

namespace fabodbc::sql {
namespace {

const LexRules kRules;

TEST(InsertTarget, ColumnListAndMarkers) {
  auto t = parse_insert_target("INSERT INTO orders (id, `total`, note) VALUES (?, ?, ?)", kRules);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->table, "`orders`");
  EXPECT_EQ(t->columns, (std::vector<std::string>{"`id`", "`total`", "`note`"}));
  EXPECT_EQ(t->marker_columns, (std::vector<int>{0, 1, 2}));
}

TEST(InsertTarget, QualifiedTableNoColumnListAndModifiers) {
  auto t = parse_insert_target("insert low_priority ignore `shop`.items values (1, ?, 'a?b', ?)", kRules);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->table, "`shop`.`items`");
  EXPECT_TRUE(t->columns.empty());
  EXPECT_EQ(t->marker_columns, (std::vector<int>{1, 3}));  // the ? in the string is no marker
}

TEST(InsertTarget, SeveralRowsExpressionsAndOnDuplicateKey) {
  auto t = parse_insert_target(
      "REPLACE INTO t (a, b) VALUES (?, ? + 1), (/* c */ ?, COALESCE(?, 0)) ON DUPLICATE KEY UPDATE b = ?", kRules);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->marker_columns, (std::vector<int>{0, -1, 0, -1, -1}));
}

TEST(InsertTarget, QualifiedColumnNames) {
  auto t = parse_insert_target("INSERT INTO t (t.a, `t`.`b c`) VALUE (?, ?)", kRules);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->columns, (std::vector<std::string>{"`a`", "`b c`"}));
}

TEST(InsertTarget, OtherStatementsAreNotAnalysed) {
  EXPECT_FALSE(parse_insert_target("SELECT * FROM t WHERE a = ?", kRules));
  EXPECT_FALSE(parse_insert_target("INSERT INTO t (a) SELECT ? FROM dual", kRules));
  EXPECT_FALSE(parse_insert_target("INSERT INTO t SET a = ?", kRules));
  EXPECT_FALSE(parse_insert_target("INSERT INTO t (a + 1) VALUES (?)", kRules));
  EXPECT_FALSE(parse_insert_target("INSERT INTO t (a) VALUES (?", kRules));  // unbalanced: no throw
  EXPECT_FALSE(parse_insert_target("INSERT INTO t (a) VALUES ('?)", kRules));
  EXPECT_FALSE(parse_insert_target("", kRules));
}

}  // namespace
}  // namespace fabodbc::sql
