// fabodbc_bench_routing: what Fabric routing costs, through the unixODBC driver manager on a
// private farm (global, shard1, shard2 primaries) described to the Fabric-protocol test server.
//   1. direct connect (SERVER/PORT) vs routed connect (FABRIC_GROUP) with a warm topology
//      cache: SQLAllocHandle(DBC) + SQLDriverConnect + SQLDisconnect + SQLFreeHandle;
//   2. fresh routed connect + SELECT 1 vs switching the shard key of an open connection to a
//      recently used shard (idle session pool) + SELECT 1.
// The variants alternate inside one loop so drift hits both alike; medians are printed, with
// the ratios. Numbers, not pass/fail.  Options: --iterations N (400)
#include "tests/support/fabric_test_server.h"
#include "tests/support/fabric_topology.h"
#include "tests/support/mariadb_farm.h"
#include "tests/support/odbc_sandbox.h"
#include "include/fabodbc.h"

#include <sql.h>
#include <sqlext.h>

#include <algorithm>
#include <ctime>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

void check(SQLRETURN rc, SQLSMALLINT type, SQLHANDLE h, const char* what) {
  if (SQL_SUCCEEDED(rc)) return;
  SQLCHAR st[6] = {0}, msg[512] = {0};
  SQLINTEGER native = 0;
  SQLSMALLINT len = 0;
  SQLGetDiagRec(type, h, 1, st, &native, msg, sizeof msg, &len);
  throw std::runtime_error(std::string(what) + ": " + reinterpret_cast<char*>(st) + " " + reinterpret_cast<char*>(msg));
}

SQLHDBC connect(SQLHENV env, const std::string& cs) {
  SQLHDBC dbc = SQL_NULL_HDBC;
  SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
  check(SQLDriverConnect(dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT),
        SQL_HANDLE_DBC, dbc, "connect");
  return dbc;
}

void disconnect(SQLHDBC dbc) {
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
}

void select1(SQLHDBC dbc) {
  SQLHSTMT st = SQL_NULL_HSTMT;
  SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
  check(SQLExecDirect(st, (SQLCHAR*)"SELECT 1", SQL_NTS), SQL_HANDLE_STMT, st, "SELECT 1");
  check(SQLFetch(st), SQL_HANDLE_STMT, st, "fetch");
  SQLFreeHandle(SQL_HANDLE_STMT, st);
}

// Client CPU time of this (single-threaded) process: what the driver itself spends, which the
// loopback latency and the load of the machine blur in wall time.
double cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

