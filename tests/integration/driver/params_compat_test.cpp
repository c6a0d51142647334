// Parameters and batches as applications written for MySQL Connector/ODBC and MariaDB
// Connector/ODBC use them, through the driver manager: ODBC 1 SQLSetParam, what
// SQL_ATTR_PARAMS_PROCESSED_PTR counts with parameter arrays (ignored and failed sets), and
// SQLPrepare of a multi-statement batch with MULTI_STATEMENTS on.
#include "odbc_fixture.h"

#include <cstring>
#include <string>
#include <vector>

namespace fabodbc::itest {
namespace {

SQLCHAR* sql(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }


class ParamsCompat : public ::testing::Test {
 protected:
  Connection c;
  Statement s{c};
  void SetUp() override {
    s.exec("CREATE OR REPLACE TABLE pc_t (id INT PRIMARY KEY, name VARCHAR(20))");
    s.exec("CREATE OR REPLACE PROCEDURE pc_inout(INOUT v VARCHAR(20)) BEGIN SET v = CONCAT(v, '!'); END");
  }
};

TEST_F(ParamsCompat, SetParamBindsThroughTheDriverManager) {
  SQLUSMALLINT supported = SQL_FALSE;
  ASSERT_ODBC_OK(SQLGetFunctions(c.dbc(), SQL_API_SQLSETPARAM, &supported), SQL_HANDLE_DBC, c.dbc());
  EXPECT_EQ(supported, SQL_TRUE);

  Statement st(c);
  SQLINTEGER id = 7;
  SQLLEN id_ind = 0, name_ind = SQL_NTS;
  char name[20] = "seven";
  ASSERT_EQ(SQLSetParam(st, 1, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, &id_ind), SQL_SUCCESS) << st.diagnostics();
  ASSERT_EQ(SQLSetParam(st, 2, SQL_C_CHAR, SQL_VARCHAR, 20, 0, name, &name_ind), SQL_SUCCESS) << st.diagnostics();
  ASSERT_EQ(SQLExecDirect(st, sql("INSERT INTO pc_t VALUES (?, ?)"), SQL_NTS), SQL_SUCCESS) << st.diagnostics();
  ASSERT_EQ(SQLPrepare(st, sql("INSERT INTO pc_t VALUES (?, ?)"), SQL_NTS), SQL_SUCCESS) << st.diagnostics();
  id = 8;
  std::strcpy(name, "eight");
  ASSERT_EQ(SQLExecute(st), SQL_SUCCESS) << st.diagnostics();
  EXPECT_EQ(s.scalar("SELECT GROUP_CONCAT(id, '=', name ORDER BY id) FROM pc_t"), "7=seven,8=eight");

  // The specification's mapping: SQL_PARAM_INPUT_OUTPUT, BufferLength SQL_SETPARAM_VALUE_MAX.
  SQLHDESC ipd = nullptr, apd = nullptr;
  ASSERT_ODBC_OK(SQLGetStmtAttr(st, SQL_ATTR_IMP_PARAM_DESC, &ipd, 0, nullptr), SQL_HANDLE_STMT, st);
  ASSERT_ODBC_OK(SQLGetStmtAttr(st, SQL_ATTR_APP_PARAM_DESC, &apd, 0, nullptr), SQL_HANDLE_STMT, st);
  SQLSMALLINT io = 0;
  SQLLEN octets = 0;
  ASSERT_ODBC_OK(SQLGetDescField(ipd, 2, SQL_DESC_PARAMETER_TYPE, &io, 0, nullptr), SQL_HANDLE_DESC, ipd);
  ASSERT_ODBC_OK(SQLGetDescField(apd, 2, SQL_DESC_OCTET_LENGTH, &octets, 0, nullptr), SQL_HANDLE_DESC, apd);
  EXPECT_EQ(io, SQL_PARAM_INPUT_OUTPUT);
  EXPECT_EQ(octets, SQL_SETPARAM_VALUE_MAX);
  // SQLBindParameter itself still refuses a negative BufferLength.
  EXPECT_EQ(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 20, 0, name, -1, &name_ind), SQL_ERROR);
  EXPECT_EQ(st.state(), "HY090");
}

TEST_F(ParamsCompat, SetParamOnAnInOutArgumentIsWrittenBackWithinColumnSize) {
  Statement st(c);
  char v[16];
  std::memset(v, 'Z', sizeof v);
  std::strcpy(v, "abc");
  SQLLEN v_ind = SQL_NTS;
  ASSERT_EQ(SQLSetParam(st, 1, SQL_C_CHAR, SQL_VARCHAR, 10, 0, v, &v_ind), SQL_SUCCESS) << st.diagnostics();
  ASSERT_EQ(SQLExecDirect(st, sql("{call pc_inout(?)}"), SQL_NTS), SQL_SUCCESS) << st.diagnostics();
  EXPECT_STREQ(v, "abc!");
  EXPECT_EQ(v_ind, 4);
  // The row of OUT values, then the CALL's status (as MariaDB Connector/ODBC gives them).
  SQLSMALLINT cols = -1;
  EXPECT_EQ(SQLNumResultCols(st, &cols), SQL_SUCCESS);
  EXPECT_EQ(cols, 1);
  EXPECT_EQ(SQLMoreResults(st), SQL_SUCCESS) << st.diagnostics();
  EXPECT_EQ(SQLNumResultCols(st, &cols), SQL_SUCCESS);
  EXPECT_EQ(cols, 0);
  EXPECT_EQ(SQLMoreResults(st), SQL_NO_DATA);

  // The buffer's length is unknown: a value longer than the declared ColumnSize is cut there
  // (01004) instead of running past the end of the buffer.
  std::memset(v, 'Z', sizeof v);
  std::strcpy(v, "abcdef");
  v_ind = SQL_NTS;
  ASSERT_EQ(SQLSetParam(st, 1, SQL_C_CHAR, SQL_VARCHAR, 6, 0, v, &v_ind), SQL_SUCCESS) << st.diagnostics();
  EXPECT_EQ(SQLExecDirect(st, sql("{call pc_inout(?)}"), SQL_NTS), SQL_SUCCESS_WITH_INFO) << st.diagnostics();
  EXPECT_EQ(st.state(), "01004");
  EXPECT_STREQ(v, "abcdef");  // 6 characters and the terminator: ColumnSize + 1 bytes
  EXPECT_EQ(v[7], 'Z');
  EXPECT_EQ(v_ind, 7);  // the whole value's length, as with any truncation
}

TEST_F(ParamsCompat, ParamsProcessedCountsIgnoredAndFailedSets) {
  // Both incumbents count every set gone through: the ignored ones and the failed ones too.
  // Row-wise and column-wise binding, INSERT (bulk protocol) and INSERT ... SELECT (which the
  // server does not take in bulk: set by set).
  struct RowT {
    SQLINTEGER id;
    SQLLEN id_ind;
  };
  for (const char* text : {"INSERT INTO pc_t (id) VALUES (?)", "INSERT INTO pc_t (id) SELECT ? FROM DUAL"}) {
    for (bool row_wise : {false, true}) {
      SCOPED_TRACE(std::string(text) + (row_wise ? " row-wise" : " column-wise"));
      s.exec("DELETE FROM pc_t");
      Statement st(c);
      SQLINTEGER ids[4] = {1, 2, 3, 4};
      RowT rows[4] = {{1, 0}, {2, 0}, {3, 0}, {4, 0}};
      SQLUSMALLINT status[4] = {99, 99, 99, 99};
      SQLUSMALLINT operations[4] = {SQL_PARAM_PROCEED, SQL_PARAM_IGNORE, SQL_PARAM_PROCEED, SQL_PARAM_PROCEED};
      SQLULEN processed = 12345;
      if (row_wise) {
        ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAM_BIND_TYPE, reinterpret_cast<SQLPOINTER>(sizeof(RowT)), 0),
                       SQL_HANDLE_STMT, st);
      }
      ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(4), 0), SQL_HANDLE_STMT,
                     st);
      ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAM_STATUS_PTR, status, 0), SQL_HANDLE_STMT, st);
      ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0), SQL_HANDLE_STMT, st);
      ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAM_OPERATION_PTR, operations, 0), SQL_HANDLE_STMT, st);
      if (row_wise) {
        ASSERT_EQ(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &rows[0].id, 0,
                                   &rows[0].id_ind),
                  SQL_SUCCESS);
      } else {
        ASSERT_EQ(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids, 0, nullptr),
                  SQL_SUCCESS);
      }
      ASSERT_EQ(SQLPrepare(st, sql(text), SQL_NTS), SQL_SUCCESS) << st.diagnostics();
      ASSERT_EQ(SQLExecute(st), SQL_SUCCESS) << st.diagnostics();
      EXPECT_EQ(processed, 4u);
      EXPECT_EQ(status[0], SQL_PARAM_SUCCESS);
      EXPECT_EQ(status[1], SQL_PARAM_UNUSED);
      EXPECT_EQ(status[2], SQL_PARAM_SUCCESS);
      EXPECT_EQ(status[3], SQL_PARAM_SUCCESS);
      EXPECT_EQ(s.scalar("SELECT GROUP_CONCAT(id ORDER BY id) FROM pc_t"), "1,3,4");

      // A set that fails counts too; set by set, the others still run (INSERT ... SELECT).
      s.exec("DELETE FROM pc_t");
      s.exec("INSERT INTO pc_t (id) VALUES (3)");
      std::memset(status, 0xFF, sizeof status);
      processed = 12345;
      operations[1] = SQL_PARAM_PROCEED;
      const SQLRETURN rc = SQLExecute(st);
      EXPECT_EQ(processed, 4u);
      if (std::strstr(text, "SELECT")) {
        EXPECT_EQ(rc, SQL_SUCCESS_WITH_INFO) << st.diagnostics();
        EXPECT_EQ(status[0], SQL_PARAM_SUCCESS);
        EXPECT_EQ(status[1], SQL_PARAM_SUCCESS);
        EXPECT_EQ(status[2], SQL_PARAM_ERROR);
        EXPECT_EQ(status[3], SQL_PARAM_SUCCESS);
        EXPECT_EQ(s.scalar("SELECT GROUP_CONCAT(id ORDER BY id) FROM pc_t"), "1,2,3,4");
      } else {
        // One bulk command: InnoDB rolls all of it back (param_array_bulk_test.cpp).
        EXPECT_EQ(rc, SQL_ERROR);
        for (SQLUSMALLINT v : status) EXPECT_EQ(v, SQL_PARAM_DIAG_UNAVAILABLE);
        EXPECT_EQ(s.scalar("SELECT GROUP_CONCAT(id ORDER BY id) FROM pc_t"), "3");
      }
      EXPECT_EQ(st.state(), "23000");
    }
  }
}

