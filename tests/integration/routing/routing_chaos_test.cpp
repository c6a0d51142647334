// Chaos, bounded: writer threads on Fabric-routed connections while the primary of their group
// is killed (SIGKILL) three times and the Fabric test server promotes the most advanced
// secondary. Each write has a unique id; every outcome the driver reports is checked against
// what the final primary holds:
//   success            -> the row is there exactly once ("lost" otherwise)
//   40001              -> it did not run: retried with the same ids, so a 40001 that lied
//                         shows up as a duplicate; left unretried at the end -> absent
//   08S01 (ambiguous)  -> there at most once, never replayed
//   anything else      -> an unexpected error
// The group replicates semi-synchronously (AFTER_SYNC), so an acknowledged commit survives the
// kill on the promoted secondary: every lost row would be the driver's doing.
#include "tests/support/fabric_test_server.h"
#include "tests/support/fabric_topology.h"
#include "tests/support/mariadb_farm.h"
#include "tests/support/mysql_admin.h"
#include "tests/support/odbc_sandbox.h"

#include <gtest/gtest.h>
#include <sql.h>
#include <sqlext.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace fabodbc::rtest {
namespace {

using Clock = std::chrono::steady_clock;

enum class Outcome { Committed, DidNotRun, Ambiguous };

struct Ledger {
  std::mutex mu;
  std::map<long, Outcome> ids;  // the last outcome reported for each id
  std::atomic<int> committed{0}, did_not_run{0}, ambiguous{0}, unexpected{0};
  std::vector<std::string> unexpected_errors;
  std::map<std::string, int> errors;  // SQLSTATE -> count, for the figures
  void record(const std::vector<long>& batch, Outcome o) {
    std::lock_guard<std::mutex> lk(mu);
    for (long id : batch) ids[id] = o;
  }
  void oops(const std::string& what) {
    ++unexpected;
    std::lock_guard<std::mutex> lk(mu);
    if (unexpected_errors.size() < 10) unexpected_errors.push_back(what);
  }
};

// One Fabric-routed ODBC connection through the driver manager, used by one thread.
class Writer {
 public:
  explicit Writer(const std::string& connection_string) {
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env_);
    SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env_, &dbc_);
    connected_ = SQL_SUCCEEDED(SQLDriverConnect(dbc_, nullptr, (SQLCHAR*)connection_string.c_str(), SQL_NTS, nullptr,
                                                0, nullptr, SQL_DRIVER_NOPROMPT));
    if (!connected_) state(SQL_HANDLE_DBC, dbc_);
  }
  ~Writer() {
    SQLDisconnect(dbc_);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
    SQLFreeHandle(SQL_HANDLE_ENV, env_);
  }
  bool connected() const { return connected_; }

  // Inserts the ids: alone in autocommit mode, or in one transaction committed by SQLEndTran.
  // Returns "" on success, else SQLSTATE + message.
  std::string write(const std::vector<long>& ids, bool transaction) {
    if (transaction != manual_) {
      if (!SQL_SUCCEEDED(SQLSetConnectAttr(dbc_, SQL_ATTR_AUTOCOMMIT,
                                           reinterpret_cast<SQLPOINTER>(transaction ? SQL_AUTOCOMMIT_OFF
                                                                                    : SQL_AUTOCOMMIT_ON),
                                           0)))
        return state(SQL_HANDLE_DBC, dbc_);
      manual_ = transaction;
    }
    for (long id : ids) {
      SQLHSTMT st = SQL_NULL_HSTMT;
      if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc_, &st))) return state(SQL_HANDLE_DBC, dbc_);
      const std::string sql = "INSERT INTO chaos.w (id) VALUES (" + std::to_string(id) + ")";
      const SQLRETURN rc = SQLExecDirect(st, (SQLCHAR*)sql.c_str(), SQL_NTS);
      const std::string err = SQL_SUCCEEDED(rc) ? std::string() : state(SQL_HANDLE_STMT, st);
      SQLFreeHandle(SQL_HANDLE_STMT, st);
      if (!err.empty()) {
        if (transaction) SQLEndTran(SQL_HANDLE_DBC, dbc_, SQL_ROLLBACK);
        return err;
      }
      // Inside a transaction, give a kill the chance to land between two statements: the next
      // one then finds the session dead before sending (40001, nothing ran).
      if (transaction) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (transaction && !SQL_SUCCEEDED(SQLEndTran(SQL_HANDLE_DBC, dbc_, SQL_COMMIT))) {
      const std::string err = state(SQL_HANDLE_DBC, dbc_);
      SQLEndTran(SQL_HANDLE_DBC, dbc_, SQL_ROLLBACK);
      return err;
    }
    return "";
  }
  const std::string& last_error() const { return last_; }

 private:
  std::string state(SQLSMALLINT type, SQLHANDLE h) {
    SQLCHAR st[6] = {0}, msg[512] = {0};
    SQLINTEGER native = 0;
    SQLSMALLINT len = 0;
    SQLGetDiagRec(type, h, 1, st, &native, msg, sizeof msg, &len);
    last_ = std::string(reinterpret_cast<char*>(st)) + " " + reinterpret_cast<char*>(msg);
    return last_.empty() ? std::string("?????") : last_;
  }
  SQLHENV env_ = SQL_NULL_HENV;
  SQLHDBC dbc_ = SQL_NULL_HDBC;
  bool connected_ = false, manual_ = false;
  std::string last_;
};

