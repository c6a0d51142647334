// SQLSetPos (ODBC 3 core over static cursors; see driver/statement_setpos.cpp).
#include "odbc_api/dispatch.h"

using namespace fabodbc;
using namespace fabodbc::api;

extern "C" {

SQLRETURN SQL_API SQLSetPos(SQLHSTMT h, SQLSETPOSIROW row, SQLUSMALLINT operation, SQLUSMALLINT lock) {
  return call<Statement>(h, [&](Statement& s) { return s.set_pos(static_cast<SQLULEN>(row), operation, lock); });
}

}  // extern "C"
