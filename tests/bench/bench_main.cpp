// fabodbc_bench_driver: one run that compares, on the same private mariadbd,
//   (a) fabodbc through the unixODBC driver manager,
//   (b) Debian's odbc-mariadb (libmaodbc.so) through the same driver manager,
//   (c) raw libmysqlclient (text protocol and binary protocol),
// on a 1,000,000-row fetch (SQLFetch+SQLGetData, and SQLBindCol) and a prepared point select.
// Every variant runs in a fresh process (this binary re-executed with --variant) so its peak
// RSS is its own. Prints rows/s, latency, peak RSS and ratios; no pass/fail thresholds here.
//
// Also: 100,000-row INSERT with parameter arrays of 1,000 (row-wise and column-wise), and
// SQLTables/SQLColumns/SQLForeignKeys on a 300-table database, fabodbc vs odbc-mariadb.
// Options: --rows N (1000000)  --repeat R (3 rounds, variants taking turns; best run kept)  --iterations N (20000 point selects)
//          --insert-rows N (100000)  --batch N (1000)
#include "tests/bench/bench_common.h"
#include "tests/bench/point_select.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/odbc_sandbox.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace fabodbc::bench {

long proc_status_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  size_t n = std::strlen(field);
  while (std::getline(in, line))
    if (line.compare(0, n, field) == 0 && line[n] == ':') return std::atol(line.c_str() + n + 1);
  return 0;
}

namespace {

const char* kMaodbc = "/usr/lib/x86_64-linux-gnu/odbc/libmaodbc.so";

struct Options {
  uint64_t rows = 1000000;
  unsigned repeat = 3;
  unsigned iterations = 20000;
  uint64_t insert_rows = 100000;
  unsigned batch = 1000;
  unsigned catalog_iterations = 20;
};

// ---- child side -------------------------------------------------------------------------

int run_variant(int argc, char** argv) {
  std::map<std::string, std::string> a;
  for (int i = 1; i + 1 < argc; i += 2) a[argv[i]] = argv[i + 1];
  Target t;
  t.port = static_cast<unsigned>(std::stoul(a["--port"]));
  t.user = a["--user"];
  t.password = a["--password"];
  t.database = a["--database"];
  t.dsn = a["--dsn"];
  uint64_t rows = std::stoull(a["--rows"]);
  unsigned iterations = static_cast<unsigned>(std::stoul(a["--iterations"]));
  const std::string& v = a["--variant"];
  Measurement m;
  try {
    if (v == "odbc-getdata") m = odbc_fetch(t, false, rows);
    else if (v == "odbc-bindcol") m = odbc_fetch(t, true, rows);
    else if (v == "odbc-point") m = odbc_point_select(t, iterations, static_cast<unsigned>(rows));
    else if (v == "raw-text") m = raw_fetch_text(t, rows);
    else if (v == "raw-binary") m = raw_fetch_binary(t, rows);
    else if (v == "raw-point") m = raw_point_select(t, iterations, static_cast<unsigned>(rows));
    else if (v == "odbc-insert-row" || v == "odbc-insert-col")
      m = odbc_insert_array(t, v == "odbc-insert-row", std::stoull(a["--insert-rows"]),
                            static_cast<unsigned>(std::stoul(a["--batch"])));
    else if (v == "odbc-direct-point") m = odbc_direct_point_select(t, iterations, static_cast<unsigned>(rows));
    else if (v == "raw-text-point") m = raw_text_point_select(t, iterations, static_cast<unsigned>(rows));
    else if (v == "odbc-connect") m = odbc_connect(t, std::max(1u, iterations / 20));
    else if (v == "raw-connect") m = raw_connect(t, std::max(1u, iterations / 20));
    else if (v == "odbc-catalog")
      m = odbc_catalog(t, a["--call"], static_cast<unsigned>(std::stoul(a["--catalog-iterations"])));
    else throw std::runtime_error("unknown variant " + v);
  } catch (const std::exception& e) {
    std::printf("ERROR %s\n", e.what());
    return 1;
  }
  std::printf("RESULT %.6f %llu %llu %ld %ld\n", m.seconds,
              static_cast<unsigned long long>(m.operations),
              static_cast<unsigned long long>(m.checksum), m.peak_rss_kb, m.base_rss_kb);
  return 0;
}

// ---- parent side ------------------------------------------------------------------------

// popen runs a shell, so /proc/self/exe must be resolved here, in this process.
std::string self_path() {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) throw std::runtime_error("cannot resolve /proc/self/exe");
  return std::string(buf, static_cast<size_t>(n));
}

