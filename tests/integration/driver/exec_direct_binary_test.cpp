// SQLExecDirect of a single SELECT without parameters runs through the binary protocol
// (prepare + execute in one round trip); batches, CALL, query timeouts and statements the
// server cannot prepare stay on the text protocol. The server's own counters tell which
// path a statement took.
#include "odbc_fixture.h"

#include <cstring>

namespace fabodbc::itest {
namespace {

class ExecDirectBinary : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Connection c;
    Statement s(c);
    s.exec("CREATE TABLE IF NOT EXISTS edb_types (id INT PRIMARY KEY, ti TINYINT, si SMALLINT UNSIGNED, "
           "bi BIGINT, ubi BIGINT UNSIGNED, f FLOAT, d DOUBLE, dec_ DECIMAL(20,6), ch CHAR(3), vc VARCHAR(40), "
           "bin VARBINARY(8), bl BLOB, dt DATE, tm TIME(3), dtm DATETIME(6), ts TIMESTAMP NULL, yr YEAR, "
           "bt BIT(10), en ENUM('a','bc'), st SET('x','y'), js JSON)");
    s.exec("DELETE FROM edb_types");
    s.exec("INSERT INTO edb_types VALUES "
           "(1, -128, 65535, -9223372036854775808, 18446744073709551615, 1.5, 0.1, -12345678901234.123456, "
           "'ab', 'héllo \\\\ \"q\"', 0x00ff10, 'blob', '2024-02-29', '-838:59:59.5', '2024-12-31 23:59:58.123456', "
           "'2001-02-03 04:05:06', 2155, b'1010101010', 'bc', 'x,y', '{\"k\": [1, 2]}'),"
           "(2, 127, 0, 9223372036854775807, 0, -3.25e10, -1e300, 0, '', '', '', '', '1000-01-01', '00:00:00', "
           "'1970-01-01 00:00:00', NULL, 1901, b'0', 'a', '', '[]'),"
           "(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
           "NULL, NULL, NULL, NULL)");
    // Reals as the text protocol writes them: plain or exponent notation, FLOAT's 6 digits,
    // declared decimals.
    s.exec("CREATE TABLE IF NOT EXISTS edb_reals (id INT PRIMARY KEY, d DOUBLE, f FLOAT, d2 DOUBLE(12,3))");
    s.exec("DELETE FROM edb_reals");
    s.exec("INSERT INTO edb_reals VALUES (1, 1e-5, 3.14159265, 1.5), (2, 123456789012345678, 1e-7, -2), "
           "(3, 1e15, 16777217, 0.0005), (4, 1e-15, -0.1, 123456789.25), (5, 1e-16, 1e20, NULL), "
           "(6, 2/3, 100000, 0), (7, -1.25e-300, 0.000123456, 1), (8, 999999999999999, 1234567, 2), "
           "(9, 0, 0, 0), (10, 1e16, 3e38, 3)");
  }
  // A session status counter, read over a second connection's statement on this session.
  long status(const char* name) {
    return std::stol(*s.scalar(std::string("SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS "
                                           "WHERE VARIABLE_NAME = '") +
                               name + "'"));
  }
  // The general log (each test process has its own server) shows how statements reached the
  // server: "Query" (text protocol) or "Prepare" + "Execute".
  void start_general_log() {
    s.exec("SET GLOBAL log_output = 'TABLE'");
    s.exec("TRUNCATE TABLE mysql.general_log");
    s.exec("SET GLOBAL general_log = 1");
  }
  // The command types logged for statements containing `marker`, in order.
  std::string logged(const std::string& marker) {
    return s
        .scalar("SELECT GROUP_CONCAT(command_type ORDER BY event_time) FROM mysql.general_log WHERE "
                "INSTR(argument, '" + marker + "') > 0 AND INSTR(argument, 'general_log') = 0")
        .value_or("");
  }
  Connection c;
  Statement s{c};
};

// Every column of every row as SQL_C_CHAR.
std::vector<Row> all_as_text(Statement& st, const std::string& sql) {
  st.exec(sql);
  return st.rows();
}

TEST_F(ExecDirectBinary, SelectGoesThroughThePreparedStatementProtocol) {
  Statement st(c);
  const long before = status("COM_STMT_EXECUTE");
  EXPECT_EQ(all_as_text(st, "SELECT id FROM edb_types ORDER BY id").size(), 3u);
  // The status query itself is a SELECT through the binary protocol too.
  EXPECT_EQ(status("COM_STMT_EXECUTE") - before, 2);
}

