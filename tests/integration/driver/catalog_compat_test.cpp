// Catalog functions and column metadata as applications written for MySQL Connector/ODBC and
// MariaDB Connector/ODBC read them: NULLABLE of AUTO_INCREMENT and TIMESTAMP columns, table
// types as the server names them and quoted lists of them, SQL_ALL_CATALOGS and
// SQL_ALL_TABLE_TYPES with a null schema (DBD::ODBC passes one), INDEX_QUALIFIER, ODBC 2 date
// type codes, the narrow text types an ANSI application sees, TYPE_NAME as the server writes
// it, ENUM/SET/LONGTEXT sizes, column privileges after REVOKE, and an empty catalog argument.
#include "odbc_fixture.h"

#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <vector>

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

TEST_F(CatalogCompat, TypeNamesAsTheServerWritesThem) {
  Connection c;
  Statement s(c);
  s.exec("CREATE OR REPLACE TABLE cc_names (a INT UNSIGNED, b INTEGER, c BIGINT UNSIGNED, d DECIMAL(10,2) UNSIGNED, "
         "e BOOL, f MEDIUMINT, g ENUM('x'), h SET('y'), i LONGTEXT, j INT(5) UNSIGNED ZEROFILL)");
  ASSERT_EQ(SQLColumns(s, nullptr, 0, nullptr, 0, sql("cc_names"), SQL_NTS, nullptr, 0), SQL_SUCCESS);
  std::vector<std::string> names;
  for (const Row& r : fetch_all(s)) names.push_back(r[5].value_or("NULL"));
  // The server's type without its length: INTEGER is "int", BOOL "tinyint" (both incumbents
  // agree there); unsigned types keep "unsigned" (MariaDB Connector/ODBC: "INT UNSIGNED").
  EXPECT_EQ(names, (std::vector<std::string>{"int unsigned", "int", "bigint unsigned", "decimal unsigned", "tinyint",
                                             "mediumint", "enum", "set", "longtext", "int unsigned"}));
}

TEST_F(CatalogCompat, EnumSetAndLongTextSizesAsTheIncumbentsReportThem) {
  Connection c;
  Statement s(c);
  s.exec("CREATE OR REPLACE TABLE cc_sizes (g ENUM('x','yy','zzz') CHARACTER SET utf8mb4, "
         "h SET('a','bb','ccc') CHARACTER SET utf8mb4, t TEXT CHARACTER SET utf8mb4, l LONGTEXT, b LONGBLOB)");
  ASSERT_EQ(SQLColumns(s, nullptr, 0, nullptr, 0, sql("cc_sizes"), SQL_NTS, nullptr, 0), SQL_SUCCESS);
  const std::vector<Row> r = fetch_all(s);
  ASSERT_EQ(r.size(), 5u);
  // DATA_TYPE (5), COLUMN_SIZE (7), BUFFER_LENGTH (8), CHAR_OCTET_LENGTH (16), as MariaDB
  // Connector/ODBC 3.1 reports them: an ENUM is as long as its longest member, a SET as all of
  // them with their commas; 4 bytes a character in utf8mb4.
  auto cells = [&](size_t i) {
    return std::vector<std::optional<std::string>>{r[i][4], r[i][6], r[i][7], r[i][15]};
  };
  const std::string wchar = std::to_string(SQL_WCHAR), wlong = std::to_string(SQL_WLONGVARCHAR);
  EXPECT_EQ(cells(0), (std::vector<std::optional<std::string>>{wchar, "3", "12", "12"}));
  EXPECT_EQ(cells(1), (std::vector<std::optional<std::string>>{wchar, "8", "32", "32"}));
  EXPECT_EQ(cells(2), (std::vector<std::optional<std::string>>{wlong, "65535", "262140", "262140"}));
  // LONGTEXT and LONGBLOB: capped at 16,777,215 (user guide, "Where fabodbc deliberately differs").
  EXPECT_EQ(cells(3), (std::vector<std::optional<std::string>>{wlong, "16777215", "16777215", "16777215"}));
  EXPECT_EQ(cells(4), (std::vector<std::optional<std::string>>{std::to_string(SQL_LONGVARBINARY), "16777215",
                                                               "16777215", "16777215"}));
}

TEST_F(CatalogCompat, SpecialColumnsGiveTextTypesAsSQLColumnsDoes) {
  Connection c;
  Statement s(c);
  s.exec("CREATE OR REPLACE TABLE cc_keys (g ENUM('x','yy') NOT NULL, v VARCHAR(8) NOT NULL, n INT NOT NULL, "
         "PRIMARY KEY (g, v, n))");
  ASSERT_EQ(SQLColumns(s, nullptr, 0, nullptr, 0, sql("cc_keys"), SQL_NTS, nullptr, 0), SQL_SUCCESS);
  std::vector<std::optional<std::string>> from_columns;
  for (const Row& r : fetch_all(s)) from_columns.push_back(r[4]);
  ASSERT_EQ(SQLSpecialColumns(s, SQL_BEST_ROWID, nullptr, 0, nullptr, 0, sql("cc_keys"), SQL_NTS, SQL_SCOPE_SESSION,
                              SQL_NO_NULLS),
            SQL_SUCCESS)
      << s.diagnostics();
  std::vector<std::optional<std::string>> from_special;
  for (const Row& r : fetch_all(s)) from_special.push_back(r[2]);
  // The Unicode text types in both, for this ANSI application too (MariaDB Connector/ODBC gives
  // SQL_WCHAR for the ENUM key in both); a result column is narrowed, a catalog row is not.
  EXPECT_EQ(from_special, (std::vector<std::optional<std::string>>{std::to_string(SQL_WCHAR),
                                                                    std::to_string(SQL_WVARCHAR),
                                                                    std::to_string(SQL_INTEGER)}));
  EXPECT_EQ(from_special, from_columns);
}

