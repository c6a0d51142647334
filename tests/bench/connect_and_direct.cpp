// Connect/disconnect and SQLExecDirect point queries (ODBC-NOTES §4.4): the driver against
// the raw library doing the same work (mysql_real_connect + close; a text-protocol query).
#include "tests/bench/bench_common.h"
#include "tests/bench/raw_session.h"
#include "tests/bench/odbc_session.h"

#include <dlfcn.h>
#include <mysql.h>

#include <stdexcept>
#include <string>

namespace fabodbc::bench {

namespace {
// `iterations` connect + disconnect pairs (`once` does one), timed together.
template <class Once>
Measurement connect_loop(unsigned iterations, Once once) {
  Measurement m;
  m.base_rss_kb = proc_status_kb("VmRSS");
  double start = now_seconds();
  for (unsigned i = 0; i < iterations; ++i) {
    once();
    ++m.operations;
  }
  m.seconds = now_seconds() - start;
  m.checksum = m.operations;
  m.peak_rss_kb = proc_status_kb("VmHWM");
  return m;
}
}  // namespace

Measurement odbc_connect(const Target& t, unsigned iterations) {
  SQLHENV env = SQL_NULL_HENV;
  check(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env), SQL_HANDLE_ENV, env, "alloc env");
  SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
  const std::string cs = "DSN=" + t.dsn;
  Measurement m = connect_loop(iterations, [&] {
    SQLHDBC dbc = SQL_NULL_HDBC;
    check(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc), SQL_HANDLE_ENV, env, "alloc dbc");
    check(SQLDriverConnect(dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT),
          SQL_HANDLE_DBC, dbc, "connect");
    SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  });
  SQLFreeHandle(SQL_HANDLE_ENV, env);
  return m;
}

Measurement raw_connect(const Target& t, unsigned iterations) {
  return connect_loop(iterations, [&] {
    MYSQL* my = mysql_init(nullptr);
    if (!raw_connect_like_driver(my, t)) {
      std::string e = mysql_error(my);
      mysql_close(my);
      throw std::runtime_error("raw connect: " + e);
    }
    mysql_close(my);
  });
}

Measurement driver_only_connect(const Target& t, const std::string& library, unsigned iterations) {
  // RTLD_LOCAL: the driver's SQL* names must not be confused with the driver manager's, which
  // this binary links; every call below goes to the driver through these pointers.
  void* lib = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!lib) throw std::runtime_error(std::string("dlopen: ") + dlerror());
  using AllocHandle = SQLRETURN (*)(SQLSMALLINT, SQLHANDLE, SQLHANDLE*);
  using SetEnvAttr = SQLRETURN (*)(SQLHENV, SQLINTEGER, SQLPOINTER, SQLINTEGER);
  using DriverConnect = SQLRETURN (*)(SQLHDBC, SQLHWND, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLSMALLINT*,
                                      SQLUSMALLINT);
  using Disconnect = SQLRETURN (*)(SQLHDBC);
  using FreeHandle = SQLRETURN (*)(SQLSMALLINT, SQLHANDLE);
  auto alloc = reinterpret_cast<AllocHandle>(dlsym(lib, "SQLAllocHandle"));
  auto set_env = reinterpret_cast<SetEnvAttr>(dlsym(lib, "SQLSetEnvAttr"));
  auto connect = reinterpret_cast<DriverConnect>(dlsym(lib, "SQLDriverConnect"));
  auto disconnect = reinterpret_cast<Disconnect>(dlsym(lib, "SQLDisconnect"));
  auto free_handle = reinterpret_cast<FreeHandle>(dlsym(lib, "SQLFreeHandle"));
  if (!alloc || !set_env || !connect || !disconnect || !free_handle)
    throw std::runtime_error("the driver library lacks an entry point");
  SQLHENV env = SQL_NULL_HENV;
  if (!SQL_SUCCEEDED(alloc(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env))) throw std::runtime_error("driver: alloc env");
  set_env(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
  const std::string cs = "DSN=" + t.dsn;
  Measurement m = connect_loop(iterations, [&] {
    SQLHDBC dbc = SQL_NULL_HDBC;
    if (!SQL_SUCCEEDED(alloc(SQL_HANDLE_DBC, env, &dbc))) throw std::runtime_error("driver: alloc dbc");
    if (!SQL_SUCCEEDED(connect(dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT)))
      throw std::runtime_error("driver: connect failed");
    disconnect(dbc);
    free_handle(SQL_HANDLE_DBC, dbc);
  });
  free_handle(SQL_HANDLE_ENV, env);
  return m;
}

namespace {
std::string point_text(unsigned i, unsigned max_id) {
  return "SELECT name FROM bench_rows WHERE id = " + std::to_string(1 + (i * 7919u) % max_id);
}
}  // namespace

Measurement odbc_direct_point_select(const Target& t, unsigned iterations, unsigned max_id) {
  OdbcSession odbc(t);
  SQLHSTMT st = odbc.new_statement();
  char name[64];
  SQLLEN name_ind = 0;
  check(SQLBindCol(st, 1, SQL_C_CHAR, name, sizeof name, &name_ind), SQL_HANDLE_STMT, st, "bind col");
  Measurement m;
  m.base_rss_kb = proc_status_kb("VmRSS");
  double start = now_seconds();
  for (unsigned i = 0; i < iterations; ++i) {
    const std::string sql = point_text(i, max_id);
    check(SQLExecDirect(st, (SQLCHAR*)sql.c_str(), static_cast<SQLINTEGER>(sql.size())), SQL_HANDLE_STMT, st,
          "exec direct");
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

Measurement raw_text_point_select(const Target& t, unsigned iterations, unsigned max_id) {
  RawSession raw(t);
  MYSQL* my = raw.m;
  Measurement m;
  m.base_rss_kb = proc_status_kb("VmRSS");
  double start = now_seconds();
  for (unsigned i = 0; i < iterations; ++i) {
    const std::string sql = point_text(i, max_id);
    if (mysql_real_query(my, sql.data(), sql.size())) throw std::runtime_error(mysql_error(my));
    MYSQL_RES* res = mysql_use_result(my);
    MYSQL_ROW row = res ? mysql_fetch_row(res) : nullptr;
    if (!row) throw std::runtime_error("text point select: no row");
    m.checksum += mysql_fetch_lengths(res)[0];
    while (mysql_fetch_row(res)) {
    }
    mysql_free_result(res);
    ++m.operations;
  }
  m.seconds = now_seconds() - start;
  m.peak_rss_kb = proc_status_kb("VmHWM");
  return m;
}

}  // namespace fabodbc::bench
