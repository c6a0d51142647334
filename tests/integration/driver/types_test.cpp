// Every MySQL type to and from C types, through the text protocol (SQLExecDirect) and the
// prepared-statement binary protocol (SQLPrepare + SQLExecute), NULLs included.
#include "odbc_fixture.h"

#include <cstring>

namespace fabodbc::itest {
namespace {

const char* kCreate =
    "CREATE OR REPLACE TABLE types_t (id INT PRIMARY KEY, ti TINYINT, tu TINYINT UNSIGNED, si SMALLINT, "
    "i INT, iu INT UNSIGNED, bi BIGINT, bu BIGINT UNSIGNED, de DECIMAL(15,3), fl FLOAT, db DOUBLE, ch CHAR(5), "
    "vc VARCHAR(64), tx TEXT, bn BINARY(4), vb VARBINARY(16), bl BLOB, dt DATE, tm TIME, dtm DATETIME(6), "
    "ts TIMESTAMP(3) NULL, yr YEAR, bt BIT(8), en ENUM('a','b'), st SET('x','y'), js JSON) "
    "DEFAULT CHARSET=utf8mb4";
const char* kColumns = "id, ti, tu, si, i, iu, bi, bu, de, fl, db, ch, vc, tx, bn, vb, bl, dt, tm, dtm, ts, yr, bt, en, st, js";
constexpr int kColumnCount = 26;

const std::string kEmoji = "h\xC3\xA9llo \xF0\x9F\x98\x80";  // "héllo 😀"

struct Values {
  // Text forms bound as SQL_C_CHAR, in column order (index 0 = id).
  std::vector<std::string> text = {
      "", "-128", "255", "-32768", "-2147483648", "4294967295", "", "", "-123456789.125", "1.5", "",
      "ab", kEmoji, std::string(3000, 't'), "", "", "", "2024-02-29", "13:14:15", "", "2001-02-03 04:05:06.789",
      "2024", "", "b", "x,y", "{\"k\": [1, 2]}"};
  SQLBIGINT bi = INT64_MIN;
  SQLUBIGINT bu = UINT64_MAX;
  double db = -2.25e100;
  unsigned char bn[4] = {1, 2, 3, 4};
  unsigned char vb[3] = {0, 0xFF, 0};
  unsigned char bl[256];
  unsigned char bt[1] = {0xA5};
  SQL_TIMESTAMP_STRUCT dtm{2024, 2, 29, 13, 45, 56, 123456000};
  Values() {
    for (int k = 0; k < 256; ++k) bl[k] = static_cast<unsigned char>(k);
  }
};

// Binds the values (or NULLs) as parameters 1..26 of an INSERT.
void bind_row(SQLHSTMT s, SQLINTEGER& id, Values& v, std::vector<SQLLEN>& ind, bool nulls) {
  ind.assign(kColumnCount, 0);
  auto bind = [&](int col, SQLSMALLINT c_type, SQLSMALLINT sql_type, SQLULEN size, SQLSMALLINT digits, void* data,
                  SQLLEN length) {
    ind[col] = nulls && col > 0 ? SQL_NULL_DATA : length;
    ASSERT_ODBC_OK(SQLBindParameter(s, static_cast<SQLUSMALLINT>(col + 1), SQL_PARAM_INPUT, c_type, sql_type, size,
                                    digits, data, length, &ind[col]),
                   SQL_HANDLE_STMT, s);
  };
  bind(0, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0);
  for (int col : {1, 2, 3, 4, 5, 8, 9, 11, 12, 13, 17, 18, 20, 21, 23, 24, 25}) {
    std::string& t = v.text[col];
    bind(col, SQL_C_CHAR, SQL_VARCHAR, t.size(), 0, t.data(), static_cast<SQLLEN>(t.size()));
  }
  bind(6, SQL_C_SBIGINT, SQL_BIGINT, 0, 0, &v.bi, 0);
  bind(7, SQL_C_UBIGINT, SQL_BIGINT, 0, 0, &v.bu, 0);
  bind(10, SQL_C_DOUBLE, SQL_DOUBLE, 0, 0, &v.db, 0);
  bind(14, SQL_C_BINARY, SQL_BINARY, 4, 0, v.bn, 4);
  bind(15, SQL_C_BINARY, SQL_VARBINARY, 16, 0, v.vb, 3);
  bind(16, SQL_C_BINARY, SQL_LONGVARBINARY, 256, 0, v.bl, 256);
  bind(19, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, 26, 6, &v.dtm, 0);
  bind(22, SQL_C_BINARY, SQL_BINARY, 1, 0, v.bt, 1);
}

class Types : public ::testing::Test {
 protected:
  void SetUp() override {
    s.exec(kCreate);
    std::string insert = std::string("INSERT INTO types_t (") + kColumns + ") VALUES (?";
    for (int k = 1; k < kColumnCount; ++k) insert += ",?";
    insert += ")";
    // Row 1: prepared (binary protocol parameters). Row 2: NULLs. Row 3: SQLExecDirect
    // (parameters rendered as literals).
    ASSERT_ODBC_OK(SQLPrepare(s, (SQLCHAR*)insert.c_str(), SQL_NTS), SQL_HANDLE_STMT, s);
    SQLINTEGER id = 1;
    bind_row(s, id, v, ind, false);
    ASSERT_ODBC_OK(SQLExecute(s), SQL_HANDLE_STMT, s);
    id = 2;
    bind_row(s, id, v, ind, true);
    ASSERT_ODBC_OK(SQLExecute(s), SQL_HANDLE_STMT, s);
    id = 3;
    bind_row(s, id, v, ind, false);
    ASSERT_ODBC_OK(SQLExecDirect(s, (SQLCHAR*)insert.c_str(), SQL_NTS), SQL_HANDLE_STMT, s);
    SQLFreeStmt(s, SQL_RESET_PARAMS);
  }

