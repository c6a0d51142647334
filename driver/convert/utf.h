// UTF-8 <-> UTF-16 (SQLWCHAR under unixODBC is 16 bits).
#pragma once

#include <sqltypes.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace fabodbc {

// Invalid input is replaced with U+FFFD rather than throwing: application strings must never
// crash the driver. (One U+FFFD per invalid byte / truncated sequence / lone surrogate.)
std::u16string utf8_to_utf16(std::string_view utf8);
std::string utf16_to_utf8(std::u16string_view utf16);

// Length in SQLWCHARs of a wide string from the API: SQL_NTS means NUL-terminated.
// A null pointer or a negative length other than SQL_NTS gives an empty view.
std::u16string_view wide_view(const SQLWCHAR* s, SQLLEN length_or_nts);

// --- Allocation-free helpers (used by the SQL_C_WCHAR conversion and the API layer) ---------

// Number of UTF-16 code units utf8_to_utf16(utf8) would produce.
size_t utf16_length_of_utf8(std::string_view utf8);

// Encodes as much of `utf8` as fits into `out` (capacity `out_units` code units), never
// splitting a surrogate pair. Returns the number of units written; *consumed receives the
// number of input bytes they came from (always a whole number of sequences).
size_t utf8_to_utf16_into(std::string_view utf8, char16_t* out, size_t out_units, size_t* consumed);

// Decodes one scalar value at utf8[*pos] and advances *pos past it; invalid or truncated
// input yields U+FFFD and advances by one byte (or by the valid prefix of a truncated sequence).
char32_t decode_utf8(std::string_view utf8, size_t* pos);

// Length of the longest prefix of `utf8` (at most `max_bytes`) that ends on a sequence
// boundary, so that a chunk handed out in pieces does not end inside a character.
size_t utf8_boundary_prefix(std::string_view utf8, size_t max_bytes);

}  // namespace fabodbc
