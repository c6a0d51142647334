// ConnectionOptions (strings) -> ConnectSettings (typed, validated).
#include "driver/error.h"
#include "driver/options/connection_options.h"
#include "driver/options/keywords.h"

namespace fabodbc {
namespace {

// Validates every value the options hold; throws 08001 with the keyword's message.
void validate_all(const ConnectionOptions& options) {
  char message[256];
  for (const auto& [name, value] : options.values()) {
    const KeywordDef* k = find_keyword(name);
    if (!k) continue;
    const std::string_view problem = validate_keyword_value(*k, value, message, sizeof message);
    if (!problem.empty()) {
      // Password-type values are never echoed: only the control-character rule applies to
      // them, and its message names the keyword and the character, not the value.
      if (k->type == KeywordType::Password && problem.find("control character") == std::string_view::npos)
        throw OdbcError("08001", "Invalid value for " + std::string(k->name));
      throw OdbcError("08001", std::string(problem));
    }
  }
}

std::string text(const ConnectionOptions& o, std::string_view name, std::string fallback = {}) {
  auto v = o.get(name);
  return v && !v->empty() ? *v : fallback;
}

unsigned long long number(const ConnectionOptions& o, std::string_view name, unsigned long long fallback) {
  const auto v = o.get(name);
  unsigned long long n;
  if (!v || v->empty() || !parse_unsigned_value(*v, 0xFFFFFFFFull, &n)) return fallback;
  return n;
}

// A named boolean keyword overrides its OPTION bit.
bool flag(const ConnectionOptions& o, std::string_view name, unsigned long option, unsigned long bit) {
  const auto v = o.get(name);
  bool b;
  if (v && !v->empty() && parse_boolean_value(*v, &b)) return b;
  return (option & bit) != 0;
}


SslMode parse_ssl_mode(const std::string& v) {
  if (ascii_iequals(v, "DISABLED")) return SslMode::Disabled;
  if (ascii_iequals(v, "REQUIRED")) return SslMode::Required;
  if (ascii_iequals(v, "VERIFY_CA")) return SslMode::VerifyCa;
  if (ascii_iequals(v, "VERIFY_IDENTITY")) return SslMode::VerifyIdentity;
  return SslMode::Preferred;
}

}  // namespace

ConnectSettings ConnectSettings::from(const ConnectionOptions& o) {
  validate_all(o);
  ConnectSettings s;
  s.dsn = text(o, "DSN");
  s.server = text(o, "SERVER", s.server);
  const unsigned long long port = number(o, "PORT", 3306);
  if (port == 0 || port > 65535)
    throw OdbcError("08001", "Invalid value '" + std::to_string(port) + "' for PORT: expected 1..65535");
  s.port = static_cast<unsigned>(port);
  s.socket = text(o, "SOCKET");
  s.database = text(o, "DATABASE");
  s.user = text(o, "UID");
  s.password = text(o, "PWD");
  s.charset = text(o, "CHARSET", s.charset);
  s.init_statement = text(o, "INITSTMT");
  s.connect_timeout = static_cast<unsigned>(number(o, "CONNECT_TIMEOUT", 0));
  s.read_timeout = static_cast<unsigned>(number(o, "READ_TIMEOUT", 0));
  s.write_timeout = static_cast<unsigned>(number(o, "WRITE_TIMEOUT", 0));
  s.ssl_mode = parse_ssl_mode(text(o, "SSLMODE", "PREFERRED"));
  s.ssl_ca = text(o, "SSLCA");
  s.ssl_cert = text(o, "SSLCERT");
  s.ssl_key = text(o, "SSLKEY");
  s.option = static_cast<unsigned long>(number(o, "OPTION", 0));
  using namespace option_bits;
  s.multi_statements = flag(o, "MULTI_STATEMENTS", s.option, kMultiStatements);
  s.no_cache = flag(o, "NO_CACHE", s.option, kNoCache);
  s.found_rows = flag(o, "FOUND_ROWS", s.option, kFoundRows);
  s.auto_is_null = flag(o, "AUTO_IS_NULL", s.option, kAutoIsNull);
  s.compressed = flag(o, "COMPRESSED_PROTO", s.option, kCompressedProto);
  s.ignore_space = flag(o, "IGNORE_SPACE", s.option, kIgnoreSpace);
  s.no_bigint = flag(o, "NO_BIGINT", s.option, kNoBigint);
  s.interactive = flag(o, "INTERACTIVE", 0, 0);
  s.forward_only = flag(o, "FORWARD_CURSOR", s.option, kForwardCursor);
  s.binary_as_hex = flag(o, "BINARY_AS_HEX", 0, 0);
  s.zero_date_error = flag(o, "ZERO_DATE_ERROR", 0, 0);
  s.auto_reconnect = flag(o, "AUTO_RECONNECT", s.option, kAutoReconnect);
  return s;
}

}  // namespace fabodbc
