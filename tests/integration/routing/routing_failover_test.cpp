// Failover through the driver manager on a real farm: SIGKILL a primary, the Fabric test
// server promotes a secondary (by the test, or on the driver's threat.report_failure), the
// next statements succeed on the new primary, every committed row is there, and nothing was
// written twice. Then Fabric itself goes down: connects and switches route from the cache.
// The tests of this file change the farm; they use different groups, and the Fabric-down
// test comes last (ctest runs each in its own process anyway).
#include "include/fabodbc.h"
#include "tests/integration/routing/routing_world.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace fabodbc::rtest {
namespace {

std::string p(const std::string& group, size_t member = 0) { return std::to_string(world().port(group, member)); }
// The group's primary now (the tests before may have promoted another member).
std::string primary_port(const std::string& group) {
  return std::to_string(world().farm->primary(group).server->port());
}

void insert(Odbc& c, int id) {
  ASSERT_TRUE(SQL_SUCCEEDED(c.exec("INSERT INTO fab.rows VALUES (" + std::to_string(id) + ")")))
      << id << ": " << c.state() << " " << c.message();
}

// Every id in [1, n] exactly once (no PRIMARY KEY on purpose: a replayed insert would show).
void expect_rows_1_to(Odbc& c, int n) {
  EXPECT_EQ(c.scalar("SELECT COUNT(*) FROM fab.rows"), std::to_string(n)) << c.message();
  EXPECT_EQ(c.scalar("SELECT COUNT(DISTINCT id) FROM fab.rows"), std::to_string(n));
  EXPECT_EQ(c.scalar("SELECT MIN(id) FROM fab.rows"), "1");
  EXPECT_EQ(c.scalar("SELECT MAX(id) FROM fab.rows"), std::to_string(n));
}

void create_table(Odbc& c) {
  ASSERT_TRUE(SQL_SUCCEEDED(c.exec("CREATE DATABASE IF NOT EXISTS fab"))) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.exec("CREATE TABLE fab.rows (id INT NOT NULL)"))) << c.message();
}

TEST(RoutingFailover, PrimaryKilledTransactionLostThenNewPrimaryTakesOver) {
  World& w = world();
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_GROUP=ha;FABRIC_REPORT_ERRORS=1;FABRIC_ATTEMPTS=5")))) << c.message();
  ASSERT_EQ(c.scalar("SELECT @@port"), p("ha"));
  create_table(c);
  for (int id = 1; id <= 10; ++id) insert(c, id);  // autocommit
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF)));
  for (int id = 11; id <= 15; ++id) insert(c, id);
  ASSERT_TRUE(SQL_SUCCEEDED(c.end_tran(SQL_COMMIT))) << c.message();
  for (int id = 16; id <= 18; ++id) insert(c, id);  // left open: lost with the primary
  w.farm->wait_replicated("ha");

  w.farm->primary("ha").server->kill_hard();
  w.farm->promote("ha", 1);
  w.fabric->control("promote", "{\"group\": \"ha\", \"uuid\": \"" + w.uuid("ha", 1) + "\"}");

  // The dead session is noticed before sending; the transaction is gone: 40001, no replay.
  EXPECT_EQ(c.exec("INSERT INTO fab.rows VALUES (19)"), SQL_ERROR);
  EXPECT_EQ(c.state(), "40001") << c.message();
  EXPECT_NE(c.message().find("rolled back"), std::string::npos) << c.message();
  EXPECT_EQ(c.get_text(SQL_ATTR_FABRIC_SERVER_UUID), w.uuid("ha", 1));
  ASSERT_TRUE(SQL_SUCCEEDED(c.end_tran(SQL_ROLLBACK))) << c.message();
  // The application retries its transaction: it runs on the new primary.
  for (int id = 16; id <= 19; ++id) insert(c, id);
  ASSERT_TRUE(SQL_SUCCEEDED(c.end_tran(SQL_COMMIT))) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_ON)));
  for (int id = 20; id <= 25; ++id) insert(c, id);
  EXPECT_EQ(c.scalar("SELECT @@port"), p("ha", 1));
  expect_rows_1_to(c, 25);

  // A connection idle in autocommit mode across a failover reconnects transparently.
  Odbc idle;
  ASSERT_TRUE(SQL_SUCCEEDED(idle.connect(dsn("FABRIC_GROUP=ha")))) << idle.message();
  ASSERT_EQ(idle.scalar("SELECT @@port"), p("ha", 1));
  w.farm->wait_replicated("ha");
  w.farm->group("ha").members[1].server->kill_hard();
  w.farm->promote("ha", 2);
  w.fabric->control("promote", "{\"group\": \"ha\", \"uuid\": \"" + w.uuid("ha", 2) + "\"}");
  insert(idle, 26);  // found dead before sending: re-resolved and run once on the new primary
  EXPECT_EQ(idle.scalar("SELECT @@port"), p("ha", 2));
  expect_rows_1_to(idle, 26);
}

