// Result metadata and fetching.
#include "driver/descriptor/column_attributes.h"
#include "odbc_api/dispatch.h"
#include "odbc_api/strings.h"

using namespace fabodbc;
using namespace fabodbc::api;

namespace {

SQLRETURN describe_col(SQLHSTMT h, SQLUSMALLINT number, void* name, SQLSMALLINT capacity, SQLSMALLINT* name_length,
                       SQLSMALLINT* type, SQLULEN* size, SQLSMALLINT* digits, SQLSMALLINT* nullable, bool wide) {
  return call<Statement>(h, [&](Statement& s) {
    if (capacity < 0) throw OdbcError("HY090", "BufferLength must not be negative");
    const ColumnInfo& c = s.column(number);
    bool truncated = wide ? write_wide(c.field.name, name, capacity, name_length, false)
                          : write_ansi(c.field.name, name, capacity, name_length);
    if (type) *type = c.sql_type;
    if (size) *size = c.column_size;
    if (digits) *digits = c.decimal_digits;
    if (nullable) *nullable = c.nullable;
    note_truncation(s.diagnostics(), truncated);
    return SQL_SUCCESS;
  });
}

SQLRETURN col_attribute(SQLHSTMT h, SQLUSMALLINT number, SQLUSMALLINT field, SQLPOINTER char_value,
                        SQLSMALLINT capacity, SQLSMALLINT* length, SQLLEN* numeric_value, bool wide) {
  return call<Statement>(h, [&](Statement& s) {
    if (field == SQL_DESC_COUNT || field == SQL_COLUMN_COUNT) {
      if (numeric_value) *numeric_value = s.num_result_cols();
      return SQL_SUCCESS;
    }
    ColumnAttribute a = column_attribute(s.column(number), field);
    if (a.is_string) {
      if (capacity < 0 && char_value) throw OdbcError("HY090", "BufferLength must not be negative");
      // BufferLength and *StringLengthPtr are in bytes for both forms.
      bool truncated = wide ? write_wide(a.text, char_value, capacity / static_cast<SQLSMALLINT>(sizeof(SQLWCHAR)),
                                         length, true)
                            : write_ansi(a.text, char_value, capacity, length);
      note_truncation(s.diagnostics(), truncated);
    } else if (numeric_value) {
      *numeric_value = a.number;
    }
    return SQL_SUCCESS;
  });
}

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLNumResultCols(SQLHSTMT h, SQLSMALLINT* count) {
  return call<Statement>(h, [&](Statement& s) {
    SQLSMALLINT n = s.num_result_cols();
    if (count) *count = n;
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLDescribeCol(SQLHSTMT h, SQLUSMALLINT number, SQLCHAR* name, SQLSMALLINT capacity,
                                 SQLSMALLINT* name_length, SQLSMALLINT* type, SQLULEN* size, SQLSMALLINT* digits,
                                 SQLSMALLINT* nullable) {
  return describe_col(h, number, name, capacity, name_length, type, size, digits, nullable, false);
}

SQLRETURN SQL_API SQLDescribeColW(SQLHSTMT h, SQLUSMALLINT number, SQLWCHAR* name, SQLSMALLINT capacity,
                                  SQLSMALLINT* name_length, SQLSMALLINT* type, SQLULEN* size, SQLSMALLINT* digits,
                                  SQLSMALLINT* nullable) {
  return describe_col(h, number, name, capacity, name_length, type, size, digits, nullable, true);
}

SQLRETURN SQL_API SQLColAttribute(SQLHSTMT h, SQLUSMALLINT number, SQLUSMALLINT field, SQLPOINTER char_value,
                                  SQLSMALLINT capacity, SQLSMALLINT* length, SQLLEN* numeric_value) {
  return col_attribute(h, number, field, char_value, capacity, length, numeric_value, false);
}

SQLRETURN SQL_API SQLColAttributeW(SQLHSTMT h, SQLUSMALLINT number, SQLUSMALLINT field, SQLPOINTER char_value,
                                   SQLSMALLINT capacity, SQLSMALLINT* length, SQLLEN* numeric_value) {
  return col_attribute(h, number, field, char_value, capacity, length, numeric_value, true);
}

SQLRETURN SQL_API SQLBindCol(SQLHSTMT h, SQLUSMALLINT number, SQLSMALLINT c_type, SQLPOINTER value,
                             SQLLEN capacity, SQLLEN* indicator) {
  return call<Statement>(h, [&](Statement& s) {
    s.bind_col(number, c_type, value, capacity, indicator);
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLFetch(SQLHSTMT h) {
  return call<Statement>(h, [&](Statement& s) { return s.fetch(); });
}

SQLRETURN SQL_API SQLFetchScroll(SQLHSTMT h, SQLSMALLINT orientation, SQLLEN offset) {
  return call<Statement>(h, [&](Statement& s) { return s.fetch_scroll(orientation, offset); });
}

SQLRETURN SQL_API SQLExtendedFetch(SQLHSTMT h, SQLUSMALLINT orientation, SQLLEN offset, SQLULEN* rows,
                                   SQLUSMALLINT* status) {
  return call<Statement>(h, [&](Statement& s) { return s.extended_fetch(orientation, offset, rows, status); });
}

SQLRETURN SQL_API SQLGetData(SQLHSTMT h, SQLUSMALLINT number, SQLSMALLINT c_type, SQLPOINTER value,
                             SQLLEN capacity, SQLLEN* indicator) {
  return call<Statement>(h, [&](Statement& s) { return s.get_data(number, c_type, value, capacity, indicator); });
}

}  // extern "C"
