// Runtime route changes with SQLSetConnectAttr: shard key switches, group/tables rules,
// refusal inside a transaction (25000), state re-applied on the new server, and the idle
// session pool (switching back reuses the session: same CONNECTION_ID()).
#include "include/fabodbc.h"
#include "tests/integration/routing/routing_world.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace fabodbc::rtest {
namespace {

std::string p(const std::string& group, size_t member = 0) { return std::to_string(world().port(group, member)); }

TEST(RoutingSwitch, KeySwitchMovesBetweenShardsAndBackWithoutReconnect) {
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_TABLES=db.orders;FABRIC_KEY=5")))) << c.message();
  EXPECT_EQ(c.scalar("SELECT @@port"), p("shard1"));
  const std::string id1 = c.scalar("SELECT CONNECTION_ID()");
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_KEY, "10005"))) << c.message();
  EXPECT_EQ(c.scalar("SELECT @@port"), p("shard2"));
  EXPECT_EQ(c.get_text(SQL_ATTR_FABRIC_SERVER_UUID), world().uuid("shard2", 0));
  const std::string id2 = c.scalar("SELECT CONNECTION_ID()");
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_KEY, "7"))) << c.message();
  EXPECT_EQ(c.scalar("SELECT @@port"), p("shard1"));
  EXPECT_EQ(c.scalar("SELECT CONNECTION_ID()"), id1) << "the shard1 session should come from the idle pool";
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_KEY, "20000")));
  EXPECT_EQ(c.scalar("SELECT CONNECTION_ID()"), id2);
}

TEST(RoutingSwitch, SwitchInsideATransactionIsRefused) {
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_TABLES=db.orders;FABRIC_KEY=5")))) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF)));
  ASSERT_TRUE(SQL_SUCCEEDED(c.exec("CREATE DATABASE IF NOT EXISTS fab")));
  ASSERT_TRUE(SQL_SUCCEEDED(c.exec("CREATE TABLE IF NOT EXISTS fab.tx (id INT)")));
  ASSERT_TRUE(SQL_SUCCEEDED(c.exec("INSERT INTO fab.tx VALUES (1)"))) << c.message();
  EXPECT_EQ(c.set_text(SQL_ATTR_FABRIC_KEY, "10005"), SQL_ERROR);
  EXPECT_EQ(c.state(), "25000");
  EXPECT_EQ(c.set_number(SQL_ATTR_FABRIC_MODE, SQL_FABRIC_MODE_READ_ONLY), SQL_ERROR);
  EXPECT_EQ(c.state(), "25000");
  EXPECT_EQ(c.set_number(SQL_ATTR_ACCESS_MODE, SQL_MODE_READ_ONLY), SQL_ERROR);
  EXPECT_EQ(c.state(), "25000");
  // Nothing switched: same server, same key, the transaction still open.
  EXPECT_EQ(c.get_text(SQL_ATTR_FABRIC_KEY), "5");
  EXPECT_EQ(c.scalar("SELECT @@port"), p("shard1"));
  EXPECT_EQ(c.scalar("SELECT COUNT(*) FROM fab.tx"), "1");
  ASSERT_TRUE(SQL_SUCCEEDED(c.end_tran(SQL_ROLLBACK)));
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_KEY, "10005"))) << c.message();
  EXPECT_EQ(c.scalar("SELECT @@port"), p("shard2"));
}

TEST(RoutingSwitch, StateIsReappliedOnTheNewServer) {
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_TABLES=db.orders;FABRIC_KEY=5;INITSTMT=SET @init=42;CHARSET=latin1"))))
      << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.exec("CREATE DATABASE IF NOT EXISTS fabstate"))) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_CURRENT_CATALOG, "fabstate"))) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF)));
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_TXN_ISOLATION, SQL_TXN_READ_COMMITTED)));
  // shard2 needs the database too (created directly: the test prepares the server).
  world().farm->primary("shard2").server->admin_query("CREATE DATABASE IF NOT EXISTS fabstate");
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_KEY, "10005"))) << c.message();
  EXPECT_EQ(c.scalar("SELECT @@port"), p("shard2"));
  EXPECT_EQ(c.scalar("SELECT DATABASE()"), "fabstate");
  EXPECT_EQ(c.scalar("SELECT @@autocommit"), "0");
  EXPECT_EQ(c.scalar("SELECT @@tx_isolation"), "READ-COMMITTED");
  EXPECT_EQ(c.scalar("SELECT @init"), "42");
  EXPECT_EQ(c.scalar("SELECT @@character_set_client"), "latin1");
  ASSERT_TRUE(SQL_SUCCEEDED(c.end_tran(SQL_COMMIT)));
  // Changed on shard2, then back to the pooled shard1 session: the differences follow.
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_ON)));
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_TXN_ISOLATION, SQL_TXN_SERIALIZABLE)));
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_KEY, "6")));
  EXPECT_EQ(c.scalar("SELECT @@port"), p("shard1"));
  EXPECT_EQ(c.scalar("SELECT @@autocommit"), "1");
  EXPECT_EQ(c.scalar("SELECT @@tx_isolation"), "SERIALIZABLE");
  EXPECT_EQ(c.scalar("SELECT DATABASE()"), "fabstate");
}

