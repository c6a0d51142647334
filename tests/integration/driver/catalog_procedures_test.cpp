// SQLProcedures, SQLProcedureColumns, SQLSpecialColumns, SQLTablePrivileges and
// SQLColumnPrivileges through the driver manager: exact result shapes, values, SQLSTATEs.
#include "odbc_fixture.h"

#include <string>
#include <vector>

namespace fabodbc::itest {
namespace {

struct Shape {
  std::string name;
  SQLSMALLINT type;
};

std::vector<Shape> shape(SQLHSTMT s) {
  SQLSMALLINT n = 0;
  SQLNumResultCols(s, &n);
  std::vector<Shape> out;
  for (SQLUSMALLINT i = 1; i <= n; ++i) {
    SQLCHAR name[64];
    SQLSMALLINT len = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    SQLDescribeCol(s, i, name, sizeof name, &len, &type, &size, &digits, &nullable);
    out.push_back({reinterpret_cast<char*>(name), type});
  }
  return out;
}

void expect_shape(SQLHSTMT s, const std::vector<Shape>& expected) {
  std::vector<Shape> got = shape(s);
  ASSERT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(got[i].name, expected[i].name) << "column " << i + 1;
    EXPECT_EQ(got[i].type, expected[i].type) << "column " << i + 1 << " " << expected[i].name;
  }
}

SQLCHAR* sql(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }

class CatalogProcedures : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Connection c;
    Statement s(c);
    s.exec("CREATE OR REPLACE TABLE cp_keyed (id INT NOT NULL, b INT NOT NULL, note VARCHAR(10), "
           "changed TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, PRIMARY KEY (id, b), "
           "UNIQUE KEY u_note (note))");
    s.exec("CREATE OR REPLACE TABLE cp_unique (code CHAR(4) NOT NULL, maybe INT, UNIQUE KEY u_maybe (maybe), "
           "UNIQUE KEY u_code (code))");
    s.exec("CREATE OR REPLACE TABLE cp_none (x INT)");
    s.exec("CREATE OR REPLACE PROCEDURE cp_proc(IN a INT, OUT b VARCHAR(20), INOUT c DECIMAL(10,2)) "
           "COMMENT 'three modes' BEGIN SET b = 'x'; END");
    s.exec("CREATE OR REPLACE FUNCTION cp_func(d DATE) RETURNS BIGINT DETERMINISTIC RETURN 1");
  }
};

TEST_F(CatalogProcedures, ProceduresListsProceduresAndFunctions) {
  Connection c;
  Statement s(c);
  ASSERT_EQ(SQLProcedures(s, nullptr, 0, nullptr, 0, sql("cp\\_%"), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
  expect_shape(s, {{"PROCEDURE_CAT", SQL_VARCHAR}, {"PROCEDURE_SCHEM", SQL_VARCHAR}, {"PROCEDURE_NAME", SQL_VARCHAR},
                   {"NUM_INPUT_PARAMS", SQL_INTEGER}, {"NUM_OUTPUT_PARAMS", SQL_INTEGER},
                   {"NUM_RESULT_SETS", SQL_INTEGER}, {"REMARKS", SQL_VARCHAR}, {"PROCEDURE_TYPE", SQL_SMALLINT}});
  auto rows = s.rows();
  ASSERT_EQ(rows.size(), 2u);
  std::string db = *s.scalar("SELECT DATABASE()");
  EXPECT_EQ(rows[0][0], db);
  EXPECT_FALSE(rows[0][1].has_value());
  EXPECT_EQ(rows[0][2], "cp_func");
  EXPECT_EQ(rows[0][7], std::to_string(SQL_PT_FUNCTION));
  EXPECT_EQ(rows[1][2], "cp_proc");
  EXPECT_EQ(rows[1][6], "three modes");
  EXPECT_EQ(rows[1][7], std::to_string(SQL_PT_PROCEDURE));

  // An exact name (no wildcard), the wide form, and a catalog that does not exist.
  SQLWCHAR name[] = {'c', 'p', '_', 'p', 'r', 'o', 'c', 0};
  ASSERT_EQ(SQLProceduresW(s, nullptr, 0, nullptr, 0, name, SQL_NTS), SQL_SUCCESS) << s.diagnostics();
  rows = s.rows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][2], "cp_proc");
  ASSERT_EQ(SQLProcedures(s, sql("no_such_db_xyz"), SQL_NTS, nullptr, 0, sql("%"), SQL_NTS), SQL_SUCCESS);
  EXPECT_TRUE(s.rows().empty());
}

