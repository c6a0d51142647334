// What a session looks like right after SQLDriverConnect, and what the connect sent to get
// there. The connect is kept to the handshake (charset and database travel in it) plus what
// the application asked for (INITSTMT, attributes set before connecting); these tests pin
// both, so that a faster connect cannot change the session it hands over.
#include "odbc_fixture.h"

#include <odbcinst.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace fabodbc::itest {
namespace {

// One value from a query on a connected handle.
std::string value_on(SQLHDBC dbc, const std::string& sql) {
  SQLHSTMT st = SQL_NULL_HSTMT;
  EXPECT_ODBC_OK(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st), SQL_HANDLE_DBC, dbc);
  EXPECT_ODBC_OK(SQLExecDirect(st, (SQLCHAR*)sql.c_str(), SQL_NTS), SQL_HANDLE_STMT, st);
  char buf[512] = {};
  SQLLEN ind = 0;
  EXPECT_EQ(SQLFetch(st), SQL_SUCCESS);
  EXPECT_ODBC_OK(SQLGetData(st, 1, SQL_C_CHAR, buf, sizeof buf, &ind), SQL_HANDLE_STMT, st);
  SQLFreeHandle(SQL_HANDLE_STMT, st);
  return ind == SQL_NULL_DATA ? "NULL" : buf;
}

class ConnectState : public ::testing::Test {
 protected:
  // The general log keeps what each connection sent (each test process has its own server).
  static void SetUpTestSuite() {
    Connection admin;
    Statement s(admin);
    s.exec("SET GLOBAL log_output = 'TABLE'");
    s.exec("SET GLOBAL general_log = 1");
  }
  // Commands the server logged for connection `id`, "type:argument" in order, up to (not
  // including) the test's own first query, which contains `until`.
  std::vector<std::string> logged_for(const std::string& id, const std::string& until) {
    Connection admin;
    Statement s(admin);
    s.exec("SELECT command_type, argument FROM mysql.general_log WHERE thread_id = " + id +
           " ORDER BY event_time");
    std::vector<std::string> out;
    for (const Row& r : s.rows()) {
      const std::string arg = r[1].value_or("");
      if (arg.find(until) != std::string::npos) break;
      out.push_back(r[0].value_or("") + ":" + arg);
    }
    return out;
  }
};

TEST_F(ConnectState, DefaultSessionIsTheHandshakesAndNothingElseWasSent) {
  Connection c;
  const std::string id = value_on(c.dbc(), "SELECT CONNECTION_ID() /* state probe */");
  EXPECT_EQ(value_on(c.dbc(), "SELECT @@character_set_client"), "utf8mb4");
  EXPECT_EQ(value_on(c.dbc(), "SELECT @@character_set_connection"), "utf8mb4");
  EXPECT_EQ(value_on(c.dbc(), "SELECT @@character_set_results"), "utf8mb4");
  EXPECT_EQ(value_on(c.dbc(), "SELECT @@collation_connection"), "utf8mb4_general_ci");
  EXPECT_EQ(value_on(c.dbc(), "SELECT @@autocommit"), "1");
  EXPECT_EQ(value_on(c.dbc(), "SELECT DATABASE()"), world().server.database());
  EXPECT_EQ(value_on(c.dbc(), "SELECT @@SESSION.sql_mode = @@GLOBAL.sql_mode"), "1");
  EXPECT_EQ(value_on(c.dbc(), "SELECT @@SESSION.tx_isolation = @@GLOBAL.tx_isolation"), "1");
  EXPECT_EQ(value_on(c.dbc(), "SELECT @@SESSION.tx_read_only"), "0");
  EXPECT_EQ(value_on(c.dbc(), "SELECT @@in_transaction"), "0");
  // The handshake carried charset and database: not one statement before the test's own.
  const std::vector<std::string> sent = logged_for(id, "state probe");
  ASSERT_EQ(sent.size(), 1u) << (sent.empty() ? "" : sent.back());
  EXPECT_EQ(sent[0].rfind("Connect:", 0), 0u) << sent[0];
}

TEST_F(ConnectState, InitStatementAndCharsetAreApplied) {
  Connection c(world().dsn_connection_string + ";CHARSET=latin1;INITSTMT={SET @fab_init = 42}");
  const std::string id = value_on(c.dbc(), "SELECT CONNECTION_ID() /* init probe */");
  EXPECT_EQ(value_on(c.dbc(), "SELECT @fab_init"), "42");
  EXPECT_EQ(value_on(c.dbc(), "SELECT @@character_set_client"), "latin1");
  EXPECT_EQ(value_on(c.dbc(), "SELECT @@character_set_results"), "latin1");
  const std::vector<std::string> sent = logged_for(id, "init probe");
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1], "Query:SET @fab_init = 42");
}

