// Routing at connect through the driver manager: every mapping type lands on the right group
// (checked with SELECT @@port against the farm), GLOBAL scope, HA groups, READ_ONLY weights,
// and clear connect errors for bad routing input.
#include "include/fabodbc.h"
#include "tests/integration/routing/routing_world.h"

#include <gtest/gtest.h>
#include <openssl/md5.h>

#include <map>

namespace fabodbc::rtest {
namespace {

std::string port_after_connect(const std::string& extra, std::string* uuid = nullptr) {
  Odbc c;
  SQLRETURN rc = c.connect(dsn(extra));
  EXPECT_TRUE(SQL_SUCCEEDED(rc)) << extra << ": " << c.state() << " " << c.message();
  if (!SQL_SUCCEEDED(rc)) return "";
  if (uuid) *uuid = c.get_text(SQL_ATTR_FABRIC_SERVER_UUID);
  return c.scalar("SELECT @@port");
}

std::string p(const std::string& group, size_t member = 0) { return std::to_string(world().port(group, member)); }

TEST(RoutingConnect, GroupGoesToItsPrimary) {
  std::string uuid;
  EXPECT_EQ(port_after_connect("FABRIC_GROUP=ha", &uuid), p("ha"));
  EXPECT_EQ(uuid, world().uuid("ha", 0));
  EXPECT_EQ(port_after_connect("FABRIC_GROUP=shard2"), p("shard2"));
}

TEST(RoutingConnect, ServerAttributesDescribeTheRoute) {
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_TABLES=db.orders;FABRIC_KEY=12345")))) << c.message();
  EXPECT_EQ(c.get_text(SQL_ATTR_FABRIC_SERVER_UUID), world().uuid("shard2", 0));
  EXPECT_EQ(c.get_text(SQL_ATTR_FABRIC_SERVER_ADDRESS), "127.0.0.1:" + p("shard2"));
  EXPECT_EQ(c.get_text(SQL_ATTR_FABRIC_TABLES), "db.orders");
  EXPECT_EQ(c.get_text(SQL_ATTR_FABRIC_KEY), "12345");
  EXPECT_EQ(c.get_text(SQL_ATTR_FABRIC_GROUP), "");
  // The wide form answers the same.
  SQLWCHAR wbuf[128] = {0};
  SQLINTEGER len = 0;
  ASSERT_TRUE(SQL_SUCCEEDED(SQLGetConnectAttrW(c.dbc(), SQL_ATTR_FABRIC_SERVER_ADDRESS, wbuf, sizeof wbuf, &len)));
  std::string narrow;
  for (size_t i = 0; wbuf[i]; ++i) narrow += static_cast<char>(wbuf[i]);
  EXPECT_EQ(narrow, "127.0.0.1:" + p("shard2"));
}

TEST(RoutingConnect, RangeMapping) {
  EXPECT_EQ(port_after_connect("FABRIC_TABLES=db.orders;FABRIC_KEY=1"), p("shard1"));
  EXPECT_EQ(port_after_connect("FABRIC_TABLES=db.orders;FABRIC_KEY=9999"), p("shard1"));
  EXPECT_EQ(port_after_connect("FABRIC_TABLES=db.orders;FABRIC_KEY=10000"), p("shard2"));
  EXPECT_EQ(port_after_connect("FABRIC_TABLES=db.orders;FABRIC_KEY=5000000"), p("shard2"));
}

TEST(RoutingConnect, RangeStringMapping) {
  EXPECT_EQ(port_after_connect("FABRIC_TABLES=db.words;FABRIC_KEY=apple"), p("shard1"));
  EXPECT_EQ(port_after_connect("FABRIC_TABLES=db.words;FABRIC_KEY=mzzz"), p("shard1"));
  EXPECT_EQ(port_after_connect("FABRIC_TABLES=db.words;FABRIC_KEY=n"), p("shard2"));
  EXPECT_EQ(port_after_connect("FABRIC_TABLES=db.words;FABRIC_KEY=zebra"), p("shard2"));
}

TEST(RoutingConnect, RangeDatetimeMapping) {
  EXPECT_EQ(port_after_connect("FABRIC_TABLES=db.events;FABRIC_KEY=2005-06-01"), p("shard1"));
  EXPECT_EQ(port_after_connect("FABRIC_TABLES=db.events;FABRIC_KEY=2009-12-31 23:59:59"), p("shard1"));
  EXPECT_EQ(port_after_connect("FABRIC_TABLES=db.events;FABRIC_KEY=2010-01-01"), p("shard2"));
  EXPECT_EQ(port_after_connect("FABRIC_TABLES=db.events;FABRIC_KEY=2020-02-29 10:00:00"), p("shard2"));
}

std::string md5_upper(const std::string& s) {
  unsigned char d[MD5_DIGEST_LENGTH];
  MD5(reinterpret_cast<const unsigned char*>(s.data()), s.size(), d);
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : d) {
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  return out;
}

TEST(RoutingConnect, HashMapping) {
  // Independent oracle (fabric-protocol.md 6.2): bounds are MD5(group); the key's MD5 goes to
  // the largest bound <= it, wrapping to the highest bound.
  std::map<std::string, std::string> bounds = {{md5_upper("shard1"), "shard1"}, {md5_upper("shard2"), "shard2"}};
  std::map<std::string, int> hits;
  for (int i = 0; i < 64; ++i) {
    const std::string key = "user" + std::to_string(i);
    const std::string h = md5_upper(key);
    auto it = bounds.upper_bound(h);
    const std::string group = it == bounds.begin() ? bounds.rbegin()->second : std::prev(it)->second;
    ++hits[group];
    EXPECT_EQ(port_after_connect("FABRIC_TABLES=db.users;FABRIC_KEY=" + key), p(group)) << key;
  }
  EXPECT_EQ(hits.size(), 2u) << "the keys should exercise both shards";
}

TEST(RoutingConnect, GlobalScopeGoesToTheGlobalGroup) {
  EXPECT_EQ(port_after_connect("FABRIC_TABLES=db.orders;FABRIC_SCOPE=GLOBAL"), p("global"));
  EXPECT_EQ(port_after_connect("FABRIC_TABLES=db.orders;FABRIC_KEY=12345;FABRIC_SCOPE=GLOBAL"), p("global"));
}

TEST(RoutingConnect, ReadOnlySpreadsByWeight) {
  std::map<std::string, int> count;
  const int n = 300;
  for (int i = 0; i < n; ++i) ++count[port_after_connect("FABRIC_GROUP=ha;FABRIC_MODE=READ_ONLY")];
  std::string seen;
  for (const auto& [port, k] : count) seen += " " + (port.empty() ? std::string("failed") : port) + ":" + std::to_string(k);
  EXPECT_EQ(count[""], 0) << "connects failed;" << seen;
  EXPECT_EQ(count[p("ha", 0)], 0) << "READ_ONLY must not use the primary while secondaries exist;" << seen;
  const double share1 = count[p("ha", 1)] / double(n), share2 = count[p("ha", 2)] / double(n);
  EXPECT_NEAR(share1, 1.0 / 3, 0.03) << seen;
  EXPECT_NEAR(share2, 2.0 / 3, 0.03) << seen;
}

TEST(RoutingConnect, AccessModeReadOnlyBeforeConnectReadsFromASecondary) {
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_ACCESS_MODE, SQL_MODE_READ_ONLY)));
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_GROUP=ha")))) << c.message();
  const std::string port = c.scalar("SELECT @@port");
  EXPECT_TRUE(port == p("ha", 1) || port == p("ha", 2)) << port;
}

