// Facts about ODBC C data types the statement needs for bindings.
#pragma once

#include "driver/convert/interval.h"

#include <sql.h>
#include <sqlext.h>

namespace fabodbc {

inline bool is_known_c_type(SQLSMALLINT t) {
  if (is_interval_c_type(t)) return true;
  switch (t) {
    case SQL_C_CHAR: case SQL_C_WCHAR: case SQL_C_SSHORT: case SQL_C_USHORT: case SQL_C_SHORT:
    case SQL_C_SLONG: case SQL_C_ULONG: case SQL_C_LONG: case SQL_C_FLOAT: case SQL_C_DOUBLE:
    case SQL_C_BIT: case SQL_C_STINYINT: case SQL_C_UTINYINT: case SQL_C_TINYINT:
    case SQL_C_SBIGINT: case SQL_C_UBIGINT: case SQL_C_BINARY: case SQL_C_NUMERIC:
    case SQL_C_TYPE_DATE: case SQL_C_TYPE_TIME: case SQL_C_TYPE_TIMESTAMP:
    case SQL_C_DATE: case SQL_C_TIME: case SQL_C_TIMESTAMP: case SQL_C_DEFAULT:
    case SQL_C_GUID:
      return true;
    default:
      return false;
  }
}

// Bytes one value of a fixed-size C type takes; 0 for character and binary types, whose
// element size is the bound buffer length.
inline SQLLEN fixed_c_type_size(SQLSMALLINT t) {
  if (is_interval_c_type(t)) return sizeof(SQL_INTERVAL_STRUCT);
  switch (t) {
    case SQL_C_BIT: case SQL_C_STINYINT: case SQL_C_UTINYINT: case SQL_C_TINYINT: return 1;
    case SQL_C_SSHORT: case SQL_C_USHORT: case SQL_C_SHORT: return sizeof(SQLSMALLINT);
    case SQL_C_SLONG: case SQL_C_ULONG: case SQL_C_LONG: return sizeof(SQLINTEGER);
    case SQL_C_FLOAT: return sizeof(SQLREAL);
    case SQL_C_DOUBLE: return sizeof(SQLDOUBLE);
    case SQL_C_SBIGINT: case SQL_C_UBIGINT: return sizeof(SQLBIGINT);
    case SQL_C_TYPE_DATE: case SQL_C_DATE: return sizeof(SQL_DATE_STRUCT);
    case SQL_C_TYPE_TIME: case SQL_C_TIME: return sizeof(SQL_TIME_STRUCT);
    case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP: return sizeof(SQL_TIMESTAMP_STRUCT);
    case SQL_C_NUMERIC: return sizeof(SQL_NUMERIC_STRUCT);
    case SQL_C_GUID: return sizeof(SQLGUID);
    default: return 0;
  }
}

}  // namespace fabodbc
