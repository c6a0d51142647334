// THE failover rules of the driver (fabric-protocol.md sections 7-9), in one object:
//
//  * which errors are connection-class (2002, 2003, 2004, 2006, 2013 client errors; 1290
//    "read-only" from a server that Fabric still called the primary of a READ_WRITE route);
//  * what happens with them: the group is invalidated in the Fabric cache, the server reported
//    (when FABRIC_REPORT_ERRORS=1; the Router sends each server at most once per TTL) when a
//    command or a connect attempt failed on it (not when an idle session is merely found
//    closed: wait_timeout looks the same), and
//      - found dead BEFORE the statement was sent, outside a transaction: reconnect (re-resolve)
//        and run the statement transparently: it cannot have run;
//      - found dead before sending INSIDE a transaction: 40001, the transaction is gone; the
//        connection moves to the new server for the next statement; nothing is replayed;
//      - lost AFTER sending (2006/2013 from the command itself): 08S01, never replayed (the
//        statement may have run); the next statement reconnects;
//      - 1290 from a demoted primary: 40001 (the statement was refused, the transaction is
//        rolled back), the next statement goes to the new primary;
//  * transaction replay (FABRIC_REPLAY=1, replay_log.h): a transaction lost with its server may
//    run again on the new one (and carry on when every result compares equal) only if nothing
//    of it can have been committed: lost before a statement was sent, or lost while a statement
//    that does not commit (no COMMIT, no implicit commit) was in flight. A COMMIT in flight is
//    never replayed: it stays 08S01, ambiguous;
//  * how a server is (re)connected: FABRIC_ATTEMPTS tries, FABRIC_ATTEMPT_DELAY seconds apart,
//    each one re-resolving the route (the group was invalidated after a failure, so a promotion
//    done meanwhile is seen), reporting each failed server. Only failures that another attempt
//    can mend are retried: a dead MySQL server, Fabric refusing connections or answering 5xx,
//    a group without a usable server (RouteUnavailable). Wrong Fabric credentials, missing
//    permissions, TLS verification, something that is not Fabric on FABRIC_PORT, a Fabric that
//    did not answer within its timeout, and bad routing input fail at once.
//
// It talks to the world only through RouteConnector, so it is unit-tested with fakes.
#pragma once

#include "driver/error.h"
#include "fabric/server.h"

#include <string>

namespace fabodbc::routing {

// Thrown by RouteConnector::resolve when there is no route now but a later attempt may find one
// (Fabric refused the connection or answered 5xx; the group has no usable server while a
// promotion may be under way). Any other OdbcError from resolve() is final.
class RouteUnavailable : public OdbcError {
 public:
  explicit RouteUnavailable(const OdbcError& e) : OdbcError(e) {}
  using OdbcError::OdbcError;
};

// What the policy needs: pick a server, open a session to it, tell Fabric, wait.
class RouteConnector {
 public:
  virtual ~RouteConnector() = default;
  // The server for the current route. Throws RouteUnavailable (retried) or OdbcError (final).
  virtual fabric::Server resolve() = 0;
  // Makes `server` the connection's session. Throws OdbcError whose native() is the errno.
  virtual void connect(const fabric::Server& server) = 0;
  virtual void report_failure(const fabric::Server& server, int error_code) noexcept = 0;
  virtual void invalidate(const std::string& group) noexcept = 0;
  virtual void pause(double seconds) = 0;
};

enum class Moment {
  BeforeSend,  // the connection was found dead before the statement left the client
  AfterSend,   // the failure came back from (or during) the command
};

enum class Verdict {
  NotConnectionError,  // an ordinary SQL error: leave it alone
  ReconnectAndRun,     // reconnect, then run the statement (it cannot have run)
  Surface08S01,        // reconnect at the next statement; the app gets 08S01
  Surface40001,        // transaction gone (or statement refused); the app gets 40001
};

struct Decision {
  Verdict verdict = Verdict::NotConnectionError;
  bool invalidate_group = false;  // drop the group from the Fabric cache
  bool report = false;            // threat.report_failure (when enabled)
  bool leave_server = false;      // the session must not be used again
};

class FailoverPolicy {
 public:
  FailoverPolicy(unsigned attempts, double attempt_delay_seconds)
      : attempts_(attempts == 0 ? 1 : attempts), delay_(attempt_delay_seconds) {}

  // 2002, 2003, 2004, 2006, 2013, 2055: the client lost (or never got) the connection.
  static bool is_connection_error(int native) noexcept;
  static constexpr int kReadOnly = 1290;  // ER_OPTION_PREVENTS_STATEMENT (--read-only)

  Decision classify(int native, Moment moment, bool in_transaction, bool read_write_route) const noexcept;

  // Whether a transaction lost at `moment` may be replayed: it was open, and the statement in
  // flight (AfterSend) cannot have committed it.
  static bool may_replay(Moment moment, bool in_transaction, bool statement_may_commit) noexcept {
    return in_transaction && (moment == Moment::BeforeSend || !statement_may_commit);
  }

  // Connects the route with attempts x delay. Returns the server connected. Throws the last
  // error (SQLSTATE 08001 when connecting, else as raised) after the last attempt.
  fabric::Server establish(RouteConnector& connector, bool connecting) const;

  unsigned attempts() const noexcept { return attempts_; }
  double attempt_delay() const noexcept { return delay_; }

 private:
  unsigned attempts_;
  double delay_;
};

}  // namespace fabodbc::routing
