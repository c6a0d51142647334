#include "driver/connection/connection.h"

#include "driver/descriptor/descriptor.h"
#include "driver/environment.h"
#include "driver/error.h"
#include "driver/options/keywords.h"
#include "driver/sql/escape_translator.h"
#include "driver/routing/fabric_routing.h"
#include "driver/statement/statement.h"
#include "include/fabodbc.h"

#include <algorithm>
#include <atomic>

namespace fabodbc {

namespace {

// The canonical spelling of a keyword as the keyword table has it.
std::string canonical(std::string_view name) {
  const KeywordDef* k = find_keyword(name);
  return std::string(k ? k->name : name);
}

SQLULEN as_number(SQLPOINTER value) { return static_cast<SQLULEN>(reinterpret_cast<uintptr_t>(value)); }

constexpr auto kIdleBeforePing = std::chrono::seconds(10);

}  // namespace

Connection::Connection(Environment& environment) : Handle(SQL_HANDLE_DBC), environment_(environment) {}

Connection::~Connection() {
  for (Statement* s : statements_) delete s;
  for (Descriptor* d : descriptors_) delete d;
}

void Connection::connect(const std::string& dsn, const std::string& user, const std::string& password) {
  if (connected()) throw OdbcError("08002", "the connection is already open");
  std::vector<std::string> notes;
  ConnectionOptions options;
  options.set(canonical("DSN"), dsn);
  if (!user.empty()) options.set(canonical("UID"), user);
  if (!password.empty()) options.set(canonical("PWD"), password);
  options.merge_dsn(dsn, &notes);
  open(options, notes);
}

std::string Connection::driver_connect(std::string_view connection_string, SQLUSMALLINT completion) {
  if (connected()) throw OdbcError("08002", "the connection is already open");
  switch (completion) {
    case SQL_DRIVER_NOPROMPT: case SQL_DRIVER_COMPLETE: case SQL_DRIVER_PROMPT:
    case SQL_DRIVER_COMPLETE_REQUIRED:
      break;  // no dialog exists on this platform: every mode connects with what was given
    default:
      throw OdbcError("HY110", "invalid driver completion value");
  }
  std::vector<std::string> notes;
  ConnectionOptions options = ConnectionOptions::parse(connection_string, &notes);
  if (auto dsn = options.get(canonical("DSN")); dsn && !dsn->empty()) options.merge_dsn(*dsn, &notes);
  open(options, notes);
  // The string as the application gave it (up to its first NUL), as both incumbent drivers
  // return it: with no dialog nothing was completed, its length is the one applications
  // expect, and the DSN's own values (its password) are not copied into the application's buffer.
  return std::string(connection_string);
}

void Connection::open(const ConnectionOptions& options, std::vector<std::string>& notes) {
  log_ = log::ConnectionLog::from(options, log::next_connection_id());
  if (log_.enabled(log::Level::Debug)) log_.write(log::Level::Debug, "connect", options.to_masked_string());
  const auto started = std::chrono::steady_clock::now();
  try {
    open_session(options, notes);
  } catch (const OdbcError& e) {
    log_.error("connect", std::string("failed: ") + e.sqlstate() + " " + e.what());
    throw;
  }
  if (log_.enabled(log::Level::Info)) {
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    char took[32];
    std::snprintf(took, sizeof took, "%.1f ms", ms);
    const std::string where = settings_.socket.empty() ? settings_.server + ":" + std::to_string(settings_.port)
                                                       : settings_.socket;
    log_.info("connect", "connected to " + where + (routing_ ? " (Fabric route)" : "") + " as " + settings_.user +
                             ", database " + (settings_.database.empty() ? "(none)" : settings_.database) +
                             ", server " + session_->server_version() + ", in " + took);
  }
}

void Connection::open_session(const ConnectionOptions& options, std::vector<std::string>& notes) {
  ConnectSettings settings = ConnectSettings::from(options);
  settings.wide_text = !ansi_application_;
  diagnostics().set_secret(settings.password);
  if (settings.database.empty() && current_catalog_) settings.database = *current_catalog_;
  mysql::SessionTimeouts timeouts;
  timeouts.connect_seconds = login_timeout_;
  std::unique_ptr<mysql::Session> session;
  if (FabricSettings fabric = FabricSettings::from(options); fabric.enabled()) {
    session = open_routed(fabric, settings, timeouts);  // FABRIC_HOST: the route picks the server
  } else {
    session = std::make_unique<mysql::Session>();
    session->connect(settings, timeouts);
  }
  session_ = std::move(session);
  settings_ = std::move(settings);
  dsn_ = options.get(canonical("DSN")).value_or("");
  try {
    // Attributes the application set before connecting.
    if (!autocommit_) session_->set_autocommit(false);
    if (txn_isolation_ != 0) apply_isolation(txn_isolation_);
    if (!routing_ && access_mode_ == SQL_MODE_READ_ONLY) apply_access_mode(true);
  } catch (...) {
    session_.reset();
    routing_.reset();
    throw;
  }
  current_catalog_ = settings_.database;
  std::atomic_store(&cancel_target_,
                    std::shared_ptr<const mysql::CancelTarget>(
                        std::make_shared<mysql::CancelTarget>(session_->cancel_target())));
  note_activity();
  for (const std::string& note : notes) diagnostics().add("01S00", note);
  if (settings_.auto_reconnect) {
    diagnostics().add("01000", "AUTO_RECONNECT is not honoured: reconnecting silently would lose the session's "
                               "autocommit, isolation, temporary tables and variables; a lost connection is "
                               "reported (08S01) and the application reconnects");
  }
}

void Connection::disconnect() {
  if (!session_ && cancel_browse()) return;
  if (!session_) throw OdbcError("08003", "the connection is not open");
  for (Statement* s : statements_) s->close_cursor_quietly();
  streaming_owner_ = nullptr;
  // An open transaction is rolled back by the server when the session ends.
  session_->close();
  session_.reset();
  routing_.reset();  // closes the sessions it kept idle
  if (log_.enabled(log::Level::Info))
    log_.info("disconnect", "closed the connection to " +
                                (settings_.socket.empty() ? settings_.server + ":" + std::to_string(settings_.port)
                                                          : settings_.socket));
  std::atomic_store(&cancel_target_, std::shared_ptr<const mysql::CancelTarget>());
}

mysql::Session& Connection::session() {
  if (!session_ || !session_->is_open()) throw OdbcError("08003", "the connection is not open");
  return *session_;
}

void Connection::claim_session(Statement* requester) {
  if (routing_ && session_) route_before_command();  // Fabric: switch/recover before the command
  Statement* owner = streaming_owner_;
  if (owner && owner != requester) {
    streaming_owner_ = nullptr;
    owner->release_session();
  }
}

std::shared_ptr<const mysql::CancelTarget> Connection::cancel_target() const {
  return std::atomic_load(&cancel_target_);
}

bool Connection::is_string_attribute(SQLINTEGER attribute) noexcept {
  return attribute == SQL_ATTR_CURRENT_CATALOG || attribute == SQL_ATTR_TRACEFILE ||
         attribute == SQL_ATTR_TRANSLATE_LIB || attribute == SQL_ATTR_FABRIC_GROUP ||
         attribute == SQL_ATTR_FABRIC_KEY || attribute == SQL_ATTR_FABRIC_TABLES ||
         attribute == SQL_ATTR_FABRIC_LAST_GTID || attribute == SQL_ATTR_FABRIC_WAIT_GTID;
}

void Connection::apply_access_mode(bool read_only) {
  claim_session(nullptr);
  session_->send_query(read_only ? "SET SESSION TRANSACTION READ ONLY" : "SET SESSION TRANSACTION READ WRITE");
}

void Connection::apply_isolation(SQLUINTEGER level) {
  const char* name = nullptr;
  switch (level) {
    case SQL_TXN_READ_UNCOMMITTED: name = "READ UNCOMMITTED"; break;
    case SQL_TXN_READ_COMMITTED: name = "READ COMMITTED"; break;
    case SQL_TXN_REPEATABLE_READ: name = "REPEATABLE READ"; break;
    case SQL_TXN_SERIALIZABLE: name = "SERIALIZABLE"; break;
    default: throw OdbcError("HY024", "invalid SQL_ATTR_TXN_ISOLATION value");
  }
  claim_session(nullptr);
  session_->send_query(std::string("SET SESSION TRANSACTION ISOLATION LEVEL ") + name);
}

SQLUINTEGER Connection::read_isolation() {
  claim_session(nullptr);
  session().send_query(session_->is_mariadb() ? "SELECT @@SESSION.tx_isolation"
                                              : "SELECT @@SESSION.transaction_isolation");
  auto result = session_->store_result();
  std::string value;
  if (result && result->next() && result->row()[0].kind == Cell::Kind::Text) {
    value.assign(result->row()[0].data, result->row()[0].length);
  }
  if (value == "READ-UNCOMMITTED") return SQL_TXN_READ_UNCOMMITTED;
  if (value == "READ-COMMITTED") return SQL_TXN_READ_COMMITTED;
  if (value == "SERIALIZABLE") return SQL_TXN_SERIALIZABLE;
  return SQL_TXN_REPEATABLE_READ;
}

void Connection::set_attr(SQLINTEGER attribute, SQLPOINTER value, const std::string* text) {
  const SQLULEN number = as_number(value);
  switch (attribute) {
    case SQL_ATTR_AUTOCOMMIT: {
      if (number != SQL_AUTOCOMMIT_ON && number != SQL_AUTOCOMMIT_OFF) {
        throw OdbcError("HY024", "SQL_ATTR_AUTOCOMMIT must be SQL_AUTOCOMMIT_ON or SQL_AUTOCOMMIT_OFF");
      }
      bool on = number == SQL_AUTOCOMMIT_ON;
      if (connected()) autocommit_ = session_->autocommit();  // SET autocommit in SQL counts too
      if (connected() && on != autocommit_) {
        claim_session(nullptr);
        session_->set_autocommit(on);  // turning it on commits the open transaction, as ODBC wants
      }
      autocommit_ = on;
      return;
    }
    case SQL_ATTR_ACCESS_MODE:
      if (number != SQL_MODE_READ_ONLY && number != SQL_MODE_READ_WRITE) {
        throw OdbcError("HY024", "invalid SQL_ATTR_ACCESS_MODE value");
      }
      // Routed connections pick a secondary for read-only work (connection_routing.cpp); a
      // direct connection makes the session itself read-only, so writes are refused (25006).
      route_access_mode(number == SQL_MODE_READ_ONLY);  // Fabric READ_ONLY / READ_WRITE
      if (!routing_ && connected() && number != access_mode_) apply_access_mode(number == SQL_MODE_READ_ONLY);
      access_mode_ = static_cast<SQLUINTEGER>(number);
      return;
    case SQL_ATTR_CURRENT_CATALOG: {
      if (!text) throw OdbcError("HY009", "SQL_ATTR_CURRENT_CATALOG needs a string");
      if (connected()) {
        claim_session(nullptr);
        session_->select_db(*text);
      }
      current_catalog_ = *text;
      return;
    }
    case SQL_ATTR_LOGIN_TIMEOUT:
      login_timeout_ = static_cast<SQLUINTEGER>(number);
      return;
    case SQL_ATTR_CONNECTION_TIMEOUT:
      // Stored and reported; the socket read timeout would also cut off long queries, so
      // READ_TIMEOUT/WRITE_TIMEOUT in the connection string are the knobs for the wire.
      connection_timeout_ = static_cast<SQLUINTEGER>(number);
      return;
    case SQL_ATTR_TXN_ISOLATION: {
      auto level = static_cast<SQLUINTEGER>(number);
      if (connected()) {
        // Inside a transaction too, as both incumbent drivers allow: the session's level
        // applies from the next transaction on; the open one keeps its own.
        apply_isolation(level);
      } else if (level != SQL_TXN_READ_UNCOMMITTED && level != SQL_TXN_READ_COMMITTED &&
                 level != SQL_TXN_REPEATABLE_READ && level != SQL_TXN_SERIALIZABLE) {
        throw OdbcError("HY024", "invalid SQL_ATTR_TXN_ISOLATION value");
      }
      txn_isolation_ = level;
      return;
    }
    case SQL_ATTR_PACKET_SIZE:
      if (connected()) throw OdbcError("HY011", "SQL_ATTR_PACKET_SIZE can only be set before connecting");
      packet_size_ = static_cast<SQLUINTEGER>(number);
      return;
    case SQL_ATTR_METADATA_ID:
      metadata_id_ = static_cast<SQLUINTEGER>(number);
      return;
    case SQL_ATTR_ASYNC_ENABLE:
      // As both incumbents answer: 01S02, the value stays SQL_ASYNC_ENABLE_OFF.
      if (number != SQL_ASYNC_ENABLE_OFF) {
        diagnostics().add("01S02", "asynchronous execution is not supported: SQL_ATTR_ASYNC_ENABLE stays SQL_ASYNC_ENABLE_OFF");
      }
      return;
    case SQL_ATTR_QUIET_MODE:
      return;  // no dialogs are ever shown
    case SQL_ATTR_RESET_CONNECTION:
      if (number != SQL_RESET_CONNECTION_YES) throw OdbcError("HY024", "SQL_ATTR_RESET_CONNECTION takes SQL_RESET_CONNECTION_YES");
      reset_connection();
      return;
    case SQL_ATTR_CONNECTION_DEAD:
    case SQL_ATTR_AUTO_IPD:
      throw OdbcError("HY092", "the attribute is read-only");
    case SQL_ATTR_TRACE: case SQL_ATTR_TRACEFILE: case SQL_ATTR_TRANSLATE_LIB:
    case SQL_ATTR_TRANSLATE_OPTION: case SQL_ATTR_ODBC_CURSORS:
      throw OdbcError("HYC00", "the attribute is handled by the driver manager, not by this driver");
    case SQL_ATTR_FABRIC_GROUP: case SQL_ATTR_FABRIC_KEY: case SQL_ATTR_FABRIC_TABLES: case SQL_ATTR_FABRIC_SCOPE:
    case SQL_ATTR_FABRIC_MODE: case SQL_ATTR_FABRIC_SERVER_UUID: case SQL_ATTR_FABRIC_SERVER_ADDRESS:
    case SQL_ATTR_FABRIC_RESET_CACHE: case SQL_ATTR_FABRIC_LAST_GTID: case SQL_ATTR_FABRIC_WAIT_GTID:
      set_fabric_attr(attribute, number, text);
      return;
    default:
      throw OdbcError("HY092", "unknown connection attribute " + std::to_string(attribute));
  }
}

ConnectAttrValue Connection::get_attr(SQLINTEGER attribute) {
  ConnectAttrValue v;
  switch (attribute) {
    case SQL_ATTR_AUTOCOMMIT:
      // SET autocommit in SQL changes it behind the attribute: the server's last reply tells.
      if (connected()) autocommit_ = session_->autocommit();
      v.number = autocommit_ ? SQL_AUTOCOMMIT_ON : SQL_AUTOCOMMIT_OFF;
      break;
    case SQL_ATTR_ACCESS_MODE: v.number = access_mode_; break;
    case SQL_ATTR_LOGIN_TIMEOUT: v.number = login_timeout_; break;
    case SQL_ATTR_CONNECTION_TIMEOUT: v.number = connection_timeout_; break;
    case SQL_ATTR_PACKET_SIZE: v.number = packet_size_; break;
    case SQL_ATTR_METADATA_ID: v.number = metadata_id_; break;
    case SQL_ATTR_ASYNC_ENABLE: v.number = SQL_ASYNC_ENABLE_OFF; break;
    case SQL_ATTR_AUTO_IPD: v.number = SQL_FALSE; break;
    case SQL_ATTR_TXN_ISOLATION:
      // Asked each time: SET SESSION TRANSACTION ISOLATION LEVEL in SQL changes it too.
      if (connected()) txn_isolation_ = read_isolation();
      v.number = txn_isolation_ ? txn_isolation_ : SQL_TXN_REPEATABLE_READ;
      break;
    case SQL_ATTR_CONNECTION_DEAD: {
      // Cheap unless the connection sat idle: a known loss or a missing session answers at
      // once; only an idle connection is pinged.
      bool dead = !connected() || session_->lost();
      // A session the server closed (KILL, wait_timeout, a crash) has left EOF on the socket:
      // seen without a round trip when nothing streams on it.
      if (!dead && !streaming_owner_) dead = session_->closed_by_peer();
      if (!dead && std::chrono::steady_clock::now() - last_activity_ > kIdleBeforePing) {
        claim_session(nullptr);
        dead = !session_->ping();
        if (!dead) note_activity();
      }
      v.number = dead ? SQL_CD_TRUE : SQL_CD_FALSE;
      break;
    }
    case SQL_ATTR_CURRENT_CATALOG: {
      v.is_string = true;
      if (connected()) {
        // USE statements change it behind our back: ask the server.
        claim_session(nullptr);
        session_->send_query("SELECT DATABASE()");
        auto result = session_->store_result();
        if (result && result->next() && result->row()[0].kind == Cell::Kind::Text) {
          current_catalog_ = std::string(result->row()[0].data, result->row()[0].length);
        } else {
          current_catalog_ = std::string();
        }
      }
      v.text = current_catalog_.value_or("");
      break;
    }
    case SQL_ATTR_FABRIC_GROUP: case SQL_ATTR_FABRIC_KEY: case SQL_ATTR_FABRIC_TABLES: case SQL_ATTR_FABRIC_SCOPE:
    case SQL_ATTR_FABRIC_MODE: case SQL_ATTR_FABRIC_SERVER_UUID: case SQL_ATTR_FABRIC_SERVER_ADDRESS:
    case SQL_ATTR_FABRIC_RESET_CACHE: case SQL_ATTR_FABRIC_LAST_GTID: case SQL_ATTR_FABRIC_WAIT_GTID:
      return get_fabric_attr(attribute);
    default:
      throw OdbcError("HY092", "unknown connection attribute " + std::to_string(attribute));
  }
  return v;
}

void Connection::end_transaction(SQLSMALLINT completion) {
  if (completion != SQL_COMMIT && completion != SQL_ROLLBACK) {
    throw OdbcError("HY012", "CompletionType must be SQL_COMMIT or SQL_ROLLBACK");
  }
  // Fabric: a rollback of a transaction that died with its server has nothing left to do.
  if (routing_ && completion == SQL_ROLLBACK && route_rollback_lost_transaction()) return;
  claim_session(nullptr);
  if (completion == SQL_COMMIT) {
    session().commit();
  } else {
    session().rollback();
  }
  note_activity();
  replay_transaction_ended();
}

Statement* Connection::allocate_statement() {
  if (!connected()) throw OdbcError("08003", "the connection is not open");
  auto statement = std::make_unique<Statement>(*this);
  statements_.push_back(statement.get());
  return statement.release();
}

void Connection::free_statement(Statement* statement) {
  if (streaming_owner_ == statement) streaming_owner_ = nullptr;
  statements_.erase(std::remove(statements_.begin(), statements_.end(), statement), statements_.end());
  delete statement;
}

Descriptor* Connection::allocate_descriptor() {
  if (!connected()) throw OdbcError("08003", "the connection is not open");
  auto descriptor = std::make_unique<Descriptor>(*this, Descriptor::Role::Explicit);
  descriptors_.push_back(descriptor.get());
  return descriptor.release();
}

void Connection::free_descriptor(Descriptor* descriptor) {
  // Statements using it fall back to their implicit descriptors.
  for (Statement* s : statements_) s->forget_descriptor(descriptor);
  descriptors_.erase(std::remove(descriptors_.begin(), descriptors_.end(), descriptor), descriptors_.end());
  delete descriptor;
}

bool Connection::owns_descriptor(const Descriptor* descriptor) const {
  return std::find(descriptors_.begin(), descriptors_.end(), descriptor) != descriptors_.end();
}

std::optional<InfoValue> Connection::info(SQLUSMALLINT info_type) {
  if (is_function_mask_info_type(info_type)) {
    InfoValue v;
    v.kind = InfoValue::Kind::UInt32;
    v.number = supported_function_mask(info_type);
    return v;
  }
  InfoContext context = info_context();
  if (info_type == SQL_IDENTIFIER_QUOTE_CHAR && connected()) {
    // SET sql_mode can turn ANSI_QUOTES on at any time: asked when the application asks.
    claim_session(nullptr);
    session_->send_query("SELECT @@SESSION.sql_mode");
    std::unique_ptr<ResultSet> result = session_->store_result();
    if (result && result->next() && result->row()[0].kind == Cell::Kind::Text) {
      context.ansi_quotes = std::string_view(result->row()[0].data, result->row()[0].length).find("ANSI_QUOTES") !=
                            std::string_view::npos;
    }
  }
  return get_info_value(info_type, context);
}

std::string Connection::native_sql(std::string_view sql) {
  EscapeOptions options;
  if (connected()) options.backslash_escapes = !session_->no_backslash_escapes();
  return translate_escapes(sql, options);
}

InfoContext Connection::info_context() const {
  InfoContext c;
  if (session_ && session_->is_open()) {
    c.dbms_name = session_->is_mariadb() ? "MariaDB" : "MySQL";
    c.dbms_version = session_->server_version();
  }
  c.database = current_catalog_.value_or(settings_.database);
  c.user = settings_.user;
  c.dsn = dsn_;
  c.server_host = settings_.server;
  c.read_only = false;
  // A second statement may run while a result streams: the streaming one is buffered first
  // (Connection::claim_session), so there is no limit on active statements to report.
  c.streaming = false;
  c.multi_statements = settings_.multi_statements;
  c.forward_only = settings_.forward_only;
  return c;
}

}  // namespace fabodbc
