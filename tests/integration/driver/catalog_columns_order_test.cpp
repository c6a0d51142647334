// SQLColumns over whole databases: MariaDB is not asked to sort (the driver orders the tables,
// catalog_order.h), yet the rows come in the order of "ORDER BY TABLE_SCHEMA, TABLE_NAME,
// ORDINAL_POSITION" run by the server itself, with the same values a one-table call gives.
// Names the driver cannot compare itself (non-ASCII) are ranked by the server in one small
// query; tables named alike interleave by ordinal. The general log (one server per test
// process) shows which queries ran.
#include "odbc_fixture.h"

#include <cctype>

namespace fabodbc::itest {
namespace {

class CatalogColumnsOrder : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Connection c;
    Statement s(c);
    s.exec("CREATE DATABASE IF NOT EXISTS colord");
    // Case, digits, '_' (after the letters in general_ci), ' ', '-', '[' and '~' around letters.
    for (const char* t : {"Zeta", "alpha", "Beta", "b_2", "B1", "_x", "`a b`", "a", "`a-`", "`A~`", "`a[`"})
      s.exec(std::string("CREATE OR REPLACE TABLE colord.") + t + " (x INT NOT NULL, y VARCHAR(10))");
    // Types whose descriptions differ only in charset or unsignedness, repeated across tables.
    for (const char* t : {"types1", "types2"})
      s.exec(std::string("CREATE OR REPLACE TABLE colord.") + t +
             " (id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY COMMENT 'key', i INT DEFAULT 7, "
             "v1 VARCHAR(10) CHARACTER SET latin1, v2 VARCHAR(10) CHARACTER SET utf8mb4, "
             "b VARBINARY(10), d DECIMAL(8,3) UNSIGNED, dt DATETIME(3), t TEXT, e ENUM('a','bb'), "
             "bits BIT(5), j JSON)");
    s.exec("CREATE DATABASE IF NOT EXISTS colord_utf");
    for (const char* t : {"`café`", "cafe2", "`Éclair`", "dd"})
      s.exec(std::string("CREATE OR REPLACE TABLE colord_utf.") + t + " (x INT, y INT)");
    s.exec("CREATE DATABASE IF NOT EXISTS colord_tie");
    for (const char* t : {"T1", "t1", "t0"}) s.exec(std::string("CREATE OR REPLACE TABLE colord_tie.") + t + " (a INT, b INT)");
  }

  // SQLColumns(db, table pattern): every row, every column, as text.
  std::vector<Row> columns(const std::string& db, const std::string& table) {
    Statement st(c);
    EXPECT_ODBC_OK(SQLColumns(st, (SQLCHAR*)db.c_str(), SQL_NTS, nullptr, 0, (SQLCHAR*)table.c_str(), SQL_NTS,
                              nullptr, 0),
                   SQL_HANDLE_STMT, st.get());
    return st.rows();
  }
  // (TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION) as the server orders them.
  std::vector<Row> server_order(const std::string& db) {
    s.exec("SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION FROM information_schema.COLUMNS WHERE "
           "TABLE_SCHEMA = '" + db + "' ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION");
    return s.rows();
  }
  static std::vector<Row> name_columns(const std::vector<Row>& rows) {
    std::vector<Row> out;
    for (const Row& r : rows) out.push_back(Row{r[2], r[3], r[16]});
    return out;
  }
  void start_general_log() {
    s.exec("SET GLOBAL log_output = 'TABLE'");
    s.exec("TRUNCATE TABLE mysql.general_log");
    s.exec("SET GLOBAL general_log = 1");
  }
  // The logged INFORMATION_SCHEMA.COLUMNS queries containing `marker` (this test's own log
  // query excluded).
  std::string logged_columns_queries(const char* marker = "COLUMN_COMMENT") {
    s.exec("SET GLOBAL general_log = 0");
    return s
        .scalar(std::string("SELECT GROUP_CONCAT(argument SEPARATOR ' | ') FROM mysql.general_log WHERE "
                            "INSTR(argument, 'information_schema.COLUMNS') > 0 AND INSTR(argument, '") +
                marker + "') > 0 AND INSTR(argument, 'general_log') = 0")
        .value_or("");
  }

  Connection c;
  Statement s{c};
};

