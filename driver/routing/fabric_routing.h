// Fabric routing of ONE ODBC connection: which server its session talks to, switching when
// the application changes the route (fabodbc.h attributes, SQL_ATTR_ACCESS_MODE), recovering
// when a server goes away, and a small pool of idle sessions for servers used a moment ago.
// Every failover decision is FailoverPolicy's; this class carries them out.
//
// The Connection calls attention_needed() before every command (a flag test and, for the
// "found dead before sending" rule, one non-blocking poll() of the socket) and
// prepare_command() only when it says so. Direct (non-Fabric) connections have no
// FabricRouting at all.
#pragma once

#include "driver/log/log.h"
#include "driver/mysql/session.h"
#include "driver/options/connection_options.h"
#include "driver/routing/failover_policy.h"
#include "driver/routing/fabric_route_resolver.h"
#include "driver/routing/read_consistency.h"
#include "driver/routing/replay_log.h"
#include "driver/routing/route_target.h"
#include "driver/routing/session_pool.h"
#include "driver/routing/session_state.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace fabodbc::routing {

class FabricRouting final : public mysql::ErrorObserver, public mysql::GtidObserver {
 public:
  // Throws OdbcError 08001 for bad FABRIC_* settings. `environment_position` is what the
  // connections of the environment committed (FABRIC_CONSISTENCY=ENVIRONMENT).
  FabricRouting(const FabricSettings& fabric, const ConnectSettings& base, const mysql::SessionTimeouts& timeouts,
                bool access_mode_read_only, std::shared_ptr<SharedPosition> environment_position = nullptr);
  ~FabricRouting() override;

  // SQLConnect/SQLDriverConnect: resolve and connect (attempts x delay). 08001 on failure.
  std::unique_ptr<mysql::Session> open(const SessionState& state);

  bool attention_needed(const mysql::Session& current) const noexcept {
    return pending_ || failure_ || current.lost() || current.closed_by_peer() ||
           std::chrono::steady_clock::now() >= recheck_at_ ||
           (reads_on_secondary_ && consistency_.may_need_wait(server_.uuid));
  }
  // Makes `current` the session the route wants: applies a changed route, replaces a dead
  // session (transparently, or with 40001 when a transaction was lost), leaves a demoted
  // primary. `state` is re-applied on the new session.
  void prepare_command(std::unique_ptr<mysql::Session>& current, const SessionState& state);
  // What prepare_command does before read-your-writes.
  void prepare_route(std::unique_ptr<mysql::Session>& current, const SessionState& state);

  // Route changes (the caller refuses them inside a transaction). Throw HY024 for bad values;
  // nothing changes then.
  void set_group(const std::string& group);
  void set_tables(const std::string& tables);
  void set_key(const std::string& key);
  void set_global_scope(bool global);
  void set_read_only(bool read_only);
  void reset_cache() noexcept;
  // The connection's route from now on (the "set" form of a routing hint); validated already.
  void set_target(const RouteTarget& target) { change_target(target); }
  // Routing from SQL (route_hint.h): the route of the next statement, nullopt for the
  // connection's own. `in_transaction`: a route to another server is then refused (25000,
  // nothing ran); the caller only asks the server when the route differs.
  void route_statement(const std::optional<RouteTarget>& target, bool in_transaction);

  const RouteTarget& target() const noexcept { return wanted_; }
  // The route the next command uses: a routing hint's, or the connection's.
  const RouteTarget& effective() const noexcept { return statement_target_ ? *statement_target_ : wanted_; }
  ReadConsistency& consistency() noexcept { return consistency_; }
  ReplayLog& replay() noexcept { return replay_; }
  // After a statement failed with 08S01 inside a replayable transaction (on_error noted it):
  // the next prepare_command replays the transaction on the new server. True once it did.
  bool replay_armed() const noexcept { return replay_pending_; }
  // The failed statement asks for the replay; refused (false) when it may have committed.
  bool request_replay(bool statement_may_commit) noexcept {
    replay_requested_ = replay_pending_ && FailoverPolicy::may_replay(Moment::AfterSend, true, statement_may_commit);
    return replay_requested_;
  }
  bool take_replayed() noexcept {
    const bool r = replayed_;
    replayed_ = false;
    return r;
  }
  const fabric::Server& server() const noexcept { return server_; }
  std::string server_address() const { return server_.host + ":" + std::to_string(server_.port); }
  // A warning for the application (e.g. routed from a stale cache), taken once.
  std::string take_warning();
  std::size_t pooled() const noexcept { return pool_.size(); }

