// Hardening of the routed connect, through the driver manager: FABRIC_TIMEOUT bounds everything
// a cold connect waits on a silent Fabric, whatever FABRIC_ATTEMPTS is (it took attempts x
// timeout plus the delays: 8 s with FABRIC_TIMEOUT=2, 17 s with the built-in 5 s), and a NUL
// inside FABRIC_HOST can no longer send the request to another address.
#include "include/fabodbc.h"
#include "tests/integration/routing/routing_world.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

namespace fabodbc::rtest {
namespace {

using Clock = std::chrono::steady_clock;

long long ms_since(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count();
}

TEST(RoutingHardening, SilentFabricBoundsAColdConnectByFabricTimeout) {
  struct Case {
    std::string timeout;  // "" = the default (5 s)
    int attempts;
    long long budget_ms;
  };
  for (const Case& k : {Case{"2", 1, 2000}, Case{"2", 3, 2000}, Case{"2", 5, 2000}, Case{"", 3, 5000}}) {
    // A fresh Fabric (new port, so a cold cache in this process) that accepts and never answers.
    test::TestServerProcess silent;
    silent.control("silent", R"({"on": true})");
    Odbc c;
    const auto start = Clock::now();
    const SQLRETURN rc = c.connect(dsn("FABRIC_PORT=" + std::to_string(silent.fabric_port()) + ";FABRIC_TIMEOUT=" +
                                       k.timeout + ";FABRIC_ATTEMPTS=" + std::to_string(k.attempts) +
                                       ";FABRIC_ATTEMPT_DELAY=1;FABRIC_GROUP=ha"));
    const long long took = ms_since(start);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_EQ(c.state(), "08001") << c.message();
    EXPECT_NE(c.message().find("Fabric at http://127.0.0.1:" + std::to_string(silent.fabric_port())), std::string::npos)
        << c.message();
    EXPECT_GE(took, k.budget_ms - 100);
    EXPECT_LT(took, k.budget_ms + 500) << "FABRIC_TIMEOUT=" << k.timeout << " attempts=" << k.attempts;
    std::printf("[ figures ] silent Fabric, FABRIC_TIMEOUT=%s, %d attempt(s): 08001 after %lld ms\n",
                k.timeout.empty() ? "(default 5)" : k.timeout.c_str(), k.attempts, took);
    silent.control("silent", R"({"on": false})");
  }
}

TEST(RoutingHardening, NulInFabricHostNeverReachesTheUrl) {
  // Through SQLDriverConnectW with an explicit length: the string ends at the NUL, so the
  // DSN's FABRIC_HOST and FABRIC_PORT apply and the connect routes as configured.
  const std::string text = "DSN=fabric_farm;FABRIC_GROUP=ha;FABRIC_HOST=127.0.0.1" + std::string(1, '\0') +
                           "evil;FABRIC_PORT=80";
  std::vector<SQLWCHAR> w;
  for (unsigned char ch : text) w.push_back(ch);
  Odbc c;
  SQLWCHAR out[1024];
  SQLSMALLINT out_len = 0;
  const SQLRETURN rc = SQLDriverConnectW(c.dbc(), nullptr, w.data(), static_cast<SQLSMALLINT>(w.size()), out, 1024,
                                         &out_len, SQL_DRIVER_NOPROMPT);
  ASSERT_TRUE(SQL_SUCCEEDED(rc));
  EXPECT_EQ(c.scalar("SELECT @@port"), std::to_string(world().port("ha", 0)));
  // A Fabric attribute with a NUL inside is refused (HY024), not cut to its first part. (Through
  // the ANSI SQLSetConnectAttr unixODBC itself converts a driver-specific attribute to UTF-16
  // and stops at the NUL, so the driver never sees what follows it.)
  std::vector<SQLWCHAR> group;
  for (unsigned char ch : std::string("shard1\0ha", 9)) group.push_back(ch);
  EXPECT_EQ(SQLSetConnectAttrW(c.dbc(), SQL_ATTR_FABRIC_GROUP, group.data(),
                               static_cast<SQLINTEGER>(group.size() * sizeof(SQLWCHAR))),
            SQL_ERROR);
  SQLWCHAR now[64] = {0};
  SQLINTEGER now_len = 0;
  ASSERT_TRUE(SQL_SUCCEEDED(SQLGetConnectAttrW(c.dbc(), SQL_ATTR_FABRIC_GROUP, now, sizeof now, &now_len)));
  EXPECT_EQ(now[0], 'h');
  EXPECT_EQ(now[1], 'a');
  EXPECT_EQ(now[2], 0) << "the group did not change";
  EXPECT_EQ(c.scalar("SELECT @@port"), std::to_string(world().port("ha", 0)));
}

}  // namespace
}  // namespace fabodbc::rtest