struct Outcome {
  bool ok = false;
  std::string error;
  Measurement best;
};

// One run of a variant in a child process.
Outcome run_once(const std::string& variant, const std::string& dsn, const Target& t, const Options& o,
                 const std::string& extra) {
  Outcome out;
  std::string cmd = self_path() + " --variant " + variant + " --dsn '" + dsn + "' --port " +
                    std::to_string(t.port) + " --user " + t.user + " --password '" + t.password +
                    "' --database " + t.database + " --rows " + std::to_string(o.rows) + " --iterations " +
                    std::to_string(o.iterations) + " --insert-rows " + std::to_string(o.insert_rows) + " --batch " +
                    std::to_string(o.batch) + extra + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("popen failed");
  char line[4096];
  std::string error;
  Measurement m;
  bool got = false;
  while (std::fgets(line, sizeof line, p)) {
    unsigned long long ops = 0, sum = 0;
    if (std::sscanf(line, "RESULT %lf %llu %llu %ld %ld", &m.seconds, &ops, &sum, &m.peak_rss_kb, &m.base_rss_kb) ==
        5) {
      m.operations = ops;
      m.checksum = sum;
      got = true;
    } else {
      error += line;
    }
  }
  int status = pclose(p);
  if (!got || status != 0) {
    out.error = error.empty() ? "exit status " + std::to_string(status) : error;
    return out;
  }
  out.ok = true;
  out.best = m;
  return out;
}

// A variant to measure: its label in the report, the variant name, the DSN and extra options.
struct Job {
  std::string label, variant, dsn, extra;
};

// Runs every job `o.repeat` times, taking turns: each round runs each job once, so drift of the
// machine and of the server (InnoDB flushing, the buffer pool) touches all of them alike
// instead of whichever ran last. The fastest run of each job is kept (with the highest peak
// RSS of its runs); a failed run fails the job.
void run_in_turns(const std::vector<Job>& jobs, const Target& t, const Options& o,
                  std::map<std::string, Outcome>& results) {
  for (unsigned round = 0; round < o.repeat; ++round) {
    for (const Job& job : jobs) {
      Outcome fresh = run_once(job.variant, job.dsn, t, o, job.extra);
      auto [it, first] = results.emplace(job.label, fresh);
      Outcome& kept = it->second;
      if (first || !kept.ok) continue;
      if (!fresh.ok) {
        kept = fresh;
      } else if (fresh.best.seconds < kept.best.seconds) {
        const long peak = std::max(kept.best.peak_rss_kb, fresh.best.peak_rss_kb);
        kept = fresh;
        kept.best.peak_rss_kb = peak;
      } else {
        kept.best.peak_rss_kb = std::max(kept.best.peak_rss_kb, fresh.best.peak_rss_kb);
      }
    }
  }
}

