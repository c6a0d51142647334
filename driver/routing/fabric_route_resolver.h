// The driver's door to the Fabric library: FabricSettings -> FabricEndpoint -> the process-wide
// Router, and every FabricError turned into an OdbcError with a documented SQLSTATE:
//
//   at connect (SQLConnect/SQLDriverConnect)      -> 08001, message names the Fabric address
//   later, Fabric unreachable / no usable server  -> 08S01 (no cached topology to fall back on)
//   (each thrown as RouteUnavailable when worth_retrying: the attempts loop tries again)
//   later, routing errors (unknown group/table,   -> HY000 "Fabric routing: ..."
//          key below the lowest bound, bad key,
//          tables in different groups)
//
// While Fabric is unreachable the Router answers from its cached topology (Route::stale), so
// only a process that never reached Fabric sees the communication errors.
#pragma once

#include "driver/error.h"
#include "driver/options/connection_options.h"
#include "driver/routing/failover_policy.h"
#include "driver/routing/route_target.h"
#include "fabric/error.h"
#include "fabric/router.h"

#include <chrono>
#include <memory>
#include <string>

namespace fabodbc::routing {

enum class ResolveMoment { Connect, Statement };

class FabricRouteResolver {
 public:
  explicit FabricRouteResolver(const FabricSettings& settings);

  // Throws OdbcError (mapped as above). `advance_balancer` false: a check of the current
  // session, which must not take a READ_ONLY balancer turn (fabric::RouteRequest).
  fabric::Route resolve(const RouteTarget& target, ResolveMoment moment, bool advance_balancer = true,
                        const fabric::Deadline* deadline = nullptr);
  // threat.report_failure when this connection's FABRIC_REPORT_ERRORS is on and the errno is
  // reportable (the Router sends each server at most once per TTL); invalidates the group.
  // The outcome says whether a report was sent (for the connection's log).
  fabric::ReportOutcome report_failure(const fabric::Server& server, int error_code,
                                       const fabric::Deadline* deadline = nullptr) noexcept;
  // This connection's FABRIC_TIMEOUT from now: what one connect (all attempts, all Fabric
  // nodes) or one route refresh may wait on Fabric in total. The shared Router keeps the first
  // connection's settings, so the budget is passed down with every call instead.
  fabric::Deadline budget() const { return fabric::Deadline::after(timeout_); }
  void invalidate(const std::string& group) noexcept;
  void reset_all() noexcept;
  const std::string& address() const noexcept { return address_; }
  // The shared cache's counters (refreshes, failures, TTL), for logging Fabric refreshes.
  fabric::CacheStatus cache_status() const { return router_->status(); }

  static fabric::FabricEndpoint endpoint_for(const FabricSettings& settings);
  static OdbcError to_odbc_error(const fabric::FabricError& error, const std::string& fabric_address,
                                 ResolveMoment moment);
  // Whether another attempt may mend it (RouteUnavailable): Fabric refused the connection or
  // answered with an HTTP error status, or the group has no usable server. Credentials,
  // permissions, TLS, a peer that is not Fabric, a Fabric timeout (its deadline is spent),
  // faults and bad routing input are final.
  static bool worth_retrying(fabric::ErrorCategory category) noexcept;

 private:
  std::shared_ptr<fabric::Router> router_;
  std::string address_;
  bool report_errors_ = false;  // this connection's FABRIC_REPORT_ERRORS
  std::chrono::milliseconds timeout_;  // this connection's FABRIC_TIMEOUT
};

}  // namespace fabodbc::routing
