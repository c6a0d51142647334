// The driver against the Fabric test server in its real-Fabric modes (what Oracle's Fabric
// 1.5.6 does, docs/fabric-protocol-notes.md), on the real farm, through the driver manager:
// a long-lived connection keeps following Fabric past several nonce purges; READ_ONLY weights
// hold when the connects are spread over several TTLs; permanent Fabric errors fail at once;
// a failure report whose failover fails is logged as recorded.
#include "include/fabodbc.h"
#include "tests/integration/routing/routing_world.h"
#include "tests/support/fabric_topology.h"
#include "tests/support/standard_farm.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

namespace fabodbc::rtest {
namespace {

using Clock = std::chrono::steady_clock;

long long ms_since(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count();
}

std::string p(const std::string& group, size_t member = 0) { return std::to_string(world().port(group, member)); }

// A second Fabric over the same farm: digest auth, every real-Fabric quirk.
std::unique_ptr<test::TestServerProcess> real_fabric(const std::vector<std::string>& quirks) {
  test::TestServerProcess::Options o;
  o.topology_json = test::farm_topology_json(*world().farm, test::standard_shard_mappings(), 1);
  o.users = {"connector:secret"};
  o.real_fabric = true;
  o.quirks = quirks;
  return std::make_unique<test::TestServerProcess>(o);
}

std::string via(const test::TestServerProcess& fabric, const std::string& password, const std::string& extra) {
  return dsn("FABRIC_PORT=" + std::to_string(fabric.fabric_port()) + ";FABRIC_USER=connector;FABRIC_PASSWORD=" +
             password + ";" + extra);
}

TEST(RoutingRealFabric, LongLivedConnectionFollowsPromotionsPastNoncePurges) {
  auto fabric = real_fabric({"nonce_purge_seconds=0.5"});
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(via(*fabric, "secret", "FABRIC_GROUP=ha;FABRIC_MODE=READ_ONLY")))) << c.message();
  // Reads stay on a secondary; Fabric promotes one of them twice while the connection lives
  // through ten purge periods. Each time the connection must leave the server that became
  // primary (READ_ONLY avoids the primary while a secondary exists) within a TTL or two.
  const std::string first = c.get_text(SQL_ATTR_FABRIC_SERVER_UUID);
  ASSERT_NE(first, world().uuid("ha", 0));
  const auto start = Clock::now();
  int promotions = 0, moved = 0;
  std::string promoted;
  Clock::time_point promoted_at;
  while (ms_since(start) < 6000) {
    if (promotions < 2 && ms_since(start) >= 1500 + 2500 * promotions) {
      promoted = c.get_text(SQL_ATTR_FABRIC_SERVER_UUID);  // the secondary we read from now
      fabric->control("promote", R"({"group": "ha", "uuid": ")" + promoted + "\"}");
      promoted_at = Clock::now();
      ++promotions;
    }
    ASSERT_FALSE(c.scalar("SELECT @@port").empty()) << c.state() << " " << c.message();
    if (!promoted.empty() && c.get_text(SQL_ATTR_FABRIC_SERVER_UUID) != promoted) {
      EXPECT_LT(ms_since(promoted_at), 2500) << "took too long to follow the promotion";
      ++moved;
      promoted.clear();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(promotions, 2);
  EXPECT_EQ(moved, 2) << "the connection stopped following Fabric";
  const std::string requests = fabric->control("requests");
  EXPECT_GE(test::count_of(requests, "\"status\": \"closed\""), 2u) << "no purged nonce was reused: " << requests;
  // Put the farm's Fabric view back for the rest of this process (the farm itself never moved).
  fabric->control("promote", R"({"group": "ha", "uuid": ")" + world().uuid("ha", 0) + "\"}");
}

