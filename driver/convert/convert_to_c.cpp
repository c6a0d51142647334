// SQL (MySQL) value -> ODBC C buffer, following ODBC appendix D "Converting Data from SQL to
// C Data Types". This is the fetch hot path: numeric and date conversions must not allocate.
#include "driver/convert/convert.h"
#include "driver/convert/datetime_text.h"
#include "driver/convert/interval.h"
#include "driver/convert/number_text.h"
#include "driver/convert/utf.h"
#include "driver/error.h"

#include <charconv>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <ctime>
#include <limits>

namespace fabodbc {
namespace {

// How the column's text is to be read.
enum class Source { Char, Binary, Bit, Integer, Decimal, Approx, Date, Time, Timestamp };

Source source_of(const ColumnInfo& c) {
  if (c.field.type == MyType::Bit && (c.sql_type == SQL_BIT || c.sql_type == SQL_BINARY)) return Source::Bit;
  switch (c.sql_type) {
    case SQL_TINYINT: case SQL_SMALLINT: case SQL_INTEGER: case SQL_BIGINT: case SQL_BIT:
      return Source::Integer;
    case SQL_DECIMAL: case SQL_NUMERIC:
      return Source::Decimal;
    case SQL_REAL: case SQL_FLOAT: case SQL_DOUBLE:
      return Source::Approx;
    case SQL_TYPE_DATE: case SQL_DATE:
      return Source::Date;
    case SQL_TYPE_TIME: case SQL_TIME:
      return Source::Time;
    case SQL_TYPE_TIMESTAMP: case SQL_TIMESTAMP:
      return Source::Timestamp;
    case SQL_BINARY: case SQL_VARBINARY: case SQL_LONGVARBINARY:
      return Source::Binary;
    default:
      return Source::Char;
  }
}

// Typed cells (binary protocol) decide the source themselves.
Source effective_source(const ColumnInfo& c, const Cell& cell) {
  switch (cell.kind) {
    case Cell::Kind::Int: case Cell::Kind::UInt: return Source::Integer;
    case Cell::Kind::Double: return Source::Approx;
    case Cell::Kind::Date: return Source::Date;
    case Cell::Kind::Time: return Source::Time;
    case Cell::Kind::DateTime: return Source::Timestamp;
    default: return source_of(c);
  }
}

[[noreturn]] void fail(const char* state, const char* message) { throw OdbcError(state, message); }

bool already_done(const size_t* offset) { return offset && *offset == kGetDataDone; }
void mark_done(size_t* offset) {
  if (offset) *offset = kGetDataDone;
}

// Length goes to the octet-length pointer; a separate indicator gets 0 ("not NULL").
void write_length(const CTarget& t, SQLLEN length) {
  if (t.octet_length) {
    *t.octet_length = length;
    if (t.indicator && t.indicator != t.octet_length) *t.indicator = 0;
  } else if (t.indicator) {
    *t.indicator = length;
  }
}

ConvResult success() { return {SQL_SUCCESS, ConvWarning::None}; }
ConvResult with_warning(ConvWarning w) {
  return w == ConvWarning::None ? success() : ConvResult{SQL_SUCCESS_WITH_INFO, w};
}

template <typename T>
ConvResult write_fixed(const CTarget& t, const T& value, size_t* offset, ConvWarning w = ConvWarning::None) {
  if (t.buffer) std::memcpy(t.buffer, &value, sizeof(T));
  write_length(t, static_cast<SQLLEN>(sizeof(T)));
  mark_done(offset);
  return with_warning(w);
}

uint64_t bit_value(const Cell& cell) {
  uint64_t v = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(cell.data);
  const size_t n = cell.length;
  for (size_t k = n > 8 ? n - 8 : 0; k < n; ++k) v = (v << 8) | p[k];
  return v;
}

// ---- character form ---------------------------------------------------------------------

// The text handed to character targets; binary data is rendered as hex separately.
struct CharForm {
  std::string_view text;
  bool hex = false;               // text holds raw bytes to be shown as hex digits
  bool raw = false;               // text holds raw bytes handed over as they are (not UTF-8)
  size_t essential = 0;           // chars that must fit (else 22003); 0 = none
};

size_t essential_length(Source src, std::string_view s) {
  switch (src) {
    case Source::Integer:
    case Source::Bit:  // a number (BIT(n) as text)
    case Source::Date:
      return s.size();
    case Source::Decimal:
    case Source::Approx:
      if (s.find_first_of("eE") != std::string_view::npos) return s.size();
      [[fallthrough]];
    case Source::Time:
    case Source::Timestamp: {
      const size_t dot = s.find('.');
      return dot == std::string_view::npos ? s.size() : dot;
    }
    default:
      return 0;
  }
}

CharForm char_form(const ColumnInfo& col, const Cell& cell, Source src, char* scratch) {
  CharForm f;
  switch (cell.kind) {
    case Cell::Kind::Int:
      f.text = {scratch, static_cast<size_t>(std::to_chars(scratch, scratch + 32, cell.i).ptr - scratch)};
      break;
    case Cell::Kind::UInt:
      f.text = {scratch, static_cast<size_t>(std::to_chars(scratch, scratch + 32, cell.u).ptr - scratch)};
      break;
    case Cell::Kind::Double:
      // Binary-protocol FLOAT/DOUBLE: the text the server would have sent.
      if (col.field.type == MyType::Double || col.field.type == MyType::Float) {
        f.text = {scratch, format_server_real(cell.d, col.field.type == MyType::Float, col.field.decimals, scratch)};
      } else {
        f.text = {scratch, format_double(cell.d, scratch)};
      }
      break;
    case Cell::Kind::Date:
      f.text = {scratch, format_date(cell.t, scratch)};
      break;
    case Cell::Kind::Time:
      f.text = {scratch, format_time(cell.t, scratch, col.decimal_digits)};
      break;
    case Cell::Kind::DateTime:
      f.text = {scratch, format_datetime(cell.t, scratch, col.decimal_digits)};
      break;
    default:
      f.text = {cell.data, cell.length};
      if (src == Source::Bit && col.sql_type == SQL_BIT) {
        scratch[0] = bit_value(cell) ? '1' : '0';
        f.text = {scratch, 1};
      } else if (src == Source::Bit) {
        // BIT(n), n > 1, as text is its number (b'1010' is "10"), as both incumbents show it.
        f.text = {scratch, static_cast<size_t>(std::to_chars(scratch, scratch + 32, bit_value(cell)).ptr - scratch)};
      } else if (src == Source::Binary) {
        f.hex = true;
      }
      break;
  }
  if (!f.hex) f.essential = essential_length(src, f.text);
  return f;
}

constexpr char kHex[] = "0123456789ABCDEF";
char hex_digit(std::string_view bytes, size_t k) {
  const auto b = static_cast<unsigned char>(bytes[k / 2]);
  return kHex[(k % 2) ? (b & 0x0F) : (b >> 4)];
}

// The end of one piece of a character or binary value: the length still to hand out, then
// either 01004 with the next piece starting at `next` (SQLGetData calls again), or done.
ConvResult finish_piece(const CTarget& t, SQLLEN length_left, bool more, size_t next, size_t* offset) {
  write_length(t, length_left);
  if (more) {
    if (offset) *offset = next;
    return {SQL_SUCCESS_WITH_INFO, ConvWarning::StringTruncated};
  }
  mark_done(offset);
  return success();
}

ConvResult to_char(const CTarget& t, const CharForm& f, size_t* offset) {
  const size_t pos = offset ? *offset : 0;
  const size_t total = f.hex ? f.text.size() * 2 : f.text.size();
  const size_t remaining = pos <= total ? total - pos : 0;
  if (pos == 0 && t.buffer && t.buffer_length > 0 && f.essential >= static_cast<size_t>(t.buffer_length))
    fail("22003", "Numeric value out of range: the buffer is too small for the whole digits");
  size_t n = 0;
  if (t.buffer && t.buffer_length > 0) {
    const size_t room = static_cast<size_t>(t.buffer_length) - 1;
    n = remaining < room ? remaining : room;
    char* out = static_cast<char*>(t.buffer);
    if (f.hex) {
      for (size_t k = 0; k < n; ++k) out[k] = hex_digit(f.text, pos + k);
    } else {
      if (n < remaining && !f.raw) {
        const size_t cut = utf8_boundary_prefix(f.text.substr(pos), n);
        if (cut > 0) n = cut;  // a buffer smaller than one character gets raw bytes
      }
      std::memcpy(out, f.text.data() + pos, n);
    }
    out[n] = '\0';
  }
  return finish_piece(t, static_cast<SQLLEN>(remaining), n < remaining, pos + n, offset);
}

// Set in *offset when a one-unit buffer received only the high surrogate of a character: the
// next call starts with its low surrogate. Only a buffer too small for any surrogate pair
// gets a pair split (else such an application would loop forever without progress).
constexpr size_t kLowSurrogatePending = static_cast<size_t>(1) << 62;

ConvResult to_wchar(const CTarget& t, const CharForm& f, size_t* offset) {
  size_t pos = offset ? *offset : 0;
  const bool low_pending = (pos & kLowSurrogatePending) != 0;
  pos &= ~kLowSurrogatePending;
  auto* out = static_cast<char16_t*>(t.buffer);
  const size_t room = (t.buffer && t.buffer_length >= 2) ? static_cast<size_t>(t.buffer_length) / 2 - 1 : 0;
  if (pos == 0 && !low_pending && t.buffer && room > 0 && f.essential > room)
    fail("22003", "Numeric value out of range: the buffer is too small for the whole digits");
  size_t consumed = 0, written = 0, total_units, rest_size;
  bool split_pair = false;
  if (f.hex) {
    const size_t total = f.text.size() * 2;
    rest_size = pos <= total ? total - pos : 0;
    written = rest_size < room ? rest_size : room;
    for (size_t k = 0; k < written; ++k) out[k] = static_cast<char16_t>(hex_digit(f.text, pos + k));
    consumed = written;
    total_units = rest_size;
  } else {
    std::string_view rest = pos <= f.text.size() ? f.text.substr(pos) : std::string_view();
    if (low_pending && !rest.empty()) {
      size_t after = 0;
      const char32_t cp = decode_utf8(rest, &after);
      if (room == 0) {  // length query: the low surrogate and what follows remain
        write_length(t, static_cast<SQLLEN>((1 + utf16_length_of_utf8(rest.substr(after))) * sizeof(SQLWCHAR)));
        return {SQL_SUCCESS_WITH_INFO, ConvWarning::StringTruncated};
      }
      out[written++] = static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
      pos += after;
      rest.remove_prefix(after);
    }
    rest_size = rest.size();
    if (room > written) {
      size_t used = 0;
      written += utf8_to_utf16_into(rest, out + written, room - written, &used);
      consumed = used;
    }
    const size_t tail_units = consumed < rest.size() ? utf16_length_of_utf8(rest.substr(consumed)) : 0;
    total_units = written + tail_units;
    if (written == 0 && room == 1 && consumed < rest.size()) {
      // One unit of room and a supplementary character next: hand out its high surrogate.
      size_t after = 0;
      const char32_t cp = decode_utf8(rest, &after);
      out[written++] = static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
      split_pair = true;
    }
  }
  if (t.buffer && t.buffer_length >= 2) out[written] = 0;
  const auto length = static_cast<SQLLEN>(total_units * sizeof(SQLWCHAR));
  if (split_pair) return finish_piece(t, length, true, pos | kLowSurrogatePending, offset);
  return finish_piece(t, length, consumed < rest_size, pos + consumed, offset);
}

ConvResult to_binary(const CTarget& t, std::string_view bytes, size_t* offset) {
  const size_t pos = offset ? *offset : 0;
  const size_t remaining = pos <= bytes.size() ? bytes.size() - pos : 0;
  size_t n = 0;
  if (t.buffer && t.buffer_length > 0) {
    n = remaining < static_cast<size_t>(t.buffer_length) ? remaining : static_cast<size_t>(t.buffer_length);
    std::memcpy(t.buffer, bytes.data() + pos, n);
  }
  return finish_piece(t, static_cast<SQLLEN>(remaining), n < remaining, pos + n, offset);
}

// ---- numbers ----------------------------------------------------------------------------

struct Number {
  enum Kind { I, U, D, Dec } kind = I;
  int64_t i = 0;
  uint64_t u = 0;
  double d = 0;
  std::string_view text;  // Dec: the literal
  DecimalDigits dec;
};

Number read_number(const Cell& cell, Source src) {
  Number n;
  switch (cell.kind) {
    case Cell::Kind::Int: n.kind = Number::I; n.i = cell.i; return n;
    case Cell::Kind::UInt: n.kind = Number::U; n.u = cell.u; return n;
    case Cell::Kind::Double: n.kind = Number::D; n.d = cell.d; return n;
    case Cell::Kind::Text: break;
    default: fail("07006", "Restricted data type attribute violation: a date/time value cannot become a number");
  }
  const char* b = cell.data;
  const char* e = cell.data + cell.length;
  switch (src) {
    case Source::Bit:
      n.kind = Number::U;
      n.u = bit_value(cell);
      return n;
    case Source::Binary:
    case Source::Date:
    case Source::Time:
    case Source::Timestamp:
      fail("07006", "Restricted data type attribute violation: this column cannot be converted to a number");
    case Source::Approx:
      n.kind = Number::D;
      if (!parse_double({b, cell.length}, &n.d)) fail("22018", "Invalid character value for cast specification");
      return n;
    default:
      break;
  }
  // Integers (the common case) parse in one pass.
  auto r = std::from_chars(b, e, n.i);
  if (r.ec == std::errc() && r.ptr == e && cell.length) {
    n.kind = Number::I;
    return n;
  }
  r = std::from_chars(b, e, n.u);
  if (r.ec == std::errc() && r.ptr == e && cell.length) {
    n.kind = Number::U;
    return n;
  }
  n.kind = Number::Dec;
  n.text = {b, cell.length};
  if (!parse_decimal(n.text, &n.dec)) fail("22018", "Invalid character value for cast specification");
  return n;
}

double as_double(const Number& n) {
  switch (n.kind) {
    case Number::I: return static_cast<double>(n.i);
    case Number::U: return static_cast<double>(n.u);
    case Number::D: return n.d;
    default: {
      double d = 0;
      if (!parse_double(n.text, &d)) fail("22018", "Invalid character value for cast specification");
      return d;
    }
  }
}

[[noreturn]] void out_of_range() { fail("22003", "Numeric value out of range"); }

// Converts to an integer in [lo, hi] (hi as unsigned to cover uint64).
template <typename T>
T to_integer(const Number& n, ConvWarning* w) {
  constexpr bool is_signed = std::numeric_limits<T>::is_signed;
  constexpr int64_t lo = static_cast<int64_t>(std::numeric_limits<T>::min());
  constexpr uint64_t hi = static_cast<uint64_t>(std::numeric_limits<T>::max());
  switch (n.kind) {
    case Number::I:
      if (n.i < lo || (n.i > 0 && static_cast<uint64_t>(n.i) > hi)) out_of_range();
      return static_cast<T>(n.i);
    case Number::U:
      if (n.u > hi) out_of_range();
      return static_cast<T>(n.u);
    case Number::D: {
      if (std::isnan(n.d)) out_of_range();
      const double t = std::trunc(n.d);
      // Compare in long double-free terms: the bounds as doubles are exact or round up, so
      // use strict comparisons against 2^k.
      if (is_signed) {
        if (t < static_cast<double>(lo) || t >= -static_cast<double>(lo)) out_of_range();
      } else {
        if (t < 0 || t >= static_cast<double>(hi) + 1.0) out_of_range();
      }
      if (t != n.d) *w = ConvWarning::FractionalTruncated;
      return static_cast<T>(t);
    }
    default: {
      unsigned __int128 mag;
      bool dropped;
      if (!decimal_to_scaled(n.dec, 0, &mag, &dropped)) out_of_range();
      if (dropped) *w = ConvWarning::FractionalTruncated;
      if (n.dec.negative && mag != 0) {
        if (!is_signed || mag > static_cast<unsigned __int128>(-(lo + 1)) + 1) out_of_range();
        return static_cast<T>(-static_cast<int64_t>(mag - 1) - 1);
      }
      if (mag > hi) out_of_range();
      return static_cast<T>(mag);
    }
  }
}

template <typename T>
ConvResult integer_target(const CTarget& t, const Cell& cell, Source src, size_t* offset) {
  ConvWarning w = ConvWarning::None;
  const T v = to_integer<T>(read_number(cell, src), &w);
  return write_fixed(t, v, offset, w);
}

ConvResult bit_target(const CTarget& t, const Cell& cell, Source src, size_t* offset) {
  const Number n = read_number(cell, src);
  ConvWarning w = ConvWarning::None;
  unsigned char v;
  if (n.kind == Number::I || n.kind == Number::U) {
    const bool neg = n.kind == Number::I && n.i < 0;
    const uint64_t m = n.kind == Number::I ? static_cast<uint64_t>(n.i) : n.u;
    if (neg || m > 1) out_of_range();
    v = static_cast<unsigned char>(m);
  } else {
    const double d = as_double(n);
    if (!(d >= 0 && d < 2)) out_of_range();  // also NaN
    v = d >= 1 ? 1 : 0;
    if (d != 0 && d != 1) w = ConvWarning::FractionalTruncated;
  }
  return write_fixed(t, v, offset, w);
}

ConvResult double_target(const CTarget& t, const Cell& cell, Source src, size_t* offset, bool single) {
  const double d = as_double(read_number(cell, src));
  if (std::isinf(d) || std::isnan(d)) out_of_range();
  if (single) {
    if (std::fabs(d) > FLT_MAX) out_of_range();
    return write_fixed(t, static_cast<float>(d), offset);
  }
  return write_fixed(t, d, offset);
}

ConvResult numeric_target(const CTarget& t, const Cell& cell, Source src, size_t* offset) {
  Number n = read_number(cell, src);
  char buf[48];
  if (n.kind != Number::Dec) {
    std::string_view text;
    if (n.kind == Number::I) text = {buf, static_cast<size_t>(std::to_chars(buf, buf + 32, n.i).ptr - buf)};
    else if (n.kind == Number::U) text = {buf, static_cast<size_t>(std::to_chars(buf, buf + 32, n.u).ptr - buf)};
    else {
      if (!std::isfinite(n.d)) out_of_range();
      text = {buf, format_double(n.d, buf)};
    }
    if (!parse_decimal(text, &n.dec)) fail("22018", "Invalid character value for cast specification");
  }
  const int precision = t.precision > 0 ? t.precision : 38;
  const int scale = t.scale;
  if (precision > 38 || scale > precision || scale < -38)
    fail("HY104", "Invalid precision or scale value for SQL_C_NUMERIC");
  unsigned __int128 mag;
  bool dropped;
  if (!decimal_to_scaled(n.dec, scale, &mag, &dropped)) out_of_range();
  if (mag != 0 && decimal_digit_count(mag) > precision) out_of_range();
  SQL_NUMERIC_STRUCT ns;
  std::memset(&ns, 0, sizeof ns);
  ns.precision = static_cast<SQLCHAR>(precision);
  ns.scale = static_cast<SQLSCHAR>(scale);
  ns.sign = (n.dec.negative && mag != 0) ? 0 : 1;
  for (int k = 0; k < SQL_MAX_NUMERIC_LEN; ++k) {
    ns.val[k] = static_cast<SQLCHAR>(mag & 0xFF);
    mag >>= 8;
  }
  return write_fixed(t, ns, offset, dropped ? ConvWarning::FractionalTruncated : ConvWarning::None);
}

// ---- dates and times --------------------------------------------------------------------

enum class TimeKind { Date, Time, Timestamp };

// Reads the cell as a calendar value; `kind` says what the source carried.
SqlTime read_time(const Cell& cell, Source src, TimeKind* kind, bool want_time) {
  switch (cell.kind) {
    case Cell::Kind::Date: *kind = TimeKind::Date; return cell.t;
    case Cell::Kind::Time: *kind = TimeKind::Time; return cell.t;
    case Cell::Kind::DateTime: *kind = TimeKind::Timestamp; return cell.t;
    case Cell::Kind::Text: break;
    default: fail("07006", "Restricted data type attribute violation: a number cannot become a date/time");
  }
  const std::string_view s(cell.data, cell.length);
  SqlTime t;
  switch (src) {
    case Source::Date:
      *kind = TimeKind::Date;
      if (!parse_date_text(s, &t)) fail("22007", "Invalid datetime format");
      return t;
    case Source::Time:
      *kind = TimeKind::Time;
      if (!parse_time_text(s, &t)) fail("22007", "Invalid datetime format");
      return t;
    case Source::Timestamp:
      *kind = TimeKind::Timestamp;
      if (!parse_datetime_text(s, &t)) fail("22007", "Invalid datetime format");
      return t;
    case Source::Char:
      // Character data may hold a date, a timestamp or (for time targets) a time literal.
      if (want_time && parse_time_text(s, &t)) {
        *kind = TimeKind::Time;
        return t;
      }
      if (parse_datetime_text(s, &t)) {
        *kind = s.find(':') == std::string_view::npos ? TimeKind::Date : TimeKind::Timestamp;
        return t;
      }
      fail("22018", "Invalid character value for cast specification: not a date/time literal");
    default:
      fail("07006", "Restricted data type attribute violation: this column cannot be converted to a date/time");
  }
}

ConvResult null_result(const CTarget& t, size_t* offset) {
  if (!t.indicator) fail("22002", "Indicator variable required but not supplied");
  *t.indicator = SQL_NULL_DATA;
  mark_done(offset);
  return success();
}

// A zero date has no ODBC date struct: NULL, as MySQL and MariaDB Connector/ODBC hand it over,
// or 22007 with ZERO_DATE_ERROR.
ConvResult zero_date_result(const CTarget& t, size_t* offset) {
  if (t.zero_date_error)
    fail("22007", "Invalid datetime format: a zero date (0000-00-00) is not a calendar date (ZERO_DATE_ERROR=1)");
  return null_result(t, offset);
}

void check_date(const SqlTime& t) {
  if (!is_valid_date(t.year, t.month, t.day)) fail("22007", "Invalid datetime format: not a calendar date");
}

ConvResult date_target(const CTarget& t, const Cell& cell, Source src, size_t* offset) {
  TimeKind kind;
  const SqlTime v = read_time(cell, src, &kind, false);
  if (kind == TimeKind::Time) fail("07006", "Restricted data type attribute violation: TIME to DATE");
  if (is_zero_date(v)) return zero_date_result(t, offset);
  check_date(v);
  const bool time_dropped = kind == TimeKind::Timestamp && (v.hour || v.minute || v.second || v.fraction_ns);
  SQL_DATE_STRUCT d{static_cast<SQLSMALLINT>(v.year), static_cast<SQLUSMALLINT>(v.month),
                    static_cast<SQLUSMALLINT>(v.day)};
  return write_fixed(t, d, offset, time_dropped ? ConvWarning::FractionalTruncated : ConvWarning::None);
}

ConvResult time_target(const CTarget& t, const Cell& cell, Source src, size_t* offset) {
  TimeKind kind;
  const SqlTime v = read_time(cell, src, &kind, true);
  if (kind == TimeKind::Date) fail("07006", "Restricted data type attribute violation: DATE to TIME");
  if (!is_valid_time_of_day(v)) fail("22007", "Invalid datetime format: the time is not a time of day");
  SQL_TIME_STRUCT s{static_cast<SQLUSMALLINT>(v.hour), static_cast<SQLUSMALLINT>(v.minute),
                    static_cast<SQLUSMALLINT>(v.second)};
  return write_fixed(t, s, offset, v.fraction_ns ? ConvWarning::FractionalTruncated : ConvWarning::None);
}

ConvResult timestamp_target(const CTarget& t, const Cell& cell, Source src, size_t* offset) {
  TimeKind kind;
  SqlTime v = read_time(cell, src, &kind, false);
  if (kind == TimeKind::Time) {
    // ODBC: TIME to TIMESTAMP takes the current date.
    if (!is_valid_time_of_day(v)) fail("22007", "Invalid datetime format: the time is not a time of day");
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    v.year = local.tm_year + 1900;
    v.month = static_cast<unsigned>(local.tm_mon + 1);
    v.day = static_cast<unsigned>(local.tm_mday);
  } else {
    if (is_zero_date(v)) return zero_date_result(t, offset);
    check_date(v);
  }
  SQL_TIMESTAMP_STRUCT s{};
  s.year = static_cast<SQLSMALLINT>(v.year);
  s.month = static_cast<SQLUSMALLINT>(v.month);
  s.day = static_cast<SQLUSMALLINT>(v.day);
  s.hour = static_cast<SQLUSMALLINT>(v.hour);
  s.minute = static_cast<SQLUSMALLINT>(v.minute);
  s.second = static_cast<SQLUSMALLINT>(v.second);
  s.fraction = v.fraction_ns;
  return write_fixed(t, s, offset);
}

// ---- GUID -------------------------------------------------------------------------------

bool parse_guid(std::string_view s, SQLGUID* g) {
  s = trim_spaces(s);
  if (s.size() == 38 && s.front() == '{' && s.back() == '}') s = s.substr(1, 36);
  if (s.size() != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') return false;
  auto hex = [&](size_t at, size_t n, uint64_t* out) {
    uint64_t v = 0;
    for (size_t k = at; k < at + n; ++k) {
      const char c = s[k];
      int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
      if (d < 0) return false;
      v = (v << 4) | static_cast<uint64_t>(d);
    }
    *out = v;
    return true;
  };
  uint64_t a, b, c, d4;
  if (!hex(0, 8, &a) || !hex(9, 4, &b) || !hex(14, 4, &c)) return false;
  g->Data1 = static_cast<decltype(g->Data1)>(a);
  g->Data2 = static_cast<decltype(g->Data2)>(b);
  g->Data3 = static_cast<decltype(g->Data3)>(c);
  const size_t pos[8] = {19, 21, 24, 26, 28, 30, 32, 34};
  for (int k = 0; k < 8; ++k) {
    if (!hex(pos[k], 2, &d4)) return false;
    g->Data4[k] = static_cast<unsigned char>(d4);
  }
  return true;
}

ConvResult guid_target(const CTarget& t, const Cell& cell, Source src, size_t* offset) {
  SQLGUID g{};
  if (cell.kind != Cell::Kind::Text) fail("07006", "Restricted data type attribute violation: not a GUID");
  if (src == Source::Binary && cell.length == sizeof(SQLGUID)) {
    std::memcpy(&g, cell.data, sizeof g);
  } else if (src == Source::Char) {
    if (!parse_guid({cell.data, cell.length}, &g)) fail("22018", "Invalid character value for cast specification: not a GUID");
  } else {
    fail("07006", "Restricted data type attribute violation: this column cannot be converted to a GUID");
  }
  return write_fixed(t, g, offset);
}

// ---- intervals ---------------------------------------------------------------------------

// TIME columns are durations; numbers fill single-field intervals; text is an interval literal.
ConvResult interval_target(const ColumnInfo& column, const CTarget& t, const Cell& cell, Source src,
                           SQLSMALLINT c_type, size_t* offset) {
  IntervalFill f;
  switch (src) {
    case Source::Time: {
      TimeKind kind;
      f = interval_from_duration(read_time(cell, src, &kind, true), c_type);
      break;
    }
    case Source::Integer: case Source::Decimal: case Source::Approx: case Source::Char: {
      if (src != Source::Char && !is_single_field_interval(c_type))
        fail("07006", "Restricted data type attribute violation: a number fills only a single-field interval");
      char scratch[64];
      f = interval_from_text(char_form(column, cell, src, scratch).text, c_type);
      break;
    }
    default:
      fail("07006", "Restricted data type attribute violation: this column cannot be converted to an interval");
  }
  return write_fixed(t, f.value, offset, f.truncated ? ConvWarning::FractionalTruncated : ConvWarning::None);
}

}  // namespace

SQLSMALLINT default_c_type(const ColumnInfo& column) {
  switch (column.sql_type) {
    case SQL_CHAR: case SQL_VARCHAR: case SQL_LONGVARCHAR: case SQL_DECIMAL: case SQL_NUMERIC:
      return SQL_C_CHAR;
    case SQL_WCHAR: case SQL_WVARCHAR: case SQL_WLONGVARCHAR:
      return SQL_C_WCHAR;
    case SQL_BIT: return SQL_C_BIT;
    case SQL_TINYINT: return column.is_unsigned ? SQL_C_UTINYINT : SQL_C_STINYINT;
    case SQL_SMALLINT: return column.is_unsigned ? SQL_C_USHORT : SQL_C_SSHORT;
    case SQL_INTEGER: return column.is_unsigned ? SQL_C_ULONG : SQL_C_SLONG;
    case SQL_BIGINT: return column.is_unsigned ? SQL_C_UBIGINT : SQL_C_SBIGINT;
    case SQL_REAL: return SQL_C_FLOAT;
    case SQL_FLOAT: case SQL_DOUBLE: return SQL_C_DOUBLE;
    case SQL_BINARY: case SQL_VARBINARY: case SQL_LONGVARBINARY: return SQL_C_BINARY;
    case SQL_TYPE_DATE: case SQL_DATE: return SQL_C_TYPE_DATE;
    case SQL_TYPE_TIME: case SQL_TIME: return SQL_C_TYPE_TIME;
    case SQL_TYPE_TIMESTAMP: case SQL_TIMESTAMP: return SQL_C_TYPE_TIMESTAMP;
    case SQL_GUID: return SQL_C_GUID;
    default:
      // SQL_INTERVAL_* and SQL_C_INTERVAL_* share their numbers.
      return is_interval_c_type(column.sql_type) ? column.sql_type : SQL_C_CHAR;
  }
}

namespace {

// A binary-protocol integer into an integer C type: the value is already a number, so no
// Number (with its decimal digits) is built. nullopt: not this case.
template <typename T>
ConvResult typed_integer(const CTarget& t, const Cell& cell, size_t* offset) {
  T v;
  if (cell.kind == Cell::Kind::Int) {
    if constexpr (std::numeric_limits<T>::is_signed) {
      if (cell.i < static_cast<int64_t>(std::numeric_limits<T>::min()) ||
          cell.i > static_cast<int64_t>(std::numeric_limits<T>::max()))
        out_of_range();
    } else {
      if (cell.i < 0 || static_cast<uint64_t>(cell.i) > static_cast<uint64_t>(std::numeric_limits<T>::max()))
        out_of_range();
    }
    v = static_cast<T>(cell.i);
  } else {
    if (cell.u > static_cast<uint64_t>(std::numeric_limits<T>::max())) out_of_range();
    v = static_cast<T>(cell.u);
  }
  return write_fixed(t, v, offset);
}

}  // namespace

ConvResult convert_to_c(const ColumnInfo& column, const Cell& cell, const CTarget& target, size_t* offset) {
  if (already_done(offset)) return {SQL_NO_DATA, ConvWarning::None};
  if (cell.kind == Cell::Kind::Null) return null_result(target, offset);
  // The fetch hot path: binary-protocol numbers into the matching C types.
  if ((cell.kind == Cell::Kind::Int || cell.kind == Cell::Kind::UInt) && column.field.type != MyType::Bit) {
    switch (target.c_type) {
      case SQL_C_SLONG: case SQL_C_LONG: return typed_integer<SQLINTEGER>(target, cell, offset);
      case SQL_C_SBIGINT: return typed_integer<SQLBIGINT>(target, cell, offset);
      case SQL_C_ULONG: return typed_integer<SQLUINTEGER>(target, cell, offset);
      case SQL_C_UBIGINT: return typed_integer<SQLUBIGINT>(target, cell, offset);
      default: break;
    }
  } else if (cell.kind == Cell::Kind::Double && target.c_type == SQL_C_DOUBLE) {
    if (std::isinf(cell.d) || std::isnan(cell.d)) out_of_range();
    return write_fixed(target, cell.d, offset);
  }
  const Source src = effective_source(column, cell);
  SQLSMALLINT c_type = target.c_type;
  if (c_type == SQL_C_DEFAULT) c_type = default_c_type(column);
  if (is_interval_c_type(c_type)) return interval_target(column, target, cell, src, c_type, offset);

  switch (c_type) {
    case SQL_C_CHAR: {
      char scratch[64];
      CharForm f = char_form(column, cell, src, scratch);
      if (f.hex && !target.binary_as_hex) {
        f.hex = false;
        f.raw = true;
      }
      return to_char(target, f, offset);
    }
    case SQL_C_WCHAR: {
      char scratch[64];
      return to_wchar(target, char_form(column, cell, src, scratch), offset);
    }
    case SQL_C_BINARY: {
      if (cell.kind == Cell::Kind::Text) return to_binary(target, {cell.data, cell.length}, offset);
      char scratch[64];
      return to_binary(target, char_form(column, cell, src, scratch).text, offset);
    }
    case SQL_C_STINYINT: case SQL_C_TINYINT:
      return integer_target<signed char>(target, cell, src, offset);
    case SQL_C_UTINYINT:
      return integer_target<unsigned char>(target, cell, src, offset);
    case SQL_C_SSHORT: case SQL_C_SHORT:
      return integer_target<SQLSMALLINT>(target, cell, src, offset);
    case SQL_C_USHORT:
      return integer_target<SQLUSMALLINT>(target, cell, src, offset);
    case SQL_C_SLONG: case SQL_C_LONG:
      return integer_target<SQLINTEGER>(target, cell, src, offset);
    case SQL_C_ULONG:
      return integer_target<SQLUINTEGER>(target, cell, src, offset);
    case SQL_C_SBIGINT:
      return integer_target<SQLBIGINT>(target, cell, src, offset);
    case SQL_C_UBIGINT:
      return integer_target<SQLUBIGINT>(target, cell, src, offset);
    case SQL_C_BIT:
      return bit_target(target, cell, src, offset);
    case SQL_C_DOUBLE:
      return double_target(target, cell, src, offset, false);
    case SQL_C_FLOAT:
      return double_target(target, cell, src, offset, true);
    case SQL_C_NUMERIC:
      return numeric_target(target, cell, src, offset);
    case SQL_C_TYPE_DATE: case SQL_C_DATE:
      return date_target(target, cell, src, offset);
    case SQL_C_TYPE_TIME: case SQL_C_TIME:
      return time_target(target, cell, src, offset);
    case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP:
      return timestamp_target(target, cell, src, offset);
    case SQL_C_GUID:
      return guid_target(target, cell, src, offset);
    default:
      throw OdbcError("HY003", "Invalid application buffer type " + std::to_string(c_type));
  }
}

}  // namespace fabodbc
