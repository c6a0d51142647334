// SQLTables, SQLColumns, SQLGetTypeInfo, SQLGetInfo and SQLGetFunctions as clients read them.
#include "odbc_fixture.h"

#include <algorithm>
#include <cstring>

namespace fabodbc::itest {
namespace {

std::vector<std::string> column_names(SQLHSTMT s) {
  SQLSMALLINT n = 0;
  SQLNumResultCols(s, &n);
  std::vector<std::string> names;
  for (SQLUSMALLINT k = 1; k <= n; ++k) {
    SQLCHAR name[64];
    SQLSMALLINT len, type, digits, nullable;
    SQLULEN size;
    SQLDescribeCol(s, k, name, sizeof name, &len, &type, &size, &digits, &nullable);
    names.emplace_back(reinterpret_cast<char*>(name));
  }
  return names;
}

class Catalog : public ::testing::Test {
 protected:
  void SetUp() override {
    s.exec("CREATE OR REPLACE TABLE cat_t (id INT NOT NULL PRIMARY KEY, name VARCHAR(32), amount DECIMAL(10,2), "
           "created DATETIME(3))");
    s.exec("CREATE OR REPLACE VIEW cat_v AS SELECT id FROM cat_t");
  }
  Connection c;
  Statement s{c};
};

TEST_F(Catalog, TablesShapeAndRows) {
  ASSERT_ODBC_OK(SQLTables(s, nullptr, 0, nullptr, 0, (SQLCHAR*)"cat\\_%", SQL_NTS, nullptr, 0), SQL_HANDLE_STMT, s);
  EXPECT_EQ(column_names(s), (std::vector<std::string>{"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS"}));
  auto r = s.rows();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0][0], "fabodbc_test");
  EXPECT_FALSE(r[0][1].has_value());
  EXPECT_EQ(r[0][2], "cat_t");
  EXPECT_EQ(r[0][3], "TABLE");
  EXPECT_EQ(r[1][2], "cat_v");
  EXPECT_EQ(r[1][3], "VIEW");
  ASSERT_ODBC_OK(SQLTables(s, nullptr, 0, nullptr, 0, (SQLCHAR*)"cat%", SQL_NTS, (SQLCHAR*)"'VIEW'", SQL_NTS),
                 SQL_HANDLE_STMT, s);
  r = s.rows();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0][2], "cat_v");
  // Catalog list.
  ASSERT_ODBC_OK(SQLTables(s, (SQLCHAR*)SQL_ALL_CATALOGS, SQL_NTS, (SQLCHAR*)"", 0, (SQLCHAR*)"", 0, nullptr, 0),
                 SQL_HANDLE_STMT, s);
  bool found = false;
  for (const Row& row : s.rows()) found = found || row[0] == "fabodbc_test";
  EXPECT_TRUE(found);
}

TEST_F(Catalog, ColumnsShapeAndTypes) {
  ASSERT_ODBC_OK(SQLColumns(s, nullptr, 0, nullptr, 0, (SQLCHAR*)"cat_t", SQL_NTS, nullptr, 0), SQL_HANDLE_STMT, s);
  std::vector<std::string> expected = {"TABLE_CAT",     "TABLE_SCHEM",      "TABLE_NAME",        "COLUMN_NAME",
                                       "DATA_TYPE",     "TYPE_NAME",        "COLUMN_SIZE",       "BUFFER_LENGTH",
                                       "DECIMAL_DIGITS", "NUM_PREC_RADIX",  "NULLABLE",          "REMARKS",
                                       "COLUMN_DEF",    "SQL_DATA_TYPE",    "SQL_DATETIME_SUB",  "CHAR_OCTET_LENGTH",
                                       "ORDINAL_POSITION", "IS_NULLABLE"};
  EXPECT_EQ(column_names(s), expected);
  auto r = s.rows();
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0][3], "id");
  EXPECT_EQ(r[0][4], std::to_string(SQL_INTEGER));
  EXPECT_EQ(r[0][10], std::to_string(SQL_NO_NULLS));
  EXPECT_EQ(r[0][17], "NO");
  EXPECT_EQ(r[1][3], "name");
  EXPECT_TRUE(r[1][4] == std::to_string(SQL_VARCHAR) || r[1][4] == std::to_string(SQL_WVARCHAR));
  EXPECT_EQ(r[1][6], "32");
  EXPECT_EQ(r[1][16], "2");
  EXPECT_EQ(r[1][17], "YES");
  EXPECT_EQ(r[2][4], std::to_string(SQL_DECIMAL));
  EXPECT_EQ(r[2][6], "10");
  EXPECT_EQ(r[2][8], "2");
  EXPECT_EQ(r[3][4], std::to_string(SQL_TYPE_TIMESTAMP));
  EXPECT_EQ(r[3][13], std::to_string(SQL_DATETIME));
  EXPECT_EQ(r[3][14], std::to_string(SQL_CODE_TIMESTAMP));
  // The same column described by SQLDescribeCol agrees with SQLColumns.
  s.exec("SELECT name FROM cat_t");
  SQLCHAR name[32];
  SQLSMALLINT len, type, digits, nullable;
  SQLULEN size;
  SQLDescribeCol(s, 1, name, sizeof name, &len, &type, &size, &digits, &nullable);
  // An ANSI application (this one) sees the narrow type of the wide one SQLColumns reports.
  EXPECT_EQ(type == SQL_VARCHAR ? std::to_string(SQL_WVARCHAR) : std::to_string(type), r[1][4]);
  EXPECT_EQ(std::to_string(size), r[1][6]);
}

