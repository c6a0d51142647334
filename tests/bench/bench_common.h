// Shared pieces of the driver benchmark: the workload definition, timing, memory readings.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace fabodbc::bench {

// The 1M-row table of ODBC-NOTES section 4: INT, BIGINT, DOUBLE, VARCHAR(32), DATETIME.
inline const char* kFetchQuery = "SELECT id, big, dbl, name, dt FROM bench_rows";
inline const char* kPointQuery = "SELECT name FROM bench_rows WHERE id = ?";

struct Target {
  std::string host = "127.0.0.1";
  unsigned port = 0;
  std::string user, password, database;
  std::string dsn;  // ODBC variants only
};

// What one variant measured, printed by the child as one line and parsed by the parent.
struct Measurement {
  double seconds = 0;        // wall time of the measured loop
  uint64_t operations = 0;   // rows fetched or point selects run
  uint64_t checksum = 0;     // keeps the compiler (and us) honest: every value was read
  long peak_rss_kb = 0;      // VmHWM of the process after the run
  long base_rss_kb = 0;      // VmRSS before the measured loop started
  double cpu_seconds = 0;    // user + system CPU of this process over the measured loop
};

inline double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// User + system CPU seconds this process has used so far.
inline double cpu_now() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

long proc_status_kb(const char* field);

// Row n (from 1) of the INSERT workloads, the same in every variant; `name` holds 33 bytes.
// Returns the name's length. Time is SQL_TIMESTAMP_STRUCT or MYSQL_TIME (same field names).
template <class Int, class Big, class Time>
long insert_row(uint64_t n, Int* id, Big* big, double* dbl, char* name, Time* t) {
  *id = static_cast<Int>(n);
  *big = static_cast<Big>(n * 1000003);
  *dbl = static_cast<double>(n) / 7;
  *t = Time{};
  t->year = 2021;
  t->month = static_cast<decltype(t->month)>(1 + n % 12);
  t->day = static_cast<decltype(t->day)>(1 + n % 28);
  t->hour = static_cast<decltype(t->hour)>(n % 24);
  t->minute = static_cast<decltype(t->minute)>(n % 60);
  t->second = static_cast<decltype(t->second)>((n / 60) % 60);
  return std::snprintf(name, 33, "name-%012llu", static_cast<unsigned long long>(n));
}

// The timed loop of the INSERT workloads: per batch, fill(i, n) writes set i (row n) into the
// application's arrays, then execute() sends the batch.
template <class Fill, class Execute>
Measurement insert_batches(uint64_t rows, unsigned batch, Fill fill, Execute execute) {
  Measurement m;
  m.base_rss_kb = proc_status_kb("VmRSS");
  const double cpu0 = cpu_now();
  const double start = now_seconds();
  for (uint64_t done = 0; done < rows; done += batch) {
    for (unsigned i = 0; i < batch; ++i) fill(i, done + i + 1);
    execute();
    m.operations += batch;
  }
  m.seconds = now_seconds() - start;
  m.cpu_seconds = cpu_now() - cpu0;
  m.peak_rss_kb = proc_status_kb("VmHWM");
  return m;
}  // "VmHWM", "VmRSS" from /proc/self/status

// Variants (each runs in its own process).
Measurement odbc_fetch(const Target& t, bool bind_columns, uint64_t expected_rows);
Measurement odbc_point_select(const Target& t, unsigned iterations, unsigned max_id);
Measurement raw_fetch_text(const Target& t, uint64_t expected_rows);
Measurement raw_fetch_binary(const Target& t, uint64_t expected_rows);
Measurement raw_point_select(const Target& t, unsigned iterations, unsigned max_id);
// INSERT of `rows` rows into bench_insert with parameter arrays of `batch` sets.
Measurement odbc_insert_array(const Target& t, bool row_wise, uint64_t rows, unsigned batch);
// The same INSERT straight on libmysqlclient: MariaDB's bulk protocol through array binding
// (STMT_ATTR_ARRAY_SIZE, STMT_ATTR_ROW_SIZE for row-wise) and one mysql_stmt_execute per batch.
Measurement raw_insert_array(const Target& t, bool row_wise, uint64_t rows, unsigned batch);
// One catalog call ("columns-table", "columns-db", "foreignkeys-table", "tables-db") on the
// 300-table database bench_catalog, `iterations` times, every row fetched.
Measurement odbc_catalog(const Target& t, const std::string& call, unsigned iterations);
// SQLDriverConnect + SQLDisconnect vs mysql_real_connect + mysql_close, `iterations` times.
Measurement odbc_connect(const Target& t, unsigned iterations);
Measurement raw_connect(const Target& t, unsigned iterations);
// SQLDriverConnect + SQLDisconnect called on the driver library itself (dlopen, no driver
// manager): what the driver costs on its own, so the driver manager's share can be told apart.
Measurement driver_only_connect(const Target& t, const std::string& library, unsigned iterations);
// SQLExecDirect of a point query (the key as a literal) vs the same text through the raw
// library's text protocol.
Measurement odbc_direct_point_select(const Target& t, unsigned iterations, unsigned max_id);
Measurement raw_text_point_select(const Target& t, unsigned iterations, unsigned max_id);

}  // namespace fabodbc::bench
