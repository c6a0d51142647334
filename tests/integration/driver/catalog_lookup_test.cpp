// Catalog calls ask INFORMATION_SCHEMA in a form MariaDB can answer by opening only the named
// tables: a search pattern without wildcards becomes an equality, "%" no condition, and
// SQLForeignKeys reads KEY_COLUMN_USAGE and REFERENTIAL_CONSTRAINTS separately, each with
// constants. The answers stay those of the pattern semantics (escaped wildcards, real
// patterns), and the general log (each test process has its own server) shows the queries'
// form.
#include "odbc_fixture.h"

#include <algorithm>

namespace fabodbc::itest {
namespace {

class CatalogLookup : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Connection c;
    Statement s(c);
    s.exec("CREATE DATABASE IF NOT EXISTS catlk");
    s.exec("CREATE OR REPLACE TABLE catlk.p_1 (id INT PRIMARY KEY, note VARCHAR(10) COMMENT 'n')");
    s.exec("CREATE OR REPLACE TABLE catlk.px1 (id INT PRIMARY KEY)");
    s.exec("CREATE OR REPLACE TABLE catlk.child (id INT PRIMARY KEY, p INT, x INT, "
           "CONSTRAINT fk_child_p FOREIGN KEY (p) REFERENCES catlk.p_1 (id) ON DELETE CASCADE, "
           "CONSTRAINT fk_child_x FOREIGN KEY (x) REFERENCES catlk.px1 (id))");
    s.exec("CREATE OR REPLACE TABLE catlk.other (id INT PRIMARY KEY, p INT, "
           "CONSTRAINT fk_other_p FOREIGN KEY (p) REFERENCES catlk.p_1 (id))");
  }
  void start_general_log() {
    s.exec("SET GLOBAL log_output = 'TABLE'");
    s.exec("TRUNCATE TABLE mysql.general_log");
    s.exec("SET GLOBAL general_log = 1");
  }
  // The text of the logged INFORMATION_SCHEMA queries (this test's own log query excluded).
  std::string logged_catalog_queries() {
    s.exec("SET GLOBAL general_log = 0");
    return s
        .scalar("SELECT GROUP_CONCAT(argument SEPARATOR ' | ') FROM mysql.general_log WHERE "
                "INSTR(argument, 'information_schema.') > 0 AND INSTR(argument, 'general_log') = 0")
        .value_or("");
  }
  // Column `col` (1-based) of every row, as text.
  static std::vector<std::string> column(Statement& st, size_t col) {
    std::vector<std::string> out;
    for (const Row& r : st.rows()) out.push_back(r[col - 1].value_or("NULL"));
    return out;
  }
  Connection c;
  Statement s{c};
};

SQLCHAR kDb[] = "catlk";

TEST_F(CatalogLookup, TablesWithALiteralNameAnEscapedWildcardAndAPattern) {
  start_general_log();
  Statement st(c);
  // "p\_1": the escaped underscore is a literal, so px1 does not match.
  ASSERT_ODBC_OK(SQLTables(st, kDb, SQL_NTS, nullptr, 0, (SQLCHAR*)"p\\_1", SQL_NTS, nullptr, 0), SQL_HANDLE_STMT, st);
  EXPECT_EQ(column(st, 3), std::vector<std::string>{"p_1"});
  // A real pattern still matches both.
  ASSERT_ODBC_OK(SQLTables(st, kDb, SQL_NTS, nullptr, 0, (SQLCHAR*)"p_1", SQL_NTS, nullptr, 0), SQL_HANDLE_STMT, st);
  std::vector<std::string> both = column(st, 3);
  std::sort(both.begin(), both.end());  // the server's collation decides the order
  EXPECT_EQ(both, (std::vector<std::string>{"p_1", "px1"}));
  // "%": every table, TABLE type, remarks.
  ASSERT_ODBC_OK(SQLTables(st, kDb, SQL_NTS, nullptr, 0, (SQLCHAR*)"%", SQL_NTS, nullptr, 0), SQL_HANDLE_STMT, st);
  std::vector<Row> all = st.rows();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0][0], "catlk");
  EXPECT_FALSE(all[0][1].has_value());
  EXPECT_EQ(all[0][2], "child");
  EXPECT_EQ(all[0][3], "TABLE");
  const std::string log = logged_catalog_queries();
  EXPECT_NE(log.find("TABLE_NAME = 'p_1'"), std::string::npos) << log;
  EXPECT_NE(log.find("TABLE_NAME LIKE 'p_1'"), std::string::npos) << log;
  EXPECT_EQ(log.find("LIKE '%'"), std::string::npos) << log;
}

