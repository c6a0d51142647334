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