TEST(RoutingFailover, LostAfterSendingIsReportedAndNeverReplayed) {
  World& w = world();
  Odbc c;
  // shard2 has one secondary: the test server's promotion on report is unambiguous.
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_GROUP=shard2;FABRIC_REPORT_ERRORS=1;FABRIC_ATTEMPTS=5"))))
      << c.message();
  create_table(c);
  for (int id = 1; id <= 5; ++id) insert(c, id);
  w.farm->wait_replicated("shard2");
  w.fabric->control("clear_calls");

  std::thread killer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    w.farm->primary("shard2").server->kill_hard();
  });
  // Running when the server dies: it may have run, so the driver must not re-execute it.
  const SQLRETURN rc = c.exec("INSERT INTO fab.rows SELECT 6 FROM (SELECT SLEEP(5)) AS s");
  killer.join();
  EXPECT_EQ(rc, SQL_ERROR);
  EXPECT_EQ(c.state(), "08S01") << c.message();
  EXPECT_NE(c.message().find("not re-executed"), std::string::npos) << c.message();
  // FABRIC_REPORT_ERRORS=1: the driver reported the server, and the test server promoted
  // shard2's secondary. The MySQL side of the promotion is the test's job.
  EXPECT_NE(w.fabric->control("calls").find("threat.report_failure"), std::string::npos);
  w.farm->promote("shard2", 1);

  insert(c, 7);
  EXPECT_EQ(c.scalar("SELECT @@port"), p("shard2", 1));
  EXPECT_EQ(c.scalar("SELECT COUNT(*) FROM fab.rows WHERE id = 6"), "0") << "the lost statement was replayed";
  EXPECT_EQ(c.scalar("SELECT COUNT(*) FROM fab.rows"), "6");
  EXPECT_EQ(c.scalar("SELECT COUNT(DISTINCT id) FROM fab.rows"), "6");
}

TEST(RoutingFailover, WithoutReportErrorsNothingIsReported) {
  World& w = world();
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_GROUP=shard1;FABRIC_ATTEMPTS=5")))) << c.message();
  create_table(c);
  insert(c, 1);
  w.farm->wait_replicated("shard1");
  w.fabric->control("clear_calls");
  std::thread killer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    w.farm->primary("shard1").server->kill_hard();
  });
  const SQLRETURN rc = c.exec("SELECT SLEEP(5)");
  killer.join();
  EXPECT_EQ(rc, SQL_ERROR);
  EXPECT_EQ(c.state(), "08S01") << c.message();
  EXPECT_EQ(w.fabric->control("calls").find("threat.report_failure"), std::string::npos);
  w.farm->promote("shard1", 1);
  w.fabric->control("promote", "{\"group\": \"shard1\", \"uuid\": \"" + w.uuid("shard1", 1) + "\"}");
  insert(c, 2);
  EXPECT_EQ(c.scalar("SELECT @@port"), p("shard1", 1));
  EXPECT_EQ(w.fabric->control("calls").find("threat.report_failure"), std::string::npos);
  expect_rows_1_to(c, 2);
}

TEST(RoutingFailover, DemotedPrimaryRefusingWritesGives40001AndMoves) {
  World& w = world();
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_GROUP=global")))) << c.message();
  create_table(c);
  insert(c, 1);
  w.farm->wait_replicated("global");
  // Fabric and MySQL switch roles while the connection stays on the old primary.
  w.farm->promote("global", 1);
  w.fabric->control("promote", "{\"group\": \"global\", \"uuid\": \"" + w.uuid("global", 1) + "\"}");
  EXPECT_EQ(c.exec("INSERT INTO fab.rows VALUES (2)"), SQL_ERROR);
  EXPECT_EQ(c.state(), "40001") << c.message();
  insert(c, 2);  // the retry lands on the new primary
  EXPECT_EQ(c.scalar("SELECT @@port"), p("global", 1));
  expect_rows_1_to(c, 2);
}

// Indexes of the group's current primary and of another running member.
std::pair<size_t, size_t> primary_and_spare(const std::string& group) {
  auto& members = world().farm->group(group).members;
  size_t primary = members.size(), spare = members.size();
  for (size_t i = 0; i < members.size(); ++i) {
    if (members[i].primary) primary = i;
    else if (members[i].server->running() && spare == members.size()) spare = i;
  }
  return {primary, spare};
}