TEST_F(ParamsCompat, PreparedBatchRunsEachStatementWithMultiStatements) {
  Connection multi(world().dsn_connection_string + ";MULTI_STATEMENTS=1");
  Statement st(multi);
  ASSERT_EQ(SQLPrepare(st, sql("INSERT INTO pc_t (id, name) VALUES (?, 'x'); SELECT id, name FROM pc_t WHERE id = ?"),
                       SQL_NTS),
            SQL_SUCCESS)
      << st.diagnostics();
  SQLSMALLINT params = -1;
  ASSERT_EQ(SQLNumParams(st, &params), SQL_SUCCESS);
  EXPECT_EQ(params, 2);  // the markers of every statement
  SQLINTEGER id = 0, key = 0;
  ASSERT_EQ(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0, nullptr), SQL_SUCCESS);
  ASSERT_EQ(SQLBindParameter(st, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &key, 0, nullptr), SQL_SUCCESS);
  for (SQLINTEGER run = 1; run <= 2; ++run) {
    SCOPED_TRACE(run);
    id = 10 + run;
    key = 10 + run;
    ASSERT_EQ(SQLExecute(st), SQL_SUCCESS) << st.diagnostics();
    SQLSMALLINT cols = -1;
    ASSERT_EQ(SQLNumResultCols(st, &cols), SQL_SUCCESS);
    EXPECT_EQ(cols, 0);  // the INSERT
    SQLLEN count = -1;
    ASSERT_EQ(SQLRowCount(st, &count), SQL_SUCCESS);
    EXPECT_EQ(count, 1);
    ASSERT_EQ(SQLMoreResults(st), SQL_SUCCESS) << st.diagnostics();
    EXPECT_EQ(fetch_rows(st), (std::vector<Row>{{std::to_string(10 + run), "x"}}));
    EXPECT_EQ(SQLMoreResults(st), SQL_NO_DATA);
  }
  EXPECT_EQ(s.scalar("SELECT GROUP_CONCAT(id ORDER BY id) FROM pc_t"), "11,12");

  // A later statement's error comes with SQLMoreResults, where it happens.
  ASSERT_EQ(SQLPrepare(st, sql("DELETE FROM pc_t WHERE id = ?; SELECT * FROM pc_no_such_table"), SQL_NTS),
            SQL_SUCCESS)
      << st.diagnostics();
  id = 11;
  ASSERT_EQ(SQLExecute(st), SQL_SUCCESS) << st.diagnostics();
  EXPECT_EQ(SQLMoreResults(st), SQL_ERROR);
  EXPECT_EQ(st.state(), "42S02");
  EXPECT_EQ(s.scalar("SELECT GROUP_CONCAT(id ORDER BY id) FROM pc_t"), "12");

  // One statement with a trailing ';' is still prepared by the server: its result columns are
  // known before it runs.
  ASSERT_EQ(SQLPrepare(st, sql("SELECT id, name FROM pc_t WHERE id = ?;"), SQL_NTS), SQL_SUCCESS) << st.diagnostics();
  SQLSMALLINT cols = -1;
  ASSERT_EQ(SQLNumResultCols(st, &cols), SQL_SUCCESS);
  EXPECT_EQ(cols, 2);

  // Without MULTI_STATEMENTS the server refuses the batch, as before.
  Statement plain(c);
  EXPECT_EQ(SQLPrepare(plain, sql("INSERT INTO pc_t (id) VALUES (1); SELECT 1"), SQL_NTS), SQL_ERROR);
  EXPECT_EQ(plain.state(), "42000");
}

}  // namespace
}  // namespace fabodbc::itest
