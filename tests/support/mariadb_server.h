// A real mariadbd for tests: private datadir (copied from a cached template), loopback port,
// started as a child process and stopped by PID. No mocks: the driver talks to this server.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

namespace fabodbc::test {

struct MariaDbOptions {
  unsigned server_id = 1;
  bool log_bin = false;                 // binary log + GTID (replication sources)
  std::vector<std::string> extra_args;  // further mariadbd options, e.g. "--read-only=1"
};

class MariaDbServer {
 public:
  // Starts a server and waits until it accepts connections (throws std::runtime_error with the
  // tail of the server's error log if it does not come up within 30 s).
  static std::unique_ptr<MariaDbServer> start(const MariaDbOptions& options = {});
  // Starts several servers at once: all processes are launched first, then each is waited
  // for, so boots overlap. Launching happens on the calling thread on purpose: a child is
  // killed when the thread that forked it exits (PR_SET_PDEATHSIG).
  static std::vector<std::unique_ptr<MariaDbServer>> start_many(
      const std::vector<MariaDbOptions>& options);
  ~MariaDbServer();
  MariaDbServer(const MariaDbServer&) = delete;
  MariaDbServer& operator=(const MariaDbServer&) = delete;

  const std::string& host() const { return host_; }
  unsigned port() const { return port_; }
  const std::string& socket_path() const { return socket_; }
  const std::string& datadir() const { return datadir_; }
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }

  // The test account: all privileges from 127.0.0.1 and localhost.
  static const std::string& user();
  static const std::string& password();
  static const std::string& database();

  // Runs SQL as root over the socket (fixture setup, not the code under test). Throws on error.
  void admin_query(const std::string& sql) const;
  // First column of the first row of a query run as root, or "" for no row / NULL.
  std::string admin_scalar(const std::string& sql) const;

  void stop();       // SIGTERM, wait (SIGKILL after 20 s), remove the datadir
  void kill_hard();  // SIGKILL, wait, keep the datadir (for crash tests); restart() reuses it
  void restart();    // start again on the same port and datadir after stop()/kill_hard()

 private:
  MariaDbServer() = default;
  static std::unique_ptr<MariaDbServer> prepare(const MariaDbOptions& options);
  void launch();
  void wait_ready();

  MariaDbOptions options_;
  std::string host_ = "127.0.0.1";
  unsigned port_ = 0;
  std::string dir_, datadir_, socket_, pid_file_, error_log_;
  pid_t pid_ = -1;
};

// One server per test process, started on first use and stopped at exit.
MariaDbServer& shared_server();

// A free TCP port on 127.0.0.1 (bound and released; callers retry on the rare collision).
unsigned free_loopback_port();

}  // namespace fabodbc::test
