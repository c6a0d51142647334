#include "driver/routing/fabric_route_resolver.h"

#include <algorithm>

#include "fabric/snapshot_store.h"

namespace fabodbc::routing {

fabric::FabricEndpoint FabricRouteResolver::endpoint_for(const FabricSettings& s) {
  fabric::FabricEndpoint e;
  e.host = s.host;
  e.port = static_cast<int>(s.port);
  e.protocol = s.https ? fabric::Protocol::Https : fabric::Protocol::Http;
  e.user = s.user;
  e.password = s.password;
  e.ssl_ca = s.ssl_ca;
  e.ssl_cert = s.ssl_cert;
  e.ssl_key = s.ssl_key;
  e.report_errors = s.report_errors;
  if (s.shared_cache) e.shared_cache_dir = s.cache_dir.empty() ? fabric::SnapshotStore::default_directory() : s.cache_dir;
  e.max_staleness_seconds = static_cast<long>(s.max_staleness_seconds);
  if (s.timeout_seconds > 0) e.total_timeout_ms = static_cast<long>(s.timeout_seconds) * 1000;
  e.connect_timeout_ms = std::min(e.connect_timeout_ms, e.total_timeout_ms);
  return e;
}

FabricRouteResolver::FabricRouteResolver(const FabricSettings& settings) : report_errors_(settings.report_errors) {
  fabric::FabricEndpoint endpoint = endpoint_for(settings);
  timeout_ = std::chrono::milliseconds(endpoint.total_timeout_ms);
  // The Router is shared by every connection to this Fabric and keeps the first caller's
  // settings, so FABRIC_REPORT_ERRORS is decided here, per connection: the shared Router may
  // always report, and report_failure() below only asks it to when this connection wants it.
  endpoint.report_errors = true;
  address_ = endpoint.address();
  try {
    endpoint.validate();
    router_ = fabric::Router::shared(endpoint);
  } catch (const fabric::FabricError& e) {
    throw to_odbc_error(e, address_, ResolveMoment::Connect);
  }
}

OdbcError FabricRouteResolver::to_odbc_error(const fabric::FabricError& e, const std::string& address,
                                             ResolveMoment moment) {
  using C = fabric::ErrorCategory;
  const bool connecting = moment == ResolveMoment::Connect;
  // Failures of Fabric itself (not of the request): unreachable, timeout, TLS, credentials,
  // permissions, HTTP/XML-RPC faults, garbage replies, bad endpoint configuration.
  const bool fabric_side = e.is_communication_failure() || e.category() == C::AuthFailed ||
                           e.category() == C::Forbidden || e.category() == C::Fault ||
                           e.category() == C::InBandError || e.category() == C::Config;
  if (fabric_side) {
    return OdbcError(connecting ? "08001" : "08S01",
                     "Cannot get a route from MySQL Fabric at " + address +
                         " and no cached topology to use: " + e.what());
  }
  switch (e.category()) {
    case C::NoPrimary:
    case C::NoServer:
      return OdbcError(connecting ? "08001" : "08S01", std::string("Fabric routing: ") + e.what());
    default:
      // Unknown group/table, key below the lowest bound, unparsable key, tables in different
      // groups, invalid request: the application's routing input is wrong.
      return OdbcError(connecting ? "08001" : "HY000", std::string("Fabric routing: ") + e.what());
  }
}

bool FabricRouteResolver::worth_retrying(fabric::ErrorCategory c) noexcept {
  using C = fabric::ErrorCategory;
  return c == C::Unreachable || c == C::HttpError || c == C::NoPrimary || c == C::NoServer;
}

fabric::Route FabricRouteResolver::resolve(const RouteTarget& target, ResolveMoment moment, bool advance_balancer,
                                           const fabric::Deadline* deadline) {
  const fabric::Deadline own = deadline ? *deadline : budget();
  try {
    fabric::RouteRequest request = target.request();
    request.advance_balancer = advance_balancer;
    return router_->resolve(request, &own);
  } catch (const fabric::FabricError& e) {
    if (worth_retrying(e.category())) throw RouteUnavailable(to_odbc_error(e, address_, moment));
    throw to_odbc_error(e, address_, moment);
  }
}

fabric::ReportOutcome FabricRouteResolver::report_failure(const fabric::Server& server, int error_code,
                                                          const fabric::Deadline* deadline) noexcept {
  if (report_errors_) {
    const fabric::Deadline own = deadline ? *deadline : budget();
    return router_->report_failure(server, error_code, &own);  // also invalidates the group
  }
  router_->reset(server.group_id);
  return fabric::ReportOutcome{false, "FABRIC_REPORT_ERRORS is off"};
}

void FabricRouteResolver::invalidate(const std::string& group) noexcept { router_->reset(group); }

void FabricRouteResolver::reset_all() noexcept { router_->reset_all(); }

}  // namespace fabodbc::routing
