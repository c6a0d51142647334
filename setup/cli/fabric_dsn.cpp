#include "setup/cli/fabric_dsn.h"

#include <strings.h>

#include <cmath>
#include <cstdlib>

#include "driver/error.h"
#include "driver/options/connection_options.h"
#include "driver/options/keywords.h"
#include "fabric/error.h"
#include "fabric/snapshot_store.h"
#include "setup/cli/cli.h"

namespace fabodbc::cli {
namespace {

unsigned long long number(const ConnectionOptions& o, const char* key, unsigned long long fallback,
                          unsigned long long max) {
  const auto v = o.get(key);
  if (!v || v->empty()) return fallback;
  unsigned long long n = 0;
  if (!parse_unsigned_value(*v, max, &n))
    throw CliError(kConfig, std::string("invalid value '") + v->substr(0, 64) + "' for " + key);
  return n;
}

std::string text(const ConnectionOptions& o, const char* key) { return o.get(key).value_or(""); }

}  // namespace

FabricDsn read_fabric_dsn(const std::string& dsn) {
  ConnectionOptions options;
  std::vector<std::string> notes;
  try {
    options.merge_dsn(dsn, &notes);
  } catch (const OdbcError& e) {
    throw CliError(kConfig, "data source '" + dsn + "' not found in the user or system odbc.ini");
  }
  // Every value is checked against the keyword table, as the driver will.
  for (const auto& [key, value] : options.values()) {
    if (const KeywordDef* k = find_keyword(key)) {
      char buf[256];
      const std::string_view problem = validate_keyword_value(*k, value, buf, sizeof buf);
      if (!problem.empty()) throw CliError(kConfig, "data source '" + dsn + "': " + std::string(problem));
    }
  }
  FabricDsn f;
  f.dsn = dsn;
  f.endpoint.host = text(options, "FABRIC_HOST");
  if (f.endpoint.host.empty())
    throw CliError(kConfig, "data source '" + dsn + "' has no FABRIC_HOST: it does not use MySQL Fabric");
  f.endpoint.port = static_cast<int>(number(options, "FABRIC_PORT", fabric::kDefaultFabricPort, 65535));
  f.endpoint.protocol =
      strcasecmp(text(options, "FABRIC_PROTOCOL").c_str(), "https") == 0 ? fabric::Protocol::Https : fabric::Protocol::Http;
  f.endpoint.user = text(options, "FABRIC_USER");
  f.endpoint.password = text(options, "FABRIC_PASSWORD");
  f.endpoint.ssl_ca = text(options, "FABRIC_SSL_CA");
  f.endpoint.ssl_cert = text(options, "FABRIC_SSL_CERT");
  f.endpoint.ssl_key = text(options, "FABRIC_SSL_KEY");
  const unsigned long long timeout = number(options, "FABRIC_TIMEOUT", 0, 3600);
  if (timeout > 0) {
    f.endpoint.total_timeout_ms = static_cast<long>(timeout * 1000);
    if (f.endpoint.connect_timeout_ms > f.endpoint.total_timeout_ms) f.endpoint.connect_timeout_ms = f.endpoint.total_timeout_ms;
  }
  f.endpoint.report_errors = false;  // a look-up tool never reports servers as failed
  try {
    // The shared snapshot, as the driver uses it: `topology` and `route` read it (and write a
    // fresh answer to it) like any other process of this user.
    const FabricSettings fs = FabricSettings::from(options);
    if (fs.shared_cache)
      f.endpoint.shared_cache_dir = fs.cache_dir.empty() ? fabric::SnapshotStore::default_directory() : fs.cache_dir;
    f.endpoint.max_staleness_seconds = static_cast<long>(fs.max_staleness_seconds);
  } catch (const OdbcError& e) {
    throw CliError(kConfig, "data source '" + dsn + "': " + e.what());
  }
  f.group = text(options, "FABRIC_GROUP");
  f.tables = text(options, "FABRIC_TABLES");
  f.key = text(options, "FABRIC_KEY");
  f.scope = strcasecmp(text(options, "FABRIC_SCOPE").c_str(), "GLOBAL") == 0 ? fabric::Scope::Global : fabric::Scope::Local;
  f.mode = strcasecmp(text(options, "FABRIC_MODE").c_str(), "READ_ONLY") == 0 ? fabric::AccessMode::ReadOnly
                                                                               : fabric::AccessMode::ReadWrite;
  try {
    f.endpoint.validate();
  } catch (const fabric::FabricError& e) {
    throw CliError(kConfig, "data source '" + dsn + "': " + e.what());
  }
  return f;
}

int exit_code_for(const std::exception& e) {
  if (const auto* fe = dynamic_cast<const fabric::FabricError*>(&e))
    return fe->category() == fabric::ErrorCategory::Config ? kConfig : kRouting;
  return kRouting;
}

}  // namespace fabodbc::cli