// Secondaries weighted 1:2 got 15:15 over 30 connects spread over TTLs (the balancer restarted
// at every refresh and alternated for its first 200 picks).
TEST(RoutingRealFabric, ReadOnlyWeightsHoldAcrossTtls) {
  std::map<std::string, int> count;
  for (int i = 0; i < 30; ++i) {  // 30 connects over about 3 TTLs of 1 s
    Odbc c;
    ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_GROUP=ha;FABRIC_MODE=READ_ONLY")))) << c.message();
    ++count[c.scalar("SELECT @@port")];
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(count[p("ha", 0)], 0);
  EXPECT_EQ(count[p("ha", 1)], 10) << "weight 1";
  EXPECT_EQ(count[p("ha", 2)], 20) << "weight 2";
  // 300 more over 12 s (12 TTLs), each connection also checking its route after its TTL.
  std::map<std::string, int> more;
  const auto start = Clock::now();
  for (int i = 0; i < 300; ++i) {
    Odbc c;
    ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_GROUP=ha;FABRIC_MODE=READ_ONLY")))) << c.message();
    ++more[c.scalar("SELECT @@port")];
    const auto due = start + std::chrono::milliseconds(40 * (i + 1));
    std::this_thread::sleep_until(due);
  }
  std::printf("[ figures ] 30 connects over 3 TTLs: %d:%d; 300 over 12 s: %d:%d\n", count[p("ha", 1)],
              count[p("ha", 2)], more[p("ha", 1)], more[p("ha", 2)]);
  EXPECT_NEAR(more[p("ha", 1)], 100, 5);
  EXPECT_NEAR(more[p("ha", 2)], 200, 5);
}

// Before: 4 s each (three attempts, 1 s apart, each asking Fabric again).
TEST(RoutingRealFabric, PermanentFabricErrorsFailAtOnce) {
  auto fabric = real_fabric({});
  struct Case {
    std::string what, connection_string, expect;
  };
  const std::vector<Case> cases{
      {"wrong password", via(*fabric, "wrong", "FABRIC_GROUP=ha;FABRIC_ATTEMPT_DELAY=1"), "rejected the credentials"},
      {"missing credentials",
       dsn("FABRIC_PORT=" + std::to_string(fabric->fabric_port()) + ";FABRIC_GROUP=ha;FABRIC_ATTEMPT_DELAY=1"),
       "requires authentication"},
      {"a MySQL port", dsn("FABRIC_PORT=" + p("ha") + ";FABRIC_GROUP=ha;FABRIC_ATTEMPT_DELAY=1"), "does not speak HTTP"},
  };
  for (const Case& k : cases) {
    fabric->control("clear_calls");
    Odbc c;
    const auto start = Clock::now();
    EXPECT_EQ(c.connect(k.connection_string), SQL_ERROR) << k.what;
    const long long took = ms_since(start);
    EXPECT_LT(took, 1000) << k.what;
    EXPECT_EQ(c.state(), "08001") << k.what;
    EXPECT_NE(c.message().find(k.expect), std::string::npos) << k.what << ": " << c.message();
    EXPECT_EQ(c.message().find("after 3 attempts"), std::string::npos) << k.what << ": " << c.message();
    if (k.what != "a MySQL port") {
      const std::string requests = fabric->control("requests");
      EXPECT_EQ(test::count_of(requests, "\"method\": \"dump.servers\""), k.what == "wrong password" ? 2u : 1u)
          << k.what << ": one Fabric call: " << requests;
    }
    std::printf("[ figures ] %s: 08001 after %lld ms\n", k.what.c_str(), took);
  }
}

TEST(RoutingRealFabric, ReportWhoseFailoverFailsIsLoggedAsRecorded) {
  // A group whose only server is down (a closed port): the connect attempt fails with 2003,
  // the driver reports it; Fabric records FAULTY, finds no candidate to promote and answers
  // HTTP 200 with that error in the envelope.
  test::TestServerProcess::Options o;
  o.real_fabric = true;
  o.topology_json = R"({"ttl": 1, "groups": [{"id": "solo", "servers": [
      {"uuid": "solo-1", "host": "127.0.0.1", "port": 1, "mode": "READ_WRITE", "status": "PRIMARY"}]}]})";
  test::TestServerProcess fabric(o);
  const std::string path = "/tmp/fabodbc-real-fabric-log-" + std::to_string(getpid()) + ".log";
  unlink(path.c_str());
  {
    Odbc c;
    EXPECT_EQ(c.connect(dsn("FABRIC_PORT=" + std::to_string(fabric.fabric_port()) +
                            ";FABRIC_GROUP=solo;FABRIC_REPORT_ERRORS=1;FABRIC_ATTEMPTS=1;LOG=" + path +
                            ";LOG_LEVEL=info")),
              SQL_ERROR);
  }
  std::ifstream in(path);
  std::stringstream all;
  all << in.rdbuf();
  const std::string text = all.str();
  EXPECT_NE(text.find("report: reported server solo-1"), std::string::npos) << text;
  EXPECT_NE(text.find("no valid candidate"), std::string::npos) << text;
  EXPECT_EQ(text.find("did not report"), std::string::npos) << text;
  EXPECT_NE(fabric.control("topology").find("\"status\": 0"), std::string::npos) << "FAULTY was recorded";
  unlink(path.c_str());
}

}  // namespace
}  // namespace fabodbc::rtest
