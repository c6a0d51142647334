// UTF-16 (SQLWCHAR under unixODBC) <-> UTF-8 for the W forms of the setup entry points.
#pragma once

#include <sqltypes.h>

#include <string>

namespace fabodbc::setup {

// NUL-terminated UTF-16 -> UTF-8 (nullptr gives ""). Unpaired surrogates become U+FFFD.
std::string utf16_to_utf8(const SQLWCHAR* s);
// A "KEY=VALUE\0...\0\0" list in UTF-16 -> the same list in UTF-8 (with its final "\0\0").
std::string utf16_multi_to_utf8(const SQLWCHAR* s);
std::u16string utf8_to_utf16(const std::string& s);

}  // namespace fabodbc::setup
