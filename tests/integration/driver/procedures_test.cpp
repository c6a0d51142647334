// Stored procedures through the driver manager: OUTPUT and INPUT_OUTPUT parameters of
// {call p(?, ?)} on SQLExecDirect and SQLPrepare/SQLExecute, alongside the procedure's result
// sets (SQLMoreResults), and the return value of {?= call f(?)}.
#include "odbc_fixture.h"

#include <cstring>

namespace fabodbc::itest {
namespace {

SQLCHAR* sql(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }

class Procedures : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Connection c;
    Statement s(c);
    s.exec("CREATE OR REPLACE PROCEDURE pr_modes(IN a INT, OUT doubled INT, INOUT label VARCHAR(20)) "
           "BEGIN SET doubled = a * 2; SET label = CONCAT(label, '!'); END");
    s.exec("CREATE OR REPLACE PROCEDURE pr_rows(IN n INT, OUT total INT) "
           "BEGIN SELECT n AS first; SELECT n + 1 AS second; SET total = n * 10; END");
    s.exec("CREATE OR REPLACE FUNCTION pr_add(a INT, b INT) RETURNS INT DETERMINISTIC RETURN a + b");
    s.exec("CREATE OR REPLACE FUNCTION pr_hello() RETURNS VARCHAR(20) DETERMINISTIC RETURN 'hello'");
  }
};

TEST_F(Procedures, OutputAndInputOutputParametersOnExecDirect) {
  Connection c;
  Statement s(c);
  SQLINTEGER a = 21, doubled = -1;
  SQLLEN a_ind = 0, doubled_ind = 0;
  char label[20] = "hi";
  SQLLEN label_ind = SQL_NTS;
  ASSERT_EQ(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &a, 0, &a_ind), SQL_SUCCESS);
  ASSERT_EQ(SQLBindParameter(s, 2, SQL_PARAM_OUTPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &doubled, 0, &doubled_ind),
            SQL_SUCCESS)
      << s.diagnostics();
  ASSERT_EQ(SQLBindParameter(s, 3, SQL_PARAM_INPUT_OUTPUT, SQL_C_CHAR, SQL_VARCHAR, 20, 0, label, sizeof label,
                             &label_ind),
            SQL_SUCCESS);
  ASSERT_TRUE(SQL_SUCCEEDED(SQLExecDirect(s, sql("{call pr_modes(?, ?, ?)}"), SQL_NTS))) << s.diagnostics();
  EXPECT_EQ(SQLMoreResults(s), SQL_NO_DATA);
  EXPECT_EQ(doubled, 42);
  EXPECT_EQ(doubled_ind, static_cast<SQLLEN>(sizeof(SQLINTEGER)));
  EXPECT_STREQ(label, "hi!");
  EXPECT_EQ(label_ind, 3);

  // A NULL input gives a NULL output.
  a_ind = SQL_NULL_DATA;
  label_ind = SQL_NTS;
  std::strcpy(label, "x");
  ASSERT_TRUE(SQL_SUCCEEDED(SQLExecDirect(s, sql("{call pr_modes(?, ?, ?)}"), SQL_NTS))) << s.diagnostics();
  EXPECT_EQ(doubled_ind, SQL_NULL_DATA);
  EXPECT_STREQ(label, "x!");
  // The session is usable afterwards.
  SQLFreeStmt(s, SQL_RESET_PARAMS);
  EXPECT_EQ(s.scalar("SELECT 7"), "7");
}

