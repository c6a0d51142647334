// `fabodbc test DSN` through the unixODBC driver manager and the built driver against a
// private mariadbd: what it prints, and the exit codes of each kind of failure.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/setup/setup_test_util.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/odbc_sandbox.h"

using namespace fabodbc::setup_test;
using fabodbc::test::MariaDbServer;
using fabodbc::test::OdbcSandbox;

namespace {

class CliConnect : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = &fabodbc::test::shared_server(); }

  RunResult cli(std::vector<std::string> args) {
    args.insert(args.begin(), FABODBC_CLI);
    return run(args, {}, 60);
  }
  static bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

  OdbcSandbox sandbox;
  static MariaDbServer* server_;
};
MariaDbServer* CliConnect::server_ = nullptr;

TEST_F(CliConnect, PrintsServerVersionLatencyAndTls) {
  const std::string dsn = sandbox.dsn_for(*server_);
  auto r = cli({"test", dsn});
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "Connected to '" + dsn + "'")) << r.out;
  EXPECT_TRUE(has(r.out, "MariaDB")) << r.out;
  EXPECT_TRUE(has(r.out, "connect ")) << r.out;
  EXPECT_TRUE(has(r.out, "SELECT 1 ")) << r.out;
  EXPECT_TRUE(has(r.out, "TLS ")) << r.out;
  EXPECT_TRUE(has(r.out, MariaDbServer::database())) << r.out;

  r = cli({"--json", "test", dsn});
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "\"ok\": true")) << r.out;
  EXPECT_TRUE(has(r.out, "\"dbms\": \"MariaDB\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"version\": \"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"connect_ms\": ")) << r.out;
  EXPECT_TRUE(has(r.out, "\"query_ms\": ")) << r.out;
  EXPECT_TRUE(has(r.out, "\"enabled\": ")) << r.out;
}

TEST_F(CliConnect, TlsDisabledIsReportedAsNotEncrypted) {
  const std::string dsn = sandbox.dsn_for(*server_, "plain_tls", {{"SSLMODE", "DISABLED"}});
  auto r = cli({"--json", "test", dsn});
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "\"enabled\": false")) << r.out;
  r = cli({"test", dsn});
  EXPECT_TRUE(has(r.out, "not encrypted")) << r.out;
}

TEST_F(CliConnect, WrongPasswordIsAConnectionError) {
  const std::string dsn = sandbox.dsn_for(*server_, "badpw", {{"PWD", "not-the-password"}});
  auto r = cli({"test", dsn});
  EXPECT_EQ(r.status, 4) << r.out << r.err;
  EXPECT_TRUE(has(r.err, "cannot connect to 'badpw'")) << r.err;
  EXPECT_FALSE(has(r.err, "not-the-password")) << "the password is never echoed";
  r = cli({"--json", "test", dsn});
  EXPECT_EQ(r.status, 4);
  EXPECT_TRUE(has(r.out, "\"kind\": \"connection\"")) << r.out;
}

TEST_F(CliConnect, NothingListeningIsAConnectionError) {
  const std::string dsn = sandbox.dsn_for(*server_, "noserver",
                                          {{"PORT", std::to_string(fabodbc::test::free_loopback_port())},
                                           {"CONNECT_TIMEOUT", "3"}});
  auto r = cli({"test", dsn});
  EXPECT_EQ(r.status, 4) << r.out << r.err;
  EXPECT_TRUE(has(r.err, "08001")) << r.err;
}

TEST_F(CliConnect, ConfigurationAndUsageErrors) {
  auto r = cli({"test", "no_such_dsn"});
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_TRUE(has(r.err, "not found")) << r.err;
  sandbox.add_dsn("nodriver", {{"Driver", "/nonexistent/libnothing.so"}});
  r = cli({"test", "nodriver"});
  EXPECT_EQ(r.status, 3) << r.out << r.err;
  EXPECT_EQ(cli({"test"}).status, 2);
  EXPECT_EQ(cli({"test", "a", "b"}).status, 2);
  EXPECT_EQ(cli({"test", "x", "--timeout", "soon"}).status, 2);
  EXPECT_EQ(cli({"test", "x", "--group", "g"}).status, 2);
}

}  // namespace
