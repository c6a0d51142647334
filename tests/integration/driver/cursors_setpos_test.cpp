// SQLSetPos through the driver manager: SQL_POSITION and SQL_REFRESH within a rowset of a
// static cursor, the forward-only rule, and the SQLSTATEs of what is not supported. Positioned
// changes have their own file (positioned_update_test.cpp).
#include "odbc_fixture.h"

#include <cstring>

namespace fabodbc::itest {
namespace {

SQLCHAR* sql(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }
SQLPOINTER as_value(SQLULEN v) { return reinterpret_cast<SQLPOINTER>(static_cast<uintptr_t>(v)); }

class SetPos : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Connection c;
    Statement s(c);
    s.exec("CREATE OR REPLACE TABLE sp_rows (id INT PRIMARY KEY, name VARCHAR(10))");
    s.exec("INSERT INTO sp_rows VALUES (1,'one'),(2,'two'),(3,'three'),(4,'four'),(5,'five')");
  }
};

TEST_F(SetPos, PositionInsideARowsetForGetDataThenFetchContinues) {
  Connection c;
  Statement s(c);
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_CURSOR_TYPE, as_value(SQL_CURSOR_STATIC), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_ARRAY_SIZE, as_value(3), 0), SQL_SUCCESS);
  SQLINTEGER ids[3] = {0};
  SQLLEN id_ind[3] = {0};
  SQLULEN fetched = 0;
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0), SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT id, name FROM sp_rows ORDER BY id"), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
  ASSERT_EQ(SQLBindCol(s, 1, SQL_C_SLONG, ids, 0, id_ind), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(fetched, 3u);
  EXPECT_EQ(ids[2], 3);
  // SQL_POSITION itself, and out-of-range rows (SQLGetData on a rowset: BlockCursorGetData).
  EXPECT_EQ(SQLSetPos(s, 2, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  SQLULEN row_number = 0;
  ASSERT_EQ(SQLGetStmtAttr(s, SQL_ATTR_ROW_NUMBER, &row_number, 0, nullptr), SQL_SUCCESS);
  EXPECT_EQ(row_number, 2u);  // SQLSetPos made row 2 the current row
  EXPECT_EQ(SQLSetPos(s, 4, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY107");
  // The next fetch continues after the rowset, not after the positioned row.
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  EXPECT_EQ(fetched, 2u);
  EXPECT_EQ(ids[0], 4);
  EXPECT_EQ(ids[1], 5);
  // The last rowset has two rows: row 3 is out of it.
  EXPECT_EQ(SQLSetPos(s, 3, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY107");
  EXPECT_EQ(SQLFetch(s), SQL_NO_DATA);
}

// SQL_GD_BLOCK: SQLGetData on any row of a rowset, after SQLSetPos names it (the first row
// until then). A forward-only cursor keeps a copy of its rowset for this, since the stream
// has moved on; it survives another statement taking the connection.
TEST_F(SetPos, BlockCursorGetData) {
  for (SQLULEN cursor : {static_cast<SQLULEN>(SQL_CURSOR_FORWARD_ONLY), static_cast<SQLULEN>(SQL_CURSOR_STATIC)}) {
    SCOPED_TRACE(cursor == SQL_CURSOR_STATIC ? "static" : "forward-only");
    Connection c;
    Statement s(c);
    ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_CURSOR_TYPE, as_value(cursor), 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_ARRAY_SIZE, as_value(3), 0), SQL_SUCCESS);
    SQLINTEGER ids[3] = {0};
    SQLLEN id_ind[3] = {0};
    SQLUSMALLINT status[3] = {0};
    ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_STATUS_PTR, status, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLExecDirect(s, sql("SELECT id, name FROM sp_rows ORDER BY id"), SQL_NTS), SQL_SUCCESS)
        << s.diagnostics();
    ASSERT_EQ(SQLBindCol(s, 1, SQL_C_SLONG, ids, 0, id_ind), SQL_SUCCESS);
    ASSERT_EQ(SQLFetch(s), SQL_SUCCESS) << s.diagnostics();
    auto name = [&]() {
      char text[16] = {0};
      SQLLEN ind = 0;
      EXPECT_EQ(SQLGetData(s, 2, SQL_C_CHAR, text, sizeof text, &ind), SQL_SUCCESS) << s.diagnostics();
      return std::string(text);
    };
    EXPECT_EQ(name(), "one");
    auto row_number = [&]() {
      SQLULEN n = 0;
      EXPECT_EQ(SQLGetStmtAttr(s, SQL_ATTR_ROW_NUMBER, &n, 0, nullptr), SQL_SUCCESS);
      return n;
    };
    EXPECT_EQ(row_number(), 1u);
    ASSERT_EQ(SQLSetPos(s, 3, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
    EXPECT_EQ(name(), "three");
    EXPECT_EQ(row_number(), 3u);
    // Another statement on the connection: a streaming result is set aside, the rowset stays.
    Statement other(c);
    EXPECT_EQ(other.scalar("SELECT 7"), "7");
    ASSERT_EQ(SQLSetPos(s, 2, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
    EXPECT_EQ(name(), "two");
    // SQL_REFRESH of the whole rowset writes the bound buffers again from the rowset's rows.
    ids[0] = ids[1] = ids[2] = -1;
    ASSERT_EQ(SQLSetPos(s, 0, SQL_REFRESH, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
    EXPECT_EQ(ids[0], 1);
    EXPECT_EQ(ids[2], 3);
    // The next fetch continues after the rowset.
    ASSERT_EQ(SQLFetch(s), SQL_SUCCESS) << s.diagnostics();
    EXPECT_EQ(ids[0], 4);
    EXPECT_EQ(status[2], SQL_ROW_NOROW);
    EXPECT_EQ(row_number(), 4u);
    EXPECT_EQ(name(), "four");
    ASSERT_EQ(SQLSetPos(s, 2, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
    EXPECT_EQ(name(), "five");
    EXPECT_EQ(SQLSetPos(s, 3, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_ERROR);
    EXPECT_EQ(s.state(), "HY107");
    EXPECT_EQ(SQLFetch(s), SQL_NO_DATA);
  }
}

TEST_F(SetPos, PositionThenGetDataReadsThatRow) {
  Connection c;
  Statement s(c);
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_CURSOR_TYPE, as_value(SQL_CURSOR_STATIC), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT id, name FROM sp_rows ORDER BY id"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_ABSOLUTE, 4), SQL_SUCCESS);
  ASSERT_EQ(SQLSetPos(s, 1, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_SUCCESS);
  char name[16];
  SQLLEN len = 0;
  ASSERT_EQ(SQLGetData(s, 2, SQL_C_CHAR, name, sizeof name, &len), SQL_SUCCESS);
  EXPECT_STREQ(name, "four");
  // A second SQLSetPos restarts SQLGetData on the row.
  ASSERT_EQ(SQLSetPos(s, 1, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_SUCCESS);
  ASSERT_EQ(SQLGetData(s, 2, SQL_C_CHAR, name, sizeof name, &len), SQL_SUCCESS);
  EXPECT_STREQ(name, "four");
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  ASSERT_EQ(SQLGetData(s, 2, SQL_C_CHAR, name, sizeof name, &len), SQL_SUCCESS);
  EXPECT_STREQ(name, "five");
}

TEST_F(SetPos, RefreshRewritesTheBoundBuffers) {
  Connection c;
  Statement s(c);
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_CURSOR_TYPE, as_value(SQL_CURSOR_STATIC), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_ARRAY_SIZE, as_value(2), 0), SQL_SUCCESS);
  SQLUSMALLINT status[2] = {99, 99};
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_STATUS_PTR, status, 0), SQL_SUCCESS);
  char names[2][8];
  SQLLEN lens[2];
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT name FROM sp_rows ORDER BY id"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 1, SQL_C_CHAR, names, sizeof names[0], lens), SQL_SUCCESS);
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_ABSOLUTE, 2), SQL_SUCCESS);
  EXPECT_STREQ(names[0], "two");
  EXPECT_STREQ(names[1], "three");
  names[0][0] = names[1][0] = 'X';
  status[0] = status[1] = 99;
  // Row 2 only.
  ASSERT_EQ(SQLSetPos(s, 2, SQL_REFRESH, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  EXPECT_STREQ(names[0], "Xwo");
  EXPECT_STREQ(names[1], "three");
  EXPECT_EQ(status[0], 99);
  EXPECT_EQ(status[1], SQL_ROW_SUCCESS);
  // RowNumber 0: the whole rowset.
  ASSERT_EQ(SQLSetPos(s, 0, SQL_REFRESH, SQL_LOCK_NO_CHANGE), SQL_SUCCESS);
  EXPECT_STREQ(names[0], "two");
  EXPECT_EQ(status[0], SQL_ROW_SUCCESS);
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_NEXT, 0), SQL_SUCCESS);
  EXPECT_STREQ(names[0], "four");
}

TEST_F(SetPos, WhatIsNotSupportedSaysSo) {
  Connection c;
  Statement s(c);
  // No cursor.
  EXPECT_EQ(SQLSetPos(s, 1, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY010");
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT id FROM sp_rows ORDER BY id"), SQL_NTS), SQL_SUCCESS);
  // Opened but not fetched.
  EXPECT_EQ(SQLSetPos(s, 1, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_ERROR);
  EXPECT_EQ(s.state(), "24000");
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  // Forward-only with a rowset of one: the current row qualifies.
  EXPECT_EQ(SQLSetPos(s, 1, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_SUCCESS);
  EXPECT_EQ(SQLSetPos(s, 1, SQL_POSITION, SQL_LOCK_EXCLUSIVE), SQL_ERROR);
  EXPECT_EQ(s.state(), "HYC00");
  EXPECT_EQ(SQLSetPos(s, 1, 42, SQL_LOCK_NO_CHANGE), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY092");
  SQLINTEGER pos_ops = 0;
  ASSERT_EQ(SQLGetInfo(c.dbc(), SQL_POS_OPERATIONS, &pos_ops, sizeof pos_ops, nullptr), SQL_SUCCESS);
  EXPECT_EQ(pos_ops, SQL_POS_POSITION | SQL_POS_REFRESH | SQL_POS_UPDATE | SQL_POS_DELETE | SQL_POS_ADD);
  // Row 2 of a rowset of one.
  EXPECT_EQ(SQLSetPos(s, 2, SQL_DELETE, SQL_LOCK_NO_CHANGE), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY107");
  ASSERT_EQ(SQLCloseCursor(s), SQL_SUCCESS);
  Statement check(c);
  EXPECT_EQ(check.scalar("SELECT COUNT(*) FROM sp_rows"), "5");
}

}  // namespace
}  // namespace fabodbc::itest

namespace fabodbc::itest {
namespace {

TEST(CursorNames, GeneratedSetUniqueAndReserved) {
  Connection c;
  Statement a(c);
  Statement b(c);
  char name[64] = {0};
  SQLSMALLINT len = 0;
  ASSERT_EQ(SQLGetCursorName(a, reinterpret_cast<SQLCHAR*>(name), sizeof name, &len), SQL_SUCCESS);
  EXPECT_EQ(std::string(name).rfind("SQL_CUR", 0), 0u) << name;
  EXPECT_EQ(len, static_cast<SQLSMALLINT>(std::strlen(name)));
  ASSERT_EQ(SQLSetCursorName(a, reinterpret_cast<SQLCHAR*>(const_cast<char*>("orders_cursor")), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLGetCursorName(a, reinterpret_cast<SQLCHAR*>(name), sizeof name, &len), SQL_SUCCESS);
  EXPECT_STREQ(name, "orders_cursor");
  // Truncation: 01004 and the full length.
  char small[4];
  EXPECT_EQ(SQLGetCursorName(a, reinterpret_cast<SQLCHAR*>(small), sizeof small, &len), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(a.state(), "01004");
  EXPECT_EQ(len, 13);
  EXPECT_STREQ(small, "ord");
  // The same name on another statement of the connection; a reserved prefix.
  EXPECT_EQ(SQLSetCursorName(b, reinterpret_cast<SQLCHAR*>(const_cast<char*>("ORDERS_CURSOR")), SQL_NTS), SQL_ERROR);
  EXPECT_EQ(b.state(), "3C000");
  EXPECT_EQ(SQLSetCursorName(b, reinterpret_cast<SQLCHAR*>(const_cast<char*>("SQL_CUR9")), SQL_NTS), SQL_ERROR);
  EXPECT_EQ(b.state(), "34000");
  // The wide forms.
  SQLWCHAR wname[] = {'w', 'i', 'd', 'e', 0};
  ASSERT_EQ(SQLSetCursorNameW(b, wname, SQL_NTS), SQL_SUCCESS);
  SQLWCHAR back[16];
  ASSERT_EQ(SQLGetCursorNameW(b, back, 16, &len), SQL_SUCCESS);
  EXPECT_EQ(len, 4);
  EXPECT_EQ(back[3], 'e');
}

TEST(CursorNames, CancelHandleOnAStatementAndAConnection) {
  Connection c;
  Statement s(c);
  EXPECT_EQ(SQLCancelHandle(SQL_HANDLE_STMT, s.get()), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(SQLCancelHandle(SQL_HANDLE_DBC, c.dbc()), SQL_SUCCESS);
  SQLUSMALLINT supported = SQL_FALSE;
  ASSERT_TRUE(SQL_SUCCEEDED(SQLGetFunctions(c.dbc(), SQL_API_SQLGETCURSORNAME, &supported)));
  EXPECT_EQ(supported, SQL_TRUE);
}

}  // namespace
}  // namespace fabodbc::itest

namespace fabodbc::itest {
namespace {

TEST(Bookmarks, BoundColumnZeroGetDataAndFetchByBookmark) {
  Connection c;
  {
    Statement setup(c);
    setup.exec("CREATE OR REPLACE TABLE bm_rows (id INT PRIMARY KEY)");
    setup.exec("INSERT INTO bm_rows VALUES (10),(20),(30),(40)");
  }
  Statement s(c);
  // Column 0 needs SQL_ATTR_USE_BOOKMARKS.
  SQLULEN bookmark = 0;
  SQLLEN bm_len = 0;
  EXPECT_EQ(SQLBindCol(s, 0, SQL_C_BOOKMARK, &bookmark, sizeof bookmark, &bm_len), SQL_ERROR);
  EXPECT_EQ(s.state(), "07009");
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_CURSOR_TYPE, reinterpret_cast<SQLPOINTER>(SQL_CURSOR_STATIC), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_USE_BOOKMARKS, reinterpret_cast<SQLPOINTER>(SQL_UB_VARIABLE), 0), SQL_SUCCESS);
  EXPECT_EQ(SQLBindCol(s, 0, SQL_C_CHAR, &bookmark, sizeof bookmark, &bm_len), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY003");
  ASSERT_EQ(SQLBindCol(s, 0, SQL_C_BOOKMARK, &bookmark, sizeof bookmark, &bm_len), SQL_SUCCESS) << s.diagnostics();
  SQLINTEGER id = 0;
  SQLLEN id_ind = 0;
  ASSERT_EQ(SQLExecDirect(s, reinterpret_cast<SQLCHAR*>(const_cast<char*>("SELECT id FROM bm_rows ORDER BY id")),
                          SQL_NTS),
            SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 1, SQL_C_SLONG, &id, 0, &id_ind), SQL_SUCCESS);
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_ABSOLUTE, 3), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(id, 30);
  EXPECT_EQ(bm_len, static_cast<SQLLEN>(sizeof(SQLULEN)));
  const SQLULEN third = bookmark;
  // SQLGetData on column 0: the same bookmark, also as variable-length bytes.
  SQLULEN again = 0;
  SQLLEN again_len = 0;
  ASSERT_EQ(SQLGetData(s, 0, SQL_C_BOOKMARK, &again, sizeof again, &again_len), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(again, third);
  unsigned char bytes[sizeof(SQLULEN)];
  ASSERT_EQ(SQLGetData(s, 0, SQL_C_VARBOOKMARK, bytes, sizeof bytes, &again_len), SQL_SUCCESS);
  EXPECT_EQ(again_len, static_cast<SQLLEN>(sizeof(SQLULEN)));
  EXPECT_EQ(std::memcmp(bytes, &third, sizeof bytes), 0);
  // Elsewhere, then back by bookmark (and one row after it).
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_FIRST, 0), SQL_SUCCESS);
  EXPECT_EQ(id, 10);
  EXPECT_NE(bookmark, third);
  SQLULEN target = third;
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_FETCH_BOOKMARK_PTR, &target, 0), SQL_SUCCESS);
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_BOOKMARK, 0), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(id, 30);
  EXPECT_EQ(bookmark, third);
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_BOOKMARK, 1), SQL_SUCCESS);
  EXPECT_EQ(id, 40);
  target = 99;
  EXPECT_EQ(SQLFetchScroll(s, SQL_FETCH_BOOKMARK, 0), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY111");
  SQLINTEGER persistence = 0;
  ASSERT_EQ(SQLGetInfo(c.dbc(), SQL_BOOKMARK_PERSISTENCE, &persistence, sizeof persistence, nullptr), SQL_SUCCESS);
  EXPECT_EQ(persistence, SQL_BP_SCROLL | SQL_BP_UPDATE | SQL_BP_DELETE);
}

}  // namespace
}  // namespace fabodbc::itest
