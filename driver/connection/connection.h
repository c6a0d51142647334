// The connection handle: options from the DSN and the connection string, the MySQL session,
// connection attributes (stored before connect, applied on connect and when changed), and the
// statements and descriptors allocated on it.
#pragma once

#include "driver/convert/convert.h"
#include "driver/handle.h"
#include "driver/info/info_values.h"
#include "driver/log/log.h"
#include "driver/mysql/session.h"
#include "driver/options/connection_options.h"

#include <sql.h>
#include <sqlext.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fabodbc {

class Environment;
class Statement;
class Descriptor;
namespace routing {
class FabricRouting;
struct RouteOverrides;
}

// The value of a connection attribute as SQLGetConnectAttr reports it.
struct ConnectAttrValue {
  bool is_string = false;
  SQLULEN number = 0;
  std::string text;  // UTF-8
};

class Connection : public Handle {
 public:
  explicit Connection(Environment& environment);
  ~Connection();

  std::mutex& mutex() noexcept { return mutex_; }
  Environment& environment() noexcept { return environment_; }

  // Whether the application connects through the ANSI entry points (SQLConnect,
  // SQLDriverConnect, SQLBrowseConnect) or the W ones: an ANSI application sees text columns
  // as SQL_CHAR/SQL_VARCHAR/SQL_LONGVARCHAR, as with both incumbent drivers.
  void set_ansi_application(bool ansi) noexcept { ansi_application_ = ansi; }
  bool ansi_application() const noexcept { return ansi_application_; }
  // SQLConnect: DSN from odbc.ini, user and password override it when given.
  void connect(const std::string& dsn, const std::string& user, const std::string& password);
  // SQLDriverConnect: returns the completed connection string.
  std::string driver_connect(std::string_view connection_string, SQLUSMALLINT completion);
  // SQLBrowseConnect: SQL_NEED_DATA with what is still needed in `out`, or SQL_SUCCESS with
  // the completed connection string once connected (driver/connection/connection_browse.cpp).
  SQLRETURN browse_connect(std::string_view connection_string, std::string* out);
  // SQLDisconnect during a browse: ends it. False when no browse was in progress.
  bool cancel_browse() noexcept;
  void disconnect();
  bool connected() const noexcept { return session_ && session_->is_open(); }

  static bool is_string_attribute(SQLINTEGER attribute) noexcept;
  // `text` carries the value of string attributes (UTF-8); `value` the others.
  void set_attr(SQLINTEGER attribute, SQLPOINTER value, const std::string* text);
  ConnectAttrValue get_attr(SQLINTEGER attribute);

  void end_transaction(SQLSMALLINT completion);

  Statement* allocate_statement();
  void free_statement(Statement* statement);
  Descriptor* allocate_descriptor();
  void free_descriptor(Descriptor* descriptor);
  bool owns_descriptor(const Descriptor* descriptor) const;

  // The session, for statements. 08003 when not connected.
  mysql::Session& session();
  // Makes the session free for a new command: a result still streaming for another statement
  // is buffered (so both stay readable), with the extra results of its batch or CALL.
  void claim_session(Statement* requester);
  // The statement whose result is still streaming on the session (or nullptr).
  void set_streaming_owner(Statement* owner) noexcept { streaming_owner_ = owner; }
  Statement* streaming_owner() const noexcept { return streaming_owner_; }
  void note_activity() noexcept { last_activity_ = std::chrono::steady_clock::now(); }
  // Routing from SQL (driver/routing/route_hint.h), before each statement: a hint at the start
  // of `sql` routes it (or, with "set", the connection from now on, when `apply_set`); no hint
  // returns the connection to its own route. True when the text is nothing but a "set" hint
  // (nothing to send). Throws 42000 / HY000 "Fabric routing:" for a bad hint, 25000 for one
  // that needs another server inside a transaction. Direct connections: one prefix test.
  bool route_statement(std::string_view sql, bool apply_set = true);
  // Transaction replay (FABRIC_REPLAY, driver/routing/replay_log.h). A statement that ran:
  // kept while a transaction is open (its index, or npos), forgotten otherwise. The rows the
  // application fetches from it go into its checksum. A command the log cannot see makes the
  // transaction unreplayable (poison_replay). After a statement failed with a lost connection,
  // replay_after_failure(sql) reconnects and replays; true when the statement may run again.
  size_t note_for_replay(int protocol, const std::string& sql, const std::vector<ParamValue>* params,
                         int64_t affected, bool has_result);
  void note_row_for_replay(size_t index, uint64_t generation, const Cell* cells, size_t count) noexcept;
  void set_replay_checksum(size_t index, uint64_t generation, uint64_t rows, uint64_t checksum) noexcept;
  void poison_replay(const char* why);
  uint64_t replay_generation() const noexcept;
  bool replay_after_failure(std::string_view failed_sql);
  bool replay_enabled() const noexcept;
  void replay_transaction_ended() noexcept;
  // Changes whenever Fabric routing replaces the session: statements prepared on an older one
  // prepare again before executing.
  uint64_t session_generation() const noexcept { return session_generation_; }