TEST(RoutingConnect, GroupWithTablesIsAConnectError) {
  Odbc c;
  EXPECT_EQ(c.connect(dsn("FABRIC_GROUP=ha;FABRIC_TABLES=db.orders;FABRIC_KEY=1")), SQL_ERROR);
  EXPECT_EQ(c.state(), "08001");
  EXPECT_NE(c.message().find("FABRIC_GROUP and FABRIC_TABLES"), std::string::npos) << c.message();
}

TEST(RoutingConnect, BadRoutingValuesAreConnectErrors) {
  struct Case {
    const char* extra;
    const char* needle;
  } cases[] = {
      {"FABRIC_SCOPE=WIDE;FABRIC_GROUP=ha", "FABRIC_SCOPE"},
      {"FABRIC_MODE=FAST;FABRIC_GROUP=ha", "FABRIC_MODE"},
      {"FABRIC_TABLES=orders;FABRIC_KEY=1", "db.table"},
      {"FABRIC_TABLES=db.orders", "FABRIC_KEY"},
      {"FABRIC_GROUP=nosuchgroup", "nosuchgroup"},
      {"FABRIC_TABLES=db.nosuch;FABRIC_KEY=1", "db.nosuch"},
      {"FABRIC_TABLES=db.orders;FABRIC_KEY=0", "0"},
      {"FABRIC_TABLES=db.orders;FABRIC_KEY=abc", "abc"},
      {"FABRIC_ATTEMPT_DELAY=soon;FABRIC_GROUP=ha", "FABRIC_ATTEMPT_DELAY"},
  };
  for (const Case& k : cases) {
    Odbc c;
    EXPECT_EQ(c.connect(dsn(k.extra)), SQL_ERROR) << k.extra;
    EXPECT_EQ(c.state(), "08001") << k.extra << ": " << c.message();
    EXPECT_NE(c.message().find(k.needle), std::string::npos) << k.extra << ": " << c.message();
  }
}

