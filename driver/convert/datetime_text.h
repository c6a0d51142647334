// Allocation-free parsing, validation and formatting of MySQL date/time text.
#pragma once

#include "driver/convert/cell.h"

#include <cstddef>
#include <string_view>

namespace fabodbc {

// "YYYY-MM-DD". Fields are range-checked loosely (month <= 12, day <= 31) so that MySQL zero
// dates ("0000-00-00", "2020-00-00") parse; use is_valid_date for calendar validity.
bool parse_date_text(std::string_view s, SqlTime* out);
// "[-]H...H:MM:SS[.fraction]" with any number of hour digits (MySQL TIME reaches 838:59:59).
bool parse_time_text(std::string_view s, SqlTime* out);
// "YYYY-MM-DD[( |T)HH:MM:SS[.fraction]]".
bool parse_datetime_text(std::string_view s, SqlTime* out);

bool is_zero_date(const SqlTime& t);           // 0000-00-00 (MySQL's "no date")
bool is_valid_date(int year, unsigned month, unsigned day);
bool is_valid_time_of_day(const SqlTime& t);   // 00:00:00 .. 23:59:59, not negative

// Formatting into buf (>= 40 bytes); returns length. Fractions are printed with `digits`
// fractional digits (0..9); -1 prints microseconds only when non-zero.
size_t format_date(const SqlTime& t, char* buf);
size_t format_time(const SqlTime& t, char* buf, int digits);
size_t format_datetime(const SqlTime& t, char* buf, int digits);

}  // namespace fabodbc
