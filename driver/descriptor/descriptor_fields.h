// SQLGetDescField / SQLSetDescField / SQLGetDescRec / SQLSetDescRec / SQLCopyDesc over the
// Descriptor store. Which field exists on which descriptor kind, and which of them the
// application may set, follows the table of the SQLSetDescField reference page; the IRD is
// read from the statement's result columns and is read-only (HY016) except its two pointers.
#pragma once

#include "driver/descriptor/descriptor.h"

#include <sql.h>
#include <sqlext.h>

#include <string>

namespace fabodbc {

// One field's value as the application gets it.
struct DescFieldValue {
  enum class Kind { Integer, Pointer, String };
  Kind kind = Kind::Integer;
  SQLLEN number = 0;
  void* pointer = nullptr;
  std::string text;
  int width = 2;  // bytes of the integer: SQLSMALLINT 2, SQLINTEGER 4, SQLLEN/SQLULEN 8
};

// SQL_NO_DATA when `record` is beyond SQL_DESC_COUNT; HY091 for a field the descriptor kind
// does not have; HY007 for the IRD of a statement neither prepared nor executed.
SQLRETURN get_desc_field(Descriptor& d, SQLSMALLINT record, SQLSMALLINT field, DescFieldValue& out);

// `value` is the integer or pointer as passed; `text` the converted string for string fields.
// HY016 (IRD), HY091 (read-only or unknown field), 07009 (record 0), HY021 (consistency
// check when a data pointer is set), HY092/HY024 (bad values).
void set_desc_field(Descriptor& d, SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value,
                    const std::string* text);

struct DescRecSummary {
  std::string name;
  SQLSMALLINT type = 0, subtype = 0, precision = 0, scale = 0, nullable = 0;
  SQLLEN length = 0;
};
SQLRETURN get_desc_rec(Descriptor& d, SQLSMALLINT record, DescRecSummary& out);
void set_desc_rec(Descriptor& d, SQLSMALLINT record, SQLSMALLINT type, SQLSMALLINT subtype, SQLLEN length,
                  SQLSMALLINT precision, SQLSMALLINT scale, SQLPOINTER data, SQLLEN* octet_length_ptr,
                  SQLLEN* indicator_ptr);

// HY016 when the target is an IRD; HY007 when the source is the IRD of an unprepared statement.
void copy_desc(Descriptor& source, Descriptor& target);

}  // namespace fabodbc
