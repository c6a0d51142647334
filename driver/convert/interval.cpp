#include "driver/convert/interval.h"

#include "driver/convert/datetime_text.h"
#include "driver/convert/number_text.h"
#include "driver/error.h"

#include <cctype>
#include <cstdio>
#include <limits>

namespace fabodbc {

namespace {

// Fields in order; an interval type covers [first, last].
enum Field { kYear, kMonth, kDay, kHour, kMinute, kSecond };

struct Shape {
  Field first, last;
};

Shape shape_of(SQLSMALLINT c_type) {
  switch (c_type) {
    case SQL_C_INTERVAL_YEAR: return {kYear, kYear};
    case SQL_C_INTERVAL_MONTH: return {kMonth, kMonth};
    case SQL_C_INTERVAL_YEAR_TO_MONTH: return {kYear, kMonth};
    case SQL_C_INTERVAL_DAY: return {kDay, kDay};
    case SQL_C_INTERVAL_HOUR: return {kHour, kHour};
    case SQL_C_INTERVAL_MINUTE: return {kMinute, kMinute};
    case SQL_C_INTERVAL_SECOND: return {kSecond, kSecond};
    case SQL_C_INTERVAL_DAY_TO_HOUR: return {kDay, kHour};
    case SQL_C_INTERVAL_DAY_TO_MINUTE: return {kDay, kMinute};
    case SQL_C_INTERVAL_DAY_TO_SECOND: return {kDay, kSecond};
    case SQL_C_INTERVAL_HOUR_TO_MINUTE: return {kHour, kMinute};
    case SQL_C_INTERVAL_HOUR_TO_SECOND: return {kHour, kSecond};
    case SQL_C_INTERVAL_MINUTE_TO_SECOND: return {kMinute, kSecond};
    default: throw OdbcError("HY003", "not an interval C type: " + std::to_string(c_type));
  }
}

// Trailing fields wrap at these; the leading field takes whatever is left.
constexpr uint64_t kWrap[] = {0, 12, 0, 24, 60, 60};
// A field's length in the next smaller unit of its family (months; seconds).
constexpr uint64_t kSecondsPer[] = {0, 0, 86400, 3600, 60, 1};

[[noreturn]] void field_overflow(const char* what) {
  throw OdbcError("22015", std::string("Interval field overflow: ") + what);
}

uint32_t as_field(uint64_t v) {
  if (v > std::numeric_limits<SQLUINTEGER>::max()) field_overflow("the leading field does not fit");
  return static_cast<uint32_t>(v);
}

// Fields of an interval value, whichever family.
struct Fields {
  bool negative = false;
  uint64_t f[6] = {0, 0, 0, 0, 0, 0};
  uint32_t fraction_us = 0;
};

IntervalFill to_struct(const Fields& x, SQLSMALLINT c_type, bool truncated) {
  const Shape s = shape_of(c_type);
  IntervalFill out;
  out.truncated = truncated;
  SQL_INTERVAL_STRUCT& v = out.value;
  v.interval_type = static_cast<SQLINTERVAL>(c_type - SQL_C_INTERVAL_YEAR + SQL_IS_YEAR);
  v.interval_sign = x.negative ? SQL_TRUE : SQL_FALSE;
  if (s.first <= kMonth) {
    v.intval.year_month.year = as_field(x.f[kYear]);
    v.intval.year_month.month = as_field(x.f[kMonth]);
  } else {
    v.intval.day_second.day = as_field(x.f[kDay]);
    v.intval.day_second.hour = as_field(x.f[kHour]);
    v.intval.day_second.minute = as_field(x.f[kMinute]);
    v.intval.day_second.second = as_field(x.f[kSecond]);
    v.intval.day_second.fraction = x.fraction_us;
  }
  return out;
}

// Splits a number of seconds over the (day-time) type's fields: the leading field takes the
// rest, units smaller than the type's last field are dropped (reported as truncation).
Fields split_seconds(uint64_t total, const Shape& s, bool* truncated) {
  Fields x;
  uint64_t rest = total;
  for (int f = s.first; f <= s.last; ++f) {
    const uint64_t unit = kSecondsPer[f];
    x.f[f] = rest / unit;
    rest %= unit;
  }
  if (rest) *truncated = true;
  return x;
}

uint64_t parse_unsigned(std::string_view digits) {
  uint64_t v = 0;
  for (char c : digits) {
    if (v > (std::numeric_limits<uint64_t>::max() - 9) / 10) field_overflow("too many digits");
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v;
}

// Up to 6 fraction digits as microseconds; more digits are dropped (truncation).
uint32_t fraction_us(std::string_view digits, bool* truncated) {
  uint32_t us = 0;
  for (size_t k = 0; k < 6; ++k) us = us * 10 + (k < digits.size() ? static_cast<uint32_t>(digits[k] - '0') : 0);
  for (size_t k = 6; k < digits.size(); ++k)
    if (digits[k] != '0') *truncated = true;
  return us;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// The separator MySQL's interval text puts before a field.
char separator_before(Field f) { return f == kMonth ? '-' : f == kHour ? ' ' : ':'; }

// "1-2", "3 04:05:06.5", "-7": exactly the type's fields with their separators.
bool parse_literal(std::string_view s, const Shape& shape, Fields* x, bool* truncated) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) x->negative = s[i++] == '-';
  for (int f = shape.first; f <= shape.last; ++f) {
    if (f != shape.first) {
      if (i >= s.size() || s[i] != separator_before(static_cast<Field>(f))) return false;
      ++i;
    }
    const size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == start) return false;
    x->f[f] = parse_unsigned(s.substr(start, i - start));
    if (f != shape.first && kWrap[f] && x->f[f] >= kWrap[f]) field_overflow("a trailing field is out of range");
  }
  if (i < s.size() && s[i] == '.' && shape.last == kSecond) {
    const size_t start = ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    x->fraction_us = fraction_us(s.substr(start, i - start), truncated);
  }
  return i == s.size();
}

}  // namespace

