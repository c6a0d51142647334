// SQLRowCount after a SELECT or a catalog function: the number of rows whenever the driver
// knows it, as MySQL Connector/ODBC and MariaDB Connector/ODBC give it (applications and
// pyodbc's cursor.rowcount read it): buffered results (static cursors, catalog results,
// results set aside for another statement) at once, a forward-only stream once it was read to
// its end, -1 before that.
#include "odbc_fixture.h"

namespace fabodbc::itest {
namespace {

SQLCHAR* sql(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }
SQLPOINTER as_value(SQLULEN v) { return reinterpret_cast<SQLPOINTER>(static_cast<uintptr_t>(v)); }

SQLLEN row_count(SQLHSTMT s) {
  SQLLEN n = -2;
  EXPECT_EQ(SQLRowCount(s, &n), SQL_SUCCESS);
  return n;
}

class RowCount : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Connection c;
    Statement s(c);
    s.exec("CREATE OR REPLACE TABLE rc_rows (id INT PRIMARY KEY)");
    s.exec("INSERT INTO rc_rows VALUES (1),(2),(3),(4),(5)");
  }
};

TEST_F(RowCount, StaticCursorAndCatalogResultsAtOnce) {
  Connection c;
  Statement s(c);
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_CURSOR_TYPE, as_value(SQL_CURSOR_STATIC), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT id FROM rc_rows"), SQL_NTS), SQL_SUCCESS);
  EXPECT_EQ(row_count(s), 5);
  Statement t(c);
  ASSERT_EQ(SQLColumns(t, nullptr, 0, nullptr, 0, sql("rc_rows"), SQL_NTS, nullptr, 0), SQL_SUCCESS);
  EXPECT_EQ(row_count(t), 1);
  ASSERT_EQ(SQLTables(t, nullptr, 0, nullptr, 0, sql("rc_rows"), SQL_NTS, nullptr, 0), SQL_SUCCESS);
  EXPECT_EQ(row_count(t), 1);
  ASSERT_EQ(SQLGetTypeInfo(t, SQL_INTEGER), SQL_SUCCESS);
  EXPECT_GE(row_count(t), 1);
  // SQL_ATTR_MAX_ROWS cuts what the application sees.
  Statement m(c);
  ASSERT_EQ(SQLSetStmtAttr(m, SQL_ATTR_CURSOR_TYPE, as_value(SQL_CURSOR_STATIC), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetStmtAttr(m, SQL_ATTR_MAX_ROWS, as_value(2), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(m, sql("SELECT id FROM rc_rows"), SQL_NTS), SQL_SUCCESS);
  EXPECT_EQ(row_count(m), 2);
}

TEST_F(RowCount, ForwardOnlyStreamOnceReadToItsEnd) {
  Connection c;
  Statement s(c);
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT id FROM rc_rows"), SQL_NTS), SQL_SUCCESS);
  EXPECT_EQ(row_count(s), -1);  // still streaming: not known
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  EXPECT_EQ(row_count(s), -1);
  while (SQLFetch(s) == SQL_SUCCESS) {
  }
  EXPECT_EQ(row_count(s), 5);
  ASSERT_EQ(SQLCloseCursor(s), SQL_SUCCESS);
  // Prepared (binary protocol) the same way.
  ASSERT_EQ(SQLPrepare(s, sql("SELECT id FROM rc_rows WHERE id > ?"), SQL_NTS), SQL_SUCCESS);
  SQLINTEGER above = 2;
  ASSERT_EQ(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &above, 0, nullptr), SQL_SUCCESS);
  ASSERT_EQ(SQLExecute(s), SQL_SUCCESS);
  while (SQLFetch(s) == SQL_SUCCESS) {
  }
  EXPECT_EQ(row_count(s), 3);
}

TEST_F(RowCount, StreamSetAsideForAnotherStatementIsCountedWhole) {
  Connection c;
  Statement s(c), other(c);
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT id FROM rc_rows ORDER BY id"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  EXPECT_EQ(other.scalar("SELECT 1"), "1");  // buffers what is left of s's stream
  EXPECT_EQ(row_count(s), 5);
  int more = 0;
  while (SQLFetch(s) == SQL_SUCCESS) ++more;
  EXPECT_EQ(more, 3);
  EXPECT_EQ(row_count(s), 5);
}

}  // namespace
}  // namespace fabodbc::itest
