// ODBC interval C types (SQL_C_INTERVAL_*) against what MySQL has: TIME values, which are
// durations (up to +-838:59:59.999999), integers and decimals for single-field intervals, and
// interval text ("1-2", "3 04:05:06.5") as MySQL's INTERVAL '...' unit expressions read it.
// The seconds fraction of SQL_DAY_SECOND_STRUCT is in microseconds (interval seconds
// precision 6, MySQL's finest). The leading-field precision is not enforced: every value a
// MySQL column can hold fits the struct's 32-bit fields.
#pragma once

#include "driver/convert/cell.h"

#include <sql.h>
#include <sqlext.h>

#include <string>
#include <string_view>

namespace fabodbc {

bool is_interval_c_type(SQLSMALLINT c_type) noexcept;  // also the SQL_INTERVAL_* SQL types (same numbers)
bool is_single_field_interval(SQLSMALLINT c_type) noexcept;
bool is_day_time_interval(SQLSMALLINT c_type) noexcept;

// An interval filled from a value; `truncated` when trailing fields or fraction digits were
// dropped (01S07).
struct IntervalFill {
  SQL_INTERVAL_STRUCT value{};
  bool truncated = false;
};

// A duration (TIME value) as the interval type. 07006 for year-month types.
IntervalFill interval_from_duration(const SqlTime& t, SQLSMALLINT c_type);
// A number (single-field types only, else 07006): the leading field, the fraction into
// SECOND's fraction or dropped. 22015 when it does not fit.
IntervalFill interval_from_number(bool negative, std::string_view digits_before_point,
                                  std::string_view digits_after_point, SQLSMALLINT c_type);
// Interval text: an interval literal with the type's fields ("1-2" YEAR TO MONTH, "3 04:05"
// DAY TO MINUTE, "-7" DAY), a TIME-shaped text for day-time types, or a number for
// single-field types. 22018 when it is none of these.
IntervalFill interval_from_text(std::string_view text, SQLSMALLINT c_type);

// The application's struct as interval text of its type's fields, e.g. "-3 04:05:06.250000";
// 22015 when a trailing field is out of range (hour 24, minute 60...). The C type decides which
// fields are read; the struct's interval_type is not trusted (applications often leave it 0).
std::string interval_literal(const SQL_INTERVAL_STRUCT& value, SQLSMALLINT c_type);
// A day-time interval as a TIME duration (hours = days * 24 + hour); 07006 for year-month.
SqlTime interval_as_duration(const SQL_INTERVAL_STRUCT& value, SQLSMALLINT c_type);

}  // namespace fabodbc