bool is_interval_c_type(SQLSMALLINT c_type) noexcept {
  return c_type >= SQL_C_INTERVAL_YEAR && c_type <= SQL_C_INTERVAL_MINUTE_TO_SECOND;
}

bool is_single_field_interval(SQLSMALLINT c_type) noexcept {
  return c_type >= SQL_C_INTERVAL_YEAR && c_type <= SQL_C_INTERVAL_SECOND;
}

bool is_day_time_interval(SQLSMALLINT c_type) noexcept {
  return is_interval_c_type(c_type) && c_type != SQL_C_INTERVAL_YEAR && c_type != SQL_C_INTERVAL_MONTH &&
         c_type != SQL_C_INTERVAL_YEAR_TO_MONTH;
}

IntervalFill interval_from_duration(const SqlTime& t, SQLSMALLINT c_type) {
  const Shape shape = shape_of(c_type);
  if (shape.first <= kMonth)
    throw OdbcError("07006", "Restricted data type attribute violation: a TIME is no year-month interval");
  bool truncated = false;
  const uint64_t seconds = uint64_t{t.hour} * 3600 + uint64_t{t.minute} * 60 + t.second;
  Fields x = split_seconds(seconds, shape, &truncated);
  x.negative = t.negative && (seconds != 0 || t.fraction_ns != 0);
  if (shape.last == kSecond) {
    x.fraction_us = t.fraction_ns / 1000;
    if (t.fraction_ns % 1000) truncated = true;
  } else if (t.fraction_ns) {
    truncated = true;
  }
  return to_struct(x, c_type, truncated);
}

IntervalFill interval_from_number(bool negative, std::string_view before, std::string_view after,
                                  SQLSMALLINT c_type) {
  if (!is_single_field_interval(c_type))
    throw OdbcError("07006", "Restricted data type attribute violation: a number fills only a single-field interval");
  const Shape shape = shape_of(c_type);
  Fields x;
  bool truncated = false;
  x.f[shape.first] = parse_unsigned(before.empty() ? std::string_view("0") : before);
  if (shape.first == kSecond) {
    x.fraction_us = fraction_us(after, &truncated);
  } else {
    for (char c : after)
      if (c != '0') truncated = true;
  }
  x.negative = negative && (x.f[shape.first] != 0 || x.fraction_us != 0);
  return to_struct(x, c_type, truncated);
}