TEST_F(ExecDirectBinary, EveryTypeReadsAsThroughTheTextProtocol) {
  const std::string sql = "SELECT * FROM edb_types ORDER BY id";
  Statement binary(c);
  std::vector<Row> via_binary = all_as_text(binary, sql);
  Statement text(c);
  // A query timeout keeps the statement on the text protocol (SET STATEMENT ... FOR prefix).
  ASSERT_ODBC_OK(SQLSetStmtAttr(text, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(100), 0), SQL_HANDLE_STMT,
                 text);
  const long before = status("COM_STMT_EXECUTE");
  std::vector<Row> via_text = all_as_text(text, sql);
  EXPECT_EQ(status("COM_STMT_EXECUTE") - before, 1) << "only the status query is prepared";
  ASSERT_EQ(via_binary.size(), 3u);
  ASSERT_EQ(via_text.size(), 3u);
  for (size_t r = 0; r < 3; ++r) {
    ASSERT_EQ(via_binary[r].size(), via_text[r].size());
    for (size_t col = 0; col < via_text[r].size(); ++col) {
      EXPECT_EQ(via_binary[r][col], via_text[r][col]) << "row " << r << " column " << col + 1;
    }
  }
  // And the values themselves (so both paths are not equally wrong).
  const Row& one = via_binary[0];
  EXPECT_EQ(one[1], "-128");
  EXPECT_EQ(one[2], "65535");
  EXPECT_EQ(one[3], "-9223372036854775808");
  EXPECT_EQ(one[4], "18446744073709551615");
  EXPECT_EQ(one[5], "1.5");
  EXPECT_EQ(one[6], "0.1");
  EXPECT_EQ(one[7], "-12345678901234.123456");
  EXPECT_EQ(one[8], "ab");
  EXPECT_EQ(one[9], "héllo \\ \"q\"");
  EXPECT_EQ(one[12], "2024-02-29");
  EXPECT_EQ(one[14], "2024-12-31 23:59:58.123456");
  EXPECT_EQ(one[15], "2001-02-03 04:05:06");
  EXPECT_EQ(one[16], "2155");
  EXPECT_EQ(one[18], "bc");
  EXPECT_EQ(one[19], "x,y");
  for (size_t col = 1; col < via_binary[2].size(); ++col) EXPECT_FALSE(via_binary[2][col].has_value()) << col + 1;
}

TEST_F(ExecDirectBinary, RealsReadAsThroughTheTextProtocol) {
  const std::string sql = "SELECT id, d, f, d2, d * 3, f + 0 FROM edb_reals ORDER BY id";
  Statement binary(c);
  std::vector<Row> via_binary = all_as_text(binary, sql);
  Statement text(c);
  ASSERT_ODBC_OK(SQLSetStmtAttr(text, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(100), 0), SQL_HANDLE_STMT,
                 text);
  std::vector<Row> via_text = all_as_text(text, sql);
  ASSERT_EQ(via_binary.size(), 10u);
  ASSERT_EQ(via_text.size(), 10u);
  for (size_t r = 0; r < via_text.size(); ++r) {
    for (size_t col = 0; col < via_text[r].size(); ++col) {
      EXPECT_EQ(via_binary[r][col], via_text[r][col]) << "row " << r + 1 << " column " << col + 1;
    }
  }
  EXPECT_EQ(via_binary[0][2], "3.14159");
  EXPECT_EQ(via_binary[0][3], "1.500");
}

TEST_F(ExecDirectBinary, TypedTargets) {
  Statement st(c);
  st.exec("SELECT bi, d, dtm, dt, ubi FROM edb_types WHERE id = 1");
  ASSERT_EQ(SQLFetch(st), SQL_SUCCESS);
  SQLBIGINT bi = 0;
  double d = 0;
  SQL_TIMESTAMP_STRUCT ts{};
  SQL_DATE_STRUCT date{};
  SQLUBIGINT ubi = 0;
  SQLLEN ind = 0;
  EXPECT_ODBC_OK(SQLGetData(st, 1, SQL_C_SBIGINT, &bi, 0, &ind), SQL_HANDLE_STMT, st);
  EXPECT_EQ(bi, INT64_MIN);
  EXPECT_ODBC_OK(SQLGetData(st, 2, SQL_C_DOUBLE, &d, 0, &ind), SQL_HANDLE_STMT, st);
  EXPECT_EQ(d, 0.1);
  EXPECT_ODBC_OK(SQLGetData(st, 3, SQL_C_TYPE_TIMESTAMP, &ts, 0, &ind), SQL_HANDLE_STMT, st);
  EXPECT_EQ(ts.year, 2024);
  EXPECT_EQ(ts.second, 58);
  EXPECT_EQ(ts.fraction, 123456000u);
  EXPECT_ODBC_OK(SQLGetData(st, 4, SQL_C_TYPE_DATE, &date, 0, &ind), SQL_HANDLE_STMT, st);
  EXPECT_EQ(date.month, 2);
  EXPECT_EQ(date.day, 29);
  EXPECT_ODBC_OK(SQLGetData(st, 5, SQL_C_UBIGINT, &ubi, 0, &ind), SQL_HANDLE_STMT, st);
  EXPECT_EQ(ubi, UINT64_MAX);
  SQLCloseCursor(st);
}

