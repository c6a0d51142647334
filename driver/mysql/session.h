// One MySQL/MariaDB session: RAII over MYSQL*. The only door to libmysqlclient besides
// prepared_statement.h; neither header includes mysql.h, so the rest of the driver (and the
// failover policy's unit tests later) never sees it. Errors throw OdbcError whose native code
// is the client/server error number (classify it with classify_mysql_error()).
#pragma once

#include "driver/error.h"
#include "driver/options/connection_options.h"
#include "driver/results/result_set.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace fabodbc::mysql {

class PreparedStatement;

// Lets the routing layer (driver/routing) see connection-class errors as they are raised, so
// a lost connection or a demoted primary is acted on in one place, and may re-label the error
// (e.g. 1290 from a demoted primary becomes 40001). `was_in_transaction` is the server's
// in-transaction flag as of the last reply before the failure. Unset for direct connections:
// then it costs one null check on the error path only.
class ErrorObserver {
 public:
  virtual ~ErrorObserver() = default;
  virtual void on_error(OdbcError& error, bool was_in_transaction) noexcept = 0;
};

// Hears the GTID of every transaction the session commits, from the replies themselves (the
// server's session tracker: MariaDB's last_gtid, MySQL's session_track_gtids): no extra round
// trip. For read-your-writes on secondaries (driver/routing/read_consistency.h).
class GtidObserver {
 public:
  virtual ~GtidObserver() = default;
  virtual void on_commit_gtid(std::string_view gtid) noexcept = 0;
};

// Timeouts that come from ODBC attributes rather than from the connection string.
struct SessionTimeouts {
  unsigned connect_seconds = 0;  // SQL_ATTR_LOGIN_TIMEOUT (0: CONN_TIMEOUT keyword / library default)
};

// What SQLCancel needs to reach the server the statement runs on, copied at connect so it can
// be used from another thread without touching the session.
struct CancelTarget {
  ConnectSettings settings;     // host/port/credentials/TLS of the connected server
  unsigned long thread_id = 0;  // the server's connection id
};

class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Once per process, before any thread uses the library.
  static void global_init();

  void connect(const ConnectSettings& settings, const SessionTimeouts& timeouts);
  void close() noexcept;
  bool is_open() const noexcept;

  // Text protocol. After send_query(), take the first result with use_result()/store_result();
  // nullptr means the statement produced no result set (see affected_rows()).
  void send_query(std::string_view sql);
  std::unique_ptr<ResultSet> use_result();    // streams: one row in memory at a time
  std::unique_ptr<ResultSet> store_result();  // reads everything (small results)
  bool has_more_results() const noexcept;
  // Moves to the next result of a multi-result reply; false when there is none.
  bool next_result();
  int64_t affected_rows() const noexcept;

  std::unique_ptr<PreparedStatement> prepare(std::string_view sql);
  // Prepare and execute in one round trip (MariaDB's mariadb_stmt_execute_direct; MariaDB
  // servers only): the rows come through the binary protocol. A failure at the prepare step
  // throws PrepareFailed (the statement has not run); any later failure an OdbcError.
  struct PrepareFailed : OdbcError {
    explicit PrepareFailed(OdbcError e) : OdbcError(std::move(e)) {}
  };
  std::unique_ptr<PreparedStatement> execute_direct(std::string_view sql);

  void set_autocommit(bool on);
  void commit();
  void rollback();
  void select_db(const std::string& database);

  unsigned long thread_id() const noexcept;
  const CancelTarget& cancel_target() const noexcept;
  std::string server_version() const;
  bool is_mariadb() const noexcept;
  bool no_backslash_escapes() const noexcept;
  bool in_transaction() const noexcept;
  // Whether autocommit is on, as the server's last reply says (SET autocommit in SQL included).
  bool autocommit() const noexcept;
  unsigned max_bytes_per_char() const noexcept;
  // The collation of INFORMATION_SCHEMA's TABLE_SCHEMA and TABLE_NAME ("utf8mb3_general_ci"
  // on MariaDB): asked on first use (one round trip, no table is read), then remembered until
  // the connection closes; it is the server's system character set, fixed while connected.
  // The result metadata cannot tell it (it shows the connection's collation). No result may
  // be pending.
  const std::string& information_schema_collation();
  // True when the last error said the connection is gone; cheap (no round trip).
  bool lost() const noexcept;
  // Round trip to check the connection; false if it is dead.
  bool ping() noexcept;
  // COM_RESET_CONNECTION (connection pooling): rolls back, drops temporary tables, user
  // variables and prepared statements, session variables back to the global values. The
  // connect-time character set and INITSTMT are then applied again, as after the handshake.
  void reset(const std::string& charset, const std::string& init_statement);
  // No round trip: true when the server has closed an idle connection (the socket reads EOF
  // or has unsolicited data, as after a server crash or wait_timeout). A statement sent now
  // could not reach the server, so it has certainly not run. Only meaningful between
  // commands (no result pending).
  bool closed_by_peer() const noexcept;

  void set_error_observer(ErrorObserver* observer) noexcept { observer_ = observer; }
  // Asks the server to name in its replies the GTID of each commit (reported to `gtids` from
  // then on, when non-null) and/or the transaction state (`transaction_state`: read with
  // transaction_state()): one SET for whatever is not on yet, once per session. False when the
  // server cannot (then that tracker stays off).
  bool track(GtidObserver* gtids, bool transaction_state);
  // Null stops reporting GTIDs (the tracker stays on).
  void set_gtid_observer(GtidObserver* observer) noexcept;
  bool tracks_gtids() const noexcept { return tracking_gtids_; }
  // The server's transaction state after the last command ("T_RwW_S_": explicit transaction,
  // reads, writes, 'w' a non-transactional table written, 'L' locked tables), "" when the
  // reply did not carry it.
  std::string transaction_state() const;
  // Text query returning one value (e.g. SELECT MASTER_GTID_WAIT(...)); "" for NULL.
  std::string query_scalar(std::string_view sql);

  // SQLCancel: "KILL QUERY <id>" over a short-lived second connection. Thread-safe; never
  // touches the session the statement runs on.
  static void kill_query(const CancelTarget& target);

  struct Impl;

 private:
  [[noreturn]] void throw_last_error();
  std::unique_ptr<Impl> impl_;
  bool lost_ = false;
  bool is_collation_known_ = false;
  std::string is_collation_;
  ErrorObserver* observer_ = nullptr;
  bool tracking_gtids_ = false;
  bool tracking_state_ = false;
};

}  // namespace fabodbc::mysql
