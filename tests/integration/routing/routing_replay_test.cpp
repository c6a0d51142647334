// Transaction replay on failover (FABRIC_REPLAY=1) on the replication farm: a transaction
// interrupted by a primary SIGKILL before its COMMIT carries on on the promoted primary as if
// nothing happened (every row exactly once), whether the loss is found before a statement is
// sent or comes back from a statement in flight; a replayed SELECT that returns other rows, a
// transaction past the bound, and a COMMIT in flight keep today's answers (40001, 40001, 08S01).
// Each test kills the primary of its own group once (ctest runs each test in its own process
// and farm).
#include "include/fabodbc.h"
#include "tests/integration/routing/routing_world.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

namespace fabodbc::rtest {
namespace {

std::string p(const std::string& group, size_t member = 0) { return std::to_string(world().port(group, member)); }

// The table, with two rows, replicated to the group's secondary before the test begins.
void prepare(const std::string& group) {
  Odbc admin;
  ASSERT_TRUE(SQL_SUCCEEDED(admin.connect(dsn("FABRIC_GROUP=" + group)))) << admin.message();
  ASSERT_TRUE(SQL_SUCCEEDED(admin.exec("CREATE DATABASE IF NOT EXISTS fab"))) << admin.message();
  ASSERT_TRUE(SQL_SUCCEEDED(admin.exec("CREATE TABLE fab.t (id INT PRIMARY KEY, v INT) ENGINE=InnoDB"))) << admin.message();
  ASSERT_TRUE(SQL_SUCCEEDED(admin.exec("CREATE TABLE fab.log (id INT NOT NULL) ENGINE=InnoDB"))) << admin.message();
  ASSERT_TRUE(SQL_SUCCEEDED(admin.exec("INSERT INTO fab.t VALUES (1, 10), (2, 20)"))) << admin.message();
  world().farm->wait_replicated(group);
}

// Kills the group's primary and promotes its secondary, in MySQL and in Fabric.
void fail_over(const std::string& group) {
  World& w = world();
  w.farm->primary(group).server->kill_hard();
  w.farm->promote(group, 1);
  w.fabric->control("promote", "{\"group\": \"" + group + "\", \"uuid\": \"" + w.uuid(group, 1) + "\"}");
}

void expect_ok(Odbc& c, const std::string& sql) { EXPECT_TRUE(SQL_SUCCEEDED(c.exec(sql))) << sql << ": " << c.state() << " " << c.message(); }

std::string replay_dsn(const std::string& group, const std::string& extra = "") {
  return dsn("FABRIC_GROUP=" + group + ";FABRIC_REPLAY=1;FABRIC_ATTEMPTS=10;FABRIC_ATTEMPT_DELAY=0.2" + extra);
}

TEST(RoutingReplay, LossFoundBeforeSendingIsReplayedAndTheTransactionCarriesOn) {
  prepare("shard1");
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(replay_dsn("shard1")))) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF)));
  expect_ok(c, "INSERT INTO fab.log VALUES (1)");
  expect_ok(c, "UPDATE fab.t SET v = v + 1 WHERE id = 1");
  EXPECT_EQ(c.scalar("SELECT v FROM fab.t WHERE id = 1"), "11");  // a read the replay must match
  expect_ok(c, "INSERT INTO fab.log VALUES (2)");
  fail_over("shard1");
  // The next statement finds the session dead: the four statements run again on the new
  // primary, their answers compare equal, and this one runs, once. No error.
  expect_ok(c, "INSERT INTO fab.log VALUES (3)");
  EXPECT_EQ(c.scalar("SELECT @@port"), p("shard1", 1));
  ASSERT_TRUE(SQL_SUCCEEDED(c.end_tran(SQL_COMMIT))) << c.message();
  EXPECT_EQ(c.scalar("SELECT GROUP_CONCAT(id ORDER BY id) FROM fab.log"), "1,2,3");
  EXPECT_EQ(c.scalar("SELECT v FROM fab.t WHERE id = 1"), "11") << "the update ran exactly once";
}

TEST(RoutingReplay, StatementInFlightWhenThePrimaryDiesRunsAgainAfterTheReplay) {
  prepare("shard2");
  World& w = world();
  // A second session holds the row lock, so the UPDATE below is in flight when the kill comes.
  Odbc blocker;
  ASSERT_TRUE(SQL_SUCCEEDED(blocker.connect(dsn("FABRIC_GROUP=shard2")))) << blocker.message();
  ASSERT_TRUE(SQL_SUCCEEDED(blocker.set_number(SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF)));
  expect_ok(blocker, "SELECT v FROM fab.t WHERE id = 2 FOR UPDATE");
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(replay_dsn("shard2")))) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF)));
  expect_ok(c, "INSERT INTO fab.log VALUES (1)");
  auto update = std::async(std::launch::async, [&] { return c.exec("UPDATE fab.t SET v = v + 1 WHERE id = 2"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the UPDATE waits for the lock
  fail_over("shard2");
  const SQLRETURN rc = update.get();
  EXPECT_TRUE(SQL_SUCCEEDED(rc)) << "the lost UPDATE ran again after the replay: " << c.state() << " " << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.end_tran(SQL_COMMIT))) << c.message();
  EXPECT_EQ(c.scalar("SELECT @@port"), std::to_string(w.port("shard2", 1)));
  EXPECT_EQ(c.scalar("SELECT GROUP_CONCAT(id) FROM fab.log"), "1");
  EXPECT_EQ(c.scalar("SELECT v FROM fab.t WHERE id = 2"), "21");
}