TEST_F(ConnectState, AttributesSetBeforeConnectingAreApplied) {
  UnconnectedDbc u;
  ASSERT_ODBC_OK(SQLSetConnectAttr(u.dbc, SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0),
                 SQL_HANDLE_DBC, u.dbc);
  ASSERT_ODBC_OK(SQLSetConnectAttr(u.dbc, SQL_ATTR_TXN_ISOLATION,
                                   reinterpret_cast<SQLPOINTER>(SQL_TXN_READ_COMMITTED), 0),
                 SQL_HANDLE_DBC, u.dbc);
  ASSERT_ODBC_OK(SQLSetConnectAttr(u.dbc, SQL_ATTR_ACCESS_MODE, reinterpret_cast<SQLPOINTER>(SQL_MODE_READ_ONLY), 0),
                 SQL_HANDLE_DBC, u.dbc);
  const std::string cs = world().dsn_connection_string;
  ASSERT_ODBC_OK(SQLDriverConnect(u.dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr,
                                  SQL_DRIVER_NOPROMPT),
                 SQL_HANDLE_DBC, u.dbc);
  EXPECT_EQ(value_on(u.dbc, "SELECT @@autocommit"), "0");
  EXPECT_EQ(value_on(u.dbc, "SELECT @@SESSION.tx_isolation"), "READ-COMMITTED");
  EXPECT_EQ(value_on(u.dbc, "SELECT @@SESSION.tx_read_only"), "1");
  EXPECT_EQ(value_on(u.dbc, "SELECT @@character_set_client"), "utf8mb4");
}

TEST_F(ConnectState, AChangedDsnIsReadAgain) {
  // The driver keeps a DSN's section while odbc.ini is unchanged (driver/options/dsn_cache.h):
  // an entry added or removed between two connects must show in the next one. (A changed
  // value of an entry read before may not: odbcinst itself keeps the values it read.)
  world().sandbox.dsn_for(world().server, "cache_probe");
  {
    Connection c("DSN=cache_probe");
    EXPECT_EQ(value_on(c.dbc(), "SELECT @edited"), "NULL");
  }
  world().sandbox.dsn_for(world().server, "cache_probe", {{"INITSTMT", "SET @edited = 1"}});
  {
    Connection c("DSN=cache_probe");
    EXPECT_EQ(value_on(c.dbc(), "SELECT @edited"), "1");
  }
  world().sandbox.dsn_for(world().server, "cache_probe");
  Connection c("DSN=cache_probe");
  EXPECT_EQ(value_on(c.dbc(), "SELECT @edited"), "NULL");
}

TEST_F(ConnectState, AChangedSystemDsnIsReadAgain) {
  // The same for a system DSN, changed the way odbcinst -i -s -l changes one: only the system
  // odbc.ini is written (in ODBCSYSINI; odbcinst.ini beside it stays as it was). The user file
  // is pointed at an empty one so that the DSN lives in the system file alone.
  const std::string user_ini = world().sandbox.dir() + "/empty-user.ini";
  { std::ofstream(user_ini, std::ios::trunc); }
  const std::string saved = std::getenv("ODBCINI") ? std::getenv("ODBCINI") : "";
  setenv("ODBCINI", user_ini.c_str(), 1);
  world().sandbox.dsn_for(world().server, "system_probe");
  {
    Connection c("DSN=system_probe");
    EXPECT_EQ(value_on(c.dbc(), "SELECT @edited"), "NULL");
  }
  ASSERT_TRUE(SQLSetConfigMode(ODBC_SYSTEM_DSN));
  const BOOL written = SQLWritePrivateProfileString("system_probe", "INITSTMT", "SET @edited = 2", "odbc.ini");
  SQLSetConfigMode(ODBC_BOTH_DSN);
  ASSERT_TRUE(written);
  {
    Connection c("DSN=system_probe");
    EXPECT_EQ(value_on(c.dbc(), "SELECT @edited"), "2");
  }
  setenv("ODBCINI", saved.c_str(), 1);
  world().sandbox.dsn_for(world().server, "system_probe");
}

}  // namespace
}  // namespace fabodbc::itest
