// Parameter arrays (SQL_ATTR_PARAMSET_SIZE) executed with MariaDB's bulk protocol: values of
// every type and NULLs in both bindings, statuses, ignored sets, sets that fail conversion,
// UPDATE row counts, chunking of large arrays, and proof that the array is not executed
// once per set (the server's statement counters).
#include "odbc_fixture.h"

#include <cstring>

namespace fabodbc::itest {
namespace {

class ParamArrayBulk : public ::testing::Test {
 protected:
  void SetUp() override {
    s.exec("CREATE TABLE IF NOT EXISTS bulk_t (id INT PRIMARY KEY, big BIGINT, dbl DOUBLE, name VARCHAR(40), "
           "d DATE, ts DATETIME(3), bin VARBINARY(16), txt LONGTEXT) ENGINE=InnoDB");
    s.exec("DELETE FROM bulk_t");
  }
  void set_array(SQLHSTMT st, SQLULEN sets, SQLUSMALLINT* status, SQLULEN* processed) {
    ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(sets), 0), SQL_HANDLE_STMT,
                   st);
    ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAM_STATUS_PTR, status, 0), SQL_HANDLE_STMT, st);
    ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMS_PROCESSED_PTR, processed, 0), SQL_HANDLE_STMT, st);
  }
  // Statements the server ran for this session (text queries and executions alike; the
  // query reading it counts too). Set by set, an array of N costs N.
  long executions() {
    return std::stol(*s.scalar("SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS "
                               "WHERE VARIABLE_NAME = 'QUESTIONS'"));
  }
  Connection c;
  Statement s{c};
};

constexpr SQLULEN kSets = 40;

// The expected text of row i as SELECTed below (NULLs where the arrays put them).
std::string expected_row(SQLULEN i) {
  char buf[256];
  if (i % 7 == 3) {
    std::snprintf(buf, sizeof buf, "%lu|NULL|NULL|NULL|NULL|NULL|NULL", static_cast<unsigned long>(i));
  } else {
    std::snprintf(buf, sizeof buf, "%lu|%lld|%.2f|name-%lu 'q\\\" é|2024-%02lu-%02lu|2024-01-02 03:04:%02lu.125|%02lx%02lx",
                  static_cast<unsigned long>(i), static_cast<long long>(i) * 10000000000LL, static_cast<double>(i) / 4,
                  static_cast<unsigned long>(i), static_cast<unsigned long>(i % 12 + 1),
                  static_cast<unsigned long>(i % 28 + 1), static_cast<unsigned long>(i % 60),
                  static_cast<unsigned long>(i), static_cast<unsigned long>(255 - i));
  }
  return buf;
}

std::vector<std::string> table_rows(Statement& s) {
  s.exec("SELECT CONCAT_WS('|', id, COALESCE(big, 'NULL'), COALESCE(FORMAT(dbl, 2, 'en_US'), 'NULL'), "
         "COALESCE(name, 'NULL'), COALESCE(d, 'NULL'), COALESCE(ts, 'NULL'), COALESCE(LOWER(HEX(bin)), 'NULL')) "
         "FROM bulk_t ORDER BY id");
  std::vector<std::string> out;
  for (const Row& r : s.rows()) out.push_back(r[0].value_or("?"));
  return out;
}

struct RowWise {
  SQLINTEGER id;
  SQLLEN id_ind;
  SQLBIGINT big;
  SQLLEN big_ind;
  double dbl;
  SQLLEN dbl_ind;
  char name[41];
  SQLLEN name_ind;
  SQL_DATE_STRUCT d;
  SQLLEN d_ind;
  SQL_TIMESTAMP_STRUCT ts;
  SQLLEN ts_ind;
  unsigned char bin[2];
  SQLLEN bin_ind;
};

void fill_row(RowWise& r, SQLULEN i) {
  const bool null = i % 7 == 3;
  r.id = static_cast<SQLINTEGER>(i);
  r.id_ind = 0;
  r.big = static_cast<SQLBIGINT>(i) * 10000000000LL;
  r.dbl = static_cast<double>(i) / 4;
  std::snprintf(r.name, sizeof r.name, "name-%lu 'q\\\" é", static_cast<unsigned long>(i));
  r.name_ind = SQL_NTS;
  r.d = SQL_DATE_STRUCT{2024, static_cast<SQLUSMALLINT>(i % 12 + 1), static_cast<SQLUSMALLINT>(i % 28 + 1)};
  r.ts = SQL_TIMESTAMP_STRUCT{2024, 1, 2, 3, 4, static_cast<SQLUSMALLINT>(i % 60), 125000000};
  r.bin[0] = static_cast<unsigned char>(i);
  r.bin[1] = static_cast<unsigned char>(255 - i);
  r.bin_ind = 2;
  r.big_ind = r.dbl_ind = r.d_ind = r.ts_ind = 0;
  if (null) r.big_ind = r.dbl_ind = r.name_ind = r.d_ind = r.ts_ind = r.bin_ind = SQL_NULL_DATA;
}

