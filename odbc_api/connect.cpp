// SQLConnect, SQLDriverConnect, SQLBrowseConnect (ANSI and wide), SQLDisconnect.
#include "odbc_api/dispatch.h"
#include "odbc_api/strings.h"

using namespace fabodbc;
using namespace fabodbc::api;

namespace {

// The out connection string of SQLDriverConnect and SQLBrowseConnect (01004 when cut).
void write_out_string(Connection& c, const std::string& text, void* out, SQLSMALLINT out_capacity,
                      SQLSMALLINT* out_length, bool wide) {
  bool truncated = wide ? write_wide(text, out, out_capacity, out_length, false)
                        : write_ansi(text, out, out_capacity, out_length);
  note_truncation(c.diagnostics(), truncated);
}

SQLRETURN finish_driver_connect(Connection& c, const std::string& in, SQLUSMALLINT completion,
                                void* out, SQLSMALLINT out_capacity, SQLSMALLINT* out_length, bool wide) {
  write_out_string(c, c.driver_connect(in, completion), out, out_capacity, out_length, wide);
  return SQL_SUCCESS;
}

SQLRETURN finish_browse_round(Connection& c, const std::string& in, void* out, SQLSMALLINT out_capacity,
                              SQLSMALLINT* out_length, bool wide) {
  std::string result;
  const SQLRETURN rc = c.browse_connect(in, &result);
  write_out_string(c, result, out, out_capacity, out_length, wide);
  return rc;
}

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLConnect(SQLHDBC handle, SQLCHAR* dsn, SQLSMALLINT dsn_length, SQLCHAR* user,
                             SQLSMALLINT user_length, SQLCHAR* password, SQLSMALLINT password_length) {
  return call<Connection>(handle, [&](Connection& c) {
    c.set_ansi_application(true);
    c.connect(connect_text(dsn, dsn_length), connect_text(user, user_length), connect_text(password, password_length));
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLConnectW(SQLHDBC handle, SQLWCHAR* dsn, SQLSMALLINT dsn_length, SQLWCHAR* user,
                              SQLSMALLINT user_length, SQLWCHAR* password, SQLSMALLINT password_length) {
  return call<Connection>(handle, [&](Connection& c) {
    c.set_ansi_application(false);
    c.connect(connect_text(dsn, dsn_length), connect_text(user, user_length), connect_text(password, password_length));
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLDriverConnect(SQLHDBC handle, SQLHWND, SQLCHAR* in, SQLSMALLINT in_length, SQLCHAR* out,
                                   SQLSMALLINT out_capacity, SQLSMALLINT* out_length, SQLUSMALLINT completion) {
  return call<Connection>(handle, [&](Connection& c) {
    c.set_ansi_application(true);
    return finish_driver_connect(c, connect_text(in, in_length), completion, out, out_capacity, out_length, false);
  });
}

SQLRETURN SQL_API SQLDriverConnectW(SQLHDBC handle, SQLHWND, SQLWCHAR* in, SQLSMALLINT in_length, SQLWCHAR* out,
                                    SQLSMALLINT out_capacity, SQLSMALLINT* out_length, SQLUSMALLINT completion) {
  return call<Connection>(handle, [&](Connection& c) {
    c.set_ansi_application(false);
    return finish_driver_connect(c, connect_text(in, in_length), completion, out, out_capacity, out_length, true);
  });
}

SQLRETURN SQL_API SQLBrowseConnect(SQLHDBC handle, SQLCHAR* in, SQLSMALLINT in_length, SQLCHAR* out,
                                   SQLSMALLINT out_capacity, SQLSMALLINT* out_length) {
  return call<Connection>(handle, [&](Connection& c) {
    c.set_ansi_application(true);
    return finish_browse_round(c, connect_text(in, in_length), out, out_capacity, out_length, false);
  });
}

SQLRETURN SQL_API SQLBrowseConnectW(SQLHDBC handle, SQLWCHAR* in, SQLSMALLINT in_length, SQLWCHAR* out,
                                    SQLSMALLINT out_capacity, SQLSMALLINT* out_length) {
  return call<Connection>(handle, [&](Connection& c) {
    c.set_ansi_application(false);
    return finish_browse_round(c, connect_text(in, in_length), out, out_capacity, out_length, true);
  });
}

SQLRETURN SQL_API SQLDisconnect(SQLHDBC handle) {
  return call<Connection>(handle, [&](Connection& c) {
    c.disconnect();
    return SQL_SUCCESS;
  });
}

}  // extern "C"