  // Runs the select for one row through the text protocol or a prepared statement.
  void select_row(int id, bool prepared) {
    SQLFreeStmt(s, SQL_CLOSE);
    std::string sql = std::string("SELECT ") + kColumns + " FROM types_t WHERE id = " + std::to_string(id);
    if (prepared) {
      ASSERT_ODBC_OK(SQLPrepare(s, (SQLCHAR*)sql.c_str(), SQL_NTS), SQL_HANDLE_STMT, s);
      ASSERT_ODBC_OK(SQLExecute(s), SQL_HANDLE_STMT, s);
    } else {
      ASSERT_ODBC_OK(SQLExecDirect(s, (SQLCHAR*)sql.c_str(), SQL_NTS), SQL_HANDLE_STMT, s);
    }
    ASSERT_ODBC_OK(SQLFetch(s), SQL_HANDLE_STMT, s);
  }

  std::optional<std::string> as_text(int col) {
    std::string out;
    char buf[8192];
    SQLLEN n = 0;
    while (true) {
      SQLRETURN rc = SQLGetData(s, static_cast<SQLUSMALLINT>(col + 1), SQL_C_CHAR, buf, sizeof buf, &n);
      if (rc == SQL_NO_DATA) break;
      EXPECT_ODBC_OK(rc, SQL_HANDLE_STMT, s);
      if (!SQL_SUCCEEDED(rc)) return std::string("<error>");
      if (n == SQL_NULL_DATA) return std::nullopt;
      out.append(buf, strnlen(buf, sizeof buf));
      if (rc == SQL_SUCCESS) break;
    }
    return out;
  }

  std::string as_bytes(int col) {
    unsigned char buf[512];
    SQLLEN n = 0;
    SQLRETURN rc = SQLGetData(s, static_cast<SQLUSMALLINT>(col + 1), SQL_C_BINARY, buf, sizeof buf, &n);
    EXPECT_EQ(rc, SQL_SUCCESS) << diag_message(SQL_HANDLE_STMT, s);
    if (n < 0) return "<null>";
    return std::string(reinterpret_cast<char*>(buf), static_cast<size_t>(n));
  }

