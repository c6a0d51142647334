// UTF-8 <-> UTF-16 (SQLWCHAR under unixODBC is 16 bits).
#pragma once

#include <sqltypes.h>

#include <string>
#include <string_view>

namespace fabodbc {

// Invalid input is replaced with U+FFFD rather than throwing: application strings must never
// crash the driver.
std::u16string utf8_to_utf16(std::string_view utf8);
std::string utf16_to_utf8(std::u16string_view utf16);

// Length in SQLWCHARs of a wide string from the API: SQL_NTS means NUL-terminated.
std::u16string_view wide_view(const SQLWCHAR* s, SQLLEN length_or_nts);

}  // namespace fabodbc
