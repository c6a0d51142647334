// Application parameter (C buffer) -> ParamValue, following ODBC appendix D "Converting Data
// from C to SQL Data Types". Data-at-execution is resolved by the statement before this runs.
#include "driver/convert/convert.h"
#include "driver/convert/interval.h"
#include "driver/convert/datetime_text.h"
#include "driver/convert/number_text.h"
#include "driver/convert/utf.h"
#include "driver/error.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

namespace fabodbc {
namespace {

[[noreturn]] void fail(const char* state, const std::string& message) { throw OdbcError(state, message); }

bool is_integer_sql(SQLSMALLINT t) {
  return t == SQL_TINYINT || t == SQL_SMALLINT || t == SQL_INTEGER || t == SQL_BIGINT;
}
bool is_approx_sql(SQLSMALLINT t) { return t == SQL_REAL || t == SQL_FLOAT || t == SQL_DOUBLE; }
bool is_exact_sql(SQLSMALLINT t) { return t == SQL_DECIMAL || t == SQL_NUMERIC; }
bool is_date_sql(SQLSMALLINT t) { return t == SQL_TYPE_DATE || t == SQL_DATE; }
bool is_time_sql(SQLSMALLINT t) { return t == SQL_TYPE_TIME || t == SQL_TIME; }
bool is_timestamp_sql(SQLSMALLINT t) { return t == SQL_TYPE_TIMESTAMP || t == SQL_TIMESTAMP; }

// Byte length of a character/binary parameter from StrLen_or_IndPtr and the buffer.
size_t data_length(const ParamSource& p, bool wide) {
  const SQLLEN ind = p.indicator ? *p.indicator : SQL_NTS;
  if (ind == SQL_NTS) {
    if (!p.data) return 0;
    if (wide) {
      size_t n = 0;
      const auto* w = static_cast<const SQLWCHAR*>(p.data);
      while (w[n]) ++n;
      return n * sizeof(SQLWCHAR);
    }
    return std::strlen(static_cast<const char*>(p.data));
  }
  if (ind < 0) fail("HY090", "Invalid string or buffer length " + std::to_string(ind));
  return static_cast<size_t>(ind);
}

// Canonical decimal text: sign, digits, point; no exponent, no leading zeros.
std::string decimal_text(const DecimalDigits& d) {
  std::string s;
  if (d.count == 0) return "0";
  if (d.negative) s += '-';
  const long point = static_cast<long>(d.count) + d.exponent;  // digits before the point
  if (point <= 0) {
    s += "0.";
    s.append(static_cast<size_t>(-point), '0');
    for (size_t k = 0; k < d.count; ++k) s += static_cast<char>('0' + d.digits[k]);
    return s;
  }
  for (long k = 0; k < point; ++k) s += static_cast<char>('0' + (k < static_cast<long>(d.count) ? d.digits[k] : 0));
  if (point < static_cast<long>(d.count)) {
    s += '.';
    for (size_t k = static_cast<size_t>(point); k < d.count; ++k) s += static_cast<char>('0' + d.digits[k]);
  }
  return s;
}

// Whole digits beyond DECIMAL(p,s) cannot be stored: 22003.
void check_decimal_fits(const DecimalDigits& d, const ParamSource& p) {
  if (!is_exact_sql(p.sql_type) || p.column_size == 0 || d.count == 0) return;
  const long whole = static_cast<long>(d.count) + d.exponent;
  const long allowed = static_cast<long>(p.column_size) - p.decimal_digits;
  if (whole > allowed) fail("22003", "Numeric value out of range for DECIMAL(" + std::to_string(p.column_size) + "," +
                                         std::to_string(p.decimal_digits) + ")");
}

ParamValue from_double(double d, const ParamSource& p) {
  if (!std::isfinite(d)) fail("22003", "Numeric value out of range: NaN or infinity cannot be sent");
  ParamValue v;
  if (p.sql_type == SQL_BIT) {
    if (!(d >= 0 && d < 2)) fail("22003", "Numeric value out of range for SQL_BIT");
    v.kind = ParamValue::Kind::Int;
    v.i = d >= 1 ? 1 : 0;
    return v;
  }
  if (p.sql_type == SQL_REAL && std::fabs(d) > std::numeric_limits<float>::max())
    fail("22003", "Numeric value out of range for SQL_REAL");
  if (is_exact_sql(p.sql_type)) {
    char buf[32];
    DecimalDigits dd;
    parse_decimal({buf, format_double(d, buf)}, &dd);
    check_decimal_fits(dd, p);
  }
  v.kind = ParamValue::Kind::Double;
  v.d = d;
  return v;
}

ParamValue from_integer(bool negative, uint64_t magnitude, const ParamSource& p) {
  ParamValue v;
  if (p.sql_type == SQL_BIT && (negative || magnitude > 1)) fail("22003", "Numeric value out of range for SQL_BIT");
  if (is_date_sql(p.sql_type) || is_time_sql(p.sql_type) || is_timestamp_sql(p.sql_type))
    fail("07006", "Restricted data type attribute violation: a number cannot be sent as a date/time");
  if (is_exact_sql(p.sql_type)) {
    char buf[32];
    size_t n = 0;
    if (negative) buf[n++] = '-';
    n = static_cast<size_t>(std::to_chars(buf + n, buf + sizeof buf, magnitude).ptr - buf);
    DecimalDigits dd;
    parse_decimal({buf, n}, &dd);
    check_decimal_fits(dd, p);
  }
  if (negative) {
    v.kind = ParamValue::Kind::Int;
    v.i = static_cast<int64_t>(0 - magnitude);
  } else if (magnitude > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    v.kind = ParamValue::Kind::UInt;
    v.u = magnitude;
  } else {
    v.kind = ParamValue::Kind::Int;
    v.i = static_cast<int64_t>(magnitude);
  }
  return v;
}

ParamValue from_time(const SqlTime& t, bool has_date, bool has_time, const ParamSource& p) {
  if (has_date && !is_valid_date(t.year, t.month, t.day)) fail("22007", "Invalid datetime format: not a calendar date");
  if (has_time && !is_valid_time_of_day(t)) fail("22007", "Invalid datetime format: not a time of day");
  if (t.fraction_ns > 999999999) fail("22007", "Invalid datetime format: fraction out of range");
  ParamValue v;
  v.t = t;
  if (is_date_sql(p.sql_type) || (has_date && !has_time && !is_timestamp_sql(p.sql_type) && !is_time_sql(p.sql_type))) {
    if (!has_date) fail("07006", "Restricted data type attribute violation: TIME sent as DATE");
    v.kind = ParamValue::Kind::Date;
    v.t.hour = v.t.minute = v.t.second = 0;
    v.t.fraction_ns = 0;
  } else if (is_time_sql(p.sql_type) || !has_date) {
    if (!has_time) fail("07006", "Restricted data type attribute violation: DATE sent as TIME");
    v.kind = ParamValue::Kind::Time;
    v.t.year = 0;
    v.t.month = v.t.day = 0;
  } else {
    v.kind = ParamValue::Kind::DateTime;
  }
  if (is_integer_sql(p.sql_type) || is_approx_sql(p.sql_type) || is_exact_sql(p.sql_type) || p.sql_type == SQL_BIT)
    fail("07006", "Restricted data type attribute violation: a date/time cannot be sent as a number");
  return v;
}

// Character data (already UTF-8) interpreted for the parameter's SQL type.
ParamValue from_text(std::string text, const ParamSource& p) {
  ParamValue v;
  const SQLSMALLINT t = p.sql_type;
  if (is_integer_sql(t) || is_exact_sql(t) || is_approx_sql(t) || t == SQL_BIT) {
    DecimalDigits d;
    if (!parse_decimal(text, &d)) fail("22018", "Invalid character value for cast specification: not a number");
    if (is_approx_sql(t)) {
      double x;
      parse_double(text, &x);
      return from_double(x, p);
    }
    if (t == SQL_BIT) {
      unsigned __int128 m;
      bool dropped;
      if (!decimal_to_scaled(d, 0, &m, &dropped) || (d.negative && (m != 0 || dropped)) || m > 1)
        fail("22003", "Numeric value out of range for SQL_BIT");
      v.kind = ParamValue::Kind::Int;
      v.i = static_cast<int64_t>(m);
      return v;
    }
    check_decimal_fits(d, p);
    unsigned __int128 m;
    bool dropped;
    if (is_integer_sql(t) && decimal_to_scaled(d, 0, &m, &dropped) && !dropped &&
        m <= std::numeric_limits<uint64_t>::max() && (!d.negative || m <= (static_cast<unsigned __int128>(1) << 63)))
      return from_integer(d.negative, static_cast<uint64_t>(m), p);
    // Fractions (rounded by the server) and values beyond 64 bits stay exact as decimal text.
    v.kind = ParamValue::Kind::Decimal;
    v.bytes = decimal_text(d);
    return v;
  }
  if (is_date_sql(t) || is_time_sql(t) || is_timestamp_sql(t)) {
    SqlTime tm;
    if (is_time_sql(t)) {
      if (!parse_time_text(text, &tm)) {
        if (!parse_datetime_text(text, &tm)) fail("22007", "Invalid datetime format: '" + text.substr(0, 40) + "'");
      }
      // MySQL TIME values may be negative or exceed 24 hours: send them as they are.
      v.kind = ParamValue::Kind::Time;
      tm.year = 0;
      tm.month = tm.day = 0;
      v.t = tm;
      return v;
    }
    if (!parse_datetime_text(text, &tm) || !is_valid_date(tm.year, tm.month, tm.day))
      fail("22007", "Invalid datetime format: '" + text.substr(0, 40) + "'");
    v.kind = is_date_sql(t) ? ParamValue::Kind::Date : ParamValue::Kind::DateTime;
    v.t = tm;
    return v;
  }
  // Binary SQL types take the bytes as they are (what MySQL's and MariaDB's drivers do);
  // everything else is text.
  const bool binary = t == SQL_BINARY || t == SQL_VARBINARY || t == SQL_LONGVARBINARY;
  v.kind = binary ? ParamValue::Kind::Bytes : ParamValue::Kind::Text;
  v.bytes = std::move(text);
  return v;
}

std::string numeric_struct_text(const SQL_NUMERIC_STRUCT& ns, int scale) {
  unsigned __int128 m = 0;
  for (int k = SQL_MAX_NUMERIC_LEN - 1; k >= 0; --k) m = (m << 8) | ns.val[k];
  char digits[48];
  const size_t n = format_u128(m, digits);
  std::string s;
  if (ns.sign == 0 && m != 0) s += '-';
  if (scale <= 0) {
    s.append(digits, n);
    if (m != 0) s.append(static_cast<size_t>(-scale), '0');
  } else if (static_cast<size_t>(scale) >= n) {
    s += "0.";
    s.append(static_cast<size_t>(scale) - n, '0');
    s.append(digits, n);
  } else {
    s.append(digits, n - static_cast<size_t>(scale));
    s += '.';
    s.append(digits + n - scale, static_cast<size_t>(scale));
  }
  return s;
}

template <typename T>
T read(const void* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// An interval goes to MySQL as what the SQL type asks for: a number (single-field intervals),
// a TIME (day-time intervals) or interval text ("1-2", "3 04:05:06") that TIME columns and
// INTERVAL '...' unit expressions read.
ParamValue from_interval(const SQL_INTERVAL_STRUCT& iv, SQLSMALLINT c_type, const ParamSource& p) {
  const SQLSMALLINT t = p.sql_type;
  if (is_integer_sql(t) || is_exact_sql(t) || is_approx_sql(t) || t == SQL_BIT) {
    if (!is_single_field_interval(c_type))
      fail("07006", "Restricted data type attribute violation: only a single-field interval is a number");
    return from_text(interval_literal(iv, c_type), p);
  }
  if (is_time_sql(t)) {
    ParamValue v;
    v.kind = ParamValue::Kind::Time;
    v.t = interval_as_duration(iv, c_type);
    return v;
  }
  if (is_date_sql(t) || is_timestamp_sql(t) || t == SQL_BINARY || t == SQL_VARBINARY || t == SQL_LONGVARBINARY)
    fail("07006", "Restricted data type attribute violation: an interval cannot be sent as this SQL type");
  ParamValue v;  // character and SQL_INTERVAL_* types: the interval text
  v.kind = ParamValue::Kind::Text;
  v.bytes = interval_literal(iv, c_type);
  return v;
}

}  // namespace

ParamValue convert_from_c(const ParamSource& p) {
  if (p.indicator) {
    const SQLLEN ind = *p.indicator;
    if (ind == SQL_NULL_DATA) return ParamValue{};
    if (ind == SQL_DATA_AT_EXEC || ind <= SQL_LEN_DATA_AT_EXEC_OFFSET)
      fail("HY000", "Data-at-execution parameters must be resolved by the statement before conversion");
  }
  if (!p.data) fail("HY009", "Invalid use of null pointer: parameter data pointer is null");

  SQLSMALLINT c_type = p.c_type;
  if (c_type == SQL_C_DEFAULT) {
    ColumnInfo as_column;
    as_column.sql_type = p.sql_type;
    c_type = default_c_type(as_column);
  }
  if (is_interval_c_type(c_type)) return from_interval(read<SQL_INTERVAL_STRUCT>(p.data), c_type, p);
  switch (c_type) {
    case SQL_C_CHAR: {
      const size_t n = data_length(p, false);
      return from_text(std::string(static_cast<const char*>(p.data), n), p);
    }
    case SQL_C_WCHAR: {
      const size_t n = data_length(p, true);
      if (n % sizeof(SQLWCHAR)) fail("HY090", "Invalid string or buffer length: odd byte count for SQL_C_WCHAR");
      return from_text(utf16_to_utf8({static_cast<const char16_t*>(p.data), n / sizeof(SQLWCHAR)}), p);
    }
    case SQL_C_BINARY: {
      size_t n;
      if (!p.indicator || *p.indicator == SQL_NTS) {
        n = p.buffer_length > 0 ? static_cast<size_t>(p.buffer_length) : 0;
      } else {
        n = data_length(p, false);
      }
      ParamValue v;
      v.kind = ParamValue::Kind::Bytes;
      v.bytes.assign(static_cast<const char*>(p.data), n);
      return v;
    }
    case SQL_C_STINYINT: case SQL_C_TINYINT: {
      const auto x = read<signed char>(p.data);
      return from_integer(x < 0, x < 0 ? 0 - static_cast<uint64_t>(x) : static_cast<uint64_t>(x), p);
    }
    case SQL_C_UTINYINT:
      return from_integer(false, read<unsigned char>(p.data), p);
    case SQL_C_SSHORT: case SQL_C_SHORT: {
      const auto x = read<SQLSMALLINT>(p.data);
      return from_integer(x < 0, x < 0 ? 0 - static_cast<uint64_t>(x) : static_cast<uint64_t>(x), p);
    }
    case SQL_C_USHORT:
      return from_integer(false, read<SQLUSMALLINT>(p.data), p);
    case SQL_C_SLONG: case SQL_C_LONG: {
      const auto x = read<SQLINTEGER>(p.data);
      return from_integer(x < 0, x < 0 ? 0 - static_cast<uint64_t>(x) : static_cast<uint64_t>(x), p);
    }
    case SQL_C_ULONG:
      return from_integer(false, read<SQLUINTEGER>(p.data), p);
    case SQL_C_SBIGINT: {
      const auto x = read<SQLBIGINT>(p.data);
      return from_integer(x < 0, x < 0 ? 0 - static_cast<uint64_t>(x) : static_cast<uint64_t>(x), p);
    }
    case SQL_C_UBIGINT:
      return from_integer(false, read<SQLUBIGINT>(p.data), p);
    case SQL_C_BIT: {
      const auto x = read<unsigned char>(p.data);
      if (x > 1) fail("22003", "Numeric value out of range: SQL_C_BIT must be 0 or 1");
      return from_integer(false, x, p);
    }
    case SQL_C_DOUBLE:
      return from_double(read<double>(p.data), p);
    case SQL_C_FLOAT:
      return from_double(read<float>(p.data), p);
    case SQL_C_NUMERIC: {
      const auto ns = read<SQL_NUMERIC_STRUCT>(p.data);
      // The ODBC specification: the APD's scale (default 0), never the struct's fields. MySQL
      // and MariaDB Connector/ODBC take SQLBindParameter's DecimalDigits instead (an APD left
      // alone then inserts 12345 with DecimalDigits 2 as 123.45, where the default scale 0 would
      // store 12345). With DecimalDigits 0 a scale in the struct itself is kept: it is the only
      // scale the application stated, and ignoring it would multiply the value.
      int scale = ns.scale;
      if (p.numeric_scale_set) {
        scale = p.numeric_scale;
      } else if (is_exact_sql(p.sql_type) && p.decimal_digits != 0) {
        scale = p.decimal_digits;
      }
      std::string text = numeric_struct_text(ns, scale);
      if (is_integer_sql(p.sql_type) || is_exact_sql(p.sql_type) || is_approx_sql(p.sql_type) || p.sql_type == SQL_BIT)
        return from_text(std::move(text), p);
      ParamValue v;
      v.kind = ParamValue::Kind::Decimal;
      v.bytes = std::move(text);
      return v;
    }
    case SQL_C_TYPE_DATE: case SQL_C_DATE: {
      const auto d = read<SQL_DATE_STRUCT>(p.data);
      SqlTime t;
      t.year = d.year;
      t.month = d.month;
      t.day = d.day;
      return from_time(t, true, false, p);
    }
    case SQL_C_TYPE_TIME: case SQL_C_TIME: {
      const auto d = read<SQL_TIME_STRUCT>(p.data);
      SqlTime t;
      t.hour = d.hour;
      t.minute = d.minute;
      t.second = d.second;
      return from_time(t, false, true, p);
    }
    case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP: {
      const auto d = read<SQL_TIMESTAMP_STRUCT>(p.data);
      SqlTime t;
      t.year = d.year;
      t.month = d.month;
      t.day = d.day;
      t.hour = d.hour;
      t.minute = d.minute;
      t.second = d.second;
      t.fraction_ns = d.fraction;
      return from_time(t, true, true, p);
    }
    case SQL_C_GUID: {
      const auto g = read<SQLGUID>(p.data);
      char buf[40];
      std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", static_cast<unsigned>(g.Data1),
                    g.Data2, g.Data3, g.Data4[0], g.Data4[1], g.Data4[2], g.Data4[3], g.Data4[4], g.Data4[5],
                    g.Data4[6], g.Data4[7]);
      ParamValue v;
      v.kind = ParamValue::Kind::Text;
      v.bytes = buf;
      return v;
    }
    default:
      fail("HY003", "Invalid application buffer type " + std::to_string(c_type));
  }
}

}  // namespace fabodbc