  template <class T>
  T as(int col, SQLSMALLINT c_type, SQLLEN* indicator = nullptr) {
    T value{};
    SQLLEN n = 0;
    EXPECT_ODBC_OK(SQLGetData(s, static_cast<SQLUSMALLINT>(col + 1), c_type, &value, sizeof value, &n),
                   SQL_HANDLE_STMT, s);
    if (indicator) *indicator = n;
    return value;
  }

  void check_values(bool prepared) {
    SCOPED_TRACE(prepared ? "prepared (binary protocol)" : "text protocol");
    select_row(1, prepared);
    for (int col : {1, 2, 3, 4, 5, 8, 11, 12, 13, 17, 21, 23, 24}) {
      EXPECT_EQ(as_text(col), v.text[col]) << "column " << col;
    }
    EXPECT_EQ(as<SQLBIGINT>(6, SQL_C_SBIGINT), INT64_MIN);
    EXPECT_EQ(as<SQLUBIGINT>(7, SQL_C_UBIGINT), UINT64_MAX);
    EXPECT_DOUBLE_EQ(as<double>(9, SQL_C_DOUBLE), 1.5);
    EXPECT_DOUBLE_EQ(as<double>(10, SQL_C_DOUBLE), -2.25e100);
    EXPECT_EQ(as_bytes(14), std::string("\x01\x02\x03\x04", 4));
    EXPECT_EQ(as_bytes(15), std::string("\x00\xFF\x00", 3));
    EXPECT_EQ(as_bytes(16), std::string(reinterpret_cast<char*>(v.bl), 256));
    auto date = as<SQL_DATE_STRUCT>(17, SQL_C_TYPE_DATE);
    EXPECT_EQ(date.year, 2024);
    EXPECT_EQ(date.month, 2);
    EXPECT_EQ(date.day, 29);
    auto time = as<SQL_TIME_STRUCT>(18, SQL_C_TYPE_TIME);
    EXPECT_EQ(time.hour, 13);
    EXPECT_EQ(time.minute, 14);
    EXPECT_EQ(time.second, 15);
    auto dtm = as<SQL_TIMESTAMP_STRUCT>(19, SQL_C_TYPE_TIMESTAMP);
    EXPECT_EQ(dtm.year, 2024);
    EXPECT_EQ(dtm.second, 56);
    EXPECT_EQ(dtm.fraction, 123456000u);
    auto ts = as<SQL_TIMESTAMP_STRUCT>(20, SQL_C_TYPE_TIMESTAMP);
    EXPECT_EQ(ts.hour, 4);
    EXPECT_EQ(ts.fraction, 789000000u);
    EXPECT_EQ(as<SQLINTEGER>(21, SQL_C_SLONG), 2024);
    EXPECT_EQ(as_bytes(22), std::string("\xA5", 1));
    std::optional<std::string> json = as_text(25);
    ASSERT_TRUE(json.has_value());
    EXPECT_NE(json->find("\"k\""), std::string::npos) << *json;
  }

