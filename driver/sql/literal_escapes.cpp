#include "driver/sql/literal_escapes.h"

#include <cctype>
#include <cstdio>
#include <vector>

#include "driver/error.h"

namespace fabodbc::sql {

namespace {

[[noreturn]] void bad_datetime(const char* kind, std::string_view value) {
  throw OdbcError("22007", std::string("invalid ") + kind + " literal '" + std::string(value) + "'");
}

// Reads 1..max_digits decimal digits at s[i]; false if there are none.
bool read_number(std::string_view s, size_t& i, size_t min_digits, size_t max_digits, long& out) {
  size_t start = i;
  out = 0;
  while (i < s.size() && i - start < max_digits && std::isdigit(static_cast<unsigned char>(s[i]))) {
    out = out * 10 + (s[i] - '0');
    ++i;
  }
  // More digits than allowed also fails: "2024-001-02" is not a date.
  if (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return i - start >= min_digits;
}

bool expect(std::string_view s, size_t& i, char c) {
  if (i < s.size() && s[i] == c) {
    ++i;
    return true;
  }
  return false;
}

bool is_leap(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(long y, long m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

struct Date { long y, m, d; };
struct Time { long h, mi, s; std::string fraction; };

bool parse_date(std::string_view s, size_t& i, Date& d) {
  return read_number(s, i, 4, 4, d.y) && expect(s, i, '-') && read_number(s, i, 1, 2, d.m) && expect(s, i, '-') &&
         read_number(s, i, 1, 2, d.d) && d.y >= 1 && d.m >= 1 && d.m <= 12 && d.d >= 1 &&
         d.d <= days_in_month(d.y, d.m);
}

// hh:mm:ss with an optional fraction of up to nine digits (kept up to six).
bool parse_time(std::string_view s, size_t& i, Time& t) {
  if (!(read_number(s, i, 1, 2, t.h) && expect(s, i, ':') && read_number(s, i, 1, 2, t.mi) && expect(s, i, ':') &&
        read_number(s, i, 1, 2, t.s) && t.h <= 23 && t.mi <= 59 && t.s <= 59))
    return false;
  if (expect(s, i, '.')) {
    size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == start || i - start > 9) return false;
    t.fraction = std::string(s.substr(start, std::min<size_t>(i - start, 6)));
  }
  return true;
}

std::string format_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", d.y, d.m, d.d);
  return buf;
}

std::string format_time(const Time& t) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02ld:%02ld:%02ld", t.h, t.mi, t.s);
  return t.fraction.empty() ? std::string(buf) : std::string(buf) + "." + t.fraction;
}

}  // namespace

std::string date_literal(std::string_view value) {
  size_t i = 0;
  Date d{};
  if (!parse_date(value, i, d) || i != value.size()) bad_datetime("date", value);
  return "DATE'" + format_date(d) + "'";
}

std::string time_literal(std::string_view value) {
  size_t i = 0;
  Time t{};
  if (!parse_time(value, i, t) || i != value.size()) bad_datetime("time", value);
  return "TIME'" + format_time(t) + "'";
}

std::string timestamp_literal(std::string_view value) {
  size_t i = 0;
  Date d{};
  Time t{};
  if (!parse_date(value, i, d) || !expect(value, i, ' ') || !parse_time(value, i, t) || i != value.size())
    bad_datetime("timestamp", value);
  return "TIMESTAMP'" + format_date(d) + " " + format_time(t) + "'";
}

// --- intervals ------------------------------------------------------------------------------

namespace {

enum Field { YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, NONE };

Field field_named(std::string_view word) {
  static const char* names[] = {"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"};
  for (int f = YEAR; f <= SECOND; ++f) {
    std::string_view name = names[f];
    if (word.size() == name.size()) {
      bool same = true;
      for (size_t k = 0; k < word.size(); ++k)
        if (std::toupper(static_cast<unsigned char>(word[k])) != name[k]) same = false;
      if (same) return static_cast<Field>(f);
    }
  }
  return NONE;
}

// Splits "DAY(3) TO SECOND(6)" into its leading and trailing fields (precisions are checked for
// form and dropped: MySQL interval units carry none).
bool parse_qualifier(std::string_view q, Field& lead, Field& trail) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < q.size()) {
    if (std::isspace(static_cast<unsigned char>(q[i]))) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < q.size() && std::isalpha(static_cast<unsigned char>(q[i]))) ++i;
    if (i == start) return false;
    words.push_back(q.substr(start, i - start));
    while (i < q.size() && std::isspace(static_cast<unsigned char>(q[i]))) ++i;
    if (i < q.size() && q[i] == '(') {  // (precision) or (precision, fraction precision)
      size_t close = q.find(')', i);
      if (close == std::string_view::npos) return false;
      for (size_t k = i + 1; k < close; ++k)
        if (!std::isdigit(static_cast<unsigned char>(q[k])) && q[k] != ',' && q[k] != ' ') return false;
      i = close + 1;
    }
  }
  if (words.size() == 1) {
    lead = trail = field_named(words[0]);
    return lead != NONE;
  }
  if (words.size() != 3) return false;
  std::string_view to = words[1];
  if (!(to.size() == 2 && std::toupper(static_cast<unsigned char>(to[0])) == 'T' &&
        std::toupper(static_cast<unsigned char>(to[1])) == 'O'))
    return false;
  lead = field_named(words[0]);
  trail = field_named(words[2]);
  // SQL-92 pairs: YEAR TO MONTH, or day-time fields in decreasing order.
  if (lead == NONE || trail == NONE || lead >= trail) return false;
  if (lead == YEAR) return trail == MONTH;
  return lead >= DAY;
}

}  // namespace

