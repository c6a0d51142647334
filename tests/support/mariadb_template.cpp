#include "tests/support/mariadb_template.h"

#include "tests/support/child_process.h"
#include "tests/support/mysql_admin.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace fs = std::filesystem;

namespace fabodbc::test {
namespace {

std::string find_program(const char* name) {
  for (const char* dir : {"/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"}) {
    std::string p = std::string(dir) + "/" + name;
    if (access(p.c_str(), X_OK) == 0) return p;
  }
  throw std::runtime_error(std::string(name) +
                           " not found: install mariadb-server (scripts/install-deps.sh)");
}

// The template is keyed by the server binary, so an upgraded mariadbd gets a fresh one.
std::string template_key() {
  struct stat st {};
  stat(mariadbd_path().c_str(), &st);
  return std::to_string(static_cast<long long>(st.st_size)) + "-" +
         std::to_string(static_cast<long long>(st.st_mtime));
}

const char* kSetupSql[] = {
    "CREATE USER 'fabodbc'@'127.0.0.1' IDENTIFIED BY 'fabodbc-pw'",
    "CREATE USER 'fabodbc'@'localhost' IDENTIFIED BY 'fabodbc-pw'",
    "GRANT ALL PRIVILEGES ON *.* TO 'fabodbc'@'127.0.0.1' WITH GRANT OPTION",
    "GRANT ALL PRIVILEGES ON *.* TO 'fabodbc'@'localhost' WITH GRANT OPTION",
    "CREATE DATABASE fabodbc_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
};

void build_template(const std::string& target) {
  std::string work = target + ".build-" + std::to_string(getpid());
  remove_tree(work);
  fs::create_directories(work);
  std::string data = work + "/data", log = work + "/install.log";
  std::vector<std::string> install = {mariadb_install_db_path(), "--no-defaults",
                                      "--datadir=" + data, "--auth-root-authentication-method=normal",
                                      "--skip-test-db"};
  if (geteuid() == 0) install.push_back("--user=root");
  if (run_command(install, log, 120) != 0)
    throw std::runtime_error("mariadb-install-db failed, see " + log);

  // Start once on the socket only, bake the test account in, shut down cleanly.
  std::string sock = work + "/s.sock";
  std::vector<std::string> args = {mariadbd_path(), "--no-defaults", "--datadir=" + data,
                                   "--socket=" + sock, "--skip-networking",
                                   "--pid-file=" + work + "/s.pid", "--log-error=" + work + "/s.err"};
  for (auto& a : lean_server_args()) args.push_back(a);
  pid_t pid = spawn(args);
  wait_for_socket_login(sock, pid, 60, work + "/s.err");
  for (const char* sql : kSetupSql) admin_execute(sock, sql);
  if (terminate_child(pid, SIGTERM, 60) != 0)
    throw std::runtime_error("template server did not shut down cleanly, see " + work + "/s.err");
  fs::rename(data, target);
  remove_tree(work);
}

}  // namespace

std::string mariadbd_path() {
  static const std::string p = find_program("mariadbd");
  return p;
}

std::string mariadb_install_db_path() {
  static const std::string p = find_program("mariadb-install-db");
  return p;
}

std::vector<std::string> lean_server_args() {
  std::vector<std::string> a = {
      "--innodb-buffer-pool-size=32M", "--innodb-log-file-size=8M",
      "--innodb-flush-log-at-trx-commit=2", "--performance-schema=OFF",
      "--skip-name-resolve", "--character-set-server=utf8mb4",
      "--collation-server=utf8mb4_unicode_ci", "--max-allowed-packet=64M",
      "--max-connections=500", "--key-buffer-size=1M", "--table-open-cache=400",
  };
  if (geteuid() == 0) a.push_back("--user=root");
  return a;
}

std::string mariadb_template_dir() {
  static const std::string dir = [] {
    std::string base = "/tmp/fabodbc-mariadb-template-" + template_key();
    std::string lock_path = "/tmp/fabodbc-mariadb-template.lock";
    int fd = open(lock_path.c_str(), O_RDWR | O_CREAT, 0666);
    if (fd < 0) throw std::runtime_error("cannot open " + lock_path);
    flock(fd, LOCK_EX);
    try {
      if (!fs::exists(base + "/mysql")) build_template(base);
    } catch (...) {
      flock(fd, LOCK_UN);
      close(fd);
      throw;
    }
    flock(fd, LOCK_UN);
    close(fd);
    return base;
  }();
  return dir;
}

}  // namespace fabodbc::test