void write_until(const std::string& connection_string, int thread_no, bool transactions, std::atomic<bool>& stop,
                 Ledger& ledger) {
  Writer w(connection_string);
  if (!w.connected()) {
    ledger.oops("connect: " + w.last_error());
    return;
  }
  long next = thread_no * 1000000L;
  const auto give_up = Clock::now() + std::chrono::seconds(120);  // bounded whatever happens
  std::vector<long> pending;  // ids to write; kept across a 40001 (did not run: run them again)
  while (Clock::now() < give_up) {
    if (pending.empty()) {
      if (stop) break;
      pending = transactions ? std::vector<long>{next, next + 1} : std::vector<long>{next};
      next += static_cast<long>(pending.size());
    }
    const std::string err = w.write(pending, transactions);
    if (!err.empty()) {
      std::lock_guard<std::mutex> lk(ledger.mu);
      ++ledger.errors[err.substr(0, 5) + (transactions ? " in a transaction" : " autocommit")];
      if (std::getenv("CHAOS_VERBOSE")) std::fprintf(stderr, "%s\n", err.c_str());
    }
    if (err.empty()) {
      ledger.record(pending, Outcome::Committed);
      ++ledger.committed;
      pending.clear();
    } else if (err.compare(0, 5, "40001") == 0) {
      ledger.record(pending, Outcome::DidNotRun);
      ++ledger.did_not_run;
      if (stop) break;  // left as "did not run": must be absent
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    } else if (err.compare(0, 5, "08S01") == 0 || err.compare(0, 5, "08001") == 0) {
      // 08S01: may have run (never replayed); 08001: no server reachable yet (did not run,
      // but the driver does not promise it, so it counts as ambiguous here).
      ledger.record(pending, Outcome::Ambiguous);
      ++ledger.ambiguous;
      pending.clear();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } else {
      ledger.oops(err);
      ledger.record(pending, Outcome::Ambiguous);
      pending.clear();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
}

// With `replay`, every writer runs explicit transactions with FABRIC_REPLAY=1 and logs to a
// file of its own, so the replays can be counted.
void chaos(bool replay) {
  constexpr int kKills = 3;
  // A primary and one secondary per kill, so the last primary still has a semi-sync replica.
  auto farm = test::MariaDbFarm::start({{"chaos", kKills + 1, {}}});
  farm->enable_semi_sync("chaos");
  test::TestServerProcess::Options fo;
  fo.topology_json = test::farm_topology_json(*farm, {}, 1);
  test::TestServerProcess fabric(fo);
  test::OdbcSandbox sandbox;
  farm->primary("chaos").server->admin_query("CREATE DATABASE chaos");
  // No key on purpose: a replayed insert shows as a second row.
  farm->primary("chaos").server->admin_query("CREATE TABLE chaos.w (id BIGINT NOT NULL) ENGINE=InnoDB");
  farm->wait_replicated("chaos");
  const std::string cs = "DRIVER={fabodbc};FABRIC_HOST=127.0.0.1;FABRIC_PORT=" + std::to_string(fabric.fabric_port()) +
                         ";FABRIC_GROUP=chaos;FABRIC_ATTEMPTS=20;FABRIC_ATTEMPT_DELAY=0.2;FABRIC_TIMEOUT=2;"
                         "CONNECT_TIMEOUT=2;UID=" + test::MariaDbFarm::app_user() + ";PWD=" +
                         test::MariaDbFarm::app_password() + (replay ? ";FABRIC_REPLAY=1" : "");
  const std::string log_base = sandbox.dir() + "/writer-";

  Ledger ledger;
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int t = 1; t <= 4; ++t)
    writers.emplace_back([&, t] {
      const std::string mine = replay ? cs + ";LOG=" + log_base + std::to_string(t) + ".log;LOG_LEVEL=warn" : cs;
      write_until(mine, t, replay || t % 2 == 0, stop, ledger);
    });

  const auto start = Clock::now();
  for (int kill = 0; kill < kKills; ++kill) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    test::FarmMember& dead = farm->primary("chaos");
    const int before = ledger.committed.load();
    dead.server->kill_hard();
    const size_t next = farm->promote_after_primary_died("chaos");
    fabric.control("set_status", R"({"uuid": ")" + dead.uuid + R"(", "status": "FAULTY"})");
    fabric.control("promote", R"({"group": "chaos", "uuid": ")" + farm->group("chaos").members[next].uuid + "\"}");
    std::printf("[ figures ] kill %d: %d writes committed before it\n", kill + 1, before);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // writes on the last primary
  stop = true;
  for (auto& w : writers) w.join();
  const long long seconds = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - start).count();

  // What the final primary holds.
  const test::FarmMember& last = farm->primary("chaos");
  std::map<long, int> present;
  for (const auto& row : test::admin_rows(last.server->socket_path(), "SELECT id, COUNT(*) FROM chaos.w GROUP BY id"))
    present[std::stol(row[0])] = std::stoi(row[1]);
  int lost = 0, duplicated = 0, phantom = 0, ambiguous_present = 0, committed_ids = 0;
  for (const auto& [id, n] : present) {
    if (n > 1) ++duplicated;
  }
  for (const auto& [id, outcome] : ledger.ids) {
    const bool there = present.count(id) > 0;
    switch (outcome) {
      case Outcome::Committed:
        ++committed_ids;
        if (!there) ++lost;
        break;
      case Outcome::DidNotRun:
        if (there) ++phantom;
        break;
      case Outcome::Ambiguous:
        if (there) ++ambiguous_present;
        break;
    }
  }
  for (const auto& [id, n] : present)
    if (!ledger.ids.count(id)) ++phantom;  // a row nobody wrote

  std::printf("[ figures ] %d kills in %lld s, 4 writers: %d writes committed (%d ids), %d answered 40001 and "
              "were retried, %d ambiguous (%d of them ran); lost %d, duplicated %d, phantom %d, unexpected %d\n",
              kKills, seconds, ledger.committed.load(), committed_ids, ledger.did_not_run.load(),
              ledger.ambiguous.load(), ambiguous_present, lost, duplicated, phantom, ledger.unexpected.load());
  for (const auto& [what, n] : ledger.errors) std::printf("[ figures ]   %s: %d\n", what.c_str(), n);
  if (replay) {
    int replayed = 0, refused = 0;
    for (int t = 1; t <= 4; ++t) {
      std::ifstream in(log_base + std::to_string(t) + ".log");
      std::string line;
      while (std::getline(in, line)) {
        if (line.find("ran again on") != std::string::npos) ++replayed;
        if (line.find("not replayed") != std::string::npos) ++refused;
      }
    }
    std::printf("[ figures ]   transactions replayed after a kill: %d, not replayable: %d\n", replayed, refused);
    EXPECT_GT(replayed, 0) << "no kill landed in a transaction that could be replayed";
  }
  EXPECT_EQ(lost, 0);
  EXPECT_EQ(duplicated, 0);
  EXPECT_EQ(phantom, 0);
  EXPECT_EQ(ledger.unexpected.load(), 0) << (ledger.unexpected_errors.empty() ? "" : ledger.unexpected_errors[0]);
  EXPECT_GT(ledger.committed.load(), 100) << "the writers hardly wrote";
  if (!replay) EXPECT_GT(ledger.did_not_run.load() + ledger.ambiguous.load(), 0) << "no write ever met a kill";
  // The data is disposable: SIGKILL the rest rather than wait for clean shutdowns.
  for (test::FarmMember& m : farm->group("chaos").members)
    if (m.server->running()) m.server->kill_hard();
}

TEST(RoutingChaos, PrimaryKilledThreeTimesUnderWriteLoad) { chaos(false); }

// The same with transaction replay: every kill before a COMMIT is a replay (no error at all) or,
// when the replay cannot prove the transaction, 40001 as without; lost 0, duplicated 0.
TEST(RoutingChaos, PrimaryKilledThreeTimesUnderTransactionsWithReplay) { chaos(true); }

}  // namespace
}  // namespace fabodbc::rtest
