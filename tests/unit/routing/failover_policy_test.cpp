#include "driver/routing/failover_policy.h"

#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

namespace fabodbc::routing {
namespace {

const FailoverPolicy policy(3, 0.5);

TEST(FailoverPolicy, EveryConnectionErrnoSentOrNotInOrOutOfTransaction) {
  for (int e : {2002, 2003, 2004, 2006, 2013, 2055}) {
    Decision before = policy.classify(e, Moment::BeforeSend, false, true);
    EXPECT_EQ(before.verdict, Verdict::ReconnectAndRun) << e;
    EXPECT_TRUE(before.invalidate_group);
    EXPECT_FALSE(before.report) << "a closed idle session is no proof the server is down";
    EXPECT_TRUE(before.leave_server);

    Decision before_tx = policy.classify(e, Moment::BeforeSend, true, true);
    EXPECT_EQ(before_tx.verdict, Verdict::Surface40001) << e;
    EXPECT_TRUE(before_tx.invalidate_group);

    for (bool tx : {false, true}) {
      Decision after = policy.classify(e, Moment::AfterSend, tx, true);
      EXPECT_EQ(after.verdict, Verdict::Surface08S01) << e << " tx=" << tx << ": may have run, never replayed";
      EXPECT_TRUE(after.invalidate_group);
      EXPECT_TRUE(after.report);
      EXPECT_TRUE(after.leave_server);
    }
    // The mode does not matter for a lost connection.
    EXPECT_EQ(policy.classify(e, Moment::AfterSend, false, false).verdict, Verdict::Surface08S01);
  }
}

TEST(FailoverPolicy, ReadOnlyServerOnAReadWriteRoute) {
  for (Moment m : {Moment::BeforeSend, Moment::AfterSend}) {
    for (bool tx : {false, true}) {
      Decision d = policy.classify(1290, m, tx, true);
      EXPECT_EQ(d.verdict, Verdict::Surface40001);
      EXPECT_TRUE(d.invalidate_group);
      EXPECT_FALSE(d.report) << "the server is alive";
      EXPECT_TRUE(d.leave_server);
    }
  }
  // On a READ_ONLY route a 1290 is the application writing to a secondary.
  EXPECT_EQ(policy.classify(1290, Moment::AfterSend, false, false).verdict, Verdict::NotConnectionError);
}

TEST(FailoverPolicy, OrdinaryErrorsAreLeftAlone) {
  for (int e : {0, 1045, 1062, 1064, 1146, 1205, 1213, 2000, 2014}) {
    for (bool tx : {false, true}) {
      Decision d = policy.classify(e, Moment::AfterSend, tx, true);
      EXPECT_EQ(d.verdict, Verdict::NotConnectionError) << e;
      EXPECT_FALSE(d.invalidate_group);
      EXPECT_FALSE(d.report);
      EXPECT_EQ(policy.classify(e, Moment::BeforeSend, tx, true).verdict, Verdict::NotConnectionError);
    }
  }
}

// Scripted world: each resolve() answers the next server (or throws), each connect() the next
// outcome (0 = success, else an errno).
struct FakeConnector : RouteConnector {
  std::deque<std::string> resolves;  // uuid; "~08001" throws RouteUnavailable, "!08001" / "!HY000" OdbcError
  std::deque<int> connects;
  std::vector<std::string> log;

