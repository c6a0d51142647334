// SQLSetCursorName / SQLGetCursorName (ANSI and wide) and SQLCancelHandle.
#include "odbc_api/dispatch.h"
#include "odbc_api/strings.h"

using namespace fabodbc;
using namespace fabodbc::api;

namespace {

SQLRETURN get_cursor_name(SQLHSTMT h, void* name, SQLSMALLINT capacity, SQLSMALLINT* length, bool wide) {
  return call<Statement>(h, [&](Statement& s) {
    if (capacity < 0) throw OdbcError("HY090", "BufferLength must not be negative");
    const std::string& value = s.cursor_name();
    bool truncated = wide ? write_wide(value, name, capacity, length, false) : write_ansi(value, name, capacity, length);
    note_truncation(s.diagnostics(), truncated);
    return SQL_SUCCESS;
  });
}

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLSetCursorName(SQLHSTMT h, SQLCHAR* name, SQLSMALLINT length) {
  return call<Statement>(h, [&](Statement& s) {
    if (!name) throw OdbcError("HY009", "CursorName is a null pointer");
    s.set_cursor_name(from_ansi(name, length));
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLSetCursorNameW(SQLHSTMT h, SQLWCHAR* name, SQLSMALLINT length) {
  return call<Statement>(h, [&](Statement& s) {
    if (!name) throw OdbcError("HY009", "CursorName is a null pointer");
    s.set_cursor_name(from_wide(name, length));
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLGetCursorName(SQLHSTMT h, SQLCHAR* name, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return get_cursor_name(h, name, capacity, length, false);
}

SQLRETURN SQL_API SQLGetCursorNameW(SQLHSTMT h, SQLWCHAR* name, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return get_cursor_name(h, name, capacity, length, true);
}

// ODBC 3.8. A statement: SQLCancel. A connection: it could only cancel asynchronous
// operations, and this driver runs none, so there is nothing to cancel.
SQLRETURN SQL_API SQLCancelHandle(SQLSMALLINT type, SQLHANDLE handle) {
  if (type == SQL_HANDLE_STMT) return SQLCancel(handle);
  if (type == SQL_HANDLE_DBC) return lookup<Connection>(handle) ? SQL_SUCCESS : SQL_INVALID_HANDLE;
  return SQL_INVALID_HANDLE;
}

}  // extern "C"
