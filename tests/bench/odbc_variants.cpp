// The ODBC side of the benchmark: through the unixODBC driver manager, the way applications
// call a driver (pyodbc-style SQLFetch + SQLGetData, and SQLBindCol).
#include "tests/bench/bench_common.h"

#include <sql.h>
#include <sqlext.h>

#include <cstring>
#include <stdexcept>
#include <string>

namespace fabodbc::bench {
namespace {

void check(SQLRETURN rc, SQLSMALLINT type, SQLHANDLE h, const char* what) {
  if (SQL_SUCCEEDED(rc)) return;
  SQLCHAR state[6] = {0}, msg[512] = {0};
  SQLINTEGER native = 0;
  SQLSMALLINT len = 0;
  SQLGetDiagRec(type, h, 1, state, &native, msg, sizeof msg, &len);
  throw std::runtime_error(std::string(what) + ": " + reinterpret_cast<char*>(state) + " " +
                           reinterpret_cast<char*>(msg));
}

struct Odbc {
  SQLHENV env = SQL_NULL_HENV;
  SQLHDBC dbc = SQL_NULL_HDBC;
  explicit Odbc(const Target& t) {
    check(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env), SQL_HANDLE_ENV, env, "alloc env");
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    check(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc), SQL_HANDLE_ENV, env, "alloc dbc");
    std::string cs = "DSN=" + t.dsn;
    check(SQLDriverConnect(dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr,
                           SQL_DRIVER_NOPROMPT),
          SQL_HANDLE_DBC, dbc, "connect");
  }
  ~Odbc() {
    SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
  }
};

}  // namespace

Measurement odbc_fetch(const Target& t, bool bind_columns, uint64_t expected_rows) {
  Odbc odbc(t);
  SQLHSTMT st;
  check(SQLAllocHandle(SQL_HANDLE_STMT, odbc.dbc, &st), SQL_HANDLE_DBC, odbc.dbc, "alloc stmt");
  Measurement m;
  m.base_rss_kb = proc_status_kb("VmRSS");
  SQLINTEGER id = 0;
  SQLBIGINT big = 0;
  double dbl = 0;
  char name[64];
  SQL_TIMESTAMP_STRUCT ts{};
  SQLLEN ind[5];
  double start = now_seconds();
  check(SQLExecDirect(st, (SQLCHAR*)kFetchQuery, SQL_NTS), SQL_HANDLE_STMT, st, "execute");
  if (bind_columns) {
    SQLBindCol(st, 1, SQL_C_SLONG, &id, 0, &ind[0]);
    SQLBindCol(st, 2, SQL_C_SBIGINT, &big, 0, &ind[1]);
    SQLBindCol(st, 3, SQL_C_DOUBLE, &dbl, 0, &ind[2]);
    SQLBindCol(st, 4, SQL_C_CHAR, name, sizeof name, &ind[3]);
    SQLBindCol(st, 5, SQL_C_TYPE_TIMESTAMP, &ts, sizeof ts, &ind[4]);
  }
  SQLRETURN rc;
  while ((rc = SQLFetch(st)) != SQL_NO_DATA) {
    check(rc, SQL_HANDLE_STMT, st, "fetch");
    if (!bind_columns) {
      SQLGetData(st, 1, SQL_C_SLONG, &id, 0, &ind[0]);
      SQLGetData(st, 2, SQL_C_SBIGINT, &big, 0, &ind[1]);
      SQLGetData(st, 3, SQL_C_DOUBLE, &dbl, 0, &ind[2]);
      SQLGetData(st, 4, SQL_C_CHAR, name, sizeof name, &ind[3]);
      SQLGetData(st, 5, SQL_C_TYPE_TIMESTAMP, &ts, sizeof ts, &ind[4]);
    }
    ++m.operations;
    m.checksum += static_cast<uint64_t>(id) + static_cast<uint64_t>(big) +
                  static_cast<uint64_t>(dbl) + static_cast<uint64_t>(ind[3]) + ts.second;
  }
  m.seconds = now_seconds() - start;
  m.peak_rss_kb = proc_status_kb("VmHWM");
  SQLFreeHandle(SQL_HANDLE_STMT, st);
  if (m.operations != expected_rows)
    throw std::runtime_error("fetched " + std::to_string(m.operations) + " rows, expected " +
                             std::to_string(expected_rows));
  return m;
}

Measurement odbc_point_select(const Target& t, unsigned iterations, unsigned max_id) {
  Odbc odbc(t);
  SQLHSTMT st;
  check(SQLAllocHandle(SQL_HANDLE_STMT, odbc.dbc, &st), SQL_HANDLE_DBC, odbc.dbc, "alloc stmt");
  check(SQLPrepare(st, (SQLCHAR*)kPointQuery, SQL_NTS), SQL_HANDLE_STMT, st, "prepare");
  SQLINTEGER key = 0;
  SQLLEN key_ind = 0, name_ind = 0;
  char name[64];
  check(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &key, 0, &key_ind),
        SQL_HANDLE_STMT, st, "bind parameter");
  check(SQLBindCol(st, 1, SQL_C_CHAR, name, sizeof name, &name_ind), SQL_HANDLE_STMT, st, "bind col");
  Measurement m;
  m.base_rss_kb = proc_status_kb("VmRSS");
  double start = now_seconds();
  for (unsigned i = 0; i < iterations; ++i) {
    key = static_cast<SQLINTEGER>(1 + (i * 7919u) % max_id);
    check(SQLExecute(st), SQL_HANDLE_STMT, st, "execute");
    check(SQLFetch(st), SQL_HANDLE_STMT, st, "fetch");
    m.checksum += static_cast<uint64_t>(name_ind);
    SQLFreeStmt(st, SQL_CLOSE);
    ++m.operations;
  }
  m.seconds = now_seconds() - start;
  m.peak_rss_kb = proc_status_kb("VmHWM");
  SQLFreeHandle(SQL_HANDLE_STMT, st);
  return m;
}

}  // namespace fabodbc::bench