TEST(RoutingSwitch, GroupAndTablesExcludeEachOther) {
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_TABLES=db.orders;FABRIC_KEY=5")))) << c.message();
  EXPECT_EQ(c.set_text(SQL_ATTR_FABRIC_GROUP, "ha"), SQL_ERROR);
  EXPECT_EQ(c.state(), "HY024");
  EXPECT_EQ(c.set_text(SQL_ATTR_FABRIC_TABLES, "orders"), SQL_ERROR);
  EXPECT_EQ(c.state(), "HY024");
  EXPECT_EQ(c.set_number(SQL_ATTR_FABRIC_SCOPE, 7), SQL_ERROR);
  EXPECT_EQ(c.state(), "HY024");
  EXPECT_EQ(c.set_number(SQL_ATTR_FABRIC_MODE, 2), SQL_ERROR);
  EXPECT_EQ(c.state(), "HY024");
  EXPECT_EQ(c.set_text(SQL_ATTR_FABRIC_SERVER_UUID, "x"), SQL_ERROR);
  EXPECT_EQ(c.state(), "HY092");
  EXPECT_EQ(c.scalar("SELECT @@port"), p("shard1"));
  // Clearing the tables allows a group.
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_TABLES, ""))) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_GROUP, "ha"))) << c.message();
  EXPECT_EQ(c.scalar("SELECT @@port"), p("ha"));
}

TEST(RoutingSwitch, ScopeModeAndAccessMode) {
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_TABLES=db.orders;FABRIC_KEY=5")))) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_FABRIC_SCOPE, SQL_FABRIC_SCOPE_GLOBAL)));
  EXPECT_EQ(c.scalar("SELECT @@port"), p("global"));
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_FABRIC_MODE, SQL_FABRIC_MODE_READ_ONLY)));
  EXPECT_EQ(c.scalar("SELECT @@port"), p("global", 1));
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_ACCESS_MODE, SQL_MODE_READ_WRITE)));
  EXPECT_EQ(c.scalar("SELECT @@port"), p("global"));
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_FABRIC_SCOPE, SQL_FABRIC_SCOPE_LOCAL)));
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_TABLES, ""))) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_GROUP, "ha"))) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_ACCESS_MODE, SQL_MODE_READ_ONLY)));
  const std::string port = c.scalar("SELECT @@port");
  EXPECT_TRUE(port == p("ha", 1) || port == p("ha", 2)) << port;
  // A write on a secondary is the application's own error, not a failover.
  EXPECT_EQ(c.exec("CREATE DATABASE fab_never"), SQL_ERROR);
  EXPECT_EQ(c.state(), "HY000") << c.message();
}

TEST(RoutingSwitch, IncompleteRouteFailsTheNextStatementNotTheSet) {
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_TABLES=db.orders;FABRIC_KEY=5")))) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_KEY, ""))) << c.message();
  EXPECT_EQ(c.exec("SELECT 1"), SQL_ERROR);
  EXPECT_EQ(c.state(), "HY000");
  EXPECT_NE(c.message().find("shard key"), std::string::npos) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_KEY, "abc")));
  EXPECT_EQ(c.exec("SELECT 1"), SQL_ERROR);
  EXPECT_EQ(c.state(), "HY000");
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_KEY, "10001")));
  EXPECT_EQ(c.scalar("SELECT @@port"), p("shard2"));
}

TEST(RoutingSwitch, ResetCacheRereadsTheTopology) {
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_GROUP=shard1")))) << c.message();
  world().fabric->control("clear_calls");
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_FABRIC_RESET_CACHE, 1))) << c.message();
  EXPECT_EQ(c.scalar("SELECT @@port"), p("shard1"));
  EXPECT_NE(world().fabric->control("calls").find("dump.servers"), std::string::npos);
}

}  // namespace
}  // namespace fabodbc::rtest

