// The keyword table: the one list of DSN / connection-string keywords (see keywords.h).
#include "driver/options/keywords.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <unordered_map>

namespace fabodbc {
namespace {

using T = KeywordType;

std::string upper_ascii(std::string_view s) {
  std::string u(s);
  for (char& c : u)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return u;
}

// Order: what a DSN editor shows, group by group.
constexpr KeywordDef kKeywords[] = {
    {"DSN", "", T::String, "", "", "Name of the data source in odbc.ini.", "Connection"},
    {"DRIVER", "", T::String, "", "", "Driver name from odbcinst.ini, or the path of libfabodbc.so.", "Connection"},
    {"DESCRIPTION", "", T::String, "", "", "Free text describing the data source.", "Connection"},
    {"SERVER", "", T::String, "localhost", "", "Host name or IP address of the MySQL/MariaDB server.", "Connection"},
    {"PORT", "", T::Integer, "3306", "", "TCP port of the server.", "Connection"},
    {"SOCKET", "", T::Path, "", "", "Unix socket path; used instead of TCP when SERVER is localhost.", "Connection"},
    {"DATABASE", "DB", T::String, "", "", "Default database (catalog) after connecting.", "Connection"},
    {"UID", "USER", T::String, "", "", "User name.", "Connection"},
    {"PWD", "PASSWORD", T::Password, "", "", "Password. Never written to logs or messages.", "Connection"},
    {"CHARSET", "", T::String, "utf8mb4", "", "Connection character set (keep utf8mb4 unless you know why).", "Connection"},
    {"INITSTMT", "", T::String, "", "", "Statement run after every connect (and after a re-route).", "Connection"},
    {"CONNECT_TIMEOUT", "", T::Integer, "", "", "Seconds to wait for a connection; 0 uses the library default.", "Connection"},
    {"READ_TIMEOUT", "", T::Integer, "", "", "Seconds to wait for a server reply; 0 means no limit.", "Connection"},
    {"WRITE_TIMEOUT", "", T::Integer, "", "", "Seconds to wait when sending to the server; 0 means no limit.", "Connection"},

    {"SSLMODE", "SSL_MODE", T::Choice, "PREFERRED", "DISABLED|PREFERRED|REQUIRED|VERIFY_CA|VERIFY_IDENTITY",
     "TLS policy: DISABLED, PREFERRED (TLS if the server offers it), REQUIRED, VERIFY_CA, VERIFY_IDENTITY.", "TLS"},
    {"SSLCA", "SSL_CA", T::Path, "", "", "File with the certificate authorities that sign the server certificate.", "TLS"},
    {"SSLCERT", "SSL_CERT", T::Path, "", "", "Client certificate file (PEM).", "TLS"},
    {"SSLKEY", "SSL_KEY", T::Path, "", "", "Private key file of the client certificate (PEM).", "TLS"},

    {"OPTION", "OPTIONS", T::Integer, "0", "",
     "Bit mask of MySQL Connector/ODBC flags (e.g. 2 FOUND_ROWS, 1048576 NO_CACHE, 67108864 MULTI_STATEMENTS); "
     "named keywords override their bit.", "Behaviour"},
    {"MULTI_STATEMENTS", "", T::Boolean, "0", "", "Allow several statements separated by ';' in one execute.", "Behaviour"},
    {"NO_CACHE", "", T::Boolean, "0", "", "Stream forward-only results row by row instead of buffering them.", "Behaviour"},
    {"FOUND_ROWS", "", T::Boolean, "0", "", "UPDATE row counts report matched rows, not changed rows.", "Behaviour"},
    {"AUTO_IS_NULL", "", T::Boolean, "0", "", "Keep the server's SQL_AUTO_IS_NULL behaviour.", "Behaviour"},
    {"COMPRESSED_PROTO", "", T::Boolean, "0", "", "Compress the client/server protocol.", "Behaviour"},
    {"IGNORE_SPACE", "", T::Boolean, "0", "", "Allow spaces after function names (IGNORE_SPACE client flag).", "Behaviour"},
    {"NO_BIGINT", "", T::Boolean, "0", "", "Report BIGINT columns as INTEGER for applications that lack 64-bit support.", "Behaviour"},
    {"FORWARD_CURSOR", "FORWARDONLY", T::Boolean, "0", "",
     "Only forward-only cursors (also OPTION bit 2097152): a static cursor request becomes forward-only (01S02).",
     "Behaviour"},
    {"BINARY_AS_HEX", "", T::Boolean, "0", "",
     "Binary data read as SQL_C_CHAR comes as hex digits (the ODBC specification's form) instead of the bytes "
     "themselves (what MySQL/MariaDB Connector/ODBC hand over, and PHP's PDO_ODBC expects).", "Behaviour"},
    {"ZERO_DATE_ERROR", "", T::Boolean, "0", "",
     "A zero date ('0000-00-00', '0000-00-00 00:00:00') read as SQL_C_DATE or SQL_C_TIMESTAMP fails with 22007 "
     "instead of coming back as NULL (what MySQL/MariaDB Connector/ODBC give).", "Behaviour"},
    {"INTERACTIVE", "CLIENT_INTERACTIVE", T::Boolean, "0", "",
     "Connect as an interactive client: the server applies interactive_timeout instead of wait_timeout.", "Behaviour"},
    {"AUTO_RECONNECT", "", T::Boolean, "0", "",
     "Accepted for MySQL/MariaDB Connector/ODBC (also OPTION bit 4194304) but not honoured: a silent reconnect would "
     "lose the session's autocommit, isolation, temporary tables and variables; when set, the connect says so (01000).",
     "Behaviour"},

    {"FABRIC_HOST", "", T::String, "", "", "Host of the MySQL Fabric node; enables Fabric routing.", "Fabric"},
    {"FABRIC_PORT", "", T::Integer, "32274", "", "XML-RPC port of the Fabric node.", "Fabric"},
    {"FABRIC_PROTOCOL", "", T::Choice, "http", "http|https", "Protocol to talk to Fabric: http or https.", "Fabric"},
    {"FABRIC_USER", "", T::String, "", "", "User for Fabric's HTTP Digest authentication.", "Fabric"},
    {"FABRIC_PASSWORD", "", T::Password, "", "", "Password for Fabric's HTTP Digest authentication.", "Fabric"},
    {"FABRIC_SSL_CA", "", T::Path, "", "", "CA file to verify the Fabric node's certificate (https).", "Fabric"},
    {"FABRIC_SSL_CERT", "", T::Path, "", "", "Client certificate for the Fabric node (https).", "Fabric"},
    {"FABRIC_SSL_KEY", "", T::Path, "", "", "Private key of the Fabric client certificate (https).", "Fabric"},
    {"FABRIC_GROUP", "", T::String, "", "", "High-availability group to connect to.", "Fabric"},
    {"FABRIC_TABLES", "", T::String, "", "", "Sharded tables (db.table, comma-separated) the shard key applies to.", "Fabric"},
    {"FABRIC_KEY", "", T::String, "", "", "Shard key that selects the shard group.", "Fabric"},
    {"FABRIC_SCOPE", "", T::Choice, "LOCAL", "LOCAL|GLOBAL", "LOCAL: the shard of FABRIC_KEY; GLOBAL: the global group.", "Fabric"},
    {"FABRIC_MODE", "", T::Choice, "READ_WRITE", "READ_WRITE|READ_ONLY",
     "READ_WRITE routes to the primary, READ_ONLY to a secondary.", "Fabric"},
    {"FABRIC_ATTEMPTS", "", T::Integer, "3", "", "How many servers to try when a connect or a route fails.", "Fabric"},
    {"FABRIC_ATTEMPT_DELAY", "", T::String, "1", "", "Seconds (fractions allowed) to wait between attempts.", "Fabric"},
    {"FABRIC_REPORT_ERRORS", "", T::Boolean, "0", "", "Report failed servers to Fabric (threat.report_failure).", "Fabric"},
    {"FABRIC_TIMEOUT", "", T::Integer, "5", "",
     "Seconds one connect (all attempts and Fabric nodes) or one route refresh may wait on Fabric in total.", "Fabric"},
    {"FABRIC_SHARED_CACHE", "", T::Boolean, "1", "",
     "Share Fabric's topology with this user's other processes through a snapshot file (0: each process asks Fabric).",
     "Fabric"},
    {"FABRIC_CACHE_DIR", "", T::Path, "", "",
     "Directory of the shared topology snapshot; empty: $XDG_RUNTIME_DIR/fabodbc, else /tmp/fabodbc-<uid>.", "Fabric"},
    {"FABRIC_CONSISTENCY", "", T::Choice, "EVENTUAL", "EVENTUAL|SESSION|ENVIRONMENT",
     "Reads on secondaries: EVENTUAL (may lag), SESSION (see this connection's commits), ENVIRONMENT (and those of "
     "the environment's other connections).", "Fabric"},
    {"FABRIC_CONSISTENCY_TIMEOUT", "", T::String, "1", "",
     "Seconds (fractions allowed) a read on a secondary waits for the commits it must see.", "Fabric"},
    {"FABRIC_CONSISTENCY_FALLBACK", "", T::Choice, "PRIMARY", "PRIMARY|ERROR",
     "When a secondary has not caught up in time: read from the group's primary, or fail with HYT00.", "Fabric"},
    {"FABRIC_REPLAY", "", T::Boolean, "0", "",
     "Replay a transaction that a failover lost before its COMMIT on the new server, when the replay proves "
     "nothing changed (else 40001 as without).", "Fabric"},
    {"FABRIC_REPLAY_MAX_STATEMENTS", "", T::Integer, "100", "",
     "Statements kept for replay per transaction; a longer one is not replayable.", "Fabric"},
    {"FABRIC_REPLAY_MAX_BYTES", "", T::Integer, "1048576", "",
     "Bytes of statement text and parameters kept for replay per transaction; a larger one is not replayable.",
     "Fabric"},
    {"FABRIC_MAX_STALENESS", "", T::Integer, "3600", "",
     "Seconds old a shared snapshot may be for a new process to route from while Fabric is down.", "Fabric"},

    {"LOG", "", T::Path, "", "", "File the driver writes its log to; empty: no log.", "Logging"},
    {"LOG_LEVEL", "", T::Choice, "error", "error|warn|info|debug", "How much to log: error, warn, info or debug.", "Logging"},
};


// Calls f(item) for each '|' or ',' separated item of a list.
template <typename F>
bool any_item(std::string_view list, char sep, F f) {
  while (!list.empty()) {
    const size_t p = list.find(sep);
    if (f(list.substr(0, p))) return true;
    if (p == std::string_view::npos) break;
    list.remove_prefix(p + 1);
  }
  return false;
}

std::string_view say(char* buf, size_t size, const char* fmt, std::string_view a, std::string_view b,
                     std::string_view c = {}) {
  if (!buf || size == 0) return "invalid value";
  // Long values are cut so that messages stay readable.
  const int la = static_cast<int>(a.size() > 64 ? 64 : a.size());
  const int lb = static_cast<int>(b.size() > 64 ? 64 : b.size());
  const int n = std::snprintf(buf, size, fmt, la, a.data(), lb, b.data(), static_cast<int>(c.size()), c.data());
  if (n < 0) return "invalid value";
  return {buf, static_cast<size_t>(n) < size ? static_cast<size_t>(n) : size - 1};
}

}  // namespace

const KeywordDef* keyword_table() { return kKeywords; }
size_t keyword_count() { return sizeof(kKeywords) / sizeof(kKeywords[0]); }

const KeywordDef* find_keyword(std::string_view name) {
  // Every connect asks for each keyword several times (the settings read them one by one):
  // one hash lookup of the upper-cased name instead of a case-insensitive scan of every name
  // and alias (87 k instructions per connect before).
  static const std::unordered_map<std::string, const KeywordDef*> by_name = [] {
    std::unordered_map<std::string, const KeywordDef*> m;
    for (const KeywordDef& k : kKeywords) {
      m.emplace(upper_ascii(k.name), &k);
      std::string_view aliases = k.aliases;
      while (!aliases.empty()) {
        const size_t comma = aliases.find(',');
        const std::string_view alias = aliases.substr(0, comma);
        if (!alias.empty()) m.emplace(upper_ascii(alias), &k);
        aliases = comma == std::string_view::npos ? std::string_view{} : aliases.substr(comma + 1);
      }
    }
    return m;
  }();
  if (name.size() > 64) return nullptr;  // longer than any keyword
  const auto it = by_name.find(upper_ascii(name));
  return it == by_name.end() ? nullptr : it->second;
}

bool parse_boolean_value(std::string_view v, bool* out) {
  for (const char* t : {"1", "yes", "true", "on", "y"})
    if (ascii_iequals(v, t)) return *out = true, true;
  for (const char* f : {"0", "no", "false", "off", "n"})
    if (ascii_iequals(v, f)) return *out = false, true;
  return false;
}

bool parse_unsigned_value(std::string_view v, unsigned long long max, unsigned long long* out) {
  if (v.empty() || v.size() > 20) return false;
  unsigned long long r = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return false;
    const unsigned d = static_cast<unsigned>(c - '0');
    if (r > (max - d) / 10) return false;
    r = r * 10 + d;
  }
  *out = r;
  return true;
}

