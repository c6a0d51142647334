// Date, time, timestamp and interval literals: validation and the MySQL form.
#include "driver/sql/literal_escapes.h"

#include "tests/unit/sql/sql_test_util.h"

namespace fabodbc::test {
namespace {

using namespace fabodbc::sql;

std::string state_of_date(const std::string& v) { return sqlstate_of([&] { date_literal(v); }); }
std::string state_of_time(const std::string& v) { return sqlstate_of([&] { time_literal(v); }); }
std::string state_of_ts(const std::string& v) { return sqlstate_of([&] { timestamp_literal(v); }); }

TEST(DateLiteral, ValidDatesArePadded) {
  EXPECT_EQ(date_literal("2024-02-29"), "DATE'2024-02-29'");
  EXPECT_EQ(date_literal("2000-2-29"), "DATE'2000-02-29'");
  EXPECT_EQ(date_literal("0001-01-01"), "DATE'0001-01-01'");
  EXPECT_EQ(date_literal("9999-12-31"), "DATE'9999-12-31'");
}

TEST(DateLiteral, InvalidDatesAre22007) {
  for (const char* bad : {"2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "0000-01-01",
                          "24-01-01", "2024-01-01 ", " 2024-01-01", "2024/01/01", "2024-001-01", "", "abcd-ef-gh",
                          "2024-01-02'; DROP TABLE t; --"})
    EXPECT_EQ(state_of_date(bad), "22007") << bad;
}

TEST(TimeLiteral, ValidAndInvalid) {
  EXPECT_EQ(time_literal("13:14:15"), "TIME'13:14:15'");
  EXPECT_EQ(time_literal("1:02:03"), "TIME'01:02:03'");
  EXPECT_EQ(time_literal("23:59:59.25"), "TIME'23:59:59.25'");
  for (const char* bad : {"24:00:00", "12:60:00", "12:00:60", "12:00", "12:00:00.", "x", "12:00:00.1234567890"})
    EXPECT_EQ(state_of_time(bad), "22007") << bad;
}

TEST(TimestampLiteral, FractionKeptToMicroseconds) {
  EXPECT_EQ(timestamp_literal("2024-01-02 03:04:05"), "TIMESTAMP'2024-01-02 03:04:05'");
  EXPECT_EQ(timestamp_literal("2024-01-02 03:04:05.123456789"), "TIMESTAMP'2024-01-02 03:04:05.123456'");
  EXPECT_EQ(timestamp_literal("2024-1-2 3:04:05.5"), "TIMESTAMP'2024-01-02 03:04:05.5'");
  for (const char* bad : {"2024-01-02", "2024-01-02T03:04:05", "2024-01-02  03:04:05", "2023-02-29 00:00:00",
                          "2024-01-02 25:00:00"})
    EXPECT_EQ(state_of_ts(bad), "22007") << bad;
}

TEST(IntervalLiteral, SingleFields) {
  EXPECT_EQ(interval_literal(false, "163", "DAY"), "INTERVAL '163' DAY");
  EXPECT_EQ(interval_literal(true, "5", "day(3)"), "INTERVAL '-5' DAY");
  EXPECT_EQ(interval_literal(false, "7", "YEAR"), "INTERVAL '7' YEAR");
  EXPECT_EQ(interval_literal(false, "90", "MINUTE"), "INTERVAL '90' MINUTE");
  // A fraction of a second goes through SECOND_MICROSECOND, padded to microseconds.
  EXPECT_EQ(interval_literal(false, "1.5", "SECOND(2,6)"), "INTERVAL '1.500000' SECOND_MICROSECOND");
}

TEST(IntervalLiteral, CompoundFields) {
  EXPECT_EQ(interval_literal(false, "2-3", "YEAR TO MONTH"), "INTERVAL '2-3' YEAR_MONTH");
  EXPECT_EQ(interval_literal(false, "1 2", "DAY TO HOUR"), "INTERVAL '1 2' DAY_HOUR");
  EXPECT_EQ(interval_literal(false, "1 2:3", "DAY TO MINUTE"), "INTERVAL '1 2:3' DAY_MINUTE");
  EXPECT_EQ(interval_literal(false, "1 02:03:04", "DAY TO SECOND"), "INTERVAL '1 2:3:4' DAY_SECOND");
  EXPECT_EQ(interval_literal(true, "1 02:03:04.25", "DAY(2) TO SECOND(3)"),
            "INTERVAL '-1 2:3:4.250000' DAY_MICROSECOND");
  EXPECT_EQ(interval_literal(false, "10:30", "HOUR TO MINUTE"), "INTERVAL '10:30' HOUR_MINUTE");
  EXPECT_EQ(interval_literal(false, "2:30:15", "hour to second"), "INTERVAL '2:30:15' HOUR_SECOND");
  EXPECT_EQ(interval_literal(false, "30:15.5", "MINUTE TO SECOND"), "INTERVAL '30:15.500000' MINUTE_MICROSECOND");
}

TEST(IntervalLiteral, Errors) {
  auto st = [](const char* v, const char* q) { return sqlstate_of([&] { interval_literal(false, v, q); }); };
  EXPECT_EQ(st("1", "FORTNIGHT"), "42000");
  EXPECT_EQ(st("1-2", "MONTH TO YEAR"), "42000");
  EXPECT_EQ(st("1-2", "YEAR TO DAY"), "42000");
  EXPECT_EQ(st("1", ""), "42000");
  EXPECT_EQ(st("2-12", "YEAR TO MONTH"), "22015");
  EXPECT_EQ(st("1 24", "DAY TO HOUR"), "22015");
  EXPECT_EQ(st("1:60", "HOUR TO MINUTE"), "22015");
  EXPECT_EQ(st("x", "DAY"), "22007");
  EXPECT_EQ(st("1 2", "DAY"), "22007");
  EXPECT_EQ(st("1.5", "DAY"), "22007");
  EXPECT_EQ(st("1-2", "DAY TO HOUR"), "22007");
}

TEST(LikeEscape, QuotingForTheServer) {
  EXPECT_EQ(like_escape_clause("!", true), "ESCAPE '!'");
  EXPECT_EQ(like_escape_clause("\\", true), "ESCAPE '\\\\'");
  EXPECT_EQ(like_escape_clause("\\", false), "ESCAPE '\\'");
  EXPECT_EQ(like_escape_clause("'", true), "ESCAPE ''''");
  EXPECT_EQ(sqlstate_of([] { like_escape_clause("ab", true); }), "42000");
}

}  // namespace
}  // namespace fabodbc::test