TEST_F(CatalogColumnsOrder, InformationSchemaNamesAreGeneralCi) {
  // The driver orders tables itself only where the server says its INFORMATION_SCHEMA names
  // are utf8mb3_general_ci; on this server they must be, or the fast path is never taken.
  const std::string collation =
      s.scalar("SELECT CONCAT(COLLATION(TABLE_SCHEMA), ' ', COLLATION(TABLE_NAME)) FROM information_schema.COLUMNS "
               "LIMIT 1")
          .value_or("");
  EXPECT_TRUE(collation == "utf8mb3_general_ci utf8mb3_general_ci" || collation == "utf8_general_ci utf8_general_ci")
      << collation;
}

TEST_F(CatalogColumnsOrder, WholeDatabaseInTheServersOrderWithoutServerSort) {
  start_general_log();
  const std::vector<Row> all = columns("colord", "%");
  const std::string log = logged_columns_queries();
  EXPECT_EQ(log.find("ORDER BY"), std::string::npos) << log;
  ASSERT_EQ(all.size(), 11u * 2 + 2u * 11);
  EXPECT_EQ(name_columns(all), server_order("colord"));
  // Each row as a one-table call gives it: the per-call type memo changes no value.
  std::vector<Row> one_by_one;
  std::string previous;
  for (const Row& r : all) {
    if (*r[2] == previous) continue;
    previous = *r[2];
    std::string literal;  // the table name as a pattern matching only itself
    for (char ch : previous) literal += ch == '_' || ch == '%' ? std::string("\\") + ch : std::string(1, ch);
    for (Row& row : columns("colord", literal)) one_by_one.push_back(std::move(row));
  }
  EXPECT_EQ(all, one_by_one);
}

TEST_F(CatalogColumnsOrder, TheCollationIsAskedOncePerConnection) {
  Connection fresh;
  start_general_log();
  for (int i = 0; i < 3; ++i) {
    Statement st(fresh);
    ASSERT_ODBC_OK(SQLColumns(st, (SQLCHAR*)"colord", SQL_NTS, nullptr, 0, (SQLCHAR*)"%", SQL_NTS, nullptr, 0),
                   SQL_HANDLE_STMT, st.get());
    EXPECT_EQ(st.rows().size(), 44u);
  }
  const std::string log = logged_columns_queries("COLLATION(");
  size_t asked = 0;
  for (size_t at = log.find("COLLATION(MAX(TABLE_NAME))"); at != std::string::npos;
       at = log.find("COLLATION(MAX(TABLE_NAME))", at + 1))
    ++asked;
  EXPECT_EQ(asked, 1u) << log;
}

TEST_F(CatalogColumnsOrder, NamesTheDriverCannotCompareAreRankedByTheServer) {
  // Non-ASCII names: the server ranks the names (one small query), it does not sort the
  // whole answer again.
  start_general_log();
  const std::vector<Row> utf = columns("colord_utf", "%");
  std::string log = logged_columns_queries();
  EXPECT_EQ(log.find("ORDER BY"), std::string::npos) << log;
  s.exec("SET GLOBAL general_log = 0");
  const std::string ranked =
      s.scalar("SELECT COUNT(*) FROM mysql.general_log WHERE INSTR(argument, 'DENSE_RANK') > 0 AND "
               "INSTR(argument, 'general_log') = 0")
          .value_or("");
  EXPECT_EQ(ranked, "1");
  EXPECT_EQ(name_columns(utf), server_order("colord_utf"));
}

TEST_F(CatalogColumnsOrder, TablesNamedAlikeInterleaveByOrdinal) {
  // T1 and t1 (and, in colord_utf, "café" and "CAFE") compare equal: ORDER BY interleaves
  // their columns by ordinal; which of two equal rows comes first is not defined, so the
  // comparison is made on names as the collation sees them.
  s.exec("CREATE OR REPLACE TABLE colord_utf.CAFE (x INT, y INT, z INT)");
  for (const char* db : {"colord_tie", "colord_utf"}) {
    auto folded = [](std::vector<Row> rows) {
      for (Row& r : rows) {
        std::string t = *r[0];
        if (t == "caf\xc3\xa9") t = "cafe";  // general_ci: é weighs as e
        for (char& ch : t) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        r[0] = t;
      }
      return rows;
    };
    EXPECT_EQ(folded(name_columns(columns(db, "%"))), folded(server_order(db))) << db;
  }
  const std::vector<Row> tie = columns("colord_tie", "%");
  ASSERT_EQ(tie.size(), 6u);
  EXPECT_EQ(tie[1][2], "t0");
  for (size_t i = 2; i < 6; ++i) EXPECT_EQ(tie[i][16], i < 4 ? "1" : "2") << i;
  EXPECT_NE(tie[2][2], tie[3][2]);
  s.exec("DROP TABLE colord_utf.CAFE");
}

}  // namespace
}  // namespace fabodbc::itest
