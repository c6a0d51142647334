// C -> SQL parameter conversion and SQL literal rendering (escaping, injection attempts).
#include "driver/convert/convert.h"
#include "driver/error.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

namespace fabodbc {
namespace {

template <typename T>
ParamValue convert(SQLSMALLINT c_type, SQLSMALLINT sql_type, const T& value, SQLLEN ind = 0,
                   SQLULEN column_size = 0, SQLSMALLINT digits = 0) {
  static SQLLEN indicator;
  indicator = ind ? ind : static_cast<SQLLEN>(sizeof(T));
  ParamSource p;
  p.c_type = c_type;
  p.sql_type = sql_type;
  p.column_size = column_size;
  p.decimal_digits = digits;
  p.data = &value;
  p.buffer_length = sizeof(T);
  p.indicator = &indicator;
  return convert_from_c(p);
}

ParamValue text_param(const std::string& s, SQLSMALLINT sql_type, SQLLEN ind = SQL_NTS, SQLULEN column_size = 0,
                      SQLSMALLINT digits = 0) {
  static SQLLEN indicator;
  indicator = ind;
  ParamSource p;
  p.c_type = SQL_C_CHAR;
  p.sql_type = sql_type;
  p.column_size = column_size;
  p.decimal_digits = digits;
  p.data = s.c_str();
  p.buffer_length = static_cast<SQLLEN>(s.size() + 1);
  p.indicator = &indicator;
  return convert_from_c(p);
}

std::string state_of(const std::function<void()>& f) {
  try {
    f();
    return "";
  } catch (const OdbcError& e) {
    return e.sqlstate();
  }
}

TEST(ConvertFromC, NullNtsAndLength) {
  SQLLEN null_ind = SQL_NULL_DATA;
  ParamSource p;
  p.c_type = SQL_C_CHAR;
  p.data = "x";
  p.indicator = &null_ind;
  EXPECT_EQ(convert_from_c(p).kind, ParamValue::Kind::Null);

  auto v = text_param("hello", SQL_VARCHAR);
  EXPECT_EQ(v.kind, ParamValue::Kind::Text);
  EXPECT_EQ(v.bytes, "hello");
  v = text_param("hello", SQL_VARCHAR, 3);
  EXPECT_EQ(v.bytes, "hel");
  // No indicator at all: NUL-terminated.
  p.indicator = nullptr;
  EXPECT_EQ(convert_from_c(p).bytes, "x");
}

TEST(ConvertFromC, DataAtExecIsNotHandledHere) {
  SQLLEN dae = SQL_DATA_AT_EXEC;
  ParamSource p;
  p.c_type = SQL_C_CHAR;
  p.data = "x";
  p.indicator = &dae;
  EXPECT_EQ(state_of([&] { convert_from_c(p); }), "HY000");
  SQLLEN dae_len = SQL_LEN_DATA_AT_EXEC(100);
  p.indicator = &dae_len;
  EXPECT_EQ(state_of([&] { convert_from_c(p); }), "HY000");
}

TEST(ConvertFromC, WideTextBecomesUtf8) {
  const SQLWCHAR w[] = {'h', 0xE9, 0xD83D, 0xDE00, 0};
  ParamSource p;
  p.c_type = SQL_C_WCHAR;
  p.sql_type = SQL_WVARCHAR;
  p.data = w;
  SQLLEN nts = SQL_NTS;
  p.indicator = &nts;
  auto v = convert_from_c(p);
  EXPECT_EQ(v.kind, ParamValue::Kind::Text);
  EXPECT_EQ(v.bytes, "h\xC3\xA9\xF0\x9F\x98\x80");
  SQLLEN bytes = 4;  // two units
  p.indicator = &bytes;
  EXPECT_EQ(convert_from_c(p).bytes, "h\xC3\xA9");
  SQLLEN odd = 3;
  p.indicator = &odd;
  EXPECT_EQ(state_of([&] { convert_from_c(p); }), "HY090");
}

TEST(ConvertFromC, CharToNumbers) {
  auto v = text_param(" 42 ", SQL_INTEGER);
  EXPECT_EQ(v.kind, ParamValue::Kind::Int);
  EXPECT_EQ(v.i, 42);
  v = text_param("-9223372036854775808", SQL_BIGINT);
  EXPECT_EQ(v.kind, ParamValue::Kind::Int);
  EXPECT_EQ(v.i, std::numeric_limits<int64_t>::min());
  v = text_param("18446744073709551615", SQL_BIGINT);
  EXPECT_EQ(v.kind, ParamValue::Kind::UInt);
  EXPECT_EQ(v.u, std::numeric_limits<uint64_t>::max());
  v = text_param("+1.50", SQL_DECIMAL);
  EXPECT_EQ(v.kind, ParamValue::Kind::Decimal);
  EXPECT_EQ(v.bytes, "1.50");
  v = text_param("1.5e2", SQL_DECIMAL);
  EXPECT_EQ(v.bytes, "150");
  v = text_param("2.5", SQL_DOUBLE);
  EXPECT_EQ(v.kind, ParamValue::Kind::Double);
  EXPECT_EQ(v.d, 2.5);
  EXPECT_EQ(state_of([] { text_param("abc", SQL_INTEGER); }), "22018");
  EXPECT_EQ(state_of([] { text_param("1; DROP TABLE t", SQL_INTEGER); }), "22018");
  EXPECT_EQ(state_of([] { text_param("1e999", SQL_DOUBLE); }), "22003");
  EXPECT_EQ(state_of([] { text_param("12345.6", SQL_DECIMAL, SQL_NTS, 5, 2); }), "22003");
  EXPECT_EQ(text_param("123.456", SQL_DECIMAL, SQL_NTS, 5, 2).bytes, "123.456");  // fraction: server rounds
  EXPECT_EQ(state_of([] { text_param("2", SQL_BIT); }), "22003");
  EXPECT_EQ(text_param("1", SQL_BIT).i, 1);
}

TEST(ConvertFromC, CharToDates) {
  auto v = text_param("2024-02-29", SQL_TYPE_DATE);
  EXPECT_EQ(v.kind, ParamValue::Kind::Date);
  EXPECT_EQ(v.t.year, 2024);
  EXPECT_EQ(v.t.day, 29u);
  v = text_param("2024-02-29 10:11:12.5", SQL_TYPE_TIMESTAMP);
  EXPECT_EQ(v.kind, ParamValue::Kind::DateTime);
  EXPECT_EQ(v.t.fraction_ns, 500000000u);
  v = text_param("-838:59:59", SQL_TYPE_TIME);
  EXPECT_EQ(v.kind, ParamValue::Kind::Time);
  EXPECT_TRUE(v.t.negative);
  EXPECT_EQ(v.t.hour, 838u);
  EXPECT_EQ(state_of([] { text_param("2023-02-29", SQL_TYPE_DATE); }), "22007");
  EXPECT_EQ(state_of([] { text_param("yesterday", SQL_TYPE_TIMESTAMP); }), "22007");
}

TEST(ConvertFromC, Integers) {
  auto v = convert<SQLINTEGER>(SQL_C_SLONG, SQL_INTEGER, -5);
  EXPECT_EQ(v.kind, ParamValue::Kind::Int);
  EXPECT_EQ(v.i, -5);
  v = convert<SQLUBIGINT>(SQL_C_UBIGINT, SQL_BIGINT, std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(v.kind, ParamValue::Kind::UInt);
  v = convert<SQLBIGINT>(SQL_C_SBIGINT, SQL_BIGINT, std::numeric_limits<int64_t>::min());
  EXPECT_EQ(v.i, std::numeric_limits<int64_t>::min());
  v = convert<signed char>(SQL_C_STINYINT, SQL_SMALLINT, -128);
  EXPECT_EQ(v.i, -128);
  v = convert<SQLUSMALLINT>(SQL_C_USHORT, SQL_INTEGER, 65535);
  EXPECT_EQ(v.i, 65535);
  EXPECT_EQ(state_of([] { convert<SQLINTEGER>(SQL_C_SLONG, SQL_BIT, 2); }), "22003");
  EXPECT_EQ(state_of([] { convert<SQLINTEGER>(SQL_C_SLONG, SQL_TYPE_DATE, 2); }), "07006");
  EXPECT_EQ(state_of([] { convert<SQLINTEGER>(SQL_C_SLONG, SQL_DECIMAL, 123456, 0, 5, 2); }), "22003");
  EXPECT_EQ(state_of([] { convert<unsigned char>(SQL_C_BIT, SQL_BIT, 7); }), "22003");
}

TEST(ConvertFromC, Doubles) {
  auto v = convert<double>(SQL_C_DOUBLE, SQL_DOUBLE, 0.1);
  EXPECT_EQ(v.kind, ParamValue::Kind::Double);
  EXPECT_EQ(v.d, 0.1);
  EXPECT_EQ(state_of([] { convert<double>(SQL_C_DOUBLE, SQL_DOUBLE, std::nan("")); }), "22003");
  EXPECT_EQ(state_of([] { convert<double>(SQL_C_DOUBLE, SQL_DOUBLE, HUGE_VAL); }), "22003");
  EXPECT_EQ(state_of([] { convert<double>(SQL_C_DOUBLE, SQL_REAL, 1e300); }), "22003");
  EXPECT_EQ(convert<float>(SQL_C_FLOAT, SQL_REAL, 1.5f).d, 1.5);
}

TEST(ConvertFromC, NumericStruct) {
  SQL_NUMERIC_STRUCT ns{};
  ns.precision = 10;
  ns.scale = 3;
  ns.sign = 0;
  const unsigned v = 1234567;  // -1234.567
  ns.val[0] = v & 0xFF;
  ns.val[1] = (v >> 8) & 0xFF;
  ns.val[2] = (v >> 16) & 0xFF;
  auto p = convert(SQL_C_NUMERIC, SQL_DECIMAL, ns);
  EXPECT_EQ(p.kind, ParamValue::Kind::Decimal);
  EXPECT_EQ(p.bytes, "-1234.567");
  ns.scale = 9;
  EXPECT_EQ(convert(SQL_C_NUMERIC, SQL_DECIMAL, ns).bytes, "-0.001234567");
  ns.scale = 0;
  ns.sign = 1;
  EXPECT_EQ(convert(SQL_C_NUMERIC, SQL_DECIMAL, ns).bytes, "1234567");
  SQL_NUMERIC_STRUCT max{};
  max.sign = 1;
  std::memset(max.val, 0xFF, sizeof max.val);
  EXPECT_EQ(convert(SQL_C_NUMERIC, SQL_VARCHAR, max).bytes, "340282366920938463463374607431768211455");
}

// SQL_C_NUMERIC takes its scale from the APD when the application set it, else from
// SQLBindParameter's DecimalDigits (as MySQL and MariaDB Connector/ODBC do), and only with
// DecimalDigits 0 from the struct itself.
TEST(ConvertFromC, NumericStructScaleFromDecimalDigitsOrTheApd) {
  SQL_NUMERIC_STRUCT ns{};
  ns.sign = 1;
  ns.val[0] = 12345 & 0xFF;
  ns.val[1] = 12345 >> 8;
  static SQLLEN indicator = sizeof ns;
  ParamSource p;
  p.c_type = SQL_C_NUMERIC;
  p.sql_type = SQL_DECIMAL;
  p.column_size = 10;
  p.decimal_digits = 2;
  p.data = &ns;
  p.buffer_length = sizeof ns;
  p.indicator = &indicator;
  EXPECT_EQ(convert_from_c(p).bytes, "123.45");  // struct scale 0, DecimalDigits 2
  ns.scale = 4;                                  // DecimalDigits wins over the struct
  EXPECT_EQ(convert_from_c(p).bytes, "123.45");
  p.decimal_digits = 0;                          // nothing else states a scale: the struct's
  EXPECT_EQ(convert_from_c(p).bytes, "1.2345");
  ns.scale = 0;
  EXPECT_EQ(convert_from_c(p).bytes, "12345");
  p.numeric_scale_set = true;                    // the APD's scale, whatever else says
  p.numeric_scale = 3;
  p.decimal_digits = 2;
  ns.scale = 1;
  EXPECT_EQ(convert_from_c(p).bytes, "12.345");
  p.numeric_scale = 0;
  EXPECT_EQ(convert_from_c(p).bytes, "12345");
  // DecimalDigits is a scale only for exact numeric SQL types.
  p.numeric_scale_set = false;
  p.sql_type = SQL_VARCHAR;
  ns.scale = 0;
  EXPECT_EQ(convert_from_c(p).bytes, "12345");
}

TEST(ConvertFromC, DatesAndTimes) {
  SQL_DATE_STRUCT d{2024, 2, 29};
  auto v = convert(SQL_C_TYPE_DATE, SQL_TYPE_DATE, d);
  EXPECT_EQ(v.kind, ParamValue::Kind::Date);
  EXPECT_EQ(to_sql_literal(v, false), "'2024-02-29'");
  SQL_DATE_STRUCT bad{2023, 2, 29};
  EXPECT_EQ(state_of([&] { convert(SQL_C_TYPE_DATE, SQL_TYPE_DATE, bad); }), "22007");
  SQL_TIME_STRUCT t{23, 59, 59};
  v = convert(SQL_C_TYPE_TIME, SQL_TYPE_TIME, t);
  EXPECT_EQ(to_sql_literal(v, false), "'23:59:59'");
  SQL_TIME_STRUCT bad_t{24, 0, 0};
  EXPECT_EQ(state_of([&] { convert(SQL_C_TIME, SQL_TYPE_TIME, bad_t); }), "22007");
  SQL_TIMESTAMP_STRUCT ts{2024, 5, 6, 7, 8, 9, 123456000};
  v = convert(SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, ts);
  EXPECT_EQ(v.kind, ParamValue::Kind::DateTime);
  EXPECT_EQ(to_sql_literal(v, false), "'2024-05-06 07:08:09.123456'");
  v = convert(SQL_C_TIMESTAMP, SQL_TYPE_DATE, ts);
  EXPECT_EQ(v.kind, ParamValue::Kind::Date);
  SQL_TIMESTAMP_STRUCT bad_ts{2024, 13, 1, 0, 0, 0, 0};
  EXPECT_EQ(state_of([&] { convert(SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, bad_ts); }), "22007");
}

TEST(ConvertFromC, BinaryGuidAndErrors) {
  const unsigned char bytes[4] = {0x00, 0x27, 0x5C, 0xFF};
  ParamSource p;
  p.c_type = SQL_C_BINARY;
  p.sql_type = SQL_VARBINARY;
  p.data = bytes;
  SQLLEN len = 4;
  p.indicator = &len;
  auto v = convert_from_c(p);
  EXPECT_EQ(v.kind, ParamValue::Kind::Bytes);
  EXPECT_EQ(v.bytes, std::string("\x00\x27\x5C\xFF", 4));
  EXPECT_EQ(to_sql_literal(v, false), "X'00275CFF'");

  SQLGUID g{0x12345678, 0x9abc, 0xdef0, {1, 2, 3, 4, 5, 6, 7, 8}};
  EXPECT_EQ(convert(SQL_C_GUID, SQL_CHAR, g).bytes, "12345678-9abc-def0-0102-030405060708");
  EXPECT_EQ(state_of([] { convert<int>(12345, SQL_VARCHAR, 1); }), "HY003");
}

TEST(SqlLiteral, NumbersAndNull) {
  ParamValue v;
  EXPECT_EQ(to_sql_literal(v, false), "NULL");
  v.kind = ParamValue::Kind::Int;
  v.i = std::numeric_limits<int64_t>::min();
  EXPECT_EQ(to_sql_literal(v, false), "-9223372036854775808");
  v.kind = ParamValue::Kind::UInt;
  v.u = std::numeric_limits<uint64_t>::max();
  EXPECT_EQ(to_sql_literal(v, false), "18446744073709551615");
  v.kind = ParamValue::Kind::Decimal;
  v.bytes = "-12.50";
  EXPECT_EQ(to_sql_literal(v, false), "-12.50");
  v.bytes = "1 OR 1=1";  // not a decimal: quoted, never bare
  EXPECT_EQ(to_sql_literal(v, false), "'1 OR 1=1'");
}

TEST(SqlLiteral, DoublesRoundTrip) {
  ParamValue v;
  v.kind = ParamValue::Kind::Double;
  for (double d : {0.1, 1.0 / 3.0, -2.5e-300, 1.7976931348623157e308, 123456789012345678.0, 0.0}) {
    v.d = d;
    const std::string s = to_sql_literal(v, false);
    ASSERT_NE(s.find_first_of("eE"), std::string::npos) << s;
    EXPECT_EQ(std::strtod(s.c_str(), nullptr), d) << s;
  }
  v.d = std::nan("");
  EXPECT_THROW(to_sql_literal(v, false), OdbcError);
  v.d = -HUGE_VAL;
  EXPECT_THROW(to_sql_literal(v, false), OdbcError);
}

TEST(SqlLiteral, StringEscaping) {
  ParamValue v;
  v.kind = ParamValue::Kind::Text;
  v.bytes = std::string("a'b\"c\\d\ne\rf\x1ag\0h", 15);
  EXPECT_EQ(to_sql_literal(v, false), "'a\\'b\\\"c\\\\d\\ne\\rf\\Zg\\0h'");
  v.bytes = "it's a\\b";
  EXPECT_EQ(to_sql_literal(v, true), "'it''s a\\b'");
}

// Under either escaping mode, the rendered literal must be exactly one string token: scanning
// it with the server's rules ends at the final character.
size_t literal_end(const std::string& s, bool no_backslash_escapes) {
  size_t i = 1;
  while (i < s.size()) {
    if (!no_backslash_escapes && s[i] == '\\') {
      i += 2;
      continue;
    }
    if (s[i] == '\'') {
      if (i + 1 < s.size() && s[i + 1] == '\'') {
        i += 2;
        continue;
      }
      return i;
    }
    ++i;
  }
  return std::string::npos;
}

TEST(SqlLiteral, InjectionAttemptsStayInsideTheLiteral) {
  const std::string attacks[] = {
      "'; DROP TABLE users; --",
      "\\'; DROP TABLE users; --",
      "\\",
      "x\\",
      "''",
      "\\\\'",
      std::string("\0'; --", 6),
      "\xBF\x27 OR 1=1 --",  // GBK-style multibyte trick; we only speak utf8mb4
      "\" OR \"\"=\"",
  };
  for (const std::string& a : attacks) {
    ParamValue v;
    v.kind = ParamValue::Kind::Text;
    v.bytes = a;
    for (bool nbe : {false, true}) {
      const std::string lit = to_sql_literal(v, nbe);
      SCOPED_TRACE(lit);
      ASSERT_EQ(lit.front(), '\'');
      EXPECT_EQ(literal_end(lit, nbe), lit.size() - 1);
    }
  }
}

}  // namespace
}  // namespace fabodbc