// Control characters no value can mean: every one in every keyword, but for INITSTMT, SQL text
// where tabs and line breaks are white space. A NUL inside a value, or CR/LF, would cut or
// split what reaches libcurl, libmysqlclient or odbc.ini.
bool has_forbidden_control(const KeywordDef& k, std::string_view value, unsigned char* found) {
  const bool sql_text = k.name == "INITSTMT";
  for (unsigned char c : value) {
    if (c >= 0x20 && c != 0x7F) continue;
    if (sql_text && (c == '\t' || c == '\n' || c == '\r')) continue;
    *found = c;
    return true;
  }
  return false;
}

std::string_view validate_keyword_value(const KeywordDef& k, std::string_view value, char* buf, size_t size) {
  if (value.empty()) return {};  // empty means "not set": the default applies
  unsigned char control = 0;
  if (has_forbidden_control(k, value, &control)) {
    char code[8];
    std::snprintf(code, sizeof code, "0x%02X", control);
    // The value itself is not echoed: it may be a password, and it holds unprintable bytes.
    return say(buf, size, "Invalid value for %.*s: it contains the control character %.*s%.*s", k.name, code);
  }
  switch (k.type) {
    case KeywordType::Integer: {
      unsigned long long v;
      if (!parse_unsigned_value(value, 0xFFFFFFFFull, &v))
        return say(buf, size, "Invalid value '%.*s' for %.*s: expected an unsigned integer%.*s", value, k.name);
      return {};
    }
    case KeywordType::Boolean: {
      bool b;
      if (!parse_boolean_value(value, &b))
        return say(buf, size, "Invalid value '%.*s' for %.*s: expected 0/1, yes/no or true/false%.*s", value, k.name);
      return {};
    }
    case KeywordType::Choice:
      if (!any_item(k.choices, '|', [&](std::string_view c) { return ascii_iequals(c, value); }))
        return say(buf, size, "Invalid value '%.*s' for %.*s: expected one of %.*s", value, k.name, k.choices);
      return {};
    case KeywordType::String:
    case KeywordType::Password:
    case KeywordType::Path:
      return {};
  }
  return {};
}

bool ascii_iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 32);
    if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 32);
    if (x != y) return false;
  }
  return true;
}

}  // namespace fabodbc