TEST_F(CatalogCompat, ColumnPrivilegesRevokedAtColumnLevelAreGone) {
  Connection c;
  Statement s(c);
  const std::string db = *s.scalar("SELECT DATABASE()");
  const std::string on = " ON `" + db + "`.cc_priv ";
  s.exec("CREATE OR REPLACE TABLE cc_priv (a INT, b INT)");
  s.exec("DROP USER IF EXISTS 'cc_col_reader'@'localhost'");
  s.exec("CREATE USER 'cc_col_reader'@'localhost'");
  auto listed = [&]() {
    EXPECT_EQ(SQLColumnPrivileges(s, nullptr, 0, nullptr, 0, sql("cc_priv"), SQL_NTS, nullptr, 0), SQL_SUCCESS)
        << s.diagnostics();
    std::vector<std::string> out;
    for (const Row& r : fetch_all(s)) {
      if (r[5] == "'cc_col_reader'@'localhost'") out.push_back(*r[3] + " " + *r[6]);
    }
    return out;
  };
  s.exec("GRANT SELECT (a, b), UPDATE (a)" + on + "TO 'cc_col_reader'@'localhost'");
  EXPECT_EQ(listed(), (std::vector<std::string>{"a SELECT", "a UPDATE", "b SELECT"}));
  s.exec("REVOKE UPDATE (a)" + on + "FROM 'cc_col_reader'@'localhost'");
  EXPECT_EQ(listed(), (std::vector<std::string>{"a SELECT", "b SELECT"}));
  s.exec("REVOKE SELECT (a)" + on + "FROM 'cc_col_reader'@'localhost'");
  EXPECT_EQ(listed(), (std::vector<std::string>{"b SELECT"}));
  // A table-level grant applies to each column (listed there), and its REVOKE takes it away.
  s.exec("GRANT INSERT" + on + "TO 'cc_col_reader'@'localhost'");
  EXPECT_EQ(listed(), (std::vector<std::string>{"a INSERT", "b INSERT", "b SELECT"}));
  s.exec("REVOKE INSERT" + on + "FROM 'cc_col_reader'@'localhost'");
  s.exec("REVOKE SELECT (b)" + on + "FROM 'cc_col_reader'@'localhost'");
  EXPECT_TRUE(listed().empty());
  s.exec("DROP USER 'cc_col_reader'@'localhost'");
}

TEST_F(CatalogCompat, AnEmptyCatalogIsTheCurrentDatabase) {
  // As in MySQL Connector/ODBC (MariaDB Connector/ODBC 3.1 answers no rows): every catalog
  // function reads "" as the current database, the same as a null pointer.
  Connection c;
  Statement s(c);
  s.exec("CREATE OR REPLACE TABLE cc_parent (id INT PRIMARY KEY)");
  s.exec("CREATE OR REPLACE TABLE cc_child (id INT PRIMARY KEY, p INT, FOREIGN KEY (p) REFERENCES cc_parent (id))");
  s.exec("CREATE OR REPLACE PROCEDURE cc_proc(IN x INT) BEGIN END");
  for (SQLSMALLINT length : {SQLSMALLINT(0), SQLSMALLINT(SQL_NTS)}) {
    SCOPED_TRACE(length);
    auto both = [&](const std::function<SQLRETURN(SQLCHAR*, SQLSMALLINT)>& call) {
      EXPECT_EQ(call(nullptr, 0), SQL_SUCCESS) << s.diagnostics();
      const std::vector<Row> with_null = fetch_all(s);
      EXPECT_EQ(call(sql(""), length), SQL_SUCCESS) << s.diagnostics();
      const std::vector<Row> with_empty = fetch_all(s);
      EXPECT_FALSE(with_null.empty());
      EXPECT_EQ(with_empty, with_null);
    };
    both([&](SQLCHAR* cat, SQLSMALLINT n) {
      return SQLTables(s, cat, n, nullptr, 0, sql("cc_child"), SQL_NTS, nullptr, 0);
    });
    both([&](SQLCHAR* cat, SQLSMALLINT n) {
      return SQLColumns(s, cat, n, nullptr, 0, sql("cc_child"), SQL_NTS, nullptr, 0);
    });
    both([&](SQLCHAR* cat, SQLSMALLINT n) { return SQLPrimaryKeys(s, cat, n, nullptr, 0, sql("cc_child"), SQL_NTS); });
    both([&](SQLCHAR* cat, SQLSMALLINT n) {
      return SQLStatistics(s, cat, n, nullptr, 0, sql("cc_child"), SQL_NTS, SQL_INDEX_ALL, SQL_QUICK);
    });
    both([&](SQLCHAR* cat, SQLSMALLINT n) {
      return SQLForeignKeys(s, nullptr, 0, nullptr, 0, nullptr, 0, cat, n, nullptr, 0, sql("cc_child"), SQL_NTS);
    });
    both([&](SQLCHAR* cat, SQLSMALLINT n) {
      return SQLSpecialColumns(s, SQL_BEST_ROWID, cat, n, nullptr, 0, sql("cc_child"), SQL_NTS, SQL_SCOPE_SESSION,
                               SQL_NULLABLE);
    });
    both([&](SQLCHAR* cat, SQLSMALLINT n) { return SQLProcedures(s, cat, n, nullptr, 0, sql("cc_proc"), SQL_NTS); });
    both([&](SQLCHAR* cat, SQLSMALLINT n) {
      return SQLProcedureColumns(s, cat, n, nullptr, 0, sql("cc_proc"), SQL_NTS, nullptr, 0);
    });
  }
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
