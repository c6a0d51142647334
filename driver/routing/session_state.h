// The connection state the application set through ODBC, re-applied on every server a routed
// connection moves to: current catalog (SQL_ATTR_CURRENT_CATALOG / DATABASE), autocommit and
// isolation. Charset and INITSTMT are part of the connect settings, so every new session gets
// them in its handshake; a pooled session already has them.
#pragma once

#include <string>

namespace fabodbc::mysql {
class Session;
}

namespace fabodbc::routing {

struct SessionState {
  std::string database;    // "" : none selected
  bool autocommit = true;
  unsigned isolation = 0;  // SQL_TXN_* ; 0: the server's default, never set

  bool operator==(const SessionState& o) const {
    return database == o.database && autocommit == o.autocommit && isolation == o.isolation;
  }
};

// Is a transaction open on the session? Route switches must never happen inside one.
//
// The client library's in-transaction flag comes from the last OK/EOF packet it parsed. With
// autocommit on it is exact (a transaction starts only with START TRANSACTION / BEGIN, whose OK
// packet sets it). In manual-commit mode it can lag: a transaction opened by a SELECT whose
// final EOF packet was skipped (cursor closed before the end) leaves it unset. Then the server
// is asked: one round trip, only on the paths that are about to switch servers. Errors count
// as "open" (the conservative answer: no switch).
bool transaction_open(mysql::Session& session, bool autocommit) noexcept;

// Brings a session from `have` to `want`, one statement per difference (none when equal).
// Throws OdbcError.
void apply_state(mysql::Session& session, const SessionState& have, const SessionState& want);

}  // namespace fabodbc::routing
