// fabodbc_bench_fabric_load: how much one machine asks Fabric, with and without the shared
// topology snapshot (FABRIC_SHARED_CACHE). N processes (PHP or CGI workers, cron jobs) each make
// M routed connects (connect + SELECT 1 + disconnect, through the driver manager) spread evenly
// over D seconds against one Fabric-protocol test server with a TTL of 1 s, which logs every
// request. Reported per mode: Fabric topology loads per second and per TTL for the whole
// machine, the largest number of loads in any one second, and the connect times of a process's
// first (cold) connect against its later (warm) ones.
//
//   --processes N (50)  --connects M (10)  --seconds D (10)  --json FILE
//   --check             exit 1 unless the shared snapshot keeps the machine near one load per
//                       TTL and well below the per-process load (for CTest, small N)
// The children are this program again (--child ...). Numbers, not pass/fail, unless --check.
#include "tests/support/fabric_test_server.h"
#include "tests/support/fabric_topology.h"
#include "tests/support/mariadb_farm.h"
#include "tests/support/odbc_sandbox.h"

#include <sql.h>
#include <sqlext.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// One child: M connects evenly over `seconds`; prints "<first us> <warm median us> <failures>".
int child(const std::string& cs, int connects, double seconds) {
  SQLHENV env = SQL_NULL_HENV;
  SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
  SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
  const auto start = Clock::now();
  std::vector<double> times;
  int failures = 0;
  for (int i = 0; i < connects; ++i) {
    std::this_thread::sleep_until(start + std::chrono::duration_cast<Clock::duration>(
                                              std::chrono::duration<double>(seconds * i / connects)));
    const auto t0 = Clock::now();
    SQLHDBC dbc = SQL_NULL_HDBC;
    SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
    bool ok = SQL_SUCCEEDED(
        SQLDriverConnect(dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT));
    if (ok) {
      SQLHSTMT st = SQL_NULL_HSTMT;
      SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
      ok = SQL_SUCCEEDED(SQLExecDirect(st, (SQLCHAR*)"SELECT 1", SQL_NTS)) && SQL_SUCCEEDED(SQLFetch(st));
      SQLFreeHandle(SQL_HANDLE_STMT, st);
      SQLDisconnect(dbc);
    }
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    times.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    if (!ok) ++failures;
  }
  SQLFreeHandle(SQL_HANDLE_ENV, env);
  const double first = times.empty() ? 0 : times.front();
  std::vector<double> warm(times.begin() + (times.empty() ? 0 : 1), times.end());
  std::printf("%.0f %.0f %d\n", first, median(warm), failures);
  return 0;
}

struct ModeResult {
  std::string mode;
  std::size_t loads = 0;        // dump.servers calls = topology loads
  double loads_per_second = 0;
  std::size_t peak_second = 0;  // most loads in one second
  double cold_us = 0, warm_us = 0;
  int failures = 0;
};

// Seconds since the epoch of every dump.servers request the test server logged.
std::vector<double> load_times(const fabodbc::test::TestServerProcess& fabric) {
  const std::string text = fabric.control("requests");
  std::vector<double> out;
  static const std::regex re(R"re("time": ([0-9.e+]+), "method": "dump\.servers")re");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back(std::stod((*it)[1]));
  return out;
}

