// Positioned changes through the driver manager: SQLSetPos SQL_UPDATE / SQL_DELETE / SQL_ADD and
// SQLBulkOperations on static cursors (forward-only ones: positioned_default_cursor_test.cpp).
// Every change is checked in the
// table with a separate SELECT on another statement, not only by its return code.
#include "odbc_fixture.h"

#include <cstring>

namespace fabodbc::itest {
namespace {

SQLCHAR* sql(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }
SQLPOINTER as_value(SQLULEN v) { return reinterpret_cast<SQLPOINTER>(static_cast<uintptr_t>(v)); }

std::vector<Row> table_rows(const Connection& c, const std::string& query) {
  Statement s(c);
  s.exec(query);
  return s.rows();
}

// A static, updatable cursor with `rowset` rows per fetch.
void make_updatable(Statement& s, SQLULEN rowset) {
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_CURSOR_TYPE, as_value(SQL_CURSOR_STATIC), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_CONCURRENCY, as_value(SQL_CONCUR_VALUES), 0), SQL_SUCCESS) << s.diagnostics();
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_ARRAY_SIZE, as_value(rowset), 0), SQL_SUCCESS);
}

void set_text(char* buffer, SQLLEN* length, const char* text) {
  std::strcpy(buffer, text);
  *length = static_cast<SQLLEN>(std::strlen(text));
}

class PositionedUpdate : public ::testing::Test {
 protected:
  // Each test gets its own copy of the table, so tests do not depend on each other's changes.
  void SetUp() override {
    Statement s(connection_);
    s.exec("CREATE OR REPLACE TABLE pu_items (id INT PRIMARY KEY, name VARCHAR(20), qty INT)");
    s.exec("INSERT INTO pu_items VALUES (1,'one',10),(2,'two',20),(3,'three',30),(4,'four',40),(5,'five',50)");
  }
  std::vector<Row> items() { return table_rows(connection_, "SELECT id, name, qty FROM pu_items ORDER BY id"); }

  Connection connection_;
};

TEST_F(PositionedUpdate, UpdateOneRowOfAColumnWiseRowsetByPrimaryKey) {
  Connection c;
  Statement s(c);
  make_updatable(s, 3);
  SQLINTEGER ids[3], qty[3];
  char names[3][21];
  SQLLEN id_len[3], name_len[3], qty_len[3];
  SQLUSMALLINT status[3];
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_STATUS_PTR, status, 0), SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT id, name, qty FROM pu_items ORDER BY id"), SQL_NTS), SQL_SUCCESS)
      << s.diagnostics();
  ASSERT_EQ(SQLBindCol(s, 1, SQL_C_SLONG, ids, 0, id_len), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 2, SQL_C_CHAR, names, sizeof names[0], name_len), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 3, SQL_C_SLONG, qty, 0, qty_len), SQL_SUCCESS);
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_NEXT, 0), SQL_SUCCESS) << s.diagnostics();
  ASSERT_STREQ(names[1], "two");

  set_text(names[1], &name_len[1], "deux");
  qty[1] = 22;
  ASSERT_EQ(SQLSetPos(s, 2, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(status[1], SQL_ROW_UPDATED);
  SQLLEN affected = -1;
  ASSERT_EQ(SQLRowCount(s, &affected), SQL_SUCCESS);
  EXPECT_EQ(affected, 1);
  EXPECT_EQ(items(), (std::vector<Row>{{"1", "one", "10"}, {"2", "deux", "22"}, {"3", "three", "30"},
                                       {"4", "four", "40"}, {"5", "five", "50"}}));

  // The buffered row shows the new values: SQL_REFRESH and a later fetch of the same rows.
  std::strcpy(names[1], "XXXX");
  ASSERT_EQ(SQLSetPos(s, 2, SQL_REFRESH, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  EXPECT_STREQ(names[1], "deux");
  EXPECT_EQ(qty[1], 22);
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_FIRST, 0), SQL_SUCCESS);
  EXPECT_STREQ(names[1], "deux");
  EXPECT_EQ(status[1], SQL_ROW_SUCCESS);
  // SQLGetData reads the buffered row too (rowset of one).
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_ARRAY_SIZE, as_value(1), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_ABSOLUTE, 2), SQL_SUCCESS);
  char name[21];
  SQLLEN len = 0;
  ASSERT_EQ(SQLGetData(s, 2, SQL_C_CHAR, name, sizeof name, &len), SQL_SUCCESS);
  EXPECT_STREQ(name, "deux");
}

