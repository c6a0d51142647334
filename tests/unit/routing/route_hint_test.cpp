// Routing hints in SQL: what is a hint, what it changes, and the errors that name it.
#include "driver/error.h"
#include "driver/routing/route_hint.h"

#include <gtest/gtest.h>

namespace fabodbc::routing {
namespace {

std::string error_of(const std::string& sql) {
  try {
    parse_route_hint(sql);
  } catch (const OdbcError& e) {
    EXPECT_EQ(e.sqlstate(), "42000") << sql;
    return e.what();
  }
  return "";
}

RouteTarget by_key(const std::string& key) {
  RouteTarget t;
  t.tables = {"db.orders"};
  t.key = key;
  return t;
}

TEST(RouteHint, TheFormsOfTheIssue) {
  auto h = parse_route_hint("/* fabric: key=1234 */ SELECT 1");
  ASSERT_TRUE(h);
  EXPECT_FALSE(h->set);
  EXPECT_EQ(*h->key, "1234");
  EXPECT_TRUE(h->statement_follows);
  h = parse_route_hint("  \n/* FABRIC: tables=shop.orders key=77 mode=read_only */ SELECT 1");
  ASSERT_TRUE(h);
  EXPECT_EQ(*h->tables, "shop.orders");
  EXPECT_EQ(*h->key, "77");
  EXPECT_TRUE(*h->read_only);
  h = parse_route_hint("/* fabric: group=reports */ SELECT 1");
  EXPECT_EQ(*h->group, "reports");
  h = parse_route_hint("/*fabric: scope=global*/ CREATE TABLE t (i INT)");
  EXPECT_TRUE(*h->global_scope);
  h = parse_route_hint("/* fabric: set key=1234 */");
  EXPECT_TRUE(h->set);
  EXPECT_FALSE(h->statement_follows);
  h = parse_route_hint("/* fabric: set key='a key'' with quotes' */ ;");
  EXPECT_EQ(*h->key, "a key' with quotes");
  EXPECT_FALSE(h->statement_follows);
}

TEST(RouteHint, OtherCommentsAreNotHints) {
  for (const char* sql : {"SELECT /* fabric: key=1 */ 1", "/*+ MAX_EXECUTION_TIME(10) */ SELECT 1",
                          "/*!50000 SELECT 1 */", "/* fabricate */ SELECT 1", "-- fabric: key=1\nSELECT 1",
                          "SELECT 1"}) {
    EXPECT_FALSE(parse_route_hint(sql)) << sql;
    EXPECT_FALSE(starts_with_route_hint(sql)) << sql;
  }
}

TEST(RouteHint, MalformedHintsAreErrorsNamingTheHint) {
  EXPECT_NE(error_of("/* fabric: colour=red */ SELECT 1").find("unknown name 'colour'"), std::string::npos);
  EXPECT_NE(error_of("/* fabric: key */ SELECT 1").find("needs a value"), std::string::npos);
  EXPECT_NE(error_of("/* fabric: mode=fast */ SELECT 1").find("mode must be"), std::string::npos);
  EXPECT_NE(error_of("/* fabric: scope=everywhere */ SELECT 1").find("scope must be"), std::string::npos);
  EXPECT_NE(error_of("/* fabric: */ SELECT 1").find("says nothing"), std::string::npos);
  EXPECT_NE(error_of("/* fabric: group=g tables=db.t */ SELECT 1").find("both a group and tables"), std::string::npos);
  EXPECT_NE(error_of("/* fabric: tables=orders key=1 */ SELECT 1"), "") << "tables are db.table";
  EXPECT_NE(error_of("/* fabric: key=1 SELECT 1").find("not closed"), std::string::npos);
  EXPECT_NE(error_of("/* fabric: key='1 */ SELECT 1").find("not closed"), std::string::npos);
  EXPECT_NE(error_of("/* fabric: colour=red */ SELECT 1").find("/* fabric: colour=red */"), std::string::npos)
      << "the message quotes the hint";
}

TEST(RouteHint, AppliedToTheConnectionsRoute) {
  const RouteTarget base = by_key("5");
  RouteTarget t = parse_route_hint("/* fabric: key=10005 */ SELECT 1")->applied_to(base);
  EXPECT_EQ(t.key, "10005");
  EXPECT_EQ(t.tables, base.tables);
  t = parse_route_hint("/* fabric: group=ha mode=ro */ SELECT 1")->applied_to(base);
  EXPECT_EQ(t.group, "ha");
  EXPECT_TRUE(t.tables.empty()) << "a group replaces the tables";
  EXPECT_TRUE(t.read_only);
  RouteTarget group_route;
  group_route.group = "ha";
  t = parse_route_hint("/* fabric: tables=db.orders key=3 */ SELECT 1")->applied_to(group_route);
  EXPECT_TRUE(t.group.empty());
  try {
    parse_route_hint("/* fabric: tables=db.orders */ SELECT 1")->applied_to(group_route);
    FAIL() << "LOCAL scope without a key";
  } catch (const OdbcError& e) {
    EXPECT_EQ(e.sqlstate(), "HY000");
    EXPECT_NE(std::string(e.what()).find("Fabric routing:"), std::string::npos);
  }
}

}  // namespace
}  // namespace fabodbc::routing
