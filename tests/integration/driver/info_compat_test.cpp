// SQLGetInfo and SQLGetTypeInfo as applications written for MySQL Connector/ODBC and MariaDB
// Connector/ODBC use them: a table built from SQLGetTypeInfo's sizes is accepted by the server
// (DBD::ODBC's test suite builds its tables that way), the identifier quote follows
// ANSI_QUOTES, FORWARD_CURSOR limits SQL_SCROLL_OPTIONS and cursor types, long column aliases
// fit SQL_MAX_COLUMN_NAME_LEN, ODBC 2 applications get the ODBC 2 date/time codes.
#include "odbc_fixture.h"

namespace fabodbc::itest {
namespace {

SQLCHAR* sql(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }
SQLPOINTER as_value(SQLULEN v) { return reinterpret_cast<SQLPOINTER>(static_cast<uintptr_t>(v)); }

std::string quote_char(SQLHDBC dbc) {
  char q[4] = "";
  SQLSMALLINT len = 0;
  EXPECT_EQ(SQLGetInfo(dbc, SQL_IDENTIFIER_QUOTE_CHAR, q, sizeof q, &len), SQL_SUCCESS);
  return q;
}

TEST(InfoCompat, ATableOfEveryTypeAtItsReportedSizeIsAccepted) {
  Connection c;
  Statement s(c);
  ASSERT_EQ(SQLGetTypeInfo(s, SQL_ALL_TYPES), SQL_SUCCESS);
  std::string ddl = "CREATE OR REPLACE TABLE ic_every_type (";
  int n = 0;
  for (const Row& r : s.rows()) {
    const std::string name = r[0].value_or("");
    const std::string params = r[5].value_or("");
    if (name.find("unsigned") != std::string::npos || name == "json") continue;
    std::string column = "c" + std::to_string(n++) + " " + name;
    if (params == "length") column += "(" + r[2].value_or("1") + ")";
    ddl += (n > 1 ? ", " : "") + column;
  }
  ddl += ") CHARACTER SET utf8mb4";
  ASSERT_GT(n, 20);
  EXPECT_EQ(SQLExecDirect(s, sql(ddl.c_str()), SQL_NTS), SQL_SUCCESS) << ddl << "\n" << s.diagnostics();
  // TIME is hh:mm:ss; its fraction digits are MAXIMUM_SCALE.
  ASSERT_EQ(SQLGetTypeInfo(s, SQL_TYPE_TIME), SQL_SUCCESS);
  const std::vector<Row> time = s.rows();
  ASSERT_EQ(time.size(), 1u);
  EXPECT_EQ(time[0][2], "8");
  EXPECT_EQ(time[0][14], "6");
}

TEST(InfoCompat, IdentifierQuoteFollowsAnsiQuotes) {
  Connection c;
  Statement s(c);
  EXPECT_EQ(quote_char(c.dbc()), "`");
  s.exec("SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')");
  EXPECT_EQ(quote_char(c.dbc()), "\"");
  s.exec("SET SESSION sql_mode = DEFAULT");
  EXPECT_EQ(quote_char(c.dbc()), "`");
}

TEST(InfoCompat, ForwardCursorOptionKeepsCursorsForwardOnly) {
  for (const char* how : {";FORWARD_CURSOR=1", ";OPTION=2097152", ";FORWARDONLY=1"}) {
    SCOPED_TRACE(how);
    Connection c(world().dsn_connection_string + how);
    SQLUINTEGER scroll = 0;
    ASSERT_EQ(SQLGetInfo(c.dbc(), SQL_SCROLL_OPTIONS, &scroll, sizeof scroll, nullptr), SQL_SUCCESS);
    EXPECT_EQ(scroll, static_cast<SQLUINTEGER>(SQL_SO_FORWARD_ONLY));
    Statement s(c);
    EXPECT_EQ(SQLSetStmtAttr(s, SQL_ATTR_CURSOR_TYPE, as_value(SQL_CURSOR_STATIC), 0), SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(s.state(), "01S02");
    SQLULEN type = 99;
    ASSERT_EQ(SQLGetStmtAttr(s, SQL_ATTR_CURSOR_TYPE, &type, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(type, static_cast<SQLULEN>(SQL_CURSOR_FORWARD_ONLY));
  }
  Connection plain;
  SQLUINTEGER scroll = 0;
  ASSERT_EQ(SQLGetInfo(plain.dbc(), SQL_SCROLL_OPTIONS, &scroll, sizeof scroll, nullptr), SQL_SUCCESS);
  EXPECT_EQ(scroll, static_cast<SQLUINTEGER>(SQL_SO_FORWARD_ONLY | SQL_SO_STATIC));
}

TEST(InfoCompat, ColumnNamesFitMaxColumnNameLen) {
  Connection c;
  SQLUSMALLINT max_len = 0;
  ASSERT_EQ(SQLGetInfo(c.dbc(), SQL_MAX_COLUMN_NAME_LEN, &max_len, sizeof max_len, nullptr), SQL_SUCCESS);
  Statement s(c);
  const std::string alias(250, 'a');
  s.exec("SELECT 1 AS " + alias);
  SQLCHAR name[512];
  SQLSMALLINT len = 0;
  ASSERT_EQ(SQLDescribeCol(s, 1, name, sizeof name, &len, nullptr, nullptr, nullptr, nullptr), SQL_SUCCESS);
  EXPECT_EQ(len, 250);  // whole: an alias is never cut
  EXPECT_LE(len, max_len);
}

TEST(InfoCompat, Odbc2TypeInfoUsesTheOdbc2DateTimeCodes) {
  // The world first: it writes the odbc.ini this test's DSN is in, which the driver manager
  // must see from the first handle on.
  const std::string cs = world().dsn_connection_string;
  SQLHENV env = SQL_NULL_HENV;
  SQLHDBC dbc = SQL_NULL_HDBC;
  ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env), SQL_SUCCESS);
  ASSERT_EQ(SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, as_value(SQL_OV_ODBC2), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc), SQL_SUCCESS);
  ASSERT_TRUE(SQL_SUCCEEDED(
      SQLDriverConnect(dbc, nullptr, sql(cs.c_str()), SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT)));
  SQLHSTMT st = SQL_NULL_HSTMT;
  ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st), SQL_SUCCESS);
  ASSERT_EQ(SQLGetTypeInfo(st, SQL_DATE), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(st), SQL_SUCCESS);
  SQLSMALLINT type = 0;
  SQLLEN len = 0;
  ASSERT_EQ(SQLGetData(st, 2, SQL_C_SSHORT, &type, 0, &len), SQL_SUCCESS);
  EXPECT_EQ(type, SQL_DATE);
  SQLFreeHandle(SQL_HANDLE_STMT, st);
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  SQLFreeHandle(SQL_HANDLE_ENV, env);
}

}  // namespace
}  // namespace fabodbc::itest
