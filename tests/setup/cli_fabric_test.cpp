// `fabodbc route` and `fabodbc topology` against the Fabric-protocol test server
// (tests/fabric_server/fabric_server.py) over real HTTP: output, JSON and exit codes.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tests/setup/setup_test_util.h"

using namespace fabodbc::setup_test;

namespace {

const char kTopology[] = R"({
  "ttl": 30,
  "groups": [
    {"id": "global", "servers": [
      {"uuid": "00000000-0000-0000-0000-000000000001", "host": "127.0.0.1", "port": 3306, "mode": "READ_WRITE", "status": "PRIMARY", "weight": 1.0}]},
    {"id": "ha1", "servers": [
      {"uuid": "aaaaaaaa-0000-0000-0000-000000000001", "host": "127.0.0.1", "port": 3311, "mode": "READ_WRITE", "status": "PRIMARY", "weight": 1.0},
      {"uuid": "aaaaaaaa-0000-0000-0000-000000000002", "host": "127.0.0.1", "port": 3312, "mode": "READ_ONLY", "status": "SECONDARY", "weight": 1.0},
      {"uuid": "aaaaaaaa-0000-0000-0000-000000000003", "host": "127.0.0.1", "port": 3313, "mode": "READ_ONLY", "status": "SECONDARY", "weight": 2.0}]},
    {"id": "shard1", "servers": [
      {"uuid": "bbbbbbbb-0000-0000-0000-000000000001", "host": "127.0.0.1", "port": 3321, "mode": "READ_WRITE", "status": "PRIMARY", "weight": 1.0}]},
    {"id": "shard2", "servers": [
      {"uuid": "bbbbbbbb-0000-0000-0000-000000000002", "host": "127.0.0.1", "port": 3322, "mode": "READ_WRITE", "status": "PRIMARY", "weight": 1.0}]}
  ],
  "shard_mappings": [
    {"id": 1, "type": "RANGE", "global_group": "global",
     "tables": [{"table": "db.orders", "column": "customer_id"}],
     "shards": [{"id": 1, "group": "shard1", "lower_bound": "1"}, {"id": 2, "group": "shard2", "lower_bound": "10000"}]},
    {"id": 2, "type": "HASH", "global_group": "global",
     "tables": [{"table": "db.users", "column": "name"}],
     "shards": [{"id": 3, "group": "shard1"}, {"id": 4, "group": "shard2"}]}
  ]
})";