TEST(RoutingReplay, AReplayedSelectThatDiffersGives40001AndNothingIsCommitted) {
  prepare("global");
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(replay_dsn("global")))) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF)));
  EXPECT_EQ(c.scalar("SELECT v FROM fab.t WHERE id = 1"), "10");
  expect_ok(c, "INSERT INTO fab.log VALUES (1)");
  // Another connection changes the row the transaction read, and it reaches the secondary.
  Odbc other;
  ASSERT_TRUE(SQL_SUCCEEDED(other.connect(dsn("FABRIC_GROUP=global")))) << other.message();
  expect_ok(other, "UPDATE fab.t SET v = 99 WHERE id = 1");
  world().farm->wait_replicated("global");
  fail_over("global");
  EXPECT_EQ(c.exec("INSERT INTO fab.log VALUES (2)"), SQL_ERROR);
  EXPECT_EQ(c.state(), "40001") << c.message();
  EXPECT_NE(c.message().find("differs"), std::string::npos) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.end_tran(SQL_ROLLBACK)));
  EXPECT_EQ(c.scalar("SELECT COUNT(*) FROM fab.log"), "0") << "nothing of the transaction was committed";
}

TEST(RoutingReplay, PastTheBoundTheTransactionIsNotReplayed) {
  prepare("shard1");
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(replay_dsn("shard1", ";FABRIC_REPLAY_MAX_STATEMENTS=2")))) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF)));
  for (int id = 1; id <= 3; ++id) expect_ok(c, "INSERT INTO fab.log VALUES (" + std::to_string(id) + ")");
  fail_over("shard1");
  EXPECT_EQ(c.exec("INSERT INTO fab.log VALUES (4)"), SQL_ERROR);
  EXPECT_EQ(c.state(), "40001") << c.message();
  EXPECT_NE(c.message().find("FABRIC_REPLAY_MAX_STATEMENTS"), std::string::npos) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.end_tran(SQL_ROLLBACK)));
  EXPECT_EQ(c.scalar("SELECT COUNT(*) FROM fab.log"), "0");
}

TEST(RoutingReplay, ACommitInFlightStaysAmbiguous) {
  prepare("shard2");
  World& w = world();
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(replay_dsn("shard2")))) << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF)));
  expect_ok(c, "INSERT INTO fab.log VALUES (1)");
  // A global read lock, held by a session of its own, makes the COMMIT wait on the server: it is
  // in flight when the kill comes.
  Odbc locker;
  ASSERT_TRUE(SQL_SUCCEEDED(locker.connect("DRIVER={fabodbc};SERVER=127.0.0.1;PORT=" +
                                           std::to_string(w.farm->primary("shard2").server->port()) + ";UID=" +
                                           test::MariaDbServer::user() + ";PWD=" + test::MariaDbServer::password())))
      << locker.message();
  expect_ok(locker, "FLUSH TABLES WITH READ LOCK");
  auto commit = std::async(std::launch::async, [&] { return c.end_tran(SQL_COMMIT); });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  fail_over("shard2");
  EXPECT_EQ(commit.get(), SQL_ERROR);
  EXPECT_EQ(c.state(), "08S01") << "a COMMIT that may have reached the server is never replayed: " << c.message();
  Odbc check;
  ASSERT_TRUE(SQL_SUCCEEDED(check.connect(dsn("FABRIC_GROUP=shard2")))) << check.message();
  EXPECT_EQ(check.scalar("SELECT COUNT(*) <= 1 FROM fab.log"), "1") << "the row is there at most once";
}

TEST(RoutingReplay, AReadOnlyTransactionMovesToAnotherSecondary) {
  prepare("ha");
  World& w = world();
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(replay_dsn("ha", ";FABRIC_MODE=READ_ONLY")))) << c.message();
  expect_ok(c, "START TRANSACTION READ ONLY");
  EXPECT_EQ(c.scalar("SELECT SUM(v) FROM fab.t"), "30");
  // (Not SELECT @@port: inside the transaction it would differ on the next server, and the
  // replay would rightly refuse.)
  const std::string address = c.get_text(SQL_ATTR_FABRIC_SERVER_ADDRESS);
  const std::string first = address.substr(address.find(':') + 1);
  ASSERT_NE(first, p("ha")) << "on a secondary";
  w.farm->member_by_port(static_cast<unsigned>(std::stoi(first))).server->kill_hard();
  // The transaction's reads run again on the other secondary and compare equal.
  EXPECT_EQ(c.scalar("SELECT SUM(v) FROM fab.t"), "30") << c.state() << " " << c.message();
  const std::string now = c.get_text(SQL_ATTR_FABRIC_SERVER_ADDRESS);
  const std::string second = now.substr(now.find(':') + 1);
  EXPECT_NE(second, first);
  EXPECT_NE(second, p("ha")) << "another secondary, not the primary";
  ASSERT_TRUE(SQL_SUCCEEDED(c.exec("COMMIT"))) << c.message();
}

TEST(RoutingReplay, OffByDefault) {
  prepare("global");
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_GROUP=global;FABRIC_ATTEMPTS=10;FABRIC_ATTEMPT_DELAY=0.2"))))
      << c.message();
  ASSERT_TRUE(SQL_SUCCEEDED(c.set_number(SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF)));
  expect_ok(c, "INSERT INTO fab.log VALUES (1)");
  fail_over("global");
  EXPECT_EQ(c.exec("INSERT INTO fab.log VALUES (2)"), SQL_ERROR);
  EXPECT_EQ(c.state(), "40001") << c.message();
}

}  // namespace
}  // namespace fabodbc::rtest
