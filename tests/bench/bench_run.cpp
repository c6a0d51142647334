// The plan of fabodbc_bench_driver: one private mariadbd, its data, each section's variants
// taking turns, and the final table (bench_report.h) with fabodbc's ratios to odbc-mariadb and
// to raw libmysqlclient, printed and written as JSON.
#include "tests/bench/bench_report.h"
#include "tests/bench/bench_runner.h"
#include "tests/bench/point_select.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/odbc_sandbox.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <vector>

namespace fabodbc::bench {
namespace {

const char* kMaodbc = "/usr/lib/x86_64-linux-gnu/odbc/libmaodbc.so";

// The 1M-row table is about 70 MB in InnoDB. The test suite's lean servers have a 32 MB buffer
// pool, which made every scan re-read about 4,000 pages: the server then needed 0.30 s of CPU
// per scan, the raw loop sat idle waiting for it, and any client faster than the server
// looked as fast as raw (0.97-1.10x). The benchmark measures clients, so the table lives in
// the buffer pool, as it does on a server whose data fits its memory.
const char* kBufferPool = "--innodb-buffer-pool-size=256M";

void load_rows(const test::MariaDbServer& s, uint64_t rows) {
  s.admin_query(
      "CREATE TABLE fabodbc_test.bench_rows (id INT PRIMARY KEY, big BIGINT NOT NULL, "
      "dbl DOUBLE NOT NULL, name VARCHAR(32) NOT NULL, dt DATETIME NOT NULL) ENGINE=InnoDB");
  // The Sequence engine generates the rows server-side: a million rows load in seconds.
  s.admin_query("INSERT INTO fabodbc_test.bench_rows SELECT seq, seq * 1000003, seq / 7, "
                "CONCAT('name-', LPAD(seq, 12, '0')), TIMESTAMP'2020-01-01 00:00:00' + "
                "INTERVAL seq SECOND FROM fabodbc_test.seq_1_to_" + std::to_string(rows));
  // Every page read once more, so the first variant of the first round finds what the others do.
  s.admin_query("SELECT SUM(LENGTH(name)) FROM fabodbc_test.bench_rows");
}

// The parameter-array target table and a 300-table database for the catalog calls: each table
// has five columns, an index and a foreign key to the previous table.
void create_bulk_and_catalog_schema(const test::MariaDbServer& s) {
  s.admin_query(
      "CREATE TABLE fabodbc_test.bench_insert (id INT PRIMARY KEY, big BIGINT NOT NULL, "
      "dbl DOUBLE NOT NULL, name VARCHAR(32) NOT NULL, dt DATETIME NOT NULL) ENGINE=InnoDB");
  std::string ddl = "CREATE DATABASE bench_catalog; ";
  for (int i = 0; i < 300; ++i) {
    char name[8], parent[8];
    std::snprintf(name, sizeof name, "t%03d", i);
    std::snprintf(parent, sizeof parent, "t%03d", i > 0 ? i - 1 : 0);
    ddl += std::string("CREATE TABLE bench_catalog.") + name +
           " (id INT PRIMARY KEY, parent_id INT, label VARCHAR(40) NOT NULL DEFAULT '', "
           "amount DECIMAL(10,2), created DATETIME, KEY (parent_id)" +
           (i > 0 ? std::string(", FOREIGN KEY (parent_id) REFERENCES bench_catalog.") + parent + " (id)" : "") +
           ") ENGINE=InnoDB; ";
  }
  s.admin_query(ddl);
}

// What the sections measured, by job label, and the shapes the table takes its figures in.
struct Results {
  std::map<std::string, Outcome> by_label;

