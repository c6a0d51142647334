#include "driver/mysql/session.h"

#include "driver/mysql/mysql_internal.h"
#include "driver/mysql/prepared_statement.h"
#include "driver/mysql/text_result.h"
#include "driver/sqlstate_map.h"

#include <poll.h>

#include <cstring>
#include <mutex>

namespace fabodbc::mysql {

OdbcError connection_error(MYSQL* mysql) {
  unsigned number = mysql_errno(mysql);
  const char* message = mysql_error(mysql);
  return OdbcError(std::string(sqlstate_for_mysql_error(number, mysql_sqlstate(mysql))),
                   message && *message ? message : "unknown MySQL client error",
                   static_cast<int>(number));
}

OdbcError statement_error(MYSQL_STMT* stmt) {
  unsigned number = mysql_stmt_errno(stmt);
  const char* message = mysql_stmt_error(stmt);
  return OdbcError(std::string(sqlstate_for_mysql_error(number, mysql_stmt_sqlstate(stmt))),
                   message && *message ? message : "unknown MySQL client error",
                   static_cast<int>(number));
}

void Session::global_init() {
  static std::once_flag once;
  std::call_once(once, [] { mysql_library_init(0, nullptr, nullptr); });
}

Session::Session() : impl_(std::make_unique<Impl>()) {}

Session::~Session() { close(); }

void Session::throw_last_error() {
  OdbcError error = connection_error(&impl_->mysql);
  if (classify_mysql_error(static_cast<unsigned>(error.native())) == MySqlErrorClass::ConnectionLost) {
    lost_ = true;
  }
  if (observer_) observer_->on_error(error, in_transaction());
  throw error;
}

namespace {

void apply_tls(MYSQL* m, const ConnectSettings& s) {
  // MariaDB Connector/C has no MYSQL_OPT_SSL_MODE: build the modes from its switches.
  const char* key = s.ssl_key.empty() ? nullptr : s.ssl_key.c_str();
  const char* cert = s.ssl_cert.empty() ? nullptr : s.ssl_cert.c_str();
  const char* ca = s.ssl_ca.empty() ? nullptr : s.ssl_ca.c_str();
  my_bool yes = 1;
  switch (s.ssl_mode) {
    case SslMode::Disabled:
      break;
    case SslMode::Preferred:
    case SslMode::Required:
      // MYSQL_OPT_SSL_ENFORCE makes Connector/C 3.3 *try* TLS, but it falls back to plain text
      // when the server has no TLS unless the certificate is verified; REQUIRED is therefore
      // checked after the handshake (Session::connect).
      mysql_ssl_set(m, key, cert, ca, nullptr, nullptr);
      mysql_optionsv(m, MYSQL_OPT_SSL_ENFORCE, &yes);
      break;
    case SslMode::VerifyCa:
    case SslMode::VerifyIdentity:
      // Connector/C verifies the chain and the host name together.
      mysql_ssl_set(m, key, cert, ca, nullptr, nullptr);
      mysql_optionsv(m, MYSQL_OPT_SSL_ENFORCE, &yes);
      mysql_optionsv(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &yes);
      break;
  }
}

}  // namespace

void Session::connect(const ConnectSettings& s, const SessionTimeouts& timeouts) {
  close();
  global_init();
  MYSQL* m = &impl_->mysql;
  if (!mysql_init(m)) throw OdbcError("HY001", "mysql_init failed: out of memory");
  impl_->initialized = true;
  lost_ = false;

  unsigned connect_timeout = timeouts.connect_seconds ? timeouts.connect_seconds : s.connect_timeout;
  if (connect_timeout) mysql_optionsv(m, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
  if (s.read_timeout) mysql_optionsv(m, MYSQL_OPT_READ_TIMEOUT, &s.read_timeout);
  if (s.write_timeout) mysql_optionsv(m, MYSQL_OPT_WRITE_TIMEOUT, &s.write_timeout);
  mysql_optionsv(m, MYSQL_SET_CHARSET_NAME, s.charset.empty() ? "utf8mb4" : s.charset.c_str());
  if (!s.init_statement.empty()) mysql_optionsv(m, MYSQL_INIT_COMMAND, s.init_statement.c_str());
  if (s.compressed) mysql_optionsv(m, MYSQL_OPT_COMPRESS, nullptr);
  apply_tls(m, s);

  unsigned long flags = CLIENT_MULTI_RESULTS;
  if (s.multi_statements) flags |= CLIENT_MULTI_STATEMENTS;
  if (s.found_rows) flags |= CLIENT_FOUND_ROWS;
  if (s.ignore_space) flags |= CLIENT_IGNORE_SPACE;
  if (s.interactive) flags |= CLIENT_INTERACTIVE;

  const char* host = s.server.empty() ? nullptr : s.server.c_str();
  const char* socket = s.socket.empty() ? nullptr : s.socket.c_str();
  const char* db = s.database.empty() ? nullptr : s.database.c_str();
  if (!mysql_real_connect(m, host, s.user.c_str(), s.password.c_str(), db, s.port, socket, flags)) {
    OdbcError error = connection_error(m);
    mysql_close(m);
    impl_->initialized = false;
    throw error;
  }
  if (s.ssl_mode != SslMode::Disabled && s.ssl_mode != SslMode::Preferred && !mysql_get_ssl_cipher(m)) {
    mysql_close(m);
    impl_->initialized = false;
    throw OdbcError("08001", "SSLMODE requires TLS, but the server does not support it", 2026);
  }
  impl_->open = true;
  const char* info = mysql_get_server_info(m);
  impl_->mariadb = info && std::strstr(info, "MariaDB") != nullptr;
  MY_CHARSET_INFO cs;
  mysql_get_character_set_info(m, &cs);
  impl_->mbmaxlen = cs.mbmaxlen ? cs.mbmaxlen : 4;
  impl_->wide_text = s.wide_text;
  impl_->cancel.settings = s;
  impl_->cancel.thread_id = mysql_thread_id(m);
}

void Session::close() noexcept {
  is_collation_known_ = false;
  is_collation_.clear();
  if (impl_ && impl_->initialized) {
    mysql_close(&impl_->mysql);
    impl_->initialized = false;
    impl_->open = false;
  }
}

bool Session::is_open() const noexcept { return impl_->open; }

void Session::send_query(std::string_view sql) {
  if (mysql_real_query(&impl_->mysql, sql.data(), sql.size()) != 0) throw_last_error();
  if (impl_->gtid_observer) report_tracked_gtid(&impl_->mysql, impl_->gtid_observer);
}

void report_tracked_gtid(MYSQL* m, GtidObserver* observer) noexcept {
  const char* data = nullptr;
  size_t length = 0;
  // MariaDB: system variable changes come as name, value, name, value ...
  if (mysql_session_track_get_first(m, SESSION_TRACK_SYSTEM_VARIABLES, &data, &length) == 0) {
    do {
      const bool is_gtid = std::string_view(data, length) == "last_gtid";
      if (mysql_session_track_get_next(m, SESSION_TRACK_SYSTEM_VARIABLES, &data, &length) != 0) break;
      if (is_gtid && length > 0) observer->on_commit_gtid(std::string_view(data, length));
    } while (mysql_session_track_get_next(m, SESSION_TRACK_SYSTEM_VARIABLES, &data, &length) == 0);
  }
  // MySQL: session_track_gtids=OWN_GTID reports the transaction's GTID set.
  if (mysql_session_track_get_first(m, SESSION_TRACK_GTIDS, &data, &length) == 0 && length > 0)
    observer->on_commit_gtid(std::string_view(data, length));
}

bool Session::track(GtidObserver* gtids, bool transaction_state) {
  std::string sql;
  if (gtids && !tracking_gtids_) {
    // Keep what the server tracks already (the client library uses some of it) and add ours.
    sql = impl_->mariadb ? "session_track_system_variables = CONCAT(@@session_track_system_variables, ',last_gtid')"
                         : "session_track_gtids = OWN_GTID";
  }
  if (transaction_state && !tracking_state_) sql += std::string(sql.empty() ? "" : ", ") + "session_track_transaction_info = STATE";
  if (!sql.empty()) {
    sql = "SET SESSION " + sql;
    if (mysql_real_query(&impl_->mysql, sql.data(), sql.size()) != 0) {
      if (mysql_errno(&impl_->mysql) >= 2000) throw_last_error();  // the connection, not the server's answer
      return false;  // a server without the tracker
    }
    if (gtids) tracking_gtids_ = true;
    if (transaction_state) tracking_state_ = true;
  }
  if (gtids) impl_->gtid_observer = gtids;
  return true;
}

std::string Session::transaction_state() const {
  if (!tracking_state_) return {};
  const char* data = nullptr;
  size_t length = 0;
  MYSQL* m = const_cast<MYSQL*>(&impl_->mysql);
  if (mysql_session_track_get_first(m, SESSION_TRACK_TRANSACTION_STATE, &data, &length) != 0) return {};
  return std::string(data, length);
}

void Session::set_gtid_observer(GtidObserver* observer) noexcept {
  impl_->gtid_observer = tracking_gtids_ ? observer : nullptr;
}

std::string Session::query_scalar(std::string_view sql) {
  send_query(sql);
  std::unique_ptr<ResultSet> r = store_result();
  std::string value;
  if (r && r->next() && r->row()) {
    const Cell& c = r->row()[0];
    if (c.kind == Cell::Kind::Text) value.assign(c.data, c.length);
    else if (c.kind == Cell::Kind::Int) value = std::to_string(c.i);
    else if (c.kind == Cell::Kind::UInt) value = std::to_string(c.u);
  }
  while (has_more_results() && next_result()) store_result();
  return value;
}

std::unique_ptr<ResultSet> Session::use_result() {
  MYSQL* m = &impl_->mysql;
  MYSQL_RES* res = mysql_use_result(m);
  if (!res) {
    if (mysql_field_count(m) != 0) throw_last_error();
    return nullptr;
  }
  return std::make_unique<TextResult>(m, res, true, impl_->mbmaxlen, impl_->wide_text);
}

std::unique_ptr<ResultSet> Session::store_result() {
  MYSQL* m = &impl_->mysql;
  MYSQL_RES* res = mysql_store_result(m);
  if (!res) {
    if (mysql_field_count(m) != 0) throw_last_error();
    return nullptr;
  }
  return std::make_unique<TextResult>(m, res, false, impl_->mbmaxlen, impl_->wide_text);
}

bool Session::has_more_results() const noexcept {
  return mysql_more_results(const_cast<MYSQL*>(&impl_->mysql));
}

bool Session::next_result() {
  int rc = mysql_next_result(&impl_->mysql);
  if (rc > 0) throw_last_error();
  if (impl_->gtid_observer) report_tracked_gtid(&impl_->mysql, impl_->gtid_observer);
  return rc == 0;
}

int64_t Session::affected_rows() const noexcept {
  my_ulonglong n = mysql_affected_rows(const_cast<MYSQL*>(&impl_->mysql));
  return n == static_cast<my_ulonglong>(-1) ? -1 : static_cast<int64_t>(n);
}

void Session::set_autocommit(bool on) {
  if (mysql_autocommit(&impl_->mysql, on ? 1 : 0)) throw_last_error();
  if (impl_->gtid_observer) report_tracked_gtid(&impl_->mysql, impl_->gtid_observer);  // commits an open transaction
}

void Session::commit() {
  if (mysql_commit(&impl_->mysql)) throw_last_error();
  if (impl_->gtid_observer) report_tracked_gtid(&impl_->mysql, impl_->gtid_observer);
}

void Session::rollback() {
  if (mysql_rollback(&impl_->mysql)) throw_last_error();
}

void Session::select_db(const std::string& database) {
  if (mysql_select_db(&impl_->mysql, database.c_str())) throw_last_error();
}

unsigned long Session::thread_id() const noexcept { return impl_->cancel.thread_id; }
const CancelTarget& Session::cancel_target() const noexcept { return impl_->cancel; }

std::string Session::server_version() const {
  const char* info = mysql_get_server_info(const_cast<MYSQL*>(&impl_->mysql));
  return info ? info : "";
}

bool Session::is_mariadb() const noexcept { return impl_->mariadb; }

bool Session::no_backslash_escapes() const noexcept {
  return (impl_->mysql.server_status & SERVER_STATUS_NO_BACKSLASH_ESCAPES) != 0;
}

bool Session::in_transaction() const noexcept {
  return (impl_->mysql.server_status & SERVER_STATUS_IN_TRANS) != 0;
}

bool Session::autocommit() const noexcept {
  return (impl_->mysql.server_status & SERVER_STATUS_AUTOCOMMIT) != 0;
}

unsigned Session::max_bytes_per_char() const noexcept { return impl_->mbmaxlen; }

const std::string& Session::information_schema_collation() {
  if (is_collation_known_) return is_collation_;
  // COLLATION() reads the expression's type, so it answers for MAX() over no rows; the
  // impossible WHERE keeps the server from filling the table.
  send_query("SELECT COLLATION(MAX(TABLE_SCHEMA)), COLLATION(MAX(TABLE_NAME)) FROM information_schema.COLUMNS "
             "WHERE 1 = 0");
  std::unique_ptr<ResultSet> result = store_result();
  std::string schema, table;
  if (result && result->columns().size() == 2 && result->next()) {
    const Cell* c = result->row();
    if (c[0].kind == Cell::Kind::Text) schema.assign(c[0].data, c[0].length);
    if (c[1].kind == Cell::Kind::Text) table.assign(c[1].data, c[1].length);
  }
  // Both names must be compared alike; otherwise there is no one answer to give.
  is_collation_ = schema == table ? table : std::string();
  is_collation_known_ = true;
  return is_collation_;
}

bool Session::lost() const noexcept {
  if (lost_) return true;
  // Errors raised while rows streamed or by a prepared statement leave their number here.
  unsigned last = impl_->initialized ? mysql_errno(const_cast<MYSQL*>(&impl_->mysql)) : 0;
  return last != 0 && classify_mysql_error(last) == MySqlErrorClass::ConnectionLost;
}

bool Session::ping() noexcept {
  if (!impl_->open) return false;
  if (mysql_ping(&impl_->mysql) != 0) {
    lost_ = true;
    return false;
  }
  return true;
}

void Session::reset(const std::string& charset, const std::string& init_statement) {
  MYSQL* m = &impl_->mysql;
  if (mysql_reset_connection(m) != 0) throw_last_error();
  if (mysql_set_character_set(m, charset.empty() ? "utf8mb4" : charset.c_str()) != 0) throw_last_error();
  if (!init_statement.empty()) {
    if (mysql_real_query(m, init_statement.data(), init_statement.size()) != 0) throw_last_error();
    do {
      if (MYSQL_RES* r = mysql_store_result(m)) mysql_free_result(r);
    } while (mysql_next_result(m) == 0);
    if (mysql_errno(m) != 0) throw_last_error();
  }
}

bool Session::closed_by_peer() const noexcept {
  if (!impl_->open) return true;
  const my_socket fd = mysql_get_socket(const_cast<MYSQL*>(&impl_->mysql));
  if (fd < 0) return true;
  pollfd p{};
  p.fd = fd;
  p.events = POLLIN | POLLRDHUP;
  // Between commands the server sends nothing: anything readable (EOF, RST, an error packet
  // before closing) means the session is over.
  const int n = ::poll(&p, 1, 0);
  return n > 0 && (p.revents & (POLLIN | POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

void Session::kill_query(const CancelTarget& target) {
  global_init();
  MYSQL m;
  if (!mysql_init(&m)) throw OdbcError("HY001", "mysql_init failed: out of memory");
  struct Closer {
    MYSQL* m;
    ~Closer() { mysql_close(m); }
  } closer{&m};
  const ConnectSettings& s = target.settings;
  unsigned timeout = 5;  // a cancel must not hang on an unreachable server
  mysql_optionsv(&m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  mysql_optionsv(&m, MYSQL_OPT_READ_TIMEOUT, &timeout);
  apply_tls(&m, s);
  const char* host = s.server.empty() ? nullptr : s.server.c_str();
  const char* socket = s.socket.empty() ? nullptr : s.socket.c_str();
  if (!mysql_real_connect(&m, host, s.user.c_str(), s.password.c_str(), nullptr, s.port, socket, 0)) {
    throw connection_error(&m);
  }
  std::string sql = "KILL QUERY " + std::to_string(target.thread_id);
  if (mysql_real_query(&m, sql.data(), sql.size()) != 0) {
    // 1094 ER_NO_SUCH_THREAD: the statement finished meanwhile; nothing to cancel.
    if (mysql_errno(&m) != 1094) throw connection_error(&m);
  }
}

}  // namespace fabodbc::mysql
