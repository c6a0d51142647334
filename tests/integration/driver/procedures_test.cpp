// Stored procedures through the driver manager: OUTPUT and INPUT_OUTPUT parameters of
// {call p(?, ?)} and plain CALL p(?, ?) on SQLExecDirect and SQLPrepare/SQLExecute, alongside
// the procedure's result sets, OUT arguments bound as SQL_PARAM_INPUT (markers, never
// literals), and the return value of {?= call f(?)}. The results of a CALL come as MariaDB
// Connector/ODBC 3.1.15 gives them (measured) and MySQL Connector/ODBC (its source): the
// procedure's result sets, then the row of OUT values (also when the application bound buffers
// for them), then the CALL's own status, a result without columns; a CALL with neither result
// sets nor OUT values has its status as its only result.
#include "odbc_fixture.h"

#include <cstring>
#include <ostream>
#include <string>
#include <vector>

namespace fabodbc::itest {
namespace {

SQLCHAR* sql(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }


// One result of a call: its column count, SQLRowCount and (with columns) its rows.
struct Result {
  SQLSMALLINT columns = -1;
  SQLLEN row_count = -9;
  std::vector<Row> rows;
  bool operator==(const Result& o) const { return columns == o.columns && row_count == o.row_count && rows == o.rows; }
};

std::ostream& operator<<(std::ostream& out, const Result& r) {
  out << "{" << r.columns << " columns, row count " << r.row_count << ":";
  for (const Row& row : r.rows) {
    out << " [";
    for (const auto& cell : row) out << (cell ? *cell : "NULL") << ";";
    out << "]";
  }
  return out << "}";
}

// Every result of a call, from the current one until SQLMoreResults returns SQL_NO_DATA.
// Row counts of streamed result sets are not compared (-1 until read; kRowCountOfAStream).
constexpr SQLLEN kRowCountOfAStream = -2;
std::vector<Result> every_result(SQLHSTMT s, bool streamed_row_counts = false) {
  std::vector<Result> out;
  for (int guard = 0; guard < 10; ++guard) {
    Result r;
    EXPECT_EQ(SQLNumResultCols(s, &r.columns), SQL_SUCCESS);
    EXPECT_EQ(SQLRowCount(s, &r.row_count), SQL_SUCCESS);
    if (streamed_row_counts && r.columns > 0) r.row_count = kRowCountOfAStream;
    if (r.columns > 0) r.rows = fetch_rows(s);
    out.push_back(std::move(r));
    const SQLRETURN rc = SQLMoreResults(s);
    if (rc == SQL_NO_DATA) return out;
    EXPECT_EQ(rc, SQL_SUCCESS);
    if (rc != SQL_SUCCESS) return out;
  }
  ADD_FAILURE() << "SQLMoreResults never returned SQL_NO_DATA";
  return out;
}

// The CALL's own status result: no columns, the row count the server gives it.
Result status(SQLLEN row_count = 0) { return Result{0, row_count, {}}; }
// The row of OUT values (buffered: SQLRowCount counts it) and a streamed result set.
Result out_values(Row row) { return Result{static_cast<SQLSMALLINT>(row.size()), 1, {std::move(row)}}; }
Result result_set(std::vector<Row> rows) {
  return Result{static_cast<SQLSMALLINT>(rows.empty() ? 0 : rows[0].size()), kRowCountOfAStream, std::move(rows)};
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
  // In the buffers when SQLExecDirect returns (the incumbents too, the row of OUT values
  // being the first result here).
  EXPECT_EQ(doubled, 42);
  EXPECT_EQ(doubled_ind, static_cast<SQLLEN>(sizeof(SQLINTEGER)));
  EXPECT_STREQ(label, "hi!");
  EXPECT_EQ(label_ind, 3);
  // The row of OUT values is the first result, the CALL's status the second.
  SQLSMALLINT cols = -1;
  ASSERT_EQ(SQLNumResultCols(s, &cols), SQL_SUCCESS);
  EXPECT_EQ(cols, 2);
  EXPECT_EQ(fetch_rows(s), (std::vector<Row>{{"42", "hi!"}}));
  ASSERT_EQ(SQLMoreResults(s), SQL_SUCCESS) << s.diagnostics();
  ASSERT_EQ(SQLNumResultCols(s, &cols), SQL_SUCCESS);
  EXPECT_EQ(cols, 0);
  EXPECT_EQ(SQLMoreResults(s), SQL_NO_DATA);
  EXPECT_EQ(doubled, 42);  // fetching the row of OUT values leaves the buffers as they are
  EXPECT_STREQ(label, "hi!");

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
    EXPECT_EQ(total, n * 10);  // in the buffer already (the incumbents: from the next result on)
    // The row of OUT values, after the procedure's result sets.
    ASSERT_EQ(SQLMoreResults(s), SQL_SUCCESS) << s.diagnostics();
    ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
    EXPECT_EQ(value, n * 10);
    EXPECT_EQ(SQLFetch(s), SQL_NO_DATA);
    // The CALL's status.
    ASSERT_EQ(SQLMoreResults(s), SQL_SUCCESS) << s.diagnostics();
    SQLSMALLINT cols = -1;
    ASSERT_EQ(SQLNumResultCols(s, &cols), SQL_SUCCESS);
    EXPECT_EQ(cols, 0);
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
    // The values went to the buffers, and their row is a result too, then the CALL's status.
    EXPECT_EQ(every_result(s), (std::vector<Result>{out_values({"8", "ok!"}), status()}));
  }
  // After the result sets of a plain CALL, on SQLExecDirect.
  Statement s(c);
  SQLINTEGER n = 3, total = 0;
  SQLLEN n_ind = 0, total_ind = 0;
  ASSERT_EQ(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &n, 0, &n_ind), SQL_SUCCESS);
  ASSERT_EQ(SQLBindParameter(s, 2, SQL_PARAM_OUTPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &total, 0, &total_ind),
            SQL_SUCCESS);
  ASSERT_EQ(SQLExecDirect(s, sql("CALL pr_rows(?, ?)"), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(total, 30);
  // The procedure's two SELECTs (buffered once the OUT values were read: counted), the row
  // of OUT values, the status.
  EXPECT_EQ(every_result(s), (std::vector<Result>{Result{1, 1, {{"3"}}}, Result{1, 1, {{"4"}}}, out_values({"30"}),
                                                  status()}));
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
      EXPECT_EQ(every_result(s, true), (std::vector<Result>{result_set({{"42", "hi!"}}), status()}));
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
  EXPECT_EQ(every_result(s, true), (std::vector<Result>{result_set({{"7"}}), result_set({{"8"}}),
                                                        result_set({{"70"}}), status()}));
  EXPECT_EQ(total, -1);
  // The session is in step afterwards.
  SQLFreeStmt(s, SQL_RESET_PARAMS);
  EXPECT_EQ(s.scalar("SELECT 9"), "9");
}

TEST_F(Procedures, OutArgumentBoundAsInputNextToOutputParameters) {
  // One OUT argument bound as input, the INOUT one as output: the call runs (no literal where
  // the procedure has an OUT parameter), the output buffer gets its value, the input one is
  // left alone. The row of OUT values has the output-bound arguments only (MariaDB
  // Connector/ODBC 3.1.15 gives the server's row of both, and writes its first column, the OUT
  // one, into the INOUT buffer: "42" for "yo!").
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
    EXPECT_EQ(every_result(s), (std::vector<Result>{out_values({"yo!"}), status()}));
  }
}

TEST_F(Procedures, MoreResultsEndsAfterTheCallsStatusResult) {
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
    // One result set: the CALL's status follows it, then SQL_NO_DATA. The status counts the
    // rows the procedure's INSERT wrote, as the server reports them (MariaDB Connector/ODBC
    // 3.1.15 measured: 1 as well).
    run("CALL pr_write_read()");
    EXPECT_EQ(every_result(s, true), (std::vector<Result>{result_set({{"3"}}), status(1)}));
    run("{call pr_write_read}");
    EXPECT_EQ(every_result(s, true), (std::vector<Result>{result_set({{"4"}}), status(1)}));
  }
}

