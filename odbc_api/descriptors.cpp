// Descriptor entry points: SQLGetDescField/SQLSetDescField/SQLGetDescRec (A and W),
// SQLSetDescRec, SQLCopyDesc. The field logic is in driver/descriptor/descriptor_fields.cpp.
#include "driver/descriptor/descriptor_fields.h"
#include "odbc_api/dispatch.h"
#include "odbc_api/strings.h"

#include <cstring>

using namespace fabodbc;
using namespace fabodbc::api;

namespace {

bool is_string_field(SQLSMALLINT field) {
  switch (field) {
    case SQL_DESC_BASE_COLUMN_NAME: case SQL_DESC_BASE_TABLE_NAME: case SQL_DESC_CATALOG_NAME:
    case SQL_DESC_LABEL: case SQL_DESC_LITERAL_PREFIX: case SQL_DESC_LITERAL_SUFFIX:
    case SQL_DESC_LOCAL_TYPE_NAME: case SQL_DESC_NAME: case SQL_DESC_SCHEMA_NAME: case SQL_DESC_TABLE_NAME:
    case SQL_DESC_TYPE_NAME:
      return true;
    default:
      return false;
  }
}

SQLRETURN get_field(SQLHDESC h, SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value, SQLINTEGER capacity,
                    SQLINTEGER* length, bool wide) {
  return call<Descriptor>(h, [&](Descriptor& d) -> SQLRETURN {
    DescFieldValue v;
    SQLRETURN rc = get_desc_field(d, record, field, v);
    if (rc == SQL_NO_DATA) return rc;
    switch (v.kind) {
      case DescFieldValue::Kind::String: {
        if (capacity < 0 && value) throw OdbcError("HY090", "BufferLength must not be negative");
        // BufferLength and *StringLengthPtr are in bytes for both forms.
        bool truncated = wide ? write_wide(v.text, value, capacity / static_cast<SQLINTEGER>(sizeof(SQLWCHAR)),
                                           length, true)
                              : write_ansi(v.text, value, capacity, length);
        note_truncation(d.diagnostics(), truncated);
        return SQL_SUCCESS;
      }
      case DescFieldValue::Kind::Pointer:
        if (value) std::memcpy(value, &v.pointer, sizeof(SQLPOINTER));
        if (length) *length = sizeof(SQLPOINTER);
        return SQL_SUCCESS;
      case DescFieldValue::Kind::Integer:
        if (value) {
          if (v.width == 2) {
            *static_cast<SQLSMALLINT*>(value) = static_cast<SQLSMALLINT>(v.number);
          } else if (v.width == 4) {
            *static_cast<SQLINTEGER*>(value) = static_cast<SQLINTEGER>(v.number);
          } else {
            *static_cast<SQLLEN*>(value) = v.number;
          }
        }
        if (length) *length = v.width;
        return SQL_SUCCESS;
    }
    return SQL_SUCCESS;
  });
}

SQLRETURN set_field(SQLHDESC h, SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value, SQLINTEGER length,
                    bool wide) {
  return call<Descriptor>(h, [&](Descriptor& d) -> SQLRETURN {
    std::string text;
    if (is_string_field(field) && value) {
      if (wide) {
        text = from_wide(static_cast<const SQLWCHAR*>(value),
                         length == SQL_NTS ? SQL_NTS : length / static_cast<SQLINTEGER>(sizeof(SQLWCHAR)));
      } else {
        text = from_ansi(static_cast<const SQLCHAR*>(value), length);
      }
    }
    set_desc_field(d, record, field, value, &text);
    return SQL_SUCCESS;
  });
}

SQLRETURN get_rec(SQLHDESC h, SQLSMALLINT record, void* name, SQLSMALLINT capacity, SQLSMALLINT* name_length,
                  SQLSMALLINT* type, SQLSMALLINT* subtype, SQLLEN* length, SQLSMALLINT* precision,
                  SQLSMALLINT* scale, SQLSMALLINT* nullable, bool wide) {
  return call<Descriptor>(h, [&](Descriptor& d) -> SQLRETURN {
    if (capacity < 0) throw OdbcError("HY090", "BufferLength must not be negative");
    DescRecSummary r;
    SQLRETURN rc = get_desc_rec(d, record, r);
    if (rc == SQL_NO_DATA) return rc;
    // SQLGetDescRecW counts the name buffer in characters.
    bool truncated = wide ? write_wide(r.name, name, capacity, name_length, false)
                          : write_ansi(r.name, name, capacity, name_length);
    if (type) *type = r.type;
    if (subtype) *subtype = r.subtype;
    if (length) *length = r.length;
    if (precision) *precision = r.precision;
    if (scale) *scale = r.scale;
    if (nullable) *nullable = r.nullable;
    note_truncation(d.diagnostics(), truncated);
    return SQL_SUCCESS;
  });
}

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLGetDescField(SQLHDESC h, SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value,
                                  SQLINTEGER capacity, SQLINTEGER* length) {
  return get_field(h, record, field, value, capacity, length, false);
}

SQLRETURN SQL_API SQLGetDescFieldW(SQLHDESC h, SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value,
                                   SQLINTEGER capacity, SQLINTEGER* length) {
  return get_field(h, record, field, value, capacity, length, true);
}

SQLRETURN SQL_API SQLSetDescField(SQLHDESC h, SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value,
                                  SQLINTEGER length) {
  return set_field(h, record, field, value, length, false);
}

SQLRETURN SQL_API SQLSetDescFieldW(SQLHDESC h, SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value,
                                   SQLINTEGER length) {
  return set_field(h, record, field, value, length, true);
}

SQLRETURN SQL_API SQLGetDescRec(SQLHDESC h, SQLSMALLINT record, SQLCHAR* name, SQLSMALLINT capacity,
                                SQLSMALLINT* name_length, SQLSMALLINT* type, SQLSMALLINT* subtype, SQLLEN* length,
                                SQLSMALLINT* precision, SQLSMALLINT* scale, SQLSMALLINT* nullable) {
  return get_rec(h, record, name, capacity, name_length, type, subtype, length, precision, scale, nullable, false);
}

SQLRETURN SQL_API SQLGetDescRecW(SQLHDESC h, SQLSMALLINT record, SQLWCHAR* name, SQLSMALLINT capacity,
                                 SQLSMALLINT* name_length, SQLSMALLINT* type, SQLSMALLINT* subtype, SQLLEN* length,
                                 SQLSMALLINT* precision, SQLSMALLINT* scale, SQLSMALLINT* nullable) {
  return get_rec(h, record, name, capacity, name_length, type, subtype, length, precision, scale, nullable, true);
}

SQLRETURN SQL_API SQLSetDescRec(SQLHDESC h, SQLSMALLINT record, SQLSMALLINT type, SQLSMALLINT subtype,
                                SQLLEN length, SQLSMALLINT precision, SQLSMALLINT scale, SQLPOINTER data,
                                SQLLEN* octet_length_ptr, SQLLEN* indicator_ptr) {
  return call<Descriptor>(h, [&](Descriptor& d) -> SQLRETURN {
    set_desc_rec(d, record, type, subtype, length, precision, scale, data, octet_length_ptr, indicator_ptr);
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLCopyDesc(SQLHDESC source_handle, SQLHDESC target_handle) {
  Descriptor* source = lookup<Descriptor>(source_handle);
  if (!source) return SQL_INVALID_HANDLE;
  // Both descriptors belong to connections whose lock call<> takes for the target; a source
  // of another connection is read under its own lock.
  return call<Descriptor>(target_handle, [&](Descriptor& target) {
    if (&source->connection() == &target.connection()) {
      copy_desc(*source, target);
    } else {
      std::lock_guard<std::mutex> lock(source->connection().mutex());
      copy_desc(*source, target);
    }
    return SQL_SUCCESS;
  });
}

}  // extern "C"