double us_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  int iterations = 400;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--iterations") == 0) iterations = std::atoi(argv[i + 1]);
  using namespace fabodbc::test;
  try {
    auto farm = MariaDbFarm::start({{"global", 0, {}}, {"shard1", 0, {}}, {"shard2", 0, {}}, {"ha", 1, {}}});
    TestServerProcess::Options o;
    o.topology_json = farm_topology_json(
        *farm, {{1, "RANGE", "global", {{"db.orders", "cid"}}, {{"shard1", "1"}, {"shard2", "10000"}}}}, 60);
    TestServerProcess fabric(o);
    OdbcSandbox sandbox;
    const std::string credentials = ";UID=" + MariaDbFarm::app_user() + ";PWD=" + MariaDbFarm::app_password();
    const std::string direct = "DRIVER={fabodbc};SERVER=127.0.0.1;PORT=" +
                               std::to_string(farm->primary("shard1").server->port()) + credentials;
    const std::string fabric_base = "DRIVER={fabodbc};FABRIC_HOST=127.0.0.1;FABRIC_PORT=" +
                                    std::to_string(fabric.fabric_port()) + credentials +
                                    ";FABRIC_CACHE_DIR=" + sandbox.dir() + "/fabric-cache";
    const std::string routed = fabric_base + ";FABRIC_GROUP=shard1";
    const std::string routed_key = fabric_base + ";FABRIC_TABLES=db.orders;FABRIC_KEY=5";

    SQLHENV env = SQL_NULL_HENV;
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);

    // Warm-up: driver loaded, topology cached.
    for (int i = 0; i < 20; ++i) {
      disconnect(connect(env, direct));
      disconnect(connect(env, routed));
    }
    std::vector<double> t_direct, t_routed;
    for (int i = 0; i < iterations; ++i) {
      auto t0 = Clock::now();
      disconnect(connect(env, direct));
      t_direct.push_back(us_since(t0));
      t0 = Clock::now();
      disconnect(connect(env, routed));
      t_routed.push_back(us_since(t0));
    }

    SQLHDBC open = connect(env, routed_key);
    select1(open);
    const char* keys[] = {"10005", "5"};
    check(SQLSetConnectAttr(open, SQL_ATTR_FABRIC_KEY, (SQLPOINTER)keys[0], SQL_NTS), SQL_HANDLE_DBC, open, "key");
    select1(open);  // both shards now used once: the pool has the other one
    std::vector<double> t_fresh, t_switch;
    for (int i = 0; i < iterations; ++i) {
      auto t0 = Clock::now();
      SQLHDBC fresh = connect(env, routed_key);
      select1(fresh);
      disconnect(fresh);
      t_fresh.push_back(us_since(t0));
      t0 = Clock::now();
      check(SQLSetConnectAttr(open, SQL_ATTR_FABRIC_KEY, (SQLPOINTER)keys[i % 2], SQL_NTS), SQL_HANDLE_DBC, open,
            "key");
      select1(open);
      t_switch.push_back(us_since(t0));
    }
    disconnect(open);

    // 3. A read on a secondary with read-your-writes when the secondary is known to have the
    //    connection's commits (no wait, no round trip) against an EVENTUAL read, and a
    //    statement routed by a SQL hint against the same statement after SQLSetConnectAttr.
    auto exec = [](SQLHDBC dbc, const char* sql) {
      SQLHSTMT st = SQL_NULL_HSTMT;
      SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
      check(SQLExecDirect(st, (SQLCHAR*)sql, SQL_NTS), SQL_HANDLE_STMT, st, sql);
      while (SQL_SUCCEEDED(SQLFetch(st))) {
      }
      SQLFreeHandle(SQL_HANDLE_STMT, st);
    };
    SQLHDBC eventual = connect(env, fabric_base + ";FABRIC_GROUP=ha");
    SQLHDBC session = connect(env, fabric_base + ";FABRIC_GROUP=ha;FABRIC_CONSISTENCY=SESSION");
    for (SQLHDBC c : {eventual, session}) {
      exec(c, "CREATE DATABASE IF NOT EXISTS bench");
      exec(c, "CREATE TABLE IF NOT EXISTS bench.rw (id INT)");
      exec(c, "INSERT INTO bench.rw VALUES (1)");  // the SESSION connection now has a GTID to see
      check(SQLSetConnectAttr(c, SQL_ATTR_FABRIC_MODE, (SQLPOINTER)SQL_FABRIC_MODE_READ_ONLY, 0), SQL_HANDLE_DBC, c,
            "mode");
      exec(c, "SELECT 1");  // the first read waits once (the secondary catches up): known after
    }
    SQLHDBC by_attr = connect(env, routed_key);
    SQLHDBC by_hint = connect(env, routed_key);
    exec(by_attr, "SELECT 1");
    exec(by_hint, "/* fabric: key=5 */ SELECT 1");
    std::vector<double> t_eventual, t_session, t_attr, t_hint;
    double c_eventual = 0, c_session = 0, c_attr = 0, c_hint = 0;
    for (int i = 0; i < iterations; ++i) {
      double c0 = cpu_us();
      auto t0 = Clock::now();
      exec(eventual, "SELECT 1");
      t_eventual.push_back(us_since(t0));
      c_eventual += cpu_us() - c0;
      c0 = cpu_us();
      t0 = Clock::now();
      exec(session, "SELECT 1");
      t_session.push_back(us_since(t0));
      c_session += cpu_us() - c0;
      c0 = cpu_us();
      t0 = Clock::now();
      exec(by_attr, "SELECT 1");
      t_attr.push_back(us_since(t0));
      c_attr += cpu_us() - c0;
      c0 = cpu_us();
      t0 = Clock::now();
      exec(by_hint, "/* fabric: key=5 */ SELECT 1");
      t_hint.push_back(us_since(t0));
      c_hint += cpu_us() - c0;
    }
    for (SQLHDBC c : {eventual, session, by_attr, by_hint}) disconnect(c);

    // 4. The replay log's cost: a transaction of 10 point updates and a COMMIT, with
    //    FABRIC_REPLAY=1 and without.
    SQLHDBC plain = connect(env, routed + ";FABRIC_REPLAY=0");
    SQLHDBC kept = connect(env, routed + ";FABRIC_REPLAY=1");
    exec(plain, "CREATE DATABASE IF NOT EXISTS bench");
    exec(plain, "CREATE TABLE IF NOT EXISTS bench.points (id INT PRIMARY KEY, v INT) ENGINE=InnoDB");
    exec(plain, "REPLACE INTO bench.points VALUES (1,0),(2,0),(3,0),(4,0),(5,0),(6,0),(7,0),(8,0),(9,0),(10,0),"
                "(11,0),(12,0),(13,0),(14,0),(15,0),(16,0),(17,0),(18,0),(19,0),(20,0)");
    auto transaction = [&](SQLHDBC c, int base) {
      char sql[96];
      for (int k = 1; k <= 10; ++k) {
        std::snprintf(sql, sizeof sql, "UPDATE bench.points SET v = v + 1 WHERE id = %d", base + k);
        exec(c, sql);
      }
      check(SQLEndTran(SQL_HANDLE_DBC, c, SQL_COMMIT), SQL_HANDLE_DBC, c, "commit");
    };
    for (SQLHDBC c : {plain, kept})
      check(SQLSetConnectAttr(c, SQL_ATTR_AUTOCOMMIT, (SQLPOINTER)SQL_AUTOCOMMIT_OFF, 0), SQL_HANDLE_DBC, c, "autocommit");
    std::vector<double> t_plain, t_kept;
    double c_plain = 0, c_kept = 0;
    const int tx_rounds = std::max(50, iterations / 4);
    for (int i = 0; i < tx_rounds; ++i) {
      double c0 = cpu_us();
      auto t0 = Clock::now();
      transaction(plain, 0);
      t_plain.push_back(us_since(t0));
      c_plain += cpu_us() - c0;
      c0 = cpu_us();
      t0 = Clock::now();
      transaction(kept, 10);
      t_kept.push_back(us_since(t0));
      c_kept += cpu_us() - c0;
    }
    disconnect(plain);
    disconnect(kept);
    SQLFreeHandle(SQL_HANDLE_ENV, env);

    const double d = median(t_direct), r = median(t_routed), f = median(t_fresh), s = median(t_switch);
    std::printf("routing_bench: %d iterations, medians\n", iterations);
    std::printf("routing_bench: direct connect %.0f us, routed connect (warm Fabric cache) %.0f us: routed/direct = %.2f\n",
                d, r, r / d);
    std::printf("routing_bench: fresh routed connect+SELECT 1 %.0f us, key switch to a recent shard+SELECT 1 %.0f us: "
                "fresh/switch = %.1f\n",
                f, s, f / s);
    const double e = median(t_eventual), ss = median(t_session), a = median(t_attr), h = median(t_hint);
    std::printf("routing_bench: SELECT 1 on a secondary, EVENTUAL %.1f us, SESSION with the secondary known caught up "
                "%.1f us: %+.1f us; client CPU %.1f vs %.1f us: %+.1f us\n",
                e, ss, ss - e, c_eventual / iterations, c_session / iterations, (c_session - c_eventual) / iterations);
    const double tp = median(t_plain), tk = median(t_kept);
    std::printf("routing_bench: transaction of 10 point updates + COMMIT, FABRIC_REPLAY=0 %.0f us, FABRIC_REPLAY=1 "
                "%.0f us: %+.1f %%; client CPU %.1f vs %.1f us: %+.1f %%\n",
                tp, tk, (tk / tp - 1) * 100, c_plain / tx_rounds, c_kept / tx_rounds, (c_kept / c_plain - 1) * 100);
    std::printf("routing_bench: SELECT 1 after SQLSetConnectAttr(SQL_ATTR_FABRIC_KEY) %.1f us, with a /* fabric: key */ "
                "hint %.1f us: %+.1f us; client CPU %.1f vs %.1f us: %+.1f us\n",
                a, h, h - a, c_attr / iterations, c_hint / iterations, (c_hint - c_attr) / iterations);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "routing_bench failed: %s\n", e.what());
    return 1;
  }
  return 0;
}
