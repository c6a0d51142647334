#include "setup/utf16.h"

#include "driver/convert/utf.h"

#include <sql.h>

namespace fabodbc::setup {

std::string utf16_to_utf8(const SQLWCHAR* s) {
  return s ? fabodbc::utf16_to_utf8(wide_view(s, SQL_NTS)) : std::string();
}

std::string utf16_multi_to_utf8(const SQLWCHAR* s) {
  std::string out;
  if (s) {
    // Each "KEY=VALUE" ends with a NUL; an empty string ends the list.
    while (*s) {
      const std::u16string_view one = wide_view(s, SQL_NTS);
      out += fabodbc::utf16_to_utf8(one);
      out += '\0';
      s += one.size() + 1;
    }
  }
  out += '\0';
  return out;
}

std::u16string utf8_to_utf16(const std::string& s) { return fabodbc::utf8_to_utf16(s); }

}  // namespace fabodbc::setup
