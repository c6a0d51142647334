// Catalog functions and column metadata as applications written for MySQL Connector/ODBC and
// MariaDB Connector/ODBC read them: NULLABLE of AUTO_INCREMENT and TIMESTAMP columns, table
// types as the server names them and quoted lists of them, SQL_ALL_CATALOGS and
// SQL_ALL_TABLE_TYPES with a null schema (DBD::ODBC passes one), INDEX_QUALIFIER, ODBC 2 date
// type codes, and the narrow text types an ANSI application sees.
#include "odbc_fixture.h"

#include <cstring>

namespace fabodbc::itest {
namespace {

SQLCHAR* sql(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }

std::vector<Row> fetch_all(Statement& s) { return s.rows(); }

class CatalogCompat : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Connection c;
    Statement s(c);
    s.exec("CREATE OR REPLACE TABLE cc_types (id INT AUTO_INCREMENT PRIMARY KEY, ts TIMESTAMP NOT NULL "
           "DEFAULT CURRENT_TIMESTAMP, n INT NOT NULL, c CHAR(4), v VARCHAR(10), t TEXT, s SET('a','b'), "
           "d DATE, dt DATETIME, tm TIME, dec1 DECIMAL(5,0) UNSIGNED, KEY k_n (n))");
  }
};

TEST_F(CatalogCompat, AutoIncrementAndTimestampColumnsAreNullable) {
  Connection c;
  Statement s(c);
  ASSERT_EQ(SQLColumns(s, nullptr, 0, nullptr, 0, sql("cc_types"), SQL_NTS, nullptr, 0), SQL_SUCCESS);
  const std::vector<Row> r = fetch_all(s);
  ASSERT_GE(r.size(), 3u);
  // NULLABLE (11) and IS_NULLABLE (18): an INSERT may give NULL for these two.
  EXPECT_EQ(r[0][10], std::to_string(SQL_NULLABLE));
  EXPECT_EQ(r[0][17], "YES");
  EXPECT_EQ(r[1][10], std::to_string(SQL_NULLABLE));
  EXPECT_EQ(r[1][17], "YES");
  EXPECT_EQ(r[2][10], std::to_string(SQL_NO_NULLS));
  EXPECT_EQ(r[2][17], "NO");
}

TEST_F(CatalogCompat, TableTypesAsTheServerNamesThemAndQuotedLists) {
  Connection c;
  Statement s(c);
  for (const char* types : {"'BASE TABLE'", "'TABLE','VIEW'", " 'TABLE' , 'VIEW' ", "TABLE"}) {
    SCOPED_TRACE(types);
    ASSERT_EQ(SQLTables(s, nullptr, 0, nullptr, 0, sql("cc_types"), SQL_NTS, sql(types), SQL_NTS), SQL_SUCCESS);
    const std::vector<Row> r = fetch_all(s);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0][3], "TABLE");
  }
  ASSERT_EQ(SQLTables(s, nullptr, 0, nullptr, 0, sql("cc_types"), SQL_NTS, sql("'VIEW'"), SQL_NTS), SQL_SUCCESS);
  EXPECT_TRUE(fetch_all(s).empty());
}

TEST_F(CatalogCompat, AllCatalogsAndAllTableTypesWithANullSchema) {
  Connection c;
  Statement s(c);
  ASSERT_EQ(SQLTables(s, sql("%"), SQL_NTS, nullptr, 0, sql(""), SQL_NTS, nullptr, 0), SQL_SUCCESS);
  std::vector<Row> r = fetch_all(s);
  ASSERT_FALSE(r.empty());
  bool ours = false;
  for (const Row& row : r) {
    EXPECT_TRUE(row[0].has_value());
    EXPECT_FALSE(row[2].has_value());  // catalogs only: no table names
    ours = ours || row[0] == world().server.database();
  }
  EXPECT_TRUE(ours);
  ASSERT_EQ(SQLTables(s, sql(""), SQL_NTS, nullptr, 0, sql(""), SQL_NTS, sql("%"), SQL_NTS), SQL_SUCCESS);
  r = fetch_all(s);
  ASSERT_FALSE(r.empty());
  for (const Row& row : r) {
    EXPECT_FALSE(row[0].has_value());
    EXPECT_FALSE(row[2].has_value());
    EXPECT_TRUE(row[3].has_value());  // table types only
  }
}

TEST_F(CatalogCompat, IndexQualifierIsNull) {
  Connection c;
  Statement s(c);
  ASSERT_EQ(SQLStatistics(s, nullptr, 0, nullptr, 0, sql("cc_types"), SQL_NTS, SQL_INDEX_ALL, SQL_QUICK), SQL_SUCCESS);
  const std::vector<Row> r = fetch_all(s);
  ASSERT_EQ(r.size(), 2u);
  for (const Row& row : r) EXPECT_FALSE(row[4].has_value());
  EXPECT_EQ(r[0][5], "PRIMARY");
}