// fabric_server.py on free loopback ports, stopped by PID.
class FabricServer {
 public:
  explicit FabricServer(const std::string& user = "") {
    char tmpl[] = "/tmp/fabodbc-fabric-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp");
    dir_ = tmpl;
    write_file(dir_ + "/topology.json", kTopology);
    const std::string ports = dir_ + "/ports.json";
    pid_ = fork();
    if (pid_ == 0) {
      const std::string log = dir_ + "/server.log";
      freopen(log.c_str(), "w", stdout);
      freopen(log.c_str(), "a", stderr);
      const std::string topology = dir_ + "/topology.json";
      if (user.empty())
        execlp("python3", "python3", FABRIC_SERVER_SCRIPT, "--topology", topology.c_str(), "--ports-file",
               ports.c_str(), static_cast<char*>(nullptr));
      else
        execlp("python3", "python3", FABRIC_SERVER_SCRIPT, "--topology", topology.c_str(), "--ports-file",
               ports.c_str(), "--user", user.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      const std::string text = read_file(ports);
      const size_t p = text.find("\"fabric_port\"");
      if (p != std::string::npos && text.find('}') != std::string::npos) {
        port_ = std::stoi(text.substr(text.find(':', p) + 1));
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("fabric_server.py did not start: " + read_file(dir_ + "/server.log"));
  }
  ~FabricServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    for (const char* f : {"/topology.json", "/ports.json", "/server.log"}) unlink((dir_ + f).c_str());
    rmdir(dir_.c_str());
  }
  int port() const { return port_; }

 private:
  std::string dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// A loopback port with nothing listening.
int closed_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

class CliFabric : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new FabricServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  void SetUp() override {
    const std::string port = std::to_string(server_->port());
    std::string ini_text =
        "[fab]\nDriver=fabodbc\nFABRIC_HOST=127.0.0.1\nFABRIC_PORT=" + port + "\n\n"
        "[fab_ro]\nDriver=fabodbc\nFABRIC_HOST=127.0.0.1\nFABRIC_PORT=" + port +
        "\nFABRIC_GROUP=ha1\nFABRIC_MODE=READ_ONLY\n\n"
        "[fab_shard]\nDriver=fabodbc\nFABRIC_HOST=127.0.0.1\nFABRIC_PORT=" + port +
        "\nFABRIC_TABLES=db.orders\nFABRIC_KEY=20000\n\n"
        "[plain]\nDriver=fabodbc\nSERVER=127.0.0.1\n\n"
        "[fab_badport]\nDriver=fabodbc\nFABRIC_HOST=127.0.0.1\nFABRIC_PORT=abc\n\n"
        "[fab_down]\nDriver=fabodbc\nFABRIC_HOST=127.0.0.1\nFABRIC_TIMEOUT=2\nFABRIC_PORT=" +
        std::to_string(closed_port()) + "\n";
    write_file(ini.user_ini(), ini_text);
  }

  RunResult cli(std::vector<std::string> args) {
    args.insert(args.begin(), FABODBC_CLI);
    return run(args, {}, 30);
  }
  static bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

  IniDir ini;
  static FabricServer* server_;
};
FabricServer* CliFabric::server_ = nullptr;

TEST_F(CliFabric, RouteGroupReadWriteGoesToThePrimary) {
  auto r = cli({"route", "fab", "--group", "ha1", "--mode", "rw"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "group:   ha1")) << r.out;
  EXPECT_TRUE(has(r.out, "server:  aaaaaaaa-0000-0000-0000-000000000001 at 127.0.0.1:3311 (PRIMARY, READ_WRITE, weight 1)"))
      << r.out;
  EXPECT_TRUE(has(r.out, "mode READ_WRITE: primary")) << r.out;
  EXPECT_TRUE(has(r.out, "Fabric TTL 30 s")) << r.out;
  EXPECT_TRUE(has(r.out, "via Fabric at http://127.0.0.1:" + std::to_string(server_->port()))) << r.out;
}

TEST_F(CliFabric, RouteReadOnlyExplainsTheWeights) {
  auto r = cli({"--json", "route", "fab", "--group", "ha1", "--mode", "ro"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "\"ok\": true")) << r.out;
  EXPECT_TRUE(has(r.out, "\"group\": \"ha1\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"method\": \"weighted_round_robin\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"status\": \"SECONDARY\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"weight\": 2")) << r.out;
  EXPECT_TRUE(has(r.out, "\"ratio\": ")) << r.out;
  EXPECT_TRUE(has(r.out, "\"ttl_seconds\": 30")) << r.out;
  EXPECT_TRUE(has(r.out, "\"age_ms\": ")) << r.out;
  EXPECT_FALSE(has(r.out, "aaaaaaaa-0000-0000-0000-000000000001\",\n      \"group\"")) << "not the primary";

  r = cli({"route", "fab", "--group", "ha1", "--mode", "ro"});
  ASSERT_EQ(r.status, 0);
  EXPECT_TRUE(has(r.out, "weighted round robin over 2 secondaries")) << r.out;
  EXPECT_TRUE(has(r.out, "aaaaaaaa-0000-0000-0000-000000000003 weight 2")) << r.out;
}

TEST_F(CliFabric, RouteShardKeyShowsTheBoundMatched) {
  auto r = cli({"route", "fab", "--tables", "db.orders", "--key", "500"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "group:   shard1")) << r.out;
  EXPECT_TRUE(has(r.out, "RANGE sharding on column customer_id")) << r.out;
  EXPECT_TRUE(has(r.out, "key matched lower bound '1' (shard 1)")) << r.out;

  r = cli({"--json", "route", "fab", "--tables", "db.orders", "--key", "20000"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "\"group\": \"shard2\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"lower_bound\": \"10000\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"shard_id\": 2")) << r.out;
  EXPECT_TRUE(has(r.out, "\"type\": \"RANGE\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"mapping_id\": 1")) << r.out;

  r = cli({"route", "fab", "--tables", "db.orders", "--scope", "global"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "group:   global")) << r.out;
  EXPECT_TRUE(has(r.out, "scope GLOBAL")) << r.out;
}

TEST_F(CliFabric, RouteUsesTheDsnDefaults) {
  auto r = cli({"route", "fab_ro"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "request: group ha1, mode READ_ONLY")) << r.out;
  EXPECT_TRUE(has(r.out, "(SECONDARY, READ_ONLY")) << r.out;
  r = cli({"route", "fab_ro", "--mode", "rw"});  // options override the DSN
  EXPECT_TRUE(has(r.out, "(PRIMARY, READ_WRITE")) << r.out;
  r = cli({"route", "fab_shard"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "group:   shard2")) << r.out;
}

TEST_F(CliFabric, RoutingErrorsExitWith5) {
  auto r = cli({"route", "fab", "--tables", "db.orders", "--key", "0"});
  EXPECT_EQ(r.status, 5) << r.out;
  EXPECT_TRUE(has(r.err, "db.orders")) << r.err;
  r = cli({"route", "fab", "--group", "ha9"});
  EXPECT_EQ(r.status, 5);
  EXPECT_TRUE(has(r.err, "ha9")) << r.err;
  r = cli({"--json", "route", "fab", "--tables", "db.nope", "--key", "1"});
  EXPECT_EQ(r.status, 5);
  EXPECT_TRUE(has(r.out, "\"kind\": \"routing\"")) << r.out;
  EXPECT_TRUE(has(r.out, "db.nope")) << r.out;
  r = cli({"route", "fab", "--tables", "db.orders", "--key", "not-a-number"});
  EXPECT_EQ(r.status, 5) << r.err;
}

TEST_F(CliFabric, UnreachableFabricIsARoutingError) {
  const auto t0 = std::chrono::steady_clock::now();
  auto r = cli({"route", "fab_down", "--group", "ha1"});
  EXPECT_EQ(r.status, 5) << r.out << r.err;
  EXPECT_TRUE(has(r.err, "127.0.0.1")) << r.err;
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(15));
  r = cli({"topology", "fab_down"});
  EXPECT_EQ(r.status, 5) << r.err;
}