TEST(RoutingConnect, FabricAttributesOnADirectConnection) {
  Odbc c;
  auto& m = world().farm->primary("ha");
  const std::string cs = "DRIVER={fabodbc};SERVER=127.0.0.1;PORT=" + std::to_string(m.server->port()) +
                         ";UID=" + test::MariaDbFarm::app_user() + ";PWD=" + test::MariaDbFarm::app_password();
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(cs))) << c.message();
  EXPECT_EQ(c.get_text(SQL_ATTR_FABRIC_SERVER_UUID), "");
  EXPECT_EQ(c.set_text(SQL_ATTR_FABRIC_KEY, "5"), SQL_ERROR);
  EXPECT_EQ(c.state(), "HYC00");
}

}  // namespace
}  // namespace fabodbc::rtest

namespace fabodbc::rtest {
namespace {

TEST(RoutingConnect, AttributesSetBeforeConnectingOverrideTheKeywords) {
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_KEY, "10005"))) << c.message();
  // (Before connecting, unixODBC keeps the attributes itself and hands them to the driver
  // around the connect, so bad values surface there, not here.)
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_TABLES=db.orders;FABRIC_KEY=5")))) << c.message();
  EXPECT_EQ(c.scalar("SELECT @@port"), std::to_string(world().port("shard2", 0)));
  EXPECT_EQ(c.get_text(SQL_ATTR_FABRIC_KEY), "10005");
}

TEST(RoutingConnect, FabricModeBeforeConnectingIsTheAccessMode) {
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_FABRIC_MODE, SQL_FABRIC_MODE_READ_ONLY))) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_GROUP=ha")))) << c.message();
  SQLUINTEGER access = 0;
  ASSERT_TRUE(SQL_SUCCEEDED(SQLGetConnectAttr(c.dbc(), SQL_ATTR_ACCESS_MODE, &access, 0, nullptr)));
  EXPECT_EQ(access, static_cast<SQLUINTEGER>(SQL_MODE_READ_ONLY));
  const std::string port = c.scalar("SELECT @@port");
  EXPECT_TRUE(port == std::to_string(world().port("ha", 1)) || port == std::to_string(world().port("ha", 2))) << port;
}

}  // namespace
}  // namespace fabodbc::rtest