void load_rows(const test::MariaDbServer& s, uint64_t rows) {
  s.admin_query(
      "CREATE TABLE fabodbc_test.bench_rows (id INT PRIMARY KEY, big BIGINT NOT NULL, "
      "dbl DOUBLE NOT NULL, name VARCHAR(32) NOT NULL, dt DATETIME NOT NULL) ENGINE=InnoDB");
  // The Sequence engine generates the rows server-side: a million rows load in seconds.
  s.admin_query("INSERT INTO fabodbc_test.bench_rows SELECT seq, seq * 1000003, seq / 7, "
                "CONCAT('name-', LPAD(seq, 12, '0')), TIMESTAMP'2020-01-01 00:00:00' + "
                "INTERVAL seq SECOND FROM fabodbc_test.seq_1_to_" + std::to_string(rows));
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

std::string fmt(const char* f, double v) {
  char b[64];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

int run_all(const Options& o) {
  std::printf("fabodbc driver benchmark: %llu rows, best of %u runs, %u point selects\n",
              static_cast<unsigned long long>(o.rows), o.repeat, o.iterations);
  auto server = test::MariaDbServer::start();
  double t0 = now_seconds();
  load_rows(*server, o.rows);
  std::printf("server %s:%u, %llu rows loaded in %.1f s\n", server->host().c_str(), server->port(),
              static_cast<unsigned long long>(o.rows), now_seconds() - t0);
  t0 = now_seconds();
  create_bulk_and_catalog_schema(*server);
  std::printf("insert table and 300-table catalog database created in %.1f s\n", now_seconds() - t0);
  test::OdbcSandbox sandbox;
  sandbox.dsn_for(*server, "bench_fabodbc");
  bool have_maodbc = std::ifstream(kMaodbc).good();
  if (have_maodbc) {
    sandbox.add_driver("mariadb", kMaodbc);
    sandbox.dsn_for(*server, "bench_maodbc", {{"Driver", "mariadb"}});
  }
  Target t;
  t.port = server->port();
  t.user = test::MariaDbServer::user();
  t.password = test::MariaDbServer::password();
  t.database = test::MariaDbServer::database();

  struct Row { std::string label, variant, dsn; bool fetch; };
  std::vector<Row> plan = {
      {"raw libmysqlclient, text protocol", "raw-text", "", true},
      {"raw libmysqlclient, binary protocol", "raw-binary", "", true},
      {"fabodbc SQLFetch+SQLGetData", "odbc-getdata", "bench_fabodbc", true},
      {"fabodbc SQLBindCol", "odbc-bindcol", "bench_fabodbc", true},
  };
  if (have_maodbc) {
    plan.push_back({"odbc-mariadb SQLFetch+SQLGetData", "odbc-getdata", "bench_maodbc", true});
    plan.push_back({"odbc-mariadb SQLBindCol", "odbc-bindcol", "bench_maodbc", true});
  }
  plan.push_back({"raw libmysqlclient text point select", "raw-text-point", "", false});
  plan.push_back({"fabodbc SQLExecDirect point select", "odbc-direct-point", "bench_fabodbc", false});
  if (have_maodbc)
    plan.push_back({"odbc-mariadb SQLExecDirect point select", "odbc-direct-point", "bench_maodbc", false});
  plan.push_back({"raw libmysqlclient connect+close", "raw-connect", "", false});
  plan.push_back({"fabodbc SQLDriverConnect+SQLDisconnect", "odbc-connect", "bench_fabodbc", false});
  if (have_maodbc)
    plan.push_back({"odbc-mariadb SQLDriverConnect+SQLDisconnect", "odbc-connect", "bench_maodbc", false});

  std::map<std::string, Outcome> results;
  std::vector<Job> fetch_jobs, text_jobs;
  for (auto& r : plan) (r.fetch ? fetch_jobs : text_jobs).push_back({r.label, r.variant, r.dsn, ""});
  run_in_turns(fetch_jobs, t, o, results);
  std::printf("\n%-44s %14s %12s %12s\n", "fetch of the 5-column table", "rows/s", "peak RSS", "checksum");
  for (auto& r : plan) {
    if (!r.fetch) continue;
    const Outcome& out = results[r.label];
    if (!out.ok) {
      std::printf("%-44s FAILED: %s\n", r.label.c_str(), out.error.c_str());
      continue;
    }
    std::printf("%-44s %14.0f %9.1f MB %12llu\n", r.label.c_str(), out.best.operations / out.best.seconds,
                out.best.peak_rss_kb / 1024.0, static_cast<unsigned long long>(out.best.checksum));
  }
  // Prepared point selects: interleaved in this process (see point_select.h), because the
  // difference to raw is a few microseconds and separate runs drift by more than that.
  // One select per variant per round: the machine's state (idle or busy CPU, which changes
  // loopback latency several-fold) is then the same for every variant's n-th select.
  const unsigned block = 1;
  const unsigned rounds = std::max(1u, o.iterations);
  // Loopback latency on an idle machine is bimodal (a fast mode, and a slow one when the CPU
  // had gone idle), so the quartiles are shown with their differences to raw: the median alone
  // moves by the mixture of the two modes.
  std::printf("\n%-44s %20s %20s %20s\n", "prepared point select, interleaved", "p25 us (-raw)",
              "median us (-raw)", "p75 us (-raw)");
  std::printf("(%u rounds of one select per variant, order rotating each round)\n", rounds);
  double point_raw_us = 0, point_fabodbc_us = 0, point_maodbc_us = 0;
  double fab_delta[3] = {0, 0, 0};
  try {
    std::vector<std::pair<std::string, std::unique_ptr<PointSelect>>> runners;
    runners.emplace_back("raw libmysqlclient", raw_point_select_runner(t, static_cast<unsigned>(o.rows)));
    Target fab = t;
    fab.dsn = "bench_fabodbc";
    runners.emplace_back("fabodbc", odbc_point_select_runner(fab, static_cast<unsigned>(o.rows)));
    if (have_maodbc) {
      Target ma = t;
      ma.dsn = "bench_maodbc";
      runners.emplace_back("odbc-mariadb", odbc_point_select_runner(ma, static_cast<unsigned>(o.rows)));
    }
    std::vector<InterleavedSeries> series = interleaved_point_selects(runners, rounds, block);
    const double quartiles[3] = {0.25, 0.5, 0.75};
    double raw_q[3];
    for (int k = 0; k < 3; ++k) raw_q[k] = percentile(series[0].block_us, quartiles[k]);
    for (const InterleavedSeries& s : series) {
      std::printf("%-44s", (s.label + " prepared point select").c_str());
      for (int k = 0; k < 3; ++k) {
        const double q = percentile(s.block_us, quartiles[k]);
        std::printf(" %10.2f (%+7.2f)", q, q - raw_q[k]);
        if (s.label == "fabodbc") fab_delta[k] = q - raw_q[k];
      }
      std::printf("\n");
      const double us = percentile(s.block_us, 0.5);
      if (s.label == "raw libmysqlclient") point_raw_us = us;
      if (s.label == "fabodbc") point_fabodbc_us = us;
      if (s.label == "odbc-mariadb") point_maodbc_us = us;
    }
  } catch (const std::exception& e) {
    std::printf("%-44s FAILED: %s\n", "prepared point select", e.what());
    results["prepared point select"] = Outcome{};  // a failed variant fails the run
  }

  std::printf("\n%-44s %14s %12s\n", "point select by text; connect", "us/call", "calls/s");
  run_in_turns(text_jobs, t, o, results);
  for (auto& r : plan) {
    if (r.fetch) continue;
    const Outcome& out = results[r.label];
    if (!out.ok) {
      std::printf("%-44s FAILED: %s\n", r.label.c_str(), out.error.c_str());
      continue;
    }
    std::printf("%-44s %14.2f %12.0f\n", r.label.c_str(), 1e6 * out.best.seconds / out.best.operations,
                out.best.operations / out.best.seconds);
  }

  std::printf("\n%-44s %14s\n", "INSERT with parameter arrays", "rows/s");
  std::vector<std::pair<std::string, std::string>> drivers = {{"fabodbc", "bench_fabodbc"}};
  if (have_maodbc) drivers.push_back({"odbc-mariadb", "bench_maodbc"});
  // The server does nearly all of this work, and its state drifts (InnoDB flushing, the 1M-row
  // table evicted from a small buffer pool): run_in_turns lets the drivers take turns.
  std::vector<Job> insert_jobs;
  for (const char* binding : {"row-wise", "column-wise"})
    for (auto& [name, dsn] : drivers)
      insert_jobs.push_back({name + " INSERT " + binding, std::string("odbc-insert-") + (binding[0] == 'r' ? "row" : "col"),
                             dsn, ""});
  run_in_turns(insert_jobs, t, o, results);
  for (const Job& job : insert_jobs) {
    const Outcome& out = results[job.label];
    if (!out.ok) std::printf("%-44s FAILED: %s\n", job.label.c_str(), out.error.c_str());
    else std::printf("%-44s %14.0f\n", job.label.c_str(), out.best.operations / out.best.seconds);
  }
  std::printf("\n%-44s %14s %12s\n", "catalog calls on 300 tables", "ms/call", "rows/call");
  std::vector<Job> catalog_jobs;
  for (const char* call : {"tables-db", "columns-table", "columns-db", "foreignkeys-table"})
    for (auto& [name, dsn] : drivers)
      catalog_jobs.push_back({name + " " + call, "odbc-catalog", dsn,
                              std::string(" --call ") + call + " --catalog-iterations " +
                                  std::to_string(o.catalog_iterations)});
  run_in_turns(catalog_jobs, t, o, results);
  for (const Job& job : catalog_jobs) {
    const Outcome& out = results[job.label];
    if (!out.ok) std::printf("%-44s FAILED: %s\n", job.label.c_str(), out.error.c_str());
    else
      std::printf("%-44s %14.2f %12llu\n", job.label.c_str(), 1e3 * out.best.seconds / out.best.operations,
                  static_cast<unsigned long long>(out.best.checksum));
  }

  auto rate = [&](const std::string& label) -> double {
    auto it = results.find(label);
    if (it == results.end() || !it->second.ok) return 0;
    return it->second.best.operations / it->second.best.seconds;
  };
  auto ratio = [&](const std::string& a, const std::string& b) -> std::string {
    double x = rate(a), y = rate(b);
    return (x > 0 && y > 0) ? fmt("%.2fx", x / y) : "n/a";
  };
  std::printf("\nratios (higher is better for fabodbc)\n");
  for (const char* mode : {"SQLFetch+SQLGetData", "SQLBindCol"}) {
    std::string f = std::string("fabodbc ") + mode;
    std::printf("  %-22s vs odbc-mariadb %-8s vs raw text %-8s vs raw binary %s\n", mode,
                ratio(f, std::string("odbc-mariadb ") + mode).c_str(),
                ratio(f, "raw libmysqlclient, text protocol").c_str(),
                ratio(f, "raw libmysqlclient, binary protocol").c_str());
  }
  if (point_raw_us > 0 && point_fabodbc_us > 0)
    std::printf("  prepared point select: fabodbc - raw at p25 %+.2f us, median %+.2f us, p75 %+.2f us;"
                " medians vs odbc-mariadb %s\n",
                fab_delta[0], fab_delta[1], fab_delta[2],
                point_maodbc_us > 0 ? fmt("%.2fx", point_maodbc_us / point_fabodbc_us).c_str() : "n/a");
  double raw_text = rate("raw libmysqlclient text point select"), direct = rate("fabodbc SQLExecDirect point select");
  if (raw_text > 0 && direct > 0)
    std::printf("  SQLExecDirect point select: fabodbc %.2f us vs raw text %.2f us; vs odbc-mariadb %s\n", 1e6 / direct,
                1e6 / raw_text,
                ratio("fabodbc SQLExecDirect point select", "odbc-mariadb SQLExecDirect point select").c_str());
  double raw_conn = rate("raw libmysqlclient connect+close"), conn = rate("fabodbc SQLDriverConnect+SQLDisconnect");
  if (raw_conn > 0 && conn > 0)
    std::printf("  connect: fabodbc %.3f ms vs raw %.3f ms (%.2fx raw); vs odbc-mariadb %s\n", 1e3 / conn,
                1e3 / raw_conn, raw_conn / conn,
                ratio("fabodbc SQLDriverConnect+SQLDisconnect", "odbc-mariadb SQLDriverConnect+SQLDisconnect").c_str());
  for (const char* binding : {"row-wise", "column-wise"})
    std::printf("  INSERT %-12s fabodbc vs odbc-mariadb %s\n", binding,
                ratio(std::string("fabodbc INSERT ") + binding, std::string("odbc-mariadb INSERT ") + binding).c_str());
  for (const char* call : {"tables-db", "columns-table", "columns-db", "foreignkeys-table"})
    std::printf("  %-18s fabodbc vs odbc-mariadb %s (calls/s ratio)\n", call,
                ratio(std::string("fabodbc ") + call, std::string("odbc-mariadb ") + call).c_str());
  auto peak = results["fabodbc SQLFetch+SQLGetData"];
  if (peak.ok)
    std::printf("  fabodbc peak RSS over the forward-only fetch: %.1f MB (process base %.1f MB)\n",
                peak.best.peak_rss_kb / 1024.0, peak.best.base_rss_kb / 1024.0);
  // Same values through every path: the checksums of all fetch variants must agree.
  uint64_t reference = 0;
  bool agree = true;
  int compared = 0;
  for (auto& [label, out] : results) {
    if (!out.ok || out.best.operations != o.rows) continue;
    if (label.find("point") != std::string::npos || label.find("onnect") != std::string::npos) continue;
    if (label.find("INSERT") != std::string::npos) continue;
    if (label.find("-db") != std::string::npos || label.find("-table") != std::string::npos) continue;
    if (reference == 0) reference = out.best.checksum;
    agree = agree && out.best.checksum == reference;
    ++compared;
  }
  std::printf("  checksums of %d fetch variants %s\n", compared,
              agree ? "agree" : "DIFFER (a driver returned other values)");
  for (const char* call : {"tables-db", "columns-table", "columns-db", "foreignkeys-table"}) {
    auto a = results.find(std::string("fabodbc ") + call), b = results.find(std::string("odbc-mariadb ") + call);
    if (a != results.end() && b != results.end() && a->second.ok && b->second.ok &&
        a->second.best.checksum != b->second.best.checksum)
      std::printf("  note: %s returns %llu rows with fabodbc, %llu with odbc-mariadb\n", call,
                  static_cast<unsigned long long>(a->second.best.checksum),
                  static_cast<unsigned long long>(b->second.best.checksum));
  }
  bool all_ok = true;
  for (auto& [label, out] : results) all_ok = all_ok && out.ok;
  return agree && all_ok ? 0 : 1;
}

}  // namespace
}  // namespace fabodbc::bench

int main(int argc, char** argv) {
  using namespace fabodbc::bench;
  if (argc > 1 && std::strcmp(argv[1], "--variant") == 0) return run_variant(argc, argv);
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i];
    if (k == "--rows") o.rows = std::stoull(argv[i + 1]);
    else if (k == "--repeat") o.repeat = static_cast<unsigned>(std::stoul(argv[i + 1]));
    else if (k == "--iterations") o.iterations = static_cast<unsigned>(std::stoul(argv[i + 1]));
    else if (k == "--insert-rows") o.insert_rows = std::stoull(argv[i + 1]);
    else if (k == "--batch") o.batch = static_cast<unsigned>(std::stoul(argv[i + 1]));
    else {
      std::fprintf(stderr, "usage: %s [--rows N] [--repeat R] [--iterations N] [--insert-rows N] [--batch N]\n", argv[0]);
      return 2;
    }
  }
  try {
    return run_all(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "benchmark failed: %s\n", e.what());
    return 1;
  }
}