TEST_F(CliFabric, DigestCredentialsComeFromTheDsn) {
  FabricServer secured("admin:s3cret-fabric");
  const std::string port = std::to_string(secured.port());
  write_file(ini.user_ini(), read_file(ini.user_ini()) +
                                 "\n[fab_auth]\nDriver=fabodbc\nFABRIC_HOST=127.0.0.1\nFABRIC_PORT=" + port +
                                 "\nFABRIC_USER=admin\nFABRIC_PASSWORD=s3cret-fabric\n"
                                 "\n[fab_badauth]\nDriver=fabodbc\nFABRIC_HOST=127.0.0.1\nFABRIC_PORT=" + port +
                                 "\nFABRIC_USER=admin\nFABRIC_PASSWORD=wrong-fabric-pw\n"
                                 "\n[fab_noauth]\nDriver=fabodbc\nFABRIC_HOST=127.0.0.1\nFABRIC_PORT=" + port + "\n");
  EXPECT_EQ(cli({"route", "fab_noauth", "--group", "ha1"}).status, 5) << "the server does require credentials";
  auto r = cli({"route", "fab_auth", "--group", "ha1"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "(PRIMARY, READ_WRITE")) << r.out;
  r = cli({"topology", "fab_badauth"});
  EXPECT_EQ(r.status, 5) << r.out << r.err;
  EXPECT_FALSE(has(r.err + r.out, "wrong-fabric-pw")) << "passwords never appear in messages";
  r = cli({"--json", "route", "fab_badauth", "--group", "ha1"});
  EXPECT_EQ(r.status, 5);
  EXPECT_FALSE(has(r.out, "wrong-fabric-pw"));
}

TEST_F(CliFabric, UsageAndConfigurationErrors) {
  EXPECT_EQ(cli({"route"}).status, 2);
  EXPECT_EQ(cli({"route", "fab", "--group", "ha1", "--tables", "db.orders"}).status, 2);
  EXPECT_EQ(cli({"route", "fab", "--key", "5"}).status, 2);
  EXPECT_EQ(cli({"route", "fab", "--group", "ha1", "--mode", "fast"}).status, 2);
  EXPECT_EQ(cli({"route", "fab", "--tables", "db.orders"}).status, 2) << "LOCAL scope needs a key";
  auto r = cli({"route", "fab"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r.err, "nothing to route")) << r.err;
  r = cli({"route", "plain", "--group", "ha1"});
  EXPECT_EQ(r.status, 3);
  EXPECT_TRUE(has(r.err, "no FABRIC_HOST")) << r.err;
  r = cli({"route", "nosuch", "--group", "ha1"});
  EXPECT_EQ(r.status, 3);
  EXPECT_TRUE(has(r.err, "not found")) << r.err;
  r = cli({"route", "fab_badport", "--group", "ha1"});
  EXPECT_EQ(r.status, 3);
  EXPECT_TRUE(has(r.err, "FABRIC_PORT")) << r.err;
  EXPECT_EQ(cli({"topology"}).status, 2);
  EXPECT_EQ(cli({"topology", "fab", "extra"}).status, 2);
  EXPECT_EQ(cli({"topology", "plain"}).status, 3);
  EXPECT_EQ(cli({"topology", "nosuch"}).status, 3);
}

TEST_F(CliFabric, TopologyPrintsGroupsServersAndShards) {
  auto r = cli({"topology", "fab"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "Groups (4):")) << r.out;
  EXPECT_TRUE(has(r.out, "GROUP   SERVER")) << r.out;
  for (const char* uuid : {"00000000-0000-0000-0000-000000000001", "aaaaaaaa-0000-0000-0000-000000000002",
                           "bbbbbbbb-0000-0000-0000-000000000002"})
    EXPECT_TRUE(has(r.out, uuid)) << uuid;
  EXPECT_TRUE(has(r.out, "127.0.0.1:3313  SECONDARY  READ_ONLY   2")) << r.out;
  EXPECT_TRUE(has(r.out, "Sharded tables (2):")) << r.out;
  EXPECT_TRUE(has(r.out, "db.orders  RANGE")) << r.out;
  EXPECT_TRUE(has(r.out, "customer_id")) << r.out;
  EXPECT_TRUE(has(r.out, "10000")) << r.out;
  EXPECT_TRUE(has(r.out, "TTL 30 s")) << r.out;

  r = cli({"--json", "topology", "fab"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "\"fabric_uuid\": \"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"id\": \"shard2\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"name\": \"db.users\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"type\": \"HASH\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"ttl_seconds\": 30")) << r.out;
}

}  // namespace
