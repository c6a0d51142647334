#include "driver/statement/parameter_markers.h"

#include <gtest/gtest.h>

namespace fabodbc {
namespace {

std::vector<size_t> at(std::initializer_list<size_t> l) { return l; }

TEST(ParameterMarkers, FindsPlainMarkers) {
  EXPECT_EQ(find_parameter_markers("SELECT ? , ?"), at({7, 11}));
  EXPECT_TRUE(find_parameter_markers("SELECT 1").empty());
}

TEST(ParameterMarkers, SkipsQuotesBackticksAndComments) {
  std::string sql = "SELECT '?', \"?\", `a?b`, ? -- ?\n, ? # ?\n /* ? */ ?";
  auto m = find_parameter_markers(sql);
  ASSERT_EQ(m.size(), 3u);
  for (size_t p : m) EXPECT_EQ(sql[p], '?');
  EXPECT_EQ(m[0], sql.find(", ?") + 2);
}

TEST(ParameterMarkers, HandlesEscapesAndDoubledQuotes) {
  EXPECT_EQ(find_parameter_markers("SELECT 'it''s ?', ?").size(), 1u);
  EXPECT_EQ(find_parameter_markers("SELECT 'a\\'?', ?").size(), 1u);
  // Without backslash escapes the backslash ends nothing: the quote closes the string.
  EXPECT_EQ(find_parameter_markers("SELECT 'a\\', ?", false).size(), 1u);
  EXPECT_EQ(find_parameter_markers("SELECT 'a\\', ?", true).size(), 0u);
}

TEST(ParameterMarkers, DashDashNeedsASpaceToBeAComment) {
  EXPECT_EQ(find_parameter_markers("SELECT 1--?").size(), 1u);
  EXPECT_EQ(find_parameter_markers("SELECT 1-- ?").size(), 0u);
}

TEST(ParameterMarkers, UnterminatedQuoteSwallowsTheRest) {
  EXPECT_EQ(find_parameter_markers("SELECT '?").size(), 0u);
  EXPECT_EQ(find_parameter_markers("SELECT /* ?").size(), 0u);
}

TEST(ParameterMarkers, Substitutes) {
  std::string sql = "INSERT INTO t VALUES (?, '?', ?)";
  auto m = find_parameter_markers(sql);
  EXPECT_EQ(substitute_parameters(sql, m, {"1", "'x'"}), "INSERT INTO t VALUES (1, '?', 'x')");
}

TEST(ParameterMarkers, FirstKeyword) {
  EXPECT_EQ(first_keyword("  /* c */ call p()"), "CALL");
  EXPECT_EQ(first_keyword("(select 1)"), "SELECT");
  EXPECT_EQ(first_keyword("-- x\nInsert into t"), "INSERT");
  EXPECT_EQ(first_keyword(""), "");
}

TEST(ParameterMarkers, SeveralStatements) {
  EXPECT_TRUE(has_several_statements("INSERT INTO t VALUES (?); SELECT * FROM t"));
  EXPECT_TRUE(has_several_statements("SELECT 1;SELECT 2;"));
  // One statement with a trailing ';', blanks or comments after it.
  EXPECT_FALSE(has_several_statements("SELECT 1;"));
  EXPECT_FALSE(has_several_statements("SELECT 1 ;  \n"));
  EXPECT_FALSE(has_several_statements("SELECT 1; -- done\n"));
  EXPECT_FALSE(has_several_statements("SELECT 1; /* done */"));
  EXPECT_FALSE(has_several_statements("SELECT 1"));
  // A ';' inside a string, an identifier or a comment separates nothing.
  EXPECT_FALSE(has_several_statements("SELECT 'a;b', `c;d` FROM t /* ; x */"));
  EXPECT_FALSE(has_several_statements("SELECT 'it\\'s; still'", true));
  EXPECT_TRUE(has_several_statements("SELECT 'it\\'; SELECT 2", false));
}

}  // namespace
}  // namespace fabodbc
