// Allocation-free parsing of numeric text (what the text protocol and applications send),
// exact enough for 64-bit integers, DECIMAL(65,30) and SQL_NUMERIC_STRUCT's 128-bit mantissa.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace fabodbc {

// A decimal number as ±digits × 10^exponent. Leading zeros are dropped; at most kMaxDigits
// significant digits are kept (further digits are dropped and `inexact` records a non-zero one).
struct DecimalDigits {
  static constexpr size_t kMaxDigits = 96;
  bool negative = false;
  bool inexact = false;
  unsigned char digits[kMaxDigits];  // values 0..9, most significant first
  size_t count = 0;
  int exponent = 0;
};

// Parses an SQL numeric literal: optional spaces, sign, digits with an optional point,
// optional exponent, optional spaces. Returns false if `text` is not such a literal.
bool parse_decimal(std::string_view text, DecimalDigits* out);

// The value × 10^scale as a magnitude, truncated toward zero. *fraction_dropped is set when
// non-zero digits were cut. Returns false when the magnitude does not fit 128 bits.
bool decimal_to_scaled(const DecimalDigits& d, int scale, unsigned __int128* magnitude, bool* fraction_dropped);

// Number of decimal digits in a magnitude (0 has 1 digit).
int decimal_digit_count(unsigned __int128 v);

// Strict double parse of a numeric literal (no "inf"/"nan", surrounding spaces allowed).
bool parse_double(std::string_view text, double* out);

// Writes v in decimal into buf (at least 40 bytes); returns the length.
size_t format_u128(unsigned __int128 v, char* buf);

// Shortest round-trip text of a finite double; returns the length (buf >= 32 bytes).
size_t format_double(double v, char* buf);

// A FLOAT or DOUBLE from the binary protocol as the server writes it in the text protocol,
// so both protocols read the same through SQL_C_CHAR: with `decimals` (< 31) fixed digits
// after the point; otherwise the shortest digits (FLOAT: at most 6 significant digits) in
// plain notation for 1e-15 <= |v| < 1e15 or when there is a fraction, else "d.ddde[-]N".
// Returns the length (buf >= 64 bytes).
size_t format_server_real(double v, bool is_float, unsigned decimals, char* buf);

// Trims ASCII spaces (and tabs) from both ends.
std::string_view trim_spaces(std::string_view s);

}  // namespace fabodbc
