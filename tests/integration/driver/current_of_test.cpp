// Positioned UPDATE / DELETE ... WHERE CURRENT OF cursor_name through the driver manager, and
// the default cursor names (SQL_CUR0, SQL_CUR1 ...) applications build such statements from.
// The driver rewrites the clause into a condition on the named cursor's current row, as MySQL
// Connector/ODBC and MariaDB Connector/ODBC do; every change is checked in the table.
#include "odbc_fixture.h"

#include <cstring>

namespace fabodbc::itest {
namespace {

SQLCHAR* sql(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }
SQLPOINTER as_value(SQLULEN v) { return reinterpret_cast<SQLPOINTER>(static_cast<uintptr_t>(v)); }

std::string name_of(SQLHSTMT s) {
  char name[64] = "";
  SQLSMALLINT len = 0;
  EXPECT_EQ(SQLGetCursorName(s, reinterpret_cast<SQLCHAR*>(name), sizeof name, &len), SQL_SUCCESS);
  EXPECT_EQ(len, static_cast<SQLSMALLINT>(std::strlen(name)));
  return name;
}

class CurrentOf : public ::testing::Test {
 protected:
  void SetUp() override {
    Statement s(connection_);
    s.exec("CREATE OR REPLACE TABLE co_rows (a INT, b VARCHAR(30))");
    s.exec("INSERT INTO co_rows VALUES (1,'one'),(2,'two'),(3,'three')");
    s.exec("CREATE OR REPLACE TABLE co_keyed (id INT PRIMARY KEY, b VARCHAR(30))");
    s.exec("INSERT INTO co_keyed VALUES (10,'ten'),(20,'twenty')");
  }
  std::vector<Row> rows(const char* table) {
    Statement s(connection_);
    s.exec(std::string("SELECT * FROM ") + table + " ORDER BY 1");
    return s.rows();
  }
  Connection connection_;
};

TEST_F(CurrentOf, DefaultNamesAreSqlCurAndANumber) {
  Connection c;
  Statement first(c), second(c), third(c);
  // Numbered in the order they are asked for, from 0, as the incumbents do.
  EXPECT_EQ(name_of(second), "SQL_CUR0");
  EXPECT_EQ(name_of(first), "SQL_CUR1");
  EXPECT_EQ(name_of(second), "SQL_CUR0");
  // Truncation: SQL_SUCCESS_WITH_INFO, the full length.
  char name[8] = "";
  SQLSMALLINT len = 0;
  EXPECT_EQ(SQLGetCursorName(second, reinterpret_cast<SQLCHAR*>(name), 4, &len), SQL_SUCCESS_WITH_INFO);
  EXPECT_STREQ(name, "SQL");
  EXPECT_EQ(len, 8);
  // A name set with a length takes that many characters.
  ASSERT_EQ(SQLSetCursorName(third, sql("venucur123"), 7), SQL_SUCCESS);
  EXPECT_EQ(name_of(third), "venucur");
}

TEST_F(CurrentOf, UpdateAndDeleteTheCurrentRowOfANamedCursor) {
  Connection c;
  Statement cursor(c), change(c);
  ASSERT_EQ(SQLSetStmtAttr(cursor, SQL_ATTR_CURSOR_TYPE, as_value(SQL_CURSOR_DYNAMIC), 0), SQL_SUCCESS_WITH_INFO);
  ASSERT_EQ(SQLSetCursorName(cursor, sql("mycur"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(cursor, sql("SELECT * FROM co_rows ORDER BY a"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLFetchScroll(cursor, SQL_FETCH_LAST, 0), SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(change, sql("UPDATE co_rows SET b = 'updated' WHERE CURRENT OF mycur"), SQL_NTS),
            SQL_SUCCESS)
      << change.diagnostics();
  SQLLEN count = -1;
  ASSERT_EQ(SQLRowCount(change, &count), SQL_SUCCESS);
  EXPECT_EQ(count, 1);
  ASSERT_EQ(SQLFetchScroll(cursor, SQL_FETCH_ABSOLUTE, 2), SQL_SUCCESS);
  // Case does not matter in the name; a trailing ';' is fine.
  ASSERT_EQ(SQLExecDirect(change, sql("delete from co_rows where current of MYCUR;"), SQL_NTS), SQL_SUCCESS)
      << change.diagnostics();
  ASSERT_EQ(SQLRowCount(change, &count), SQL_SUCCESS);
  EXPECT_EQ(count, 1);
  // The cursor goes on.
  ASSERT_EQ(SQLFetchScroll(cursor, SQL_FETCH_FIRST, 0), SQL_SUCCESS);
  EXPECT_EQ(rows("co_rows"), (std::vector<Row>{{"1", "one"}, {"3", "updated"}}));
  // What is not the clause goes to the server and fails there.
  EXPECT_EQ(SQLExecDirect(change, sql("DELETE FROM co_rows WHERE CURRENT OF mycur curs"), SQL_NTS), SQL_ERROR);
  EXPECT_EQ(SQLExecDirect(change, sql("UPDATE co_rows SET a = 9 WHERE CURRENT OF"), SQL_NTS), SQL_ERROR);
  // An unknown cursor name: 34000.
  EXPECT_EQ(SQLExecDirect(change, sql("DELETE FROM co_rows WHERE CURRENT OF nosuch"), SQL_NTS), SQL_ERROR);
  EXPECT_EQ(change.state(), "34000");
  EXPECT_EQ(rows("co_rows"), (std::vector<Row>{{"1", "one"}, {"3", "updated"}}));
}

TEST_F(CurrentOf, DefaultNameOnAForwardOnlyCursorWithParameters) {
  Connection c;
  Statement cursor(c), change(c);
  ASSERT_EQ(SQLExecDirect(cursor, sql("SELECT id, b FROM co_keyed ORDER BY id"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(cursor), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(cursor), SQL_SUCCESS);
  char data[] = "from a parameter";
  ASSERT_EQ(SQLBindParameter(change, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 30, 0, data, sizeof data, nullptr),
            SQL_SUCCESS);
  const std::string update = "UPDATE co_keyed SET id = 99, b = ? WHERE CURRENT OF " + name_of(cursor);
  ASSERT_EQ(SQLExecDirect(change, sql(update.c_str()), SQL_NTS), SQL_SUCCESS) << change.diagnostics();
  EXPECT_EQ(rows("co_keyed"), (std::vector<Row>{{"10", "ten"}, {"99", "from a parameter"}}));
  // A parameter with no value bound: the statement fails and nothing changes.
  Statement unbound(c);
  EXPECT_EQ(SQLExecDirect(unbound, sql("UPDATE co_keyed SET b = ? WHERE CURRENT OF SQL_CUR0"), SQL_NTS), SQL_ERROR);
}

TEST_F(CurrentOf, PreparedOnceExecutedOnEveryRowWithDataAtExecution) {
  Connection c;
  Statement cursor(c), change(c);
  ASSERT_EQ(SQLSetCursorName(cursor, sql("walk"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(cursor, sql("SELECT * FROM co_rows ORDER BY a"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLPrepare(change, sql("UPDATE co_rows SET b = ? WHERE CURRENT OF walk"), SQL_NTS), SQL_SUCCESS)
      << change.diagnostics();
  SQLSMALLINT params = 0;
  ASSERT_EQ(SQLNumParams(change, &params), SQL_SUCCESS);
  EXPECT_EQ(params, 1);
  SQLLEN at_exec = SQL_DATA_AT_EXEC;
  ASSERT_EQ(SQLBindParameter(change, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 0, 0, nullptr, 0, &at_exec),
            SQL_SUCCESS);
  const char* values[] = {"uvw", "xyz", "abc"};
  int i = 0;
  while (SQLFetch(cursor) == SQL_SUCCESS) {
    ASSERT_EQ(SQLExecute(change), SQL_NEED_DATA) << change.diagnostics();
    SQLPOINTER token = nullptr;
    ASSERT_EQ(SQLParamData(change, &token), SQL_NEED_DATA);
    ASSERT_EQ(SQLPutData(change, const_cast<char*>(values[i]), 3), SQL_SUCCESS);
    ASSERT_EQ(SQLParamData(change, &token), SQL_SUCCESS) << change.diagnostics();
    ++i;
  }
  EXPECT_EQ(i, 3);
  EXPECT_EQ(rows("co_rows"), (std::vector<Row>{{"1", "uvw"}, {"2", "xyz"}, {"3", "abc"}}));
}

TEST_F(CurrentOf, AmbiguousRowWithoutAKeyChangesNothing) {
  // MySQL Connector/ODBC would change one of the equal rows (LIMIT 1); fabodbc does not guess.
  Statement setup(connection_);
  setup.exec("INSERT INTO co_rows VALUES (2,'two')");
  Connection c;
  Statement cursor(c), change(c);
  ASSERT_EQ(SQLSetCursorName(cursor, sql("dup"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(cursor, sql("SELECT * FROM co_rows WHERE a = 2"), SQL_NTS), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(cursor), SQL_SUCCESS);
  EXPECT_EQ(SQLExecDirect(change, sql("DELETE FROM co_rows WHERE CURRENT OF dup"), SQL_NTS), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(change.state(), "01001");
  SQLLEN count = -1;
  ASSERT_EQ(SQLRowCount(change, &count), SQL_SUCCESS);
  EXPECT_EQ(count, 0);
  EXPECT_EQ(rows("co_rows").size(), 4u);
  // Not positioned on a row: 24000.
  Statement idle(c);
  ASSERT_EQ(SQLSetCursorName(idle, sql("idle"), SQL_NTS), SQL_SUCCESS);
  EXPECT_EQ(SQLExecDirect(change, sql("DELETE FROM co_rows WHERE CURRENT OF idle"), SQL_NTS), SQL_ERROR);
  EXPECT_EQ(change.state(), "24000");
}

}  // namespace
}  // namespace fabodbc::itest
