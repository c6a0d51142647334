// SQLGetInfo, SQLGetFunctions, SQLGetTypeInfo.
#include "driver/function_list.h"
#include "driver/info/info_values.h"
#include "odbc_api/dispatch.h"
#include "odbc_api/strings.h"

using namespace fabodbc;
using namespace fabodbc::api;

namespace {

SQLRETURN get_info(SQLHDBC h, SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT capacity, SQLSMALLINT* length,
                   bool wide) {
  return call<Connection>(h, [&](Connection& c) {
    if (!c.connected()) throw OdbcError("08003", "the connection is not open");
    std::optional<InfoValue> v = c.info(type);
    if (!v) throw OdbcError("HY096", "information type " + std::to_string(type) + " is not supported");
    switch (v->kind) {
      case InfoValue::Kind::String: {
        if (capacity < 0 && value) throw OdbcError("HY090", "BufferLength must not be negative");
        // Byte lengths for both forms.
        bool truncated = wide ? write_wide(v->text, value, capacity / static_cast<SQLSMALLINT>(sizeof(SQLWCHAR)), length, true)
                              : write_ansi(v->text, value, capacity, length);
        note_truncation(c.diagnostics(), truncated);
        break;
      }
      case InfoValue::Kind::UInt16:
        if (value) *static_cast<SQLUSMALLINT*>(value) = static_cast<SQLUSMALLINT>(v->number);
        if (length) *length = sizeof(SQLUSMALLINT);
        break;
      case InfoValue::Kind::UInt32:
        if (value) *static_cast<SQLUINTEGER*>(value) = static_cast<SQLUINTEGER>(v->number);
        if (length) *length = sizeof(SQLUINTEGER);
        break;
      case InfoValue::Kind::ULen:
        if (value) *static_cast<SQLULEN*>(value) = static_cast<SQLULEN>(v->number);
        if (length) *length = sizeof(SQLULEN);
        break;
    }
    return SQL_SUCCESS;
  });
}

SQLRETURN type_info(SQLHSTMT h, SQLSMALLINT sql_type) {
  return call<Statement>(h, [&](Statement& s) {
    s.type_info(sql_type);
    return SQL_SUCCESS;
  });
}

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLGetInfo(SQLHDBC h, SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT capacity,
                             SQLSMALLINT* length) {
  return get_info(h, type, value, capacity, length, false);
}

SQLRETURN SQL_API SQLGetInfoW(SQLHDBC h, SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT capacity,
                              SQLSMALLINT* length) {
  return get_info(h, type, value, capacity, length, true);
}

SQLRETURN SQL_API SQLGetFunctions(SQLHDBC h, SQLUSMALLINT id, SQLUSMALLINT* supported) {
  return call<Connection>(h, [&](Connection&) {
    if (!supported) throw OdbcError("HY009", "SupportedPtr is a null pointer");
    if (id == SQL_API_ODBC3_ALL_FUNCTIONS) {
      fill_odbc3_function_bitmap(supported);
    } else if (id == SQL_API_ALL_FUNCTIONS) {
      fill_odbc2_function_array(supported);
    } else {
      *supported = is_function_implemented(id) ? SQL_TRUE : SQL_FALSE;
    }
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLGetTypeInfo(SQLHSTMT h, SQLSMALLINT sql_type) { return type_info(h, sql_type); }
SQLRETURN SQL_API SQLGetTypeInfoW(SQLHSTMT h, SQLSMALLINT sql_type) { return type_info(h, sql_type); }

}  // extern "C"
