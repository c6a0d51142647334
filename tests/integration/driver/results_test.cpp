// SQLMoreResults over multi-statement batches and stored procedures.
#include "odbc_fixture.h"

namespace fabodbc::itest {
namespace {

SQLSMALLINT columns(SQLHSTMT s) {
  SQLSMALLINT n = -1;
  SQLNumResultCols(s, &n);
  return n;
}

TEST(MoreResults, MultiStatementBatch) {
  Connection c(world().dsn_connection_string + ";MULTI_STATEMENTS=1");
  Statement s(c);
  s.exec("CREATE OR REPLACE TABLE multi_t (a INT)");
  s.exec("SELECT 1; INSERT INTO multi_t VALUES (1),(2); SELECT 2, 3");
  EXPECT_EQ(columns(s), 1);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  ASSERT_EQ(SQLMoreResults(s), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(columns(s), 0);
  SQLLEN count = 0;
  EXPECT_ODBC_OK(SQLRowCount(s, &count), SQL_HANDLE_STMT, s);
  EXPECT_EQ(count, 2);
  ASSERT_EQ(SQLMoreResults(s), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(columns(s), 2);
  auto r = s.rows();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0][1], "3");
  EXPECT_EQ(SQLMoreResults(s), SQL_NO_DATA);
}

TEST(MoreResults, ErrorInALaterStatementSurfacesThere) {
  Connection c(world().dsn_connection_string + ";MULTI_STATEMENTS=1");
  Statement s(c);
  s.exec("SELECT 1; SELECT * FROM no_such_table_abc");
  EXPECT_EQ(SQLMoreResults(s), SQL_ERROR);
  EXPECT_EQ(s.state(), "42S02");
  // The connection is still in sync.
  EXPECT_EQ(s.scalar("SELECT 5"), "5");
}

TEST(MoreResults, ClosingDropsPendingResults) {
  Connection c(world().dsn_connection_string + ";MULTI_STATEMENTS=1");
  Statement s(c);
  s.exec("SELECT 1; SELECT 2; SELECT 3");
  EXPECT_ODBC_OK(SQLFreeStmt(s, SQL_CLOSE), SQL_HANDLE_STMT, s);
  EXPECT_EQ(s.scalar("SELECT 4"), "4");
}

TEST(MoreResults, PendingResultsSurviveAnotherStatement) {
  Connection c(world().dsn_connection_string + ";MULTI_STATEMENTS=1");
  Statement s(c);
  Statement other(c);
  s.exec("CREATE OR REPLACE TABLE multi_keep (a INT)");
  s.exec("SELECT 1; INSERT INTO multi_keep VALUES (1),(2),(3); SELECT 'third'");
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  // Another statement needs the session: the rest of the batch is set aside, not lost.
  EXPECT_EQ(other.scalar("SELECT 99"), "99");
  ASSERT_EQ(SQLMoreResults(s), SQL_SUCCESS) << s.diagnostics();
  SQLLEN count = 0;
  EXPECT_ODBC_OK(SQLRowCount(s, &count), SQL_HANDLE_STMT, s);
  EXPECT_EQ(count, 3);
  ASSERT_EQ(SQLMoreResults(s), SQL_SUCCESS) << s.diagnostics();
  auto r = s.rows();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0][0], "third");
  EXPECT_EQ(SQLMoreResults(s), SQL_NO_DATA);
}

TEST(MoreResults, StoredProcedureResults) {
  Connection c;
  Statement s(c);
  s.exec("CREATE OR REPLACE PROCEDURE two_results() BEGIN SELECT 'first'; SELECT 'second', 2; END");
  for (bool prepared : {false, true}) {
    SCOPED_TRACE(prepared ? "prepared" : "text");
    SQLFreeStmt(s, SQL_CLOSE);
    if (prepared) {
      ASSERT_ODBC_OK(SQLPrepare(s, (SQLCHAR*)"CALL two_results()", SQL_NTS), SQL_HANDLE_STMT, s);
      ASSERT_ODBC_OK(SQLExecute(s), SQL_HANDLE_STMT, s);
    } else {
      s.exec("{call two_results()}");  // the ODBC escape form
    }
    EXPECT_EQ(columns(s), 1);
    char buf[16];
    SQLLEN ind;
    ASSERT_EQ(SQLFetch(s), SQL_SUCCESS) << s.diagnostics();
    SQLGetData(s, 1, SQL_C_CHAR, buf, sizeof buf, &ind);
    EXPECT_STREQ(buf, "first");
    ASSERT_EQ(SQLMoreResults(s), SQL_SUCCESS) << s.diagnostics();
    EXPECT_EQ(columns(s), 2);
    ASSERT_EQ(SQLFetch(s), SQL_SUCCESS) << s.diagnostics();
    SQLGetData(s, 1, SQL_C_CHAR, buf, sizeof buf, &ind);
    EXPECT_STREQ(buf, "second");
    // The CALL's own status is a third result, without columns, as both incumbent drivers
    // give it; then nothing more.
    ASSERT_EQ(SQLMoreResults(s), SQL_SUCCESS) << s.diagnostics();
    EXPECT_EQ(columns(s), 0);
    SQLLEN count = -5;
    EXPECT_EQ(SQLRowCount(s, &count), SQL_SUCCESS);
    EXPECT_EQ(count, 0);
    EXPECT_EQ(SQLMoreResults(s), SQL_NO_DATA);
  }
  EXPECT_EQ(s.scalar("SELECT 6"), "6");
}

}  // namespace
}  // namespace fabodbc::itest
