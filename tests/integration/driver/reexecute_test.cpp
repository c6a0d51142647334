// Executing again on a statement whose cursor is still open (executed, not fetched, so the
// driver manager lets the call through): the old cursor is closed and the new statement runs,
// as with MySQL Connector/ODBC and MariaDB Connector/ODBC, instead of 24000.
#include "odbc_fixture.h"

namespace fabodbc::itest {
namespace {

SQLCHAR* sql(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }

std::string first_cell(SQLHSTMT s) {
  char value[64] = "";
  SQLLEN len = 0;
  EXPECT_EQ(SQLFetch(s), SQL_SUCCESS);
  EXPECT_EQ(SQLGetData(s, 1, SQL_C_CHAR, value, sizeof value, &len), SQL_SUCCESS);
  return value;
}

TEST(Reexecute, ExecDirectExecuteAndCatalogCallsCloseTheOpenCursor) {
  Connection c;
  Statement s(c);
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT 1 UNION ALL SELECT 2"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT 'second'"), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(first_cell(s), "second");
  ASSERT_EQ(SQLFreeStmt(s, SQL_CLOSE), SQL_SUCCESS);

  ASSERT_EQ(SQLPrepare(s, sql("SELECT 'prepared'"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLExecute(s), SQL_SUCCESS);
  ASSERT_EQ(SQLExecute(s), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(first_cell(s), "prepared");
  ASSERT_EQ(SQLFreeStmt(s, SQL_CLOSE), SQL_SUCCESS);

  // A prepare, a catalog call and SQLGetTypeInfo after an execution that was not fetched.
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT 1"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLPrepare(s, sql("SELECT 'again'"), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
  ASSERT_EQ(SQLExecute(s), SQL_SUCCESS);
  ASSERT_EQ(SQLTables(s, nullptr, 0, nullptr, 0, sql("%"), SQL_NTS, nullptr, 0), SQL_SUCCESS) << s.diagnostics();
  ASSERT_EQ(SQLGetTypeInfo(s, SQL_ALL_TYPES), SQL_SUCCESS) << s.diagnostics();
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT 'last'"), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(first_cell(s), "last");
  // The connection is usable on another statement too: nothing was left on the wire.
  Statement t(c);
  EXPECT_EQ(t.scalar("SELECT 42"), "42");
}

}  // namespace
}  // namespace fabodbc::itest