TEST_F(CatalogProcedures, ProcedureColumnsHaveModesTypesAndTheReturnValue) {
  Connection c;
  Statement s(c);
  ASSERT_EQ(SQLProcedureColumns(s, nullptr, 0, nullptr, 0, sql("cp_proc"), SQL_NTS, nullptr, 0), SQL_SUCCESS)
      << s.diagnostics();
  expect_shape(s, {{"PROCEDURE_CAT", SQL_VARCHAR}, {"PROCEDURE_SCHEM", SQL_VARCHAR}, {"PROCEDURE_NAME", SQL_VARCHAR},
                   {"COLUMN_NAME", SQL_VARCHAR}, {"COLUMN_TYPE", SQL_SMALLINT}, {"DATA_TYPE", SQL_SMALLINT},
                   {"TYPE_NAME", SQL_VARCHAR}, {"COLUMN_SIZE", SQL_INTEGER}, {"BUFFER_LENGTH", SQL_INTEGER},
                   {"DECIMAL_DIGITS", SQL_SMALLINT}, {"NUM_PREC_RADIX", SQL_SMALLINT}, {"NULLABLE", SQL_SMALLINT},
                   {"REMARKS", SQL_VARCHAR}, {"COLUMN_DEF", SQL_VARCHAR}, {"SQL_DATA_TYPE", SQL_SMALLINT},
                   {"SQL_DATETIME_SUB", SQL_SMALLINT}, {"CHAR_OCTET_LENGTH", SQL_INTEGER},
                   {"ORDINAL_POSITION", SQL_INTEGER}, {"IS_NULLABLE", SQL_VARCHAR}});
  auto rows = s.rows();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][3], "a");
  EXPECT_EQ(rows[0][4], std::to_string(SQL_PARAM_INPUT));
  EXPECT_EQ(rows[0][5], std::to_string(SQL_INTEGER));
  EXPECT_EQ(rows[1][3], "b");
  EXPECT_EQ(rows[1][4], std::to_string(SQL_PARAM_OUTPUT));
  EXPECT_EQ(rows[1][7], "20");
  EXPECT_EQ(rows[2][3], "c");
  EXPECT_EQ(rows[2][4], std::to_string(SQL_PARAM_INPUT_OUTPUT));
  EXPECT_EQ(rows[2][5], std::to_string(SQL_DECIMAL));
  EXPECT_EQ(rows[2][7], "10");
  EXPECT_EQ(rows[2][9], "2");
  EXPECT_EQ(rows[2][17], "3");

  // A function: its return value comes first, COLUMN_TYPE SQL_RETURN_VALUE, ordinal 0.
  ASSERT_EQ(SQLProcedureColumns(s, nullptr, 0, nullptr, 0, sql("cp_func"), SQL_NTS, sql("%"), SQL_NTS), SQL_SUCCESS);
  rows = s.rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][3], "");
  EXPECT_EQ(rows[0][4], std::to_string(SQL_RETURN_VALUE));
  EXPECT_EQ(rows[0][5], std::to_string(SQL_BIGINT));
  EXPECT_EQ(rows[0][17], "0");
  EXPECT_EQ(rows[1][3], "d");
  EXPECT_EQ(rows[1][5], std::to_string(SQL_TYPE_DATE));
  EXPECT_EQ(rows[1][14], std::to_string(SQL_DATETIME));
  EXPECT_EQ(rows[1][15], std::to_string(SQL_CODE_DATE));

  // A column pattern.
  ASSERT_EQ(SQLProcedureColumns(s, nullptr, 0, nullptr, 0, sql("cp%"), SQL_NTS, sql("b"), SQL_NTS), SQL_SUCCESS);
  rows = s.rows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][2], "cp_proc");
}

