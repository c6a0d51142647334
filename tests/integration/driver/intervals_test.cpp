// Interval C types through the driver manager on a real server: TIME columns as day-time
// intervals and back, integers as single-field intervals, and a year-month interval used in
// an INTERVAL '...' YEAR_MONTH expression; both the binary (prepared) and text protocols.
#include "odbc_fixture.h"

namespace fabodbc::itest {
namespace {

class Intervals : public ::testing::Test {
 protected:
  void SetUp() override {
    s.exec("CREATE OR REPLACE TABLE iv_t (id INT PRIMARY KEY, dur TIME(6), days INT)");
  }
  Connection c;
  Statement s{c};
};

SQL_INTERVAL_STRUCT day_to_second(bool negative, unsigned d, unsigned h, unsigned m, unsigned sec, unsigned us) {
  SQL_INTERVAL_STRUCT v{};
  v.interval_type = SQL_IS_DAY_TO_SECOND;
  v.interval_sign = negative ? SQL_TRUE : SQL_FALSE;
  v.intval.day_second = {d, h, m, sec, us};
  return v;
}

TEST_F(Intervals, ParametersIntoTimeAndIntegerColumns) {
  ASSERT_ODBC_OK(SQLPrepare(s, (SQLCHAR*)"INSERT INTO iv_t VALUES (?, ?, ?)", SQL_NTS), SQL_HANDLE_STMT, s.get());
  SQLINTEGER id = 1;
  SQL_INTERVAL_STRUCT dur = day_to_second(true, 3, 4, 5, 6, 250000);
  SQL_INTERVAL_STRUCT days{};
  days.interval_type = SQL_IS_DAY;
  days.intval.day_second.day = 14;
  SQLLEN zero = 0;
  ASSERT_ODBC_OK(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0, &zero),
                 SQL_HANDLE_STMT, s.get());
  ASSERT_ODBC_OK(SQLBindParameter(s, 2, SQL_PARAM_INPUT, SQL_C_INTERVAL_DAY_TO_SECOND, SQL_TYPE_TIME, 15, 6, &dur,
                                  0, &zero),
                 SQL_HANDLE_STMT, s.get());
  ASSERT_ODBC_OK(SQLBindParameter(s, 3, SQL_PARAM_INPUT, SQL_C_INTERVAL_DAY, SQL_INTEGER, 0, 0, &days, 0, &zero),
                 SQL_HANDLE_STMT, s.get());
  ASSERT_ODBC_OK(SQLExecute(s), SQL_HANDLE_STMT, s.get());
  // The same values through SQLExecDirect.
  id = 2;
  dur = day_to_second(false, 0, 1, 30, 0, 0);
  days.interval_sign = SQL_TRUE;
  ASSERT_ODBC_OK(SQLExecDirect(s, (SQLCHAR*)"INSERT INTO iv_t VALUES (?, ?, ?)", SQL_NTS), SQL_HANDLE_STMT, s.get());
  Statement check(c);
  EXPECT_EQ(check.scalar("SELECT GROUP_CONCAT(dur, '|', days ORDER BY id SEPARATOR ',') FROM iv_t"),
            "-76:05:06.250000|14,01:30:00.000000|-14");
}

TEST_F(Intervals, TimeAndIntegerColumnsFetchedAsIntervals) {
  s.exec("INSERT INTO iv_t VALUES (1, '-76:05:06.25', -14), (2, '01:30:15', 3)");
  for (bool prepared : {false, true}) {
    SCOPED_TRACE(prepared ? "prepared (binary protocol)" : "direct");
    const char* sql = "SELECT dur, days FROM iv_t ORDER BY id";
    if (prepared) {
      ASSERT_ODBC_OK(SQLPrepare(s, (SQLCHAR*)sql, SQL_NTS), SQL_HANDLE_STMT, s.get());
      ASSERT_ODBC_OK(SQLExecute(s), SQL_HANDLE_STMT, s.get());
    } else {
      ASSERT_ODBC_OK(SQLExecDirect(s, (SQLCHAR*)sql, SQL_NTS), SQL_HANDLE_STMT, s.get());
    }
    ASSERT_ODBC_OK(SQLFetch(s), SQL_HANDLE_STMT, s.get());
    SQL_INTERVAL_STRUCT v{};
    SQLLEN ind = 0;
    ASSERT_ODBC_OK(SQLGetData(s, 1, SQL_C_INTERVAL_HOUR_TO_SECOND, &v, sizeof v, &ind), SQL_HANDLE_STMT, s.get());
    EXPECT_EQ(v.interval_type, SQL_IS_HOUR_TO_SECOND);
    EXPECT_EQ(v.interval_sign, SQL_TRUE);
    EXPECT_EQ(v.intval.day_second.hour, 76u);
    EXPECT_EQ(v.intval.day_second.minute, 5u);
    EXPECT_EQ(v.intval.day_second.second, 6u);
    EXPECT_EQ(v.intval.day_second.fraction, 250000u);
    ASSERT_ODBC_OK(SQLGetData(s, 2, SQL_C_INTERVAL_DAY, &v, sizeof v, &ind), SQL_HANDLE_STMT, s.get());
    EXPECT_EQ(v.interval_sign, SQL_TRUE);
    EXPECT_EQ(v.intval.day_second.day, 14u);

    ASSERT_ODBC_OK(SQLFetch(s), SQL_HANDLE_STMT, s.get());
    // Seconds dropped by an HOUR TO MINUTE target: 01S07.
    EXPECT_EQ(SQLGetData(s, 1, SQL_C_INTERVAL_HOUR_TO_MINUTE, &v, sizeof v, &ind), SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(s.state(), "01S07");
    EXPECT_EQ(v.intval.day_second.hour, 1u);
    EXPECT_EQ(v.intval.day_second.minute, 30u);
    // A number is no multi-field interval: 07006.
    EXPECT_EQ(SQLGetData(s, 2, SQL_C_INTERVAL_DAY_TO_HOUR, &v, sizeof v, &ind), SQL_ERROR);
    EXPECT_EQ(s.state(), "07006");
    ASSERT_ODBC_OK(SQLCloseCursor(s), SQL_HANDLE_STMT, s.get());
  }
}

TEST_F(Intervals, YearMonthIntervalInAnExpression) {
  for (bool prepared : {false, true}) {
    SCOPED_TRACE(prepared ? "prepared" : "direct");
    SQL_INTERVAL_STRUCT ym{};
    ym.interval_type = SQL_IS_YEAR_TO_MONTH;
    ym.intval.year_month = {1, 2};
    SQLLEN zero = 0;
    ASSERT_ODBC_OK(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_INTERVAL_YEAR_TO_MONTH, SQL_INTERVAL_YEAR_TO_MONTH,
                                    0, 0, &ym, 0, &zero),
                   SQL_HANDLE_STMT, s.get());
    const char* sql = "SELECT DATE_ADD(DATE'2024-01-31', INTERVAL ? YEAR_MONTH)";
    if (prepared) {
      ASSERT_ODBC_OK(SQLPrepare(s, (SQLCHAR*)sql, SQL_NTS), SQL_HANDLE_STMT, s.get());
      ASSERT_ODBC_OK(SQLExecute(s), SQL_HANDLE_STMT, s.get());
    } else {
      ASSERT_ODBC_OK(SQLExecDirect(s, (SQLCHAR*)sql, SQL_NTS), SQL_HANDLE_STMT, s.get());
    }
    auto rows = s.rows();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0], "2025-03-31");
    SQLFreeStmt(s, SQL_RESET_PARAMS);
  }
}

TEST_F(Intervals, OutOfRangeFieldIs22015) {
  ASSERT_ODBC_OK(SQLPrepare(s, (SQLCHAR*)"SELECT ?", SQL_NTS), SQL_HANDLE_STMT, s.get());
  SQL_INTERVAL_STRUCT bad = day_to_second(false, 1, 25, 0, 0, 0);  // hour 25 in DAY TO SECOND
  SQLLEN zero = 0;
  ASSERT_ODBC_OK(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_INTERVAL_DAY_TO_SECOND, SQL_VARCHAR, 30, 0, &bad, 0,
                                  &zero),
                 SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(SQLExecute(s), SQL_ERROR);
  EXPECT_EQ(s.state(), "22015") << s.diagnostics();
}

}  // namespace
}  // namespace fabodbc::itest
