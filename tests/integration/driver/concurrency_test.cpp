// The driver used from several threads at once through the driver manager: connections opened,
// used and closed in threads (one shared environment and environments of their own), the
// statements of one connection in two threads, and SQLCancel from another thread. CTest label
// "concurrency": scripts/test.sh runs these under ThreadSanitizer too. Each test is bounded by a
// fixed amount of work (a few hundred round trips), not by time.
#include "tests/support/thread_failures.h"
#include "odbc_fixture.h"

#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace fabodbc::itest {
namespace {

using Clock = std::chrono::steady_clock;

using Failures = fabodbc::test::ThreadFailures;

// First column of the only row of `sql` on `stmt`, "" (and a failure recorded) on error.
std::string query_one(SQLHSTMT stmt, const std::string& sql, Failures& failures, const std::string& where) {
  std::string out;
  SQLRETURN rc = SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS);
  if (SQL_SUCCEEDED(rc)) rc = SQLFetch(stmt);
  if (SQL_SUCCEEDED(rc)) {
    char buf[64] = {0};
    SQLLEN ind = 0;
    rc = SQLGetData(stmt, 1, SQL_C_CHAR, buf, sizeof buf, &ind);
    if (SQL_SUCCEEDED(rc) && ind != SQL_NULL_DATA) out = buf;
  }
  if (!SQL_SUCCEEDED(rc)) failures.add(where + ": " + sql + ": " + all_diagnostics(SQL_HANDLE_STMT, stmt));
  SQLCloseCursor(stmt);
  return out;
}

// One connection's life in a thread: allocate, connect, a direct and a prepared query, disconnect,
// free. `env` is the shared environment, or null for one of its own.
void connection_life(SQLHENV shared_env, const std::string& connection_string, int n, Failures& failures) {
  const std::string where = "connection " + std::to_string(n);
  SQLHENV env = shared_env;
  if (!env) {
    if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env))) return failures.add(where + ": env");
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
  }
  SQLHDBC dbc = SQL_NULL_HDBC;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc))) {
    failures.add(where + ": SQLAllocHandle(DBC): " + all_diagnostics(SQL_HANDLE_ENV, env));
  } else {
    SQLRETURN rc = SQLDriverConnect(dbc, nullptr, (SQLCHAR*)connection_string.c_str(), SQL_NTS, nullptr, 0, nullptr,
                                    SQL_DRIVER_NOPROMPT);
    if (!SQL_SUCCEEDED(rc)) {
      failures.add(where + ": connect: " + all_diagnostics(SQL_HANDLE_DBC, dbc));
    } else {
      SQLHSTMT stmt = SQL_NULL_HSTMT;
      if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt))) {
        failures.add(where + ": SQLAllocHandle(STMT): " + all_diagnostics(SQL_HANDLE_DBC, dbc));
      } else {
        const std::string value = std::to_string(1000 + n);
        if (query_one(stmt, "SELECT " + value, failures, where) != value) failures.add(where + ": wrong answer");
        // A prepared statement with a parameter (the binary protocol).
        SQLINTEGER in = n;
        SQLLEN in_ind = 0;
        SQLINTEGER outv = 0;
        SQLLEN out_ind = 0;
        rc = SQLPrepare(stmt, (SQLCHAR*)"SELECT ? * 2", SQL_NTS);
        if (SQL_SUCCEEDED(rc))
          rc = SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &in, 0, &in_ind);
        if (SQL_SUCCEEDED(rc)) rc = SQLExecute(stmt);
        if (SQL_SUCCEEDED(rc)) rc = SQLFetch(stmt);
        if (SQL_SUCCEEDED(rc)) rc = SQLGetData(stmt, 1, SQL_C_SLONG, &outv, 0, &out_ind);
        if (!SQL_SUCCEEDED(rc)) failures.add(where + ": prepared: " + all_diagnostics(SQL_HANDLE_STMT, stmt));
        else if (outv != 2 * n) failures.add(where + ": prepared answered " + std::to_string(outv));
        SQLFreeHandle(SQL_HANDLE_STMT, stmt);
      }
      if (!SQL_SUCCEEDED(SQLDisconnect(dbc)))
        failures.add(where + ": disconnect: " + all_diagnostics(SQL_HANDLE_DBC, dbc));
    }
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  }
  if (!shared_env) SQLFreeHandle(SQL_HANDLE_ENV, env);
}