namespace fabodbc::rtest {
namespace {

// pyodbc's readonly=True sets SQL_ATTR_ACCESS_MODE after connecting: the next statement reads
// from a secondary. Debian's python3-pyodbc belongs to /usr/bin/python3 (a pyenv shim may hide
// it behind "python3").
TEST(RoutingPyodbc, ReadonlyTrueLandsOnASecondary) {
  if (access("/usr/bin/python3", X_OK) != 0 ||
      std::system("/usr/bin/python3 -c 'import pyodbc' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "/usr/bin/python3 with pyodbc is not installed";
  }
  const std::string cmd = std::string("/usr/bin/python3 ") + FABODBC_ROUTING_TEST_DIR + "/pyodbc_readonly.py '" +
                          dsn("FABRIC_GROUP=ha") + "' " + std::to_string(world().farm->primary("ha").server->port()) +
                          " " + std::to_string(world().port("ha", 1)) + "," + std::to_string(world().port("ha", 2)) +
                          " 2>&1";
  FILE* out = popen(cmd.c_str(), "r");
  ASSERT_NE(out, nullptr);
  std::string text;
  char buf[512];
  while (fgets(buf, sizeof buf, out)) text += buf;
  const int status = pclose(out);
  EXPECT_EQ(status, 0) << text;
  EXPECT_NE(text.find("OK"), std::string::npos) << text;
}

}  // namespace
}  // namespace fabodbc::rtest

namespace fabodbc::rtest {
namespace {

// A statement prepared before a route change runs on the new server (prepared again there),
// not on the session it was prepared on.
TEST(RoutingSwitch, PreparedStatementFollowsTheRoute) {
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_TABLES=db.orders;FABRIC_KEY=5")))) << c.message();
  SQLHSTMT st = SQL_NULL_HSTMT;
  ASSERT_TRUE(SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, c.dbc(), &st)));
  ASSERT_TRUE(SQL_SUCCEEDED(SQLPrepare(st, (SQLCHAR*)"SELECT @@port", SQL_NTS)));
  auto run = [&] {
    std::string out;
    if (SQL_SUCCEEDED(SQLExecute(st)) && SQL_SUCCEEDED(SQLFetch(st))) {
      char buf[32] = {0};
      SQLLEN ind = 0;
      if (SQL_SUCCEEDED(SQLGetData(st, 1, SQL_C_CHAR, buf, sizeof buf, &ind))) out = buf;
    }
    SQLCloseCursor(st);
    return out;
  };
  EXPECT_EQ(run(), p("shard1"));
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_KEY, "10005")));
  EXPECT_EQ(run(), p("shard2"));
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_KEY, "5")));
  EXPECT_EQ(run(), p("shard1"));
  SQLFreeHandle(SQL_HANDLE_STMT, st);
}

}  // namespace
}  // namespace fabodbc::rtest

namespace fabodbc::rtest {
namespace {

TEST(RoutingSwitch, WideAttributeFormsSwitchAndRead) {
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_TABLES=db.words;FABRIC_KEY=apple")))) << c.message();
  EXPECT_EQ(c.scalar("SELECT @@port"), p("shard1"));
  SQLWCHAR key[] = {'z', 'e', 'b', 'r', 'a', 0};
  ASSERT_TRUE(SQL_SUCCEEDED(SQLSetConnectAttrW(c.dbc(), SQL_ATTR_FABRIC_KEY, key, SQL_NTS)));
  EXPECT_EQ(c.scalar("SELECT @@port"), p("shard2"));
  SQLWCHAR out[64] = {0};
  SQLINTEGER len = 0;
  ASSERT_TRUE(SQL_SUCCEEDED(SQLGetConnectAttrW(c.dbc(), SQL_ATTR_FABRIC_KEY, out, sizeof out, &len)));
  std::string narrow;
  for (size_t i = 0; out[i]; ++i) narrow += static_cast<char>(out[i]);
  EXPECT_EQ(narrow, "zebra");
  ASSERT_TRUE(SQL_SUCCEEDED(SQLGetConnectAttrW(c.dbc(), SQL_ATTR_FABRIC_SERVER_UUID, out, sizeof out, &len)));
  narrow.clear();
  for (size_t i = 0; out[i]; ++i) narrow += static_cast<char>(out[i]);
  EXPECT_EQ(narrow, world().uuid("shard2", 0));
  SQLUINTEGER mode = 0;
  ASSERT_TRUE(SQL_SUCCEEDED(SQLGetConnectAttr(c.dbc(), SQL_ATTR_FABRIC_MODE, &mode, 0, nullptr)));
  EXPECT_EQ(mode, static_cast<SQLUINTEGER>(SQL_FABRIC_MODE_READ_WRITE));
  SQLUINTEGER scope = 9;
  ASSERT_TRUE(SQL_SUCCEEDED(SQLGetConnectAttr(c.dbc(), SQL_ATTR_FABRIC_SCOPE, &scope, 0, nullptr)));
  EXPECT_EQ(scope, static_cast<SQLUINTEGER>(SQL_FABRIC_SCOPE_LOCAL));
}

}  // namespace
}  // namespace fabodbc::rtest

