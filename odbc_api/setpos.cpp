// SQLSetPos and SQLBulkOperations (static cursors; see driver/statement/statement_setpos.cpp,
// driver/statement/statement_bulk_operations.cpp and driver/statement/statement_positioned.cpp).
#include "odbc_api/dispatch.h"

using namespace fabodbc;
using namespace fabodbc::api;

extern "C" {

SQLRETURN SQL_API SQLSetPos(SQLHSTMT h, SQLSETPOSIROW row, SQLUSMALLINT operation, SQLUSMALLINT lock) {
  return call<Statement>(h, [&](Statement& s) { return s.set_pos(static_cast<SQLULEN>(row), operation, lock); });
}

SQLRETURN SQL_API SQLBulkOperations(SQLHSTMT h, SQLSMALLINT operation) {
  return call<Statement>(h, [&](Statement& s) { return s.bulk_operations(static_cast<SQLUSMALLINT>(operation)); });
}

}  // extern "C"
