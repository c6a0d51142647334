// What the driver manager's connection pool relies on: SQL_ATTR_RESET_CONNECTION returns the
// session and the attributes to the state a fresh connect leaves, and SQL_ATTR_CONNECTION_DEAD
// answers correctly and cheaply.
#include "odbc_fixture.h"

namespace fabodbc::itest {
namespace {

SQLPOINTER as_value(SQLULEN v) { return reinterpret_cast<SQLPOINTER>(static_cast<uintptr_t>(v)); }

SQLUINTEGER connect_attr(SQLHDBC dbc, SQLINTEGER attribute) {
  SQLUINTEGER v = 12345;
  EXPECT_TRUE(SQL_SUCCEEDED(SQLGetConnectAttr(dbc, attribute, &v, 0, nullptr)))
      << all_diagnostics(SQL_HANDLE_DBC, dbc);
  return v;
}

TEST(Pooling, ResetConnectionRestoresTheConnectTimeState) {
  Connection c;
  std::string db, charset, isolation;
  {
    Statement s(c);
    db = *s.scalar("SELECT DATABASE()");
    charset = *s.scalar("SELECT @@character_set_client");
    isolation = *s.scalar("SELECT @@tx_isolation");
    s.exec("CREATE DATABASE IF NOT EXISTS pool_other");
    s.exec("SET @pool_var = 5");
    s.exec("CREATE TEMPORARY TABLE pool_tmp (a INT)");
    s.exec("SET NAMES latin1");
  }
  ASSERT_TRUE(SQL_SUCCEEDED(SQLSetConnectAttr(c.dbc(), SQL_ATTR_AUTOCOMMIT, as_value(SQL_AUTOCOMMIT_OFF), 0)));
  ASSERT_TRUE(SQL_SUCCEEDED(SQLSetConnectAttr(c.dbc(), SQL_ATTR_TXN_ISOLATION, as_value(SQL_TXN_SERIALIZABLE), 0)));
  ASSERT_TRUE(SQL_SUCCEEDED(SQLSetConnectAttr(c.dbc(), SQL_ATTR_CURRENT_CATALOG, (SQLPOINTER) "pool_other", SQL_NTS)));
  {
    Statement s(c);
    EXPECT_EQ(s.scalar("SELECT DATABASE()"), "pool_other");
    EXPECT_EQ(s.scalar("SELECT @@autocommit"), "0");
  }

  ASSERT_EQ(SQLSetConnectAttr(c.dbc(), SQL_ATTR_RESET_CONNECTION, as_value(SQL_RESET_CONNECTION_YES), SQL_IS_UINTEGER),
            SQL_SUCCESS)
      << all_diagnostics(SQL_HANDLE_DBC, c.dbc());

  EXPECT_EQ(connect_attr(c.dbc(), SQL_ATTR_AUTOCOMMIT), static_cast<SQLUINTEGER>(SQL_AUTOCOMMIT_ON));
  Statement s(c);
  EXPECT_EQ(s.scalar("SELECT @@autocommit"), "1");
  EXPECT_EQ(s.scalar("SELECT DATABASE()"), db);
  EXPECT_FALSE(s.scalar("SELECT @pool_var").has_value());  // user variables are gone
  EXPECT_EQ(s.scalar("SELECT @@character_set_client"), charset);
  EXPECT_EQ(s.scalar("SELECT @@tx_isolation"), isolation);
  EXPECT_EQ(s.try_exec("SELECT * FROM pool_tmp"), SQL_ERROR);  // temporary tables are gone
  EXPECT_EQ(s.state(), "42S02");
  char catalog[64] = {0};
  SQLINTEGER len = 0;
  ASSERT_TRUE(SQL_SUCCEEDED(SQLGetConnectAttr(c.dbc(), SQL_ATTR_CURRENT_CATALOG, catalog, sizeof catalog, &len)));
  EXPECT_EQ(std::string(catalog), db);
  EXPECT_EQ(connect_attr(c.dbc(), SQL_ATTR_CONNECTION_DEAD), static_cast<SQLUINTEGER>(SQL_CD_FALSE));

  // Only SQL_RESET_CONNECTION_YES is a value.
  EXPECT_EQ(SQLSetConnectAttr(c.dbc(), SQL_ATTR_RESET_CONNECTION, as_value(7), SQL_IS_UINTEGER), SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, c.dbc()), "HY024");
}

TEST(Pooling, ResetConnectionKeepsStatementsUsable) {
  Connection c;
  Statement s(c);
  s.exec("SELECT 1 UNION SELECT 2");  // a cursor left open
  ASSERT_EQ(SQLSetConnectAttr(c.dbc(), SQL_ATTR_RESET_CONNECTION, as_value(SQL_RESET_CONNECTION_YES), SQL_IS_UINTEGER),
            SQL_SUCCESS)
      << all_diagnostics(SQL_HANDLE_DBC, c.dbc());
  EXPECT_EQ(s.scalar("SELECT 3"), "3");
}

TEST(Pooling, ConnectionDeadAfterTheServerDroppedTheSession) {
  Connection c;
  Connection killer;
  std::string id;
  {
    Statement s(c);
    id = *s.scalar("SELECT CONNECTION_ID()");
  }
  EXPECT_EQ(connect_attr(c.dbc(), SQL_ATTR_CONNECTION_DEAD), static_cast<SQLUINTEGER>(SQL_CD_FALSE));
  {
    Statement k(killer);
    k.exec("KILL " + id);
  }
  // The driver learns of the loss at the next command; from then on the answer is immediate.
  Statement s(c);
  EXPECT_EQ(s.try_exec("SELECT 1"), SQL_ERROR);
  EXPECT_EQ(connect_attr(c.dbc(), SQL_ATTR_CONNECTION_DEAD), static_cast<SQLUINTEGER>(SQL_CD_TRUE));
}

}  // namespace
}  // namespace fabodbc::itest