// Six threads, five connections each, one after the other: threads 0-2 allocate them in one
// shared environment, threads 3-5 in an environment of their own each time; even threads
// connect by DSN (the driver reads odbc.ini), odd ones by a DRIVER= connection string.
TEST(ConnectionsInThreads, OpenedUsedAndClosedAtOnce) {
  World& w = world();  // server and sandbox before any thread starts
  SQLHENV shared = SQL_NULL_HENV;
  ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &shared), SQL_SUCCESS);
  ASSERT_EQ(SQLSetEnvAttr(shared, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0), SQL_SUCCESS);
  Failures failures;
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      const std::string& cs = t % 2 == 0 ? w.dsn_connection_string : w.driver_connection_string;
      for (int i = 0; i < 5; ++i) connection_life(t < 3 ? shared : SQL_NULL_HENV, cs, t * 10 + i, failures);
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.count(), 0u) << failures.text();
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(60));
  // The shared environment is intact: one more connection, and it frees cleanly.
  connection_life(shared, w.dsn_connection_string, 99, failures);
  EXPECT_EQ(failures.count(), 0u) << failures.text();
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_ENV, shared), SQL_SUCCESS);
}

// ODBC handles may be used from any thread: two threads each run queries on their own statement
// of one connection. The driver serializes them on the connection's lock, and a result still
// streaming on one statement is set aside (buffered) when the other statement needs the session,
// so both read every row of their own results.
TEST(ConnectionsInThreads, StatementsOfOneConnectionInTwoThreads) {
  Connection c;
  Failures failures;
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      SQLHSTMT stmt = SQL_NULL_HSTMT;
      if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, c.dbc(), &stmt))) return failures.add("alloc");
      for (int round = 0; round < 20; ++round) {
        const int base = t * 1000 + round * 10;
        // Ten rows, fetched one call at a time so the other thread's statements come between.
        const std::string sql = "SELECT seq + " + std::to_string(base) + " FROM seq_1_to_10";
        SQLRETURN rc = SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS);
        if (!SQL_SUCCEEDED(rc)) {
          failures.add(sql + ": " + all_diagnostics(SQL_HANDLE_STMT, stmt));
          continue;
        }
        int expected = base + 1;
        while (SQL_SUCCEEDED(rc = SQLFetch(stmt))) {
          SQLINTEGER v = 0;
          SQLLEN ind = 0;
          if (!SQL_SUCCEEDED(SQLGetData(stmt, 1, SQL_C_SLONG, &v, 0, &ind)) || v != expected) {
            failures.add("thread " + std::to_string(t) + " read " + std::to_string(v) + ", expected " +
                         std::to_string(expected));
          }
          ++expected;
        }
        if (rc != SQL_NO_DATA) failures.add("fetch: " + all_diagnostics(SQL_HANDLE_STMT, stmt));
        if (expected != base + 11) failures.add("thread " + std::to_string(t) + " got " +
                                                std::to_string(expected - base - 1) + " rows");
        SQLCloseCursor(stmt);
      }
      SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.count(), 0u) << failures.text();
  Statement s(c);
  EXPECT_EQ(s.scalar("SELECT 21"), "21");
}

TEST(Cancel, FromAnotherThreadInterruptsTheQuery) {
  Connection c;
  Statement s(c);
  auto start = Clock::now();
  auto running = std::async(std::launch::async, [&] {
    SQLRETURN rc = SQLExecDirect(s, (SQLCHAR*)"SELECT SLEEP(10)", SQL_NTS);
    return std::make_pair(rc, sqlstate(SQL_HANDLE_STMT, s));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  EXPECT_EQ(SQLCancel(s), SQL_SUCCESS);
  ASSERT_EQ(running.wait_for(std::chrono::seconds(8)), std::future_status::ready) << "SQLCancel did not interrupt";
  auto [rc, state] = running.get();
  EXPECT_EQ(rc, SQL_ERROR);
  EXPECT_EQ(state, "HY008");
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(8));
  // The statement and connection are usable afterwards.
  EXPECT_EQ(s.scalar("SELECT 11"), "11");
}

}  // namespace
}  // namespace fabodbc::itest
