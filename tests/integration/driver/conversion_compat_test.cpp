// Conversions, long data, diagnostics and column metadata as applications written for MySQL
// Connector/ODBC and MariaDB Connector/ODBC rely on them (issue #17), through the driver
// manager: SQL_C_NUMERIC parameters scaled by DecimalDigits, empty strings, DATETIME read as
// SQL_C_TIME, zero dates, short buffers, SQLGetData and SQLGetDiagRec with BufferLength 0,
// SQLBindCol past the last column, MEDIUMINT sizes, SQL_ATTR_CONNECTION_TIMEOUT.
#include "odbc_fixture.h"

#include <cstring>

namespace fabodbc::itest {
namespace {

SQLCHAR* sql(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }
SQLPOINTER as_value(SQLLEN v) { return reinterpret_cast<SQLPOINTER>(static_cast<intptr_t>(v)); }

SQL_NUMERIC_STRUCT numeric(unsigned value, SQLSCHAR struct_scale = 0) {
  SQL_NUMERIC_STRUCT n{};
  n.precision = 10;
  n.scale = struct_scale;
  n.sign = 1;
  for (int k = 0; k < 4; ++k) n.val[k] = static_cast<SQLCHAR>((value >> (8 * k)) & 0xFF);
  return n;
}

// Inserts one SQL_C_NUMERIC parameter into DECIMAL(10,2) (prepared or not) and reads it back.
std::string insert_numeric(Statement& s, const SQL_NUMERIC_STRUCT& value, SQLSMALLINT decimal_digits,
                           SQLSMALLINT apd_scale = -1) {
  s.exec("CREATE OR REPLACE TABLE cv_num (d DECIMAL(10,2))");
  SQL_NUMERIC_STRUCT n = value;
  SQLLEN ind = sizeof n;
  EXPECT_ODBC_OK(SQLPrepare(s, sql("INSERT INTO cv_num VALUES (?)"), SQL_NTS), SQL_HANDLE_STMT, s.get());
  EXPECT_ODBC_OK(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_NUMERIC, SQL_DECIMAL, 10, decimal_digits, &n, sizeof n,
                                  &ind),
                 SQL_HANDLE_STMT, s.get());
  if (apd_scale >= 0) {
    // The specification's way: the APD's precision and scale, then the data pointer again.
    SQLHDESC apd = SQL_NULL_HDESC;
    EXPECT_ODBC_OK(SQLGetStmtAttr(s, SQL_ATTR_APP_PARAM_DESC, &apd, 0, nullptr), SQL_HANDLE_STMT, s.get());
    EXPECT_ODBC_OK(SQLSetDescField(apd, 1, SQL_DESC_PRECISION, as_value(10), 0), SQL_HANDLE_DESC, apd);
    EXPECT_ODBC_OK(SQLSetDescField(apd, 1, SQL_DESC_SCALE, as_value(apd_scale), 0), SQL_HANDLE_DESC, apd);
    EXPECT_ODBC_OK(SQLSetDescField(apd, 1, SQL_DESC_DATA_PTR, &n, 0), SQL_HANDLE_DESC, apd);
  }
  EXPECT_ODBC_OK(SQLExecute(s), SQL_HANDLE_STMT, s.get());
  SQLFreeStmt(s, SQL_RESET_PARAMS);
  return s.scalar("SELECT d FROM cv_num").value_or("NULL");
}

TEST(ConversionCompat, NumericParameterTakesItsScaleFromDecimalDigits) {
  Connection c;
  Statement s(c);
  // 12345 with DecimalDigits 2 and an APD left alone: 123.45, as MySQL and MariaDB
  // Connector/ODBC store it (the APD's default scale 0 would store 12345).
  EXPECT_EQ(insert_numeric(s, numeric(12345), 2), "123.45");
  EXPECT_EQ(insert_numeric(s, numeric(12345, 2), 2), "123.45");
  EXPECT_EQ(insert_numeric(s, numeric(12345), 0), "12345.00");
  // A scale set in the APD wins.
  EXPECT_EQ(insert_numeric(s, numeric(12345), 2, 1), "1234.50");
  EXPECT_EQ(insert_numeric(s, numeric(12345), 2, 0), "12345.00");
  // DecimalDigits 0 and a scale in the struct: the struct's (the only scale given).
  EXPECT_EQ(insert_numeric(s, numeric(12345, 2), 0), "123.45");
}

}  // namespace
}  // namespace fabodbc::itest
