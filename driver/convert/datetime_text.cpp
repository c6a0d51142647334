// MySQL date/time text <-> SqlTime.
#include "driver/convert/datetime_text.h"

#include "driver/convert/number_text.h"

#include <cstdio>

namespace fabodbc {
namespace {

// Reads exactly n digits at s[*i].
bool fixed_digits(std::string_view s, size_t* i, size_t n, unsigned* out) {
  if (*i + n > s.size()) return false;
  unsigned v = 0;
  for (size_t k = 0; k < n; ++k) {
    const char c = s[*i + k];
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  *i += n;
  *out = v;
  return true;
}

bool expect(std::string_view s, size_t* i, char c) {
  if (*i < s.size() && s[*i] == c) {
    ++*i;
    return true;
  }
  return false;
}

// ".ddddddddd": up to 9 digits are kept as nanoseconds; more digits are accepted and dropped.
bool fraction(std::string_view s, size_t* i, uint32_t* ns) {
  *ns = 0;
  if (!expect(s, i, '.')) return true;
  size_t n = 0;
  uint32_t v = 0;
  while (*i < s.size() && s[*i] >= '0' && s[*i] <= '9') {
    if (n < 9) {
      v = v * 10 + static_cast<uint32_t>(s[*i] - '0');
      ++n;
    }
    ++*i;
  }
  if (n == 0) return false;
  for (size_t k = n; k < 9; ++k) v *= 10;
  *ns = v;
  return true;
}

bool date_part(std::string_view s, size_t* i, SqlTime* t) {
  unsigned y, m, d;
  if (!fixed_digits(s, i, 4, &y) || !expect(s, i, '-') || !fixed_digits(s, i, 2, &m) || !expect(s, i, '-') ||
      !fixed_digits(s, i, 2, &d))
    return false;
  if (m > 12 || d > 31) return false;
  t->year = static_cast<int>(y);
  t->month = m;
  t->day = d;
  return true;
}

bool clock_part(std::string_view s, size_t* i, SqlTime* t, bool long_hours) {
  unsigned h = 0, mi, se;
  if (long_hours) {
    size_t start = *i;
    while (*i < s.size() && s[*i] >= '0' && s[*i] <= '9' && *i - start < 9) h = h * 10 + static_cast<unsigned>(s[(*i)++] - '0');
    if (*i == start) return false;
  } else if (!fixed_digits(s, i, 2, &h)) {
    return false;
  }
  if (!expect(s, i, ':') || !fixed_digits(s, i, 2, &mi) || !expect(s, i, ':') || !fixed_digits(s, i, 2, &se))
    return false;
  if (mi > 59 || se > 59 || (!long_hours && h > 23)) return false;
  t->hour = h;
  t->minute = mi;
  t->second = se;
  return fraction(s, i, &t->fraction_ns);
}

void two(char* p, unsigned v) {
  p[0] = static_cast<char>('0' + v / 10 % 10);
  p[1] = static_cast<char>('0' + v % 10);
}

size_t append_fraction(uint32_t ns, char* p, int digits) {
  if (digits < 0) {
    if (ns == 0) return 0;
    digits = (ns % 1000 == 0) ? 6 : 9;
  }
  if (digits == 0) return 0;
  p[0] = '.';
  uint32_t div = 100000000;
  for (int k = 0; k < digits; ++k) {
    p[1 + k] = static_cast<char>('0' + (ns / div) % 10);
    div = div ? div / 10 : 0;
    if (div == 0) div = 1, ns = 0;  // past nanoseconds: zeros
  }
  return static_cast<size_t>(digits) + 1;
}

}  // namespace

bool parse_date_text(std::string_view s, SqlTime* out) {
  s = trim_spaces(s);
  SqlTime t;
  size_t i = 0;
  if (!date_part(s, &i, &t) || i != s.size()) return false;
  *out = t;
  return true;
}

bool parse_time_text(std::string_view s, SqlTime* out) {
  s = trim_spaces(s);
  SqlTime t;
  size_t i = 0;
  if (expect(s, &i, '-')) t.negative = true;
  if (!clock_part(s, &i, &t, true) || i != s.size()) return false;
  *out = t;
  return true;
}

bool parse_datetime_text(std::string_view s, SqlTime* out) {
  s = trim_spaces(s);
  SqlTime t;
  size_t i = 0;
  if (!date_part(s, &i, &t)) return false;
  if (i < s.size()) {
    if (s[i] != ' ' && s[i] != 'T') return false;
    ++i;
    if (!clock_part(s, &i, &t, false)) return false;
  }
  if (i != s.size()) return false;
  *out = t;
  return true;
}

bool is_zero_date(const SqlTime& t) { return t.year == 0 && t.month == 0 && t.day == 0; }

bool is_valid_date(int year, unsigned month, unsigned day) {
  if (year < 0 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  static const unsigned kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  unsigned limit = kDays[month - 1];
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) limit = 29;
  return day <= limit;
}

bool is_valid_time_of_day(const SqlTime& t) {
  return !t.negative && t.hour < 24 && t.minute < 60 && t.second < 60;
}

size_t format_date(const SqlTime& t, char* buf) {
  const unsigned y = static_cast<unsigned>(t.year < 0 ? 0 : t.year);
  two(buf, y / 100);
  two(buf + 2, y % 100);
  buf[4] = '-';
  two(buf + 5, t.month);
  buf[7] = '-';
  two(buf + 8, t.day);
  return 10;
}

size_t format_time(const SqlTime& t, char* buf, int digits) {
  size_t n = 0;
  if (t.negative) buf[n++] = '-';
  if (t.hour >= 100) {
    n += static_cast<size_t>(std::snprintf(buf + n, 12, "%u", t.hour));
  } else {
    two(buf + n, t.hour);
    n += 2;
  }
  buf[n++] = ':';
  two(buf + n, t.minute);
  n += 2;
  buf[n++] = ':';
  two(buf + n, t.second);
  n += 2;
  return n + append_fraction(t.fraction_ns, buf + n, digits);
}

size_t format_datetime(const SqlTime& t, char* buf, int digits) {
  size_t n = format_date(t, buf);
  buf[n++] = ' ';
  SqlTime clock = t;
  clock.negative = false;
  return n + format_time(clock, buf + n, digits);
}

}  // namespace fabodbc
