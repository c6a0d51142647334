// The floor: the same work straight on libmysqlclient (MariaDB Connector/C), no ODBC. The text
// variant converts every value to the same C types the ODBC variants ask for, so the
// comparison is like for like.
#include "tests/bench/bench_common.h"
#include "tests/bench/raw_session.h"

#include <mysql.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

namespace fabodbc::bench {

Measurement raw_fetch_text(const Target& t, uint64_t expected_rows) {
  RawSession raw(t);
  Measurement m;
  m.base_rss_kb = proc_status_kb("VmRSS");
  const double cpu0 = cpu_now();
  double start = now_seconds();
  if (mysql_query(raw.m, kFetchQuery) != 0) throw std::runtime_error(mysql_error(raw.m));
  MYSQL_RES* res = mysql_use_result(raw.m);
  char name[64];
  while (MYSQL_ROW row = mysql_fetch_row(res)) {
    unsigned long* len = mysql_fetch_lengths(res);
    long id = std::strtol(row[0], nullptr, 10);
    long long big = std::strtoll(row[1], nullptr, 10);
    double dbl = std::strtod(row[2], nullptr);
    size_t n = len[3] < sizeof name - 1 ? len[3] : sizeof name - 1;
    std::memcpy(name, row[3], n);
    name[n] = 0;
    unsigned sec = static_cast<unsigned>((row[4][17] - '0') * 10 + (row[4][18] - '0'));
    ++m.operations;
    m.checksum += static_cast<uint64_t>(id) + static_cast<uint64_t>(big) +
                  static_cast<uint64_t>(dbl) + n + sec;
  }
  mysql_free_result(res);
  m.seconds = now_seconds() - start;
  m.cpu_seconds = cpu_now() - cpu0;
  m.peak_rss_kb = proc_status_kb("VmHWM");
  if (m.operations != expected_rows) throw std::runtime_error("raw text: wrong row count");
  return m;
}

Measurement raw_fetch_binary(const Target& t, uint64_t expected_rows) {
  RawSession raw(t);
  Measurement m;
  m.base_rss_kb = proc_status_kb("VmRSS");
  const double cpu0 = cpu_now();
  double start = now_seconds();
  MYSQL_STMT* s = mysql_stmt_init(raw.m);
  stmt_check(s, mysql_stmt_prepare(s, kFetchQuery, std::strlen(kFetchQuery)), "prepare");
  stmt_check(s, mysql_stmt_execute(s), "execute");
  int id = 0;
  long long big = 0;
  double dbl = 0;
  char name[64];
  unsigned long name_len = 0;
  MYSQL_TIME dt{};
  my_bool nulls[5] = {0};
  MYSQL_BIND b[5];
  std::memset(b, 0, sizeof b);
  b[0].buffer_type = MYSQL_TYPE_LONG;     b[0].buffer = &id;   b[0].is_null = &nulls[0];
  b[1].buffer_type = MYSQL_TYPE_LONGLONG; b[1].buffer = &big;  b[1].is_null = &nulls[1];
  b[2].buffer_type = MYSQL_TYPE_DOUBLE;   b[2].buffer = &dbl;  b[2].is_null = &nulls[2];
  b[3].buffer_type = MYSQL_TYPE_STRING;   b[3].buffer = name;  b[3].buffer_length = sizeof name;
  b[3].length = &name_len;                b[3].is_null = &nulls[3];
  b[4].buffer_type = MYSQL_TYPE_DATETIME; b[4].buffer = &dt;   b[4].is_null = &nulls[4];
  stmt_check(s, mysql_stmt_bind_result(s, b), "bind result");
  int rc;
  while ((rc = mysql_stmt_fetch(s)) == 0 || rc == MYSQL_DATA_TRUNCATED) {
    ++m.operations;
    m.checksum += static_cast<uint64_t>(id) + static_cast<uint64_t>(big) +
                  static_cast<uint64_t>(dbl) + name_len + dt.second;
  }
  if (rc != MYSQL_NO_DATA) throw std::runtime_error(mysql_stmt_error(s));
  mysql_stmt_close(s);
  m.seconds = now_seconds() - start;
  m.cpu_seconds = cpu_now() - cpu0;
  m.peak_rss_kb = proc_status_kb("VmHWM");
  if (m.operations != expected_rows) throw std::runtime_error("raw binary: wrong row count");
  return m;
}

}  // namespace fabodbc::bench
