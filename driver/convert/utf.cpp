// UTF-8 / UTF-16 transcoding with U+FFFD replacement (never throws on bad input).
#include "driver/convert/utf.h"

#include <sql.h>

namespace fabodbc {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

char32_t decode_utf8(std::string_view s, size_t* pos) {
  const size_t n = s.size();
  size_t i = *pos;
  const unsigned char c0 = static_cast<unsigned char>(s[i]);
  if (c0 < 0x80) {
    *pos = i + 1;
    return c0;
  }
  size_t need;
  char32_t cp;
  // The second byte's allowed range excludes overlongs, surrogates and values > U+10FFFF
  // (the well-formed table of Unicode 3.9, table 3-7).
  unsigned char lo = 0x80, hi = 0xBF;
  if (c0 >= 0xC2 && c0 <= 0xDF) {
    need = 1; cp = c0 & 0x1F;
  } else if (c0 >= 0xE0 && c0 <= 0xEF) {
    need = 2; cp = c0 & 0x0F;
    if (c0 == 0xE0) lo = 0xA0;
    if (c0 == 0xED) hi = 0x9F;
  } else if (c0 >= 0xF0 && c0 <= 0xF4) {
    need = 3; cp = c0 & 0x07;
    if (c0 == 0xF0) lo = 0x90;
    if (c0 == 0xF4) hi = 0x8F;
  } else {
    *pos = i + 1;
    return kReplacement;
  }
  ++i;
  for (size_t k = 0; k < need; ++k, ++i) {
    if (i >= n) { *pos = i; return kReplacement; }
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const unsigned char l = (k == 0) ? lo : 0x80, h = (k == 0) ? hi : 0xBF;
    if (c < l || c > h) { *pos = i; return kReplacement; }  // maximal valid prefix consumed
    cp = (cp << 6) | (c & 0x3F);
  }
  *pos = i;
  return cp;
}

std::u16string utf8_to_utf16(std::string_view utf8) {
  std::u16string out;
  out.reserve(utf8.size());
  size_t pos = 0;
  while (pos < utf8.size()) {
    const char32_t cp = decode_utf8(utf8, &pos);
    if (cp >= 0x10000) {
      out.push_back(static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return out;
}

std::string utf16_to_utf8(std::u16string_view utf16) {
  std::string out;
  out.reserve(utf16.size() * 3);
  for (size_t i = 0; i < utf16.size(); ++i) {
    const char16_t u = utf16[i];
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 1 < utf16.size() && utf16[i + 1] >= 0xDC00 && utf16[i + 1] <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((char32_t(u) - 0xD800) << 10) + (char32_t(utf16[i + 1]) - 0xDC00));
        ++i;
      } else {
        append_utf8(out, kReplacement);
      }
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      append_utf8(out, kReplacement);
    } else {
      append_utf8(out, u);
    }
  }
  return out;
}

std::u16string_view wide_view(const SQLWCHAR* s, SQLLEN length_or_nts) {
  static_assert(sizeof(SQLWCHAR) == sizeof(char16_t), "SQLWCHAR must be 16 bits (unixODBC)");
  if (s == nullptr) return {};
  const auto* p = reinterpret_cast<const char16_t*>(s);
  if (length_or_nts == SQL_NTS) {
    size_t n = 0;
    while (p[n] != 0) ++n;
    return {p, n};
  }
  if (length_or_nts < 0) return {};
  return {p, static_cast<size_t>(length_or_nts)};
}

size_t utf16_length_of_utf8(std::string_view utf8) {
  size_t units = 0, pos = 0;
  while (pos < utf8.size()) {
    const unsigned char c = static_cast<unsigned char>(utf8[pos]);
    if (c < 0x80) { ++units; ++pos; continue; }  // ASCII fast path
    units += decode_utf8(utf8, &pos) >= 0x10000 ? 2 : 1;
  }
  return units;
}

size_t utf8_to_utf16_into(std::string_view utf8, char16_t* out, size_t out_units, size_t* consumed) {
  size_t written = 0, pos = 0;
  while (pos < utf8.size()) {
    // ASCII runs (most text) copy without decoding.
    const unsigned char c = static_cast<unsigned char>(utf8[pos]);
    if (c < 0x80) {
      if (written == out_units) break;
      out[written++] = c;
      ++pos;
      continue;
    }
    size_t next = pos;
    const char32_t cp = decode_utf8(utf8, &next);
    const size_t need = cp >= 0x10000 ? 2 : 1;
    if (written + need > out_units) break;
    if (need == 2) {
      out[written++] = static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
      out[written++] = static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      out[written++] = static_cast<char16_t>(cp);
    }
    pos = next;
  }
  if (consumed) *consumed = pos;
  return written;
}

size_t utf8_boundary_prefix(std::string_view utf8, size_t max_bytes) {
  if (max_bytes >= utf8.size()) return utf8.size();
  size_t cut = max_bytes;
  // Back off over continuation bytes (at most 3) to the start of the character at `cut`.
  size_t steps = 0;
  while (cut > 0 && steps < 3 && is_continuation(static_cast<unsigned char>(utf8[cut]))) {
    --cut;
    ++steps;
  }
  if (steps == 3 && is_continuation(static_cast<unsigned char>(utf8[cut]))) return max_bytes;  // not UTF-8: cut raw
  return cut;
}

}  // namespace fabodbc