TEST_F(Catalog, PrimaryKeysStatisticsForeignKeys) {
  s.exec("CREATE OR REPLACE TABLE cat_child (cid INT PRIMARY KEY, parent_id INT NOT NULL, tag VARCHAR(10), "
         "INDEX by_tag (tag), CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES cat_t (id) "
         "ON DELETE CASCADE) ENGINE=InnoDB");
  ASSERT_ODBC_OK(SQLPrimaryKeys(s, nullptr, 0, nullptr, 0, (SQLCHAR*)"cat_child", SQL_NTS), SQL_HANDLE_STMT, s);
  EXPECT_EQ(column_names(s),
            (std::vector<std::string>{"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"}));
  auto r = s.rows();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0][3], "cid");
  EXPECT_EQ(r[0][4], "1");
  EXPECT_EQ(r[0][5], "PRIMARY");

  ASSERT_ODBC_OK(SQLStatistics(s, nullptr, 0, nullptr, 0, (SQLCHAR*)"cat_child", SQL_NTS, SQL_INDEX_ALL, SQL_QUICK),
                 SQL_HANDLE_STMT, s);
  auto names = column_names(s);
  ASSERT_EQ(names.size(), 13u);
  EXPECT_EQ(names[5], "INDEX_NAME");
  r = s.rows();
  std::vector<std::string> indexes;
  for (const Row& row : r) indexes.push_back(row[5].value_or("") + ":" + row[8].value_or("") + ":" + row[3].value_or(""));
  EXPECT_NE(std::find(indexes.begin(), indexes.end(), "PRIMARY:cid:0"), indexes.end());
  EXPECT_NE(std::find(indexes.begin(), indexes.end(), "by_tag:tag:1"), indexes.end());
  ASSERT_ODBC_OK(SQLStatistics(s, nullptr, 0, nullptr, 0, (SQLCHAR*)"cat_child", SQL_NTS, SQL_INDEX_UNIQUE, SQL_QUICK),
                 SQL_HANDLE_STMT, s);
  for (const Row& row : s.rows()) EXPECT_EQ(row[3], "0");

  ASSERT_ODBC_OK(SQLForeignKeys(s, nullptr, 0, nullptr, 0, (SQLCHAR*)"cat_t", SQL_NTS, nullptr, 0, nullptr, 0, nullptr, 0),
                 SQL_HANDLE_STMT, s);
  names = column_names(s);
  ASSERT_EQ(names.size(), 14u);
  EXPECT_EQ(names[0], "PKTABLE_CAT");
  EXPECT_EQ(names[13], "DEFERRABILITY");
  r = s.rows();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0][2], "cat_t");
  EXPECT_EQ(r[0][3], "id");
  EXPECT_EQ(r[0][6], "cat_child");
  EXPECT_EQ(r[0][7], "parent_id");
  EXPECT_EQ(r[0][10], std::to_string(SQL_CASCADE));  // DELETE_RULE
  EXPECT_EQ(r[0][11], "fk_parent");
  // From the referencing side.
  ASSERT_ODBC_OK(SQLForeignKeys(s, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0, (SQLCHAR*)"cat_child",
                                SQL_NTS),
                 SQL_HANDLE_STMT, s);
  EXPECT_EQ(s.rows().size(), 1u);
  s.exec("DROP TABLE cat_child");
}

TEST_F(Catalog, TypeInfoWithoutServer) {
  ASSERT_ODBC_OK(SQLGetTypeInfo(s, SQL_ALL_TYPES), SQL_HANDLE_STMT, s);
  auto names = column_names(s);
  ASSERT_EQ(names.size(), 19u);
  EXPECT_EQ(names[0], "TYPE_NAME");
  EXPECT_EQ(names[2], "COLUMN_SIZE");
  EXPECT_EQ(names[18], "INTERVAL_PRECISION");
  auto all = s.rows();
  EXPECT_GT(all.size(), 10u);
  ASSERT_ODBC_OK(SQLGetTypeInfo(s, SQL_VARCHAR), SQL_HANDLE_STMT, s);
  auto r = s.rows();
  ASSERT_FALSE(r.empty());
  for (const Row& row : r) EXPECT_EQ(row[1], std::to_string(SQL_VARCHAR));
  ASSERT_ODBC_OK(SQLGetTypeInfo(s, SQL_TYPE_TIMESTAMP), SQL_HANDLE_STMT, s);
  r = s.rows();
  ASSERT_FALSE(r.empty());
  EXPECT_TRUE(r[0][2].has_value());  // pyodbc and Qt read COLUMN_SIZE
}

