// Issue-5 workloads through the driver manager: INSERT with parameter arrays (row-wise and
// column-wise binding) and catalog calls on a 300-table database.
#include "tests/bench/bench_common.h"
#include "tests/bench/odbc_session.h"

#include <sql.h>
#include <sqlext.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace fabodbc::bench {
namespace {

struct RowWise {
  SQLINTEGER id;
  SQLLEN id_ind;
  SQLBIGINT big;
  SQLLEN big_ind;
  double dbl;
  SQLLEN dbl_ind;
  char name[33];
  SQLLEN name_ind;
  SQL_TIMESTAMP_STRUCT dt;
  SQLLEN dt_ind;
};

}  // namespace

Measurement odbc_insert_array(const Target& t, bool row_wise, uint64_t rows, unsigned batch) {
  OdbcSession odbc(t);
  // TRUNCATE, not DELETE: the purge of 100,000 deleted rows would run in the server during the
  // next variant's inserts and slow whichever variant comes next.
  odbc.exec("TRUNCATE TABLE bench_insert");
  SQLHSTMT st = odbc.new_statement();
  check(SQLPrepare(st, (SQLCHAR*)"INSERT INTO bench_insert (id, big, dbl, name, dt) VALUES (?, ?, ?, ?, ?)",
                   SQL_NTS),
        SQL_HANDLE_STMT, st, "prepare insert");
  SQLULEN processed = 0;
  std::vector<SQLUSMALLINT> status(batch);
  SQLSetStmtAttr(st, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(batch)), 0);
  SQLSetStmtAttr(st, SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0);
  SQLSetStmtAttr(st, SQL_ATTR_PARAM_STATUS_PTR, status.data(), 0);

  std::vector<RowWise> rowbuf;
  std::vector<SQLINTEGER> ids(batch);
  std::vector<SQLBIGINT> bigs(batch);
  std::vector<double> dbls(batch);
  std::vector<char> names(batch * 33);
  std::vector<SQL_TIMESTAMP_STRUCT> dts(batch);
  std::vector<SQLLEN> ind(batch, 0), name_ind(batch);
  if (row_wise) {
    rowbuf.resize(batch);
    SQLSetStmtAttr(st, SQL_ATTR_PARAM_BIND_TYPE, reinterpret_cast<SQLPOINTER>(sizeof(RowWise)), 0);
    RowWise& r = rowbuf[0];
    SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &r.id, 0, &r.id_ind);
    SQLBindParameter(st, 2, SQL_PARAM_INPUT, SQL_C_SBIGINT, SQL_BIGINT, 0, 0, &r.big, 0, &r.big_ind);
    SQLBindParameter(st, 3, SQL_PARAM_INPUT, SQL_C_DOUBLE, SQL_DOUBLE, 0, 0, &r.dbl, 0, &r.dbl_ind);
    SQLBindParameter(st, 4, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 32, 0, r.name, 33, &r.name_ind);
    SQLBindParameter(st, 5, SQL_PARAM_INPUT, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, 19, 0, &r.dt, 0, &r.dt_ind);
  } else {
    SQLSetStmtAttr(st, SQL_ATTR_PARAM_BIND_TYPE, reinterpret_cast<SQLPOINTER>(SQL_PARAM_BIND_BY_COLUMN), 0);
    SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids.data(), 0, ind.data());
    SQLBindParameter(st, 2, SQL_PARAM_INPUT, SQL_C_SBIGINT, SQL_BIGINT, 0, 0, bigs.data(), 0, ind.data());
    SQLBindParameter(st, 3, SQL_PARAM_INPUT, SQL_C_DOUBLE, SQL_DOUBLE, 0, 0, dbls.data(), 0, ind.data());
    SQLBindParameter(st, 4, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 32, 0, names.data(), 33, name_ind.data());
    SQLBindParameter(st, 5, SQL_PARAM_INPUT, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, 19, 0, dts.data(), 0, ind.data());
  }
  // Filling the arrays is the application's work, the same in every variant.
  Measurement m = insert_batches(
      rows, batch,
      [&](unsigned i, uint64_t n) {
        if (row_wise) {
          RowWise& r = rowbuf[i];
          r.name_ind = insert_row(n, &r.id, &r.big, &r.dbl, r.name, &r.dt);
          r.id_ind = r.big_ind = r.dbl_ind = r.dt_ind = 0;
        } else {
          name_ind[i] = insert_row(n, &ids[i], &bigs[i], &dbls[i], &names[i * 33], &dts[i]);
        }
      },
      [&] {
        check(SQLExecute(st), SQL_HANDLE_STMT, st, "execute insert array");
        if (processed != batch) throw std::runtime_error("PARAMS_PROCESSED " + std::to_string(processed));
        for (unsigned i = 0; i < batch; ++i)
          if (status[i] != SQL_PARAM_SUCCESS && status[i] != SQL_PARAM_SUCCESS_WITH_INFO)
            throw std::runtime_error("parameter set " + std::to_string(i) + " failed");
      });
  SQLFreeHandle(SQL_HANDLE_STMT, st);
  // Every row must be there, once.
  m.checksum = odbc.scalar_u64("SELECT COUNT(*) + SUM(id) FROM bench_insert");
  if (odbc.scalar_u64("SELECT COUNT(*) FROM bench_insert") != rows)
    throw std::runtime_error("wrong row count after insert");
  return m;
}

Measurement odbc_catalog(const Target& t, const std::string& call, unsigned iterations) {
  OdbcSession odbc(t);
  SQLHSTMT st = odbc.new_statement();
  Measurement m;
  m.base_rss_kb = proc_status_kb("VmRSS");
  SQLCHAR cat[] = "bench_catalog";
  SQLCHAR table[] = "t150";
  SQLCHAR all[] = "%";
  double start = now_seconds();
  for (unsigned i = 0; i < iterations; ++i) {
    SQLRETURN rc;
    if (call == "columns-table")
      rc = SQLColumns(st, cat, SQL_NTS, nullptr, 0, table, SQL_NTS, nullptr, 0);
    else if (call == "columns-db")
      rc = SQLColumns(st, cat, SQL_NTS, nullptr, 0, all, SQL_NTS, nullptr, 0);
    else if (call == "foreignkeys-table")  // foreign keys of t150 (it references t149)
      rc = SQLForeignKeys(st, nullptr, 0, nullptr, 0, nullptr, 0, cat, SQL_NTS, nullptr, 0, table, SQL_NTS);
    else if (call == "tables-db")
      rc = SQLTables(st, cat, SQL_NTS, nullptr, 0, all, SQL_NTS, nullptr, 0);
    else
      throw std::runtime_error("unknown catalog call " + call);
    check(rc, SQL_HANDLE_STMT, st, call.c_str());
    uint64_t n = 0;
    while ((rc = SQLFetch(st)) != SQL_NO_DATA) {
      check(rc, SQL_HANDLE_STMT, st, "fetch catalog");
      ++n;
    }
    SQLFreeStmt(st, SQL_CLOSE);
    m.checksum = n;  // rows per call: the same for every driver that answers correctly
    ++m.operations;
  }
  m.seconds = now_seconds() - start;
  m.peak_rss_kb = proc_status_kb("VmHWM");
  SQLFreeHandle(SQL_HANDLE_STMT, st);
  return m;
}

}  // namespace fabodbc::bench