TEST_F(CatalogProcedures, SpecialColumnsBestRowIdAndRowVersion) {
  Connection c;
  Statement s(c);
  ASSERT_EQ(SQLSpecialColumns(s, SQL_BEST_ROWID, nullptr, 0, nullptr, 0, sql("cp_keyed"), SQL_NTS, SQL_SCOPE_CURROW,
                              SQL_NULLABLE),
            SQL_SUCCESS)
      << s.diagnostics();
  expect_shape(s, {{"SCOPE", SQL_SMALLINT}, {"COLUMN_NAME", SQL_VARCHAR}, {"DATA_TYPE", SQL_SMALLINT},
                   {"TYPE_NAME", SQL_VARCHAR}, {"COLUMN_SIZE", SQL_INTEGER}, {"BUFFER_LENGTH", SQL_INTEGER},
                   {"DECIMAL_DIGITS", SQL_SMALLINT}, {"PSEUDO_COLUMN", SQL_SMALLINT}});
  auto rows = s.rows();
  ASSERT_EQ(rows.size(), 2u);  // the primary key, not the nullable unique key
  EXPECT_EQ(rows[0][0], std::to_string(SQL_SCOPE_SESSION));
  EXPECT_EQ(rows[0][1], "id");
  EXPECT_EQ(rows[0][2], std::to_string(SQL_INTEGER));
  EXPECT_EQ(rows[1][1], "b");
  EXPECT_EQ(rows[1][7], std::to_string(SQL_PC_NOT_PSEUDO));

  // No primary key: the unique index whose columns are all NOT NULL.
  ASSERT_EQ(SQLSpecialColumns(s, SQL_BEST_ROWID, nullptr, 0, nullptr, 0, sql("cp_unique"), SQL_NTS,
                              SQL_SCOPE_SESSION, SQL_NO_NULLS),
            SQL_SUCCESS);
  rows = s.rows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][1], "code");
  EXPECT_EQ(rows[0][4], "4");
  ASSERT_EQ(SQLSpecialColumns(s, SQL_BEST_ROWID, nullptr, 0, nullptr, 0, sql("cp_none"), SQL_NTS, SQL_SCOPE_SESSION,
                              SQL_NULLABLE),
            SQL_SUCCESS);
  EXPECT_TRUE(s.rows().empty());

  // SQL_ROWVER: the TIMESTAMP ... ON UPDATE column.
  ASSERT_EQ(SQLSpecialColumns(s, SQL_ROWVER, nullptr, 0, nullptr, 0, sql("cp_keyed"), SQL_NTS, SQL_SCOPE_SESSION,
                              SQL_NULLABLE),
            SQL_SUCCESS);
  rows = s.rows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_FALSE(rows[0][0].has_value());
  EXPECT_EQ(rows[0][1], "changed");
  EXPECT_EQ(rows[0][2], std::to_string(SQL_TYPE_TIMESTAMP));

  // Argument checks.
  EXPECT_EQ(SQLSpecialColumns(s, 99, nullptr, 0, nullptr, 0, sql("cp_keyed"), SQL_NTS, SQL_SCOPE_SESSION,
                              SQL_NULLABLE),
            SQL_ERROR);
  EXPECT_EQ(s.state(), "HY097");
  EXPECT_EQ(SQLSpecialColumns(s, SQL_BEST_ROWID, nullptr, 0, nullptr, 0, sql("cp_keyed"), SQL_NTS, 7, SQL_NULLABLE),
            SQL_ERROR);
  EXPECT_EQ(s.state(), "HY098");
  SQLWCHAR wtable[] = {'c', 'p', '_', 'u', 'n', 'i', 'q', 'u', 'e', 0};
  ASSERT_EQ(SQLSpecialColumnsW(s, SQL_BEST_ROWID, nullptr, 0, nullptr, 0, wtable, SQL_NTS, SQL_SCOPE_SESSION,
                               SQL_NULLABLE),
            SQL_SUCCESS);
  EXPECT_EQ(s.rows().size(), 1u);
}

