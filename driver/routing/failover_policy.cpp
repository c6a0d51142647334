#include "driver/routing/failover_policy.h"

#include <optional>

namespace fabodbc::routing {

bool FailoverPolicy::is_connection_error(int native) noexcept {
  switch (native) {
    case 2002:  // CR_CONNECTION_ERROR
    case 2003:  // CR_CONN_HOST_ERROR
    case 2004:  // CR_IPSOCK_ERROR
    case 2006:  // CR_SERVER_GONE_ERROR
    case 2013:  // CR_SERVER_LOST
    case 2055:  // CR_SERVER_LOST_EXTENDED
      return true;
    default:
      return false;
  }
}

Decision FailoverPolicy::classify(int native, Moment moment, bool in_transaction,
                                  bool read_write_route) const noexcept {
  Decision d;
  if (native == kReadOnly) {
    // A read-only server refusing a write on a READ_WRITE route: Fabric's primary was demoted.
    // On a READ_ONLY route it is the application writing to a secondary: its own error.
    if (!read_write_route) return d;
    d.verdict = Verdict::Surface40001;  // refused, so it did not run; the transaction is dropped
    d.invalidate_group = true;
    d.leave_server = true;
    d.report = false;  // the server is alive; Fabric already knows it is no longer primary
    return d;
  }
  if (!is_connection_error(native)) return d;
  d.invalidate_group = true;
  // A session found closed before sending is no proof that the server is down (wait_timeout,
  // KILL): only a failure of the command itself, or of the reconnect (FailoverPolicy::
  // establish), is reported to Fabric, which would otherwise demote a healthy primary.
  d.report = moment == Moment::AfterSend;
  d.leave_server = true;
  if (moment == Moment::BeforeSend) {
    d.verdict = in_transaction ? Verdict::Surface40001 : Verdict::ReconnectAndRun;
  } else {
    d.verdict = Verdict::Surface08S01;  // may have run: never replayed
  }
  return d;
}

fabric::Server FailoverPolicy::establish(RouteConnector& connector, bool connecting) const {
  std::optional<OdbcError> last;
  for (unsigned attempt = 1; attempt <= attempts_; ++attempt) {
    if (attempt > 1 && delay_ > 0) connector.pause(delay_);
    fabric::Server server;
    try {
      server = connector.resolve();
    } catch (const RouteUnavailable& e) {
      // No route now (Fabric refusing connections without a cache, or no usable server in the
      // group): a promotion or a Fabric restart may be under way, so try again.
      last = e;
      continue;
    }  // any other OdbcError (credentials, TLS, not Fabric, Fabric timeout, bad input) is final
    try {
      connector.connect(server);
      return server;
    } catch (const OdbcError& e) {
      if (!is_connection_error(e.native())) throw;  // e.g. 1045 access denied: no use retrying
      connector.invalidate(server.group_id);
      connector.report_failure(server, e.native());
      last = OdbcError(e.sqlstate(),
                       "Cannot connect to server " + server.uuid + " (" + server.host + ":" +
                           std::to_string(server.port) + ") of Fabric group " + server.group_id + ": " + e.what(),
                       e.native());
    }
  }
  const std::string what = std::string(last->what()) + " (after " + std::to_string(attempts_) +
                           (attempts_ == 1 ? " attempt)" : " attempts)");
  throw OdbcError(connecting ? "08001" : "08S01", what, last->native());
}

}  // namespace fabodbc::routing