TEST_F(CatalogCompat, Odbc2ApplicationsGetTheOdbc2DateTimeCodes) {
  SQLHENV env = SQL_NULL_HENV;
  SQLHDBC dbc = SQL_NULL_HDBC;
  ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env), SQL_SUCCESS);
  ASSERT_EQ(SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC2), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc), SQL_SUCCESS);
  const std::string cs = world().dsn_connection_string;
  ASSERT_TRUE(SQL_SUCCEEDED(
      SQLDriverConnect(dbc, nullptr, sql(cs.c_str()), SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT)));
  SQLHSTMT st = SQL_NULL_HSTMT;
  ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st), SQL_SUCCESS);
  ASSERT_EQ(SQLColumns(st, nullptr, 0, nullptr, 0, sql("cc_types"), SQL_NTS, nullptr, 0), SQL_SUCCESS);
  std::vector<std::pair<std::string, SQLSMALLINT>> types;
  while (SQLFetch(st) == SQL_SUCCESS) {
    char name[64];
    SQLSMALLINT type = 0;
    SQLLEN len = 0;
    SQLGetData(st, 4, SQL_C_CHAR, name, sizeof name, &len);
    SQLGetData(st, 5, SQL_C_SSHORT, &type, 0, &len);
    types.emplace_back(name, type);
  }
  SQLFreeStmt(st, SQL_CLOSE);
  const std::vector<std::pair<std::string, SQLSMALLINT>> dates = {
      {"ts", SQL_TIMESTAMP}, {"d", SQL_DATE}, {"dt", SQL_TIMESTAMP}, {"tm", SQL_TIME}};
  for (const auto& [name, code] : dates) {
    bool found = false;
    for (const auto& t : types) {
      if (t.first == name) {
        EXPECT_EQ(t.second, code) << name;
        found = true;
      }
    }
    EXPECT_TRUE(found) << name;
  }
  SQLFreeHandle(SQL_HANDLE_STMT, st);
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  SQLFreeHandle(SQL_HANDLE_ENV, env);
}

struct Described {
  SQLSMALLINT type = 0;
  SQLLEN display = 0, fixed = -1;
};

Described describe(SQLHSTMT s, SQLUSMALLINT column) {
  Described d;
  SQLULEN size = 0;
  SQLSMALLINT digits = 0, nullable = 0;
  EXPECT_EQ(SQLDescribeCol(s, column, nullptr, 0, nullptr, &d.type, &size, &digits, &nullable), SQL_SUCCESS);
  EXPECT_EQ(SQLColAttribute(s, column, SQL_DESC_DISPLAY_SIZE, nullptr, 0, nullptr, &d.display), SQL_SUCCESS);
  EXPECT_EQ(SQLColAttribute(s, column, SQL_DESC_FIXED_PREC_SCALE, nullptr, 0, nullptr, &d.fixed), SQL_SUCCESS);
  return d;
}

TEST_F(CatalogCompat, AnAnsiApplicationSeesTheNarrowTextTypes) {
  Connection c;  // SQLDriverConnect: the ANSI entry point
  Statement s(c);
  s.exec("SELECT c, v, t, s, dec1 FROM cc_types");
  EXPECT_EQ(describe(s, 1).type, SQL_CHAR);
  EXPECT_EQ(describe(s, 2).type, SQL_VARCHAR);
  EXPECT_EQ(describe(s, 3).type, SQL_LONGVARCHAR);
  EXPECT_EQ(describe(s, 4).type, SQL_CHAR);  // SET, like ENUM
  const Described dec = describe(s, 5);
  EXPECT_EQ(dec.type, SQL_DECIMAL);
  EXPECT_EQ(dec.display, 5);  // DECIMAL(5,0) UNSIGNED: no point, no sign
  EXPECT_EQ(dec.fixed, SQL_FALSE);
  // SQL_C_DEFAULT is then SQL_C_CHAR: UTF-8 text.
  s.exec("SELECT CONVERT('h\xC3\xA9' USING utf8mb4)");
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  char text[16] = "";
  SQLLEN len = 0;
  ASSERT_EQ(SQLGetData(s, 1, SQL_C_DEFAULT, text, sizeof text, &len), SQL_SUCCESS);
  EXPECT_STREQ(text, "h\xC3\xA9");
  ASSERT_EQ(SQLCloseCursor(s), SQL_SUCCESS);
  // SQLColumns keeps the Unicode types, as MariaDB Connector/ODBC reports them there.
  ASSERT_EQ(SQLColumns(s, nullptr, 0, nullptr, 0, sql("cc_types"), SQL_NTS, sql("v"), SQL_NTS), SQL_SUCCESS);
  const std::vector<Row> r = fetch_all(s);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0][4], std::to_string(SQL_WVARCHAR));
}

TEST_F(CatalogCompat, AWideApplicationSeesTheUnicodeTypes) {
  UnconnectedDbc d;
  const std::string cs = world().dsn_connection_string;
  std::vector<SQLWCHAR> in(cs.begin(), cs.end());
  in.push_back(0);
  ASSERT_TRUE(SQL_SUCCEEDED(SQLDriverConnectW(d.dbc, nullptr, in.data(), SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT)));
  SQLHSTMT st = SQL_NULL_HSTMT;
  ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, d.dbc, &st), SQL_SUCCESS);
  const std::u16string query = u"SELECT c, v, t FROM cc_types";
  std::vector<SQLWCHAR> q(query.begin(), query.end());
  q.push_back(0);
  ASSERT_EQ(SQLExecDirectW(st, q.data(), SQL_NTS), SQL_SUCCESS);
  EXPECT_EQ(describe(st, 1).type, SQL_WCHAR);
  EXPECT_EQ(describe(st, 2).type, SQL_WVARCHAR);
  EXPECT_EQ(describe(st, 3).type, SQL_WLONGVARCHAR);
  SQLFreeHandle(SQL_HANDLE_STMT, st);
}

}  // namespace
}  // namespace fabodbc::itest
