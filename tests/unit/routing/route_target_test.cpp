#include "driver/error.h"
#include "driver/routing/route_target.h"

#include <gtest/gtest.h>

namespace fabodbc::routing {
namespace {

FabricSettings settings(const std::string& group, const std::string& tables, const std::string& key,
                        bool global = false) {
  FabricSettings s;
  s.host = "fabric";
  s.group = group;
  s.tables = tables;
  s.key = key;
  s.global_scope = global;
  return s;
}

std::string connect_error(const FabricSettings& s) {
  try {
    RouteTarget::from(s);
  } catch (const OdbcError& e) {
    return e.sqlstate() + ": " + e.what();
  }
  return "no error";
}

TEST(RouteTarget, GroupRoute) {
  RouteTarget t = RouteTarget::from(settings("ha1", "", ""));
  EXPECT_EQ(t.group, "ha1");
  fabric::RouteRequest r = t.request();
  EXPECT_EQ(r.group, "ha1");
  EXPECT_TRUE(r.tables.empty());
  EXPECT_EQ(r.mode, fabric::AccessMode::ReadWrite);
}

TEST(RouteTarget, ShardRouteWithSeveralTables) {
  FabricSettings s = settings("", " db.orders , db.lines", "42");
  s.read_only = true;
  RouteTarget t = RouteTarget::from(s);
  ASSERT_EQ(t.tables.size(), 2u);
  EXPECT_EQ(t.tables[0], "db.orders");
  EXPECT_EQ(t.tables[1], "db.lines");
  EXPECT_EQ(t.tables_text(), "db.orders,db.lines");
  fabric::RouteRequest r = t.request();
  EXPECT_EQ(r.key, "42");
  EXPECT_EQ(r.scope, fabric::Scope::Local);
  EXPECT_EQ(r.mode, fabric::AccessMode::ReadOnly);
}

TEST(RouteTarget, GlobalScopeNeedsNoKey) {
  RouteTarget t = RouteTarget::from(settings("", "db.orders", "", true));
  EXPECT_EQ(t.request().scope, fabric::Scope::Global);
  EXPECT_EQ(t.request().key, "");
}

TEST(RouteTarget, ConnectErrors) {
  EXPECT_EQ(connect_error(settings("ha1", "db.orders", "1")).substr(0, 5), "08001");
  EXPECT_NE(connect_error(settings("ha1", "db.orders", "1")).find("FABRIC_GROUP and FABRIC_TABLES"), std::string::npos);
  EXPECT_NE(connect_error(settings("", "", "")).find("FABRIC_GROUP or FABRIC_TABLES"), std::string::npos);
  EXPECT_NE(connect_error(settings("", "db.orders", "")).find("shard key"), std::string::npos);
  for (const char* bad : {"orders", "db.", ".t", "a.b.c", "db.orders,", "db.a b"}) {
    EXPECT_EQ(connect_error(settings("", bad, "1")).substr(0, 5), "08001") << bad;
  }
}

TEST(RouteTarget, AttributeParsingUsesItsOwnSqlstate) {
  EXPECT_TRUE(RouteTarget::parse_tables("", "HY024").empty());
  EXPECT_TRUE(RouteTarget::parse_tables("  ", "HY024").empty());
  try {
    RouteTarget::parse_tables("nodot", "HY024");
    FAIL();
  } catch (const OdbcError& e) {
    EXPECT_EQ(e.sqlstate(), "HY024");
  }
}

TEST(RouteTarget, Equality) {
  RouteTarget a = RouteTarget::from(settings("", "db.t", "1"));
  RouteTarget b = a;
  EXPECT_EQ(a, b);
  b.key = "2";
  EXPECT_NE(a, b);
  b = a;
  b.read_only = true;
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace fabodbc::routing
