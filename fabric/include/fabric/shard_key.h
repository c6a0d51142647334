// Parsing of shard keys and RANGE_DATETIME bounds. Allocation-free (std::from_chars).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace fabodbc::fabric {

// Decimal 64-bit signed integer, optional leading '-' or '+', nothing else.
std::optional<std::int64_t> parse_int64_key(std::string_view text) noexcept;

// "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS[.ffffff]" (also 'T' as separator). Returns microseconds
// since 1970-01-01 00:00:00 (a date means midnight), so date and datetime keys compare against
// date or datetime bounds on one scale (fabric-protocol.md §6.2, ODBC recommendation).
std::optional<std::int64_t> parse_datetime_key(std::string_view text) noexcept;

}  // namespace fabodbc::fabric
