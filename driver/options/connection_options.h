// Connection attributes gathered from the connection string and the DSN in odbc.ini, in the
// canonical names of keywords.h, plus the typed settings a MySQL connect needs.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fabodbc {

class ConnectionOptions {
 public:
  // Parses "KEY=value;KEY2={va;lue}". Keys are matched case-insensitively, aliases become the
  // canonical name. Unknown keys are kept out and described in `notes` (the caller posts them
  // as 01S00 warnings). Malformed input (unbalanced braces, missing '=') throws OdbcError 08001
  // with a message that says where.
  static ConnectionOptions parse(std::string_view connection_string, std::vector<std::string>* notes);

  // Fills every keyword not already set from the DSN's section in odbc.ini (user then system,
  // through SQLGetPrivateProfileString). Throws OdbcError IM002 when the DSN does not exist.
  void merge_dsn(const std::string& dsn, std::vector<std::string>* notes);

  std::optional<std::string> get(std::string_view canonical_name) const;
  bool has(std::string_view canonical_name) const { return get(canonical_name).has_value(); }
  void set(std::string_view canonical_name, std::string value);
  void erase(std::string_view canonical_name);

  // The completed connection string for SQLDriverConnect's output (values needing it braced).
  std::string to_connection_string() const;
  // The same with every Password-type value replaced by "***", for logs and messages.
  std::string to_masked_string() const;

  const std::map<std::string, std::string>& values() const { return values_; }

 private:
  std::map<std::string, std::string> values_;  // canonical name -> value
};

enum class SslMode { Disabled, Preferred, Required, VerifyCa, VerifyIdentity };

// OPTION= bits (MySQL Connector/ODBC values) that this driver implements.
namespace option_bits {
constexpr unsigned long kFoundRows = 2;
constexpr unsigned long kNoPrompt = 16;
constexpr unsigned long kCompressedProto = 2048;
constexpr unsigned long kIgnoreSpace = 4096;
constexpr unsigned long kNoBigint = 16384;
constexpr unsigned long kAutoIsNull = 8388608;
constexpr unsigned long kNoCache = 1048576;
constexpr unsigned long kForwardCursor = 2097152;
constexpr unsigned long kAutoReconnect = 4194304;
constexpr unsigned long kMultiStatements = 1UL << 26;
}  // namespace option_bits

// Typed, validated settings for one MySQL connection. Bad values throw OdbcError 08001 naming
// the keyword.
struct ConnectSettings {
  std::string dsn;
  std::string server = "localhost";
  unsigned port = 3306;
  std::string socket;
  std::string database;
  std::string user;
  std::string password;
  std::string charset = "utf8mb4";
  std::string init_statement;
  unsigned connect_timeout = 0;  // seconds, 0 = library default
  unsigned read_timeout = 0;
  unsigned write_timeout = 0;
  SslMode ssl_mode = SslMode::Preferred;
  std::string ssl_ca, ssl_cert, ssl_key;
  bool multi_statements = false;
  bool no_cache = false;         // stream results (mysql_use_result) for forward-only cursors
  bool found_rows = false;
  bool auto_is_null = false;
  bool compressed = false;
  bool ignore_space = false;
  bool no_bigint = false;
  bool interactive = false;      // CLIENT_INTERACTIVE
  bool forward_only = false;     // FORWARD_CURSOR: every cursor is forward-only
  bool binary_as_hex = false;    // binary -> SQL_C_CHAR as hex digits, not the bytes
  bool zero_date_error = false;  // zero dates into date/timestamp C types: 22007, not NULL
  bool auto_reconnect = false;   // asked for, not honoured (the connect warns)
  // Text result columns as SQL_WCHAR/SQL_WVARCHAR/SQL_WLONGVARCHAR; false for an application
  // that connected through the ANSI entry points (Connection::set_ansi_application), which
  // both incumbent drivers answer with SQL_CHAR/SQL_VARCHAR/SQL_LONGVARCHAR.
  bool wide_text = true;
  unsigned long option = 0;      // the raw OPTION= value

  static ConnectSettings from(const ConnectionOptions& options);
};

// Typed Fabric keywords (FABRIC_*), for the routing layer. Not wired into connecting yet.
// Bad values throw OdbcError 08001 naming the keyword (never echoing FABRIC_PASSWORD).
struct FabricSettings {
  std::string host;               // empty: Fabric routing is off
  unsigned port = 32274;
  bool https = false;             // FABRIC_PROTOCOL=https
  std::string user, password;
  std::string ssl_ca, ssl_cert, ssl_key;
  std::string group;
  std::string tables;             // "db.table[,db.table...]"
  std::string key;
  bool global_scope = false;      // FABRIC_SCOPE=GLOBAL
  bool read_only = false;         // FABRIC_MODE=READ_ONLY
  unsigned attempts = 3;
  double attempt_delay_seconds = 1.0;
  bool report_errors = false;
  unsigned timeout_seconds = 0;   // 0: the transport's default
  bool shared_cache = true;       // FABRIC_SHARED_CACHE: the snapshot shared by this user's processes
  std::string cache_dir;          // FABRIC_CACHE_DIR; empty: SnapshotStore::default_directory()
  unsigned max_staleness_seconds = 3600;  // FABRIC_MAX_STALENESS
  // Read-your-writes on secondaries (driver/routing/read_consistency.h).
  enum class Consistency { Eventual, Session, Environment };
  Consistency consistency = Consistency::Eventual;  // FABRIC_CONSISTENCY
  double consistency_timeout_seconds = 1.0;          // FABRIC_CONSISTENCY_TIMEOUT
  bool consistency_fallback_primary = true;          // FABRIC_CONSISTENCY_FALLBACK=PRIMARY (else ERROR)
  // Transaction replay on failover (driver/routing/replay_log.h).
  bool replay = false;                           // FABRIC_REPLAY
  unsigned replay_max_statements = 100;          // FABRIC_REPLAY_MAX_STATEMENTS
  unsigned replay_max_bytes = 1024 * 1024;       // FABRIC_REPLAY_MAX_BYTES

  bool enabled() const { return !host.empty(); }
  static FabricSettings from(const ConnectionOptions& options);
};

}  // namespace fabodbc