TEST_F(CatalogLookup, ColumnsOfOneTableUseEqualities) {
  start_general_log();
  Statement st(c);
  ASSERT_ODBC_OK(SQLColumns(st, kDb, SQL_NTS, nullptr, 0, (SQLCHAR*)"p_1", SQL_NTS, (SQLCHAR*)"note", SQL_NTS),
                 SQL_HANDLE_STMT, st);
  std::vector<Row> rows = st.rows();
  // p_1 and px1 both match the pattern "p_1"; only p_1 has "note".
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][2], "p_1");
  EXPECT_EQ(rows[0][3], "note");
  EXPECT_EQ(rows[0][5], "varchar");
  EXPECT_EQ(rows[0][11], "n");
  ASSERT_ODBC_OK(SQLColumns(st, kDb, SQL_NTS, nullptr, 0, (SQLCHAR*)"child", SQL_NTS, nullptr, 0), SQL_HANDLE_STMT, st);
  EXPECT_EQ(column(st, 4), (std::vector<std::string>{"id", "p", "x"}));
  const std::string log = logged_catalog_queries();
  EXPECT_NE(log.find("TABLE_NAME = 'child'"), std::string::npos) << log;
  EXPECT_NE(log.find("COLUMN_NAME = 'note'"), std::string::npos) << log;
}

TEST_F(CatalogLookup, ForeignKeysOfANamedTable) {
  start_general_log();
  Statement st(c);
  ASSERT_ODBC_OK(SQLForeignKeys(st, nullptr, 0, nullptr, 0, nullptr, 0, kDb, SQL_NTS, nullptr, 0,
                                (SQLCHAR*)"child", SQL_NTS),
                 SQL_HANDLE_STMT, st);
  std::vector<Row> rows = st.rows();
  ASSERT_EQ(rows.size(), 2u);
  // Ordered by the primary-key table (in the server's collation).
  if (rows[0][2] == "px1") std::swap(rows[0], rows[1]);
  EXPECT_EQ(rows[0][2], "p_1");
  EXPECT_EQ(rows[0][3], "id");
  EXPECT_EQ(rows[0][6], "child");
  EXPECT_EQ(rows[0][7], "p");
  EXPECT_EQ(rows[0][8], "1");
  EXPECT_EQ(rows[0][10], std::to_string(SQL_CASCADE));
  EXPECT_EQ(rows[0][11], "fk_child_p");
  EXPECT_EQ(rows[0][12], "PRIMARY");
  EXPECT_EQ(rows[1][2], "px1");
  EXPECT_EQ(rows[1][11], "fk_child_x");
  // Keys referencing p_1 from any table (the primary-key side).
  ASSERT_ODBC_OK(SQLForeignKeys(st, kDb, SQL_NTS, nullptr, 0, (SQLCHAR*)"p_1", SQL_NTS, nullptr, 0, nullptr, 0,
                                nullptr, 0),
                 SQL_HANDLE_STMT, st);
  std::vector<std::string> names = column(st, 12);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"fk_child_p", "fk_other_p"}));
  const std::string log = logged_catalog_queries();
  // REFERENTIAL_CONSTRAINTS read alone with constants (in a join MariaDB would build it for
  // every table of every schema).
  EXPECT_NE(log.find("REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = 'catlk' AND TABLE_NAME = 'child'"),
            std::string::npos)
      << log;
  EXPECT_EQ(log.find("JOIN"), std::string::npos) << log;
}

}  // namespace
}  // namespace fabodbc::itest
