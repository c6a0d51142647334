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
//          --insert-rows N (100000)  --batch N (1000)  --only SECTIONS  --json FILE (the final table as JSON)
// The plan and the final table are in bench_run.cpp; this file is the child side and the
// running of variants in turns.
#include "tests/bench/bench_common.h"
#include "tests/bench/bench_runner.h"

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
    else if (v == "driver-connect") m = driver_only_connect(t, a["--library"], std::max(1u, iterations / 20));
    else if (v == "raw-insert-row" || v == "raw-insert-col")
      m = raw_insert_array(t, v == "raw-insert-row", std::stoull(a["--insert-rows"]),
                           static_cast<unsigned>(std::stoul(a["--batch"])));
    else if (v == "odbc-catalog")
      m = odbc_catalog(t, a["--call"], static_cast<unsigned>(std::stoul(a["--catalog-iterations"])));
    else throw std::runtime_error("unknown variant " + v);
  } catch (const std::exception& e) {
    std::printf("ERROR %s\n", e.what());
    return 1;
  }
  std::printf("RESULT %.6f %llu %llu %ld %ld %.6f\n", m.seconds,
              static_cast<unsigned long long>(m.operations),
              static_cast<unsigned long long>(m.checksum), m.peak_rss_kb, m.base_rss_kb, m.cpu_seconds);
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
    if (std::sscanf(line, "RESULT %lf %llu %llu %ld %ld %lf", &m.seconds, &ops, &sum, &m.peak_rss_kb,
                    &m.base_rss_kb, &m.cpu_seconds) == 6) {
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


}  // namespace

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
    else if (k == "--only") o.only = argv[i + 1];
    else if (k == "--json") o.json = argv[i + 1];
    else {
      std::fprintf(stderr,
                   "usage: %s [--rows N] [--repeat R] [--iterations N] [--insert-rows N] [--batch N]\n"
                   "          [--only fetch,point,direct,connect,insert,catalog] [--json FILE]\n",
                   argv[0]);
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