ModeResult run_mode(const std::string& mode, const std::string& self, const std::string& cs,
                    const fabodbc::test::TestServerProcess& fabric, int processes, int connects, double seconds) {
  fabric.control("clear_calls");
  struct Child {
    pid_t pid;
    int fd;
  };
  std::vector<Child> children;
  const std::string m = std::to_string(connects), d = std::to_string(seconds);
  for (int i = 0; i < processes; ++i) {
    int p[2];
    if (pipe(p) != 0) throw std::runtime_error("pipe");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, p[1], 1);
    posix_spawn_file_actions_addclose(&fa, p[0]);
    std::vector<char*> argv{const_cast<char*>(self.c_str()), const_cast<char*>("--child"),
                            const_cast<char*>(cs.c_str()), const_cast<char*>(m.c_str()),
                            const_cast<char*>(d.c_str()), nullptr};
    pid_t pid = -1;
    if (posix_spawn(&pid, self.c_str(), &fa, nullptr, argv.data(), environ) != 0) throw std::runtime_error("spawn");
    posix_spawn_file_actions_destroy(&fa);
    close(p[1]);
    children.push_back({pid, p[0]});
  }
  ModeResult r;
  r.mode = mode;
  std::vector<double> cold, warm;
  for (const Child& c : children) {
    std::string out;
    char buf[256];
    ssize_t n;
    while ((n = read(c.fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    close(c.fd);
    int status = 0;
    waitpid(c.pid, &status, 0);
    double f = 0, w = 0;
    int failures = 0;
    if (std::sscanf(out.c_str(), "%lf %lf %d", &f, &w, &failures) == 3) {
      cold.push_back(f);
      warm.push_back(w);
      r.failures += failures;
    } else {
      r.failures += connects;
    }
  }
  const std::vector<double> t = load_times(fabric);
  r.loads = t.size();
  r.loads_per_second = r.loads / seconds;
  for (std::size_t i = 0; i < t.size(); ++i) {
    std::size_t in_window = 0;
    for (std::size_t j = i; j < t.size() && t[j] < t[i] + 1.0; ++j) ++in_window;
    r.peak_second = std::max(r.peak_second, in_window);
  }
  r.cold_us = median(cold);
  r.warm_us = median(warm);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 5 && std::strcmp(argv[1], "--child") == 0) return child(argv[2], std::atoi(argv[3]), std::atof(argv[4]));
  int processes = 50, connects = 10;
  double seconds = 10;
  bool check = false;
  std::string json_path;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--check") check = true;
    else if (i + 1 < argc && a == "--processes") processes = std::atoi(argv[++i]);
    else if (i + 1 < argc && a == "--connects") connects = std::atoi(argv[++i]);
    else if (i + 1 < argc && a == "--seconds") seconds = std::atof(argv[++i]);
    else if (i + 1 < argc && a == "--json") json_path = argv[++i];
  }
  using namespace fabodbc::test;
  try {
    auto farm = MariaDbFarm::start({{"ha", 0, {}}});
    TestServerProcess::Options o;
    o.topology_json = farm_topology_json(*farm, {}, 1);  // TTL 1 s
    TestServerProcess fabric(o);
    OdbcSandbox sandbox;
    const std::string self = std::filesystem::canonical("/proc/self/exe").string();
    const std::string base = "DRIVER={fabodbc};FABRIC_HOST=127.0.0.1;FABRIC_PORT=" +
                             std::to_string(fabric.fabric_port()) + ";FABRIC_GROUP=ha;UID=" + MariaDbFarm::app_user() +
                             ";PWD=" + MariaDbFarm::app_password();
    const std::string cache_dir = sandbox.dir() + "/fabric-cache";
    const std::string shared = base + ";FABRIC_CACHE_DIR=" + cache_dir;
    const std::string separate = base + ";FABRIC_SHARED_CACHE=0";
    // A snapshot exists when the workers start (the steady state of a machine whose processes
    // come and go); without sharing that changes nothing.
    run_mode("warm-up", self, shared, fabric, 1, 1, 0.1);
    std::vector<ModeResult> results;
    results.push_back(run_mode("one cache per process", self, separate, fabric, processes, connects, seconds));
    results.push_back(run_mode("shared snapshot", self, shared, fabric, processes, connects, seconds));

    // A process's first connect, one process at a time (no CPU contention): routed from the
    // shared snapshot, routed with no snapshot (asks Fabric), and direct (SERVER/PORT). All
    // three pay for loading the driver and its libraries; the difference is what routing adds.
    const std::string direct = "DRIVER={fabodbc};SERVER=127.0.0.1;PORT=" +
                               std::to_string(farm->primary("ha").server->port()) + ";UID=" + MariaDbFarm::app_user() +
                               ";PWD=" + MariaDbFarm::app_password();
    struct Cold {
      const char* what;
      std::string cs;
      std::vector<double> us;
    };
    std::vector<Cold> cold{{"routed, shared snapshot", shared, {}},
                           {"routed, asks Fabric", separate, {}},
                           {"direct", direct, {}}};
    for (int round = 0; round < 10; ++round)
      for (Cold& c : cold) c.us.push_back(run_mode("cold", self, c.cs, fabric, 1, 1, 0.01).cold_us);

    std::printf("fabric_load: first connect of a new process (median of 10, one process at a time):\n");
    for (const Cold& c : cold)
      std::printf("  %-26s %8.0f us  (%.2fx direct)\n", c.what, median(c.us), median(c.us) / median(cold[2].us));
    std::printf("fabric_load: %d processes x %d connects over %.0f s, Fabric TTL 1 s\n", processes, connects, seconds);
    std::printf("%-24s %10s %12s %12s %12s %12s %10s %9s\n", "mode", "loads", "loads/s", "peak in 1 s", "cold us",
                "warm us", "cold/warm", "failures");
    for (const ModeResult& r : results)
      std::printf("%-24s %10zu %12.1f %12zu %12.0f %12.0f %10.2f %9d\n", r.mode.c_str(), r.loads, r.loads_per_second,
                  r.peak_second, r.cold_us, r.warm_us, r.warm_us > 0 ? r.cold_us / r.warm_us : 0, r.failures);
    if (!json_path.empty()) {
      std::ofstream j(json_path);
      j << "[";
      for (std::size_t i = 0; i < results.size(); ++i) {
        const ModeResult& r = results[i];
        j << (i ? "," : "") << "\n {\"workload\": \"fabric load, " << r.mode << "\", \"processes\": " << processes
          << ", \"connects\": " << connects << ", \"seconds\": " << seconds << ", \"loads\": " << r.loads
          << ", \"loads_per_second\": " << r.loads_per_second << ", \"peak_second\": " << r.peak_second
          << ", \"cold_us\": " << r.cold_us << ", \"warm_us\": " << r.warm_us << ", \"failures\": " << r.failures << "}";
      }
      for (const Cold& c : cold)
        j << ",\n {\"workload\": \"first connect of a new process, " << c.what << "\", \"us\": " << median(c.us)
          << ", \"ratio_to_direct\": " << median(c.us) / median(cold[2].us) << "}";
      j << "\n]\n";
    }
    if (check) {
      const ModeResult& sep = results[0];
      const ModeResult& sh = results[1];
      // About one load per TTL for the machine with sharing (a few more where two processes
      // see an expired snapshot in the same moment); one per process per TTL without.
      const bool ok = sep.failures == 0 && sh.failures == 0 && sh.loads_per_second <= 3.0 &&
                      sep.loads >= 3 * sh.loads;
      if (!ok) {
        std::fprintf(stderr, "fabric_load --check failed\n");
        return 1;
      }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fabric_load failed: %s\n", e.what());
    return 1;
  }
  return 0;
}