const char* kInsert = "INSERT INTO bulk_t (id, big, dbl, name, d, ts, bin) VALUES (?, ?, ?, ?, ?, ?, ?)";

TEST_F(ParamArrayBulk, RowWiseEveryTypeAndNulls) {
  for (bool prepared : {true, false}) {
    SCOPED_TRACE(prepared ? "prepared" : "direct");
    s.exec("DELETE FROM bulk_t");
    Statement st(c);
    std::vector<RowWise> rows(kSets);
    for (SQLULEN i = 0; i < kSets; ++i) fill_row(rows[i], i);
    std::vector<SQLUSMALLINT> status(kSets, 99);
    SQLULEN processed = 0;
    set_array(st, kSets, status.data(), &processed);
    ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAM_BIND_TYPE, reinterpret_cast<SQLPOINTER>(sizeof(RowWise)), 0),
                   SQL_HANDLE_STMT, st);
    RowWise& r = rows[0];
    SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &r.id, 0, &r.id_ind);
    SQLBindParameter(st, 2, SQL_PARAM_INPUT, SQL_C_SBIGINT, SQL_BIGINT, 0, 0, &r.big, 0, &r.big_ind);
    SQLBindParameter(st, 3, SQL_PARAM_INPUT, SQL_C_DOUBLE, SQL_DOUBLE, 0, 0, &r.dbl, 0, &r.dbl_ind);
    SQLBindParameter(st, 4, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 40, 0, r.name, sizeof r.name, &r.name_ind);
    SQLBindParameter(st, 5, SQL_PARAM_INPUT, SQL_C_TYPE_DATE, SQL_TYPE_DATE, 10, 0, &r.d, 0, &r.d_ind);
    SQLBindParameter(st, 6, SQL_PARAM_INPUT, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, 23, 3, &r.ts, 0, &r.ts_ind);
    SQLBindParameter(st, 7, SQL_PARAM_INPUT, SQL_C_BINARY, SQL_VARBINARY, 16, 0, r.bin, sizeof r.bin, &r.bin_ind);
    const long before = executions();
    SQLRETURN rc = prepared ? (SQLPrepare(st, (SQLCHAR*)kInsert, SQL_NTS), SQLExecute(st))
                            : SQLExecDirect(st, (SQLCHAR*)kInsert, SQL_NTS);
    ASSERT_EQ(rc, SQL_SUCCESS) << st.diagnostics();
    EXPECT_LE(executions() - before, 3) << "the array went set by set";
    EXPECT_EQ(processed, kSets);
    for (SQLULEN i = 0; i < kSets; ++i) EXPECT_EQ(status[i], SQL_PARAM_SUCCESS) << i;
    SQLLEN count = 0;
    EXPECT_ODBC_OK(SQLRowCount(st, &count), SQL_HANDLE_STMT, st);
    EXPECT_EQ(count, static_cast<SQLLEN>(kSets));
    std::vector<std::string> got = table_rows(s);
    ASSERT_EQ(got.size(), kSets);
    for (SQLULEN i = 0; i < kSets; ++i) EXPECT_EQ(got[i], expected_row(i));
  }
}

