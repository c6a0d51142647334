// Strings across the C ABI: application input (ANSI bytes or UTF-16 SQLWCHARs, with SQL_NTS)
// to UTF-8, and UTF-8 results into application buffers with ODBC truncation rules. The only
// place that knows about SQLWCHAR.
#pragma once

#include "driver/convert/utf.h"
#include "driver/diagnostics.h"
#include "driver/error.h"

#include <sql.h>
#include <sqlext.h>

#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace fabodbc::api {

inline void check_length(SQLLEN length) {
  if (length < 0 && length != SQL_NTS) throw OdbcError("HY090", "invalid string or buffer length");
}

inline std::string from_ansi(const SQLCHAR* text, SQLLEN length) {
  if (!text) return std::string();
  check_length(length);
  const char* p = reinterpret_cast<const char*>(text);
  return length == SQL_NTS ? std::string(p) : std::string(p, static_cast<size_t>(length));
}

inline std::string from_wide(const SQLWCHAR* text, SQLLEN length_chars) {
  if (!text) return std::string();
  check_length(length_chars);
  return utf16_to_utf8(wide_view(text, length_chars));
}

// Connection strings and SQLConnect arguments end at their first NUL whatever length the
// application passed (many pass their buffer size; the incumbent MySQL drivers read no further).
inline std::string until_nul(std::string text) {
  const size_t nul = text.find('\0');
  if (nul != std::string::npos) text.resize(nul);
  return text;
}
inline std::string connect_text(const SQLCHAR* text, SQLLEN length) { return until_nul(from_ansi(text, length)); }
inline std::string connect_text(const SQLWCHAR* text, SQLLEN length) { return until_nul(from_wide(text, length)); }

// Catalog arguments: a null pointer means "not given", which differs from "".
inline std::optional<std::string> optional_ansi(const SQLCHAR* text, SQLLEN length) {
  if (!text) return std::nullopt;
  return from_ansi(text, length);
}
inline std::optional<std::string> optional_wide(const SQLWCHAR* text, SQLLEN length) {
  if (!text) return std::nullopt;
  return from_wide(text, length);
}
// The same for either form, so an entry point's body can be one template for A and W.
inline std::optional<std::string> optional_text(const SQLCHAR* text, SQLLEN length) {
  return optional_ansi(text, length);
}
inline std::optional<std::string> optional_text(const SQLWCHAR* text, SQLLEN length) {
  return optional_wide(text, length);
}
inline const std::string* ptr(const std::optional<std::string>& o) { return o ? &*o : nullptr; }

// Writes `value` NUL-terminated into a byte buffer of `capacity` bytes; stores the full length
// in bytes. Returns true when it had to truncate (never in the middle of a UTF-8 sequence).
template <class LengthT>
bool write_ansi(std::string_view value, void* buffer, SQLLEN capacity, LengthT* length_out) {
  if (length_out) *length_out = static_cast<LengthT>(value.size());
  if (!buffer) return false;  // only the length was asked for
  if (capacity <= 0) return !value.empty();
  size_t n = value.size();
  bool truncated = false;
  if (n >= static_cast<size_t>(capacity)) {
    n = static_cast<size_t>(capacity) - 1;
    while (n > 0 && (static_cast<unsigned char>(value[n]) & 0xC0) == 0x80) --n;
    truncated = true;
  }
  std::memcpy(buffer, value.data(), n);
  static_cast<char*>(buffer)[n] = '\0';
  return truncated;
}

// Same for UTF-16. `capacity_units`: buffer size in SQLWCHARs; the length stored is in
// SQLWCHARs, or in bytes when `lengths_in_bytes` (SQLGetInfoW, SQLColAttributeW, attributes).
template <class LengthT>
bool write_wide(std::string_view value, void* buffer, SQLLEN capacity_units, LengthT* length_out,
                bool lengths_in_bytes) {
  std::u16string wide = utf8_to_utf16(value);
  const size_t unit = lengths_in_bytes ? sizeof(SQLWCHAR) : 1;
  if (length_out) *length_out = static_cast<LengthT>(wide.size() * unit);
  if (!buffer) return false;
  if (capacity_units <= 0) return !wide.empty();
  size_t n = wide.size();
  bool truncated = false;
  if (n >= static_cast<size_t>(capacity_units)) {
    n = static_cast<size_t>(capacity_units) - 1;
    if (n > 0 && wide[n - 1] >= 0xD800 && wide[n - 1] <= 0xDBFF) --n;  // keep surrogate pairs whole
    truncated = true;
  }
  auto* out = static_cast<SQLWCHAR*>(buffer);
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<SQLWCHAR>(wide[i]);
  out[n] = 0;
  return truncated;
}

// Posts 01004 when a string result was cut to fit.
inline void note_truncation(Diagnostics& diagnostics, bool truncated) {
  if (truncated) diagnostics.add("01004", "string data, right truncated");
}

}  // namespace fabodbc::api
