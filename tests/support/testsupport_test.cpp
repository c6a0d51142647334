#include "tests/support/mariadb_server.h"
#include "tests/support/odbc_sandbox.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fabodbc::test {
namespace {

TEST(MariaDbServer, StartsOnLoopbackWithTestAccount) {
  auto s = MariaDbServer::start();
  EXPECT_GT(s->port(), 0u);
  EXPECT_EQ(s->admin_scalar("SELECT @@port"), std::to_string(s->port()));
  EXPECT_EQ(s->admin_scalar("SELECT @@bind_address"), "127.0.0.1");
  EXPECT_EQ(s->admin_scalar("SELECT COUNT(*) FROM mysql.user WHERE user='fabodbc'"), "2");
  EXPECT_EQ(s->admin_scalar("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE "
                            "SCHEMA_NAME='fabodbc_test'"),
            "fabodbc_test");
  EXPECT_EQ(s->admin_scalar("SELECT @@character_set_server"), "utf8mb4");
  pid_t pid = s->pid();
  std::string dir = s->datadir();
  s.reset();
  EXPECT_NE(kill(pid, 0), 0) << "server process still alive after stop";
  EXPECT_FALSE(std::filesystem::exists(dir));
}

TEST(MariaDbServer, TwoServersGetDistinctPortsAndIds) {
  MariaDbOptions o;
  o.server_id = 7;
  o.log_bin = true;
  auto a = MariaDbServer::start(o);
  auto b = MariaDbServer::start();
  EXPECT_NE(a->port(), b->port());
  EXPECT_EQ(a->admin_scalar("SELECT @@server_id"), "7");
  EXPECT_EQ(a->admin_scalar("SELECT @@log_bin"), "1");
  EXPECT_EQ(b->admin_scalar("SELECT @@log_bin"), "0");
}

TEST(MariaDbServer, KillHardThenRestartKeepsData) {
  auto s = MariaDbServer::start();
  s->admin_query("CREATE TABLE fabodbc_test.keep (id INT PRIMARY KEY) ENGINE=InnoDB");
  s->admin_query("INSERT INTO fabodbc_test.keep VALUES (1),(2)");
  s->kill_hard();
  EXPECT_FALSE(s->running());
  s->restart();
  EXPECT_EQ(s->admin_scalar("SELECT COUNT(*) FROM fabodbc_test.keep"), "2");
}

TEST(OdbcSandbox, WritesDriverAndDsnAndSetsEnvironment) {
  OdbcSandbox sandbox("/nonexistent/libdriver.so");
  sandbox.add_dsn("x", {{"SERVER", "127.0.0.1"}, {"PORT", "1"}});
  EXPECT_EQ(std::string(std::getenv("ODBCSYSINI")), sandbox.dir());
  std::ifstream inst(sandbox.dir() + "/odbcinst.ini");
  std::stringstream a;
  a << inst.rdbuf();
  EXPECT_NE(a.str().find("[fabodbc]\n"), std::string::npos);
  EXPECT_NE(a.str().find("Driver=/nonexistent/libdriver.so"), std::string::npos);
  std::ifstream ini(sandbox.dir() + "/odbc.ini");
  std::stringstream b;
  b << ini.rdbuf();
  EXPECT_NE(b.str().find("[x]\nDriver=fabodbc\nPORT=1\nSERVER=127.0.0.1\n"), std::string::npos);
}

}  // namespace
}  // namespace fabodbc::test

#include "tests/support/mariadb_farm.h"
#include "tests/support/mysql_admin.h"

namespace fabodbc::test {
namespace {

TEST(MariaDbFarm, ReplicatesPromotesAndRefusesAppWritesOnSecondaries) {
  auto farm = MariaDbFarm::start({{"g1", 2, {1.0, 2.0}}, {"g2", 1, {}}});
  ASSERT_EQ(farm->groups().size(), 2u);
  FarmGroup& g1 = farm->group("g1");
  ASSERT_EQ(g1.members.size(), 3u);
  EXPECT_EQ(g1.members[2].weight, 2.0);
  EXPECT_NE(g1.members[0].uuid, g1.members[1].uuid);
  MariaDbServer& p = *g1.members[0].server;
  p.admin_query("CREATE TABLE fabodbc_test.r (id INT PRIMARY KEY)");
  p.admin_query("INSERT INTO fabodbc_test.r VALUES (1), (2), (3)");
  farm->wait_replicated("g1");
  EXPECT_EQ(g1.members[1].server->admin_scalar("SELECT COUNT(*) FROM fabodbc_test.r"), "3");
  EXPECT_EQ(g1.members[2].server->admin_scalar("SELECT COUNT(*) FROM fabodbc_test.r"), "3");
  EXPECT_EQ(g1.members[1].server->admin_scalar("SELECT @@read_only"), "1");
  EXPECT_EQ(g1.members[1].server->admin_scalar(
                "SELECT COUNT(*) FROM mysql.user WHERE user='fabapp'"), "1");
  // The app account may write on the primary but not on a read-only secondary.
  EXPECT_EQ(tcp_execute_errno(p.port(), MariaDbFarm::app_user(), MariaDbFarm::app_password(),
                              "INSERT INTO fabodbc_test.r VALUES (10)"), 0u);
  EXPECT_EQ(tcp_execute_errno(g1.members[1].server->port(), MariaDbFarm::app_user(),
                              MariaDbFarm::app_password(), "INSERT INTO fabodbc_test.r VALUES (11)"),
            1290u);
  p.admin_query("DELETE FROM fabodbc_test.r WHERE id = 10");
  farm->wait_replicated("g1");
  // The second group is independent: it never saw the table.
  EXPECT_EQ(farm->primary("g2").server->admin_scalar(
                "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_NAME='r'"), "0");

  // Primary dies; member 1 takes over and member 2 follows it.
  g1.members[0].server->kill_hard();
  farm->promote("g1", 1);
  EXPECT_EQ(&farm->primary("g1"), &g1.members[1]);
  g1.members[1].server->admin_query("INSERT INTO fabodbc_test.r VALUES (4)");
  farm->wait_replicated("g1");
  EXPECT_EQ(g1.members[2].server->admin_scalar("SELECT COUNT(*) FROM fabodbc_test.r"), "4");
  EXPECT_EQ(g1.members[1].server->admin_scalar("SELECT @@read_only"), "0");
}

}  // namespace
}  // namespace fabodbc::test