TEST_F(ParamArrayBulk, ColumnWiseEveryTypeAndNulls) {
  for (bool prepared : {true, false}) {
    SCOPED_TRACE(prepared ? "prepared" : "direct");
    s.exec("DELETE FROM bulk_t");
    Statement st(c);
    std::vector<RowWise> rows(kSets);  // source of the values, copied into columns
    for (SQLULEN i = 0; i < kSets; ++i) fill_row(rows[i], i);
    std::vector<SQLINTEGER> id(kSets);
    std::vector<SQLBIGINT> big(kSets);
    std::vector<double> dbl(kSets);
    std::vector<char> name(kSets * 41);
    std::vector<SQL_DATE_STRUCT> d(kSets);
    std::vector<SQL_TIMESTAMP_STRUCT> ts(kSets);
    std::vector<unsigned char> bin(kSets * 2);
    std::vector<SQLLEN> id_ind(kSets), big_ind(kSets), dbl_ind(kSets), name_ind(kSets), d_ind(kSets),
        ts_ind(kSets), bin_ind(kSets);
    for (SQLULEN i = 0; i < kSets; ++i) {
      const RowWise& r = rows[i];
      id[i] = r.id, big[i] = r.big, dbl[i] = r.dbl, d[i] = r.d, ts[i] = r.ts;
      std::memcpy(&name[i * 41], r.name, 41);
      std::memcpy(&bin[i * 2], r.bin, 2);
      id_ind[i] = r.id_ind, big_ind[i] = r.big_ind, dbl_ind[i] = r.dbl_ind, name_ind[i] = r.name_ind;
      d_ind[i] = r.d_ind, ts_ind[i] = r.ts_ind, bin_ind[i] = r.bin_ind;
    }
    std::vector<SQLUSMALLINT> status(kSets, 99);
    SQLULEN processed = 0;
    set_array(st, kSets, status.data(), &processed);
    SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, id.data(), 0, id_ind.data());
    SQLBindParameter(st, 2, SQL_PARAM_INPUT, SQL_C_SBIGINT, SQL_BIGINT, 0, 0, big.data(), 0, big_ind.data());
    SQLBindParameter(st, 3, SQL_PARAM_INPUT, SQL_C_DOUBLE, SQL_DOUBLE, 0, 0, dbl.data(), 0, dbl_ind.data());
    SQLBindParameter(st, 4, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 40, 0, name.data(), 41, name_ind.data());
    SQLBindParameter(st, 5, SQL_PARAM_INPUT, SQL_C_TYPE_DATE, SQL_TYPE_DATE, 10, 0, d.data(), 0, d_ind.data());
    SQLBindParameter(st, 6, SQL_PARAM_INPUT, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, 23, 3, ts.data(), 0,
                     ts_ind.data());
    SQLBindParameter(st, 7, SQL_PARAM_INPUT, SQL_C_BINARY, SQL_VARBINARY, 16, 0, bin.data(), 2, bin_ind.data());
    const long before = executions();
    SQLRETURN rc = prepared ? (SQLPrepare(st, (SQLCHAR*)kInsert, SQL_NTS), SQLExecute(st))
                            : SQLExecDirect(st, (SQLCHAR*)kInsert, SQL_NTS);
    ASSERT_EQ(rc, SQL_SUCCESS) << st.diagnostics();
    EXPECT_LE(executions() - before, 3) << "the array went set by set";
    EXPECT_EQ(processed, kSets);
    for (SQLULEN i = 0; i < kSets; ++i) EXPECT_EQ(status[i], SQL_PARAM_SUCCESS) << i;
    std::vector<std::string> got = table_rows(s);
    ASSERT_EQ(got.size(), kSets);
    for (SQLULEN i = 0; i < kSets; ++i) EXPECT_EQ(got[i], expected_row(i));
  }
}

TEST_F(ParamArrayBulk, UnconvertibleSetFailsAloneIgnoredSetsStayUnused) {
  Statement st(c);
  SQLINTEGER ids[5] = {1, 2, 3, 4, 5};
  char names[5][8] = {"10", "20", "x?", "40", "50"};  // set 3: not a number for an INTEGER column
  SQLLEN name_ind[5] = {SQL_NTS, SQL_NTS, SQL_NTS, SQL_NTS, SQL_NTS};
  SQLUSMALLINT operations[5] = {SQL_PARAM_PROCEED, SQL_PARAM_IGNORE, SQL_PARAM_PROCEED, SQL_PARAM_PROCEED,
                                SQL_PARAM_PROCEED};
  SQLUSMALLINT status[5] = {99, 99, 99, 99, 99};
  SQLULEN processed = 0;
  set_array(st, 5, status, &processed);
  ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAM_OPERATION_PTR, operations, 0), SQL_HANDLE_STMT, st);
  SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids, 0, nullptr);
  SQLBindParameter(st, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_BIGINT, 0, 0, names, sizeof names[0], name_ind);
  ASSERT_ODBC_OK(SQLPrepare(st, (SQLCHAR*)"INSERT INTO bulk_t (id, big) VALUES (?, ?)", SQL_NTS), SQL_HANDLE_STMT,
                 st);
  EXPECT_EQ(SQLExecute(st), SQL_SUCCESS_WITH_INFO) << st.diagnostics();
  EXPECT_EQ(st.state(), "22018") << st.diagnostics();
  EXPECT_NE(st.diagnostics().find("parameter set 3"), std::string::npos) << st.diagnostics();
  EXPECT_EQ(processed, 5u);  // every set gone through, the ignored one too, as both incumbents count
  EXPECT_EQ(status[0], SQL_PARAM_SUCCESS);
  EXPECT_EQ(status[1], SQL_PARAM_UNUSED);
  EXPECT_EQ(status[2], SQL_PARAM_ERROR);
  EXPECT_EQ(status[3], SQL_PARAM_SUCCESS);
  EXPECT_EQ(status[4], SQL_PARAM_SUCCESS);
  SQLLEN count = 0;
  EXPECT_ODBC_OK(SQLRowCount(st, &count), SQL_HANDLE_STMT, st);
  EXPECT_EQ(count, 3);
  EXPECT_EQ(s.scalar("SELECT GROUP_CONCAT(id, '=', big ORDER BY id) FROM bulk_t"), "1=10,4=40,5=50");
}