  Connection c;
  Statement s{c};
  Values v;
  std::vector<SQLLEN> ind;
};

TEST_F(Types, ValuesThroughTheTextProtocol) { check_values(false); }
TEST_F(Types, ValuesThroughPreparedStatements) { check_values(true); }

TEST_F(Types, LiteralParametersStoreWhatPreparedParametersStore) {
  std::string same = "SELECT COUNT(*) FROM types_t a JOIN types_t b ON a.id = 1 AND b.id = 3";
  for (const char* col : {"ti", "tu", "si", "i", "iu", "bi", "bu", "de", "fl", "db", "ch", "vc", "tx", "bn", "vb",
                          "bl", "dt", "tm", "dtm", "ts", "yr", "bt", "en", "st", "js"}) {
    same += std::string(" AND a.") + col + " <=> b." + col;
  }
  EXPECT_EQ(s.scalar(same), "1");
}

TEST_F(Types, NullsInEveryColumn) {
  for (bool prepared : {false, true}) {
    SCOPED_TRACE(prepared ? "prepared" : "text");
    select_row(2, prepared);
    for (int col = 1; col < kColumnCount; ++col) {
      char buf[64];
      SQLLEN n = 0;
      ASSERT_ODBC_OK(SQLGetData(s, static_cast<SQLUSMALLINT>(col + 1), SQL_C_CHAR, buf, sizeof buf, &n),
                     SQL_HANDLE_STMT, s);
      EXPECT_EQ(n, SQL_NULL_DATA) << "column " << col;
    }
  }
}

TEST_F(Types, EmojiAsWideCharacters) {
  for (bool prepared : {false, true}) {
    SCOPED_TRACE(prepared ? "prepared" : "text");
    select_row(1, prepared);
    SQLWCHAR buf[32];
    SQLLEN n = 0;
    ASSERT_ODBC_OK(SQLGetData(s, 13, SQL_C_WCHAR, buf, sizeof buf, &n), SQL_HANDLE_STMT, s);
    std::u16string expected = u"h\u00e9llo \U0001F600";
    ASSERT_EQ(n, static_cast<SQLLEN>(expected.size() * sizeof(SQLWCHAR)));
    EXPECT_EQ(std::u16string(reinterpret_cast<char16_t*>(buf), expected.size()), expected);
  }
}

TEST_F(Types, ColumnDescriptions) {
  select_row(1, false);
  struct Expect {
    int col;
    SQLSMALLINT type;
    bool is_unsigned;
  } expects[] = {{1, SQL_TINYINT, false}, {2, SQL_TINYINT, true}, {5, SQL_BIGINT, true}, {6, SQL_BIGINT, false},
                 {7, SQL_BIGINT, true},   {8, SQL_DECIMAL, false}, {10, SQL_DOUBLE, false},
                 // SQL_DESC_UNSIGNED is SQL_TRUE for columns that are not numeric.
                 {17, SQL_TYPE_DATE, true}, {19, SQL_TYPE_TIMESTAMP, true}};
  for (const Expect& e : expects) {
    SQLLEN type = 0, uns = 0;
    EXPECT_ODBC_OK(SQLColAttribute(s, static_cast<SQLUSMALLINT>(e.col + 1), SQL_DESC_CONCISE_TYPE, nullptr, 0, nullptr,
                                   &type),
                   SQL_HANDLE_STMT, s);
    EXPECT_EQ(type, e.type) << "column " << e.col;
    EXPECT_ODBC_OK(
        SQLColAttribute(s, static_cast<SQLUSMALLINT>(e.col + 1), SQL_DESC_UNSIGNED, nullptr, 0, nullptr, &uns),
        SQL_HANDLE_STMT, s);
    EXPECT_EQ(uns != 0, e.is_unsigned) << "column " << e.col;
  }
  char name[32];
  SQLSMALLINT len = 0;
  EXPECT_ODBC_OK(SQLColAttribute(s, 13, SQL_DESC_LABEL, name, sizeof name, &len, nullptr), SQL_HANDLE_STMT, s);
  EXPECT_STREQ(name, "vc");
  EXPECT_ODBC_OK(SQLColAttribute(s, 13, SQL_DESC_TABLE_NAME, name, sizeof name, &len, nullptr), SQL_HANDLE_STMT, s);
  EXPECT_STREQ(name, "types_t");
  EXPECT_ODBC_OK(SQLColAttribute(s, 13, SQL_DESC_CATALOG_NAME, name, sizeof name, &len, nullptr), SQL_HANDLE_STMT, s);
  EXPECT_STREQ(name, "fabodbc_test");
  SQLLEN length = 0;
  EXPECT_ODBC_OK(SQLColAttribute(s, 13, SQL_DESC_LENGTH, nullptr, 0, nullptr, &length), SQL_HANDLE_STMT, s);
  EXPECT_EQ(length, 64);
  SQLLEN nullable = 0;
  EXPECT_ODBC_OK(SQLColAttribute(s, 1, SQL_DESC_NULLABLE, nullptr, 0, nullptr, &nullable), SQL_HANDLE_STMT, s);
  EXPECT_EQ(nullable, SQL_NO_NULLS);
  EXPECT_EQ(SQLColAttribute(s, 99, SQL_DESC_LABEL, name, sizeof name, &len, nullptr), SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, s), "07009");
}

}  // namespace
}  // namespace fabodbc::itest