namespace fabodbc::rtest {
namespace {

// Polls `sql` until it answers `want` (bounded: a hang guard, not a timing assertion).
bool eventually(Odbc& c, const std::string& sql, const std::string& want) {
  for (int i = 0; i < 100; ++i) {
    if (c.scalar(sql) == want) return true;
    usleep(100 * 1000);
  }
  return false;
}

void promote_everywhere(const std::string& group, size_t member) {
  world().farm->promote(group, member);
  world().fabric->control("promote",
                          "{\"group\": \"" + group + "\", \"uuid\": \"" + world().uuid(group, member) + "\"}");
}

// A planned switchover (Fabric promotes another server, the old primary stays up): after the
// Fabric TTL the connection follows it at the next statement outside a transaction, never
// inside one.
TEST(RoutingSwitch, PlannedSwitchoverIsFollowedAfterTheTtlOutsideTransactions) {
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_GROUP=shard1")))) << c.message();
  ASSERT_EQ(c.scalar("SELECT @@port"), p("shard1", 0));
  promote_everywhere("shard1", 1);
  EXPECT_TRUE(eventually(c, "SELECT @@port", p("shard1", 1))) << "never followed the new primary";
  EXPECT_EQ(c.get_text(SQL_ATTR_FABRIC_SERVER_UUID), world().uuid("shard1", 1));

  ASSERT_TRUE(SQL_SUCCEEDED(c.exec("CREATE DATABASE IF NOT EXISTS fab"))) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.exec("CREATE TABLE IF NOT EXISTS fab.planned (id INT) ENGINE=InnoDB"))) << c.message();
  world().farm->wait_replicated("shard1");
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF)));
  // A transaction is open once the server says so: here, after reading an InnoDB table.
  ASSERT_EQ(c.scalar("SELECT COUNT(*) FROM fab.planned"), "0") << c.message();
  ASSERT_EQ(c.scalar("SELECT @@port"), p("shard1", 1));
  promote_everywhere("shard1", 0);
  // Inside the transaction the connection stays where it is, however long it lasts.
  for (int i = 0; i < 15; ++i) {
    ASSERT_EQ(c.scalar("SELECT @@port"), p("shard1", 1)) << "switched inside a transaction";
    usleep(100 * 1000);
  }
  ASSERT_TRUE(SQL_SUCCEEDED(c.end_tran(SQL_COMMIT)));
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_ON)));
  EXPECT_TRUE(eventually(c, "SELECT @@port", p("shard1", 0))) << "never followed the primary back";
}

}  // namespace
}  // namespace fabodbc::rtest

namespace fabodbc::rtest {
namespace {

// Manual-commit mode, a transaction opened by reads only (the client's status flag may not
// know yet): the route change is still refused.
TEST(RoutingSwitch, ReadOnlyTransactionAlsoRefusesASwitch) {
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_TABLES=db.orders;FABRIC_KEY=5")))) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.exec("CREATE DATABASE IF NOT EXISTS fab")));
  ASSERT_TRUE(SQL_SUCCEEDED(c.exec("CREATE TABLE IF NOT EXISTS fab.reads (id INT) ENGINE=InnoDB")));
  ASSERT_TRUE(SQL_SUCCEEDED(c.exec("INSERT INTO fab.reads VALUES (1), (2), (3)")));
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF)));
  EXPECT_EQ(c.scalar("SELECT id FROM fab.reads ORDER BY id"), "1");  // cursor closed after one row
  EXPECT_EQ(c.set_text(SQL_ATTR_FABRIC_KEY, "10005"), SQL_ERROR);
  EXPECT_EQ(c.state(), "25000");
  EXPECT_EQ(c.scalar("SELECT @@port"), p("shard1"));
  ASSERT_TRUE(SQL_SUCCEEDED(c.end_tran(SQL_COMMIT)));
  // Nothing open after the commit (a statement without tables opens nothing either).
  EXPECT_EQ(c.scalar("SELECT @@port"), p("shard1"));
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_KEY, "10005"))) << c.message();
  EXPECT_EQ(c.scalar("SELECT @@port"), p("shard2"));
}

}  // namespace
}  // namespace fabodbc::rtest
