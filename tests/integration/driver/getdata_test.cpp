// SQLGetData in pieces (01004, exact indicators, SQL_NO_DATA after the last piece), any column
// order, a 10 MB BLOB, and streaming: fetching a large result does not grow memory.
#include "odbc_fixture.h"

#include <cstring>
#include <fstream>

namespace fabodbc::itest {
namespace {

class GetData : public ::testing::TestWithParam<bool> {  // param: prepared statement path
 protected:
  void run(const std::string& sql) {
    SQLFreeStmt(s, SQL_CLOSE);
    if (GetParam()) {
      ASSERT_ODBC_OK(SQLPrepare(s, (SQLCHAR*)sql.c_str(), SQL_NTS), SQL_HANDLE_STMT, s);
      ASSERT_ODBC_OK(SQLExecute(s), SQL_HANDLE_STMT, s);
    } else {
      ASSERT_ODBC_OK(SQLExecDirect(s, (SQLCHAR*)sql.c_str(), SQL_NTS), SQL_HANDLE_STMT, s);
    }
  }
  Connection c;
  Statement s{c};
};

TEST_P(GetData, CharacterDataInPieces) {
  run("SELECT 'abcdefghij', 42");
  ASSERT_ODBC_OK(SQLFetch(s), SQL_HANDLE_STMT, s);
  char buf[4];
  SQLLEN ind = 0;
  ASSERT_EQ(SQLGetData(s, 1, SQL_C_CHAR, buf, sizeof buf, &ind), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, s), "01004");
  EXPECT_EQ(ind, 10);  // the whole value is in memory: the real remaining length, not SQL_NO_TOTAL
  EXPECT_STREQ(buf, "abc");
  ASSERT_EQ(SQLGetData(s, 1, SQL_C_CHAR, buf, sizeof buf, &ind), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(ind, 7);
  EXPECT_STREQ(buf, "def");
  ASSERT_EQ(SQLGetData(s, 1, SQL_C_CHAR, buf, sizeof buf, &ind), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(ind, 4);
  EXPECT_STREQ(buf, "ghi");
  ASSERT_EQ(SQLGetData(s, 1, SQL_C_CHAR, buf, sizeof buf, &ind), SQL_SUCCESS);
  EXPECT_EQ(ind, 1);
  EXPECT_STREQ(buf, "j");
  EXPECT_EQ(SQLGetData(s, 1, SQL_C_CHAR, buf, sizeof buf, &ind), SQL_NO_DATA);
  // A fixed-size value: once, then SQL_NO_DATA.
  SQLINTEGER v = 0;
  ASSERT_EQ(SQLGetData(s, 2, SQL_C_SLONG, &v, 0, &ind), SQL_SUCCESS);
  EXPECT_EQ(v, 42);
  EXPECT_EQ(SQLGetData(s, 2, SQL_C_SLONG, &v, 0, &ind), SQL_NO_DATA);
}

TEST_P(GetData, AnyColumnOrder) {
  run("SELECT 1, 'two', 3.5, NULL");
  ASSERT_ODBC_OK(SQLFetch(s), SQL_HANDLE_STMT, s);
  char buf[16];
  SQLLEN ind = 0;
  ASSERT_ODBC_OK(SQLGetData(s, 3, SQL_C_CHAR, buf, sizeof buf, &ind), SQL_HANDLE_STMT, s);
  EXPECT_STREQ(buf, "3.5");
  ASSERT_ODBC_OK(SQLGetData(s, 1, SQL_C_CHAR, buf, sizeof buf, &ind), SQL_HANDLE_STMT, s);
  EXPECT_STREQ(buf, "1");
  ASSERT_ODBC_OK(SQLGetData(s, 4, SQL_C_CHAR, buf, sizeof buf, &ind), SQL_HANDLE_STMT, s);
  EXPECT_EQ(ind, SQL_NULL_DATA);
  ASSERT_ODBC_OK(SQLGetData(s, 2, SQL_C_CHAR, buf, sizeof buf, &ind), SQL_HANDLE_STMT, s);
  EXPECT_STREQ(buf, "two");
  EXPECT_EQ(SQLGetData(s, 5, SQL_C_CHAR, buf, sizeof buf, &ind), SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, s), "07009");
}

TEST_P(GetData, GetDataBeforeFetchIs24000) {
  run("SELECT 1");
  char buf[8];
  SQLLEN ind;
  EXPECT_EQ(SQLGetData(s, 1, SQL_C_CHAR, buf, sizeof buf, &ind), SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, s), "24000");
}

TEST_P(GetData, TenMegabyteBlobInPieces) {
  const size_t size = 10 * 1024 * 1024;
  std::string blob(size, '\0');
  for (size_t k = 0; k < size; ++k) blob[k] = static_cast<char>((k * 131) ^ (k >> 11));
  Statement w(c);
  w.exec("CREATE OR REPLACE TABLE blob_t (id INT PRIMARY KEY, b LONGBLOB)");
  ASSERT_ODBC_OK(SQLPrepare(w, (SQLCHAR*)"INSERT INTO blob_t VALUES (1, ?)", SQL_NTS), SQL_HANDLE_STMT, w);
  SQLLEN len = static_cast<SQLLEN>(size);
  ASSERT_ODBC_OK(SQLBindParameter(w, 1, SQL_PARAM_INPUT, SQL_C_BINARY, SQL_LONGVARBINARY, size, 0, blob.data(), len,
                                  &len),
                 SQL_HANDLE_STMT, w);
  ASSERT_ODBC_OK(SQLExecute(w), SQL_HANDLE_STMT, w);

  run("SELECT b FROM blob_t WHERE id = 1");
  ASSERT_ODBC_OK(SQLFetch(s), SQL_HANDLE_STMT, s);
  const size_t piece = 1024 * 1024;
  std::string got;
  std::vector<char> buf(piece);
  SQLLEN ind = 0;
  size_t calls = 0;
  while (true) {
    SQLRETURN rc = SQLGetData(s, 1, SQL_C_BINARY, buf.data(), static_cast<SQLLEN>(piece), &ind);
    if (rc == SQL_NO_DATA) break;
    ASSERT_TRUE(SQL_SUCCEEDED(rc)) << diag_message(SQL_HANDLE_STMT, s);
    EXPECT_EQ(ind, static_cast<SQLLEN>(size - got.size())) << "call " << calls;
    size_t n = std::min(piece, static_cast<size_t>(ind));
    got.append(buf.data(), n);
    ++calls;
    if (rc == SQL_SUCCESS) {
      EXPECT_EQ(got.size(), size);
    } else {
      EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, s), "01004");
    }
    ASSERT_LE(calls, 11u);
  }
  EXPECT_EQ(calls, 10u);
  EXPECT_TRUE(got == blob) << "blob differs";
}

long rss_kb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

TEST_P(GetData, LargeResultsStream) {
  // 200,000 rows of ~300 bytes: about 60 MB if the result were buffered.
  const std::string sql = "SELECT seq, REPEAT('x', 300), seq * 2 FROM seq_1_to_200000";
  run(sql);
  ASSERT_ODBC_OK(SQLFetch(s), SQL_HANDLE_STMT, s);
  long before = rss_kb();
  long rows = 1;
  char buf[512];
  SQLLEN ind = 0;
  SQLRETURN rc;
  while ((rc = SQLFetch(s)) == SQL_SUCCESS) {
    SQLGetData(s, 2, SQL_C_CHAR, buf, sizeof buf, &ind);
    ++rows;
  }
  EXPECT_EQ(rc, SQL_NO_DATA);
  long after = rss_kb();
  EXPECT_EQ(rows, 200000);
  EXPECT_LT(after - before, 20 * 1024) << "RSS grew from " << before << " kB to " << after << " kB";
}

INSTANTIATE_TEST_SUITE_P(Protocols, GetData, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Prepared" : "Text"; });

}  // namespace
}  // namespace fabodbc::itest
