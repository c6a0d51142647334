// Connection strings and attributes as applications written for MySQL Connector/ODBC and
// MariaDB Connector/ODBC use them: a keyword given twice, autocommit and isolation changed with
// SQL statements, the isolation level changed inside a transaction, a killed session seen by
// SQL_ATTR_CONNECTION_DEAD, INTERACTIVE and AUTO_RECONNECT, SQL_ATTR_ASYNC_ENABLE, and the
// SQLDriverConnect out string.
#include "odbc_fixture.h"

#include <unistd.h>

namespace fabodbc::itest {
namespace {

SQLCHAR* sql(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }
SQLPOINTER as_value(SQLULEN v) { return reinterpret_cast<SQLPOINTER>(static_cast<uintptr_t>(v)); }

SQLULEN attr(SQLHDBC dbc, SQLINTEGER attribute) {
  SQLULEN v = 12345;
  EXPECT_EQ(SQLGetConnectAttr(dbc, attribute, &v, 0, nullptr), SQL_SUCCESS) << all_diagnostics(SQL_HANDLE_DBC, dbc);
  return v;
}

TEST(ConnectionCompat, AKeywordGivenTwiceTakesTheLastValue) {
  Connection c(world().driver_connection_string + ";DATABASE=nosuchdb_first;DATABASE=" + world().server.database());
  Statement s(c);
  EXPECT_EQ(s.scalar("SELECT DATABASE()"), world().server.database());
}

TEST(ConnectionCompat, AutocommitAndIsolationSetWithSqlAreReported) {
  Connection c;
  Statement s(c);
  s.exec("SET autocommit = 0");
  EXPECT_EQ(attr(c.dbc(), SQL_ATTR_AUTOCOMMIT), static_cast<SQLULEN>(SQL_AUTOCOMMIT_OFF));
  // And the attribute acts on what the session really is: turning it on again works.
  ASSERT_EQ(SQLSetConnectAttr(c.dbc(), SQL_ATTR_AUTOCOMMIT, as_value(SQL_AUTOCOMMIT_ON), 0), SQL_SUCCESS);
  EXPECT_EQ(s.scalar("SELECT @@autocommit"), "1");
  s.exec("SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE");
  EXPECT_EQ(attr(c.dbc(), SQL_ATTR_TXN_ISOLATION), static_cast<SQLULEN>(SQL_TXN_SERIALIZABLE));
  s.exec("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
  EXPECT_EQ(attr(c.dbc(), SQL_ATTR_TXN_ISOLATION), static_cast<SQLULEN>(SQL_TXN_READ_COMMITTED));
}

TEST(ConnectionCompat, IsolationChangesInsideATransactionApplyToTheNextOne) {
  Connection c;
  ASSERT_EQ(SQLSetConnectAttr(c.dbc(), SQL_ATTR_AUTOCOMMIT, as_value(SQL_AUTOCOMMIT_OFF), 0), SQL_SUCCESS);
  Statement s(c);
  s.exec("CREATE OR REPLACE TABLE cc_txn (a INT) ENGINE=InnoDB");
  s.exec("INSERT INTO cc_txn VALUES (1)");  // a transaction is open
  ASSERT_EQ(SQLSetConnectAttr(c.dbc(), SQL_ATTR_TXN_ISOLATION, as_value(SQL_TXN_READ_COMMITTED), 0), SQL_SUCCESS)
      << all_diagnostics(SQL_HANDLE_DBC, c.dbc());
  EXPECT_EQ(attr(c.dbc(), SQL_ATTR_TXN_ISOLATION), static_cast<SQLULEN>(SQL_TXN_READ_COMMITTED));
  ASSERT_EQ(SQLEndTran(SQL_HANDLE_DBC, c.dbc(), SQL_COMMIT), SQL_SUCCESS);
  EXPECT_EQ(s.scalar("SELECT COUNT(*) FROM cc_txn"), "1");
}

TEST(ConnectionCompat, ConnectionDeadSeesAKilledSession) {
  Connection victim;
  Statement s(victim);
  const std::string id = s.scalar("SELECT CONNECTION_ID()").value_or("");
  EXPECT_EQ(attr(victim.dbc(), SQL_ATTR_CONNECTION_DEAD), static_cast<SQLULEN>(SQL_CD_FALSE));
  {
    Connection killer;
    Statement k(killer);
    k.exec("KILL " + id);
  }
  // The server closed it a moment ago: no idle time has passed, no statement failed yet.
  bool dead = false;
  for (int i = 0; i < 50 && !dead; ++i) {
    dead = attr(victim.dbc(), SQL_ATTR_CONNECTION_DEAD) == SQL_CD_TRUE;
    if (!dead) usleep(20000);
  }
  EXPECT_TRUE(dead);
}

TEST(ConnectionCompat, InteractiveClientGetsTheInteractiveTimeout) {
  Connection admin;
  Statement a(admin);
  const std::string saved = a.scalar("SELECT @@GLOBAL.interactive_timeout").value_or("28800");
  a.exec("SET GLOBAL interactive_timeout = 4321");
  {
    Connection interactive(world().dsn_connection_string + ";INTERACTIVE=1");
    Statement s(interactive);
    EXPECT_EQ(s.scalar("SELECT @@SESSION.wait_timeout"), "4321");
    Connection plain;
    Statement p(plain);
    EXPECT_NE(p.scalar("SELECT @@SESSION.wait_timeout"), "4321");
  }
  a.exec("SET GLOBAL interactive_timeout = " + saved);
}

TEST(ConnectionCompat, AutoReconnectIsReportedNotSilentlyIgnored) {
  for (const char* how : {";AUTO_RECONNECT=1", ";OPTION=4194304"}) {
    SCOPED_TRACE(how);
    UnconnectedDbc d;
    const std::string cs = world().dsn_connection_string + how;
    const SQLRETURN rc =
        SQLDriverConnect(d.dbc, nullptr, sql(cs.c_str()), SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT);
    EXPECT_EQ(rc, SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, d.dbc), "01000");
    EXPECT_NE(diag_message(SQL_HANDLE_DBC, d.dbc).find("AUTO_RECONNECT"), std::string::npos);
  }
}

TEST(ConnectionCompat, AsyncEnableIsOptionValueChanged) {
  Connection c;
  Statement s(c);
  EXPECT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ASYNC_ENABLE, as_value(SQL_ASYNC_ENABLE_ON), 0), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(s.state(), "01S02");
  SQLULEN v = 99;
  ASSERT_EQ(SQLGetStmtAttr(s, SQL_ATTR_ASYNC_ENABLE, &v, 0, nullptr), SQL_SUCCESS);
  EXPECT_EQ(v, static_cast<SQLULEN>(SQL_ASYNC_ENABLE_OFF));
  EXPECT_EQ(SQLSetConnectAttr(c.dbc(), SQL_ATTR_ASYNC_ENABLE, as_value(SQL_ASYNC_ENABLE_ON), 0), SQL_SUCCESS_WITH_INFO);
}

TEST(ConnectionCompat, DriverConnectOutLengthIsTheInputsAlsoWithoutABuffer) {
  const std::string cs = world().dsn_connection_string;
  for (bool with_buffer : {true, false}) {
    UnconnectedDbc d;
    SQLCHAR out[512] = {0};
    SQLSMALLINT len = -1;
    ASSERT_EQ(SQLDriverConnect(d.dbc, nullptr, sql(cs.c_str()), SQL_NTS, with_buffer ? out : nullptr,
                               with_buffer ? sizeof out : 0, &len, SQL_DRIVER_NOPROMPT),
              SQL_SUCCESS)
        << all_diagnostics(SQL_HANDLE_DBC, d.dbc);
    EXPECT_EQ(len, static_cast<SQLSMALLINT>(cs.size()));
    if (with_buffer) {
      EXPECT_EQ(reinterpret_cast<char*>(out), cs);
    }
  }
  // Wide: the length in characters.
  UnconnectedDbc d;
  std::vector<SQLWCHAR> in(cs.begin(), cs.end());
  in.push_back(0);
  SQLWCHAR out[512];
  SQLSMALLINT len = -1;
  ASSERT_EQ(SQLDriverConnectW(d.dbc, nullptr, in.data(), SQL_NTS, out, 512, &len, SQL_DRIVER_NOPROMPT), SQL_SUCCESS);
  EXPECT_EQ(len, static_cast<SQLSMALLINT>(cs.size()));
}

}  // namespace
}  // namespace fabodbc::itest
