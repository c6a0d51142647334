// The driver's ordering of INFORMATION_SCHEMA tables (utf8mb3_general_ci on ASCII names).
// The integration test CatalogColumnsOrder checks the same against the server's ORDER BY.
#include "driver/catalog/catalog_order.h"

#include <gtest/gtest.h>

#include <string>

namespace fabodbc {
namespace {

int sign(int v) { return v < 0 ? -1 : v > 0 ? 1 : 0; }

TEST(CatalogOrder, GeneralCiOnAscii) {
  EXPECT_EQ(compare_general_ci_ascii("abc", "ABC"), 0);
  EXPECT_EQ(sign(compare_general_ci_ascii("a", "B")), -1);
  EXPECT_EQ(sign(compare_general_ci_ascii("Z", "a")), 1);
  // '_' (0x5F) sorts after the letters' upper case, '[' (0x5B) and '~' as themselves.
  EXPECT_EQ(sign(compare_general_ci_ascii("b_2", "Beta")), 1);
  EXPECT_EQ(sign(compare_general_ci_ascii("a[", "aZ")), 1);
  EXPECT_EQ(sign(compare_general_ci_ascii("a~", "a_")), 1);
  // PAD SPACE: trailing spaces do not count; a control character sorts before the padding.
  EXPECT_EQ(compare_general_ci_ascii("a ", "a"), 0);
  EXPECT_EQ(sign(compare_general_ci_ascii("a\t", "a")), -1);
  EXPECT_EQ(sign(compare_general_ci_ascii("a", "a\t")), 1);
  EXPECT_EQ(sign(compare_general_ci_ascii("a", "ab")), -1);
  EXPECT_EQ(sign(compare_general_ci_ascii("a b", "a")), 1);
}

TEST(CatalogOrder, RunsSortedByTableName) {
  const std::string schema = "db";
  std::vector<TableRun> runs = {{schema, "t2", 0, 3}, {schema, "T10", 3, 1}, {schema, "a", 4, 2}};
  ASSERT_TRUE(order_runs_general_ci(runs));
  EXPECT_EQ(runs[0].table, "a");
  EXPECT_EQ(runs[1].table, "T10");
  EXPECT_EQ(runs[2].table, "t2");
  EXPECT_EQ(runs[2].first, 0u);
}

TEST(CatalogOrder, RefusesWhatOnlyTheServerCanOrder) {
  const std::string schema = "db";
  std::vector<TableRun> tie = {{schema, "T1", 0, 2}, {schema, "t1", 2, 2}};
  EXPECT_FALSE(order_runs_general_ci(tie));  // their rows interleave by ordinal
  std::vector<TableRun> accented = {{schema, "caf\xc3\xa9", 0, 1}, {schema, "cafe2", 1, 1}};
  EXPECT_FALSE(order_runs_general_ci(accented));
  std::vector<TableRun> empty;
  EXPECT_TRUE(order_runs_general_ci(empty));
}

}  // namespace
}  // namespace fabodbc
