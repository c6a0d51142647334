// The ODBC side of the benchmark: through the unixODBC driver manager, the way applications
// call a driver (pyodbc-style SQLFetch + SQLGetData, and SQLBindCol).
#include "tests/bench/bench_common.h"
#include "tests/bench/odbc_session.h"

#include <sql.h>
#include <sqlext.h>

#include <cstring>
#include <stdexcept>
#include <string>

namespace fabodbc::bench {

Measurement odbc_fetch(const Target& t, bool bind_columns, uint64_t expected_rows) {
  OdbcSession odbc(t);
  SQLHSTMT st = odbc.new_statement();
  Measurement m;
  m.base_rss_kb = proc_status_kb("VmRSS");
  SQLINTEGER id = 0;
  SQLBIGINT big = 0;
  double dbl = 0;
  char name[64];
  SQL_TIMESTAMP_STRUCT ts{};
  SQLLEN ind[5];
  const double cpu0 = cpu_now();
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
  m.cpu_seconds = cpu_now() - cpu0;
  m.peak_rss_kb = proc_status_kb("VmHWM");
  SQLFreeHandle(SQL_HANDLE_STMT, st);
  if (m.operations != expected_rows)
    throw std::runtime_error("fetched " + std::to_string(m.operations) + " rows, expected " +
                             std::to_string(expected_rows));
  return m;
}

}  // namespace fabodbc::bench
