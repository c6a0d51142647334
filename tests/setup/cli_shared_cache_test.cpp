// The shared topology snapshot across processes, through the `fabodbc` tool (each run is a new
// process, as each PHP worker or cron job is): a second process routes from the first one's
// snapshot without calling Fabric, and with Fabric stopped; a corrupt, truncated, foreign or
// group-writable snapshot is refused and Fabric is asked; while another process holds the
// refresh lock the others keep routing; `fabodbc cache` lists and clears.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "tests/setup/setup_test_util.h"
#include "tests/support/fabric_test_server.h"

namespace fabodbc::setup_test {
namespace {

class CliSharedCache : public ::testing::Test {
 protected:
  void SetUp() override {
    cache_dir = ini.dir() + "/cache";
    write_dsn(fabric.fabric_port());
  }
  void write_dsn(int port, const std::string& extra = "") {
    write_file(ini.user_ini(), "[fab]\nDriver=fabodbc\nFABRIC_HOST=127.0.0.1\nFABRIC_PORT=" + std::to_string(port) +
                                   "\nFABRIC_TIMEOUT=2\nFABRIC_CACHE_DIR=" + cache_dir + "\n" + extra + "\n");
  }
  RunResult cli(std::vector<std::string> args) {
    args.insert(args.begin(), FABODBC_CLI);
    return run(args, {}, 30);
  }
  // Fabric calls (XML-RPC methods answered) since the last call of this.
  std::size_t fabric_calls() {
    const std::string calls = fabric.control("calls");
    fabric.control("clear_calls");
    return test::count_of(calls, "\"method\": \"dump.servers\"");
  }
  std::string snapshot_file() {
    for (const auto& e : std::filesystem::directory_iterator(cache_dir))
      if (e.path().extension() == ".topology") return e.path().string();
    return "";
  }
  static bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

  IniDir ini;
  test::TestServerProcess fabric{[] {
    test::TestServerProcess::Options o;
    o.topology_json = test::default_topology_json(1);  // TTL 1 s
    return o;
  }()};
  std::string cache_dir;
};

TEST_F(CliSharedCache, ASecondProcessRoutesFromTheSnapshotThenWithFabricStopped) {
  auto r = cli({"topology", "fab"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "Source: Fabric")) << r.out;
  EXPECT_EQ(fabric_calls(), 1u);
  ASSERT_FALSE(snapshot_file().empty());
  // Within the TTL: a new process does not ask Fabric at all.
  r = cli({"route", "fab", "--group", "ha1"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "ha1-a")) << r.out;
  r = cli({"--json", "topology", "fab"});
  EXPECT_TRUE(has(r.out, "\"source\": \"shared snapshot\"") || has(r.out, "\"source\": \"Fabric\"")) << r.out;
  const std::size_t calls_within_ttl = fabric_calls();
  EXPECT_LE(calls_within_ttl, 1u) << "the TTL of 1 s may have passed once between the runs";
  // Fabric stopped: a new process routes from the snapshot, told that it is stale.
  fabric.stop();
  std::this_thread::sleep_for(std::chrono::milliseconds(1300));
  r = cli({"route", "fab", "--group", "ha1"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "ha1-a")) << r.out;
  r = cli({"topology", "fab"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "Source: stale shared snapshot")) << r.out;
  EXPECT_TRUE(has(r.out, "saved by another process")) << r.out;
  // Past FABRIC_MAX_STALENESS there is no route.
  write_dsn(fabric.fabric_port(), "FABRIC_MAX_STALENESS=1");
  r = cli({"route", "fab", "--group", "ha1"});
  EXPECT_EQ(r.status, 5) << r.out;
}

TEST_F(CliSharedCache, RefusedSnapshotsMeanFabricIsAsked) {
  ASSERT_EQ(cli({"topology", "fab"}).status, 0);
  fabric_calls();
  const std::string path = snapshot_file();
  const std::string good = read_file(path);
  struct Case {
    std::string what;
    std::function<void()> spoil;
    std::string reason;
  };
  const std::vector<Case> cases{
      {"corrupt", [&] { std::string t = good; t[t.find("127.0.0.1")] = '9'; write_file(path, t); chmod(path.c_str(), 0600); },
       "checksum"},
      {"truncated", [&] { write_file(path, good.substr(0, good.size() / 3)); chmod(path.c_str(), 0600); }, "truncated"},
      {"group-writable", [&] { write_file(path, good); chmod(path.c_str(), 0660); }, "writable by other users"},
      {"foreign", [&] {
         std::string t = good;
         const std::string from = "endpoint http://127.0.0.1:" + std::to_string(fabric.fabric_port());
         t.replace(t.find(from), from.size(), "endpoint http://127.0.0.1:1");
         write_file(path, t);  // checksum now wrong too; a foreign file with a right checksum is a unit test
         chmod(path.c_str(), 0600);
       }, "refused"},
  };
  for (const Case& k : cases) {
    k.spoil();
    auto r = cli({"cache", "--dir", cache_dir});
    EXPECT_TRUE(has(r.out, "refused")) << k.what << ": " << r.out;
    r = cli({"route", "fab", "--group", "ha1"});
    EXPECT_EQ(r.status, 0) << k.what << ": " << r.err;
    EXPECT_EQ(fabric_calls(), 1u) << k.what << ": Fabric must be asked";
    EXPECT_EQ(read_file(path).size(), good.size()) << k.what << ": a fresh snapshot replaces it";
    chmod(path.c_str(), 0600);
  }
}

TEST_F(CliSharedCache, WhileAnotherProcessRefreshesTheOthersKeepRouting) {
  ASSERT_EQ(cli({"topology", "fab"}).status, 0);
  fabric_calls();
  std::this_thread::sleep_for(std::chrono::milliseconds(1300));  // the snapshot has expired
  // This test process holds the refresh lock, as a process asking Fabric right now would.
  std::string lock_path = snapshot_file();
  lock_path.replace(lock_path.size() - 9, 9, ".lock");
  const int fd = open(lock_path.c_str(), O_RDWR | O_CREAT, 0600);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(flock(fd, LOCK_EX | LOCK_NB), 0);
  for (int i = 0; i < 3; ++i) {
    auto r = cli({"route", "fab", "--group", "ha1"});
    EXPECT_EQ(r.status, 0) << r.err;
  }
  EXPECT_EQ(fabric_calls(), 0u) << "only the lock holder asks Fabric";
  close(fd);
  ASSERT_EQ(cli({"route", "fab", "--group", "ha1"}).status, 0);
  EXPECT_EQ(fabric_calls(), 1u) << "the lock released, the next process refreshes";
}

TEST_F(CliSharedCache, CacheListsAndClearsAndSharingCanBeTurnedOff) {
  ASSERT_EQ(cli({"topology", "fab"}).status, 0);
  auto r = cli({"cache", "--dir", cache_dir});
  EXPECT_TRUE(has(r.out, "http://127.0.0.1:" + std::to_string(fabric.fabric_port()))) << r.out;
  r = cli({"--json", "cache", "--dir", cache_dir});
  EXPECT_TRUE(has(r.out, "\"groups\": 7")) << r.out;
  r = cli({"cache", "clear", "fab"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "Removed 1 snapshot")) << r.out;
  EXPECT_TRUE(snapshot_file().empty());
  // FABRIC_SHARED_CACHE=0: no snapshot is written or read.
  write_dsn(fabric.fabric_port(), "FABRIC_SHARED_CACHE=0");
  ASSERT_EQ(cli({"topology", "fab"}).status, 0);
  EXPECT_TRUE(snapshot_file().empty());
}

}  // namespace
}  // namespace fabodbc::setup_test