  void on_error(OdbcError& error, bool was_in_transaction) noexcept override;
  void on_commit_gtid(std::string_view gtid) noexcept override { consistency_.committed(gtid); }

  // The connection's log (LOG / LOG_LEVEL): routing decisions, Fabric refreshes, failure
  // reports and failovers go there. Null (the default): nothing is logged, nothing is built.
  void set_log(const log::ConnectionLog* log) noexcept { log_ = log; }

 private:
  class Connector;
  void change_target(const RouteTarget& next);
  // Establishes the wanted route; `retire` closes the old session instead of pooling it.
  void switch_session(std::unique_ptr<mysql::Session>& current, const SessionState& state, bool retire,
                      bool connecting);
  std::unique_ptr<mysql::Session> connect_fresh(const fabric::Server& server, const SessionState& state);
  // resolver_.resolve() for wanted_, writing the decision and any Fabric refresh to the log.
  fabric::Route resolve_logged(ResolveMoment moment, bool advance_balancer = true);
  void report_logged(const fabric::Server& server, int error_code) noexcept;
  bool logging(log::Level level) const noexcept { return log_ && log_->enabled(level); }
  // Once the route's Fabric TTL has passed (and outside a transaction): is the current server
  // still the one the route wants? Follows a planned switchover or a resharding.
  void recheck(std::unique_ptr<mysql::Session>& current, const SessionState& state);
  void schedule_recheck(const fabric::Route& route);
  // Read-your-writes: before a read on a secondary, waits until it has what must be seen
  // (FABRIC_CONSISTENCY_TIMEOUT at most); then reads from the primary for this statement, or
  // fails with HYT00 (FABRIC_CONSISTENCY_FALLBACK).
  void make_consistent(std::unique_ptr<mysql::Session>& current, const SessionState& state);
  // Runs the kept statements of the lost transaction on `session` (transaction_replay.cpp).
  // False, with the reason, at the first difference or error.
  bool replay_transaction(mysql::Session& session, std::string* why);
  // After the switch to a new server inside a lost transaction: replay it, or roll back and
  // throw 40001 naming `old` and what went wrong.
  void replay_or_fail(mysql::Session& current, const fabric::Server& old);
  // The observers of the session the connection now uses (errors; commit GTIDs on primaries).
  void attach(mysql::Session& session);
  void note_server() noexcept {
    reads_on_secondary_ = effective().read_only && server_.status != fabric::ServerStatus::Primary;
  }

  FailoverPolicy policy_;
  FabricRouteResolver resolver_;
  ConnectSettings base_;
  mysql::SessionTimeouts timeouts_;
  RouteTarget wanted_;
  std::optional<RouteTarget> statement_target_;  // a routing hint's, until the next statement without one
  bool pending_ = false;  // the effective route differs from the route of the current session
  ReadConsistency consistency_;
  ReplayLog replay_;
  bool replay_pending_ = false;    // on_error: a statement failed inside a replayable transaction
  bool replay_requested_ = false;  // the statement asks for the replay (request_replay)
  bool replayed_ = false;
  bool reads_on_secondary_ = false;  // effective route READ_ONLY and the session is not on a primary
  fabric::Server server_;  // the server of the current session
  SessionPool<mysql::Session, SessionState> pool_;
  struct Failure {
    int native = 0;
  };
  std::optional<Failure> failure_;  // set by on_error: leave this server at the next command
  std::chrono::steady_clock::time_point recheck_at_ = std::chrono::steady_clock::time_point::max();
  bool busy_ = false;               // inside prepare_command: errors there are handled inline
  std::string warning_;
  const log::ConnectionLog* log_ = nullptr;
  // While a connect or a switch runs (FailoverPolicy::establish): the one FABRIC_TIMEOUT budget
  // that every resolve and failure report of all its attempts share. Null otherwise: each
  // route check or report then gets a budget of its own.
  const fabric::Deadline* fabric_deadline_ = nullptr;
};

}  // namespace fabodbc::routing
