// SQL -> C conversions (ODBC appendix D): text protocol values into every C type, truncation
// and SQLGetData pieces, range errors, bad text, dates, BIT, SQL_NUMERIC_STRUCT.
#include "driver/convert/convert.h"
#include "driver/convert/type_map.h"
#include "driver/error.h"

#include <gtest/gtest.h>

#include <cstring>
#include <ctime>
#include <random>
#include <vector>
#include <string>

namespace fabodbc {
namespace {

ColumnInfo column(MyType type, unsigned long length, unsigned flags = 0, unsigned charsetnr = 63,
                  unsigned decimals = 0) {
  FieldDesc f;
  f.type = type;
  f.length = length;
  f.flags = flags;
  f.charsetnr = charsetnr;
  f.decimals = decimals;
  return describe_column(f);
}
ColumnInfo varchar_col() { return column(MyType::VarString, 1020, 0, 45); }
ColumnInfo int_col() { return column(MyType::Long, 11); }
Cell text(const std::string& s) { return Cell::text(s.data(), s.size()); }

// Runs one conversion into a fixed-size target and returns the SQLSTATE it threw ("" if none).
template <typename T>
std::string state_of(const ColumnInfo& col, const std::string& value, SQLSMALLINT c_type, T* out) {
  SQLLEN ind = 0;
  CTarget t{c_type, out, sizeof(T), &ind, &ind};
  try {
    convert_to_c(col, text(value), t, nullptr);
    return "";
  } catch (const OdbcError& e) {
    return e.sqlstate();
  }
}

TEST(ConvertToC, TextToCharFits) {
  char buf[32];
  SQLLEN ind = 0;
  CTarget t{SQL_C_CHAR, buf, sizeof buf, &ind, &ind};
  const std::string v = "hello";
  auto r = convert_to_c(varchar_col(), text(v), t, nullptr);
  EXPECT_EQ(r.rc, SQL_SUCCESS);
  EXPECT_STREQ(buf, "hello");
  EXPECT_EQ(ind, 5);
}

TEST(ConvertToC, CharTruncationAndPieces) {
  const auto col = varchar_col();
  const std::string v = "abcdefghij";  // 10 bytes
  const Cell cell = text(v);
  char buf[4];
  SQLLEN ind = 0;
  CTarget t{SQL_C_CHAR, buf, sizeof buf, &ind, &ind};
  size_t offset = 0;
  std::string got;
  auto r = convert_to_c(col, cell, t, &offset);
  EXPECT_EQ(r.rc, SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(r.warning, ConvWarning::StringTruncated);
  EXPECT_EQ(ind, 10);  // total remaining
  EXPECT_STREQ(buf, "abc");
  got += buf;
  r = convert_to_c(col, cell, t, &offset);
  EXPECT_EQ(r.rc, SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(ind, 7);
  got += buf;
  r = convert_to_c(col, cell, t, &offset);
  EXPECT_EQ(ind, 4);
  got += buf;
  r = convert_to_c(col, cell, t, &offset);
  EXPECT_EQ(r.rc, SQL_SUCCESS);
  EXPECT_EQ(ind, 1);
  got += buf;
  EXPECT_EQ(got, v);
  r = convert_to_c(col, cell, t, &offset);
  EXPECT_EQ(r.rc, SQL_NO_DATA);
}

TEST(ConvertToC, CharPiecesDoNotSplitUtf8) {
  const auto col = varchar_col();
  const std::string v = "a\xE2\x82\xAC\xF0\x9F\x98\x80z";  // a € 😀 z
  const Cell cell = text(v);
  char buf[4];  // room for 3 bytes
  SQLLEN ind = 0;
  CTarget t{SQL_C_CHAR, buf, sizeof buf, &ind, &ind};
  size_t offset = 0;
  std::string got;
  std::vector<std::string> pieces;
  for (int guard = 0; guard < 10; ++guard) {
    auto r = convert_to_c(col, cell, t, &offset);
    if (r.rc == SQL_NO_DATA) break;
    pieces.push_back(buf);
    got += buf;
  }
  EXPECT_EQ(got, v);
  ASSERT_GE(pieces.size(), 3u);
  EXPECT_EQ(pieces[0], "a");               // "a" + first byte of € would split it
  EXPECT_EQ(pieces[1], "\xE2\x82\xAC");
  EXPECT_EQ(pieces[2], "\xF0\x9F\x98");    // buffer smaller than one 4-byte character: raw bytes
}

TEST(ConvertToC, LengthOnlyCallReportsTotal) {
  const std::string v = "hello world";
  SQLLEN ind = 0;
  CTarget t{SQL_C_CHAR, nullptr, 0, &ind, &ind};
  size_t offset = 0;
  auto r = convert_to_c(varchar_col(), text(v), t, &offset);
  EXPECT_EQ(r.rc, SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(ind, 11);
  EXPECT_EQ(offset, 0u);  // nothing handed out yet
}

TEST(ConvertToC, EmptyStringThenNoData) {
  char buf[8] = "xxx";
  SQLLEN ind = -5;
  CTarget t{SQL_C_CHAR, buf, sizeof buf, &ind, &ind};
  size_t offset = 0;
  const std::string v;
  EXPECT_EQ(convert_to_c(varchar_col(), text(v), t, &offset).rc, SQL_SUCCESS);
  EXPECT_EQ(ind, 0);
  EXPECT_STREQ(buf, "");
  EXPECT_EQ(convert_to_c(varchar_col(), text(v), t, &offset).rc, SQL_NO_DATA);
}

TEST(ConvertToC, WcharWithEmojiAndPieces) {
  const auto col = varchar_col();
  const std::string v = "h\xC3\xA9\xF0\x9F\x98\x80!";  // h é 😀 !  = 5 UTF-16 units
  const Cell cell = text(v);
  SQLWCHAR buf[3];  // room for 2 units + NUL
  SQLLEN ind = 0;
  CTarget t{SQL_C_WCHAR, buf, sizeof buf, &ind, &ind};
  size_t offset = 0;
  std::u16string got;
  auto r = convert_to_c(col, cell, t, &offset);
  EXPECT_EQ(r.rc, SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(ind, 10);  // 5 units * 2 bytes
  got += reinterpret_cast<char16_t*>(buf);
  EXPECT_EQ(got, u"h\u00e9");
  r = convert_to_c(col, cell, t, &offset);
  EXPECT_EQ(r.rc, SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(ind, 6);  // 😀! = 3 units
  got += reinterpret_cast<char16_t*>(buf);
  r = convert_to_c(col, cell, t, &offset);
  EXPECT_EQ(r.rc, SQL_SUCCESS);
  EXPECT_EQ(ind, 2);
  got += reinterpret_cast<char16_t*>(buf);
  EXPECT_EQ(got, u"h\u00e9\U0001F600!");
  EXPECT_EQ(convert_to_c(col, cell, t, &offset).rc, SQL_NO_DATA);
}

TEST(ConvertToC, WcharNeverSplitsSurrogatePair) {
  const std::string v = "a\xF0\x9F\x98\x80";
  SQLWCHAR buf[3];  // 'a' + half of the pair would fit
  SQLLEN ind = 0;
  CTarget t{SQL_C_WCHAR, buf, sizeof buf, &ind, &ind};
  size_t offset = 0;
  convert_to_c(varchar_col(), text(v), t, &offset);
  EXPECT_EQ(buf[0], u'a');
  EXPECT_EQ(buf[1], 0);
  convert_to_c(varchar_col(), text(v), t, &offset);
  EXPECT_EQ(buf[0], 0xD83D);
  EXPECT_EQ(buf[1], 0xDE00);
  EXPECT_EQ(buf[2], 0);
}

TEST(ConvertToC, DefaultForTextIsWchar) {
  SQLWCHAR buf[8];
  SQLLEN ind = 0;
  CTarget t{SQL_C_DEFAULT, buf, sizeof buf, &ind, &ind};
  const std::string v = "ok";
  convert_to_c(varchar_col(), text(v), t, nullptr);
  EXPECT_EQ(ind, 4);
  EXPECT_EQ(buf[0], u'o');
  EXPECT_EQ(default_c_type(int_col()), SQL_C_SLONG);
  // INT UNSIGNED is described as SQL_BIGINT (type_map.cpp), so its default C type is 64-bit.
  EXPECT_EQ(default_c_type(column(MyType::Long, 10, field_flags::kUnsigned)), SQL_C_UBIGINT);
  EXPECT_EQ(default_c_type(column(MyType::NewDecimal, 12, 0, 63, 2)), SQL_C_CHAR);
}

TEST(ConvertToC, NullNeedsIndicatorThenNoData) {
  SQLINTEGER v = 7;
  SQLLEN ind = 0;
  CTarget t{SQL_C_SLONG, &v, 0, &ind, &ind};
  size_t offset = 0;
  EXPECT_EQ(convert_to_c(int_col(), Cell::null(), t, &offset).rc, SQL_SUCCESS);
  EXPECT_EQ(ind, SQL_NULL_DATA);
  EXPECT_EQ(convert_to_c(int_col(), Cell::null(), t, &offset).rc, SQL_NO_DATA);
  CTarget no_ind{SQL_C_SLONG, &v, 0, nullptr, nullptr};
  try {
    convert_to_c(int_col(), Cell::null(), no_ind, nullptr);
    FAIL() << "expected 22002";
  } catch (const OdbcError& e) {
    EXPECT_EQ(e.sqlstate(), "22002");
  }
}

TEST(ConvertToC, IntegersAndRanges) {
  const auto col = int_col();
  SQLINTEGER i = 0;
  EXPECT_EQ(state_of(col, "-2147483648", SQL_C_SLONG, &i), "");
  EXPECT_EQ(i, INT32_MIN);
  EXPECT_EQ(state_of(col, "2147483648", SQL_C_SLONG, &i), "22003");
  SQLSMALLINT s = 0;
  EXPECT_EQ(state_of(col, "32767", SQL_C_SSHORT, &s), "");
  EXPECT_EQ(s, 32767);
  EXPECT_EQ(state_of(col, "32768", SQL_C_SHORT, &s), "22003");
  signed char tiny = 0;
  EXPECT_EQ(state_of(col, "-129", SQL_C_STINYINT, &tiny), "22003");
  EXPECT_EQ(state_of(col, "-128", SQL_C_TINYINT, &tiny), "");
  EXPECT_EQ(tiny, -128);
  unsigned char utiny = 0;
  EXPECT_EQ(state_of(col, "255", SQL_C_UTINYINT, &utiny), "");
  EXPECT_EQ(utiny, 255);
  EXPECT_EQ(state_of(col, "-1", SQL_C_UTINYINT, &utiny), "22003");
  SQLUINTEGER u = 0;
  EXPECT_EQ(state_of(col, "4294967295", SQL_C_ULONG, &u), "");
  EXPECT_EQ(u, 4294967295u);
  SQLBIGINT big = 0;
  const auto bigcol = column(MyType::LongLong, 20);
  EXPECT_EQ(state_of(bigcol, "-9223372036854775808", SQL_C_SBIGINT, &big), "");
  EXPECT_EQ(big, INT64_MIN);
  EXPECT_EQ(state_of(bigcol, "9223372036854775808", SQL_C_SBIGINT, &big), "22003");
  SQLUBIGINT ubig = 0;
  const auto ubigcol = column(MyType::LongLong, 20, field_flags::kUnsigned);
  EXPECT_EQ(state_of(ubigcol, "18446744073709551615", SQL_C_UBIGINT, &ubig), "");
  EXPECT_EQ(ubig, UINT64_MAX);
  EXPECT_EQ(state_of(ubigcol, "18446744073709551616", SQL_C_UBIGINT, &ubig), "22003");
}

TEST(ConvertToC, DecimalToIntegerTruncatesFraction) {
  const auto col = column(MyType::NewDecimal, 12, 0, 63, 2);
  SQLINTEGER i = 0;
  SQLLEN ind = 0;
  CTarget t{SQL_C_SLONG, &i, 0, &ind, &ind};
  const std::string v = "-123.45";
  auto r = convert_to_c(col, text(v), t, nullptr);
  EXPECT_EQ(r.rc, SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(r.warning, ConvWarning::FractionalTruncated);
  EXPECT_EQ(i, -123);
  EXPECT_EQ(ind, 4);
  const std::string whole = "77.00";
  r = convert_to_c(col, text(whole), t, nullptr);
  EXPECT_EQ(r.rc, SQL_SUCCESS);
  EXPECT_EQ(i, 77);
  EXPECT_EQ(state_of(col, "99999999999.5", SQL_C_SLONG, &i), "22003");
}

TEST(ConvertToC, BadTextForNumberIs22018) {
  const auto col = varchar_col();
  SQLINTEGER i = 0;
  EXPECT_EQ(state_of(col, "abc", SQL_C_SLONG, &i), "22018");
  EXPECT_EQ(state_of(col, "12abc", SQL_C_SLONG, &i), "22018");
  EXPECT_EQ(state_of(col, "", SQL_C_SLONG, &i), "22018");
  double d = 0;
  EXPECT_EQ(state_of(col, "inf", SQL_C_DOUBLE, &d), "22018");
  EXPECT_EQ(state_of(col, " 42 ", SQL_C_SLONG, &i), "");
  EXPECT_EQ(i, 42);
  EXPECT_EQ(state_of(col, "1e3", SQL_C_SLONG, &i), "");
  EXPECT_EQ(i, 1000);
}

TEST(ConvertToC, Doubles) {
  const auto col = column(MyType::Double, 22, 0, 63, 31);
  double d = 0;
  EXPECT_EQ(state_of(col, "3.141592653589793", SQL_C_DOUBLE, &d), "");
  EXPECT_DOUBLE_EQ(d, 3.141592653589793);
  EXPECT_EQ(state_of(col, "-1.5e-300", SQL_C_DOUBLE, &d), "");
  EXPECT_DOUBLE_EQ(d, -1.5e-300);
  float f = 0;
  EXPECT_EQ(state_of(col, "1e300", SQL_C_FLOAT, &f), "22003");
  EXPECT_EQ(state_of(col, "2.5", SQL_C_FLOAT, &f), "");
  EXPECT_FLOAT_EQ(f, 2.5f);
  SQLINTEGER i = 0;
  EXPECT_EQ(state_of(col, "1e10", SQL_C_SLONG, &i), "22003");
  SQLLEN ind = 0;
  CTarget t{SQL_C_SLONG, &i, 0, &ind, &ind};
  const std::string v = "2.75";
  EXPECT_EQ(convert_to_c(col, text(v), t, nullptr).warning, ConvWarning::FractionalTruncated);
  EXPECT_EQ(i, 2);
}

TEST(ConvertToC, NumberToCharWholeDigitsMustFit) {
  const auto col = column(MyType::NewDecimal, 12, 0, 63, 3);
  char buf[5];
  SQLLEN ind = 0;
  CTarget t{SQL_C_CHAR, buf, sizeof buf, &ind, &ind};
  const std::string frac = "12.345";
  auto r = convert_to_c(col, text(frac), t, nullptr);
  EXPECT_EQ(r.rc, SQL_SUCCESS_WITH_INFO);  // fractional digits lost: 01004
  EXPECT_STREQ(buf, "12.3");
  const std::string whole = "12345.6";
  try {
    convert_to_c(col, text(whole), t, nullptr);
    FAIL() << "expected 22003";
  } catch (const OdbcError& e) {
    EXPECT_EQ(e.sqlstate(), "22003");
  }
}

TEST(ConvertToC, NumericStruct) {
  const auto col = column(MyType::NewDecimal, 12, 0, 63, 2);
  SQL_NUMERIC_STRUCT ns;
  SQLLEN ind = 0;
  CTarget t{SQL_C_NUMERIC, &ns, sizeof ns, &ind, &ind, 10, 2};
  const std::string v = "-123.45";
  auto r = convert_to_c(col, text(v), t, nullptr);
  EXPECT_EQ(r.rc, SQL_SUCCESS);
  EXPECT_EQ(ns.precision, 10);
  EXPECT_EQ(ns.scale, 2);
  EXPECT_EQ(ns.sign, 0);
  EXPECT_EQ(ns.val[0], 12345 & 0xFF);
  EXPECT_EQ(ns.val[1], 12345 >> 8);
  EXPECT_EQ(ns.val[2], 0);

  // Scale 1: one fractional digit dropped -> 01S07.
  CTarget t1{SQL_C_NUMERIC, &ns, sizeof ns, &ind, &ind, 10, 1};
  r = convert_to_c(col, text(v), t1, nullptr);
  EXPECT_EQ(r.warning, ConvWarning::FractionalTruncated);
  EXPECT_EQ(ns.val[0] | (ns.val[1] << 8), 1234);

  // Precision too small for the whole digits -> 22003.
  CTarget t2{SQL_C_NUMERIC, &ns, sizeof ns, &ind, &ind, 3, 2};
  EXPECT_THROW(convert_to_c(col, text(v), t2, nullptr), OdbcError);

  // A 20-digit unsigned BIGINT needs more than 64 bits of mantissa after scaling.
  const auto ucol = column(MyType::LongLong, 20, field_flags::kUnsigned);
  CTarget t3{SQL_C_NUMERIC, &ns, sizeof ns, &ind, &ind, 38, 4};
  const std::string big = "18446744073709551615";
  convert_to_c(ucol, text(big), t3, nullptr);
  unsigned __int128 m = 0;
  for (int k = 15; k >= 0; --k) m = (m << 8) | ns.val[k];
  EXPECT_TRUE(m == static_cast<unsigned __int128>(UINT64_MAX) * 10000);
  EXPECT_EQ(ns.sign, 1);
}

TEST(ConvertToC, BinaryToCharIsTheBytesOrHexOnRequestAndToBinaryIsRaw) {
  const auto col = column(MyType::VarString, 8, field_flags::kBinary, 63);
  const std::string v("\x01\xAB\x00\xFF", 4);
  char buf[16];
  SQLLEN ind = 0;
  // The bytes themselves, as the incumbents hand them over (PHP PDO_ODBC reads BLOBs so),
  // NUL-terminated after them; in pieces, cut at any byte (no UTF-8 rule for bytes).
  CTarget t{SQL_C_CHAR, buf, sizeof buf, &ind, &ind};
  convert_to_c(col, text(v), t, nullptr);
  EXPECT_EQ(ind, 4);
  EXPECT_EQ(std::string(buf, 5), std::string("\x01\xAB\x00\xFF\0", 5));
  char small[3];
  CTarget ts{SQL_C_CHAR, small, sizeof small, &ind, &ind};
  size_t piece = 0;
  EXPECT_EQ(convert_to_c(col, text(v), ts, &piece).rc, SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(ind, 4);
  EXPECT_EQ(std::string(small, 2), std::string("\x01\xAB", 2));
  EXPECT_EQ(convert_to_c(col, text(v), ts, &piece).rc, SQL_SUCCESS);
  EXPECT_EQ(ind, 2);
  EXPECT_EQ(std::string(small, 2), std::string("\x00\xFF", 2));
  // The ODBC specification's hex digits when asked for (BINARY_AS_HEX).
  CTarget th{SQL_C_CHAR, buf, sizeof buf, &ind, &ind};
  th.binary_as_hex = true;
  convert_to_c(col, text(v), th, nullptr);
  EXPECT_STREQ(buf, "01AB00FF");
  EXPECT_EQ(ind, 8);

  unsigned char bin[3];
  CTarget tb{SQL_C_BINARY, bin, sizeof bin, &ind, &ind};
  size_t offset = 0;
  auto r = convert_to_c(col, text(v), tb, &offset);
  EXPECT_EQ(r.rc, SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(ind, 4);
  EXPECT_EQ(std::memcmp(bin, v.data(), 3), 0);
  r = convert_to_c(col, text(v), tb, &offset);
  EXPECT_EQ(r.rc, SQL_SUCCESS);
  EXPECT_EQ(ind, 1);
  EXPECT_EQ(bin[0], 0xFF);
  EXPECT_EQ(convert_to_c(col, text(v), tb, &offset).rc, SQL_NO_DATA);

  SQLINTEGER i;
  EXPECT_EQ(state_of(col, v, SQL_C_SLONG, &i), "07006");
}

TEST(ConvertToC, BitColumns) {
  const auto bit1 = column(MyType::Bit, 1, field_flags::kUnsigned);
  const std::string one("\x01", 1), zero("\x00", 1);
  unsigned char b = 9;
  EXPECT_EQ(state_of(bit1, one, SQL_C_BIT, &b), "");
  EXPECT_EQ(b, 1);
  EXPECT_EQ(state_of(bit1, zero, SQL_C_BIT, &b), "");
  EXPECT_EQ(b, 0);
  char buf[4];
  SQLLEN ind = 0;
  CTarget t{SQL_C_CHAR, buf, sizeof buf, &ind, &ind};
  convert_to_c(bit1, text(one), t, nullptr);
  EXPECT_STREQ(buf, "1");

  const auto bit12 = column(MyType::Bit, 12, field_flags::kUnsigned);
  const std::string v("\x0A\x05", 2);
  SQLINTEGER i = 0;
  EXPECT_EQ(state_of(bit12, v, SQL_C_SLONG, &i), "");
  EXPECT_EQ(i, 0x0A05);
  // BIT(n) as text is its number, as the incumbents show it; one that does not fit is 22003.
  char wide_buf[8];
  CTarget tw{SQL_C_CHAR, wide_buf, sizeof wide_buf, &ind, &ind};
  convert_to_c(bit12, text(v), tw, nullptr);
  EXPECT_STREQ(wide_buf, "2565");
  EXPECT_EQ(state_of(bit12, v, SQL_C_CHAR, &buf), "22003");  // char[4]: "2565" needs 5
}

TEST(ConvertToC, NumberToBit) {
  const auto col = int_col();
  unsigned char b = 0;
  EXPECT_EQ(state_of(col, "2", SQL_C_BIT, &b), "22003");
  EXPECT_EQ(state_of(col, "-1", SQL_C_BIT, &b), "22003");
  SQLLEN ind = 0;
  CTarget t{SQL_C_BIT, &b, 1, &ind, &ind};
  const std::string half = "1.5";
  EXPECT_EQ(convert_to_c(varchar_col(), text(half), t, nullptr).warning, ConvWarning::FractionalTruncated);
  EXPECT_EQ(b, 1);
}

TEST(ConvertToC, Dates) {
  const auto dcol = column(MyType::Date, 10);
  SQL_DATE_STRUCT d{};
  EXPECT_EQ(state_of(dcol, "2024-02-29", SQL_C_TYPE_DATE, &d), "");
  EXPECT_EQ(d.year, 2024);
  EXPECT_EQ(d.month, 2);
  EXPECT_EQ(d.day, 29);
  EXPECT_EQ(state_of(dcol, "2023-02-29", SQL_C_TYPE_DATE, &d), "22007");
  EXPECT_EQ(state_of(dcol, "2023-13-01", SQL_C_DATE, &d), "22007");
  EXPECT_EQ(state_of(varchar_col(), "not a date", SQL_C_TYPE_DATE, &d), "22018");
  EXPECT_EQ(state_of(int_col(), "20240101", SQL_C_TYPE_DATE, &d), "07006");

  const auto tscol = column(MyType::DateTime, 26, 0, 63, 6);
  SQL_TIMESTAMP_STRUCT ts{};
  EXPECT_EQ(state_of(tscol, "2024-05-06 07:08:09.123456", SQL_C_TYPE_TIMESTAMP, &ts), "");
  EXPECT_EQ(ts.year, 2024);
  EXPECT_EQ(ts.hour, 7);
  EXPECT_EQ(ts.second, 9);
  EXPECT_EQ(ts.fraction, 123456000u);
  EXPECT_EQ(state_of(tscol, "2024-05-06 25:00:00", SQL_C_TIMESTAMP, &ts), "22007");

  // Timestamp to date drops the time: 01S07.
  SQLLEN ind = 0;
  CTarget t{SQL_C_TYPE_DATE, &d, 0, &ind, &ind};
  const std::string v = "2024-05-06 07:08:09";
  EXPECT_EQ(convert_to_c(tscol, text(v), t, nullptr).warning, ConvWarning::FractionalTruncated);
  EXPECT_EQ(d.day, 6);
  // Date to timestamp: midnight.
  CTarget tt{SQL_C_TYPE_TIMESTAMP, &ts, 0, &ind, &ind};
  const std::string dv = "1999-12-31";
  convert_to_c(dcol, text(dv), tt, nullptr);
  EXPECT_EQ(ts.year, 1999);
  EXPECT_EQ(ts.hour, 0);
  EXPECT_EQ(ts.fraction, 0u);
}

TEST(ConvertToC, ZeroDateIsNull) {
  const auto dcol = column(MyType::Date, 10);
  SQL_DATE_STRUCT d{};
  SQLLEN ind = 0;
  CTarget t{SQL_C_TYPE_DATE, &d, 0, &ind, &ind};
  const std::string zero = "0000-00-00";
  convert_to_c(dcol, text(zero), t, nullptr);
  EXPECT_EQ(ind, SQL_NULL_DATA);
  const auto tscol = column(MyType::DateTime, 19);
  SQL_TIMESTAMP_STRUCT ts{};
  CTarget tt{SQL_C_TYPE_TIMESTAMP, &ts, 0, &ind, &ind};
  ind = 0;
  const std::string zts = "0000-00-00 00:00:00";
  convert_to_c(tscol, text(zts), tt, nullptr);
  EXPECT_EQ(ind, SQL_NULL_DATA);
  // As text, the zero date comes back unchanged.
  char buf[32];
  CTarget tc{SQL_C_CHAR, buf, sizeof buf, &ind, &ind};
  convert_to_c(dcol, text(zero), tc, nullptr);
  EXPECT_STREQ(buf, "0000-00-00");
}

// ZERO_DATE_ERROR: a zero date into a date or timestamp struct is 22007 instead of NULL; the
// text form, a real date and a zero date's time of day are unchanged.
TEST(ConvertToC, ZeroDateErrorOption) {
  auto attempt = [](const ColumnInfo& col, const std::string& value, SQLSMALLINT c_type, void* out, SQLLEN size,
                    SQLLEN* ind) {
    CTarget t{c_type, out, size, ind, ind};
    t.zero_date_error = true;
    try {
      convert_to_c(col, text(value), t, nullptr);
      return std::string();
    } catch (const OdbcError& e) {
      return e.sqlstate();
    }
  };
  const auto dcol = column(MyType::Date, 10);
  const auto tscol = column(MyType::DateTime, 19);
  SQL_DATE_STRUCT d{};
  SQL_TIMESTAMP_STRUCT ts{};
  SQL_TIME_STRUCT tm{};
  char buf[32];
  SQLLEN ind = 0;
  EXPECT_EQ(attempt(dcol, "0000-00-00", SQL_C_TYPE_DATE, &d, sizeof d, &ind), "22007");
  EXPECT_EQ(attempt(tscol, "0000-00-00 00:00:00", SQL_C_TYPE_TIMESTAMP, &ts, sizeof ts, &ind), "22007");
  EXPECT_EQ(attempt(tscol, "0000-00-00 00:00:00", SQL_C_TYPE_DATE, &d, sizeof d, &ind), "22007");
  EXPECT_EQ(attempt(dcol, "0000-00-00", SQL_C_CHAR, buf, sizeof buf, &ind), "");
  EXPECT_STREQ(buf, "0000-00-00");
  EXPECT_EQ(attempt(tscol, "0000-00-00 10:11:12", SQL_C_TYPE_TIME, &tm, sizeof tm, &ind), "");
  EXPECT_EQ(tm.hour, 10);
  EXPECT_EQ(attempt(dcol, "2024-02-29", SQL_C_TYPE_DATE, &d, sizeof d, &ind), "");
  EXPECT_EQ(d.day, 29);
  // Typed (binary protocol) cells too.
  Cell zero;
  zero.kind = Cell::Kind::Date;
  CTarget t{SQL_C_TYPE_DATE, &d, sizeof d, &ind, &ind};
  t.zero_date_error = true;
  EXPECT_THROW(convert_to_c(dcol, zero, t, nullptr), OdbcError);
  t.zero_date_error = false;
  ind = 0;
  convert_to_c(dcol, zero, t, nullptr);
  EXPECT_EQ(ind, SQL_NULL_DATA);
}

TEST(ConvertToC, Times) {
  const auto tcol = column(MyType::Time, 10, 0, 63, 0);
  SQL_TIME_STRUCT tm{};
  EXPECT_EQ(state_of(tcol, "13:14:15", SQL_C_TYPE_TIME, &tm), "");
  EXPECT_EQ(tm.hour, 13);
  EXPECT_EQ(tm.minute, 14);
  EXPECT_EQ(tm.second, 15);
  EXPECT_EQ(state_of(tcol, "838:59:59", SQL_C_TYPE_TIME, &tm), "22007");
  EXPECT_EQ(state_of(tcol, "-01:00:00", SQL_C_TIME, &tm), "22007");
  char buf[16];
  SQLLEN ind = 0;
  CTarget tc{SQL_C_CHAR, buf, sizeof buf, &ind, &ind};
  const std::string longtime = "838:59:59";
  convert_to_c(tcol, text(longtime), tc, nullptr);
  EXPECT_STREQ(buf, "838:59:59");

  // TIME to TIMESTAMP takes today's date.
  SQL_TIMESTAMP_STRUCT ts{};
  EXPECT_EQ(state_of(tcol, "01:02:03", SQL_C_TYPE_TIMESTAMP, &ts), "");
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  EXPECT_EQ(ts.year, local.tm_year + 1900);
  EXPECT_EQ(ts.hour, 1);
  EXPECT_EQ(ts.second, 3);

  // Timestamp to time: fraction dropped -> 01S07.
  const auto tscol = column(MyType::DateTime, 26, 0, 63, 6);
  CTarget tt{SQL_C_TYPE_TIME, &tm, 0, &ind, &ind};
  const std::string v = "2024-05-06 07:08:09.5";
  EXPECT_EQ(convert_to_c(tscol, text(v), tt, nullptr).warning, ConvWarning::FractionalTruncated);
  EXPECT_EQ(tm.hour, 7);
}

TEST(ConvertToC, FixedTargetSecondGetDataIsNoData) {
  SQLINTEGER i = 0;
  SQLLEN ind = 0;
  CTarget t{SQL_C_SLONG, &i, 0, &ind, &ind};
  size_t offset = 0;
  const std::string v = "5";
  EXPECT_EQ(convert_to_c(int_col(), text(v), t, &offset).rc, SQL_SUCCESS);
  EXPECT_EQ(i, 5);
  EXPECT_EQ(convert_to_c(int_col(), text(v), t, &offset).rc, SQL_NO_DATA);
}

TEST(ConvertToC, SeparateIndicatorAndLength) {
  char buf[8];
  SQLLEN ind = 99, len = 0;
  CTarget t{SQL_C_CHAR, buf, sizeof buf, &ind, &len};
  const std::string v = "abc";
  convert_to_c(varchar_col(), text(v), t, nullptr);
  EXPECT_EQ(ind, 0);
  EXPECT_EQ(len, 3);
}

TEST(ConvertToC, TypedCellsFromBinaryProtocol) {
  Cell c;
  c.kind = Cell::Kind::Int;
  c.i = -42;
  char buf[16];
  SQLLEN ind = 0;
  CTarget t{SQL_C_CHAR, buf, sizeof buf, &ind, &ind};
  convert_to_c(int_col(), c, t, nullptr);
  EXPECT_STREQ(buf, "-42");
  SQLUINTEGER u = 0;
  CTarget tu{SQL_C_ULONG, &u, 0, &ind, &ind};
  EXPECT_THROW(convert_to_c(int_col(), c, tu, nullptr), OdbcError);

  Cell dt;
  dt.kind = Cell::Kind::DateTime;
  dt.t.year = 2020;
  dt.t.month = 1;
  dt.t.day = 2;
  dt.t.hour = 3;
  char tbuf[32];
  CTarget tc{SQL_C_CHAR, tbuf, sizeof tbuf, &ind, &ind};
  convert_to_c(column(MyType::DateTime, 19), dt, tc, nullptr);
  EXPECT_STREQ(tbuf, "2020-01-02 03:00:00");
}

TEST(ConvertToC, Guid) {
  SQLGUID g{};
  EXPECT_EQ(state_of(varchar_col(), "{12345678-9abc-DEF0-0102-030405060708}", SQL_C_GUID, &g), "");
  EXPECT_EQ(g.Data1, 0x12345678u);
  EXPECT_EQ(g.Data2, 0x9abc);
  EXPECT_EQ(g.Data3, 0xdef0);
  EXPECT_EQ(g.Data4[0], 0x01);
  EXPECT_EQ(g.Data4[7], 0x08);
  EXPECT_EQ(state_of(varchar_col(), "12345678-9abc-def0-0102-03040506070Z", SQL_C_GUID, &g), "22018");
}

TEST(ConvertToC, UnknownCTypeIsHY003) {
  int x;
  EXPECT_EQ(state_of(varchar_col(), "1", 12345, &x), "HY003");
}

}  // namespace
}  // namespace fabodbc

namespace fabodbc {
namespace {

// Property: for arbitrary (also invalid) UTF-8 and any buffer size, the SQLGetData pieces
// reassemble to exactly what a single big call returns, and the first length reported is
// the total.
TEST(ConvertToCPieces, RandomTextReassemblesForEveryBufferSize) {
  std::mt19937 rng(12345);
  const char* alphabet[] = {"a", "Z", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xFF", "\xE2\x82", " "};
  const auto col = varchar_col();
  for (int round = 0; round < 200; ++round) {
    std::string v;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) v += alphabet[rng() % 8];
    const Cell cell = text(v);

    // Reference: one call with a big buffer.
    std::vector<char> big(v.size() * 3 + 8);
    SQLLEN ind = 0;
    CTarget whole{SQL_C_CHAR, big.data(), static_cast<SQLLEN>(big.size()), &ind, &ind};
    ASSERT_EQ(convert_to_c(col, cell, whole, nullptr).rc, SQL_SUCCESS);
    EXPECT_EQ(std::string(big.data()), v);
    std::vector<SQLWCHAR> wbig(v.size() * 2 + 8);
    CTarget wwhole{SQL_C_WCHAR, wbig.data(), static_cast<SQLLEN>(wbig.size() * 2), &ind, &ind};
    ASSERT_EQ(convert_to_c(col, cell, wwhole, nullptr).rc, SQL_SUCCESS);
    const std::u16string expected_w(reinterpret_cast<char16_t*>(wbig.data()));
    EXPECT_EQ(ind, static_cast<SQLLEN>(expected_w.size() * 2));

    for (SQLLEN size : {2, 3, 4, 5, 7, 16}) {
      std::string got;
      size_t offset = 0;
      std::vector<char> buf(static_cast<size_t>(size));
      CTarget t{SQL_C_CHAR, buf.data(), size, &ind, &ind};
      SQLLEN first = -1;
      for (int guard = 0; guard < 1000; ++guard) {
        const auto r = convert_to_c(col, cell, t, &offset);
        if (r.rc == SQL_NO_DATA) break;
        if (first < 0) first = ind;
        got += buf.data();
      }
      EXPECT_EQ(got, v) << "size " << size;
      EXPECT_EQ(first, static_cast<SQLLEN>(v.size()));

      std::u16string wgot;
      offset = 0;
      std::vector<SQLWCHAR> wbuf(static_cast<size_t>(size));
      CTarget wt{SQL_C_WCHAR, wbuf.data(), size * 2, &ind, &ind};
      first = -1;
      int calls = 0;
      for (; calls < 1000; ++calls) {
        const auto r = convert_to_c(col, cell, wt, &offset);
        if (r.rc == SQL_NO_DATA) break;
        if (first < 0) first = ind;
        const std::u16string piece(reinterpret_cast<char16_t*>(wbuf.data()));
        // A piece never ends with a high surrogate, unless the buffer holds only one unit.
        if (size >= 3 && !piece.empty()) {
          EXPECT_FALSE(piece.back() >= 0xD800 && piece.back() <= 0xDBFF);
        }
        wgot += piece;
      }
      EXPECT_LT(calls, 1000) << "no progress with buffer of " << size << " units";
      EXPECT_EQ(wgot, expected_w) << "size " << size;
      EXPECT_EQ(first, static_cast<SQLLEN>(expected_w.size() * 2));
    }
  }
}

}  // namespace
}  // namespace fabodbc

namespace fabodbc {
namespace {

TEST(ConvertToCPieces, OneUnitBufferStillProgressesThroughEmoji) {
  const auto col = varchar_col();
  const std::string v = "\xF0\x9F\x98\x80x";  // 😀x
  const Cell cell = text(v);
  SQLWCHAR buf[2];  // one unit + NUL
  SQLLEN ind = 0;
  CTarget t{SQL_C_WCHAR, buf, sizeof buf, &ind, &ind};
  size_t offset = 0;
  EXPECT_EQ(convert_to_c(col, cell, t, &offset).rc, SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(buf[0], 0xD83D);
  EXPECT_EQ(ind, 6);
  // A length-only call in between reports what is left: the low surrogate and 'x'.
  CTarget probe{SQL_C_WCHAR, nullptr, 0, &ind, &ind};
  EXPECT_EQ(convert_to_c(col, cell, probe, &offset).rc, SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(ind, 4);
  EXPECT_EQ(convert_to_c(col, cell, t, &offset).rc, SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(buf[0], 0xDE00);
  EXPECT_EQ(ind, 4);
  EXPECT_EQ(convert_to_c(col, cell, t, &offset).rc, SQL_SUCCESS);
  EXPECT_EQ(buf[0], u'x');
  EXPECT_EQ(ind, 2);
  EXPECT_EQ(convert_to_c(col, cell, t, &offset).rc, SQL_NO_DATA);
}

}  // namespace
}  // namespace fabodbc
