// Fabric route switches in several threads at once while the topology changes: each thread has
// its own Fabric-routed connection (all of them share the process-wide topology cache and
// balancers) and keeps switching SQL_ATTR_FABRIC_GROUP / _KEY / _TABLES / _MODE and asking
// SELECT @@port, while the main thread keeps promoting servers in the Fabric test server. Only
// Fabric's view changes (the MariaDB servers keep their roles), which is enough for reads.
// CTest label "concurrency": scripts/test.sh runs it under ThreadSanitizer too.
#include "tests/support/thread_failures.h"
#include "include/fabodbc.h"
#include "tests/integration/routing/routing_world.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace fabodbc::rtest {
namespace {

using Clock = std::chrono::steady_clock;

struct Answer {
  SQLRETURN rc = SQL_ERROR;
  std::string port;
  std::string state;  // first diagnostic of the statement (warnings included)
  std::string message;
};

Answer select_port(SQLHDBC dbc) {
  Answer a;
  SQLHSTMT st = SQL_NULL_HSTMT;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st))) {
    a.state = "alloc";
    return a;
  }
  a.rc = SQLExecDirect(st, (SQLCHAR*)"SELECT @@port", SQL_NTS);
  SQLCHAR state[6] = {0}, msg[512] = {0};
  SQLINTEGER native = 0;
  SQLSMALLINT len = 0;
  if (a.rc != SQL_SUCCESS &&
      SQL_SUCCEEDED(SQLGetDiagRec(SQL_HANDLE_STMT, st, 1, state, &native, msg, sizeof msg, &len))) {
    a.state = reinterpret_cast<char*>(state);
    a.message = reinterpret_cast<char*>(msg);
  }
  if (SQL_SUCCEEDED(a.rc)) {
    SQLRETURN rc = SQLFetch(st);
    char buf[32] = {0};
    SQLLEN ind = 0;
    if (SQL_SUCCEEDED(rc)) rc = SQLGetData(st, 1, SQL_C_CHAR, buf, sizeof buf, &ind);
    if (SQL_SUCCEEDED(rc) && ind != SQL_NULL_DATA) a.port = buf;
    else a.rc = SQL_ERROR;
  }
  SQLFreeHandle(SQL_HANDLE_STMT, st);
  return a;
}

// One step of a thread: the route attributes to set, and the group it names.
struct Step {
  SQLINTEGER attribute;
  std::string text;   // SQL_ATTR_FABRIC_GROUP, _KEY, _TABLES
  SQLULEN number;     // SQL_ATTR_FABRIC_MODE, _SCOPE
  std::string group;  // where SELECT @@port must then answer from; "" runs no statement yet
  bool numeric() const { return attribute == SQL_ATTR_FABRIC_MODE || attribute == SQL_ATTR_FABRIC_SCOPE; }
};

using Log = fabodbc::test::ThreadFailures;