TEST_F(Procedures, OutputParameterAfterTheResultSetsOfAPreparedCall) {
  Connection c;
  Statement s(c);
  SQLINTEGER n = 5, total = 0, value = 0;
  SQLLEN n_ind = 0, total_ind = 0, value_ind = 0;
  ASSERT_EQ(SQLPrepare(s, sql("{call pr_rows(?, ?)}"), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
  ASSERT_EQ(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &n, 0, &n_ind), SQL_SUCCESS);
  ASSERT_EQ(SQLBindParameter(s, 2, SQL_PARAM_OUTPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &total, 0, &total_ind),
            SQL_SUCCESS);
  for (int run = 0; run < 2; ++run) {
    n = 5 + run;
    ASSERT_TRUE(SQL_SUCCEEDED(SQLExecute(s))) << s.diagnostics();
    ASSERT_EQ(SQLBindCol(s, 1, SQL_C_SLONG, &value, 0, &value_ind), SQL_SUCCESS);
    ASSERT_EQ(SQLFetch(s), SQL_SUCCESS) << s.diagnostics();
    EXPECT_EQ(value, n);
    EXPECT_EQ(SQLFetch(s), SQL_NO_DATA);
    ASSERT_EQ(SQLMoreResults(s), SQL_SUCCESS) << s.diagnostics();
    ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
    EXPECT_EQ(value, n + 1);
    EXPECT_EQ(SQLMoreResults(s), SQL_NO_DATA);
    EXPECT_EQ(total, n * 10);
    SQLFreeStmt(s, SQL_UNBIND);
  }
}

TEST_F(Procedures, ReturnValueOfAFunctionCall) {
  Connection c;
  Statement s(c);
  SQLINTEGER result = 0, x = 40, y = 2;
  SQLLEN result_ind = 0, x_ind = 0, y_ind = 0;
  ASSERT_EQ(SQLBindParameter(s, 1, SQL_PARAM_OUTPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &result, 0, &result_ind),
            SQL_SUCCESS);
  ASSERT_EQ(SQLBindParameter(s, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &x, 0, &x_ind), SQL_SUCCESS);
  ASSERT_EQ(SQLBindParameter(s, 3, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &y, 0, &y_ind), SQL_SUCCESS);
  ASSERT_TRUE(SQL_SUCCEEDED(SQLExecDirect(s, sql("{?= call pr_add(?, ?)}"), SQL_NTS))) << s.diagnostics();
  EXPECT_EQ(result, 42);
  SQLSMALLINT cols = -1;
  ASSERT_EQ(SQLNumResultCols(s, &cols), SQL_SUCCESS);
  EXPECT_EQ(cols, 0);  // the value went to the parameter, not into a result set

  // Prepared, and a function without arguments into a character buffer.
  Statement p(c);
  char hello[4] = {0};
  SQLLEN hello_len = 0;
  ASSERT_EQ(SQLPrepare(p, sql("{? = call pr_hello()}"), SQL_NTS), SQL_SUCCESS) << p.diagnostics();
  SQLSMALLINT params = -1;
  ASSERT_EQ(SQLNumParams(p, &params), SQL_SUCCESS);
  EXPECT_EQ(params, 1);  // the return value's marker counts
  ASSERT_EQ(SQLBindParameter(p, 1, SQL_PARAM_OUTPUT, SQL_C_CHAR, SQL_VARCHAR, 20, 0, hello, sizeof hello, &hello_len),
            SQL_SUCCESS);
  EXPECT_EQ(SQLExecute(p), SQL_SUCCESS_WITH_INFO);  // "hello" does not fit in 4 bytes
  EXPECT_EQ(p.state(), "01004");
  EXPECT_STREQ(hello, "hel");
  EXPECT_EQ(hello_len, 5);
  Statement d(c);
  char big[16] = {0};
  ASSERT_EQ(SQLBindParameter(d, 1, SQL_PARAM_OUTPUT, SQL_C_CHAR, SQL_VARCHAR, 20, 0, big, sizeof big, &hello_len),
            SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(d, sql("{?= call pr_hello}"), SQL_NTS), SQL_SUCCESS) << d.diagnostics();
  EXPECT_STREQ(big, "hello");
}

TEST_F(Procedures, InvalidParameterTypes) {
  Connection c;
  Statement s(c);
  SQLINTEGER v = 0;
  EXPECT_EQ(SQLBindParameter(s, 1, 77, SQL_C_SLONG, SQL_INTEGER, 0, 0, &v, 0, nullptr), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY105");
  // Output parameters with parameter arrays are refused honestly.
  SQLINTEGER arr[2] = {1, 2}, out[2] = {0, 0};
  ASSERT_EQ(SQLSetStmtAttr(s, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(2), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, arr, 0, nullptr), SQL_SUCCESS);
  ASSERT_EQ(SQLBindParameter(s, 2, SQL_PARAM_OUTPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, out, 0, nullptr), SQL_SUCCESS);
  EXPECT_EQ(SQLExecDirect(s, sql("{call pr_rows(?, ?)}"), SQL_NTS), SQL_ERROR);
  EXPECT_EQ(s.state(), "HYC00");
}

}  // namespace
}  // namespace fabodbc::itest