TEST_F(ExecDirectBinary, BatchStaysOnTextAndMoreResultsWork) {
  start_general_log();
  Connection multi(world().dsn_connection_string + ";MULTI_STATEMENTS=1");
  Statement st(multi);
  ASSERT_ODBC_OK(SQLExecDirect(st, (SQLCHAR*)"SELECT 1 /* batch */; SELECT 'two', 2", SQL_NTS), SQL_HANDLE_STMT, st);
  // (Statement::rows() closes the cursor, which drops the pending results.)
  auto first_column = [&st]() {
    char buf[16] = {};
    SQLLEN ind = 0;
    EXPECT_EQ(SQLFetch(st), SQL_SUCCESS);
    EXPECT_ODBC_OK(SQLGetData(st, 1, SQL_C_CHAR, buf, sizeof buf, &ind), SQL_HANDLE_STMT, st);
    EXPECT_EQ(SQLFetch(st), SQL_NO_DATA);
    return std::string(buf);
  };
  EXPECT_EQ(first_column(), "1");
  ASSERT_EQ(SQLMoreResults(st), SQL_SUCCESS);
  EXPECT_EQ(first_column(), "two");
  EXPECT_EQ(SQLMoreResults(st), SQL_NO_DATA);
  EXPECT_EQ(logged("/* batch */"), "Query");
}

TEST_F(ExecDirectBinary, PrepareFailureFallsBackToTextOnce) {
  start_general_log();  // a failed prepare is not logged
  Statement st(c);
  // The prepare step fails (no such table): nothing ran, so the text is sent, which fails the
  // same way; the error is the server's.
  EXPECT_EQ(st.try_exec("SELECT * FROM edb_no_such_table /* fallback */"), SQL_ERROR);
  EXPECT_EQ(st.state(), "42S02");
  EXPECT_NE(st.diagnostics().find("edb_no_such_table"), std::string::npos);
  // The connection is in sync afterwards, and a good SELECT is prepared, not sent as text.
  EXPECT_EQ(st.scalar("SELECT COUNT(*) FROM edb_types /* binary */"), "3");
  EXPECT_EQ(logged("/* fallback */"), "Query");
  EXPECT_EQ(logged("/* binary */"), "Prepare,Execute");
}

TEST_F(ExecDirectBinary, StreamingResultIsBufferedWhenAnotherStatementRuns) {
  Statement a(c);
  ASSERT_ODBC_OK(SQLExecDirect(a, (SQLCHAR*)"SELECT seq FROM seq_1_to_5000", SQL_NTS), SQL_HANDLE_STMT, a);
  ASSERT_EQ(SQLFetch(a), SQL_SUCCESS);
  SQLINTEGER v = 0;
  SQLLEN ind = 0;
  EXPECT_ODBC_OK(SQLGetData(a, 1, SQL_C_SLONG, &v, 0, &ind), SQL_HANDLE_STMT, a);
  EXPECT_EQ(v, 1);
  Statement b(c);
  EXPECT_EQ(b.scalar("SELECT COUNT(*) FROM edb_types"), "3");
  long long sum = v, rows = 1;
  while (SQLFetch(a) == SQL_SUCCESS) {
    EXPECT_ODBC_OK(SQLGetData(a, 1, SQL_C_SLONG, &v, 0, &ind), SQL_HANDLE_STMT, a);
    sum += v;
    ++rows;
  }
  EXPECT_EQ(rows, 5000);
  EXPECT_EQ(sum, 5000LL * 5001 / 2);
}

TEST_F(ExecDirectBinary, ExecutingAgainReusesTheHandleAndClosesTheOldStatement) {
  Statement st(c);
  for (int i = 0; i < 50; ++i) {
    EXPECT_EQ(st.scalar("SELECT " + std::to_string(i)), std::to_string(i));
  }
  // Server-side statements do not pile up: at most this handle's and the status query's.
  EXPECT_LE(std::stol(*s.scalar("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
                                "WHERE VARIABLE_NAME = 'PREPARED_STMT_COUNT'")),
            4);
}

}  // namespace
}  // namespace fabodbc::itest
