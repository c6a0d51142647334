// Numeric text parsing shared by both conversion directions.
#include "driver/convert/number_text.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace fabodbc {

std::string_view trim_spaces(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

bool parse_decimal(std::string_view text, DecimalDigits* out) {
  const std::string_view s = trim_spaces(text);
  DecimalDigits& d = *out;
  d.negative = false;
  d.inexact = false;
  d.count = 0;
  d.exponent = 0;
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) d.negative = s[i++] == '-';
  bool any_digit = false, seen_point = false;
  int dropped_exponent = 0;  // digits dropped before the point raise the exponent
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '.') {
      if (seen_point) return false;
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    any_digit = true;
    const unsigned char v = static_cast<unsigned char>(c - '0');
    if (d.count == 0 && v == 0) {  // leading zero: only its position matters
      if (seen_point) --d.exponent;
      continue;
    }
    if (d.count < DecimalDigits::kMaxDigits) {
      d.digits[d.count++] = v;
      if (seen_point) --d.exponent;
    } else {
      if (v != 0) d.inexact = true;
      if (!seen_point) ++dropped_exponent;
    }
  }
  if (!any_digit) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) exp_negative = s[i++] == '-';
    if (i >= s.size()) return false;
    int e = 0;
    for (; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      if (e < 100000) e = e * 10 + (s[i] - '0');
    }
    d.exponent += exp_negative ? -e : e;
  }
  if (i != s.size()) return false;
  d.exponent += dropped_exponent;
  if (d.count == 0) d.exponent = 0;  // zero
  return true;
}

bool decimal_to_scaled(const DecimalDigits& d, int scale, unsigned __int128* magnitude, bool* fraction_dropped) {
  *fraction_dropped = d.inexact;
  unsigned __int128 v = 0;
  const unsigned __int128 max = ~static_cast<unsigned __int128>(0);
  const long shift = static_cast<long>(d.exponent) + scale;
  long keep = static_cast<long>(d.count);
  if (shift < 0) keep += shift;  // digits past the point after scaling are cut
  if (keep < 0) keep = 0;
  for (long k = 0; k < static_cast<long>(d.count); ++k) {
    if (k < keep) {
      if (v > (max - d.digits[k]) / 10) return false;
      v = v * 10 + d.digits[k];
    } else if (d.digits[k] != 0) {
      *fraction_dropped = true;
    }
  }
  if (v != 0) {
    for (long k = 0; k < shift; ++k) {
      if (v > max / 10) return false;
      v *= 10;
    }
  }
  *magnitude = v;
  return true;
}

int decimal_digit_count(unsigned __int128 v) {
  int n = 1;
  while (v >= 10) {
    v /= 10;
    ++n;
  }
  return n;
}

bool parse_double(std::string_view text, double* out) {
  std::string_view s = trim_spaces(text);
  DecimalDigits check;
  if (!parse_decimal(s, &check)) return false;  // rejects inf/nan/hex that from_chars accepts
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);  // from_chars does not take '+'
  const auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  if (r.ec == std::errc::result_out_of_range) {
    // Underflow is a zero; overflow becomes an infinity that the caller range-checks.
    const bool overflow = check.exponent + static_cast<long>(check.count) > 0;
    *out = overflow ? (check.negative ? -HUGE_VAL : HUGE_VAL) : (check.negative ? -0.0 : 0.0);
    return true;
  }
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

size_t format_u128(unsigned __int128 v, char* buf) {
  char tmp[40];
  size_t n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
  } while (v != 0);
  for (size_t k = 0; k < n; ++k) buf[k] = tmp[n - 1 - k];
  return n;
}

size_t format_double(double v, char* buf) {
  const auto r = std::to_chars(buf, buf + 32, v);
  return static_cast<size_t>(r.ptr - buf);
}

size_t format_server_real(double v, bool is_float, unsigned decimals, char* buf) {
  constexpr unsigned kNotFixed = 31;  // NOT_FIXED_DEC: no declared scale
  if (!std::isfinite(v)) return format_double(v, buf);
  if (decimals < kNotFixed) {
    int n = std::snprintf(buf, 64, "%.*f", static_cast<int>(decimals), v);
    if (n > 0 && n < 64) return static_cast<size_t>(n);
  }
  // Significant digits and the decimal exponent: v = 0.DIGITS * 10^decpt.
  char sci[40];
  size_t sci_len;
  if (is_float) {
    sci_len = static_cast<size_t>(std::snprintf(sci, sizeof sci, "%.5e", v));  // 6 significant digits
  } else {
    sci_len = static_cast<size_t>(std::to_chars(sci, sci + sizeof sci, v, std::chars_format::scientific).ptr - sci);
  }
  std::string_view s(sci, sci_len);
  const bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  const size_t e = s.find('e');
  char digits[24];
  int len = 0;
  for (size_t i = 0; i < e; ++i) {
    if (s[i] != '.') digits[len++] = s[i];
  }
  while (len > 1 && digits[len - 1] == '0') --len;
  int exponent = 0;
  std::from_chars(s.data() + e + 1 + (s[e + 1] == '+'), s.data() + s.size(), exponent);
  if (len == 1 && digits[0] == '0') {
    buf[0] = '0';
    return 1;
  }
  const int decpt = exponent + 1;
  char* out = buf;
  if (negative) *out++ = '-';
  if (decpt >= -14 && (decpt <= 15 || len > decpt)) {
    if (decpt <= 0) {
      *out++ = '0';
      *out++ = '.';
      for (int z = decpt; z < 0; ++z) *out++ = '0';
      for (int i = 0; i < len; ++i) *out++ = digits[i];
    } else {
      for (int i = 0; i < len || i < decpt; ++i) {
        if (i == decpt) *out++ = '.';
        *out++ = i < len ? digits[i] : '0';
      }
    }
  } else {
    *out++ = digits[0];
    if (len > 1) {
      *out++ = '.';
      for (int i = 1; i < len; ++i) *out++ = digits[i];
    }
    *out++ = 'e';
    out = std::to_chars(out, out + 8, decpt - 1).ptr;
  }
  return static_cast<size_t>(out - buf);
}

}  // namespace fabodbc
