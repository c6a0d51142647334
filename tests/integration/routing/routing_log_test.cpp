// LOG / LOG_LEVEL on a Fabric-routed connection: the route decision for each target, the
// server reached and how (new connection or kept idle session), all under one connection id.
#include "include/fabodbc.h"
#include "tests/integration/routing/routing_world.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace fabodbc::rtest {
namespace {

TEST(RoutingLog, RouteDecisionsAndSwitchesAreLogged) {
  const std::string path = "/tmp/fabodbc-routing-log-" + std::to_string(getpid()) + ".log";
  unlink(path.c_str());
  {
    Odbc c;
    ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_TABLES=db.orders;FABRIC_KEY=5;LOG=" + path + ";LOG_LEVEL=info"))))
        << c.message();
    EXPECT_EQ(c.scalar("SELECT @@port"), std::to_string(world().port("shard1", 0)));
    ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_KEY, "10005"))) << c.message();
    EXPECT_EQ(c.scalar("SELECT @@port"), std::to_string(world().port("shard2", 0)));
    ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_KEY, "6"))) << c.message();
    EXPECT_EQ(c.scalar("SELECT @@port"), std::to_string(world().port("shard1", 0)));
  }
  std::ifstream in(path);
  std::stringstream all;
  all << in.rdbuf();
  const std::string text = all.str();
  const std::string shard1 = world().uuid("shard1", 0), shard2 = world().uuid("shard2", 0);
  EXPECT_NE(text.find("route: tables db.orders key 5, READ_WRITE -> server " + shard1), std::string::npos) << text;
  EXPECT_NE(text.find("route: tables db.orders key 10005, READ_WRITE -> server " + shard2), std::string::npos) << text;
  EXPECT_NE(text.find("route: now on server " + shard2 + " (127.0.0.1:" + std::to_string(world().port("shard2", 0)) +
                      ") of Fabric group shard2 through a new connection"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("route: now on server " + shard1 + " (127.0.0.1:" + std::to_string(world().port("shard1", 0)) +
                      ") of Fabric group shard1 through a kept idle session"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("connect: connected to 127.0.0.1:" + std::to_string(world().port("shard1", 0)) +
                      " (Fabric route)"),
            std::string::npos)
      << text;
  // Every line carries the same connection id; no password of any account appears.
  std::set<std::string> ids;
  std::regex id(R"(\[c(\d+)\])");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), id); it != std::sregex_iterator(); ++it)
    ids.insert((*it)[1]);
  EXPECT_EQ(ids.size(), 1u) << text;
  EXPECT_EQ(text.find(test::MariaDbServer::password()), std::string::npos);
  EXPECT_EQ(text.find(test::MariaDbFarm::app_password()), std::string::npos);
  unlink(path.c_str());
}

}  // namespace
}  // namespace fabodbc::rtest
