// SQLExecDirect of a single SELECT without parameters runs through the binary protocol
// (prepare + execute in one round trip) the first time its shape is seen, and as text once
// the shape returned a small result (driver/statement/direct_protocol.h); batches, CALL,
// query timeouts and statements the server cannot prepare stay on the text protocol. The
// server's own counters tell which path a statement took; the results and their types must
// be the same on both.
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
  // A session status counter of this test's connection. Read with a query timeout, which
  // keeps the query itself on the text protocol whatever its shape did before.
  long status(const char* name) {
    Statement q(c);
    EXPECT_TRUE(SQL_SUCCEEDED(SQLSetStmtAttr(q, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(100), 0)));
    return std::stol(*q.scalar(std::string("SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS "
                                           "WHERE VARIABLE_NAME = '") +
                               name + "'"));
  }
  // Runs `sql` on `st` and says whether it went through the binary protocol.
  bool ran_binary(Statement& st, const std::string& sql, std::vector<Row>* rows = nullptr) {
    const long before = status("COM_STMT_EXECUTE");
    st.exec(sql);
    std::vector<Row> got = st.rows();
    if (rows) *rows = std::move(got);
    return status("COM_STMT_EXECUTE") - before == 1;
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
  EXPECT_EQ(all_as_text(st, "SELECT id FROM edb_types ORDER BY id /* first of its shape */").size(), 3u);
  EXPECT_EQ(status("COM_STMT_EXECUTE") - before, 1);
}

TEST_F(ExecDirectBinary, EveryTypeReadsAsThroughTheTextProtocol) {
  const std::string sql = "SELECT * FROM edb_types ORDER BY id /* every type */";
  Statement binary(c);
  std::vector<Row> via_binary;
  ASSERT_TRUE(ran_binary(binary, sql, &via_binary));
  Statement text(c);
  // A query timeout keeps the statement on the text protocol (SET STATEMENT ... FOR prefix).
  ASSERT_ODBC_OK(SQLSetStmtAttr(text, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(100), 0), SQL_HANDLE_STMT,
                 text);
  const long before = status("COM_STMT_EXECUTE");
  std::vector<Row> via_text = all_as_text(text, sql);
  EXPECT_EQ(status("COM_STMT_EXECUTE") - before, 0);
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
  const std::string sql = "SELECT id, d, f, d2, d * 3, f + 0 FROM edb_reals ORDER BY id /* reals */";
  Statement binary(c);
  std::vector<Row> via_binary;
  ASSERT_TRUE(ran_binary(binary, sql, &via_binary));
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
  // A column name of its own per statement: 50 shapes, each seen once, so each is prepared.
  for (int i = 0; i < 50; ++i) {
    EXPECT_EQ(st.scalar("SELECT " + std::to_string(i) + " AS c" + std::to_string(i)), std::to_string(i));
  }
  // Server-side statements do not pile up: at most this handle's and the status query's.
  EXPECT_LE(std::stol(*s.scalar("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
                                "WHERE VARIABLE_NAME = 'PREPARED_STMT_COUNT'")),
            4);
}

// What SQLDescribeCol and SQLColAttribute say about every column: the part of "types" an
// application sees.
std::vector<std::string> described(Statement& st) {
  SQLSMALLINT n = 0;
  EXPECT_ODBC_OK(SQLNumResultCols(st, &n), SQL_HANDLE_STMT, st);
  std::vector<std::string> out;
  for (SQLUSMALLINT col = 1; col <= n; ++col) {
    SQLCHAR name[128] = {};
    SQLSMALLINT name_len = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    EXPECT_ODBC_OK(SQLDescribeCol(st, col, name, sizeof name, &name_len, &type, &size, &digits, &nullable),
                   SQL_HANDLE_STMT, st);
    SQLLEN octets = 0, display = 0, is_unsigned = 0, concise = 0;
    SQLColAttribute(st, col, SQL_DESC_OCTET_LENGTH, nullptr, 0, nullptr, &octets);
    SQLColAttribute(st, col, SQL_DESC_DISPLAY_SIZE, nullptr, 0, nullptr, &display);
    SQLColAttribute(st, col, SQL_DESC_UNSIGNED, nullptr, 0, nullptr, &is_unsigned);
    SQLColAttribute(st, col, SQL_DESC_CONCISE_TYPE, nullptr, 0, nullptr, &concise);
    out.push_back(std::string(reinterpret_cast<char*>(name)) + " type=" + std::to_string(type) +
                  " size=" + std::to_string(size) + " digits=" + std::to_string(digits) +
                  " nullable=" + std::to_string(nullable) + " octets=" + std::to_string(octets) +
                  " display=" + std::to_string(display) + " unsigned=" + std::to_string(is_unsigned) +
                  " concise=" + std::to_string(concise));
  }
  return out;
}

TEST_F(ExecDirectBinary, SmallResultShapeGoesAsTextNextTimeWithTheSameResultsAndTypes) {
  // Literals differ, the shape is the same: the first runs binary, the second as text.
  const std::string first = "SELECT * FROM edb_types WHERE id IN (1, 2, 3) ORDER BY id /* same types */";
  const std::string second = "SELECT * FROM edb_types WHERE id IN (3, 2, 1) ORDER BY id /* same types */";
  Statement a(c), b(c);
  const long before = status("COM_STMT_EXECUTE");
  a.exec(first);
  std::vector<std::string> types_binary = described(a);
  std::vector<Row> rows_binary = a.rows();
  EXPECT_EQ(status("COM_STMT_EXECUTE") - before, 1) << "first of its shape: binary";
  const long middle = status("COM_STMT_EXECUTE");
  b.exec(second);
  std::vector<std::string> types_text = described(b);
  std::vector<Row> rows_text = b.rows();
  EXPECT_EQ(status("COM_STMT_EXECUTE") - middle, 0) << "a small result last time: text";
  ASSERT_EQ(types_binary.size(), 21u);
  EXPECT_EQ(types_binary, types_text);
  ASSERT_EQ(rows_binary.size(), 3u);
  EXPECT_EQ(rows_binary, rows_text);
}

