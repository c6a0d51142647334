#include "driver/routing/fabric_routing.h"

#include "driver/error.h"

#include <chrono>
#include <cstdio>
#include <thread>

namespace fabodbc::routing {

namespace {

std::string describe(const fabric::Server& s) {
  return "server " + s.uuid + " (" + s.host + ":" + std::to_string(s.port) + ") of Fabric group " + s.group_id;
}

// "group ha1, READ_ONLY" / "tables db.t1 key 42 LOCAL, READ_WRITE" for log lines.
std::string describe(const RouteTarget& t) {
  std::string text = t.tables.empty() ? "group " + t.group
                                      : "tables " + t.tables_text() + (t.global_scope ? " GLOBAL" : " key " + t.key);
  return text + (t.read_only ? ", READ_ONLY" : ", READ_WRITE");
}

// Resets a flag when a scope ends, whatever way it ends.
struct FlagGuard {
  bool& flag;
  explicit FlagGuard(bool& f) : flag(f) { flag = true; }
  ~FlagGuard() { flag = false; }
};

}  // namespace

// The RouteConnector FailoverPolicy::establish drives: resolve with the wanted target, then
// reuse the current session (same server), a pooled one, or connect a new one.
class FabricRouting::Connector final : public RouteConnector {
 public:
  Connector(FabricRouting& owner, const mysql::Session* current, const SessionState& state, bool retire,
            bool connecting)
      : owner_(owner),
        current_(current),
        state_(state),
        retire_(retire),
        connecting_(connecting),
        budget_(owner.resolver_.budget()),
        outer_(owner.fabric_deadline_) {
    owner_.fabric_deadline_ = &budget_;
  }
  ~Connector() override { owner_.fabric_deadline_ = outer_; }
  Connector(const Connector&) = delete;
  Connector& operator=(const Connector&) = delete;

  fabric::Server resolve() override {
    if (std::string problem = owner_.effective().problem(); !problem.empty()) {
      throw OdbcError(connecting_ ? "08001" : "HY000", "Fabric routing: " + problem);
    }
    fabric::Route route = owner_.resolve_logged(connecting_ ? ResolveMoment::Connect : ResolveMoment::Statement);
    owner_.schedule_recheck(route);
    if (route.stale) {
      owner_.warning_ = "MySQL Fabric at " + owner_.resolver_.address() +
                        " is unreachable; routed from the cached topology" +
                        (route.warning ? ": " + *route.warning : std::string());
    }
    return *route.server;
  }

  void connect(const fabric::Server& server) override {
    result.reset();
    keep_current = false;
    if (current_ && !retire_ && server.uuid == owner_.server_.uuid) {
      keep_current = true;  // the route changed but lands on the same server
      how = "the same session";
      return;
    }
    SessionPool<mysql::Session, SessionState>::Taken taken = owner_.pool_.take(server.uuid);
    if (taken.session) {
      apply_state(*taken.session, taken.extra, state_);
      result = std::move(taken.session);
      how = "a kept idle session";
      return;
    }
    try {
      result = owner_.connect_fresh(server, state_);
      how = "a new connection";
    } catch (const OdbcError& e) {
      if (owner_.logging(log::Level::Warn))
        owner_.log_->warn("connect", "to " + describe(server) + " failed: " + e.sqlstate() + " " + e.what());
      throw;
    }
  }

  void report_failure(const fabric::Server& server, int error_code) noexcept override {
    owner_.report_logged(server, error_code);
  }
  void invalidate(const std::string& group) noexcept override { owner_.resolver_.invalidate(group); }
  void pause(double seconds) override {
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  }

  std::unique_ptr<mysql::Session> result;
  bool keep_current = false;
  const char* how = "";  // for the log: same session, kept idle session or new connection

