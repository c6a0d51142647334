// ConnectionOptions (FABRIC_* strings) -> FabricSettings (typed, validated).
#include "driver/error.h"
#include "driver/options/connection_options.h"
#include "driver/options/keywords.h"

#include <charconv>
#include <cmath>

namespace fabodbc {
namespace {

std::string text(const ConnectionOptions& o, std::string_view name) {
  auto v = o.get(name);
  return v ? *v : std::string();
}

// Validates with the keyword table (08001 with its message) and returns the value.
std::string checked(const ConnectionOptions& o, std::string_view name) {
  const std::string v = text(o, name);
  const KeywordDef* k = find_keyword(name);
  char message[256];
  const std::string_view problem = validate_keyword_value(*k, v, message, sizeof message);
  if (!problem.empty()) throw OdbcError("08001", std::string(problem));
  return v;
}

unsigned number(const ConnectionOptions& o, std::string_view name, unsigned fallback) {
  const std::string v = checked(o, name);
  unsigned long long n;
  return !v.empty() && parse_unsigned_value(v, 0xFFFFFFFFull, &n) ? static_cast<unsigned>(n) : fallback;
}

// A decimal number of seconds ("0.5") between 0 and 3600.
double seconds(const ConnectionOptions& o, std::string_view name, double fallback) {
  const std::string v = text(o, name);
  if (v.empty()) return fallback;
  double d = -1;
  const auto r = std::from_chars(v.data(), v.data() + v.size(), d, std::chars_format::fixed);
  if (r.ec != std::errc() || r.ptr != v.data() + v.size() || !(d >= 0) || !std::isfinite(d) || d > 3600)
    throw OdbcError("08001", "Invalid value '" + v.substr(0, 64) + "' for " + std::string(name) +
                                 ": expected seconds between 0 and 3600, e.g. 0.5");
  return d;
}

bool upper_equals(const std::string& v, std::string_view upper) {
  if (v.size() != upper.size()) return false;
  for (size_t i = 0; i < v.size(); ++i) {
    const char c = (v[i] >= 'a' && v[i] <= 'z') ? static_cast<char>(v[i] - 32) : v[i];
    if (c != upper[i]) return false;
  }
  return true;
}

}  // namespace

FabricSettings FabricSettings::from(const ConnectionOptions& o) {
  FabricSettings s;
  s.host = checked(o, "FABRIC_HOST");
  const unsigned port = number(o, "FABRIC_PORT", 32274);
  if (port == 0 || port > 65535)
    throw OdbcError("08001", "Invalid value '" + std::to_string(port) + "' for FABRIC_PORT: expected 1..65535");
  s.port = port;
  s.https = upper_equals(checked(o, "FABRIC_PROTOCOL"), "HTTPS");
  s.user = text(o, "FABRIC_USER");
  s.password = text(o, "FABRIC_PASSWORD");
  s.ssl_ca = text(o, "FABRIC_SSL_CA");
  s.ssl_cert = text(o, "FABRIC_SSL_CERT");
  s.ssl_key = text(o, "FABRIC_SSL_KEY");
  s.group = text(o, "FABRIC_GROUP");
  s.tables = text(o, "FABRIC_TABLES");
  s.key = text(o, "FABRIC_KEY");
  s.global_scope = upper_equals(checked(o, "FABRIC_SCOPE"), "GLOBAL");
  s.read_only = upper_equals(checked(o, "FABRIC_MODE"), "READ_ONLY");
  s.attempts = number(o, "FABRIC_ATTEMPTS", 3);
  s.timeout_seconds = number(o, "FABRIC_TIMEOUT", 0);
  const std::string shared = checked(o, "FABRIC_SHARED_CACHE");
  bool on = true;
  s.shared_cache = shared.empty() || (parse_boolean_value(shared, &on) && on);
  s.cache_dir = checked(o, "FABRIC_CACHE_DIR");
  if (!s.cache_dir.empty() && s.cache_dir.front() != '/')
    throw OdbcError("08001", "Invalid value for FABRIC_CACHE_DIR: expected an absolute path");
  s.max_staleness_seconds = number(o, "FABRIC_MAX_STALENESS", 3600);
  const std::string report = checked(o, "FABRIC_REPORT_ERRORS");
  bool b = false;
  s.report_errors = !report.empty() && parse_boolean_value(report, &b) && b;

  s.attempt_delay_seconds = seconds(o, "FABRIC_ATTEMPT_DELAY", 1.0);
  const std::string consistency = checked(o, "FABRIC_CONSISTENCY");
  if (upper_equals(consistency, "SESSION")) s.consistency = FabricSettings::Consistency::Session;
  else if (upper_equals(consistency, "ENVIRONMENT")) s.consistency = FabricSettings::Consistency::Environment;
  s.consistency_timeout_seconds = seconds(o, "FABRIC_CONSISTENCY_TIMEOUT", 1.0);
  s.consistency_fallback_primary = !upper_equals(checked(o, "FABRIC_CONSISTENCY_FALLBACK"), "ERROR");
  const std::string replay = checked(o, "FABRIC_REPLAY");
  bool replay_on = false;
  s.replay = !replay.empty() && parse_boolean_value(replay, &replay_on) && replay_on;
  s.replay_max_statements = number(o, "FABRIC_REPLAY_MAX_STATEMENTS", 100);
  s.replay_max_bytes = number(o, "FABRIC_REPLAY_MAX_BYTES", 1024 * 1024);
  return s;
}

}  // namespace fabodbc