TEST_F(ExecDirectBinary, TypedTargetsReadTheSameOnBothPaths) {
  auto read = [&](const std::string& sql) {
    Statement st(c);
    st.exec(sql);
    EXPECT_EQ(SQLFetch(st), SQL_SUCCESS);
    SQLBIGINT bi = 0;
    SQLUBIGINT ubi = 0;
    double d = 0, f = 0;
    SQL_TIMESTAMP_STRUCT ts{};
    SQL_TIME_STRUCT tm{};
    SQLINTEGER yr = 0;
    SQLCHAR dec[64] = {};
    SQLLEN ind[8] = {};
    SQLGetData(st, 1, SQL_C_SBIGINT, &bi, 0, &ind[0]);
    SQLGetData(st, 2, SQL_C_UBIGINT, &ubi, 0, &ind[1]);
    SQLGetData(st, 3, SQL_C_DOUBLE, &d, 0, &ind[2]);
    SQLGetData(st, 4, SQL_C_DOUBLE, &f, 0, &ind[3]);
    SQLGetData(st, 5, SQL_C_TYPE_TIMESTAMP, &ts, 0, &ind[4]);
    SQLGetData(st, 6, SQL_C_TYPE_TIME, &tm, 0, &ind[5]);
    SQLGetData(st, 7, SQL_C_SLONG, &yr, 0, &ind[6]);
    SQLGetData(st, 8, SQL_C_CHAR, dec, sizeof dec, &ind[7]);
    SQLCloseCursor(st);
    char out[256];
    std::snprintf(out, sizeof out, "%lld %llu %.17g %.9g %d-%d-%d %d:%d:%d.%u %d:%d:%d %d %s", static_cast<long long>(bi),
                  static_cast<unsigned long long>(ubi), d, f, ts.year, ts.month, ts.day, ts.hour, ts.minute, ts.second,
                  ts.fraction, tm.hour, tm.minute, tm.second, static_cast<int>(yr), reinterpret_cast<char*>(dec));
    return std::string(out);
  };
  const long before = status("COM_STMT_EXECUTE");
  const std::string binary = read("SELECT bi, ubi, d, f, dtm, '10:11:12', yr, dec_ FROM edb_types WHERE id = 1 /* typed */");
  const long middle = status("COM_STMT_EXECUTE");
  const std::string text = read("SELECT bi, ubi, d, f, dtm, '10:11:12', yr, dec_ FROM edb_types WHERE id = 2 /* typed */");
  EXPECT_EQ(middle - before, 1);
  EXPECT_EQ(status("COM_STMT_EXECUTE") - middle, 0);
  EXPECT_EQ(binary, "-9223372036854775808 18446744073709551615 0.10000000000000001 1.5 2024-12-31 23:59:58.123456000 "
                    "10:11:12 2155 -12345678901234.123456");
  EXPECT_EQ(text, "9223372036854775807 0 -1.0000000000000001e+300 -3.25e+10 1970-1-1 0:0:0.0 10:11:12 1901 0.000000");
}

TEST_F(ExecDirectBinary, AResultClosedAfterItsFirstRowCountsWhatTheServerSent) {
  // Fetch one row, close (what pyodbc's fetchone and the point-select bench do): the rows the
  // close drops still count. 5,000 rows: the shape stays binary.
  for (int i = 0; i < 2; ++i) {
    Statement st(c);
    const long before = status("COM_STMT_EXECUTE");
    st.exec("SELECT seq FROM seq_1_to_5000 WHERE seq > " + std::to_string(i) + " /* closed early, large */");
    ASSERT_EQ(SQLFetch(st), SQL_SUCCESS);
    SQLFreeStmt(st, SQL_CLOSE);
    EXPECT_EQ(status("COM_STMT_EXECUTE") - before, 1) << "execution " << i + 1;
  }
  // One row, closed without reading the end: small, so the next one is text.
  for (int i = 0; i < 2; ++i) {
    Statement st(c);
    const long before = status("COM_STMT_EXECUTE");
    st.exec("SELECT seq FROM seq_1_to_5000 WHERE seq = " + std::to_string(i + 7) + " /* closed early, small */");
    ASSERT_EQ(SQLFetch(st), SQL_SUCCESS);
    SQLFreeStmt(st, SQL_CLOSE);
    EXPECT_EQ(status("COM_STMT_EXECUTE") - before, i == 0 ? 1 : 0) << "execution " << i + 1;
  }
}

TEST_F(ExecDirectBinary, ATextResultThatGrewSendsItsShapeBackToBinary) {
  Statement st(c);
  std::vector<Row> rows;
  const std::string shape = "SELECT seq FROM seq_1_to_5000 ORDER BY seq LIMIT ";
  EXPECT_TRUE(ran_binary(st, shape + "2 /* grows */", &rows));  // unseen: binary, 2 rows
  EXPECT_FALSE(ran_binary(st, shape + "1000 /* grows */", &rows));  // small last time: text, 1,000 rows
  EXPECT_EQ(rows.size(), 1000u);
  EXPECT_TRUE(ran_binary(st, shape + "3 /* grows */", &rows));  // large last time: binary again
  EXPECT_EQ(rows.size(), 3u);
}

}  // namespace
}  // namespace fabodbc::itest