TEST_F(PositionedUpdate, RowWiseRowsetUpdateAllButIgnoredThenDelete) {
  struct Item {
    SQLINTEGER id;
    SQLLEN id_len;
    char name[21];
    SQLLEN name_len;
    SQLINTEGER qty;
    SQLLEN qty_len;
  } rows[4];
  Connection c;
  Statement s(c);
  make_updatable(s, 4);
  SQLUSMALLINT status[4];
  SQLUSMALLINT operations[4] = {SQL_ROW_PROCEED, SQL_ROW_IGNORE, SQL_ROW_PROCEED, SQL_ROW_PROCEED};
  SQLULEN processed = 0;
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_BIND_TYPE, as_value(sizeof(Item)), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_STATUS_PTR, status, 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROWS_FETCHED_PTR, &processed, 0), SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT id, name, qty FROM pu_items ORDER BY id"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 1, SQL_C_SLONG, &rows[0].id, 0, &rows[0].id_len), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 2, SQL_C_CHAR, rows[0].name, sizeof rows[0].name, &rows[0].name_len), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 3, SQL_C_SLONG, &rows[0].qty, 0, &rows[0].qty_len), SQL_SUCCESS);
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_NEXT, 0), SQL_SUCCESS);
  ASSERT_EQ(processed, 4u);
  for (Item& item : rows) item.qty += 1000;
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_OPERATION_PTR, operations, 0), SQL_SUCCESS);
  status[1] = 99;
  ASSERT_EQ(SQLSetPos(s, 0, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(status[0], SQL_ROW_UPDATED);
  EXPECT_EQ(status[1], 99);  // ignored: untouched
  EXPECT_EQ(status[2], SQL_ROW_UPDATED);
  EXPECT_EQ(status[3], SQL_ROW_UPDATED);
  EXPECT_EQ(processed, 3u);  // rows affected by the bulk operation
  SQLLEN affected = -1;
  ASSERT_EQ(SQLRowCount(s, &affected), SQL_SUCCESS);
  EXPECT_EQ(affected, 3);
  EXPECT_EQ(items(), (std::vector<Row>{{"1", "one", "1010"}, {"2", "two", "20"}, {"3", "three", "1030"},
                                       {"4", "four", "1040"}, {"5", "five", "50"}}));

  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_OPERATION_PTR, nullptr, 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetPos(s, 3, SQL_DELETE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(status[2], SQL_ROW_DELETED);
  EXPECT_EQ(items(), (std::vector<Row>{{"1", "one", "1010"}, {"2", "two", "20"}, {"4", "four", "1040"},
                                       {"5", "five", "50"}}));
  // A deleted row is a hole in the static cursor, not gone: fetching the rowset again says so,
  // and changing it again is HY109.
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_FIRST, 0), SQL_SUCCESS);
  EXPECT_EQ(status[2], SQL_ROW_DELETED);
  EXPECT_EQ(status[3], SQL_ROW_SUCCESS);
  EXPECT_EQ(rows[3].qty, 1040);  // the update was read back
  EXPECT_EQ(SQLSetPos(s, 3, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY109");
  EXPECT_EQ(status[2], SQL_ROW_DELETED);
  EXPECT_EQ(SQLSetPos(s, 3, SQL_REFRESH, SQL_LOCK_NO_CHANGE), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY109");
  // A refresh of the rowset leaves the hole alone.
  rows[2].qty = -1;
  ASSERT_EQ(SQLSetPos(s, 0, SQL_REFRESH, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(status[2], SQL_ROW_DELETED);
  EXPECT_EQ(rows[2].qty, -1);
  EXPECT_EQ(processed, 3u);
  // RowNumber 0 passes over the hole.
  ASSERT_EQ(SQLSetPos(s, 0, SQL_DELETE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(processed, 3u);
  EXPECT_EQ(items(), (std::vector<Row>{{"5", "five", "50"}}));
}

TEST_F(PositionedUpdate, ColumnIgnoreLeavesAColumnAlone) {
  Connection c;
  Statement s(c);
  make_updatable(s, 1);
  SQLINTEGER id = 0, qty = 0;
  char name[21];
  SQLLEN id_len = 0, name_len = 0, qty_len = 0;
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT id, name, qty FROM pu_items WHERE id = 4"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 1, SQL_C_SLONG, &id, 0, &id_len), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 2, SQL_C_CHAR, name, sizeof name, &name_len), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 3, SQL_C_SLONG, &qty, 0, &qty_len), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  std::strcpy(name, "not written");
  name_len = SQL_COLUMN_IGNORE;
  id_len = SQL_COLUMN_IGNORE;
  qty = 44;
  ASSERT_EQ(SQLSetPos(s, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(items()[3], (Row{"4", "four", "44"}));
  // Nothing left to update: 21S02, and the row stays as it is.
  qty_len = SQL_COLUMN_IGNORE;
  EXPECT_EQ(SQLSetPos(s, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_ERROR);
  EXPECT_EQ(s.state(), "21S02");
  // NULL through the indicator.
  qty_len = SQL_NULL_DATA;
  ASSERT_EQ(SQLSetPos(s, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(items()[3], (Row{"4", "four", std::nullopt}));
  // Data at execution: SQL_NEED_DATA, the bound buffer as the token, the value in pieces.
  qty_len = SQL_DATA_AT_EXEC;
  ASSERT_EQ(SQLSetPos(s, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_NEED_DATA) << s.diagnostics();
  SQLPOINTER token = nullptr;
  ASSERT_EQ(SQLParamData(s, &token), SQL_NEED_DATA) << s.diagnostics();
  EXPECT_EQ(token, static_cast<SQLPOINTER>(&qty));
  SQLINTEGER sent = 45;
  ASSERT_EQ(SQLPutData(s, &sent, sizeof sent), SQL_SUCCESS) << s.diagnostics();
  ASSERT_EQ(SQLParamData(s, &token), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(items()[3], (Row{"4", "four", "45"}));
}

TEST_F(PositionedUpdate, ValueTruncatedByTheFetchIsNotWrittenBack) {
  Connection c;
  Statement s(c);
  make_updatable(s, 1);
  char name[4];  // "three" does not fit
  SQLINTEGER qty = 0;
  SQLLEN name_len = 0, qty_len = 0;
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT name, qty FROM pu_items WHERE id = 3"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 1, SQL_C_CHAR, name, sizeof name, &name_len), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 2, SQL_C_SLONG, &qty, 0, &qty_len), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS_WITH_INFO);
  ASSERT_EQ(name_len, 5);
  qty = 33;
  EXPECT_EQ(SQLSetPos(s, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_ERROR);
  EXPECT_EQ(s.state(), "22001");
  EXPECT_EQ(items()[2], (Row{"3", "three", "30"}));
  name_len = SQL_COLUMN_IGNORE;
  ASSERT_EQ(SQLSetPos(s, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(items()[2], (Row{"3", "three", "33"}));
}

TEST_F(PositionedUpdate, BindOffsetSelectsTheRowsOfABulkAdd) {
  struct Item {
    SQLINTEGER id;
    SQLLEN id_len;
    char name[21];
    SQLLEN name_len;
  } rows[4] = {};
  Connection c;
  Statement s(c);
  make_updatable(s, 2);
  SQLLEN offset = 0;
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_BIND_TYPE, as_value(sizeof(Item)), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_BIND_OFFSET_PTR, &offset, 0), SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT id, name FROM pu_items"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 1, SQL_C_SLONG, &rows[0].id, 0, &rows[0].id_len), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 2, SQL_C_CHAR, rows[0].name, sizeof rows[0].name, &rows[0].name_len), SQL_SUCCESS);
  for (int i = 0; i < 4; ++i) {
    rows[i].id = 10 + i;
    set_text(rows[i].name, &rows[i].name_len, ("n" + std::to_string(10 + i)).c_str());
  }
  offset = 2 * static_cast<SQLLEN>(sizeof(Item));  // the rowset is elements 2 and 3
  ASSERT_EQ(SQLBulkOperations(s, SQL_ADD), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(table_rows(connection_, "SELECT id, name, qty FROM pu_items WHERE id >= 10 ORDER BY id"),
            (std::vector<Row>{{"12", "n12", std::nullopt}, {"13", "n13", std::nullopt}}));
}

TEST_F(PositionedUpdate, DeletedRowCannotBeReadOrChangedAgain) {
  Connection c;
  Statement s(c);
  make_updatable(s, 1);
  SQLUSMALLINT status = 99;
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_STATUS_PTR, &status, 0), SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT id, name FROM pu_items ORDER BY id"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_ABSOLUTE, 2), SQL_SUCCESS);
  ASSERT_EQ(SQLSetPos(s, 1, SQL_DELETE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(status, SQL_ROW_DELETED);
  char name[21];
  SQLLEN len = 0;
  EXPECT_EQ(SQLGetData(s, 2, SQL_C_CHAR, name, sizeof name, &len), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY109");
  EXPECT_EQ(SQLSetPos(s, 1, SQL_DELETE, SQL_LOCK_NO_CHANGE), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY109");
  // Still in the static cursor, as a hole; the rows around it are as before.
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_ABSOLUTE, 2), SQL_SUCCESS);
  EXPECT_EQ(status, SQL_ROW_DELETED);
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_NEXT, 0), SQL_SUCCESS);
  EXPECT_EQ(status, SQL_ROW_SUCCESS);
  ASSERT_EQ(SQLGetData(s, 2, SQL_C_CHAR, name, sizeof name, &len), SQL_SUCCESS);
  EXPECT_STREQ(name, "three");
  EXPECT_EQ(items(), (std::vector<Row>{{"1", "one", "10"}, {"3", "three", "30"}, {"4", "four", "40"},
                                       {"5", "five", "50"}}));
}

TEST_F(PositionedUpdate, TableWithoutKeyMatchesByValuesAndRefusesToGuess) {
  Statement setup(connection_);
  setup.exec("CREATE OR REPLACE TABLE pu_nokey (a INT, b VARCHAR(10), f FLOAT)");
  setup.exec("INSERT INTO pu_nokey VALUES (1,'x',1.1),(2,'y',2.2),(2,'y',2.2),(3,NULL,3.3)");
  auto contents = [&] { return table_rows(connection_, "SELECT a, b FROM pu_nokey ORDER BY a, b"); };
  Connection c;
  Statement s(c);
  make_updatable(s, 4);
  SQLINTEGER a[4];
  char b[4][11];
  SQLLEN a_len[4], b_len[4];
  SQLUSMALLINT status[4];
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_STATUS_PTR, status, 0), SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT a, b, f FROM pu_nokey ORDER BY a"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 1, SQL_C_SLONG, a, 0, a_len), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 2, SQL_C_CHAR, b, sizeof b[0], b_len), SQL_SUCCESS);
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_NEXT, 0), SQL_SUCCESS);
  ASSERT_EQ(b_len[3], SQL_NULL_DATA);

  // Row 4 has a NULL: found all the same (NULL-safe comparison), FLOAT column left out.
  set_text(b[3], &b_len[3], "z");
  ASSERT_EQ(SQLSetPos(s, 4, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(status[3], SQL_ROW_UPDATED);
  EXPECT_EQ(contents(), (std::vector<Row>{{"1", "x"}, {"2", "y"}, {"2", "y"}, {"3", "z"}}));

  // Rows 2 and 3 are equal in every column: the driver cannot tell which one is meant.
  set_text(b[1], &b_len[1], "w");
  EXPECT_EQ(SQLSetPos(s, 2, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(s.state(), "01001");
  EXPECT_EQ(status[1], SQL_ROW_ERROR);
  EXPECT_EQ(SQLSetPos(s, 3, SQL_DELETE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(s.state(), "01001");
  EXPECT_EQ(contents(), (std::vector<Row>{{"1", "x"}, {"2", "y"}, {"2", "y"}, {"3", "z"}}));

  ASSERT_EQ(SQLSetPos(s, 1, SQL_DELETE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(status[0], SQL_ROW_DELETED);
  EXPECT_EQ(contents(), (std::vector<Row>{{"2", "y"}, {"2", "y"}, {"3", "z"}}));
}

TEST_F(PositionedUpdate, UpdateTheServerRoundedIsMadeButNotReadBackWithoutAKey) {
  Statement setup(connection_);
  setup.exec("CREATE OR REPLACE TABLE pu_round (amount DECIMAL(5,2), note VARCHAR(5))");
  setup.exec("INSERT INTO pu_round VALUES (1.00,'x')");
  Connection c;
  Statement s(c);
  make_updatable(s, 1);
  char amount[12];
  SQLLEN amount_len = 0;
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT amount, note FROM pu_round"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 1, SQL_C_CHAR, amount, sizeof amount, &amount_len), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  set_text(amount, &amount_len, "1.234");  // stored as 1.23: the new values no longer find the row
  EXPECT_EQ(SQLSetPos(s, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(s.state(), "01000");
  EXPECT_EQ(table_rows(connection_, "SELECT amount, note FROM pu_round"), (std::vector<Row>{{"1.23", "x"}}));
  // The cursor keeps what it fetched, as the warning said.
  ASSERT_EQ(SQLSetPos(s, 1, SQL_REFRESH, SQL_LOCK_NO_CHANGE), SQL_SUCCESS);
  EXPECT_STREQ(amount, "1.00");
}

TEST_F(PositionedUpdate, TypedValuesFoundOnTheBinaryAndTheTextPath) {
  Statement setup(connection_);
  setup.exec("CREATE OR REPLACE TABLE pu_typed (d DATE, ts DATETIME(3), amount DECIMAL(10,2), ratio DOUBLE, "
             "bits BLOB, note VARCHAR(10))");
  setup.exec("INSERT INTO pu_typed VALUES ('2024-02-29','2024-02-29 13:14:15.678',12.50,0.1,x'00ff10','a'),"
             "('1999-12-31','1999-12-31 23:59:59.000',-3.25,1e300,NULL,'b')");
  // SQLExecDirect of a SELECT streams binary rows (typed cells); a query timeout sends it as
  // text instead. Both must find the rows again by their values.
  for (SQLULEN timeout : {SQLULEN{0}, SQLULEN{30}}) {
    SCOPED_TRACE(timeout ? "text protocol" : "binary protocol");
    Connection c;
    Statement s(c);
    make_updatable(s, 2);
    ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_QUERY_TIMEOUT, as_value(timeout), 0), SQL_SUCCESS);
    char notes[2][11];
    SQLLEN note_len[2];
    ASSERT_EQ(SQLExecDirect(s, sql("SELECT d, ts, amount, ratio, bits, note FROM pu_typed ORDER BY d"), SQL_NTS),
              SQL_SUCCESS) << s.diagnostics();
    ASSERT_EQ(SQLBindCol(s, 6, SQL_C_CHAR, notes, sizeof notes[0], note_len), SQL_SUCCESS);
    ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_NEXT, 0), SQL_SUCCESS);
    const std::string suffix = timeout ? "t" : "b";
    set_text(notes[0], &note_len[0], ("b" + suffix).c_str());
    set_text(notes[1], &note_len[1], ("a" + suffix).c_str());
    ASSERT_EQ(SQLSetPos(s, 0, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
    EXPECT_EQ(table_rows(connection_, "SELECT note FROM pu_typed ORDER BY d"),
              (std::vector<Row>{{"b" + suffix}, {"a" + suffix}}));
  }
}

TEST_F(PositionedUpdate, RowChangedBehindTheCursorIsAConflict) {
  Connection c;
  Statement s(c);
  make_updatable(s, 2);
  SQLINTEGER qty[2];
  SQLLEN qty_len[2];
  SQLUSMALLINT status[2];
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_STATUS_PTR, status, 0), SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT id, name, qty FROM pu_items ORDER BY id"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 3, SQL_C_SLONG, qty, 0, qty_len), SQL_SUCCESS);
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_NEXT, 0), SQL_SUCCESS);
  // Another connection changes row 1 (a column the cursor does not write) and deletes row 2.
  Statement other(connection_);
  other.exec("UPDATE pu_items SET name = 'uno' WHERE id = 1");
  other.exec("DELETE FROM pu_items WHERE id = 2");
  qty[0] = 111;
  EXPECT_EQ(SQLSetPos(s, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(s.state(), "01001");
  EXPECT_EQ(status[0], SQL_ROW_ERROR);
  SQLLEN diag_row = 0;
  ASSERT_EQ(SQLGetDiagField(SQL_HANDLE_STMT, s, 1, SQL_DIAG_ROW_NUMBER, &diag_row, 0, nullptr), SQL_SUCCESS);
  EXPECT_EQ(diag_row, 1);
  SQLLEN affected = -1;
  ASSERT_EQ(SQLRowCount(s, &affected), SQL_SUCCESS);
  EXPECT_EQ(affected, 0);
  EXPECT_EQ(SQLSetPos(s, 2, SQL_DELETE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(s.state(), "01001");
  EXPECT_EQ(status[1], SQL_ROW_ERROR);
  EXPECT_EQ(items(), (std::vector<Row>{{"1", "uno", "10"}, {"3", "three", "30"}, {"4", "four", "40"},
                                       {"5", "five", "50"}}));
  // Writing the values the row already has is no conflict (MySQL reports 0 rows changed).
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_ABSOLUTE, 3), SQL_SUCCESS);
  ASSERT_EQ(qty[0], 30);
  ASSERT_EQ(SQLSetPos(s, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(status[0], SQL_ROW_UPDATED);
}

TEST_F(PositionedUpdate, ResultsNotOfOneBaseTableAreRefused) {
  Statement setup(connection_);
  setup.exec("CREATE OR REPLACE TABLE pu_tags (item_id INT, tag VARCHAR(10))");
  setup.exec("INSERT INTO pu_tags VALUES (1,'red')");
  Connection c;
  Statement s(c);
  make_updatable(s, 1);
  SQLINTEGER id = 0;
  SQLLEN id_len = 0;
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT i.id, t.tag FROM pu_items i JOIN pu_tags t ON t.item_id = i.id"), SQL_NTS),
            SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 1, SQL_C_SLONG, &id, 0, &id_len), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  id = 99;
  EXPECT_EQ(SQLSetPos(s, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY000");
  EXPECT_NE(s.diagnostics().find("joins several tables"), std::string::npos) << s.diagnostics();
  EXPECT_EQ(SQLSetPos(s, 1, SQL_DELETE, SQL_LOCK_NO_CHANGE), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY000");
  ASSERT_EQ(SQLCloseCursor(s), SQL_SUCCESS);

  ASSERT_EQ(SQLExecDirect(s, sql("SELECT id, qty * 2 AS twice FROM pu_items WHERE id = 1"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  // SQLColAttribute says so before anyone tries.
  SQLLEN updatable = -1;
  ASSERT_EQ(SQLColAttribute(s, 2, SQL_DESC_UPDATABLE, nullptr, 0, nullptr, &updatable), SQL_SUCCESS);
  EXPECT_EQ(updatable, SQL_ATTR_READONLY);
  ASSERT_EQ(SQLColAttribute(s, 1, SQL_DESC_UPDATABLE, nullptr, 0, nullptr, &updatable), SQL_SUCCESS);
  EXPECT_EQ(updatable, SQL_ATTR_READWRITE_UNKNOWN);
  EXPECT_EQ(SQLSetPos(s, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY000");
  EXPECT_NE(s.diagnostics().find("column 2 (twice) is an expression"), std::string::npos) << s.diagnostics();
  ASSERT_EQ(SQLCloseCursor(s), SQL_SUCCESS);
  // A self-join names one table twice: still two row sources.
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT a.id, b.name FROM pu_items a JOIN pu_items b ON b.id = a.id + 1"), SQL_NTS),
            SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  EXPECT_EQ(SQLSetPos(s, 1, SQL_DELETE, SQL_LOCK_NO_CHANGE), SQL_ERROR);
  EXPECT_NE(s.diagnostics().find("joins several tables"), std::string::npos) << s.diagnostics();
  EXPECT_EQ(items().size(), 5u);
  EXPECT_EQ(table_rows(connection_, "SELECT item_id, tag FROM pu_tags"), (std::vector<Row>{{"1", "red"}}));
}

TEST_F(PositionedUpdate, DefaultConcurrencyChangesRowsAsTheIncumbentsDo) {
  // MySQL Connector/ODBC and MariaDB Connector/ODBC change rows on a cursor whose concurrency
  // was never set (SQL_CONCUR_READ_ONLY), and applications written for them rely on it.
  Connection c;
  Statement s(c);
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_CURSOR_TYPE, as_value(SQL_CURSOR_STATIC), 0), SQL_SUCCESS);
  SQLULEN value = 0;
  ASSERT_EQ(SQLGetStmtAttr(s, SQL_ATTR_CONCURRENCY, &value, 0, nullptr), SQL_SUCCESS);
  EXPECT_EQ(value, static_cast<SQLULEN>(SQL_CONCUR_READ_ONLY));
  SQLINTEGER id = 0, qty = 0;
  SQLLEN id_len = 0, qty_len = 0;
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT id, qty FROM pu_items ORDER BY id"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 1, SQL_C_SLONG, &id, 0, &id_len), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 2, SQL_C_SLONG, &qty, 0, &qty_len), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  qty = 7;
  ASSERT_EQ(SQLSetPos(s, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  ASSERT_EQ(SQLSetPos(s, 1, SQL_DELETE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  id = 6;
  qty = 60;
  ASSERT_EQ(SQLBulkOperations(s, SQL_ADD), SQL_SUCCESS) << s.diagnostics();
  // Not while the cursor is open.
  EXPECT_EQ(SQLSetStmtAttr(s, SQL_ATTR_CONCURRENCY, as_value(SQL_CONCUR_VALUES), 0), SQL_ERROR);
  EXPECT_EQ(s.state(), "24000");
  ASSERT_EQ(SQLCloseCursor(s), SQL_SUCCESS);
  EXPECT_EQ(items(), (std::vector<Row>{{"1", "one", "7"}, {"3", "three", "30"}, {"4", "four", "40"},
                                       {"5", "five", "50"}, {"6", std::nullopt, "60"}}));

  // Locking and row versions are not what the driver does: 01S02, and it is SQL_CONCUR_VALUES.
  EXPECT_EQ(SQLSetStmtAttr(s, SQL_ATTR_CONCURRENCY, as_value(SQL_CONCUR_LOCK), 0), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(s.state(), "01S02");
  ASSERT_EQ(SQLGetStmtAttr(s, SQL_ATTR_CONCURRENCY, &value, 0, nullptr), SQL_SUCCESS);
  EXPECT_EQ(value, static_cast<SQLULEN>(SQL_CONCUR_VALUES));
  EXPECT_EQ(SQLSetStmtAttr(s, SQL_ATTR_CONCURRENCY, as_value(SQL_CONCUR_ROWVER), 0), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(s.state(), "01S02");
  ASSERT_EQ(SQLGetStmtAttr(s, SQL_ATTR_CURSOR_SENSITIVITY, &value, 0, nullptr), SQL_SUCCESS);
  EXPECT_EQ(value, static_cast<SQLULEN>(SQL_UNSPECIFIED));  // sees its own changes
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT id, qty FROM pu_items ORDER BY id"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  qty = 7;
  ASSERT_EQ(SQLSetPos(s, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(items()[0], (Row{"1", "one", "7"}));
}

TEST_F(PositionedUpdate, SetPosAddInsertsTheRowsetBuffers) {
  Connection c;
  Statement s(c);
  make_updatable(s, 2);
  SQLINTEGER ids[2], qty[2];
  char names[2][21];
  SQLLEN id_len[2], name_len[2], qty_len[2];
  SQLUSMALLINT status[2];
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_STATUS_PTR, status, 0), SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT id, name, qty FROM pu_items ORDER BY id"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 1, SQL_C_SLONG, ids, 0, id_len), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 2, SQL_C_CHAR, names, sizeof names[0], name_len), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 3, SQL_C_SLONG, qty, 0, qty_len), SQL_SUCCESS);
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_NEXT, 0), SQL_SUCCESS);
  ids[0] = 6;
  ids[1] = 7;
  id_len[0] = id_len[1] = 0;
  set_text(names[0], &name_len[0], "six");
  name_len[1] = SQL_NULL_DATA;
  qty[0] = 60;
  qty_len[0] = 0;
  qty_len[1] = SQL_COLUMN_IGNORE;  // the column default (NULL)
  ASSERT_EQ(SQLSetPos(s, 0, SQL_ADD, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(status[0], SQL_ROW_ADDED);
  EXPECT_EQ(status[1], SQL_ROW_ADDED);
  SQLLEN affected = -1;
  ASSERT_EQ(SQLRowCount(s, &affected), SQL_SUCCESS);
  EXPECT_EQ(affected, 2);
  EXPECT_EQ(table_rows(connection_, "SELECT id, name, qty FROM pu_items WHERE id > 5 ORDER BY id"),
            (std::vector<Row>{{"6", "six", "60"}, {"7", std::nullopt, std::nullopt}}));
  // Found again by their keys, they are the last rows of the static cursor now.
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_LAST, 0), SQL_SUCCESS);
  EXPECT_EQ(ids[0], 6);
  EXPECT_STREQ(names[0], "six");
  EXPECT_EQ(ids[1], 7);
  EXPECT_EQ(qty_len[1], SQL_NULL_DATA);
  // A key that exists already: the server's error, for that row.
  ids[0] = 1;
  EXPECT_EQ(SQLSetPos(s, 1, SQL_ADD, SQL_LOCK_NO_CHANGE), SQL_ERROR);
  EXPECT_EQ(s.state(), "23000");
  EXPECT_EQ(status[0], SQL_ROW_ERROR);
  EXPECT_EQ(items().size(), 7u);
}

TEST_F(PositionedUpdate, BulkAddOfSeveralRowsWithAnAutoIncrementKey) {
  Statement setup(connection_);
  setup.exec("CREATE OR REPLACE TABLE pu_auto (id INT AUTO_INCREMENT PRIMARY KEY, label VARCHAR(20) NOT NULL, "
             "price DECIMAL(8,2) DEFAULT 9.99)");
  Connection c;
  Statement s(c);
  make_updatable(s, 3);
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_USE_BOOKMARKS, as_value(SQL_UB_VARIABLE), 0), SQL_SUCCESS);
  SQLULEN bookmarks[3] = {0, 0, 0};
  SQLLEN bookmark_len[3];
  SQLINTEGER ids[3];
  char labels[3][21];
  char prices[3][12];
  SQLLEN id_len[3], label_len[3], price_len[3];
  SQLUSMALLINT status[3];
  SQLULEN processed = 0;
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_STATUS_PTR, status, 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROWS_FETCHED_PTR, &processed, 0), SQL_SUCCESS);
  // An empty result is enough: SQL_ADD needs the columns, not a row.
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT id, label, price FROM pu_auto"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 0, SQL_C_VARBOOKMARK, bookmarks, sizeof bookmarks[0], bookmark_len), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 1, SQL_C_SLONG, ids, 0, id_len), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 2, SQL_C_CHAR, labels, sizeof labels[0], label_len), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 3, SQL_C_CHAR, prices, sizeof prices[0], price_len), SQL_SUCCESS);
  const char* texts[3] = {"alpha", "beta", "gamma"};
  for (int i = 0; i < 3; ++i) {
    id_len[i] = SQL_COLUMN_IGNORE;  // AUTO_INCREMENT assigns it
    set_text(labels[i], &label_len[i], texts[i]);
  }
  set_text(prices[0], &price_len[0], "1.50");
  price_len[1] = SQL_COLUMN_IGNORE;
  price_len[2] = SQL_NULL_DATA;
  ASSERT_EQ(SQLBulkOperations(s, SQL_ADD), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(processed, 3u);
  for (SQLUSMALLINT st : status) EXPECT_EQ(st, SQL_ROW_ADDED);
  SQLLEN affected = -1;
  ASSERT_EQ(SQLRowCount(s, &affected), SQL_SUCCESS);
  EXPECT_EQ(affected, 3);
  EXPECT_EQ(table_rows(connection_, "SELECT id, label, price FROM pu_auto ORDER BY id"),
            (std::vector<Row>{{"1", "alpha", "1.50"}, {"2", "beta", "9.99"}, {"3", "gamma", std::nullopt}}));
  // Found again by the generated AUTO_INCREMENT values, the rows joined the static cursor and
  // have bookmarks.
  EXPECT_EQ(bookmarks[0], 1u);
  EXPECT_EQ(bookmarks[1], 2u);
  EXPECT_EQ(bookmarks[2], 3u);

  // One bad row of three (NOT NULL label): the others go in, that row is SQL_ROW_ERROR.
  label_len[1] = SQL_NULL_DATA;
  EXPECT_EQ(SQLBulkOperations(s, SQL_ADD), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(s.state(), "23000");
  SQLLEN diag_row = 0;
  ASSERT_EQ(SQLGetDiagField(SQL_HANDLE_STMT, s, 1, SQL_DIAG_ROW_NUMBER, &diag_row, 0, nullptr), SQL_SUCCESS);
  EXPECT_EQ(diag_row, 2);  // the rowset row the error is about
  EXPECT_EQ(status[0], SQL_ROW_ADDED);
  EXPECT_EQ(status[1], SQL_ROW_ERROR);
  EXPECT_EQ(status[2], SQL_ROW_ADDED);
  EXPECT_EQ(processed, 2u);
  EXPECT_EQ(table_rows(connection_, "SELECT COUNT(*) FROM pu_auto"), (std::vector<Row>{{"5"}}));
  EXPECT_EQ(bookmarks[0], 4u);
  EXPECT_EQ(bookmarks[2], 5u);

  // The cursor shows the added rows as the server stored them (the default price was never sent).
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_FIRST, 0), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(processed, 3u);
  EXPECT_EQ(ids[0], 1);
  EXPECT_STREQ(prices[1], "9.99");
  EXPECT_EQ(price_len[2], SQL_NULL_DATA);
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_NEXT, 0), SQL_SUCCESS);
  EXPECT_EQ(processed, 2u);
  EXPECT_STREQ(labels[0], "alpha");
  EXPECT_STREQ(labels[1], "gamma");
  // And the bookmarks work: change the first added row through it.
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_ARRAY_SIZE, as_value(1), 0), SQL_SUCCESS);
  bookmarks[0] = 2;
  id_len[0] = SQL_COLUMN_IGNORE;
  price_len[0] = SQL_COLUMN_IGNORE;
  set_text(labels[0], &label_len[0], "BETA");
  ASSERT_EQ(SQLBulkOperations(s, SQL_UPDATE_BY_BOOKMARK), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(table_rows(connection_, "SELECT label FROM pu_auto WHERE id = 2"), (std::vector<Row>{{"BETA"}}));
}

TEST_F(PositionedUpdate, AddedRowWithoutAKeyHasNoBookmark) {
  Statement setup(connection_);
  setup.exec("CREATE OR REPLACE TABLE pu_log (msg VARCHAR(20))");
  Connection c;
  Statement s(c);
  make_updatable(s, 1);
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_USE_BOOKMARKS, as_value(SQL_UB_VARIABLE), 0), SQL_SUCCESS);
  SQLULEN bookmark = 12345;
  SQLLEN bookmark_len = 0;
  char msg[21];
  SQLLEN msg_len = 0;
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT msg FROM pu_log"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 0, SQL_C_VARBOOKMARK, &bookmark, sizeof bookmark, &bookmark_len), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 1, SQL_C_CHAR, msg, sizeof msg, &msg_len), SQL_SUCCESS);
  set_text(msg, &msg_len, "hello");
  EXPECT_EQ(SQLBulkOperations(s, SQL_ADD), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(s.state(), "01000");
  EXPECT_NE(s.diagnostics().find("no bookmark"), std::string::npos) << s.diagnostics();
  EXPECT_EQ(bookmark, 12345u);
  EXPECT_EQ(table_rows(connection_, "SELECT msg FROM pu_log"), (std::vector<Row>{{"hello"}}));
  EXPECT_EQ(SQLFetch(s), SQL_NO_DATA);  // not part of the cursor
}

TEST_F(PositionedUpdate, BulkOperationsByBookmark) {
  Connection c;
  Statement s(c);
  make_updatable(s, 5);
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_USE_BOOKMARKS, as_value(SQL_UB_VARIABLE), 0), SQL_SUCCESS);
  SQLULEN bookmarks[5];
  SQLLEN bookmark_len[5];
  SQLINTEGER ids[5], qty[5];
  char names[5][21];
  SQLLEN id_len[5], name_len[5], qty_len[5];
  SQLUSMALLINT status[5];
  SQLULEN processed = 0;
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_STATUS_PTR, status, 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROWS_FETCHED_PTR, &processed, 0), SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT id, name, qty FROM pu_items ORDER BY id"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 0, SQL_C_VARBOOKMARK, bookmarks, sizeof bookmarks[0], bookmark_len), SQL_SUCCESS)
      << s.diagnostics();
  ASSERT_EQ(SQLBindCol(s, 1, SQL_C_SLONG, ids, 0, id_len), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 2, SQL_C_CHAR, names, sizeof names[0], name_len), SQL_SUCCESS);
  ASSERT_EQ(SQLBindCol(s, 3, SQL_C_SLONG, qty, 0, qty_len), SQL_SUCCESS);
  ASSERT_EQ(SQLFetchScroll(s, SQL_FETCH_NEXT, 0), SQL_SUCCESS);
  ASSERT_EQ(processed, 5u);
  const SQLULEN bookmark_of_2 = bookmarks[1], bookmark_of_4 = bookmarks[3], bookmark_of_5 = bookmarks[4];

  // Update rows 4 and 2 (in that order) with a rowset of two; SQLBulkOperations takes the new
  // rowset size at once.
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_ARRAY_SIZE, as_value(2), 0), SQL_SUCCESS);
  bookmarks[0] = bookmark_of_4;
  bookmarks[1] = bookmark_of_2;
  set_text(names[0], &name_len[0], "FOUR");
  set_text(names[1], &name_len[1], "TWO");
  id_len[0] = id_len[1] = SQL_COLUMN_IGNORE;
  qty_len[0] = qty_len[1] = SQL_COLUMN_IGNORE;
  ASSERT_EQ(SQLBulkOperations(s, SQL_UPDATE_BY_BOOKMARK), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(status[0], SQL_ROW_UPDATED);
  EXPECT_EQ(status[1], SQL_ROW_UPDATED);
  EXPECT_EQ(processed, 2u);
  EXPECT_EQ(items(), (std::vector<Row>{{"1", "one", "10"}, {"2", "TWO", "20"}, {"3", "three", "30"},
                                       {"4", "FOUR", "40"}, {"5", "five", "50"}}));

  // Delete row 5 by its bookmark; an invalid bookmark in the same call is that row's error.
  bookmarks[0] = bookmark_of_5;
  bookmarks[1] = 77;
  EXPECT_EQ(SQLBulkOperations(s, SQL_DELETE_BY_BOOKMARK), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(status[0], SQL_ROW_DELETED);
  EXPECT_EQ(status[1], SQL_ROW_ERROR);
  EXPECT_NE(s.diagnostics().find("HY111"), std::string::npos) << s.diagnostics();
  EXPECT_EQ(items().size(), 4u);

  // Fetch rows 4 and 5 by bookmark: row 4 shows the update, row 5 is a hole.
  bookmarks[0] = bookmark_of_4;
  bookmarks[1] = bookmark_of_5;
  std::memset(names, 0, sizeof names);
  ASSERT_EQ(SQLBulkOperations(s, SQL_FETCH_BY_BOOKMARK), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(ids[0], 4);
  EXPECT_STREQ(names[0], "FOUR");
  EXPECT_EQ(status[0], SQL_ROW_SUCCESS);
  EXPECT_EQ(ids[1], 5);
  EXPECT_EQ(status[1], SQL_ROW_DELETED);
  EXPECT_EQ(processed, 2u);
  // The rowset buffers hold other rows now: SQLSetPos needs a fetch first.
  EXPECT_EQ(SQLSetPos(s, 1, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY109");
  // The cursor did not move: the next rowset follows the last one fetched (rows 1-5).
  EXPECT_EQ(SQLFetchScroll(s, SQL_FETCH_NEXT, 0), SQL_NO_DATA);
}

TEST_F(PositionedUpdate, ByBookmarkNeedsBookmarks) {
  Connection c;
  Statement s(c);
  make_updatable(s, 1);
  ASSERT_EQ(SQLExecDirect(s, sql("SELECT id, name FROM pu_items ORDER BY id"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  EXPECT_EQ(SQLBulkOperations(s, SQL_UPDATE_BY_BOOKMARK), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY092");
  EXPECT_EQ(SQLBulkOperations(s, 99), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY092");
  // Bookmarks on, but column 0 not bound: nowhere to read them from.
  Statement t(c);
  make_updatable(t, 1);
  ASSERT_EQ(SQLSetStmtAttr(t, SQL_ATTR_USE_BOOKMARKS, as_value(SQL_UB_VARIABLE), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(t, sql("SELECT id, name FROM pu_items ORDER BY id"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(t), SQL_SUCCESS);
  EXPECT_EQ(SQLBulkOperations(t, SQL_DELETE_BY_BOOKMARK), SQL_ERROR);
  EXPECT_EQ(t.state(), "HY092");
  // A bookmark buffer too small for a bookmark is not read past its end.
  char small[4];
  SQLLEN small_len = 0;
  ASSERT_EQ(SQLBindCol(t, 0, SQL_C_VARBOOKMARK, small, sizeof small, &small_len), SQL_SUCCESS);
  EXPECT_EQ(SQLBulkOperations(t, SQL_DELETE_BY_BOOKMARK), SQL_ERROR);
  EXPECT_EQ(t.state(), "HY090");
  EXPECT_EQ(items().size(), 5u);
}

}  // namespace
}  // namespace fabodbc::itest
