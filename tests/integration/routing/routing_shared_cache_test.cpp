// The shared topology snapshot through the driver: a second process (isql, through the driver
// manager) connects while Fabric is stopped, routing from the snapshot the first process (this
// test) saved; it is told, as a warm process would be, that the route came from a stale
// topology.
#include "include/fabodbc.h"
#include "tests/integration/routing/routing_world.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

namespace fabodbc::rtest {
namespace {

// Runs isql on DSN `dsn` with one statement; returns what it printed.
std::string isql(const std::string& dsn, const std::string& sql) {
  return output_of("echo '" + sql + "' | isql -b -v -d, " + dsn);
}

TEST(RoutingSharedCache, ASecondProcessConnectsWithFabricStoppedFromTheSnapshot) {
  World& w = world();
  const std::string cache_dir = w.sandbox->dir() + "/fabric-cache";
  w.sandbox->add_dsn("fabric_ha", {{"FABRIC_CACHE_DIR", cache_dir},
                                   {"FABRIC_HOST", "127.0.0.1"},
                                   {"FABRIC_PORT", std::to_string(w.fabric->fabric_port())},
                                   {"FABRIC_GROUP", "ha"},
                                   {"FABRIC_ATTEMPTS", "1"},
                                   {"FABRIC_TIMEOUT", "2"},
                                   {"UID", test::MariaDbFarm::app_user()},
                                   {"PWD", test::MariaDbFarm::app_password()}});
  {
    Odbc first;  // loads the topology from Fabric and saves the snapshot
    ASSERT_TRUE(SQL_SUCCEEDED(first.connect("DSN=fabric_ha"))) << first.message();
    ASSERT_EQ(first.scalar("SELECT @@port"), std::to_string(w.port("ha", 0)));
  }
  std::size_t snapshots = 0;
  for (const auto& e : std::filesystem::directory_iterator(cache_dir)) snapshots += e.path().extension() == ".topology";
  ASSERT_EQ(snapshots, 1u);

  // A process that never talked to this Fabric, while Fabric is down (and the snapshot's TTL
  // of 1 s has passed): it routes from the snapshot.
  w.fabric->stop();
  std::this_thread::sleep_for(std::chrono::milliseconds(1300));
  const std::string out = isql("fabric_ha", "SELECT @@port");
  EXPECT_NE(out.find(std::to_string(w.port("ha", 0))), std::string::npos) << out;
  EXPECT_EQ(out.find("[ISQL]ERROR"), std::string::npos) << out;
  // Without the snapshot the same process cannot connect at all.
  std::filesystem::remove_all(cache_dir);
  const std::string none = isql("fabric_ha", "SELECT @@port");
  EXPECT_NE(none.find("08001"), std::string::npos) << none;
}

}  // namespace
}  // namespace fabodbc::rtest
