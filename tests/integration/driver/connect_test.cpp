// Connecting through the driver manager: DSN and DRIVER forms, completed output string,
// SQLConnect, and the SQLSTATEs of failed connects.
#include "odbc_fixture.h"

#include <chrono>
#include <memory>

namespace fabodbc::itest {
namespace {

struct RawDbc : UnconnectedDbc {
  SQLRETURN driver_connect(const std::string& cs, std::string* out_string = nullptr) {
    SQLCHAR out[2048] = {0};
    SQLSMALLINT len = 0;
    SQLRETURN rc = SQLDriverConnect(dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, out, sizeof out, &len,
                                    SQL_DRIVER_NOPROMPT);
    if (out_string) *out_string = reinterpret_cast<char*>(out);
    return rc;
  }
};

TEST(Connect, DriverConnectReturnsTheStringAsGiven) {
  // As MySQL and MariaDB Connector/ODBC return it: the input, so its length is what the
  // application passed, and the DSN's values (its password) are not copied out.
  Connection c(world().dsn_connection_string);
  EXPECT_EQ(c.completed(), world().dsn_connection_string);
  Statement s(c);
  EXPECT_EQ(s.scalar("SELECT 40 + 2"), "42");
}

TEST(Connect, DriverConnectWithDriverKeyword) {
  Connection c(world().driver_connection_string);
  Statement s(c);
  EXPECT_EQ(s.scalar("SELECT DATABASE()"), world().server.database());
}

TEST(Connect, SqlConnectReadsTheDsn) {
  RawDbc d;
  SQLRETURN rc = SQLConnect(d.dbc, (SQLCHAR*)"fabodbc_test", SQL_NTS, nullptr, 0, nullptr, 0);
  ASSERT_ODBC_OK(rc, SQL_HANDLE_DBC, d.dbc);
  SQLCHAR name[64];
  SQLSMALLINT len = 0;
  EXPECT_ODBC_OK(SQLGetInfo(d.dbc, SQL_DATA_SOURCE_NAME, name, sizeof name, &len), SQL_HANDLE_DBC, d.dbc);
  EXPECT_STREQ(reinterpret_cast<char*>(name), "fabodbc_test");
}

TEST(Connect, SqlConnectWideForm) {
  RawDbc d;
  SQLWCHAR dsn[] = {'f', 'a', 'b', 'o', 'd', 'b', 'c', '_', 't', 'e', 's', 't', 0};
  SQLRETURN rc = SQLConnectW(d.dbc, dsn, SQL_NTS, nullptr, 0, nullptr, 0);
  EXPECT_ODBC_OK(rc, SQL_HANDLE_DBC, d.dbc);
}

TEST(Connect, WrongPasswordIs28000) {
  RawDbc d;
  // The first occurrence of a keyword wins, so the string is built without the right password.
  const test::MariaDbServer& srv = world().server;
  std::string cs = "DRIVER=fabodbc;SERVER=127.0.0.1;PORT=" + std::to_string(srv.port()) + ";UID=" + srv.user() +
                   ";PWD=not-the-password;DATABASE=" + srv.database();
  EXPECT_EQ(d.driver_connect(cs), SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, d.dbc), "28000") << all_diagnostics(SQL_HANDLE_DBC, d.dbc);
  std::string m = diag_message(SQL_HANDLE_DBC, d.dbc);
  EXPECT_NE(m.find("[fabodbc]"), std::string::npos) << m;
  EXPECT_NE(m.find("Access denied"), std::string::npos) << m;
  EXPECT_EQ(m.find("not-the-password"), std::string::npos) << m;
}

TEST(Connect, UnreachableServerIs08001) {
  RawDbc d;
  unsigned port = test::free_loopback_port();
  std::string cs = "DRIVER=fabodbc;SERVER=127.0.0.1;PORT=" + std::to_string(port) + ";UID=x;PWD=secret-x";
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(d.driver_connect(cs), SQL_ERROR);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
  EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, d.dbc), "08001");
}