 private:
  FabricRouting& owner_;
  const mysql::Session* current_;
  const SessionState& state_;
  bool retire_, connecting_;
  const fabric::Deadline budget_;  // FABRIC_TIMEOUT for all attempts of this establish
  const fabric::Deadline* outer_;
};

FabricRouting::FabricRouting(const FabricSettings& fabric, const ConnectSettings& base,
                             const mysql::SessionTimeouts& timeouts, bool access_mode_read_only,
                             std::shared_ptr<SharedPosition> environment_position)
    : policy_(fabric.attempts, fabric.attempt_delay_seconds),
      resolver_(fabric),
      base_(base),
      timeouts_(timeouts),
      wanted_(RouteTarget::from(fabric)),
      consistency_(fabric.consistency == FabricSettings::Consistency::Session       ? Consistency::Session
                   : fabric.consistency == FabricSettings::Consistency::Environment ? Consistency::Environment
                                                                                    : Consistency::Eventual,
                   fabric.consistency_timeout_seconds, fabric.consistency_fallback_primary,
                   std::move(environment_position)),
      replay_(fabric.replay, fabric.replay_max_statements, fabric.replay_max_bytes) {
  // SQL_ATTR_ACCESS_MODE=SQL_MODE_READ_ONLY set before connecting means Fabric READ_ONLY.
  if (access_mode_read_only) wanted_.read_only = true;
  // Every server is reached over TCP at the address Fabric gives.
  base_.socket.clear();
}

FabricRouting::~FabricRouting() = default;

std::unique_ptr<mysql::Session> FabricRouting::connect_fresh(const fabric::Server& server, const SessionState& state) {
  ConnectSettings s = base_;
  s.server = server.host;
  s.port = static_cast<unsigned>(server.port);
  s.database = state.database;  // in the handshake: no extra round trip
  auto session = std::make_unique<mysql::Session>();
  session->connect(s, timeouts_);
  SessionState fresh;
  fresh.database = state.database;
  apply_state(*session, fresh, state);
  return session;
}

std::unique_ptr<mysql::Session> FabricRouting::open(const SessionState& state) {
  FlagGuard guard(busy_);
  std::unique_ptr<mysql::Session> none;
  switch_session(none, state, true, true);
  return none;
}

void FabricRouting::switch_session(std::unique_ptr<mysql::Session>& current, const SessionState& state, bool retire,
                                   bool connecting) {
  Connector connector(*this, current.get(), state, retire, connecting);
  const fabric::Server server = policy_.establish(connector, connecting);
  if (connector.keep_current) {
    server_ = server;
    note_server();
    pending_ = false;
    if (logging(log::Level::Info)) log_->info("route", "stays on " + describe(server));
    return;
  }
  if (current) {
    current->set_error_observer(nullptr);
    current->set_gtid_observer(nullptr);
    if (!retire && !current->lost() && !current->in_transaction() && !server_.uuid.empty()) {
      pool_.put(server_.uuid, std::move(current), state);
    }
    current.reset();  // closes it (a server-side transaction, if any, is rolled back)
  }
  current = std::move(connector.result);
  server_ = server;
  attach(*current);
  note_server();
  pending_ = false;
  if (logging(log::Level::Info)) log_->info("route", "now on " + describe(server) + " through " + connector.how);
}

void FabricRouting::attach(mysql::Session& session) {
  session.set_error_observer(this);
  // Commits happen on primaries: only their sessions are asked to name the GTIDs (one SET
  // per new session); a secondary's session reports nothing.
  const bool gtids = consistency_.tracks_commits() && server_.status == fabric::ServerStatus::Primary;
  if (gtids || replay_.enabled()) {
    // One SET for both trackers: commit GTIDs (read-your-writes) and the transaction state
    // (replay: a write to a non-transactional table makes a transaction unreplayable).
    if (!session.track(gtids ? this : nullptr, replay_.enabled()) && logging(log::Level::Warn))
      log_->warn("consistency", describe(server_) + " cannot report commit GTIDs or transaction state: reads on "
                                                    "secondaries will not wait for this connection's writes, and "
                                                    "transactions are not replayed");
  }
  if (!gtids) session.set_gtid_observer(consistency_.tracks_commits() ? this : nullptr);
}

void FabricRouting::route_statement(const std::optional<RouteTarget>& target, bool in_transaction) {
  if (!target) {
    if (statement_target_) {  // back to the connection's route
      statement_target_.reset();
      pending_ = true;
    }
    return;
  }
  if (*target == effective()) return;
  if (in_transaction) {
    // Only a hint that lands on the server of the open transaction may run in it.
    fabric::Route route;
    {
      std::optional<RouteTarget> saved = statement_target_;
      statement_target_ = *target;
      try {
        route = resolve_logged(ResolveMoment::Statement, false);
      } catch (...) {
        statement_target_ = saved;
        throw;
      }
      statement_target_ = saved;
    }
    if (route.server->uuid != server_.uuid)
      throw OdbcError("25000", "Fabric routing: the hint routes to " + describe(*route.server) +
                                   " but a transaction is open on " + describe(server_) +
                                   ": commit or roll back first; nothing ran");
  }
  if (*target == wanted_) statement_target_.reset();
  else statement_target_ = *target;
  pending_ = true;
}

void FabricRouting::replay_or_fail(mysql::Session& current, const fabric::Server& old) {
  std::string why = replay_.why_not();
  const size_t statements = replay_.entries().size();
  if (replay_.replayable() && replay_transaction(current, &why)) {
    if (logging(log::Level::Warn))
      log_->warn("replay", "the transaction lost with " + describe(old) + " ran again on " + describe(server_) + " (" +
                               std::to_string(statements) + " statements, every result the same)");
    return;
  }
  try {
    current.rollback();
  } catch (...) {
  }
  replay_.clear();
  if (logging(log::Level::Warn)) log_->warn("replay", "not replayed: " + why);
  throw OdbcError("40001", "The connection to " + describe(old) +
                               " was lost while a transaction was open: the transaction is rolled back, nothing of it "
                               "is committed" + (why.empty() ? std::string() : " (not replayed: " + why + ")") +
                               ". The connection now uses " + describe(server_) + "; retry the transaction",
                  2006);
}

void FabricRouting::make_consistent(std::unique_ptr<mysql::Session>& current, const SessionState& state) {
  // Inside a transaction the statement that began it was made consistent already.
  if (transaction_open(*current, state.autocommit)) return;
  const std::optional<GtidPosition> needed = consistency_.needed_on(server_.uuid);
  if (!needed) return;  // known to be there: no wait, no round trip
  const std::string position = needed->to_string();
  const double timeout = consistency_.timeout_seconds();
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.3f", timeout);
  std::string quoted;
  for (char c : position)
    if (c != '\'' && c != '\\') quoted += c;  // GTID text: digits, '-', ',', ':' and hex
  const bool mariadb = current->is_mariadb();
  const std::string answer =
      current->query_scalar(std::string(mariadb ? "SELECT MASTER_GTID_WAIT('" : "SELECT WAIT_FOR_EXECUTED_GTID_SET('") +
                            quoted + "', " + seconds + ")");
  if (answer == "0") {
    consistency_.applied(server_.uuid, *needed);
    if (logging(log::Level::Info)) log_->info("consistency", describe(server_) + " has " + position);
    return;
  }
  // Not caught up within the bound.
  if (!consistency_.falls_back_to_primary()) {
    throw OdbcError("HYT00", "Fabric read consistency: " + describe(server_) + " did not apply " + position +
                                 " within " + seconds + " s (FABRIC_CONSISTENCY_TIMEOUT); the statement did not run");
  }
  if (logging(log::Level::Warn))
    log_->warn("consistency", describe(server_) + " did not apply " + position + " within " + seconds +
                                  " s: this statement reads from the group's primary");
  RouteTarget primary = effective();
  primary.read_only = false;
  statement_target_ = primary;  // this statement only: the next one goes back to the secondary
  switch_session(current, state, false, false);
}

void FabricRouting::prepare_command(std::unique_ptr<mysql::Session>& current, const SessionState& state) {
  FlagGuard guard(busy_);
  prepare_route(current, state);
  if (reads_on_secondary_ && consistency_.may_need_wait(server_.uuid)) make_consistent(current, state);
}

void FabricRouting::prepare_route(std::unique_ptr<mysql::Session>& current, const SessionState& state) {
  if (failure_) {
    // A command already failed on this server and the application was told (08S01/40001).
    // Leave it; a demoted primary may still hold the transaction: roll it back first.
    const Failure failure = *failure_;
    if (current && !current->lost()) {
      try {
        current->rollback();
      } catch (...) {
      }
    }
    failure_.reset();
    const fabric::Server old = server_;
    try {
      switch_session(current, state, true, false);
    } catch (...) {
      failure_ = failure;  // still on the bad server: try again at the next command
      throw;
    }
    replay_pending_ = false;
    if (replay_requested_) {  // the statement that failed asks to run again after the replay
      replay_requested_ = false;
      replay_or_fail(*current, old);
      replayed_ = true;
    } else {
      replay_.clear();  // the transaction is gone with the old server
    }
    return;
  }
  if (current->lost() || current->closed_by_peer()) {
    const bool in_transaction = current->in_transaction();
    const fabric::Server old = server_;
    const Decision d = policy_.classify(2006, Moment::BeforeSend, in_transaction, !effective().read_only);
    if (logging(log::Level::Warn))
      log_->warn("failover", "connection to " + describe(old) + " found closed before sending" +
                                 (in_transaction ? ": the open transaction is lost (40001)"
                                                 : ": reconnecting, the statement will run once"));
    if (d.invalidate_group) resolver_.invalidate(old.group_id);
    switch_session(current, state, true, false);
    if (d.verdict == Verdict::Surface40001 && replay_.enabled() &&
        FailoverPolicy::may_replay(Moment::BeforeSend, in_transaction, false)) {
      replay_or_fail(*current, old);  // replayed: the statement runs now, as if nothing happened
      return;                         // (or 40001 saying why it could not be)
    }
    if (d.verdict == Verdict::Surface40001) {
      replay_.clear();
      throw OdbcError("40001",
                      "The connection to " + describe(old) +
                          " was lost while a transaction was open: the transaction is rolled back and nothing "
                          "was re-executed. The connection now uses " + describe(server_) +
                          "; retry the transaction",
                      2006);
    }
    return;  // Verdict::ReconnectAndRun: the statement was never sent, it runs on the new session
  }
  if (pending_) {
    switch_session(current, state, false, false);
  } else if (std::chrono::steady_clock::now() >= recheck_at_) {
    recheck(current, state);
  }
}

void FabricRouting::schedule_recheck(const fabric::Route& route) {
  // The Fabric TTL of the snapshot used, with a 1 s floor (a TTL of 0 must not mean a Fabric
  // round trip per statement).
  const auto floor = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  recheck_at_ = route.stale ? floor : std::max(route.expires, floor);
}

void FabricRouting::recheck(std::unique_ptr<mysql::Session>& current, const SessionState& state) {
  // Never inside a transaction: the check waits for the transaction to end.
  if (transaction_open(*current, state.autocommit)) {
    recheck_at_ = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    return;
  }
  fabric::Route route;
  try {
    // A check of the session we have: a READ_ONLY route keeps its secondary while eligible,
    // so it must not take a balancer turn from the next new session.
    route = resolve_logged(ResolveMoment::Statement, false);
  } catch (const OdbcError&) {
    recheck_at_ = std::chrono::steady_clock::now() + std::chrono::seconds(1);  // keep what works
    return;
  }
  schedule_recheck(route);
  bool keep = route.server->uuid == server_.uuid;
  if (!keep && effective().read_only && route.group && route.group->id() == server_.group_id) {
    // READ_ONLY: any secondary of the group will do (the balancer's pick is only for new
    // sessions); the primary only while the group has no secondary.
    bool has_secondary = false;
    const fabric::Server* mine = nullptr;  // FAULTY servers are not in the group at all
    for (const fabric::Server& s : route.group->servers()) {
      if (s.status == fabric::ServerStatus::Secondary) has_secondary = true;
      if (s.uuid == server_.uuid) mine = &s;
    }
    keep = mine && (mine->status == fabric::ServerStatus::Secondary ||
                    (mine->status == fabric::ServerStatus::Primary && !has_secondary));
  }
  if (keep) return;
  pending_ = true;  // the route now lands elsewhere: move, pooling the current session
  switch_session(current, state, false, false);
}

void FabricRouting::on_error(OdbcError& error, bool was_in_transaction) noexcept {
  if (busy_) return;  // failures while switching are handled where they happen
  try {
    const Decision d = policy_.classify(error.native(), Moment::AfterSend, was_in_transaction, !effective().read_only);
    if (d.verdict == Verdict::NotConnectionError) return;
    if (logging(log::Level::Warn))
      log_->warn("failover", "error " + std::to_string(error.native()) + " from " + describe(server_) +
                                 (d.verdict == Verdict::Surface40001 ? ": refused, surfaced as 40001"
                                                                     : ": connection lost after sending, surfaced as 08S01 "
                                                                       "(not re-executed)") +
                                 (was_in_transaction ? "; the open transaction is lost" : ""));
    if (d.invalidate_group) resolver_.invalidate(server_.group_id);
    if (d.report) report_logged(server_, error.native());
    failure_ = Failure{error.native()};
    // Lost inside a transaction whose COMMIT was not sent: the statement may ask for a replay
    // (Statement retries once; a COMMIT or an implicit commit never does).
    replay_pending_ = d.verdict == Verdict::Surface08S01 && was_in_transaction && replay_.replayable();
    if (d.verdict == Verdict::Surface40001) {
      error = OdbcError("40001",
                        std::string(error.what()) + " -- " + describe(server_) +
                            " refused the statement (no longer the primary?): it did not run" +
                            (was_in_transaction ? " and the open transaction is rolled back" : "") +
                            "; the next statement uses the group's current primary",
                        error.native());
    } else if (d.verdict == Verdict::Surface08S01) {
      error = OdbcError("08S01",
                        std::string(error.what()) + " -- connection to " + describe(server_) +
                            " lost: the statement may have run and was not re-executed" +
                            (was_in_transaction ? "; the open transaction is lost" : "") +
                            "; the next statement reconnects",
                        error.native());
    }
  } catch (...) {
    // Re-labelling is best effort; the original error still reaches the application.
  }
}

fabric::Route FabricRouting::resolve_logged(ResolveMoment moment, bool advance_balancer) {
  if (!logging(log::Level::Warn)) return resolver_.resolve(effective(), moment, advance_balancer, fabric_deadline_);
  const fabric::CacheStatus before = resolver_.cache_status();
  fabric::Route route;
  try {
    route = resolver_.resolve(effective(), moment, advance_balancer, fabric_deadline_);
  } catch (const OdbcError& e) {
    log_->error("route", describe(effective()) + ": " + e.sqlstate() + " " + e.what());
    throw;
  }
  const fabric::CacheStatus after = resolver_.cache_status();
  if (after.failed_refreshes > before.failed_refreshes)
    log_->warn("fabric", "refresh from " + resolver_.address() + " failed (" + after.last_error + ")" +
                             (route.stale ? "; routing from the cached topology" : ""));
  if (after.refreshes > before.refreshes && logging(log::Level::Info))
    log_->info("fabric", "topology loaded from " + resolver_.address() + ", TTL " +
                             std::to_string(after.ttl_seconds) + " s");
  if (logging(log::Level::Info))
    log_->info("route", describe(effective()) + " -> " + describe(*route.server) + (route.stale ? " (stale cache)" : ""));
  return route;
}

void FabricRouting::report_logged(const fabric::Server& server, int error_code) noexcept {
  const fabric::ReportOutcome outcome = resolver_.report_failure(server, error_code, fabric_deadline_);
  if (!logging(log::Level::Info)) return;
  try {
    log_->info("report", (outcome.reported ? "reported " : "did not report ") + describe(server) + " (error " +
                             std::to_string(error_code) + ") to Fabric" +
                             (outcome.detail.empty() ? std::string() : ": " + outcome.detail));
  } catch (...) {
  }
}

void FabricRouting::change_target(const RouteTarget& next) {
  if (next == wanted_) return;
  wanted_ = next;
  pending_ = true;
}

void FabricRouting::set_group(const std::string& group) {
  RouteTarget next = wanted_;
  next.group = group;
  if (!group.empty() && !next.tables.empty()) {
    throw OdbcError("HY024", "SQL_ATTR_FABRIC_GROUP cannot be set while SQL_ATTR_FABRIC_TABLES is set: clear the "
                             "tables first (set them to \"\")");
  }
  change_target(next);
}

void FabricRouting::set_tables(const std::string& tables) {
  RouteTarget next = wanted_;
  next.tables = RouteTarget::parse_tables(tables, "HY024");
  if (!next.tables.empty() && !next.group.empty()) {
    throw OdbcError("HY024", "SQL_ATTR_FABRIC_TABLES cannot be set while SQL_ATTR_FABRIC_GROUP is set: clear the "
                             "group first (set it to \"\")");
  }
  change_target(next);
}

void FabricRouting::set_key(const std::string& key) {
  RouteTarget next = wanted_;
  next.key = key;
  change_target(next);
}

void FabricRouting::set_global_scope(bool global) {
  RouteTarget next = wanted_;
  next.global_scope = global;
  change_target(next);
}

void FabricRouting::set_read_only(bool read_only) {
  RouteTarget next = wanted_;
  next.read_only = read_only;
  change_target(next);
}

void FabricRouting::reset_cache() noexcept {
  resolver_.reset_all();
  pending_ = true;  // the next command re-resolves (and may land elsewhere)
}

std::string FabricRouting::take_warning() {
  std::string w;
  w.swap(warning_);
  return w;
}

}  // namespace fabodbc::routing
