// SQLDescribeParam: markers that are whole values of INSERT ... VALUES are described with the
// column they fill; other markers stay generic.
#include "odbc_fixture.h"

namespace fabodbc::itest {
namespace {

struct Described {
  SQLSMALLINT type = 0;
  SQLULEN size = 0;
  SQLSMALLINT digits = -1;
  SQLSMALLINT nullable = -1;
};

Described describe(Statement& s, SQLUSMALLINT number) {
  Described d;
  EXPECT_ODBC_OK(SQLDescribeParam(s, number, &d.type, &d.size, &d.digits, &d.nullable), SQL_HANDLE_STMT, s.get());
  return d;
}

class DescribeParam : public ::testing::Test {
 protected:
  void SetUp() override {
    s.exec("CREATE OR REPLACE TABLE dp_t (id INT NOT NULL PRIMARY KEY, price DECIMAL(12,3), "
           "name VARCHAR(40) NOT NULL, born DATE, big BIGINT UNSIGNED)");
  }
  Connection c;
  Statement s{c};
};

TEST_F(DescribeParam, InsertMarkersGetTheirColumnsTypes) {
  ASSERT_ODBC_OK(SQLPrepare(s, (SQLCHAR*)"INSERT INTO dp_t (name, price, id, born) VALUES (?, ?, ?, ?)", SQL_NTS),
                 SQL_HANDLE_STMT, s.get());
  Described name = describe(s, 1), price = describe(s, 2), id = describe(s, 3), born = describe(s, 4);
  EXPECT_TRUE(name.type == SQL_WVARCHAR || name.type == SQL_VARCHAR) << name.type;
  EXPECT_EQ(name.size, 40u);
  EXPECT_EQ(name.nullable, SQL_NO_NULLS);
  EXPECT_EQ(price.type, SQL_DECIMAL);
  EXPECT_EQ(price.size, 12u);
  EXPECT_EQ(price.digits, 3);
  EXPECT_EQ(price.nullable, SQL_NULLABLE);
  EXPECT_EQ(id.type, SQL_INTEGER);
  EXPECT_EQ(born.type, SQL_TYPE_DATE);

  // The description is what a client binds with: a fractional DECIMAL goes in unchanged.
  SQLCHAR price_text[] = "1234.567";
  SQLCHAR name_text[] = "widget";
  SQLINTEGER key = 7;
  SQLLEN nts = SQL_NTS, zero = 0, null_ind = SQL_NULL_DATA;
  ASSERT_ODBC_OK(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_CHAR, name.type, name.size, 0, name_text, 0, &nts),
                 SQL_HANDLE_STMT, s.get());
  ASSERT_ODBC_OK(SQLBindParameter(s, 2, SQL_PARAM_INPUT, SQL_C_CHAR, price.type, price.size, price.digits,
                                  price_text, 0, &nts),
                 SQL_HANDLE_STMT, s.get());
  ASSERT_ODBC_OK(SQLBindParameter(s, 3, SQL_PARAM_INPUT, SQL_C_SLONG, id.type, 0, 0, &key, 0, &zero),
                 SQL_HANDLE_STMT, s.get());
  ASSERT_ODBC_OK(SQLBindParameter(s, 4, SQL_PARAM_INPUT, SQL_C_CHAR, born.type, 10, 0, nullptr, 0, &null_ind),
                 SQL_HANDLE_STMT, s.get());
  ASSERT_ODBC_OK(SQLExecute(s), SQL_HANDLE_STMT, s.get());
  Statement check(c);
  EXPECT_EQ(check.scalar("SELECT CONCAT(id, '|', name, '|', price, '|', IFNULL(born, 'null')) FROM dp_t"),
            "7|widget|1234.567|null");
}

TEST_F(DescribeParam, WithoutColumnListExpressionsAndOtherStatements) {
  ASSERT_ODBC_OK(SQLPrepare(s, (SQLCHAR*)"INSERT INTO dp_t VALUES (?, ? * 2, 'x', NULL, ?)", SQL_NTS),
                 SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(describe(s, 1).type, SQL_INTEGER);
  EXPECT_EQ(describe(s, 2).type, SQL_VARCHAR);  // part of an expression: generic
  Described big = describe(s, 3);
  EXPECT_EQ(big.type, SQL_BIGINT);
  EXPECT_EQ(big.size, 20u);

  ASSERT_ODBC_OK(SQLPrepare(s, (SQLCHAR*)"UPDATE dp_t SET price = ? WHERE id = ?", SQL_NTS), SQL_HANDLE_STMT, s.get());
  Described generic = describe(s, 1);
  EXPECT_EQ(generic.type, SQL_VARCHAR);
  EXPECT_EQ(generic.size, 255u);
  EXPECT_EQ(generic.nullable, SQL_NULLABLE_UNKNOWN);
  SQLSMALLINT type = 0;
  EXPECT_EQ(SQLDescribeParam(s, 3, &type, nullptr, nullptr, nullptr), SQL_ERROR);
  EXPECT_EQ(s.state(), "07009");
}

TEST_F(DescribeParam, DescriptionFollowsTheTableAfterPrepareAgain) {
  const char* insert = "INSERT INTO dp_t (id, price) VALUES (?, ?)";
  ASSERT_ODBC_OK(SQLPrepare(s, (SQLCHAR*)insert, SQL_NTS), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(describe(s, 2).digits, 3);
  Statement ddl(c);
  ddl.exec("ALTER TABLE dp_t MODIFY price DECIMAL(14,5)");
  ASSERT_ODBC_OK(SQLPrepare(s, (SQLCHAR*)insert, SQL_NTS), SQL_HANDLE_STMT, s.get());
  Described price = describe(s, 2);
  EXPECT_EQ(price.size, 14u);
  EXPECT_EQ(price.digits, 5);
}

}  // namespace
}  // namespace fabodbc::itest
