#include "tests/support/mysql_admin.h"

#include <mysql.h>
#include <sys/wait.h>

#include <chrono>
#include <deque>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <thread>

namespace fabodbc::test {
namespace {

struct MysqlCloser {
  void operator()(MYSQL* m) const { mysql_close(m); }
};
using MysqlPtr = std::unique_ptr<MYSQL, MysqlCloser>;

MysqlPtr connect_root(const std::string& socket, std::string* error) {
  MysqlPtr m(mysql_init(nullptr));
  unsigned timeout = 5;
  mysql_options(m.get(), MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  if (!mysql_real_connect(m.get(), nullptr, "root", "", nullptr, 0, socket.c_str(),
                          CLIENT_MULTI_RESULTS | CLIENT_MULTI_STATEMENTS)) {
    if (error) *error = mysql_error(m.get());
    return nullptr;
  }
  return m;
}

MysqlPtr connect_or_throw(const std::string& socket) {
  std::string error;
  MysqlPtr m = connect_root(socket, &error);
  if (!m) throw std::runtime_error("admin connect to " + socket + ": " + error);
  return m;
}

}  // namespace

std::string tail_file(const std::string& path, int lines) {
  std::ifstream in(path);
  std::deque<std::string> last;
  std::string line;
  while (std::getline(in, line)) {
    last.push_back(line);
    if (static_cast<int>(last.size()) > lines) last.pop_front();
  }
  std::string out;
  for (auto& l : last) out += l + "\n";
  return out;
}

void wait_for_socket_login(const std::string& socket, pid_t pid, double timeout_seconds,
                           const std::string& error_log) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds);
  std::string error;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid)
      throw std::runtime_error("mariadbd exited during startup:\n" + tail_file(error_log, 20));
    if (connect_root(socket, &error)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("mariadbd did not accept connections (" + error + "):\n" +
                           tail_file(error_log, 20));
}

void admin_execute(const std::string& socket, const std::string& sql) {
  MysqlPtr m = connect_or_throw(socket);
  if (mysql_real_query(m.get(), sql.data(), sql.size()) != 0)
    throw std::runtime_error("admin query failed: " + sql + ": " + mysql_error(m.get()));
  // Drain every result so multi-statement batches complete.
  do {
    if (MYSQL_RES* r = mysql_store_result(m.get())) mysql_free_result(r);
  } while (mysql_next_result(m.get()) == 0);
}

std::vector<std::vector<std::string>> admin_rows(const std::string& socket, const std::string& sql) {
  MysqlPtr m = connect_or_throw(socket);
  if (mysql_real_query(m.get(), sql.data(), sql.size()) != 0)
    throw std::runtime_error("admin query failed: " + sql + ": " + mysql_error(m.get()));
  std::vector<std::vector<std::string>> rows;
  MYSQL_RES* r = mysql_store_result(m.get());
  if (!r) return rows;
  unsigned n = mysql_num_fields(r);
  while (MYSQL_ROW row = mysql_fetch_row(r)) {
    unsigned long* len = mysql_fetch_lengths(r);
    std::vector<std::string> out;
    for (unsigned i = 0; i < n; ++i) out.emplace_back(row[i] ? std::string(row[i], len[i]) : "NULL");
    rows.push_back(std::move(out));
  }
  mysql_free_result(r);
  return rows;
}

}  // namespace fabodbc::test

namespace fabodbc::test {
unsigned tcp_execute_errno(unsigned port, const std::string& user, const std::string& password,
                           const std::string& sql) {
  MYSQL* m = mysql_init(nullptr);
  if (!mysql_real_connect(m, "127.0.0.1", user.c_str(), password.c_str(), nullptr, port, nullptr, 0)) {
    unsigned e = mysql_errno(m);
    mysql_close(m);
    return e;
  }
  unsigned e = mysql_real_query(m, sql.data(), sql.size()) == 0 ? 0 : mysql_errno(m);
  if (MYSQL_RES* r = mysql_store_result(m)) mysql_free_result(r);
  mysql_close(m);
  return e;
}
}  // namespace fabodbc::test