  // For SQLCancel from another thread: a copy that stays valid without the connection lock.
  std::shared_ptr<const mysql::CancelTarget> cancel_target() const;

  InfoContext info_context() const;
  // The LOG / LOG_LEVEL log of this connection (off unless LOG is set).
  const log::ConnectionLog& log() const noexcept { return log_; }
  // SQLGetInfo: the info table, with the scalar-function and CONVERT masks taken from what the
  // escape translator (driver/sql) accepts. nullopt for an unknown info type.
  // Not const: SQL_IDENTIFIER_QUOTE_CHAR asks the server whether sql_mode has ANSI_QUOTES.
  std::optional<InfoValue> info(SQLUSMALLINT info_type);
  // SQLNativeSql: the text with ODBC escape sequences translated, as it would be sent.
  std::string native_sql(std::string_view sql);
  const ConnectSettings& settings() const noexcept { return settings_; }
  const std::vector<Statement*>& statements() const noexcept { return statements_; }
  SQLULEN default_query_timeout() const noexcept { return 0; }
  bool autocommit() const noexcept { return autocommit_; }

 private:
  // Connects and writes the outcome to the connection's log; open_session does the work.
  void open(const ConnectionOptions& options, std::vector<std::string>& notes);
  void open_session(const ConnectionOptions& options, std::vector<std::string>& notes);
  SQLRETURN browse_round(std::string_view connection_string, std::string* out);
  // The databases the user may see, from a short-lived session (SQLBrowseConnect's list).
  std::vector<std::string> list_databases(const ConnectionOptions& options);
  // Fabric routing (driver/routing/connection_routing.cpp). routing_ is null for direct
  // connections, so the per-command hook costs them one null check.
  std::unique_ptr<mysql::Session> open_routed(const FabricSettings& fabric, ConnectSettings& settings,
                                              const mysql::SessionTimeouts& timeouts);
  void route_before_command();
  void set_fabric_attr(SQLINTEGER attribute, SQLULEN number, const std::string* text);
  ConnectAttrValue get_fabric_attr(SQLINTEGER attribute);
  void route_access_mode(bool read_only);
  bool route_rollback_lost_transaction();
  bool route_transaction_open();
  void apply_isolation(SQLUINTEGER level);
  void apply_access_mode(bool read_only);  // direct connections: SET SESSION TRANSACTION READ ONLY/WRITE
  SQLUINTEGER read_isolation();
  // SQL_ATTR_RESET_CONNECTION (driver-manager pooling): the session and the attributes back to
  // how SQLConnect/SQLDriverConnect left them (driver/connection/connection_reset.cpp).
  void reset_connection();

  std::mutex mutex_;
  Environment& environment_;
  std::unique_ptr<mysql::Session> session_;
  log::ConnectionLog log_;  // before routing_, which points at it
  std::unique_ptr<routing::FabricRouting> routing_;  // declared after session_: destroyed first
  std::unique_ptr<routing::RouteOverrides> preconnect_route_;  // Fabric attributes set before connecting
  ConnectSettings settings_;
  std::string dsn_;
  // What the rounds of SQLBrowseConnect have gathered so far; null when no browse is going on.
  struct BrowseState {
    ConnectionOptions options;
    bool databases_offered = false;
  };
  std::unique_ptr<BrowseState> browse_;
  std::shared_ptr<const mysql::CancelTarget> cancel_target_;
  std::vector<Statement*> statements_;
  std::vector<Descriptor*> descriptors_;
  Statement* streaming_owner_ = nullptr;
  uint64_t session_generation_ = 0;
  std::chrono::steady_clock::time_point last_activity_{};

  // Attributes.
  bool autocommit_ = true;
  bool ansi_application_ = false;
  SQLUINTEGER access_mode_ = SQL_MODE_READ_WRITE;
  SQLUINTEGER login_timeout_ = 0;
  SQLUINTEGER connection_timeout_ = 0;
  SQLUINTEGER txn_isolation_ = 0;  // 0: server default, not read yet
  SQLUINTEGER packet_size_ = 0;
  SQLUINTEGER metadata_id_ = SQL_FALSE;
  std::optional<std::string> current_catalog_;  // set before connect or via the attribute
};

}  // namespace fabodbc
