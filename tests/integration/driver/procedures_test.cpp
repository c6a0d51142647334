// Stored procedures through the driver manager: OUTPUT and INPUT_OUTPUT parameters of
// {call p(?, ?)} and plain CALL p(?, ?) on SQLExecDirect and SQLPrepare/SQLExecute, alongside
// the procedure's result sets (SQLMoreResults ends after them: the CALL's own status result is
// not one), OUT arguments bound as SQL_PARAM_INPUT (markers, never literals), and the return
// value of {?= call f(?)}.
#include "odbc_fixture.h"

#include <cstring>
#include <string>
#include <vector>

namespace fabodbc::itest {
namespace {

SQLCHAR* sql(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }

// The rows of the current result as text, leaving the cursor open (Statement::rows() closes
// it, which would drop the results still to come).
std::vector<Row> fetch_rows(SQLHSTMT s) {
  std::vector<Row> out;
  SQLSMALLINT columns = 0;
  EXPECT_EQ(SQLNumResultCols(s, &columns), SQL_SUCCESS);
  while (SQLFetch(s) == SQL_SUCCESS) {
    Row row;
    for (SQLUSMALLINT c = 1; c <= columns; ++c) {
      char buffer[256];
      SQLLEN indicator = 0;
      EXPECT_EQ(SQLGetData(s, c, SQL_C_CHAR, buffer, sizeof buffer, &indicator), SQL_SUCCESS);
      row.push_back(indicator == SQL_NULL_DATA ? std::nullopt : std::optional<std::string>(buffer));
    }
    out.push_back(std::move(row));
  }
  return out;
}

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

// The rows of the current result as text, then SQLMoreResults; the results of a whole call.
std::vector<std::vector<Row>> all_results(Statement& s) {
  std::vector<std::vector<Row>> out;
  for (int guard = 0; guard < 10; ++guard) {
    SQLSMALLINT cols = -1;
    EXPECT_EQ(SQLNumResultCols(s, &cols), SQL_SUCCESS);
    if (cols > 0) out.push_back(fetch_rows(s));
    const SQLRETURN rc = SQLMoreResults(s);
    if (rc == SQL_NO_DATA) return out;
    EXPECT_EQ(rc, SQL_SUCCESS) << s.diagnostics();
    if (rc != SQL_SUCCESS) return out;
  }
  ADD_FAILURE() << "SQLMoreResults never returned SQL_NO_DATA";
  return out;
}

TEST_F(Procedures, PlainCallTakesOutputParametersOnBothPaths) {
  Connection c;
  for (bool prepared : {false, true}) {
    SCOPED_TRACE(prepared ? "SQLPrepare/SQLExecute" : "SQLExecDirect");
    Statement s(c);
    SQLINTEGER a = 4, doubled = -1;
    SQLLEN a_ind = 0, doubled_ind = 0, label_ind = SQL_NTS;
    char label[20] = "ok";
    ASSERT_EQ(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &a, 0, &a_ind), SQL_SUCCESS);
    ASSERT_EQ(SQLBindParameter(s, 2, SQL_PARAM_OUTPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &doubled, 0, &doubled_ind),
              SQL_SUCCESS);
    ASSERT_EQ(SQLBindParameter(s, 3, SQL_PARAM_INPUT_OUTPUT, SQL_C_CHAR, SQL_VARCHAR, 20, 0, label, sizeof label,
                               &label_ind),
              SQL_SUCCESS);
    SQLCHAR* text = sql("CALL pr_modes(?, ?, ?)");
    if (prepared) {
      ASSERT_EQ(SQLPrepare(s, text, SQL_NTS), SQL_SUCCESS) << s.diagnostics();
      ASSERT_EQ(SQLExecute(s), SQL_SUCCESS) << s.diagnostics();
    } else {
      ASSERT_EQ(SQLExecDirect(s, text, SQL_NTS), SQL_SUCCESS) << s.diagnostics();
    }
    EXPECT_EQ(doubled, 8);
    EXPECT_STREQ(label, "ok!");
    EXPECT_EQ(label_ind, 3);
    // The values went to the buffers: no result set of them, and nothing more to come.
    EXPECT_TRUE(all_results(s).empty());
  }
  // After the result sets of a plain CALL, on SQLExecDirect.
  Statement s(c);
  SQLINTEGER n = 3, total = 0;
  SQLLEN n_ind = 0, total_ind = 0;
  ASSERT_EQ(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &n, 0, &n_ind), SQL_SUCCESS);
  ASSERT_EQ(SQLBindParameter(s, 2, SQL_PARAM_OUTPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &total, 0, &total_ind),
            SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(s, sql("CALL pr_rows(?, ?)"), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
  const auto results = all_results(s);
  ASSERT_EQ(results.size(), 2u);  // the procedure's two SELECTs, then SQL_NO_DATA
  EXPECT_EQ(results[0], (std::vector<Row>{{"3"}}));
  EXPECT_EQ(results[1], (std::vector<Row>{{"4"}}));
  EXPECT_EQ(total, 30);
}

TEST_F(Procedures, OutArgumentsBoundAsInputAreMarkersNotLiterals) {
  // An application that binds every argument as SQL_PARAM_INPUT: a literal in the place of an
  // OUT argument is refused by the server (1414), a marker is a variable the procedure sets.
  // The application has no buffer for the values, so the server's row of them is a result
  // set, as both incumbent drivers give it; the buffers are not written.
  Connection c;
  for (const char* text : {"{call pr_modes(?, ?, ?)}", "CALL pr_modes(?, ?, ?)"}) {
    for (bool prepared : {false, true}) {
      SCOPED_TRACE(std::string(text) + (prepared ? " prepared" : " direct"));
      Statement s(c);
      SQLINTEGER a = 21, doubled = -1;
      SQLLEN a_ind = 0, doubled_ind = 0, label_ind = SQL_NTS;
      char label[20] = "hi";
      ASSERT_EQ(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &a, 0, &a_ind), SQL_SUCCESS);
      ASSERT_EQ(SQLBindParameter(s, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &doubled, 0, &doubled_ind),
                SQL_SUCCESS);
      ASSERT_EQ(SQLBindParameter(s, 3, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 20, 0, label, sizeof label,
                                 &label_ind),
                SQL_SUCCESS);
      if (prepared) {
        ASSERT_EQ(SQLPrepare(s, sql(text), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
        ASSERT_EQ(SQLExecute(s), SQL_SUCCESS) << s.diagnostics();
      } else {
        ASSERT_EQ(SQLExecDirect(s, sql(text), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
      }
      EXPECT_EQ(doubled, -1);
      EXPECT_STREQ(label, "hi");
      const auto results = all_results(s);
      ASSERT_EQ(results.size(), 1u);
      EXPECT_EQ(results[0], (std::vector<Row>{{"42", "hi!"}}));
    }
  }
  // After the procedure's own result sets.
  Statement s(c);
  SQLINTEGER n = 7, total = -1;
  SQLLEN n_ind = 0, total_ind = 0;
  ASSERT_EQ(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &n, 0, &n_ind), SQL_SUCCESS);
  ASSERT_EQ(SQLBindParameter(s, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &total, 0, &total_ind),
            SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(s, sql("CALL pr_rows(?, ?)"), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
  const auto results = all_results(s);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0], (std::vector<Row>{{"7"}}));
  EXPECT_EQ(results[1], (std::vector<Row>{{"8"}}));
  EXPECT_EQ(results[2], (std::vector<Row>{{"70"}}));
  EXPECT_EQ(total, -1);
  // The session is in step afterwards.
  SQLFreeStmt(s, SQL_RESET_PARAMS);
  EXPECT_EQ(s.scalar("SELECT 9"), "9");
}

TEST_F(Procedures, OutArgumentBoundAsInputNextToOutputParameters) {
  // One OUT argument bound as input, the INOUT one as output: the call runs (no literal where
  // the procedure has an OUT parameter), the output buffer gets its value, the input one is
  // left alone.
  Connection c;
  for (bool prepared : {false, true}) {
    SCOPED_TRACE(prepared ? "prepared" : "direct");
    Statement s(c);
    SQLINTEGER a = 5, doubled = -1;
    SQLLEN a_ind = 0, doubled_ind = 0, label_ind = SQL_NTS;
    char label[20] = "yo";
    ASSERT_EQ(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &a, 0, &a_ind), SQL_SUCCESS);
    ASSERT_EQ(SQLBindParameter(s, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &doubled, 0, &doubled_ind),
              SQL_SUCCESS);
    ASSERT_EQ(SQLBindParameter(s, 3, SQL_PARAM_INPUT_OUTPUT, SQL_C_CHAR, SQL_VARCHAR, 20, 0, label, sizeof label,
                               &label_ind),
              SQL_SUCCESS);
    if (prepared) {
      ASSERT_EQ(SQLPrepare(s, sql("{call pr_modes(?, ?, ?)}"), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
      ASSERT_EQ(SQLExecute(s), SQL_SUCCESS) << s.diagnostics();
    } else {
      ASSERT_EQ(SQLExecDirect(s, sql("{call pr_modes(?, ?, ?)}"), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
    }
    EXPECT_STREQ(label, "yo!");
    EXPECT_EQ(doubled, -1);
    EXPECT_TRUE(all_results(s).empty());
  }
}

TEST_F(Procedures, MoreResultsEndsAfterTheProceduresOwnResults) {
  Connection c;
  Statement s(c);
  s.exec("CREATE OR REPLACE TABLE pr_log (id INT)");
  s.exec("CREATE OR REPLACE PROCEDURE pr_none() BEGIN DECLARE x INT; SET x = 1; END");
  s.exec("CREATE OR REPLACE PROCEDURE pr_write() BEGIN INSERT INTO pr_log VALUES (1), (2); END");
  s.exec("CREATE OR REPLACE PROCEDURE pr_write_read() BEGIN INSERT INTO pr_log VALUES (3); "
         "SELECT COUNT(*) FROM pr_log; END");
  for (bool prepared : {false, true}) {
    SCOPED_TRACE(prepared ? "prepared" : "direct");
    auto run = [&](const char* text) {
      SQLFreeStmt(s, SQL_CLOSE);
      if (prepared) {
        ASSERT_EQ(SQLPrepare(s, sql(text), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
        ASSERT_EQ(SQLExecute(s), SQL_SUCCESS) << s.diagnostics();
      } else {
        ASSERT_EQ(SQLExecDirect(s, sql(text), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
      }
    };
    s.exec("DELETE FROM pr_log");
    // No result set: the CALL's status is the one result, with the row count.
    run("{call pr_none}");
    SQLSMALLINT cols = -1;
    EXPECT_EQ(SQLNumResultCols(s, &cols), SQL_SUCCESS);
    EXPECT_EQ(cols, 0);
    EXPECT_EQ(SQLMoreResults(s), SQL_NO_DATA);
    run("CALL pr_write()");
    SQLLEN count = -5;
    EXPECT_EQ(SQLRowCount(s, &count), SQL_SUCCESS);
    EXPECT_EQ(count, 2);
    EXPECT_EQ(SQLMoreResults(s), SQL_NO_DATA);
    // One result set: SQL_NO_DATA right after it.
    run("CALL pr_write_read()");
    EXPECT_EQ(fetch_rows(s), (std::vector<Row>{{"3"}}));
    EXPECT_EQ(SQLMoreResults(s), SQL_NO_DATA);
  }
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