TEST(RoutingFailover, CommitAfterTheServerDiedFailsRollbackSucceeds) {
  World& w = world();
  for (SQLSMALLINT completion : {SQL_COMMIT, SQL_ROLLBACK}) {
    auto [primary, spare] = primary_and_spare("global");
    ASSERT_LT(spare, w.farm->group("global").members.size()) << "no member left to promote";
    Odbc c;
    ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_GROUP=global;FABRIC_ATTEMPTS=5")))) << c.message();
    ASSERT_TRUE(SQL_SUCCEEDED(c.exec("CREATE DATABASE IF NOT EXISTS fab"))) << c.message();
    ASSERT_TRUE(SQL_SUCCEEDED(c.exec("CREATE TABLE IF NOT EXISTS fab.endtran (id INT)"))) << c.message();
    w.farm->wait_replicated("global");
    ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF)));
    ASSERT_TRUE(SQL_SUCCEEDED(c.exec("INSERT INTO fab.endtran VALUES (1)"))) << c.message();
    w.farm->group("global").members[primary].server->kill_hard();
    w.farm->promote("global", spare);
    w.fabric->control("promote", "{\"group\": \"global\", \"uuid\": \"" + w.uuid("global", spare) + "\"}");
    if (completion == SQL_COMMIT) {
      EXPECT_EQ(c.end_tran(SQL_COMMIT), SQL_ERROR) << "a commit of a lost transaction must not succeed";
      EXPECT_EQ(c.state(), "40001") << c.message();
    } else {
      EXPECT_TRUE(SQL_SUCCEEDED(c.end_tran(SQL_ROLLBACK))) << c.state() << " " << c.message();
    }
    EXPECT_EQ(c.scalar("SELECT @@port"), p("global", spare));
    EXPECT_EQ(c.scalar("SELECT COUNT(*) FROM fab.endtran"), "0") << c.message();
    ASSERT_TRUE(SQL_SUCCEEDED(c.end_tran(SQL_ROLLBACK)));
    // Bring the killed member back as a secondary for the next round.
    w.farm->group("global").members[primary].server->restart();
    w.farm->promote("global", spare);
    w.fabric->control("set_status", "{\"uuid\": \"" + w.uuid("global", primary) + "\", \"status\": \"SECONDARY\", \"mode\": \"READ_ONLY\"}");
  }
}

TEST(RoutingFailover, FabricDownConnectsAndSwitchesFromTheCache) {
  World& w = world();
  {
    Odbc warm;  // loads the topology into the process-wide cache
    ASSERT_TRUE(SQL_SUCCEEDED(warm.connect(dsn("FABRIC_TABLES=db.orders;FABRIC_KEY=5")))) << warm.message();
    ASSERT_TRUE(SQL_SUCCEEDED(warm.set_text(SQL_ATTR_FABRIC_KEY, "10005")));
    ASSERT_EQ(warm.scalar("SELECT @@port"), primary_port("shard2"));
  }
  w.fabric->stop();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // past the 1 s TTL: the cache is stale
  Odbc c;
  EXPECT_EQ(c.connect(dsn("FABRIC_TABLES=db.orders;FABRIC_KEY=5;FABRIC_ATTEMPTS=1")), SQL_SUCCESS_WITH_INFO)
      << c.state() << " " << c.message();
  // The application is told that the route came from the cache.
  EXPECT_EQ(c.state(), "01000");
  EXPECT_NE(c.message().find("cached topology"), std::string::npos) << c.message();
  EXPECT_EQ(c.scalar("SELECT @@port"), primary_port("shard1"));
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_KEY, "10005")));
  EXPECT_EQ(c.scalar("SELECT @@port"), primary_port("shard2"));
  Odbc g;
  ASSERT_TRUE(SQL_SUCCEEDED(g.connect(dsn("FABRIC_GROUP=shard1;FABRIC_ATTEMPTS=1")))) << g.message();
  EXPECT_EQ(g.scalar("SELECT @@port"), primary_port("shard1"));

  // A Fabric this process never reached: no cache, a clear 08001 naming its address.
  const unsigned dead = test::free_loopback_port();
  Odbc none;
  EXPECT_EQ(none.connect("DRIVER={fabodbc};FABRIC_HOST=127.0.0.1;FABRIC_PORT=" + std::to_string(dead) +
                         ";FABRIC_GROUP=ha;FABRIC_ATTEMPTS=2;FABRIC_ATTEMPT_DELAY=0.1;UID=" +
                         test::MariaDbFarm::app_user() + ";PWD=" + test::MariaDbFarm::app_password()),
            SQL_ERROR);
  EXPECT_EQ(none.state(), "08001");
  EXPECT_NE(none.message().find("127.0.0.1:" + std::to_string(dead)), std::string::npos) << none.message();
}

}  // namespace
}  // namespace fabodbc::rtest