// Four threads, each with its own connection and its own cycle of route changes:
//   0: FABRIC_GROUP over global, shard1, shard2, ha (READ_WRITE);
//   1: the same groups, switching READ_ONLY and READ_WRITE on the way (the shared balancers);
//   2: FABRIC_TABLES=db.orders (RANGE), FABRIC_KEY moving between shard1 and shard2;
//   3: RANGE_DATETIME and RANGE_STRING tables with their keys, and GLOBAL scope.
// Meanwhile the main thread promotes another member of every group in Fabric's view every
// 250 ms (seven rounds; the Fabric TTL is 1 s, so route re-checks find new primaries). Every
// answer must come from a member of the group its route names. None of the errors of the
// SQLSTATE contract applies here (every server is up, every group and key is valid, no
// transaction is open), so any error is a finding; the one documented outcome tolerated is the
// stale-cache warning 01000 (routed from the last known topology if a refresh failed).
TEST(RoutingConcurrency, RouteSwitchesInThreadsWhileFabricPromotes) {
  World& w = world();
  const std::vector<std::string> groups = {"global", "shard1", "shard2", "ha"};
  std::map<std::string, std::set<std::string>> ports;  // group -> its members' ports
  for (const std::string& g : groups)
    for (size_t m = 0; m < w.farm->group(g).members.size(); ++m) ports[g].insert(std::to_string(w.port(g, m)));

  const std::vector<std::string> initial = {"FABRIC_GROUP=global", "FABRIC_GROUP=global",
                                            "FABRIC_TABLES=db.orders;FABRIC_KEY=5",
                                            "FABRIC_TABLES=db.events;FABRIC_KEY=2005-06-01"};
  const std::vector<std::string> initial_group = {"global", "global", "shard1", "shard1"};
  const std::vector<std::vector<Step>> cycles = {
      {{SQL_ATTR_FABRIC_GROUP, "shard1", 0, "shard1"},
       {SQL_ATTR_FABRIC_GROUP, "shard2", 0, "shard2"},
       {SQL_ATTR_FABRIC_GROUP, "ha", 0, "ha"},
       {SQL_ATTR_FABRIC_GROUP, "global", 0, "global"}},
      {{SQL_ATTR_FABRIC_MODE, "", SQL_FABRIC_MODE_READ_ONLY, ""},
       {SQL_ATTR_FABRIC_GROUP, "ha", 0, "ha"},
       {SQL_ATTR_FABRIC_GROUP, "shard2", 0, "shard2"},
       {SQL_ATTR_FABRIC_MODE, "", SQL_FABRIC_MODE_READ_WRITE, ""},
       {SQL_ATTR_FABRIC_GROUP, "ha", 0, "ha"},
       {SQL_ATTR_FABRIC_GROUP, "shard1", 0, "shard1"},
       {SQL_ATTR_FABRIC_MODE, "", SQL_FABRIC_MODE_READ_ONLY, ""},
       {SQL_ATTR_FABRIC_GROUP, "global", 0, "global"},
       {SQL_ATTR_FABRIC_MODE, "", SQL_FABRIC_MODE_READ_WRITE, ""}},
      {{SQL_ATTR_FABRIC_KEY, "10005", 0, "shard2"},
       {SQL_ATTR_FABRIC_KEY, "7", 0, "shard1"},
       {SQL_ATTR_FABRIC_KEY, "20000", 0, "shard2"},
       {SQL_ATTR_FABRIC_KEY, "5", 0, "shard1"}},
      {{SQL_ATTR_FABRIC_KEY, "2015-01-01", 0, "shard2"},
       {SQL_ATTR_FABRIC_SCOPE, "", SQL_FABRIC_SCOPE_GLOBAL, "global"},
       {SQL_ATTR_FABRIC_SCOPE, "", SQL_FABRIC_SCOPE_LOCAL, "shard2"},
       {SQL_ATTR_FABRIC_TABLES, "db.words", 0, ""},  // table and key change, no statement between
       {SQL_ATTR_FABRIC_KEY, "apple", 0, "shard1"},
       {SQL_ATTR_FABRIC_KEY, "zebra", 0, "shard2"},
       {SQL_ATTR_FABRIC_TABLES, "db.events", 0, ""},
       {SQL_ATTR_FABRIC_KEY, "2005-06-01", 0, "shard1"}},
  };

  std::atomic<bool> stop{false};
  std::atomic<int> connected{0};
  std::atomic<long> answers{0};
  Log errors, warnings;
  std::vector<std::thread> threads;
  for (size_t t = 0; t < cycles.size(); ++t) {
    threads.emplace_back([&, t] {
      const std::string who = "thread " + std::to_string(t);
      Odbc c;
      if (!SQL_SUCCEEDED(c.connect(dsn(initial[t])))) {
        errors.add(who + ": connect " + c.state() + " " + c.message());
        ++connected;
        return;
      }
      ++connected;
      std::string group = initial_group[t];
      auto check = [&](const std::string& where) {
        const Answer a = select_port(c.dbc());
        if (!SQL_SUCCEEDED(a.rc)) {
          errors.add(who + " " + where + ": " + a.state + " " + a.message);
        } else {
          if (a.rc == SQL_SUCCESS_WITH_INFO) {
            if (a.state == "01000") warnings.add(who + ": " + a.message);
            else errors.add(who + " " + where + ": unexpected warning " + a.state + " " + a.message);
          }
          if (!ports[group].count(a.port))
            errors.add(who + " " + where + ": answered from port " + a.port + ", not a member of " + group);
          ++answers;
        }
      };
      check("first statement");
      // Until the promotions are over, and at least two whole cycles.
      for (size_t i = 0; !stop.load() || i < 2 * cycles[t].size(); ++i) {
        const Step& s = cycles[t][i % cycles[t].size()];
        const SQLRETURN rc = s.numeric() ? c.set_number(s.attribute, s.number) : c.set_text(s.attribute, s.text);
        const std::string where = "step " + std::to_string(i % cycles[t].size());
        if (!SQL_SUCCEEDED(rc)) {
          errors.add(who + " " + where + " set: " + c.state() + " " + c.message());
          continue;
        }
        if (s.group.empty()) continue;  // half of a change: no statement in between
        group = s.group;
        check(where + " (" + group + ")");
      }
    });
  }
  // Promotions start once every thread is connected; seven rounds of every group. Round r
  // promotes member r % size: the last round (7) leaves member 1 primary everywhere.
  const auto start = Clock::now();
  for (int i = 0; i < 600 && connected.load() < static_cast<int>(cycles.size()); ++i) usleep(10 * 1000);
  for (int round = 1; round <= 7; ++round) {
    for (const std::string& g : groups) {
      const size_t member = round % w.farm->group(g).members.size();
      w.fabric->control("promote", "{\"group\": \"" + g + "\", \"uuid\": \"" + w.uuid(g, member) + "\"}");
    }
    usleep(250 * 1000);
  }
  stop = true;
  for (auto& th : threads) th.join();
  EXPECT_EQ(errors.count(), 0u) << errors.text();
  EXPECT_GT(answers.load(), 40);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(60));
  if (warnings.count()) std::cout << warnings.count() << " stale-cache warnings:\n" << warnings.text();

  // After the storm a connection still follows Fabric: member 1 is now every group's primary.
  Odbc c;
  ASSERT_TRUE(SQL_SUCCEEDED(c.connect(dsn("FABRIC_GROUP=shard2")))) << c.message();
  for (const std::string g : {"shard2", "ha", "global"}) {
    ASSERT_TRUE(SQL_SUCCEEDED(c.set_text(SQL_ATTR_FABRIC_GROUP, g))) << c.message();
    std::string port;
    for (int i = 0; i < 30 && port != std::to_string(w.port(g, 1)); ++i) {
      port = c.scalar("SELECT @@port");
      if (port != std::to_string(w.port(g, 1))) usleep(100 * 1000);
    }
    EXPECT_EQ(port, std::to_string(w.port(g, 1))) << g << ": the last promotion was never followed";
  }
}

}  // namespace
}  // namespace fabodbc::rtest
