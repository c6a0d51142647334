#include "tests/bench/odbc_session.h"

#include <stdexcept>
#include <string>

namespace fabodbc::bench {

void check(SQLRETURN rc, SQLSMALLINT type, SQLHANDLE h, const char* what) {
  if (SQL_SUCCEEDED(rc)) return;
  SQLCHAR state[6] = {0}, msg[512] = {0};
  SQLINTEGER native = 0;
  SQLSMALLINT len = 0;
  SQLGetDiagRec(type, h, 1, state, &native, msg, sizeof msg, &len);
  throw std::runtime_error(std::string(what) + ": " + reinterpret_cast<char*>(state) + " " +
                           reinterpret_cast<char*>(msg));
}

OdbcSession::OdbcSession(const Target& t) {
  check(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env_), SQL_HANDLE_ENV, env_, "alloc env");
  SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
  check(SQLAllocHandle(SQL_HANDLE_DBC, env_, &dbc_), SQL_HANDLE_ENV, env_, "alloc dbc");
  std::string cs = "DSN=" + t.dsn;
  check(SQLDriverConnect(dbc_, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr,
                         SQL_DRIVER_NOPROMPT),
        SQL_HANDLE_DBC, dbc_, "connect");
}

OdbcSession::~OdbcSession() {
  SQLDisconnect(dbc_);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
  SQLFreeHandle(SQL_HANDLE_ENV, env_);
}

SQLHSTMT OdbcSession::new_statement() {
  SQLHSTMT st = SQL_NULL_HSTMT;
  check(SQLAllocHandle(SQL_HANDLE_STMT, dbc_, &st), SQL_HANDLE_DBC, dbc_, "alloc stmt");
  return st;
}

void OdbcSession::exec(const char* sql) {
  SQLHSTMT st = new_statement();
  check(SQLExecDirect(st, (SQLCHAR*)sql, SQL_NTS), SQL_HANDLE_STMT, st, sql);
  SQLFreeHandle(SQL_HANDLE_STMT, st);
}

uint64_t OdbcSession::scalar_u64(const char* sql) {
  SQLHSTMT st = new_statement();
  check(SQLExecDirect(st, (SQLCHAR*)sql, SQL_NTS), SQL_HANDLE_STMT, st, sql);
  check(SQLFetch(st), SQL_HANDLE_STMT, st, "fetch scalar");
  SQLUBIGINT v = 0;
  SQLLEN ind = 0;
  check(SQLGetData(st, 1, SQL_C_UBIGINT, &v, 0, &ind), SQL_HANDLE_STMT, st, "get scalar");
  SQLFreeHandle(SQL_HANDLE_STMT, st);
  return v;
}

}  // namespace fabodbc::bench
