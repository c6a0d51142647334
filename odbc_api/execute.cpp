// Preparing and executing statements, parameters, results bookkeeping, SQLCancel.
#include "odbc_api/dispatch.h"
#include "odbc_api/strings.h"

#include <functional>

using namespace fabodbc;
using namespace fabodbc::api;

namespace {

template <class F>
SQLRETURN executing(SQLHSTMT handle, F&& run) {
  return call<Statement>(handle, [&](Statement& s) {
    SQLRETURN rc = run(s);
    s.diagnostics().set_row_count(s.last_row_count());
    return rc;
  });
}

SQLRETURN native_sql(SQLHDBC handle, const std::function<std::string()>& input, void* out, SQLINTEGER capacity,
                     SQLINTEGER* length, bool wide) {
  return call<Connection>(handle, [&](Connection& c) {
    std::string sql = c.native_sql(input());
    bool truncated = wide ? write_wide(sql, out, capacity, length, false) : write_ansi(sql, out, capacity, length);
    note_truncation(c.diagnostics(), truncated);
    return SQL_SUCCESS;
  });
}

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLExecDirect(SQLHSTMT h, SQLCHAR* text, SQLINTEGER length) {
  return executing(h, [&](Statement& s) {
    if (!text) throw OdbcError("HY009", "StatementText is a null pointer");
    return s.exec_direct(from_ansi(text, length));
  });
}

SQLRETURN SQL_API SQLExecDirectW(SQLHSTMT h, SQLWCHAR* text, SQLINTEGER length) {
  return executing(h, [&](Statement& s) {
    if (!text) throw OdbcError("HY009", "StatementText is a null pointer");
    return s.exec_direct(from_wide(text, length));
  });
}

SQLRETURN SQL_API SQLPrepare(SQLHSTMT h, SQLCHAR* text, SQLINTEGER length) {
  return call<Statement>(h, [&](Statement& s) {
    if (!text) throw OdbcError("HY009", "StatementText is a null pointer");
    return s.prepare(from_ansi(text, length));
  });
}

SQLRETURN SQL_API SQLPrepareW(SQLHSTMT h, SQLWCHAR* text, SQLINTEGER length) {
  return call<Statement>(h, [&](Statement& s) {
    if (!text) throw OdbcError("HY009", "StatementText is a null pointer");
    return s.prepare(from_wide(text, length));
  });
}

SQLRETURN SQL_API SQLExecute(SQLHSTMT h) {
  return executing(h, [&](Statement& s) { return s.execute(); });
}

SQLRETURN SQL_API SQLParamData(SQLHSTMT h, SQLPOINTER* token) {
  return executing(h, [&](Statement& s) { return s.param_data(token); });
}

SQLRETURN SQL_API SQLPutData(SQLHSTMT h, SQLPOINTER data, SQLLEN length) {
  return call<Statement>(h, [&](Statement& s) {
    s.put_data(data, length);
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLBindParameter(SQLHSTMT h, SQLUSMALLINT number, SQLSMALLINT io_type, SQLSMALLINT c_type,
                                   SQLSMALLINT sql_type, SQLULEN column_size, SQLSMALLINT decimal_digits,
                                   SQLPOINTER value, SQLLEN buffer_length, SQLLEN* indicator) {
  return call<Statement>(h, [&](Statement& s) {
    s.bind_parameter(number, io_type, c_type, sql_type, column_size, decimal_digits, value, buffer_length, indicator);
    return SQL_SUCCESS;
  });
}

// ODBC 1. unixODBC would map it to SQLBindParameter with BufferLength SQL_SETPARAM_VALUE_MAX
// (-1), which SQLBindParameter refuses (HY090); exported, it keeps that meaning.
SQLRETURN SQL_API SQLSetParam(SQLHSTMT h, SQLUSMALLINT number, SQLSMALLINT c_type, SQLSMALLINT sql_type,
                              SQLULEN column_size, SQLSMALLINT decimal_digits, SQLPOINTER value, SQLLEN* indicator) {
  return call<Statement>(h, [&](Statement& s) {
    s.set_param(number, c_type, sql_type, column_size, decimal_digits, value, indicator);
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLNumParams(SQLHSTMT h, SQLSMALLINT* count) {
  return call<Statement>(h, [&](Statement& s) {
    SQLSMALLINT n = s.num_params();
    if (count) *count = n;
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLDescribeParam(SQLHSTMT h, SQLUSMALLINT number, SQLSMALLINT* type, SQLULEN* size,
                                   SQLSMALLINT* digits, SQLSMALLINT* nullable) {
  return call<Statement>(h, [&](Statement& s) {
    s.describe_param(number, type, size, digits, nullable);
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLRowCount(SQLHSTMT h, SQLLEN* count) {
  return call<Statement>(h, [&](Statement& s) {
    if (!count) throw OdbcError("HY009", "RowCountPtr is a null pointer");
    *count = s.row_count();
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLMoreResults(SQLHSTMT h) {
  return executing(h, [&](Statement& s) { return s.more_results(); });
}

SQLRETURN SQL_API SQLCloseCursor(SQLHSTMT h) {
  return call<Statement>(h, [&](Statement& s) {
    s.close_cursor(true);
    return SQL_SUCCESS;
  });
}

// SQLCancel comes from another thread while the statement's thread is blocked inside the
// connection lock, so it must not take that lock, nor clear the statement's diagnostics.
SQLRETURN SQL_API SQLCancel(SQLHSTMT h) {
  Statement* s = lookup<Statement>(h);
  if (!s) return SQL_INVALID_HANDLE;
  try {
    s->cancel();
    return SQL_SUCCESS;
  } catch (...) {
    // Cannot post a record without the lock; the statement's own call reports the outcome.
    return SQL_ERROR;
  }
}

SQLRETURN SQL_API SQLNativeSql(SQLHDBC h, SQLCHAR* in, SQLINTEGER in_length, SQLCHAR* out, SQLINTEGER capacity,
                               SQLINTEGER* length) {
  return native_sql(h, [&] { return from_ansi(in, in_length); }, out, capacity, length, false);
}

SQLRETURN SQL_API SQLNativeSqlW(SQLHDBC h, SQLWCHAR* in, SQLINTEGER in_length, SQLWCHAR* out, SQLINTEGER capacity,
                                SQLINTEGER* length) {
  return native_sql(h, [&] { return from_wide(in, in_length); }, out, capacity, length, true);
}

}  // extern "C"
