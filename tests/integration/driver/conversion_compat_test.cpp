// Conversions, long data, diagnostics and column metadata as applications written for MySQL
// Connector/ODBC and MariaDB Connector/ODBC rely on them (issue #17), through the driver
// manager: SQL_C_NUMERIC parameters scaled by DecimalDigits, empty strings, DATETIME read as
// SQL_C_TIME, zero dates, short buffers, SQLGetData and SQLGetDiagRec with BufferLength 0,
// SQLBindCol past the last column, MEDIUMINT sizes, SQL_ATTR_CONNECTION_TIMEOUT.
#include "odbc_fixture.h"

#include <cstring>

namespace fabodbc::itest {
namespace {

SQLCHAR* sql(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }
SQLPOINTER as_value(SQLLEN v) { return reinterpret_cast<SQLPOINTER>(static_cast<intptr_t>(v)); }

SQL_NUMERIC_STRUCT numeric(unsigned value, SQLSCHAR struct_scale = 0) {
  SQL_NUMERIC_STRUCT n{};
  n.precision = 10;
  n.scale = struct_scale;
  n.sign = 1;
  for (int k = 0; k < 4; ++k) n.val[k] = static_cast<SQLCHAR>((value >> (8 * k)) & 0xFF);
  return n;
}

// Inserts one SQL_C_NUMERIC parameter into DECIMAL(10,2) (prepared or not) and reads it back.
std::string insert_numeric(Statement& s, const SQL_NUMERIC_STRUCT& value, SQLSMALLINT decimal_digits,
                           SQLSMALLINT apd_scale = -1) {
  s.exec("CREATE OR REPLACE TABLE cv_num (d DECIMAL(10,2))");
  SQL_NUMERIC_STRUCT n = value;
  SQLLEN ind = sizeof n;
  EXPECT_ODBC_OK(SQLPrepare(s, sql("INSERT INTO cv_num VALUES (?)"), SQL_NTS), SQL_HANDLE_STMT, s.get());
  EXPECT_ODBC_OK(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_NUMERIC, SQL_DECIMAL, 10, decimal_digits, &n, sizeof n,
                                  &ind),
                 SQL_HANDLE_STMT, s.get());
  if (apd_scale >= 0) {
    // The specification's way: the APD's precision and scale, then the data pointer again.
    SQLHDESC apd = SQL_NULL_HDESC;
    EXPECT_ODBC_OK(SQLGetStmtAttr(s, SQL_ATTR_APP_PARAM_DESC, &apd, 0, nullptr), SQL_HANDLE_STMT, s.get());
    EXPECT_ODBC_OK(SQLSetDescField(apd, 1, SQL_DESC_PRECISION, as_value(10), 0), SQL_HANDLE_DESC, apd);
    EXPECT_ODBC_OK(SQLSetDescField(apd, 1, SQL_DESC_SCALE, as_value(apd_scale), 0), SQL_HANDLE_DESC, apd);
    EXPECT_ODBC_OK(SQLSetDescField(apd, 1, SQL_DESC_DATA_PTR, &n, 0), SQL_HANDLE_DESC, apd);
  }
  EXPECT_ODBC_OK(SQLExecute(s), SQL_HANDLE_STMT, s.get());
  SQLFreeStmt(s, SQL_RESET_PARAMS);
  return s.scalar("SELECT d FROM cv_num").value_or("NULL");
}

TEST(ConversionCompat, NumericParameterTakesItsScaleFromDecimalDigits) {
  Connection c;
  Statement s(c);
  // 12345 with DecimalDigits 2 and an APD left alone: 123.45, as MySQL and MariaDB
  // Connector/ODBC store it (the APD's default scale 0 would store 12345).
  EXPECT_EQ(insert_numeric(s, numeric(12345), 2), "123.45");
  EXPECT_EQ(insert_numeric(s, numeric(12345, 2), 2), "123.45");
  EXPECT_EQ(insert_numeric(s, numeric(12345), 0), "12345.00");
  // A scale set in the APD wins.
  EXPECT_EQ(insert_numeric(s, numeric(12345), 2, 1), "1234.50");
  EXPECT_EQ(insert_numeric(s, numeric(12345), 2, 0), "12345.00");
  // DecimalDigits 0 and a scale in the struct: the struct's (the only scale given).
  EXPECT_EQ(insert_numeric(s, numeric(12345, 2), 0), "123.45");
}

// Zero dates: NULL by default (both incumbents), 22007 with ZERO_DATE_ERROR=1; the text form is
// the stored text either way. Direct and prepared statements (text and binary protocol).
void read_zero_dates(const std::string& connection_string, bool expect_error) {
  Connection c(connection_string);
  Statement s(c);
  s.exec("SET SESSION sql_mode = ''");
  s.exec("CREATE OR REPLACE TABLE cv_zero (d DATE, t DATETIME)");
  s.exec("INSERT INTO cv_zero VALUES ('0000-00-00', '0000-00-00 00:00:00')");
  for (bool prepared : {false, true}) {
    SCOPED_TRACE(prepared ? "prepared" : "direct");
    const char* query = "SELECT d, t, d FROM cv_zero";
    if (prepared) {
      ASSERT_ODBC_OK(SQLPrepare(s, sql(query), SQL_NTS), SQL_HANDLE_STMT, s.get());
      ASSERT_ODBC_OK(SQLExecute(s), SQL_HANDLE_STMT, s.get());
    } else {
      ASSERT_ODBC_OK(SQLExecDirect(s, sql(query), SQL_NTS), SQL_HANDLE_STMT, s.get());
    }
    ASSERT_ODBC_OK(SQLFetch(s), SQL_HANDLE_STMT, s.get());
    SQL_DATE_STRUCT d{};
    SQL_TIMESTAMP_STRUCT ts{};
    SQLLEN ind = 0;
    SQLRETURN rc = SQLGetData(s, 1, SQL_C_TYPE_DATE, &d, sizeof d, &ind);
    if (expect_error) {
      EXPECT_EQ(rc, SQL_ERROR);
      EXPECT_EQ(s.state(), "22007") << s.diagnostics();
    } else {
      EXPECT_EQ(rc, SQL_SUCCESS) << s.diagnostics();
      EXPECT_EQ(ind, SQL_NULL_DATA);
    }
    ind = 0;
    rc = SQLGetData(s, 2, SQL_C_TYPE_TIMESTAMP, &ts, sizeof ts, &ind);
    if (expect_error) {
      EXPECT_EQ(rc, SQL_ERROR);
      EXPECT_EQ(s.state(), "22007") << s.diagnostics();
    } else {
      EXPECT_EQ(rc, SQL_SUCCESS) << s.diagnostics();
      EXPECT_EQ(ind, SQL_NULL_DATA);
    }
    char text[32] = "";
    ASSERT_ODBC_OK(SQLGetData(s, 3, SQL_C_CHAR, text, sizeof text, &ind), SQL_HANDLE_STMT, s.get());
    EXPECT_STREQ(text, "0000-00-00");
    SQLFreeStmt(s, SQL_CLOSE);
  }
}

TEST(ConversionCompat, ZeroDatesReadAsNullByDefault) { read_zero_dates(world().dsn_connection_string, false); }

TEST(ConversionCompat, ZeroDatesAreAnErrorWithZeroDateError) {
  read_zero_dates(world().dsn_connection_string + ";ZERO_DATE_ERROR=1", true);
}

// A DATETIME read as SQL_C_TIME is its time of day; dropped fractional seconds are 01S07.
TEST(ConversionCompat, DatetimeReadAsTimeIsItsTimeOfDay) {
  Connection c;
  Statement s(c);
  ASSERT_ODBC_OK(SQLExecDirect(s, sql("SELECT CAST('2024-05-06 07:08:09.250' AS DATETIME(3)), "
                                      "CAST('2024-05-06 21:22:23' AS DATETIME), TIMESTAMP'2024-05-06 01:02:03'"),
                               SQL_NTS),
                 SQL_HANDLE_STMT, s.get());
  ASSERT_ODBC_OK(SQLFetch(s), SQL_HANDLE_STMT, s.get());
  SQL_TIME_STRUCT t{};
  SQLLEN ind = 0;
  EXPECT_EQ(SQLGetData(s, 1, SQL_C_TYPE_TIME, &t, sizeof t, &ind), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(s.state(), "01S07");
  EXPECT_EQ(t.hour, 7);
  EXPECT_EQ(t.minute, 8);
  EXPECT_EQ(t.second, 9);
  EXPECT_EQ(ind, static_cast<SQLLEN>(sizeof t));
  EXPECT_EQ(SQLGetData(s, 2, SQL_C_TYPE_TIME, &t, sizeof t, &ind), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(t.hour, 21);
  EXPECT_EQ(t.second, 23);
  EXPECT_EQ(SQLGetData(s, 3, SQL_C_TIME, &t, sizeof t, &ind), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(t.hour, 1);
  EXPECT_EQ(t.minute, 2);
  SQLCloseCursor(s);
}

// An empty string parameter (length 0) is an empty string: not NULL, not an error.
TEST(ConversionCompat, EmptyStringParameterIsAnEmptyString) {
  Connection c;
  Statement s(c);
  s.exec("CREATE OR REPLACE TABLE cv_empty (c VARCHAR(20))");
  char value[4] = "xyz";
  SQLLEN ind = 0;
  for (SQLULEN column_size : {SQLULEN{20}, SQLULEN{0}}) {
    ASSERT_ODBC_OK(SQLPrepare(s, sql("INSERT INTO cv_empty VALUES (?)"), SQL_NTS), SQL_HANDLE_STMT, s.get());
    ASSERT_ODBC_OK(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, column_size, 0, value, 0, &ind),
                   SQL_HANDLE_STMT, s.get());
    EXPECT_EQ(SQLExecute(s), SQL_SUCCESS) << s.diagnostics();
    SQLFreeStmt(s, SQL_RESET_PARAMS);
  }
  // And through SQLExecDirect (client-side parameters) as well.
  ASSERT_ODBC_OK(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 20, 0, value, 0, &ind),
                 SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(SQLExecDirect(s, sql("INSERT INTO cv_empty VALUES (?)"), SQL_NTS), SQL_SUCCESS) << s.diagnostics();
  SQLFreeStmt(s, SQL_RESET_PARAMS);
  EXPECT_EQ(s.scalar("SELECT COUNT(*) FROM cv_empty WHERE c = '' AND c IS NOT NULL"), "3");
  EXPECT_EQ(s.scalar("SELECT COUNT(*) FROM cv_empty"), "3");
}

// SQLBindCol past the last column: 07009 at bind time once the column count is known (an open
// result, a prepared SELECT); before that (and for statements without a result) it binds.
TEST(ConversionCompat, BindColPastTheLastColumnIs07009WhenTheCountIsKnown) {
  Connection c;
  Statement s(c);
  SQLINTEGER value = 0;
  SQLLEN ind = 0;
  // Nothing prepared or executed yet: the count is unknown.
  EXPECT_EQ(SQLBindCol(s, 5, SQL_C_SLONG, &value, 0, &ind), SQL_SUCCESS) << s.diagnostics();
  SQLFreeStmt(s, SQL_UNBIND);
  ASSERT_ODBC_OK(SQLExecDirect(s, sql("SELECT 1, 2"), SQL_NTS), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(SQLBindCol(s, 3, SQL_C_SLONG, &value, 0, &ind), SQL_ERROR);
  EXPECT_EQ(s.state(), "07009") << s.diagnostics();
  EXPECT_EQ(SQLBindCol(s, 2, SQL_C_SLONG, &value, 0, &ind), SQL_SUCCESS) << s.diagnostics();
  ASSERT_ODBC_OK(SQLFetch(s), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(value, 2);
  SQLCloseCursor(s);
  SQLFreeStmt(s, SQL_UNBIND);
  // A prepared SELECT knows its columns before it runs.
  ASSERT_ODBC_OK(SQLPrepare(s, sql("SELECT 1, 2, 3"), SQL_NTS), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(SQLBindCol(s, 4, SQL_C_SLONG, &value, 0, &ind), SQL_ERROR);
  EXPECT_EQ(s.state(), "07009") << s.diagnostics();
  EXPECT_EQ(SQLBindCol(s, 3, SQL_C_SLONG, &value, 0, &ind), SQL_SUCCESS) << s.diagnostics();
  ASSERT_ODBC_OK(SQLExecute(s), SQL_HANDLE_STMT, s.get());
  ASSERT_ODBC_OK(SQLFetch(s), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(value, 3);
  SQLCloseCursor(s);
  SQLFreeStmt(s, SQL_UNBIND);
  // After the cursor is closed, binding for the next statement is free again.
  ASSERT_ODBC_OK(SQLExecDirect(s, sql("SELECT 1"), SQL_NTS), SQL_HANDLE_STMT, s.get());
  SQLCloseCursor(s);
  EXPECT_EQ(SQLBindCol(s, 4, SQL_C_SLONG, &value, 0, &ind), SQL_SUCCESS) << s.diagnostics();
  ASSERT_ODBC_OK(SQLExecDirect(s, sql("SELECT 1, 2, 3, 4"), SQL_NTS), SQL_HANDLE_STMT, s.get());
  ASSERT_ODBC_OK(SQLFetch(s), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(value, 4);
  SQLCloseCursor(s);
  // A prepared statement without a result set: any column binds (a later result may use it).
  SQLFreeStmt(s, SQL_UNBIND);
  s.exec("CREATE OR REPLACE TABLE cv_bind (a INT)");
  ASSERT_ODBC_OK(SQLPrepare(s, sql("INSERT INTO cv_bind VALUES (1)"), SQL_NTS), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(SQLBindCol(s, 2, SQL_C_SLONG, &value, 0, &ind), SQL_SUCCESS) << s.diagnostics();
  // Unbinding a column is never refused.
  ASSERT_ODBC_OK(SQLExecDirect(s, sql("SELECT 1"), SQL_NTS), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(SQLBindCol(s, 2, SQL_C_SLONG, nullptr, 0, nullptr), SQL_SUCCESS) << s.diagnostics();
  SQLCloseCursor(s);
}

// SQLGetData with BufferLength 0 asks for the length: 01004, the whole length in the indicator,
// nothing consumed (the next call gets the value from its start). Text and binary protocol.
TEST(ConversionCompat, GetDataWithBufferLengthZeroGivesTheLengthAndConsumesNothing) {
  Connection c;
  Statement s(c);
  for (bool prepared : {false, true}) {
    SCOPED_TRACE(prepared ? "prepared" : "direct");
    const char* query = "SELECT 'hello world', CAST('h\xC3\xA9llo' AS CHAR), CAST(X'00010203' AS BINARY(4))";
    if (prepared) {
      ASSERT_ODBC_OK(SQLPrepare(s, sql(query), SQL_NTS), SQL_HANDLE_STMT, s.get());
      ASSERT_ODBC_OK(SQLExecute(s), SQL_HANDLE_STMT, s.get());
    } else {
      ASSERT_ODBC_OK(SQLExecDirect(s, sql(query), SQL_NTS), SQL_HANDLE_STMT, s.get());
    }
    ASSERT_ODBC_OK(SQLFetch(s), SQL_HANDLE_STMT, s.get());
    char text[64];
    SQLLEN ind = -7;
    EXPECT_EQ(SQLGetData(s, 1, SQL_C_CHAR, text, 0, &ind), SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(s.state(), "01004");
    EXPECT_EQ(ind, 11);
    ind = -7;
    EXPECT_EQ(SQLGetData(s, 1, SQL_C_CHAR, text, 0, &ind), SQL_SUCCESS_WITH_INFO);  // still nothing taken
    EXPECT_EQ(ind, 11);
    EXPECT_EQ(SQLGetData(s, 1, SQL_C_CHAR, text, sizeof text, &ind), SQL_SUCCESS) << s.diagnostics();
    EXPECT_STREQ(text, "hello world");
    EXPECT_EQ(ind, 11);
    // UTF-16: the length in bytes.
    SQLWCHAR wide[16];
    ind = -7;
    EXPECT_EQ(SQLGetData(s, 2, SQL_C_WCHAR, wide, 0, &ind), SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(ind, static_cast<SQLLEN>(5 * sizeof(SQLWCHAR)));
    EXPECT_EQ(SQLGetData(s, 2, SQL_C_WCHAR, wide, sizeof wide, &ind), SQL_SUCCESS) << s.diagnostics();
    EXPECT_EQ(wide[1], 0xE9);
    unsigned char bytes[8];
    ind = -7;
    EXPECT_EQ(SQLGetData(s, 3, SQL_C_BINARY, bytes, 0, &ind), SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(ind, 4);
    EXPECT_EQ(SQLGetData(s, 3, SQL_C_BINARY, bytes, sizeof bytes, &ind), SQL_SUCCESS) << s.diagnostics();
    EXPECT_EQ(bytes[3], 3);
    SQLCloseCursor(s);
  }
}

// MEDIUMINT: column size 8 (7 digits and the sign, MySQL Connector/ODBC's value), display size
// 8; a text buffer of column size + 1 holds the smallest value.
TEST(ConversionCompat, MediumintColumnAndDisplaySize) {
  Connection c;
  Statement s(c);
  s.exec("CREATE OR REPLACE TABLE cv_medium (m MEDIUMINT, u MEDIUMINT UNSIGNED)");
  s.exec("INSERT INTO cv_medium VALUES (-8388608, 16777215)");
  ASSERT_ODBC_OK(SQLExecDirect(s, sql("SELECT m, u FROM cv_medium"), SQL_NTS), SQL_HANDLE_STMT, s.get());
  SQLULEN size[2] = {0, 0};
  for (SQLUSMALLINT col = 1; col <= 2; ++col) {
    SCOPED_TRACE(col);
    SQLCHAR name[16];
    SQLSMALLINT name_length = 0, type = 0, digits = -1, nullable = 0;
    ASSERT_ODBC_OK(SQLDescribeCol(s, col, name, sizeof name, &name_length, &type, &size[col - 1], &digits, &nullable),
                   SQL_HANDLE_STMT, s.get());
    EXPECT_EQ(type, SQL_INTEGER);
    EXPECT_EQ(size[col - 1], 8u);
    EXPECT_EQ(digits, 0);
    SQLLEN display = 0, length = 0;
    ASSERT_ODBC_OK(SQLColAttribute(s, col, SQL_DESC_DISPLAY_SIZE, nullptr, 0, nullptr, &display), SQL_HANDLE_STMT,
                   s.get());
    EXPECT_EQ(display, 8);
    ASSERT_ODBC_OK(SQLColAttribute(s, col, SQL_DESC_LENGTH, nullptr, 0, nullptr, &length), SQL_HANDLE_STMT, s.get());
    EXPECT_EQ(length, 8);
  }
  ASSERT_ODBC_OK(SQLFetch(s), SQL_HANDLE_STMT, s.get());
  std::string text(size[0] + 1, 'x');
  SQLLEN ind = 0;
  EXPECT_EQ(SQLGetData(s, 1, SQL_C_CHAR, text.data(), static_cast<SQLLEN>(text.size()), &ind), SQL_SUCCESS)
      << s.diagnostics();
  EXPECT_STREQ(text.c_str(), "-8388608");
  text.assign(size[1] + 1, 'x');
  EXPECT_EQ(SQLGetData(s, 2, SQL_C_CHAR, text.data(), static_cast<SQLLEN>(text.size()), &ind), SQL_SUCCESS)
      << s.diagnostics();
  EXPECT_STREQ(text.c_str(), "16777215");
  SQLCloseCursor(s);
  // SQLColumns describes the table's columns alike.
  ASSERT_ODBC_OK(SQLColumns(s, nullptr, 0, nullptr, 0, sql("cv_medium"), SQL_NTS, nullptr, 0), SQL_HANDLE_STMT,
                 s.get());
  int rows = 0;
  while (SQLFetch(s) == SQL_SUCCESS) {
    SQLINTEGER column_size = 0;
    ASSERT_ODBC_OK(SQLGetData(s, 7, SQL_C_SLONG, &column_size, 0, &ind), SQL_HANDLE_STMT, s.get());
    EXPECT_EQ(column_size, 8);
    ++rows;
  }
  EXPECT_EQ(rows, 2);
  SQLCloseCursor(s);
}

// Numbers and dates are never cut to fit a short text buffer: 22003 (the ODBC specification),
// where both incumbents hand out the first digits with 01004 (12345 in 3 bytes reads "12").
// Text is cut with 01004, and so are fractional digits.
TEST(ConversionCompat, ShortTextBuffersCutTextButNeverWholeDigits) {
  Connection c;
  Statement s(c);
  ASSERT_ODBC_OK(SQLExecDirect(s, sql("SELECT 'hello world', 12345, CAST(123.456 AS DECIMAL(6,3)), DATE'2024-01-02', "
                                      "CAST('2024-01-02 03:04:05.678' AS DATETIME(3))"),
                               SQL_NTS),
                 SQL_HANDLE_STMT, s.get());
  ASSERT_ODBC_OK(SQLFetch(s), SQL_HANDLE_STMT, s.get());
  char text[32];
  SQLLEN ind = 0;
  EXPECT_EQ(SQLGetData(s, 1, SQL_C_CHAR, text, 4, &ind), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(s.state(), "01004");
  EXPECT_STREQ(text, "hel");
  EXPECT_EQ(ind, 11);
  EXPECT_EQ(SQLGetData(s, 2, SQL_C_CHAR, text, 3, &ind), SQL_ERROR);
  EXPECT_EQ(s.state(), "22003");
  EXPECT_EQ(SQLGetData(s, 3, SQL_C_CHAR, text, 6, &ind), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(s.state(), "01004");
  EXPECT_STREQ(text, "123.4");
  EXPECT_EQ(SQLGetData(s, 4, SQL_C_CHAR, text, 5, &ind), SQL_ERROR);
  EXPECT_EQ(s.state(), "22003");
  EXPECT_EQ(SQLGetData(s, 5, SQL_C_CHAR, text, 15, &ind), SQL_ERROR);
  EXPECT_EQ(s.state(), "22003");
  EXPECT_EQ(SQLGetData(s, 5, SQL_C_CHAR, text, 21, &ind), SQL_SUCCESS_WITH_INFO);  // the fraction is cut
  EXPECT_EQ(s.state(), "01004");
  EXPECT_STREQ(text, "2024-01-02 03:04:05.");
  SQLCloseCursor(s);
}

// SQLColAttribute with a field identifier ODBC does not define: HY091 (the specification;
// MariaDB Connector/ODBC answers HYC00). SQLGetDescField/SQLSetDescField alike.
TEST(ConversionCompat, UnknownFieldIdentifiersAreHY091) {
  Connection c;
  Statement s(c);
  ASSERT_ODBC_OK(SQLExecDirect(s, sql("SELECT 1"), SQL_NTS), SQL_HANDLE_STMT, s.get());
  SQLLEN number = 0;
  EXPECT_EQ(SQLColAttribute(s, 1, 9999, nullptr, 0, nullptr, &number), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY091");
  SQLHDESC ird = SQL_NULL_HDESC, ard = SQL_NULL_HDESC;
  ASSERT_ODBC_OK(SQLGetStmtAttr(s, SQL_ATTR_IMP_ROW_DESC, &ird, 0, nullptr), SQL_HANDLE_STMT, s.get());
  ASSERT_ODBC_OK(SQLGetStmtAttr(s, SQL_ATTR_APP_ROW_DESC, &ard, 0, nullptr), SQL_HANDLE_STMT, s.get());
  SQLINTEGER value = 0;
  EXPECT_EQ(SQLGetDescField(ird, 1, 9999, &value, sizeof value, nullptr), SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_DESC, ird), "HY091");
  EXPECT_EQ(SQLSetDescField(ard, 1, 9999, as_value(1), 0), SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_DESC, ard), "HY091");
  SQLCloseCursor(s);
}

// SQL_ATTR_CONNECTION_TIMEOUT reads back what was set, before and after connecting.
TEST(ConversionCompat, ConnectionTimeoutReadsBackWhatWasSet) {
  UnconnectedDbc u;
  ASSERT_ODBC_OK(SQLSetConnectAttr(u.dbc, SQL_ATTR_CONNECTION_TIMEOUT, as_value(17), 0), SQL_HANDLE_DBC, u.dbc);
  SQLCHAR out[1024];
  SQLSMALLINT out_length = 0;
  const std::string cs = world().dsn_connection_string;
  ASSERT_ODBC_OK(SQLDriverConnect(u.dbc, nullptr, sql(cs.c_str()), SQL_NTS, out, sizeof out, &out_length,
                                  SQL_DRIVER_NOPROMPT),
                 SQL_HANDLE_DBC, u.dbc);
  SQLUINTEGER timeout = 0;
  ASSERT_ODBC_OK(SQLGetConnectAttr(u.dbc, SQL_ATTR_CONNECTION_TIMEOUT, &timeout, 0, nullptr), SQL_HANDLE_DBC, u.dbc);
  EXPECT_EQ(timeout, 17u);
  ASSERT_ODBC_OK(SQLSetConnectAttr(u.dbc, SQL_ATTR_CONNECTION_TIMEOUT, as_value(23), 0), SQL_HANDLE_DBC, u.dbc);
  ASSERT_ODBC_OK(SQLGetConnectAttr(u.dbc, SQL_ATTR_CONNECTION_TIMEOUT, &timeout, 0, nullptr), SQL_HANDLE_DBC, u.dbc);
  EXPECT_EQ(timeout, 23u);
  ASSERT_ODBC_OK(SQLSetConnectAttr(u.dbc, SQL_ATTR_CONNECTION_TIMEOUT, as_value(0), 0), SQL_HANDLE_DBC, u.dbc);
  ASSERT_ODBC_OK(SQLGetConnectAttr(u.dbc, SQL_ATTR_CONNECTION_TIMEOUT, &timeout, 0, nullptr), SQL_HANDLE_DBC, u.dbc);
  EXPECT_EQ(timeout, 0u);
}

// An interval parameter longer than MySQL's TIME (838:59:59) sent as SQL_TYPE_TIME is 22015;
// outside strict mode the server would store it clipped to 838:59:59.
TEST(ConversionCompat, IntervalParameterLongerThanATimeIs22015) {
  Connection c;
  Statement s(c);
  s.exec("SET SESSION sql_mode = ''");
  s.exec("CREATE OR REPLACE TABLE cv_dur (d TIME)");
  SQL_INTERVAL_STRUCT days{};
  days.interval_type = SQL_IS_DAY;
  days.intval.day_second.day = 40;
  SQLLEN zero = 0;
  for (bool prepared : {false, true}) {
    SCOPED_TRACE(prepared ? "prepared" : "direct");
    ASSERT_ODBC_OK(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_INTERVAL_DAY, SQL_TYPE_TIME, 8, 0, &days, 0, &zero),
                   SQL_HANDLE_STMT, s.get());
    SQLRETURN rc;
    if (prepared) {
      ASSERT_ODBC_OK(SQLPrepare(s, sql("INSERT INTO cv_dur VALUES (?)"), SQL_NTS), SQL_HANDLE_STMT, s.get());
      rc = SQLExecute(s);
    } else {
      rc = SQLExecDirect(s, sql("INSERT INTO cv_dur VALUES (?)"), SQL_NTS);
    }
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_EQ(s.state(), "22015") << s.diagnostics();
    SQLFreeStmt(s, SQL_RESET_PARAMS);
  }
  EXPECT_EQ(s.scalar("SELECT COUNT(*) FROM cv_dur"), "0");
  // 34 days 22:59:59 is the longest that fits.
  days.intval.day_second.day = 34;
  SQL_INTERVAL_STRUCT longest{};
  longest.interval_type = SQL_IS_DAY_TO_SECOND;
  longest.intval.day_second = {34, 22, 59, 59, 0};
  ASSERT_ODBC_OK(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_INTERVAL_DAY_TO_SECOND, SQL_TYPE_TIME, 8, 0, &longest,
                                  0, &zero),
                 SQL_HANDLE_STMT, s.get());
  EXPECT_ODBC_OK(SQLExecDirect(s, sql("INSERT INTO cv_dur VALUES (?)"), SQL_NTS), SQL_HANDLE_STMT, s.get());
  SQLFreeStmt(s, SQL_RESET_PARAMS);
  EXPECT_EQ(s.scalar("SELECT d FROM cv_dur"), "838:59:59");
}

// SQLGetDiagRec(W) asked only for the length, through the driver manager: the length in
// characters and SQL_SUCCESS_WITH_INFO (the message does not fit a buffer of 0).
TEST(ConversionCompat, GetDiagRecWithBufferLengthZeroGivesTheLength) {
  Connection c;
  Statement s(c);
  ASSERT_EQ(SQLExecDirect(s, sql("SELEC nonsense"), SQL_NTS), SQL_ERROR);
  SQLCHAR state[6] = {0};
  SQLINTEGER native = 0;
  SQLSMALLINT length = -1;
  EXPECT_EQ(SQLGetDiagRec(SQL_HANDLE_STMT, s, 1, state, &native, nullptr, 0, &length), SQL_SUCCESS_WITH_INFO);
  EXPECT_STREQ(reinterpret_cast<char*>(state), "42000");
  const std::string message = diag_message(SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(static_cast<size_t>(length), message.size());
  SQLWCHAR wide_state[6] = {0};
  SQLSMALLINT wide_length = -1;
  EXPECT_EQ(SQLGetDiagRecW(SQL_HANDLE_STMT, s, 1, wide_state, &native, nullptr, 0, &wide_length),
            SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(wide_length, length);  // an ASCII message
  EXPECT_EQ(wide_state[0], u'4');
}

}  // namespace
}  // namespace fabodbc::itest
