// A raw libmysqlclient connection for the benchmark's floor variants.
#pragma once

#include "tests/bench/bench_common.h"

#include <mysql.h>

#include <stdexcept>
#include <string>

namespace fabodbc::bench {

struct RawSession {
  MYSQL* m;
  explicit RawSession(const Target& t) : m(mysql_init(nullptr)) {
    if (!mysql_real_connect(m, t.host.c_str(), t.user.c_str(), t.password.c_str(), t.database.c_str(), t.port,
                            nullptr, 0))
      throw std::runtime_error(std::string("raw connect: ") + mysql_error(m));
    mysql_set_character_set(m, "utf8mb4");
  }
  ~RawSession() { mysql_close(m); }
  RawSession(const RawSession&) = delete;
  RawSession& operator=(const RawSession&) = delete;
};

inline void stmt_check(MYSQL_STMT* s, int rc, const char* what) {
  if (rc != 0) throw std::runtime_error(std::string(what) + ": " + mysql_stmt_error(s));
}

}  // namespace fabodbc::bench