  fabric::Server resolve() override {
    std::string next = resolves.empty() ? "s?" : resolves.front();
    if (!resolves.empty()) resolves.pop_front();
    log.push_back("resolve " + next);
    if (next[0] == '~') throw RouteUnavailable(next.substr(1), "no route now");
    if (next[0] == '!') throw OdbcError(next.substr(1), "no route");
    fabric::Server s;
    s.uuid = next;
    s.group_id = "g";
    s.host = "h";
    s.port = 1;
    return s;
  }
  void connect(const fabric::Server& s) override {
    int e = connects.empty() ? 0 : connects.front();
    if (!connects.empty()) connects.pop_front();
    log.push_back("connect " + s.uuid);
    if (e) throw OdbcError(e == 1045 ? "28000" : "08001", "refused", e);
  }
  void report_failure(const fabric::Server& s, int e) noexcept override {
    log.push_back("report " + s.uuid + " " + std::to_string(e));
  }
  void invalidate(const std::string& g) noexcept override { log.push_back("invalidate " + g); }
  void pause(double seconds) override { log.push_back("pause " + std::to_string(seconds).substr(0, 3)); }
};

TEST(FailoverPolicy, EstablishFirstTry) {
  FakeConnector c;
  c.resolves = {"s1"};
  EXPECT_EQ(policy.establish(c, true).uuid, "s1");
  EXPECT_EQ(c.log, (std::vector<std::string>{"resolve s1", "connect s1"}));
}

TEST(FailoverPolicy, EstablishReportsInvalidatesAndRetriesAfterADelay) {
  FakeConnector c;
  c.resolves = {"s1", "s2"};
  c.connects = {2003, 0};
  EXPECT_EQ(policy.establish(c, false).uuid, "s2");
  EXPECT_EQ(c.log, (std::vector<std::string>{"resolve s1", "connect s1", "invalidate g", "report s1 2003", "pause 0.5",
                                              "resolve s2", "connect s2"}));
}

TEST(FailoverPolicy, EstablishGivesUpAfterTheAttempts) {
  FakeConnector c;
  c.resolves = {"s1", "s1", "s1", "s1"};
  c.connects = {2003, 2003, 2003, 0};
  try {
    policy.establish(c, true);
    FAIL() << "expected an error";
  } catch (const OdbcError& e) {
    EXPECT_EQ(e.sqlstate(), "08001");
    EXPECT_EQ(e.native(), 2003);
    EXPECT_NE(std::string(e.what()).find("after 3 attempts"), std::string::npos) << e.what();
  }
  EXPECT_EQ(std::count(c.log.begin(), c.log.end(), "connect s1"), 3);
  EXPECT_EQ(std::count(c.log.begin(), c.log.end(), "pause 0.5"), 2);
  // Later (not connecting), the same exhaustion is a communication-link failure.
  FakeConnector d;
  d.connects = {2013, 2013, 2013};
  try {
    policy.establish(d, false);
    FAIL();
  } catch (const OdbcError& e) {
    EXPECT_EQ(e.sqlstate(), "08S01");
  }
}

TEST(FailoverPolicy, UnavailableRouteIsRetriedPermanentErrorsAreNot) {
  FakeConnector c;
  c.resolves = {"~08001", "s1"};
  EXPECT_EQ(policy.establish(c, true).uuid, "s1");
  // Bad routing input, and Fabric failures no retry can mend (wrong password, TLS, not Fabric,
  // a Fabric timeout): one resolve, no pause.
  for (const char* final_error : {"!HY000", "!08001"}) {
    FakeConnector d;
    d.resolves = {final_error, "s1"};
    EXPECT_THROW(policy.establish(d, true), OdbcError);
    EXPECT_EQ(d.log, (std::vector<std::string>{std::string("resolve ") + final_error}));
  }
  // Unavailable every time: the last error after the attempts, 08001 at connect.
  FakeConnector e;
  e.resolves = {"~08001", "~08001", "~08001"};
  try {
    policy.establish(e, true);
    FAIL();
  } catch (const OdbcError& err) {
    EXPECT_EQ(err.sqlstate(), "08001");
    EXPECT_NE(std::string(err.what()).find("after 3 attempts"), std::string::npos) << err.what();
  }
}

TEST(FailoverPolicy, NonConnectionConnectErrorsAreFinal) {
  FakeConnector c;
  c.resolves = {"s1", "s2"};
  c.connects = {1045, 0};
  try {
    policy.establish(c, true);
    FAIL();
  } catch (const OdbcError& e) {
    EXPECT_EQ(e.native(), 1045);
    EXPECT_EQ(e.sqlstate(), "28000");
  }
  EXPECT_EQ(c.log.size(), 2u) << "no report, no retry for bad credentials";
}

TEST(FailoverPolicy, ReplayOnlyWhatCannotHaveCommitted) {
  EXPECT_TRUE(FailoverPolicy::may_replay(Moment::BeforeSend, true, false));
  EXPECT_TRUE(FailoverPolicy::may_replay(Moment::BeforeSend, true, true)) << "a COMMIT not sent yet";
  EXPECT_TRUE(FailoverPolicy::may_replay(Moment::AfterSend, true, false));
  EXPECT_FALSE(FailoverPolicy::may_replay(Moment::AfterSend, true, true)) << "a COMMIT in flight is ambiguous";
  EXPECT_FALSE(FailoverPolicy::may_replay(Moment::BeforeSend, false, false)) << "no transaction: nothing to replay";
}

TEST(FailoverPolicy, AtLeastOneAttempt) {
  FailoverPolicy zero(0, 0);
  EXPECT_EQ(zero.attempts(), 1u);
  FakeConnector c;
  c.connects = {2003};
  EXPECT_THROW(zero.establish(c, true), OdbcError);
  EXPECT_EQ(std::count(c.log.begin(), c.log.end(), std::string("pause 0.0")), 0);
}

}  // namespace
}  // namespace fabodbc::routing