TEST_F(Procedures, ACallThatFailsAfterAResultSetHasNoRowOfOutValues) {
  // The server sends no OUT values for a procedure that failed: after its result set comes
  // the error, and then nothing (MariaDB Connector/ODBC 3.1.15 measured: the same sequence).
  Connection c;
  Statement s(c);
  s.exec("CREATE OR REPLACE PROCEDURE pr_fail(IN n INT, OUT total INT) BEGIN SELECT n AS first; SET total = 5; "
         "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'pr_fail'; END");
  for (bool prepared : {false, true}) {
    SCOPED_TRACE(prepared ? "prepared" : "direct");
    SQLFreeStmt(s, SQL_CLOSE);
    SQLINTEGER n = 2, total = -1;
    SQLLEN n_ind = 0, total_ind = 0;
    ASSERT_EQ(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &n, 0, &n_ind), SQL_SUCCESS);
    ASSERT_EQ(SQLBindParameter(s, 2, SQL_PARAM_OUTPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &total, 0, &total_ind),
              SQL_SUCCESS);
    if (prepared) {
      ASSERT_EQ(SQLPrepare(s, sql("{call pr_fail(?, ?)}"), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
      ASSERT_EQ(SQLExecute(s), SQL_SUCCESS) << s.diagnostics();
    } else {
      ASSERT_EQ(SQLExecDirect(s, sql("CALL pr_fail(?, ?)"), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
    }
    EXPECT_EQ(fetch_rows(s), (std::vector<Row>{{"2"}}));
    EXPECT_EQ(SQLMoreResults(s), SQL_ERROR);
    EXPECT_EQ(s.state(), "45000");
    EXPECT_EQ(SQLMoreResults(s), SQL_NO_DATA);
    EXPECT_NE(total, 5);  // the procedure did not finish: its OUT value is not the one it set
    SQLFreeStmt(s, SQL_RESET_PARAMS);
  }
  EXPECT_EQ(s.scalar("SELECT 3"), "3");
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