std::string info_string(SQLHDBC dbc, SQLUSMALLINT type) {
  char buf[256] = {0};
  SQLSMALLINT len = 0;
  SQLRETURN rc = SQLGetInfo(dbc, type, buf, sizeof buf, &len);
  EXPECT_ODBC_OK(rc, SQL_HANDLE_DBC, dbc);
  return buf;
}

TEST_F(Catalog, InfoValuesClientsRead) {
  SQLHDBC dbc = c.dbc();
  EXPECT_EQ(info_string(dbc, SQL_DRIVER_ODBC_VER), "03.80");
  EXPECT_EQ(info_string(dbc, SQL_DBMS_NAME), "MariaDB");
  EXPECT_FALSE(info_string(dbc, SQL_DBMS_VER).empty());
  EXPECT_EQ(info_string(dbc, SQL_IDENTIFIER_QUOTE_CHAR), "`");
  EXPECT_EQ(info_string(dbc, SQL_DATABASE_NAME), "fabodbc_test");
  EXPECT_EQ(info_string(dbc, SQL_USER_NAME), "fabodbc");
  EXPECT_FALSE(info_string(dbc, SQL_DRIVER_NAME).empty());
  EXPECT_EQ(info_string(dbc, SQL_DESCRIBE_PARAMETER).size(), 1u);
  EXPECT_EQ(info_string(dbc, SQL_NEED_LONG_DATA_LEN), "N");
  SQLUINTEGER getdata = 0;
  EXPECT_ODBC_OK(SQLGetInfo(dbc, SQL_GETDATA_EXTENSIONS, &getdata, sizeof getdata, nullptr), SQL_HANDLE_DBC, dbc);
  EXPECT_TRUE(getdata & SQL_GD_ANY_ORDER);
  EXPECT_TRUE(getdata & SQL_GD_ANY_COLUMN);
  SQLUSMALLINT activities = 99;
  EXPECT_ODBC_OK(SQLGetInfo(dbc, SQL_MAX_CONCURRENT_ACTIVITIES, &activities, sizeof activities, nullptr),
                 SQL_HANDLE_DBC, dbc);
  EXPECT_EQ(activities, 0);  // a streaming result is buffered when another statement runs
  // Truncation of a string answer: 01004 and the full length.
  char small[3];
  SQLSMALLINT len = 0;
  EXPECT_EQ(SQLGetInfo(dbc, SQL_DBMS_NAME, small, sizeof small, &len), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(len, 7);
  EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, dbc), "01004");
  EXPECT_EQ(SQLGetInfo(dbc, 65000, small, sizeof small, &len), SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, dbc), "HY096");
}

TEST_F(Catalog, GetFunctionsTellsTheTruth) {
  SQLUSMALLINT supported = 0;
  // The driver manager answers SQLGetFunctions from the driver's exports and its own mapping;
  // what matters is that implemented functions are there and unimplemented ones are not.
  ASSERT_ODBC_OK(SQLGetFunctions(c.dbc(), SQL_API_SQLFETCH, &supported), SQL_HANDLE_DBC, c.dbc());
  EXPECT_EQ(supported, SQL_TRUE);
  ASSERT_ODBC_OK(SQLGetFunctions(c.dbc(), SQL_API_SQLMORERESULTS, &supported), SQL_HANDLE_DBC, c.dbc());
  EXPECT_EQ(supported, SQL_TRUE);
  ASSERT_ODBC_OK(SQLGetFunctions(c.dbc(), SQL_API_SQLBROWSECONNECT, &supported), SQL_HANDLE_DBC, c.dbc());
  EXPECT_EQ(supported, SQL_TRUE);

  SQLUSMALLINT bitmap[SQL_API_ODBC3_ALL_FUNCTIONS_SIZE];
  ASSERT_ODBC_OK(SQLGetFunctions(c.dbc(), SQL_API_ODBC3_ALL_FUNCTIONS, bitmap), SQL_HANDLE_DBC, c.dbc());
  EXPECT_TRUE(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLCOLUMNS));
  EXPECT_TRUE(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLSETPOS));
  EXPECT_TRUE(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLBULKOPERATIONS));
}

}  // namespace
}  // namespace fabodbc::itest