IntervalFill interval_from_text(std::string_view text, SQLSMALLINT c_type) {
  text = trim_spaces(text);
  const Shape shape = shape_of(c_type);
  Fields x;
  bool truncated = false;
  if (parse_literal(text, shape, &x, &truncated)) {
    bool any = x.fraction_us != 0;
    for (uint64_t v : x.f) any = any || v != 0;
    x.negative = x.negative && any;
    return to_struct(x, c_type, truncated);
  }
  SqlTime t;
  if (is_day_time_interval(c_type) && parse_time_text(text, &t)) return interval_from_duration(t, c_type);
  if (is_single_field_interval(c_type)) {
    std::string_view s = text;
    bool negative = false;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
      negative = s[0] == '-';
      s.remove_prefix(1);
    }
    const size_t dot = s.find('.');
    const std::string_view before = s.substr(0, dot), after = dot == std::string_view::npos ? "" : s.substr(dot + 1);
    if ((all_digits(before) || (before.empty() && all_digits(after))) && (after.empty() || all_digits(after)))
      return interval_from_number(negative, before, after, c_type);
  }
  throw OdbcError("22018", "Invalid character value for cast specification: '" + std::string(text.substr(0, 40)) +
                               "' is not an interval of this type");
}

namespace {

// The application's struct as fields of the type's shape, with the ranges checked: trailing
// fields within their wrap (hour < 24, ...), the fraction within 6 digits. 22015 otherwise.
Fields checked_fields(const SQL_INTERVAL_STRUCT& v, const Shape& shape) {
  Fields x;
  x.negative = v.interval_sign == SQL_TRUE;
  if (shape.first <= kMonth) {
    x.f[kYear] = v.intval.year_month.year;
    x.f[kMonth] = v.intval.year_month.month;
  } else {
    x.f[kDay] = v.intval.day_second.day;
    x.f[kHour] = v.intval.day_second.hour;
    x.f[kMinute] = v.intval.day_second.minute;
    x.f[kSecond] = v.intval.day_second.second;
    if (v.intval.day_second.fraction > 999999) field_overflow("the fraction has more than 6 digits (microseconds)");
    x.fraction_us = shape.last == kSecond ? v.intval.day_second.fraction : 0;
  }
  for (int k = shape.first + 1; k <= shape.last; ++k)
    if (kWrap[k] && x.f[k] >= kWrap[k]) field_overflow("a trailing field is out of range");
  return x;
}

}  // namespace

std::string interval_literal(const SQL_INTERVAL_STRUCT& v, SQLSMALLINT c_type) {
  const Shape shape = shape_of(c_type);
  const Fields x = checked_fields(v, shape);
  std::string out = x.negative ? "-" : "";
  for (int k = shape.first; k <= shape.last; ++k) {
    if (k != shape.first) out += separator_before(static_cast<Field>(k));
    char buf[24];
    std::snprintf(buf, sizeof buf, k == shape.first ? "%llu" : "%02llu", static_cast<unsigned long long>(x.f[k]));
    out += buf;
  }
  if (x.fraction_us) {
    char buf[16];
    std::snprintf(buf, sizeof buf, ".%06u", x.fraction_us);
    out += buf;
  }
  return out;
}

SqlTime interval_as_duration(const SQL_INTERVAL_STRUCT& v, SQLSMALLINT c_type) {
  const Shape shape = shape_of(c_type);
  if (shape.first <= kMonth)
    throw OdbcError("07006", "Restricted data type attribute violation: a year-month interval is no TIME");
  const Fields x = checked_fields(v, shape);
  uint64_t seconds = 0;
  for (int k = shape.first; k <= shape.last; ++k) seconds += x.f[k] * kSecondsPer[k];
  // MySQL's TIME ends at 838:59:59: the server would store a longer value clipped to that (with
  // only a warning outside strict mode), which is not the value sent.
  constexpr uint64_t kMaxTimeSeconds = 838 * 3600 + 59 * 60 + 59;
  if (seconds > kMaxTimeSeconds || (seconds == kMaxTimeSeconds && x.fraction_us != 0))
    field_overflow("longer than a TIME holds (838:59:59)");
  SqlTime t;
  t.negative = x.negative;
  t.hour = static_cast<unsigned>(seconds / 3600);
  t.minute = static_cast<unsigned>(seconds / 60 % 60);
  t.second = static_cast<unsigned>(seconds % 60);
  t.fraction_ns = x.fraction_us * 1000;
  return t;
}

}  // namespace fabodbc
