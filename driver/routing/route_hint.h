// Routing from SQL, for clients that only send SQL (isql, BI tools, scripts): a comment at the
// very start of a statement,
//
//   /* fabric: key=1234 */ SELECT ...                          this statement only
//   /* fabric: tables=shop.orders key=77 mode=read_only */ ...
//   /* fabric: group=reports */ ...     /* fabric: scope=global */ ...
//   /* fabric: set key=1234 */                                 the connection's route from now
//                                                              on, as SQLSetConnectAttr would
//
// Names: group, tables (db.table[,db.table]), key, scope (local|global), mode (read_only|ro|
// read_write|rw); values bare or quoted ('...' or "...", a doubled quote inside). The
// "fabric:" tag cannot be mistaken for an optimizer hint (those start "/*+") or a versioned
// comment ("/*!"); any other comment is left alone. The server receives the statement as the
// application wrote it, hint included: MySQL and MariaDB skip comments, and the hint then
// shows in the server's general and slow logs and in SHOW PROCESSLIST, where an operator
// looking for the statement finds it as written.
#pragma once

#include "driver/routing/route_target.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace fabodbc::routing {

struct RouteHint {
  bool set = false;  // "set": changes the connection's route instead of one statement's
  std::optional<std::string> group, tables, key;
  std::optional<bool> global_scope, read_only;
  bool statement_follows = false;  // anything but white space and ';' after the comment
  std::string text;                // the comment, for messages

  // `base` with this hint's changes: a group replaces the tables and the reverse. Throws
  // OdbcError HY000 "Fabric routing: ..." naming the hint when the result cannot be routed.
  RouteTarget applied_to(const RouteTarget& base) const;
};

// True when the statement starts (after white space) with "/* fabric:" (any case): a cheap
// test for the statement paths.
bool starts_with_route_hint(std::string_view sql) noexcept;

// The hint at the start of `sql`, nullopt when there is none. Throws OdbcError 42000 naming
// the hint for a malformed one (unknown name, missing value, bad scope or mode, unclosed).
std::optional<RouteHint> parse_route_hint(std::string_view sql);

}  // namespace fabodbc::routing
