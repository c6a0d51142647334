// The Connection's Fabric routing members: kept out of connection.cpp so the routing hooks
// there stay one line each. See fabric_routing.h for what happens on a route change or a
// failure, failover_policy.h for the rules.
#include "driver/connection/connection.h"
#include "driver/environment.h"
#include "driver/error.h"
#include "driver/routing/fabric_routing.h"
#include "driver/routing/replay_log.h"
#include "driver/routing/route_hint.h"
#include "driver/statement/statement.h"
#include "include/fabodbc.h"

#include <atomic>

namespace fabodbc {

namespace {

routing::SessionState state_of(const std::optional<std::string>& catalog, const ConnectSettings& settings,
                               bool autocommit, SQLUINTEGER isolation) {
  routing::SessionState s;
  s.database = catalog.value_or(settings.database);
  s.autocommit = autocommit;
  s.isolation = isolation;
  return s;
}

}  // namespace

std::unique_ptr<mysql::Session> Connection::open_routed(const FabricSettings& fabric, ConnectSettings& settings,
                                                        const mysql::SessionTimeouts& timeouts) {
  FabricSettings effective = fabric;
  if (preconnect_route_) preconnect_route_->apply(effective);
  auto routing = std::make_unique<routing::FabricRouting>(effective, settings, timeouts,
                                                          access_mode_ == SQL_MODE_READ_ONLY,
                                                          environment_.committed_position());
  routing->set_log(&log_);
  // Autocommit and isolation are applied by open() as for any connection.
  routing::SessionState state;
  state.database = settings.database;
  std::unique_ptr<mysql::Session> session = routing->open(state);
  settings.server = routing->server().host;
  settings.port = static_cast<unsigned>(routing->server().port);
  settings.socket.clear();
  if (std::string w = routing->take_warning(); !w.empty()) diagnostics().add("01000", w);
  routing_ = std::move(routing);
  return session;
}

void Connection::route_before_command() {
  if (!routing_->attention_needed(*session_)) return;
  // A result still streaming on the current session is read into memory first: the session
  // may be pooled or closed below. On a dead session that read fails: the cursor is closed.
  if (Statement* owner = streaming_owner_) {
    streaming_owner_ = nullptr;
    try {
      owner->release_session();
    } catch (...) {
      owner->close_cursor_quietly();
    }
  }
  const mysql::Session* before = session_.get();
  struct AfterSwitch {  // whatever prepare_command throws, describe the session we now have
    Connection& c;
    const mysql::Session* before;
    ~AfterSwitch() {
      if (c.session_.get() == before || !c.session_) return;
      ++c.session_generation_;
      c.settings_.server = c.routing_->server().host;
      c.settings_.port = static_cast<unsigned>(c.routing_->server().port);
      std::atomic_store(&c.cancel_target_, std::shared_ptr<const mysql::CancelTarget>(
                                               std::make_shared<mysql::CancelTarget>(c.session_->cancel_target())));
    }
  } after{*this, before};
  routing_->prepare_command(session_, state_of(current_catalog_, settings_, autocommit_, txn_isolation_));
  if (std::string w = routing_->take_warning(); !w.empty()) diagnostics().add("01000", w);
  note_activity();
}

// SQLEndTran(SQL_ROLLBACK) when the session died: the transaction is gone, which is what the
// rollback asks for, so the connection moves to the group's current server without the 40001
// a COMMIT (or any statement) gets. True when that happened.
bool Connection::route_rollback_lost_transaction() {
  if (!session_ || !(session_->lost() || session_->closed_by_peer())) return false;
  try {
    route_before_command();
  } catch (const OdbcError& e) {
    if (e.sqlstate() != "40001") throw;  // could not reach a server: the rollback reports that
  }
  return true;
}

// For the 25000 rule of route changes (see transaction_probe.h for why the flag alone is not
// enough in manual-commit mode; the probe needs the session free, hence the claim).
bool Connection::route_transaction_open() {
  if (!connected()) return false;
  if (session_->in_transaction()) return true;
  if (autocommit_) return false;
  claim_session(nullptr);
  return routing::transaction_open(*session_, autocommit_);
}

void Connection::route_access_mode(bool read_only) {
  if (!routing_) {  // the last of SQL_ATTR_ACCESS_MODE / SQL_ATTR_FABRIC_MODE set before connecting wins
    if (preconnect_route_) preconnect_route_->read_only = read_only;
    return;
  }
  if (read_only == routing_->target().read_only) return;
  if (route_transaction_open()) {
    throw OdbcError("25000", "SQL_ATTR_ACCESS_MODE cannot change the Fabric route inside a transaction: "
                             "commit or roll back first");
  }
  routing_->set_read_only(read_only);
}

size_t Connection::note_for_replay(int protocol, const std::string& sql, const std::vector<ParamValue>* params,
                                   int64_t affected, bool has_result) {
  if (!routing_ || !routing_->replay().enabled()) return routing::ReplayLog::npos;
  routing::ReplayLog& log = routing_->replay();
  if (!session_->in_transaction()) {  // autocommit, or the statement ended the transaction
    log.clear();
    return routing::ReplayLog::npos;
  }
  if (session_->has_more_results()) {
    log.poison("a batch or CALL with several results is not replayed");
    return routing::ReplayLog::npos;
  }
  routing::ReplayEntry e;
  e.protocol = static_cast<routing::ReplayProtocol>(protocol);
  e.sql = sql;
  if (params) e.params = *params;
  e.affected = affected;
  e.has_result = has_result;
  return log.add(std::move(e), session_->transaction_state());
}

void Connection::note_row_for_replay(size_t index, uint64_t generation, const Cell* cells, size_t count) noexcept {
  if (routing_) routing_->replay().add_row(index, generation, cells, count);
}

void Connection::set_replay_checksum(size_t index, uint64_t generation, uint64_t rows, uint64_t checksum) noexcept {
  if (routing_) routing_->replay().set_checksum(index, generation, rows, checksum);
}

void Connection::poison_replay(const char* why) {
  if (routing_ && session_ && session_->in_transaction()) routing_->replay().poison(why);
}

bool Connection::replay_enabled() const noexcept { return routing_ && routing_->replay().enabled(); }

uint64_t Connection::replay_generation() const noexcept { return routing_ ? routing_->replay().generation() : 0; }

void Connection::replay_transaction_ended() noexcept {
  if (routing_) routing_->replay().clear();
}

bool Connection::replay_after_failure(std::string_view failed_sql) {
  if (!routing_ || !routing_->replay_armed()) return false;
  // A COMMIT, or a statement that commits implicitly, may have committed on the old server:
  // that stays 08S01 (ambiguous) and nothing is replayed (FailoverPolicy::may_replay).
  if (!routing_->request_replay(routing::ReplayLog::commits(failed_sql))) return false;
  route_before_command();  // reconnects, replays (or throws 40001)
  return routing_->take_replayed();
}

bool Connection::route_statement(std::string_view sql, bool apply_set) {
  if (!routing::starts_with_route_hint(sql)) {
    if (routing_) routing_->route_statement(std::nullopt, false);
    return false;
  }
  std::optional<routing::RouteHint> hint = routing::parse_route_hint(sql);
  if (!routing_)
    throw OdbcError("HY000", "Fabric routing: the statement starts with a routing hint (" + hint->text.substr(0, 100) +
                                 ") but the connection has no Fabric routing (no FABRIC_HOST)");
  if (hint->set) {
    if (!apply_set) return !hint->statement_follows;  // SQLPrepare: the route changes when it runs
    const routing::RouteTarget next = hint->applied_to(routing_->target());
    if (next != routing_->target()) {
      if (route_transaction_open())
        throw OdbcError("25000", "Fabric routing: " + hint->text.substr(0, 100) +
                                     " cannot change the route inside a transaction: commit or roll back first");
      routing_->set_target(next);
    }
    routing_->route_statement(std::nullopt, false);
    return !hint->statement_follows;
  }
  const routing::RouteTarget target = hint->applied_to(routing_->target());
  // Asking the server whether a transaction is open costs a round trip in manual-commit
  // mode: only when the hint changes the route.
  const bool changes = target != routing_->effective();
  routing_->route_statement(target, changes && route_transaction_open());
  return false;
}

void Connection::set_fabric_attr(SQLINTEGER attribute, SQLULEN number, const std::string* text) {
  if (attribute == SQL_ATTR_FABRIC_SERVER_UUID || attribute == SQL_ATTR_FABRIC_SERVER_ADDRESS ||
      attribute == SQL_ATTR_FABRIC_LAST_GTID) {
    throw OdbcError("HY092", "the attribute is read-only");
  }
  if (!routing_ && connected()) {
    throw OdbcError("HYC00", "Fabric routing is not enabled on this connection (no FABRIC_HOST)");
  }
  if (attribute == SQL_ATTR_FABRIC_WAIT_GTID) {
    if (!text) throw OdbcError("HY009", "SQL_ATTR_FABRIC_WAIT_GTID needs a string");
    if (!routing_) throw OdbcError("HY010", "SQL_ATTR_FABRIC_WAIT_GTID is set on a connected Fabric connection");
    routing_->consistency().wait_for(*text);
    return;
  }
  if (attribute == SQL_ATTR_FABRIC_RESET_CACHE) {
    if (routing_) routing_->reset_cache();  // before connecting there is nothing cached to drop
    return;
  }
  // Validate first (HY024), then refuse inside a transaction (25000): nothing changes either way.
  if (attribute == SQL_ATTR_FABRIC_SCOPE && number != SQL_FABRIC_SCOPE_LOCAL && number != SQL_FABRIC_SCOPE_GLOBAL) {
    throw OdbcError("HY024", "SQL_ATTR_FABRIC_SCOPE must be SQL_FABRIC_SCOPE_LOCAL (0) or SQL_FABRIC_SCOPE_GLOBAL (1)");
  }
  if (attribute == SQL_ATTR_FABRIC_MODE && number != SQL_FABRIC_MODE_READ_ONLY && number != SQL_FABRIC_MODE_READ_WRITE) {
    throw OdbcError("HY024",
                    "SQL_ATTR_FABRIC_MODE must be SQL_FABRIC_MODE_READ_ONLY (1) or SQL_FABRIC_MODE_READ_WRITE (3)");
  }
  if ((attribute == SQL_ATTR_FABRIC_GROUP || attribute == SQL_ATTR_FABRIC_KEY || attribute == SQL_ATTR_FABRIC_TABLES) &&
      !text) {
    throw OdbcError("HY009", "the Fabric attribute needs a string");
  }
  if (!routing_) {  // not connected yet: kept for the connect, where it overrides FABRIC_*
    if (!preconnect_route_) preconnect_route_ = std::make_unique<routing::RouteOverrides>();
    routing::RouteOverrides& o = *preconnect_route_;
    switch (attribute) {
      case SQL_ATTR_FABRIC_GROUP: o.group = *text; break;
      case SQL_ATTR_FABRIC_KEY: o.key = *text; break;
      case SQL_ATTR_FABRIC_TABLES:
        routing::RouteTarget::parse_tables(*text, "HY024");  // validated now, parsed again at connect
        o.tables = *text;
        break;
      case SQL_ATTR_FABRIC_SCOPE: o.global_scope = number == SQL_FABRIC_SCOPE_GLOBAL; break;
      case SQL_ATTR_FABRIC_MODE:
        o.read_only = number == SQL_FABRIC_MODE_READ_ONLY;
        access_mode_ = *o.read_only ? SQL_MODE_READ_ONLY : SQL_MODE_READ_WRITE;
        break;
      default: break;
    }
    return;
  }
  if (route_transaction_open()) {
    throw OdbcError("25000", "the Fabric route cannot change inside a transaction: commit or roll back first");
  }
  switch (attribute) {
    case SQL_ATTR_FABRIC_GROUP: routing_->set_group(*text); break;
    case SQL_ATTR_FABRIC_KEY: routing_->set_key(*text); break;
    case SQL_ATTR_FABRIC_TABLES: routing_->set_tables(*text); break;
    case SQL_ATTR_FABRIC_SCOPE: routing_->set_global_scope(number == SQL_FABRIC_SCOPE_GLOBAL); break;
    case SQL_ATTR_FABRIC_MODE: {
      const bool read_only = number == SQL_FABRIC_MODE_READ_ONLY;
      routing_->set_read_only(read_only);
      access_mode_ = read_only ? SQL_MODE_READ_ONLY : SQL_MODE_READ_WRITE;  // the two stay in step
      break;
    }
    default: break;
  }
}

ConnectAttrValue Connection::get_fabric_attr(SQLINTEGER attribute) {
  ConnectAttrValue v;
  switch (attribute) {
    case SQL_ATTR_FABRIC_GROUP:
    case SQL_ATTR_FABRIC_KEY:
    case SQL_ATTR_FABRIC_TABLES:
    case SQL_ATTR_FABRIC_SERVER_UUID:
    case SQL_ATTR_FABRIC_SERVER_ADDRESS:
    case SQL_ATTR_FABRIC_LAST_GTID:
    case SQL_ATTR_FABRIC_WAIT_GTID:
      v.is_string = true;
      break;
    default:
      break;
  }
  if (!routing_) {  // not connected (what was set for the connect) or a direct connection
    const routing::RouteOverrides* o = connected() ? nullptr : preconnect_route_.get();
    switch (attribute) {
      case SQL_ATTR_FABRIC_GROUP: v.text = o && o->group ? *o->group : ""; break;
      case SQL_ATTR_FABRIC_KEY: v.text = o && o->key ? *o->key : ""; break;
      case SQL_ATTR_FABRIC_TABLES: v.text = o && o->tables ? *o->tables : ""; break;
      case SQL_ATTR_FABRIC_SCOPE:
        v.number = o && o->global_scope && *o->global_scope ? SQL_FABRIC_SCOPE_GLOBAL : SQL_FABRIC_SCOPE_LOCAL;
        break;
      case SQL_ATTR_FABRIC_MODE:
        v.number = (o && o->read_only && *o->read_only) || access_mode_ == SQL_MODE_READ_ONLY
                       ? SQL_FABRIC_MODE_READ_ONLY
                       : SQL_FABRIC_MODE_READ_WRITE;
        break;
      default: break;
    }
    return v;
  }
  const routing::RouteTarget& t = routing_->target();
  switch (attribute) {
    case SQL_ATTR_FABRIC_GROUP: v.text = t.group; break;
    case SQL_ATTR_FABRIC_KEY: v.text = t.key; break;
    case SQL_ATTR_FABRIC_TABLES: v.text = t.tables_text(); break;
    case SQL_ATTR_FABRIC_SCOPE: v.number = t.global_scope ? SQL_FABRIC_SCOPE_GLOBAL : SQL_FABRIC_SCOPE_LOCAL; break;
    case SQL_ATTR_FABRIC_MODE: v.number = t.read_only ? SQL_FABRIC_MODE_READ_ONLY : SQL_FABRIC_MODE_READ_WRITE; break;
    case SQL_ATTR_FABRIC_LAST_GTID: v.text = routing_->consistency().last_committed(); break;
    case SQL_ATTR_FABRIC_WAIT_GTID: v.text = routing_->consistency().waiting_for(); break;
    case SQL_ATTR_FABRIC_SERVER_UUID:
    case SQL_ATTR_FABRIC_SERVER_ADDRESS:
      // The server the next statement will use: a route change made since the last statement
      // is applied now.
      if (connected()) claim_session(nullptr);
      v.text = attribute == SQL_ATTR_FABRIC_SERVER_UUID ? routing_->server().uuid : routing_->server_address();
      break;
    default:
      break;  // SQL_ATTR_FABRIC_RESET_CACHE is write-only: reads answer 0
  }
  return v;
}

}  // namespace fabodbc
