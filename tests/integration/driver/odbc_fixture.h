// Integration-test helpers: one private mariadbd per test process, a unixODBC sandbox that
// registers the built driver, and small wrappers over handles obtained through the driver
// manager (libodbc), exactly as applications get them.
#pragma once

#include "tests/support/mariadb_server.h"
#include "tests/support/odbc_sandbox.h"

#include <gtest/gtest.h>
#include <sql.h>
#include <sqlext.h>

#include <optional>
#include <string>
#include <vector>

namespace fabodbc::itest {

using Row = std::vector<std::optional<std::string>>;

// The rows of the current result as text, leaving the cursor open (Statement::rows() closes
// it, which would drop the results still to come).
std::vector<Row> fetch_rows(SQLHSTMT s);

// The server and the sandbox with DSN "fabodbc_test", created on first use.
struct World {
  test::MariaDbServer& server;
  test::OdbcSandbox& sandbox;
  std::string dsn_connection_string;     // "DSN=fabodbc_test"
  std::string driver_connection_string;  // "DRIVER=fabodbc;SERVER=...;..."
};
World& world();

// First diagnostic record of a handle: SQLSTATE and message ("" when none).
std::string sqlstate(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT record = 1);
std::string diag_message(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT record = 1);
std::string all_diagnostics(SQLSMALLINT type, SQLHANDLE handle);

class Connection {
 public:
  // Connects with SQLDriverConnect; fails the test on error.
  explicit Connection(const std::string& connection_string = world().dsn_connection_string);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  SQLHDBC dbc() const { return dbc_; }
  SQLHENV env() const { return env_; }
  std::string completed() const { return completed_; }

 private:
  SQLHENV env_ = SQL_NULL_HENV;
  SQLHDBC dbc_ = SQL_NULL_HDBC;
  std::string completed_;
};

// An ODBC 3 environment and a connection handle that is not connected yet, for tests of the
// connect calls themselves; disconnects (if needed) and frees both at the end.
struct UnconnectedDbc {
  SQLHENV env = SQL_NULL_HENV;
  SQLHDBC dbc = SQL_NULL_HDBC;
  UnconnectedDbc();
  ~UnconnectedDbc();
  UnconnectedDbc(const UnconnectedDbc&) = delete;
  UnconnectedDbc& operator=(const UnconnectedDbc&) = delete;
};

class Statement {
 public:
  explicit Statement(const Connection& connection);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  SQLHSTMT get() const { return stmt_; }
  operator SQLHSTMT() const { return stmt_; }

  // Executes and expects success (warnings allowed).
  void exec(const std::string& sql);
  // Executes and returns the return code (no expectation).
  SQLRETURN try_exec(const std::string& sql);
  std::string state() const { return sqlstate(SQL_HANDLE_STMT, stmt_); }
  std::string diagnostics() const { return all_diagnostics(SQL_HANDLE_STMT, stmt_); }
  // Fetches every row of the current result as text (SQL_C_CHAR, long values in pieces) and
  // closes the cursor.
  std::vector<Row> rows();
  // First column of the first row.
  std::optional<std::string> scalar(const std::string& sql);

 private:
  SQLHSTMT stmt_ = SQL_NULL_HSTMT;
};

// Asserts success (SQL_SUCCESS or SQL_SUCCESS_WITH_INFO) and prints the diagnostics otherwise.
#define EXPECT_ODBC_OK(rc, type, handle) \
  EXPECT_TRUE(SQL_SUCCEEDED(rc)) << "rc=" << (rc) << " " << ::fabodbc::itest::all_diagnostics(type, handle)
#define ASSERT_ODBC_OK(rc, type, handle) \
  ASSERT_TRUE(SQL_SUCCEEDED(rc)) << "rc=" << (rc) << " " << ::fabodbc::itest::all_diagnostics(type, handle)

}  // namespace fabodbc::itest