TEST(Connect, UnknownKeywordIsANote) {
  RawDbc d;
  std::string cs = world().driver_connection_string + ";NO_SUCH_KEYWORD=1";
  SQLRETURN rc = d.driver_connect(cs);
  EXPECT_EQ(rc, SQL_SUCCESS_WITH_INFO) << all_diagnostics(SQL_HANDLE_DBC, d.dbc);
  EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, d.dbc), "01S00");
  EXPECT_NE(diag_message(SQL_HANDLE_DBC, d.dbc).find("NO_SUCH_KEYWORD"), std::string::npos);
}

TEST(Connect, MalformedStringIsAnError) {
  RawDbc d;
  std::string cs = world().driver_connection_string + ";INITSTMT={SELECT 1";
  EXPECT_EQ(d.driver_connect(cs), SQL_ERROR);
  std::string state = sqlstate(SQL_HANDLE_DBC, d.dbc);
  EXPECT_FALSE(state.empty());
  EXPECT_NE(state.substr(0, 2), "01");
}

TEST(Connect, InitStatementRunsAfterConnect) {
  Connection c(world().driver_connection_string + ";INITSTMT={SET @fab_init=7}");
  Statement s(c);
  EXPECT_EQ(s.scalar("SELECT @fab_init"), "7");
}

TEST(Connect, DisconnectAndConnectionDead) {
  RawDbc d;
  ASSERT_ODBC_OK(d.driver_connect(world().dsn_connection_string), SQL_HANDLE_DBC, d.dbc);
  SQLUINTEGER dead = 99;
  EXPECT_ODBC_OK(SQLGetConnectAttr(d.dbc, SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr), SQL_HANDLE_DBC, d.dbc);
  EXPECT_EQ(dead, static_cast<SQLUINTEGER>(SQL_CD_FALSE));
  EXPECT_ODBC_OK(SQLDisconnect(d.dbc), SQL_HANDLE_DBC, d.dbc);
}

TEST(Connect, SslModes) {
  Connection probe;
  Statement s(probe);
  const bool server_tls = s.scalar("SELECT @@have_ssl") == "YES";
  for (const char* mode : {"DISABLED", "PREFERRED"}) {
    Connection c(world().dsn_connection_string + ";SSLMODE=" + mode);
    Statement t(c);
    EXPECT_EQ(t.scalar("SELECT 1"), "1") << mode;
  }
  RawDbc d;
  SQLRETURN rc = d.driver_connect(world().dsn_connection_string + ";SSLMODE=REQUIRED");
  if (server_tls) {
    EXPECT_ODBC_OK(rc, SQL_HANDLE_DBC, d.dbc);
  } else {
    // REQUIRED never falls back to plain text.
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, d.dbc), "08001");
  }
}

TEST(Connect, LostServerIs08S01AndTheConnectionIsDead) {
  world();  // the sandbox registers the driver
  std::unique_ptr<test::MariaDbServer> server = test::MariaDbServer::start();
  std::string cs = "DRIVER=fabodbc;SERVER=127.0.0.1;PORT=" + std::to_string(server->port()) + ";UID=" +
                   server->user() + ";PWD=" + server->password() + ";DATABASE=" + server->database();
  Connection c(cs);
  Statement s(c);
  EXPECT_EQ(s.scalar("SELECT 1"), "1");
  SQLUINTEGER dead = 99;
  EXPECT_ODBC_OK(SQLGetConnectAttr(c.dbc(), SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr), SQL_HANDLE_DBC, c.dbc());
  EXPECT_EQ(dead, static_cast<SQLUINTEGER>(SQL_CD_FALSE));
  server->kill_hard();
  EXPECT_EQ(s.try_exec("SELECT 1"), SQL_ERROR);
  EXPECT_EQ(s.state(), "08S01") << s.diagnostics();
  EXPECT_ODBC_OK(SQLGetConnectAttr(c.dbc(), SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr), SQL_HANDLE_DBC, c.dbc());
  EXPECT_EQ(dead, static_cast<SQLUINTEGER>(SQL_CD_TRUE));
}

}  // namespace
}  // namespace fabodbc::itest
