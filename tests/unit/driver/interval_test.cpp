// Interval C types: TIME, numbers and interval text into SQL_INTERVAL_STRUCT, and the struct
// out as a number, a TIME or interval text, with ODBC's SQLSTATEs (07006, 22015, 22018, 01S07).
#include "driver/convert/convert.h"
#include "driver/convert/interval.h"
#include "driver/convert/type_map.h"
#include "driver/error.h"

#include <gtest/gtest.h>

#include <string>

namespace fabodbc {
namespace {

ColumnInfo column(MyType type, unsigned long length, unsigned flags = 0, unsigned decimals = 0) {
  FieldDesc f;
  f.type = type;
  f.length = length;
  f.flags = flags;
  f.charsetnr = type == MyType::VarString ? 45 : 63;
  f.decimals = decimals;
  return describe_column(f);
}

struct Fetched {
  SQL_INTERVAL_STRUCT v{};
  SQLRETURN rc = SQL_ERROR;
  std::string state;
};

Fetched fetch(const ColumnInfo& col, const std::string& value, SQLSMALLINT c_type) {
  Fetched f;
  SQLLEN ind = 0;
  CTarget t{c_type, &f.v, sizeof f.v, &ind, &ind};
  try {
    f.rc = convert_to_c(col, Cell::text(value.data(), value.size()), t, nullptr).rc;
    EXPECT_EQ(ind, static_cast<SQLLEN>(sizeof(SQL_INTERVAL_STRUCT)));
  } catch (const OdbcError& e) {
    f.state = e.sqlstate();
  }
  return f;
}

TEST(Interval, TimeColumnIntoDayTimeIntervals) {
  const ColumnInfo time = column(MyType::Time, 17, 0, 6);
  Fetched f = fetch(time, "-76:05:06.250000", SQL_C_INTERVAL_HOUR_TO_SECOND);
  ASSERT_EQ(f.rc, SQL_SUCCESS) << f.state;
  EXPECT_EQ(f.v.interval_type, SQL_IS_HOUR_TO_SECOND);
  EXPECT_EQ(f.v.interval_sign, SQL_TRUE);
  EXPECT_EQ(f.v.intval.day_second.hour, 76u);
  EXPECT_EQ(f.v.intval.day_second.minute, 5u);
  EXPECT_EQ(f.v.intval.day_second.second, 6u);
  EXPECT_EQ(f.v.intval.day_second.fraction, 250000u);  // microseconds

  f = fetch(time, "76:05:06", SQL_C_INTERVAL_DAY_TO_SECOND);
  ASSERT_EQ(f.rc, SQL_SUCCESS);
  EXPECT_EQ(f.v.interval_sign, SQL_FALSE);
  EXPECT_EQ(f.v.intval.day_second.day, 3u);
  EXPECT_EQ(f.v.intval.day_second.hour, 4u);

  f = fetch(time, "01:30:00", SQL_C_INTERVAL_MINUTE);
  ASSERT_EQ(f.rc, SQL_SUCCESS);
  EXPECT_EQ(f.v.intval.day_second.minute, 90u);

  f = fetch(time, "01:30:15", SQL_C_INTERVAL_HOUR_TO_MINUTE);  // the seconds are dropped: 01S07
  EXPECT_EQ(f.rc, SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(f.v.intval.day_second.minute, 30u);

  EXPECT_EQ(fetch(time, "01:00:00", SQL_C_INTERVAL_YEAR_TO_MONTH).state, "07006");
}

TEST(Interval, NumbersFillSingleFieldIntervals) {
  const ColumnInfo integer = column(MyType::Long, 11);
  Fetched f = fetch(integer, "-14", SQL_C_INTERVAL_DAY);
  ASSERT_EQ(f.rc, SQL_SUCCESS) << f.state;
  EXPECT_EQ(f.v.interval_type, SQL_IS_DAY);
  EXPECT_EQ(f.v.interval_sign, SQL_TRUE);
  EXPECT_EQ(f.v.intval.day_second.day, 14u);
  f = fetch(integer, "30", SQL_C_INTERVAL_MONTH);
  EXPECT_EQ(f.v.intval.year_month.month, 30u);
  EXPECT_EQ(fetch(integer, "30", SQL_C_INTERVAL_DAY_TO_HOUR).state, "07006");
  EXPECT_EQ(fetch(column(MyType::LongLong, 20), "99999999999", SQL_C_INTERVAL_SECOND).state, "22015");

  const ColumnInfo decimal = column(MyType::NewDecimal, 12, 0, 3);
  f = fetch(decimal, "12.125", SQL_C_INTERVAL_SECOND);
  ASSERT_EQ(f.rc, SQL_SUCCESS);
  EXPECT_EQ(f.v.intval.day_second.second, 12u);
  EXPECT_EQ(f.v.intval.day_second.fraction, 125000u);
  f = fetch(decimal, "2.500", SQL_C_INTERVAL_HOUR);
  EXPECT_EQ(f.rc, SQL_SUCCESS_WITH_INFO);  // fraction of an hour dropped: 01S07
  EXPECT_EQ(f.v.intval.day_second.hour, 2u);
}

TEST(Interval, TextLiterals) {
  const ColumnInfo text = column(MyType::VarString, 400);
  Fetched f = fetch(text, "3-11", SQL_C_INTERVAL_YEAR_TO_MONTH);
  ASSERT_EQ(f.rc, SQL_SUCCESS) << f.state;
  EXPECT_EQ(f.v.intval.year_month.year, 3u);
  EXPECT_EQ(f.v.intval.year_month.month, 11u);
  f = fetch(text, "-2 03:04:05.5", SQL_C_INTERVAL_DAY_TO_SECOND);
  ASSERT_EQ(f.rc, SQL_SUCCESS) << f.state;
  EXPECT_EQ(f.v.interval_sign, SQL_TRUE);
  EXPECT_EQ(f.v.intval.day_second.day, 2u);
  EXPECT_EQ(f.v.intval.day_second.second, 5u);
  EXPECT_EQ(f.v.intval.day_second.fraction, 500000u);
  EXPECT_EQ(fetch(text, "3-12", SQL_C_INTERVAL_YEAR_TO_MONTH).state, "22015");  // month 12
  EXPECT_EQ(fetch(text, "next week", SQL_C_INTERVAL_DAY).state, "22018");
  EXPECT_EQ(fetch(text, "1 02", SQL_C_INTERVAL_YEAR_TO_MONTH).state, "22018");
}

TEST(Interval, OtherColumnsAreRefused) {
  EXPECT_EQ(fetch(column(MyType::Date, 10), "2024-01-01", SQL_C_INTERVAL_DAY).state, "07006");
  EXPECT_EQ(fetch(column(MyType::Blob, 100), "x", SQL_C_INTERVAL_DAY).state, "07006");
}

SQL_INTERVAL_STRUCT day_second(bool negative, unsigned d, unsigned h, unsigned m, unsigned s, unsigned us) {
  SQL_INTERVAL_STRUCT v{};
  v.interval_sign = negative ? SQL_TRUE : SQL_FALSE;
  v.intval.day_second = {d, h, m, s, us};
  return v;
}

ParamValue send(const SQL_INTERVAL_STRUCT& v, SQLSMALLINT c_type, SQLSMALLINT sql_type, std::string* state) {
  ParamSource p;
  p.c_type = c_type;
  p.sql_type = sql_type;
  p.data = &v;
  try {
    return convert_from_c(p);
  } catch (const OdbcError& e) {
    *state = e.sqlstate();
    return ParamValue{};
  }
}

TEST(Interval, ParametersAsTextTimeOrNumber) {
  std::string state;
  ParamValue v = send(day_second(true, 3, 4, 5, 6, 250000), SQL_C_INTERVAL_DAY_TO_SECOND, SQL_VARCHAR, &state);
  EXPECT_EQ(v.kind, ParamValue::Kind::Text);
  EXPECT_EQ(v.bytes, "-3 04:05:06.250000");
  v = send(day_second(false, 3, 4, 5, 6, 0), SQL_C_INTERVAL_DAY_TO_SECOND, SQL_TYPE_TIME, &state);
  EXPECT_EQ(v.kind, ParamValue::Kind::Time);
  EXPECT_EQ(v.t.hour, 76u);
  EXPECT_EQ(v.t.minute, 5u);
  EXPECT_EQ(v.t.second, 6u);
  v = send(day_second(false, 0, 0, 0, 42, 500000), SQL_C_INTERVAL_SECOND, SQL_DECIMAL, &state);
  EXPECT_EQ(v.kind, ParamValue::Kind::Decimal);
  EXPECT_EQ(v.bytes, "42.500000");
  v = send(day_second(true, 9, 0, 0, 0, 0), SQL_C_INTERVAL_DAY, SQL_INTEGER, &state);
  EXPECT_EQ(v.kind, ParamValue::Kind::Int);
  EXPECT_EQ(v.i, -9);

  SQL_INTERVAL_STRUCT ym{};
  ym.intval.year_month = {1, 2};
  v = send(ym, SQL_C_INTERVAL_YEAR_TO_MONTH, SQL_INTERVAL_YEAR_TO_MONTH, &state);
  EXPECT_EQ(v.bytes, "1-02");
  EXPECT_TRUE(state.empty()) << state;

  send(ym, SQL_C_INTERVAL_YEAR_TO_MONTH, SQL_TYPE_TIME, &state);
  EXPECT_EQ(state, "07006");
  state.clear();
  send(ym, SQL_C_INTERVAL_YEAR_TO_MONTH, SQL_INTEGER, &state);
  EXPECT_EQ(state, "07006");
  state.clear();
  send(day_second(false, 1, 24, 0, 0, 0), SQL_C_INTERVAL_DAY_TO_HOUR, SQL_VARCHAR, &state);
  EXPECT_EQ(state, "22015");  // hour 24 in a trailing field
}

// A day-time interval sent as a TIME must fit MySQL's TIME (up to 838:59:59): longer is 22015,
// not a value the server would clip to 838:59:59.
TEST(Interval, ParametersLongerThanATimeAre22015) {
  std::string state;
  ParamValue v = send(day_second(true, 34, 22, 59, 59, 0), SQL_C_INTERVAL_DAY_TO_SECOND, SQL_TYPE_TIME, &state);
  EXPECT_TRUE(state.empty()) << state;
  EXPECT_EQ(v.t.hour, 838u);
  EXPECT_TRUE(v.t.negative);
  send(day_second(false, 34, 22, 59, 59, 1), SQL_C_INTERVAL_DAY_TO_SECOND, SQL_TYPE_TIME, &state);
  EXPECT_EQ(state, "22015");
  state.clear();
  send(day_second(false, 40, 0, 0, 0, 0), SQL_C_INTERVAL_DAY, SQL_TYPE_TIME, &state);
  EXPECT_EQ(state, "22015");
  state.clear();
  send(day_second(true, 0, 839, 0, 0, 0), SQL_C_INTERVAL_HOUR, SQL_TYPE_TIME, &state);
  EXPECT_EQ(state, "22015");
  state.clear();
  // As text (SQL_VARCHAR, SQL_INTERVAL_*) the same interval is no TIME and goes as it is.
  v = send(day_second(false, 40, 0, 0, 0, 0), SQL_C_INTERVAL_DAY, SQL_VARCHAR, &state);
  EXPECT_TRUE(state.empty()) << state;
  EXPECT_EQ(v.bytes, "40");
}

}  // namespace
}  // namespace fabodbc
