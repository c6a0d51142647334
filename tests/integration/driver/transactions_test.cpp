// Autocommit, commit/rollback (connection and environment), isolation, current catalog.
#include "odbc_fixture.h"

namespace fabodbc::itest {
namespace {

class Transactions : public ::testing::Test {
 protected:
  void SetUp() override {
    Statement s(other);
    s.exec("CREATE TABLE IF NOT EXISTS txn_t (a INT) ENGINE=InnoDB");
    s.exec("DELETE FROM txn_t");
  }
  std::string count_from_other() {
    Statement s(other);
    return s.scalar("SELECT COUNT(*) FROM txn_t").value_or("?");
  }
  Connection c;
  Connection other;
};

TEST_F(Transactions, RollbackAndCommit) {
  ASSERT_ODBC_OK(SQLSetConnectAttr(c.dbc(), SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0),
                 SQL_HANDLE_DBC, c.dbc());
  Statement s(c);
  s.exec("INSERT INTO txn_t VALUES (1)");
  EXPECT_EQ(count_from_other(), "0");
  ASSERT_ODBC_OK(SQLEndTran(SQL_HANDLE_DBC, c.dbc(), SQL_ROLLBACK), SQL_HANDLE_DBC, c.dbc());
  EXPECT_EQ(s.scalar("SELECT COUNT(*) FROM txn_t"), "0");
  s.exec("INSERT INTO txn_t VALUES (2)");
  ASSERT_ODBC_OK(SQLEndTran(SQL_HANDLE_DBC, c.dbc(), SQL_COMMIT), SQL_HANDLE_DBC, c.dbc());
  EXPECT_EQ(count_from_other(), "1");
  s.exec("INSERT INTO txn_t VALUES (3)");
  ASSERT_ODBC_OK(SQLEndTran(SQL_HANDLE_ENV, c.env(), SQL_COMMIT), SQL_HANDLE_ENV, c.env());
  EXPECT_EQ(count_from_other(), "2");
  // Turning autocommit back on commits what is open.
  s.exec("INSERT INTO txn_t VALUES (4)");
  ASSERT_ODBC_OK(SQLSetConnectAttr(c.dbc(), SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_ON), 0),
                 SQL_HANDLE_DBC, c.dbc());
  EXPECT_EQ(count_from_other(), "3");
  EXPECT_EQ(s.scalar("SELECT @@autocommit"), "1");
}

TEST_F(Transactions, AutocommitOffBeforeConnectIsApplied) {
  UnconnectedDbc h;
  SQLHDBC dbc = h.dbc;
  SQLSetConnectAttr(dbc, SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0);
  SQLCHAR out[1024];
  SQLSMALLINT len;
  ASSERT_ODBC_OK(SQLDriverConnect(dbc, nullptr, (SQLCHAR*)world().dsn_connection_string.c_str(), SQL_NTS, out,
                                  sizeof out, &len, SQL_DRIVER_NOPROMPT),
                 SQL_HANDLE_DBC, dbc);
  SQLHSTMT s;
  SQLAllocHandle(SQL_HANDLE_STMT, dbc, &s);
  ASSERT_ODBC_OK(SQLExecDirect(s, (SQLCHAR*)"SELECT @@autocommit", SQL_NTS), SQL_HANDLE_STMT, s);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  SQLINTEGER v = -1;
  SQLGetData(s, 1, SQL_C_SLONG, &v, 0, nullptr);
  EXPECT_EQ(v, 0);
  SQLFreeHandle(SQL_HANDLE_STMT, s);
}

TEST_F(Transactions, IsolationLevel) {
  SQLUINTEGER level = 0;
  ASSERT_ODBC_OK(SQLGetConnectAttr(c.dbc(), SQL_ATTR_TXN_ISOLATION, &level, 0, nullptr), SQL_HANDLE_DBC, c.dbc());
  EXPECT_EQ(level, static_cast<SQLUINTEGER>(SQL_TXN_REPEATABLE_READ));  // the server default
  ASSERT_ODBC_OK(SQLSetConnectAttr(c.dbc(), SQL_ATTR_TXN_ISOLATION, reinterpret_cast<SQLPOINTER>(SQL_TXN_READ_COMMITTED), 0),
                 SQL_HANDLE_DBC, c.dbc());
  Statement s(c);
  EXPECT_EQ(s.scalar("SELECT @@SESSION.tx_isolation"), "READ-COMMITTED");
  ASSERT_ODBC_OK(SQLGetConnectAttr(c.dbc(), SQL_ATTR_TXN_ISOLATION, &level, 0, nullptr), SQL_HANDLE_DBC, c.dbc());
  EXPECT_EQ(level, static_cast<SQLUINTEGER>(SQL_TXN_READ_COMMITTED));
}

TEST_F(Transactions, ReadOnlyAccessModeRefusesWrites) {
  ASSERT_ODBC_OK(SQLSetConnectAttr(c.dbc(), SQL_ATTR_ACCESS_MODE, reinterpret_cast<SQLPOINTER>(SQL_MODE_READ_ONLY), 0),
                 SQL_HANDLE_DBC, c.dbc());
  Statement s(c);
  EXPECT_EQ(s.scalar("SELECT COUNT(*) FROM txn_t"), "0");  // reads work
  EXPECT_EQ(s.try_exec("INSERT INTO txn_t VALUES (1)"), SQL_ERROR);
  EXPECT_EQ(s.state(), "25006") << s.diagnostics();
  ASSERT_ODBC_OK(SQLSetConnectAttr(c.dbc(), SQL_ATTR_ACCESS_MODE, reinterpret_cast<SQLPOINTER>(SQL_MODE_READ_WRITE), 0),
                 SQL_HANDLE_DBC, c.dbc());
  s.exec("INSERT INTO txn_t VALUES (1)");
  EXPECT_EQ(count_from_other(), "1");
}

TEST_F(Transactions, CurrentCatalog) {
  Statement s(c);
  s.exec("CREATE DATABASE IF NOT EXISTS fabodbc_other");
  ASSERT_ODBC_OK(SQLSetConnectAttr(c.dbc(), SQL_ATTR_CURRENT_CATALOG, (SQLPOINTER) "fabodbc_other", SQL_NTS),
                 SQL_HANDLE_DBC, c.dbc());
  EXPECT_EQ(s.scalar("SELECT DATABASE()"), "fabodbc_other");
  char name[64];
  SQLINTEGER len = 0;
  ASSERT_ODBC_OK(SQLGetConnectAttr(c.dbc(), SQL_ATTR_CURRENT_CATALOG, name, sizeof name, &len), SQL_HANDLE_DBC, c.dbc());
  EXPECT_STREQ(name, "fabodbc_other");
  // A USE statement is seen too.
  s.exec("USE fabodbc_test");
  ASSERT_ODBC_OK(SQLGetConnectAttr(c.dbc(), SQL_ATTR_CURRENT_CATALOG, name, sizeof name, &len), SQL_HANDLE_DBC, c.dbc());
  EXPECT_STREQ(name, "fabodbc_test");
  EXPECT_EQ(SQLSetConnectAttr(c.dbc(), SQL_ATTR_CURRENT_CATALOG, (SQLPOINTER) "no_such_db_q", SQL_NTS), SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, c.dbc()), "42000");
}

}  // namespace
}  // namespace fabodbc::itest