  const Outcome* get(const std::string& label) const {
    auto it = by_label.find(label);
    return it != by_label.end() && it->second.ok ? &it->second : nullptr;
  }
  std::optional<double> rate(const std::string& label) const {
    const Outcome* o = get(label);
    if (!o) return std::nullopt;
    return o->best.operations / o->best.seconds;
  }
  // Time per operation in `scale` units per second (1e6: microseconds, 1e3: milliseconds).
  std::optional<double> per_op(const std::string& label, double scale) const {
    const Outcome* o = get(label);
    if (!o) return std::nullopt;
    return scale * o->best.seconds / o->best.operations;
  }
  std::optional<double> cpu(const std::string& label) const {
    const Outcome* o = get(label);
    if (!o || o->best.cpu_seconds <= 0) return std::nullopt;
    return o->best.cpu_seconds;
  }
};

void print_failures(const std::vector<Job>& jobs, const Results& r) {
  for (const Job& job : jobs) {
    auto it = r.by_label.find(job.label);
    if (it != r.by_label.end() && !it->second.ok)
      std::printf("%-48s FAILED: %s\n", job.label.c_str(), it->second.error.c_str());
  }
}

void fetch_section(const Target& t, const Options& o, bool maodbc, Results& r, Report& report) {
  std::vector<Job> jobs = {
      {"raw text", "raw-text", "", ""},
      {"raw binary", "raw-binary", "", ""},
      {"fabodbc getdata", "odbc-getdata", "bench_fabodbc", ""},
      {"fabodbc bindcol", "odbc-bindcol", "bench_fabodbc", ""},
  };
  if (maodbc) {
    jobs.push_back({"maodbc getdata", "odbc-getdata", "bench_maodbc", ""});
    jobs.push_back({"maodbc bindcol", "odbc-bindcol", "bench_maodbc", ""});
  }
  run_in_turns(jobs, t, o, r.by_label);
  print_failures(jobs, r);
  const std::string rows = std::to_string(o.rows / 1000) + "k rows";
  WorkloadRow getdata{"fetch " + rows + ", SQLFetch+SQLGetData", "rows/s"};
  getdata.fabodbc = r.rate("fabodbc getdata");
  getdata.odbc_mariadb = r.rate("maodbc getdata");
  getdata.raw = r.rate("raw binary");
  getdata.raw_label = "binary protocol, unbuffered, bound to the same C types";
  getdata.fabodbc_cpu_s = r.cpu("fabodbc getdata");
  getdata.raw_cpu_s = r.cpu("raw binary");
  getdata.goal = "x raw >= 0.90, x maodbc >= 2";
  getdata.goal_ratio_vs_raw = 0.90;
  report.add(getdata);
  WorkloadRow bindcol{"fetch " + rows + ", SQLBindCol", "rows/s"};
  bindcol.fabodbc = r.rate("fabodbc bindcol");
  bindcol.odbc_mariadb = r.rate("maodbc bindcol");
  bindcol.raw = r.rate("raw binary");
  bindcol.raw_label = getdata.raw_label;
  bindcol.fabodbc_cpu_s = r.cpu("fabodbc bindcol");
  bindcol.raw_cpu_s = getdata.raw_cpu_s;
  bindcol.goal = "x raw >= 0.95, x maodbc >= 2";
  bindcol.goal_ratio_vs_raw = 0.95;
  report.add(bindcol);
  WorkloadRow text{"fetch " + rows + ", raw text protocol (for scale)", "rows/s"};
  text.raw = r.rate("raw text");
  text.raw_label = "mysql_use_result, values parsed into the same C types";
  text.raw_cpu_s = r.cpu("raw text");
  report.add(text);
  WorkloadRow rss{"peak RSS of the SQLGetData fetch", "MB", false};
  if (const Outcome* f = r.get("fabodbc getdata")) rss.fabodbc = f->best.peak_rss_kb / 1024.0;
  if (const Outcome* m = r.get("maodbc getdata")) rss.odbc_mariadb = m->best.peak_rss_kb / 1024.0;
  if (const Outcome* b = r.get("raw binary")) rss.raw = b->best.peak_rss_kb / 1024.0;
  report.add(rss);
  // Same values through every path: the checksums of all fetch variants must agree.
  for (const Job& job : jobs) {
    const Outcome* a = r.get(job.label);
    const Outcome* ref = r.get("raw binary");
    if (a && ref && a->best.checksum != ref->best.checksum) {
      std::printf("checksum of %s DIFFERS from raw binary (a driver returned other values)\n", job.label.c_str());
      r.by_label[job.label].ok = false;
    }
  }
}

// Prepared point selects: interleaved in this process (see point_select.h), because the
// difference to raw is a few microseconds and separate runs drift by more than that. One
// select per variant per round: the machine's state (idle or busy CPU, which changes loopback
// latency several-fold) is then the same for every variant's n-th select.
void point_section(const Target& t, const Options& o, bool maodbc, Results& r, Report& report) {
  try {
    std::vector<std::pair<std::string, std::unique_ptr<PointSelect>>> runners;
    runners.emplace_back("raw", raw_point_select_runner(t, static_cast<unsigned>(o.rows)));
    Target fab = t;
    fab.dsn = "bench_fabodbc";
    runners.emplace_back("fabodbc", odbc_point_select_runner(fab, static_cast<unsigned>(o.rows)));
    if (maodbc) {
      Target ma = t;
      ma.dsn = "bench_maodbc";
      runners.emplace_back("maodbc", odbc_point_select_runner(ma, static_cast<unsigned>(o.rows)));
    }
    std::vector<InterleavedSeries> series = interleaved_point_selects(runners, std::max(1u, o.iterations), 1);
    // Loopback latency on an idle machine is bimodal (a fast mode, and a slow one after the CPU
    // went idle): the quartiles say more than the median, which moves with the mixture.
    for (double q : {0.25, 0.5, 0.75}) {
      WorkloadRow row{"prepared point select, p" + std::to_string(static_cast<int>(q * 100)) + " of " +
                          std::to_string(o.iterations) + " interleaved",
                      "us", false};
      for (const InterleavedSeries& s : series) {
        const double v = percentile(s.block_us, q);
        (s.label == "raw" ? row.raw : s.label == "fabodbc" ? row.fabodbc : row.odbc_mariadb) = v;
      }
      row.raw_label = "mysql_stmt_execute + mysql_stmt_fetch";
      report.add(row);
    }
  } catch (const std::exception& e) {
    std::printf("prepared point select FAILED: %s\n", e.what());
    r.by_label["prepared point select"] = Outcome{};  // a failed variant fails the run
  }
}

void direct_section(const Target& t, const Options& o, bool maodbc, Results& r, Report& report) {
  std::vector<Job> jobs = {{"raw text point", "raw-text-point", "", ""},
                           {"fabodbc direct point", "odbc-direct-point", "bench_fabodbc", ""}};
  if (maodbc) jobs.push_back({"maodbc direct point", "odbc-direct-point", "bench_maodbc", ""});
  run_in_turns(jobs, t, o, r.by_label);
  print_failures(jobs, r);
  WorkloadRow row{"SQLExecDirect point select (key as a literal)", "us", false};
  row.fabodbc = r.per_op("fabodbc direct point", 1e6);
  row.odbc_mariadb = r.per_op("maodbc direct point", 1e6);
  row.raw = r.per_op("raw text point", 1e6);
  row.raw_label = "mysql_real_query + mysql_use_result";
  row.goal = "fabodbc - raw <= 5 us";
  row.goal_max_delta_us = 5;
  report.add(row);
}

void connect_section(const Target& t, const Options& o, bool maodbc, const std::string& driver_path,
                     Results& r, Report& report) {
  std::vector<Job> jobs = {{"raw connect", "raw-connect", "", ""},
                           {"fabodbc connect", "odbc-connect", "bench_fabodbc", ""},
                           {"fabodbc connect, no DM", "driver-connect", "bench_fabodbc", " --library " + driver_path}};
  if (maodbc) {
    jobs.push_back({"maodbc connect", "odbc-connect", "bench_maodbc", ""});
    jobs.push_back({"maodbc connect, no DM", "driver-connect", "bench_maodbc", std::string(" --library ") + kMaodbc});
  }
  run_in_turns(jobs, t, o, r.by_label);
  print_failures(jobs, r);
  WorkloadRow row{"SQLDriverConnect + SQLDisconnect", "ms", false};
  row.fabodbc = r.per_op("fabodbc connect", 1e3);
  row.odbc_mariadb = r.per_op("maodbc connect", 1e3);
  row.raw = r.per_op("raw connect", 1e3);
  row.raw_label = "mysql_real_connect + mysql_close (utf8mb4 in the handshake, database, CLIENT_MULTI_RESULTS)";
  row.goal = "x raw >= 0.67 (within 1.5x)";
  row.goal_ratio_vs_raw = 1 / 1.5;
  report.add(row);
  // The drivers called directly (dlopen, no driver manager): the DM's own share is the rest.
  WorkloadRow direct{"the same on the driver itself, without the driver manager", "ms", false};
  direct.fabodbc = r.per_op("fabodbc connect, no DM", 1e3);
  direct.odbc_mariadb = r.per_op("maodbc connect, no DM", 1e3);
  direct.raw = row.raw;
  direct.raw_label = row.raw_label;
  report.add(direct);
}

void insert_section(const Target& t, const Options& o, bool maodbc, Results& r, Report& report) {
  std::vector<Job> jobs;
  // The server does most of this work, and its state drifts (InnoDB flushing): turns again.
  for (const char* binding : {"row", "col"}) {
    jobs.push_back({std::string("raw insert ") + binding, std::string("raw-insert-") + binding, "", ""});
    jobs.push_back({std::string("fabodbc insert ") + binding, std::string("odbc-insert-") + binding, "bench_fabodbc", ""});
    if (maodbc)
      jobs.push_back({std::string("maodbc insert ") + binding, std::string("odbc-insert-") + binding, "bench_maodbc", ""});
  }
  run_in_turns(jobs, t, o, r.by_label);
  print_failures(jobs, r);
  for (const char* binding : {"row", "col"}) {
    const std::string b = binding;
    WorkloadRow row{"INSERT " + std::to_string(o.insert_rows) + " rows, parameter arrays of " +
                        std::to_string(o.batch) + (b == "row" ? ", row-wise" : ", column-wise"),
                    "rows/s"};
    row.fabodbc = r.rate("fabodbc insert " + b);
    row.odbc_mariadb = r.rate("maodbc insert " + b);
    row.raw = r.rate("raw insert " + b);
    row.raw_label = "mysql_stmt_attr_set(STMT_ATTR_ARRAY_SIZE) + mysql_stmt_execute (bulk protocol)";
    row.fabodbc_cpu_s = r.cpu("fabodbc insert " + b);
    row.raw_cpu_s = r.cpu("raw insert " + b);
    row.goal = "x raw >= 0.95";
    row.goal_ratio_vs_raw = 0.95;
    report.add(row);
  }
}

void catalog_section(const Target& t, const Options& o, bool maodbc, Results& r, Report& report) {
  const char* calls[] = {"tables-db", "columns-table", "columns-db", "foreignkeys-table"};
  std::vector<Job> jobs;
  for (const char* call : calls) {
    const std::string extra = std::string(" --call ") + call + " --catalog-iterations " + std::to_string(o.catalog_iterations);
    jobs.push_back({std::string("fabodbc ") + call, "odbc-catalog", "bench_fabodbc", extra});
    if (maodbc) jobs.push_back({std::string("maodbc ") + call, "odbc-catalog", "bench_maodbc", extra});
  }
  run_in_turns(jobs, t, o, r.by_label);
  print_failures(jobs, r);
  const char* names[] = {"SQLTables of the 300-table database", "SQLColumns of one table",
                         "SQLColumns of the whole database (1,500 rows)", "SQLForeignKeys of one table"};
  for (size_t i = 0; i < 4; ++i) {
    WorkloadRow row{names[i], "ms", false};
    row.fabodbc = r.per_op(std::string("fabodbc ") + calls[i], 1e3);
    row.odbc_mariadb = r.per_op(std::string("maodbc ") + calls[i], 1e3);
    report.add(row);
    const Outcome* a = r.get(std::string("fabodbc ") + calls[i]);
    const Outcome* b = r.get(std::string("maodbc ") + calls[i]);
    if (a && b && a->best.checksum != b->best.checksum)
      std::printf("note: %s returns %llu rows with fabodbc, %llu with odbc-mariadb\n", calls[i],
                  static_cast<unsigned long long>(a->best.checksum), static_cast<unsigned long long>(b->best.checksum));
  }
}

}  // namespace

int run_all(const Options& o) {
  std::printf("fabodbc driver benchmark: %llu rows, best of %u rounds, %u point selects\n",
              static_cast<unsigned long long>(o.rows), o.repeat, o.iterations);
  test::MariaDbOptions server_options;
  server_options.extra_args = {kBufferPool};
  auto server = test::MariaDbServer::start(server_options);
  double t0 = now_seconds();
  load_rows(*server, o.rows);
  std::printf("server %s:%u, %llu rows loaded in %.1f s\n", server->host().c_str(), server->port(),
              static_cast<unsigned long long>(o.rows), now_seconds() - t0);
  create_bulk_and_catalog_schema(*server);
  test::OdbcSandbox sandbox;
  sandbox.dsn_for(*server, "bench_fabodbc");
  const bool maodbc = std::ifstream(kMaodbc).good();
  if (maodbc) {
    sandbox.add_driver("mariadb", kMaodbc);
    sandbox.dsn_for(*server, "bench_maodbc", {{"Driver", "mariadb"}});
  }
  Target t;
  t.port = server->port();
  t.user = test::MariaDbServer::user();
  t.password = test::MariaDbServer::password();
  t.database = test::MariaDbServer::database();

  Results results;
  Report report;
  if (o.runs("fetch")) fetch_section(t, o, maodbc, results, report);
  if (o.runs("point")) point_section(t, o, maodbc, results, report);
  if (o.runs("direct")) direct_section(t, o, maodbc, results, report);
  if (o.runs("connect")) connect_section(t, o, maodbc, sandbox.driver_path(), results, report);
  if (o.runs("insert")) insert_section(t, o, maodbc, results, report);
  if (o.runs("catalog")) catalog_section(t, o, maodbc, results, report);
  report.print();
  if (!o.json.empty()) {
    report.write_json(o.json);
    std::printf("\nwritten to %s\n", o.json.c_str());
  }
  bool all_ok = true;
  for (auto& [label, out] : results.by_label) all_ok = all_ok && out.ok;
  return all_ok ? 0 : 1;
}

}  // namespace fabodbc::bench
