// A raw libmysqlclient connection for the benchmark's floor variants.
#pragma once

#include "tests/bench/bench_common.h"

#include <mysql.h>

#include <stdexcept>
#include <string>

namespace fabodbc::bench {

// The settings the driver connects with: utf8mb4 named in the handshake (no SET NAMES round
// trip afterwards), the database, CLIENT_MULTI_RESULTS.
inline bool raw_connect_like_driver(MYSQL* m, const Target& t) {
  mysql_optionsv(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  return mysql_real_connect(m, t.host.c_str(), t.user.c_str(), t.password.c_str(), t.database.c_str(), t.port,
                            nullptr, CLIENT_MULTI_RESULTS) != nullptr;
}

struct RawSession {
  MYSQL* m;
  explicit RawSession(const Target& t) : m(mysql_init(nullptr)) {
    if (!raw_connect_like_driver(m, t)) {
      std::string e = mysql_error(m);
      mysql_close(m);
      throw std::runtime_error("raw connect: " + e);
    }
  }
  ~RawSession() { mysql_close(m); }
  RawSession(const RawSession&) = delete;
  RawSession& operator=(const RawSession&) = delete;
};

inline void stmt_check(MYSQL_STMT* s, int rc, const char* what) {
  if (rc != 0) throw std::runtime_error(std::string(what) + ": " + mysql_stmt_error(s));
}

}  // namespace fabodbc::bench