TEST_F(ParamArrayBulk, ServerErrorFailsTheWholeBulkAndLeavesNothingInInnoDb) {
  s.exec("INSERT INTO bulk_t (id) VALUES (2)");
  Statement st(c);
  SQLINTEGER ids[3] = {1, 2, 3};  // 2 is a duplicate key
  SQLUSMALLINT status[3] = {99, 99, 99};
  SQLULEN processed = 0;
  set_array(st, 3, status, &processed);
  SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids, 0, nullptr);
  ASSERT_ODBC_OK(SQLPrepare(st, (SQLCHAR*)"INSERT INTO bulk_t (id) VALUES (?)", SQL_NTS), SQL_HANDLE_STMT, st);
  EXPECT_EQ(SQLExecute(st), SQL_ERROR);
  EXPECT_EQ(st.state(), "23000");
  EXPECT_NE(st.diagnostics().find("parameter sets 1 to 3"), std::string::npos) << st.diagnostics();
  EXPECT_EQ(processed, 3u);
  for (SQLUSMALLINT v : status) EXPECT_EQ(v, SQL_PARAM_DIAG_UNAVAILABLE);
  // One statement for the server: InnoDB rolled all of it back.
  EXPECT_EQ(s.scalar("SELECT GROUP_CONCAT(id) FROM bulk_t"), "2");
}

TEST_F(ParamArrayBulk, UpdateAddsUpRowCounts) {
  s.exec("INSERT INTO bulk_t (id, big) VALUES (1, 0), (2, 0), (3, 0), (4, 0), (5, 0)");
  Statement st(c);
  SQLINTEGER lows[3] = {1, 3, 9};  // 2 rows, 2 rows, 0 rows
  SQLINTEGER highs[3] = {2, 4, 9};
  SQLUSMALLINT status[3] = {99, 99, 99};
  SQLULEN processed = 0;
  set_array(st, 3, status, &processed);
  SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, lows, 0, nullptr);
  SQLBindParameter(st, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, highs, 0, nullptr);
  ASSERT_ODBC_OK(SQLExecDirect(st, (SQLCHAR*)"UPDATE bulk_t SET big = big + 1 WHERE id BETWEEN ? AND ?", SQL_NTS),
                 SQL_HANDLE_STMT, st);
  SQLLEN count = 0;
  EXPECT_ODBC_OK(SQLRowCount(st, &count), SQL_HANDLE_STMT, st);
  EXPECT_EQ(count, 4);
  EXPECT_EQ(s.scalar("SELECT GROUP_CONCAT(big ORDER BY id) FROM bulk_t"), "1,1,1,1,0");
}

TEST_F(ParamArrayBulk, LargeArrayGoesInSeveralChunks) {
  // 24 values of 400 KB: more than one chunk (4 MB each), every row arrives whole.
  constexpr SQLULEN kBig = 24;
  constexpr size_t kLen = 400 * 1024;
  std::vector<char> text(kBig * kLen);
  std::vector<SQLLEN> ind(kBig, static_cast<SQLLEN>(kLen));
  std::vector<SQLINTEGER> ids(kBig);
  for (SQLULEN i = 0; i < kBig; ++i) {
    ids[i] = static_cast<SQLINTEGER>(i + 1);
    std::memset(&text[i * kLen], 'a' + static_cast<int>(i), kLen);
  }
  Statement st(c);
  std::vector<SQLUSMALLINT> status(kBig, 99);
  SQLULEN processed = 0;
  set_array(st, kBig, status.data(), &processed);
  SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids.data(), 0, nullptr);
  SQLBindParameter(st, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_LONGVARCHAR, kLen, 0, text.data(),
                   static_cast<SQLLEN>(kLen), ind.data());
  const long before = executions();
  ASSERT_EQ(SQLExecDirect(st, (SQLCHAR*)"INSERT INTO bulk_t (id, txt) VALUES (?, ?)", SQL_NTS), SQL_SUCCESS)
      << st.diagnostics();
  const long runs = executions() - before;
  EXPECT_GE(runs, 3);  // two chunks at least, and the status query
  EXPECT_LE(runs, 5);
  EXPECT_EQ(processed, kBig);
  EXPECT_EQ(s.scalar("SELECT CONCAT(COUNT(*), ':', SUM(LENGTH(txt)), ':', "
                     "SUM(txt = REPEAT(CHAR(ASCII('a') + id - 1), LENGTH(txt)))) FROM bulk_t"),
            std::to_string(kBig) + ":" + std::to_string(kBig * kLen) + ":" + std::to_string(kBig));
}

}  // namespace
}  // namespace fabodbc::itest
