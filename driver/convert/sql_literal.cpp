// ParamValue -> SQL literal for the text protocol. Strings are always quoted and escaped, so
// no parameter value can end the literal early (the injection surface of client-side prepare).
#include "driver/convert/convert.h"
#include "driver/convert/datetime_text.h"
#include "driver/convert/number_text.h"
#include "driver/error.h"

#include <charconv>
#include <cmath>

namespace fabodbc {
namespace {

void append_quoted(std::string& out, const std::string& s, bool no_backslash_escapes) {
  out.reserve(out.size() + s.size() + 2);
  out += '\'';
  if (no_backslash_escapes) {
    // NO_BACKSLASH_ESCAPES: a backslash is an ordinary character; only the quote is doubled.
    for (char c : s) {
      if (c == '\'') out += '\'';
      out += c;
    }
  } else {
    for (char c : s) {
      switch (c) {
        case '\0': out += "\\0"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\\': out += "\\\\"; break;
        case '\'': out += "\\'"; break;
        case '"': out += "\\\""; break;
        case '\x1a': out += "\\Z"; break;
        default: out += c;
      }
    }
  }
  out += '\'';
}

}  // namespace

std::string to_sql_literal(const ParamValue& v, bool no_backslash_escapes) {
  char buf[64];
  switch (v.kind) {
    case ParamValue::Kind::Null:
      return "NULL";
    case ParamValue::Kind::Int:
      return std::string(buf, std::to_chars(buf, buf + sizeof buf, v.i).ptr);
    case ParamValue::Kind::UInt:
      return std::string(buf, std::to_chars(buf, buf + sizeof buf, v.u).ptr);
    case ParamValue::Kind::Double: {
      if (!std::isfinite(v.d)) throw OdbcError("22003", "Numeric value out of range: NaN or infinity");
      std::string s(buf, format_double(v.d, buf));
      // An exponent makes MySQL read a DOUBLE (not a DECIMAL) literal; shortest round-trip
      // digits give back exactly the application's double.
      if (s.find_first_of("eE") == std::string::npos) s += "e0";
      return s;
    }
    case ParamValue::Kind::Decimal: {
      // Only a validated decimal is rendered bare; anything else is quoted (the server casts).
      DecimalDigits d;
      if (!parse_decimal(v.bytes, &d) || v.bytes.find_first_of("eE") != std::string::npos) {
        std::string out;
        append_quoted(out, v.bytes, no_backslash_escapes);
        return out;
      }
      return std::string(trim_spaces(v.bytes));
    }
    case ParamValue::Kind::Text: {
      std::string out;
      append_quoted(out, v.bytes, no_backslash_escapes);
      return out;
    }
    case ParamValue::Kind::Bytes: {
      static const char kHex[] = "0123456789ABCDEF";
      std::string out;
      out.reserve(v.bytes.size() * 2 + 3);
      out += "X'";
      for (unsigned char c : v.bytes) {
        out += kHex[c >> 4];
        out += kHex[c & 0x0F];
      }
      out += '\'';
      return out;
    }
    case ParamValue::Kind::Date:
      return "'" + std::string(buf, format_date(v.t, buf)) + "'";
    case ParamValue::Kind::Time:
      return "'" + std::string(buf, format_time(v.t, buf, -1)) + "'";
    case ParamValue::Kind::DateTime:
      return "'" + std::string(buf, format_datetime(v.t, buf, -1)) + "'";
  }
  return "NULL";
}

}  // namespace fabodbc
