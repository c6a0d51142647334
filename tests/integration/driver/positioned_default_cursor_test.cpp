// Positioned changes on the cursor applications get when they set nothing: forward-only,
// SQL_CONCUR_READ_ONLY. MySQL Connector/ODBC and MariaDB Connector/ODBC change rows there
// (their applications never set SQL_ATTR_CONCURRENCY), so fabodbc does too: on the current
// rowset, which the rest of the stream is buffered behind. Also SQL_ADD with a RowNumber past a
// rowset of one row, and data-at-execution columns in SQLSetPos. Every change is checked in the
// table from another connection.
#include "odbc_fixture.h"

#include <cstring>

namespace fabodbc::itest {
namespace {

SQLCHAR* sql(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }
SQLPOINTER as_value(SQLULEN v) { return reinterpret_cast<SQLPOINTER>(static_cast<uintptr_t>(v)); }

class PositionedDefaultCursor : public ::testing::Test {
 protected:
  void SetUp() override {
    Statement s(connection_);
    // No key: the incumbents' tests use tables like this one, rows found by their values.
    s.exec("CREATE OR REPLACE TABLE pd_rows (a INT, b VARCHAR(30))");
    s.exec("INSERT INTO pd_rows VALUES (100,'one'),(200,'two'),(300,'three'),(400,'four')");
  }
  std::vector<Row> rows() {
    Statement s(connection_);
    s.exec("SELECT a, b FROM pd_rows ORDER BY a");
    return s.rows();
  }
  Connection connection_;
};

TEST_F(PositionedDefaultCursor, UpdateDeleteAndAddOnTheCurrentRowOfAForwardOnlyCursor) {
  Connection c;
  Statement s(c);
  SQLULEN value = 0;
  ASSERT_EQ(SQLGetStmtAttr(s, SQL_ATTR_CURSOR_TYPE, &value, 0, nullptr), SQL_SUCCESS);
  ASSERT_EQ(value, static_cast<SQLULEN>(SQL_CURSOR_FORWARD_ONLY));
  SQLINTEGER a = 0;
  char b[31] = "";
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT a, b FROM pd_rows ORDER BY a"), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
  ASSERT_EQ(SQLBindCol(s, 1, SQL_C_SLONG, &a, 0, nullptr), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 2, SQL_C_CHAR, b, sizeof b, nullptr), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  ASSERT_EQ(a, 100);
  a = 150;
  std::strcpy(b, "updated");
  ASSERT_EQ(SQLSetPos(s, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  SQLLEN count = -1;
  ASSERT_EQ(SQLRowCount(s, &count), SQL_SUCCESS);
  EXPECT_EQ(count, 1);
  // The cursor goes on with the next row.
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(a, 200);
  ASSERT_EQ(SQLSetPos(s, 1, SQL_DELETE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  // SQL_ADD with a rowset of one: RowNumber 3 and 10 name the bound row, as for the incumbents.
  a = 500;
  std::strcpy(b, "added");
  ASSERT_EQ(SQLSetPos(s, 3, SQL_ADD, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  a = 600;
  ASSERT_EQ(SQLSetPos(s, 10, SQL_ADD, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  a = 700;
  ASSERT_EQ(SQLBulkOperations(s, SQL_ADD), SQL_SUCCESS) << s.diagnostics();
  // Rows added are not rows of this forward-only cursor: it ends where the query ended.
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  EXPECT_EQ(a, 300);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  EXPECT_EQ(a, 400);
  EXPECT_EQ(SQLFetch(s), SQL_NO_DATA);
  ASSERT_EQ(SQLCloseCursor(s), SQL_SUCCESS);
  EXPECT_EQ(rows(), (std::vector<Row>{{"150", "updated"}, {"300", "three"}, {"400", "four"}, {"500", "added"},
                                      {"600", "added"}, {"700", "added"}}));
}

TEST_F(PositionedDefaultCursor, ForwardOnlyRowsetChangesTheNamedRowOrEveryRow) {
  Connection c;
  Statement s(c);
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_ARRAY_SIZE, as_value(3), 0), SQL_SUCCESS);
  SQLINTEGER a[3] = {0};
  char b[3][31] = {};
  SQLLEN b_len[3] = {0};
  SQLUSMALLINT status[3] = {0};
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_STATUS_PTR, status, 0), SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT a, b FROM pd_rows ORDER BY a"), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
  ASSERT_EQ(SQLBindCol(s, 1, SQL_C_SLONG, a, 0, nullptr), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 2, SQL_C_CHAR, b, sizeof b[0], b_len), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  std::strcpy(b[1], "deux");
  b_len[1] = SQL_NTS;
  ASSERT_EQ(SQLSetPos(s, 2, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(status[1], SQL_ROW_UPDATED);
  // A RowNumber past the rowset of several rows is still HY107 (the incumbents disagree on
  // what it would insert: MySQL's the first row, MariaDB's every row).
  EXPECT_EQ(SQLSetPos(s, 5, SQL_ADD, SQL_LOCK_NO_CHANGE), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY107");
  ASSERT_EQ(SQLSetPos(s, 0, SQL_DELETE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  SQLLEN count = -1;
  ASSERT_EQ(SQLRowCount(s, &count), SQL_SUCCESS);
  EXPECT_EQ(count, 3);
  EXPECT_EQ(status[0], SQL_ROW_DELETED);
  EXPECT_EQ(status[2], SQL_ROW_DELETED);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  EXPECT_EQ(a[0], 400);
  ASSERT_EQ(SQLCloseCursor(s), SQL_SUCCESS);
  EXPECT_EQ(rows(), (std::vector<Row>{{"400", "four"}}));
}

TEST_F(PositionedDefaultCursor, DataAtExecutionColumnsForUpdateAndAdd) {
  Connection c;
  Statement s(c);
  SQLINTEGER a = 0;
  char b[31] = "";
  SQLLEN b_len = 0;
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT a, b FROM pd_rows WHERE a = 300"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 1, SQL_C_SLONG, &a, 0, nullptr), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 2, SQL_C_CHAR, b, sizeof b, &b_len), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  b_len = SQL_LEN_DATA_AT_EXEC(0);
  ASSERT_EQ(SQLSetPos(s, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_NEED_DATA) << s.diagnostics();
  SQLPOINTER token = nullptr;
  ASSERT_EQ(SQLParamData(s, &token), SQL_NEED_DATA);
  EXPECT_EQ(token, static_cast<SQLPOINTER>(b));
  ASSERT_EQ(SQLPutData(s, const_cast<char*>("thr"), 3), SQL_SUCCESS) << s.diagnostics();
  ASSERT_EQ(SQLPutData(s, const_cast<char*>("ee!"), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
  ASSERT_EQ(SQLParamData(s, &token), SQL_SUCCESS) << s.diagnostics();
  // The same for a new row; NULL through SQLPutData.
  a = 800;
  b_len = SQL_DATA_AT_EXEC;
  ASSERT_EQ(SQLSetPos(s, 1, SQL_ADD, SQL_LOCK_NO_CHANGE), SQL_NEED_DATA) << s.diagnostics();
  ASSERT_EQ(SQLParamData(s, &token), SQL_NEED_DATA);
  ASSERT_EQ(SQLPutData(s, nullptr, SQL_NULL_DATA), SQL_SUCCESS) << s.diagnostics();
  ASSERT_EQ(SQLParamData(s, &token), SQL_SUCCESS) << s.diagnostics();
  ASSERT_EQ(SQLCloseCursor(s), SQL_SUCCESS);
  EXPECT_EQ(rows(), (std::vector<Row>{{"100", "one"}, {"200", "two"}, {"300", "three!"}, {"400", "four"},
                                      {"800", std::nullopt}}));
}

TEST_F(PositionedDefaultCursor, DataAtExecutionForEveryRowOfARowsetIsHYC00) {
  Connection c;
  Statement s(c);
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_ARRAY_SIZE, as_value(2), 0), SQL_SUCCESS);
  SQLINTEGER a[2] = {0};
  SQLLEN a_len[2] = {0};
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT a FROM pd_rows ORDER BY a"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 1, SQL_C_SLONG, a, 0, a_len), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  a_len[0] = SQL_DATA_AT_EXEC;
  EXPECT_EQ(SQLSetPos(s, 0, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_ERROR);
  EXPECT_EQ(s.state(), "HYC00");
  // SQLBulkOperations takes no data at execution either.
  EXPECT_EQ(SQLBulkOperations(s, SQL_ADD), SQL_SUCCESS_WITH_INFO);
  ASSERT_EQ(SQLCloseCursor(s), SQL_SUCCESS);
  EXPECT_EQ(rows().size(), 5u);  // the second row went in, the first was refused
}

}  // namespace
}  // namespace fabodbc::itest