std::string interval_literal(bool negative, std::string_view value, std::string_view qualifier) {
  Field lead = NONE, trail = NONE;
  if (!parse_qualifier(qualifier, lead, trail))
    throw OdbcError("42000", "unknown interval qualifier '" + std::string(qualifier) + "'");

  // The separators of the value: '-' between YEAR and MONTH, ' ' after DAY, ':' between the
  // time fields, '.' before a fraction of SECOND.
  size_t i = 0;
  long number = 0;
  std::vector<long> fields;
  std::string fraction;
  for (int f = lead; f <= trail; ++f) {
    if (f != lead) {
      char sep = f == MONTH ? '-' : (f == HOUR ? ' ' : ':');
      if (!expect(value, i, sep)) bad_datetime("interval", value);
    }
    // The leading field may have as many digits as its precision allows; the others two.
    if (!read_number(value, i, 1, f == lead ? 9 : 2, number)) bad_datetime("interval", value);
    fields.push_back(number);
    if (f != lead) {
      long limit = f == MONTH ? 11 : (f == HOUR ? 23 : 59);
      if (number > limit)
        throw OdbcError("22015", "interval field overflow in '" + std::string(value) + "'");
    }
  }
  if (trail == SECOND && expect(value, i, '.')) {
    size_t start = i;
    while (i < value.size() && std::isdigit(static_cast<unsigned char>(value[i]))) ++i;
    if (i == start || i - start > 9) bad_datetime("interval", value);
    fraction = std::string(value.substr(start, std::min<size_t>(i - start, 6)));
    // MySQL reads the digits after '.' of a *_MICROSECOND value as a count of microseconds:
    // '.5' would be 5 µs, so the fraction is padded to six digits.
    fraction.resize(6, '0');
  }
  if (i != value.size()) bad_datetime("interval", value);

  static const char* unit_names[] = {"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"};
  std::string unit;
  if (lead == trail && fraction.empty()) {
    unit = unit_names[lead];
  } else if (fraction.empty()) {
    unit = std::string(unit_names[lead]) + "_" + unit_names[trail];
  } else {
    unit = std::string(unit_names[lead]) + "_MICROSECOND";
  }
  std::string text = negative ? "-" : "";
  for (size_t k = 0; k < fields.size(); ++k) {
    if (k > 0) text += lead + static_cast<int>(k) == MONTH ? '-' : (lead + static_cast<int>(k) == HOUR ? ' ' : ':');
    text += std::to_string(fields[k]);
  }
  if (!fraction.empty()) text += "." + fraction;
  return "INTERVAL '" + text + "' " + unit;
}

std::string like_escape_clause(std::string_view value, bool backslash_escapes) {
  // One character = one UTF-8 sequence: a lead byte and its continuation bytes.
  size_t chars = 0;
  for (char c : value)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;
  if (chars != 1)
    throw OdbcError("42000", "the LIKE escape character must be one character, got '" + std::string(value) + "'");
  std::string quoted(value);
  if (value == "'") quoted = "''";
  if (value == "\\" && backslash_escapes) quoted = "\\\\";
  return "ESCAPE '" + quoted + "'";
}

}  // namespace fabodbc::sql
