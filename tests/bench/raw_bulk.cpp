// The floor for parameter arrays: the same 100,000-row INSERT as odbc_insert_array, straight on
// libmysqlclient's bulk protocol (COM_STMT_BULK_EXECUTE through array binding). Column-wise:
// one array per column (pointers for strings and dates, as Connector/C reads them); row-wise:
// one struct per row and STMT_ATTR_ROW_SIZE. The arrays are filled per batch, as the ODBC
// variant's application does, so both sides do the same work.
#include "tests/bench/bench_common.h"
#include "tests/bench/raw_session.h"

#include <mysql.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace fabodbc::bench {
namespace {

struct RawRow {
  int id;
  long long big;
  double dbl;
  char name[33];
  unsigned long name_len;
  MYSQL_TIME dt;
  char indicator;  // STMT_INDICATOR_NONE for every column: nothing is NULL
};

void query(MYSQL* m, const char* sql) {
  if (mysql_query(m, sql) != 0) throw std::runtime_error(std::string(sql) + ": " + mysql_error(m));
  if (MYSQL_RES* r = mysql_store_result(m)) mysql_free_result(r);
}

uint64_t scalar(MYSQL* m, const char* sql) {
  if (mysql_query(m, sql) != 0) throw std::runtime_error(mysql_error(m));
  MYSQL_RES* r = mysql_store_result(m);
  MYSQL_ROW row = r ? mysql_fetch_row(r) : nullptr;
  uint64_t v = row && row[0] ? std::stoull(row[0]) : 0;
  if (r) mysql_free_result(r);
  return v;
}

}  // namespace

Measurement raw_insert_array(const Target& t, bool row_wise, uint64_t rows, unsigned batch) {
  RawSession raw(t);
  query(raw.m, "TRUNCATE TABLE bench_insert");  // as the ODBC variant: no purge left for the next one
  MYSQL_STMT* s = mysql_stmt_init(raw.m);
  const char* sql = "INSERT INTO bench_insert (id, big, dbl, name, dt) VALUES (?, ?, ?, ?, ?)";
  stmt_check(s, mysql_stmt_prepare(s, sql, std::strlen(sql)), "prepare insert");

  std::vector<RawRow> rowbuf(row_wise ? batch : 0);
  std::vector<int> ids(batch);
  std::vector<long long> bigs(batch);
  std::vector<double> dbls(batch);
  std::vector<char> names(static_cast<size_t>(batch) * 33);
  std::vector<char*> name_ptrs(batch);
  std::vector<unsigned long> name_lens(batch);
  std::vector<MYSQL_TIME> dts(batch);
  std::vector<MYSQL_TIME*> dt_ptrs(batch);
  std::vector<char> indicators(batch, STMT_INDICATOR_NONE);
  for (unsigned i = 0; i < batch; ++i) {
    name_ptrs[i] = &names[static_cast<size_t>(i) * 33];
    dt_ptrs[i] = &dts[i];
  }
  MYSQL_BIND b[5];
  std::memset(b, 0, sizeof b);
  b[0].buffer_type = MYSQL_TYPE_LONG;
  b[1].buffer_type = MYSQL_TYPE_LONGLONG;
  b[2].buffer_type = MYSQL_TYPE_DOUBLE;
  b[3].buffer_type = MYSQL_TYPE_STRING;
  b[4].buffer_type = MYSQL_TYPE_DATETIME;
  size_t row_size = 0;
  if (row_wise) {
    RawRow& r = rowbuf[0];
    row_size = sizeof(RawRow);
    b[0].buffer = &r.id;
    b[1].buffer = &r.big;
    b[2].buffer = &r.dbl;
    b[3].buffer = r.name;
    b[3].length = &r.name_len;
    b[4].buffer = &r.dt;
    for (MYSQL_BIND& x : b) x.u.indicator = &r.indicator;
  } else {
    b[0].buffer = ids.data();
    b[1].buffer = bigs.data();
    b[2].buffer = dbls.data();
    b[3].buffer = name_ptrs.data();
    b[3].length = name_lens.data();
    b[4].buffer = dt_ptrs.data();
    for (MYSQL_BIND& x : b) x.u.indicator = indicators.data();
  }
  unsigned int array_size = batch;
  mysql_stmt_attr_set(s, STMT_ATTR_ROW_SIZE, &row_size);
  mysql_stmt_attr_set(s, STMT_ATTR_ARRAY_SIZE, &array_size);
  stmt_check(s, mysql_stmt_bind_param(s, b), "bind param arrays");

  Measurement m = insert_batches(
      rows, batch,
      [&](unsigned i, uint64_t n) {
        if (row_wise) {
          RawRow& r = rowbuf[i];
          r.name_len = static_cast<unsigned long>(insert_row(n, &r.id, &r.big, &r.dbl, r.name, &r.dt));
          r.dt.time_type = MYSQL_TIMESTAMP_DATETIME;
          r.indicator = STMT_INDICATOR_NONE;
        } else {
          name_lens[i] = static_cast<unsigned long>(insert_row(n, &ids[i], &bigs[i], &dbls[i], name_ptrs[i], &dts[i]));
          dts[i].time_type = MYSQL_TIMESTAMP_DATETIME;
        }
      },
      [&] {
        stmt_check(s, mysql_stmt_execute(s), "execute insert array");
        if (mysql_stmt_affected_rows(s) != batch) throw std::runtime_error("raw bulk: wrong affected row count");
      });
  mysql_stmt_close(s);
  m.checksum = scalar(raw.m, "SELECT COUNT(*) + SUM(id) FROM bench_insert");
  if (scalar(raw.m, "SELECT COUNT(*) FROM bench_insert") != rows) throw std::runtime_error("raw bulk: wrong row count");
  return m;
}

}  // namespace fabodbc::bench
