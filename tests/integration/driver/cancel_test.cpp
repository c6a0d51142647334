// SQLCancel with nothing running, and SQL_ATTR_QUERY_TIMEOUT. SQLCancel from another thread is
// in concurrency_test.cpp.
#include "odbc_fixture.h"

#include <chrono>

namespace fabodbc::itest {
namespace {

using Clock = std::chrono::steady_clock;

TEST(Cancel, WithNothingRunningHasNoEffect) {
  Connection c;
  Statement s(c);
  EXPECT_EQ(SQLCancel(s), SQL_SUCCESS);
  EXPECT_EQ(s.scalar("SELECT 12"), "12");
}

TEST(QueryTimeout, StopsALongStatement) {
  Connection c;
  Statement s(c);
  ASSERT_ODBC_OK(SQLSetStmtAttr(s, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(1), 0), SQL_HANDLE_STMT, s);
  SQLULEN timeout = 0;
  EXPECT_ODBC_OK(SQLGetStmtAttr(s, SQL_ATTR_QUERY_TIMEOUT, &timeout, 0, nullptr), SQL_HANDLE_STMT, s);
  EXPECT_EQ(timeout, 1u);
  auto start = Clock::now();
  // A statement that keeps the server busy far longer than the timeout.
  SQLRETURN rc = SQLExecDirect(
      s, (SQLCHAR*)"SELECT COUNT(*) FROM seq_1_to_100000000 a WHERE SHA2(a.seq, 256) LIKE 'zz%'", SQL_NTS);
  // The server may report the timeout with the result header or while the rows stream.
  if (SQL_SUCCEEDED(rc)) rc = SQLFetch(s);
  EXPECT_EQ(rc, SQL_ERROR);
  EXPECT_EQ(s.state(), "HYT00") << s.diagnostics();
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(10));
  ASSERT_ODBC_OK(SQLSetStmtAttr(s, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(0), 0), SQL_HANDLE_STMT, s);
  EXPECT_EQ(s.scalar("SELECT 13"), "13");
}

TEST(QueryTimeout, AppliesToPreparedStatementsToo) {
  Connection c;
  Statement s(c);
  const char* sql = "SELECT COUNT(*) FROM seq_1_to_100000000 a WHERE SHA2(a.seq, 256) LIKE 'zz%'";
  ASSERT_ODBC_OK(SQLPrepare(s, (SQLCHAR*)sql, SQL_NTS), SQL_HANDLE_STMT, s);
  // Set after SQLPrepare: the statement is prepared again with the limit.
  ASSERT_ODBC_OK(SQLSetStmtAttr(s, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(1), 0), SQL_HANDLE_STMT, s);
  auto start = Clock::now();
  SQLRETURN rc = SQLExecute(s);
  if (SQL_SUCCEEDED(rc)) rc = SQLFetch(s);
  EXPECT_EQ(rc, SQL_ERROR);
  EXPECT_EQ(s.state(), "HYT00") << s.diagnostics();
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(10));
}

}  // namespace
}  // namespace fabodbc::itest
