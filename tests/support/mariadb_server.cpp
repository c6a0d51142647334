#include "tests/support/mariadb_server.h"

#include "tests/support/child_process.h"
#include "tests/support/mariadb_template.h"
#include "tests/support/mysql_admin.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>

namespace fs = std::filesystem;

namespace fabodbc::test {

const std::string& MariaDbServer::user() {
  static const std::string u = "fabodbc";
  return u;
}
const std::string& MariaDbServer::password() {
  static const std::string p = "fabodbc-pw";
  return p;
}
const std::string& MariaDbServer::database() {
  static const std::string d = "fabodbc_test";
  return d;
}

unsigned free_loopback_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    throw std::runtime_error("bind() on 127.0.0.1 failed");
  }
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

std::unique_ptr<MariaDbServer> MariaDbServer::prepare(const MariaDbOptions& options) {
  std::unique_ptr<MariaDbServer> s(new MariaDbServer());
  s->options_ = options;
  // Short paths under /tmp: Unix socket paths are limited to 107 bytes.
  char dir_template[] = "/tmp/fabodbc-srv-XXXXXX";
  if (!mkdtemp(dir_template)) throw std::runtime_error("mkdtemp failed");
  s->dir_ = dir_template;
  s->datadir_ = s->dir_ + "/data";
  s->socket_ = s->dir_ + "/mysqld.sock";
  s->pid_file_ = s->dir_ + "/mysqld.pid";
  s->error_log_ = s->dir_ + "/error.log";
  fs::copy(mariadb_template_dir(), s->datadir_, fs::copy_options::recursive);
  return s;
}

std::unique_ptr<MariaDbServer> MariaDbServer::start(const MariaDbOptions& options) {
  auto servers = start_many({options});
  return std::move(servers[0]);
}

std::vector<std::unique_ptr<MariaDbServer>> MariaDbServer::start_many(
    const std::vector<MariaDbOptions>& options) {
  std::vector<std::unique_ptr<MariaDbServer>> servers;
  for (auto& o : options) {
    servers.push_back(prepare(o));
    servers.back()->port_ = free_loopback_port();
    servers.back()->launch();
  }
  for (auto& s : servers) {
    // A port picked by bind(0) can be taken by someone else before mariadbd binds it: retry.
    for (int attempt = 0;; ++attempt) {
      try {
        s->wait_ready();
        break;
      } catch (const std::exception&) {
        terminate_child(s->pid_, SIGKILL, 10);
        s->pid_ = -1;
        if (attempt >= 2) throw;
        s->port_ = free_loopback_port();
        s->launch();
      }
    }
  }
  return servers;
}

void MariaDbServer::launch() {
  std::vector<std::string> args = {
      mariadbd_path(), "--no-defaults", "--datadir=" + datadir_, "--socket=" + socket_,
      "--port=" + std::to_string(port_), "--bind-address=127.0.0.1", "--pid-file=" + pid_file_,
      "--log-error=" + error_log_, "--server-id=" + std::to_string(options_.server_id),
      // A private tmpdir keeps each server's temporary files its own: with a shared /tmp an
      // information_schema query once failed with "Error on delete of /tmp/#sql-temptable-..."
      // while other test servers were running.
      "--tmpdir=" + dir_};
  for (auto& a : lean_server_args()) args.push_back(a);
  if (options_.log_bin) {
    args.insert(args.end(), {"--log-bin=" + dir_ + "/binlog", "--log-slave-updates=1",
                             "--binlog-format=ROW", "--gtid-strict-mode=1"});
  } else {
    args.push_back("--skip-log-bin");
  }
  for (auto& a : options_.extra_args) args.push_back(a);
  pid_ = spawn(args);
}

void MariaDbServer::wait_ready() { wait_for_socket_login(socket_, pid_, 30, error_log_); }

void MariaDbServer::admin_query(const std::string& sql) const { admin_execute(socket_, sql); }

std::string MariaDbServer::admin_scalar(const std::string& sql) const {
  auto rows = admin_rows(socket_, sql);
  if (rows.empty() || rows[0].empty() || rows[0][0] == "NULL") return "";
  return rows[0][0];
}

void MariaDbServer::stop() {
  if (pid_ > 0) terminate_child(pid_, SIGTERM, 20);
  pid_ = -1;
}

void MariaDbServer::kill_hard() {
  if (pid_ > 0) terminate_child(pid_, SIGKILL, 10);
  pid_ = -1;
}

void MariaDbServer::restart() {
  if (pid_ > 0) throw std::runtime_error("restart(): server is still running");
  launch();
  wait_ready();
}

MariaDbServer::~MariaDbServer() {
  stop();
  if (!dir_.empty() && !std::getenv("FABODBC_KEEP_TEST_SERVERS")) remove_tree(dir_);
}

namespace {
std::unique_ptr<MariaDbServer>& shared_slot() {
  static std::unique_ptr<MariaDbServer> slot;
  return slot;
}
}  // namespace

MariaDbServer& shared_server() {
  static std::once_flag once;
  std::call_once(once, [] {
    shared_slot() = MariaDbServer::start();
    std::atexit([] { shared_slot().reset(); });
  });
  return *shared_slot();
}

}  // namespace fabodbc::test