TEST_F(CatalogProcedures, TableAndColumnPrivileges) {
  Connection c;
  Statement s(c);
  std::string db = *s.scalar("SELECT DATABASE()");
  s.exec("CREATE USER IF NOT EXISTS 'cp_reader'@'localhost'");
  s.exec("GRANT SELECT, INSERT ON `" + db + "`.cp_keyed TO 'cp_reader'@'localhost'");
  s.exec("GRANT UPDATE (note) ON `" + db + "`.cp_keyed TO 'cp_reader'@'localhost'");

  ASSERT_EQ(SQLTablePrivileges(s, nullptr, 0, nullptr, 0, sql("cp\\_keyed"), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
  expect_shape(s, {{"TABLE_CAT", SQL_VARCHAR}, {"TABLE_SCHEM", SQL_VARCHAR}, {"TABLE_NAME", SQL_VARCHAR},
                   {"GRANTOR", SQL_VARCHAR}, {"GRANTEE", SQL_VARCHAR}, {"PRIVILEGE", SQL_VARCHAR},
                   {"IS_GRANTABLE", SQL_VARCHAR}});
  auto rows = s.rows();
  std::vector<std::string> privileges;
  for (const Row& r : rows) {
    EXPECT_EQ(r[0], db);
    EXPECT_EQ(r[2], "cp_keyed");
    if (r[4] == "'cp_reader'@'localhost'") privileges.push_back(*r[5]);
  }
  EXPECT_EQ(privileges, (std::vector<std::string>{"INSERT", "SELECT"}));

  ASSERT_EQ(SQLColumnPrivileges(s, nullptr, 0, nullptr, 0, sql("cp_keyed"), SQL_NTS, sql("note"), SQL_NTS),
            SQL_SUCCESS)
      << s.diagnostics();
  expect_shape(s, {{"TABLE_CAT", SQL_VARCHAR}, {"TABLE_SCHEM", SQL_VARCHAR}, {"TABLE_NAME", SQL_VARCHAR},
                   {"COLUMN_NAME", SQL_VARCHAR}, {"GRANTOR", SQL_VARCHAR}, {"GRANTEE", SQL_VARCHAR},
                   {"PRIVILEGE", SQL_VARCHAR}, {"IS_GRANTABLE", SQL_VARCHAR}});
  rows = s.rows();
  privileges.clear();
  for (const Row& r : rows) {
    EXPECT_EQ(r[3], "note");
    if (r[5] == "'cp_reader'@'localhost'") privileges.push_back(*r[6]);
  }
  // The column grant and the table grants that apply to a column.
  EXPECT_EQ(privileges, (std::vector<std::string>{"INSERT", "SELECT", "UPDATE"}));
  // The other column has only the table-level ones.
  ASSERT_EQ(SQLColumnPrivilegesW(s, nullptr, 0, nullptr, 0, (SQLWCHAR*)u"cp_keyed", SQL_NTS, (SQLWCHAR*)u"i%",
                                 SQL_NTS),
            SQL_SUCCESS);
  rows = s.rows();
  privileges.clear();
  for (const Row& r : rows) {
    EXPECT_EQ(r[3], "id");
    if (r[5] == "'cp_reader'@'localhost'") privileges.push_back(*r[6]);
  }
  EXPECT_EQ(privileges, (std::vector<std::string>{"INSERT", "SELECT"}));
  EXPECT_EQ(SQLColumnPrivileges(s, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY009");
  s.exec("DROP USER 'cp_reader'@'localhost'");
}

TEST_F(CatalogProcedures, GetFunctionsReportsThem) {
  Connection c;
  for (SQLUSMALLINT id : {SQL_API_SQLPROCEDURES, SQL_API_SQLPROCEDURECOLUMNS, SQL_API_SQLSPECIALCOLUMNS,
                          SQL_API_SQLTABLEPRIVILEGES, SQL_API_SQLCOLUMNPRIVILEGES}) {
    SQLUSMALLINT supported = SQL_FALSE;
    EXPECT_TRUE(SQL_SUCCEEDED(SQLGetFunctions(c.dbc(), id, &supported)));
    EXPECT_EQ(supported, SQL_TRUE) << "function " << id;
  }
}

}  // namespace
}  // namespace fabodbc::itest
