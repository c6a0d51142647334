// What the application asked Fabric routing for: an HA group, or sharded tables + key + scope,
// and a mode. Built from the FABRIC_* keywords at connect and changed by the fabodbc.h
// connection attributes; validated so that a bad combination is a clear error at the moment
// the application makes it (08001 at connect, HY024 at SQLSetConnectAttr).
#pragma once

#include "driver/options/connection_options.h"
#include "fabric/router.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fabodbc::routing {

struct RouteTarget {
  std::string group;                // HA group; exclusive with tables
  std::vector<std::string> tables;  // "db.table"
  std::string key;                  // shard key as text; empty: none
  bool global_scope = false;
  bool read_only = false;

  // From the connection keywords. Throws OdbcError 08001 for FABRIC_GROUP with FABRIC_TABLES,
  // neither of them, a malformed table list, or LOCAL scope on tables without a key.
  static RouteTarget from(const FabricSettings& settings);

  // "db.t1, db.t2" -> {"db.t1", "db.t2"}; throws OdbcError(sqlstate) when an entry is not
  // db.table. Empty text gives an empty list.
  static std::vector<std::string> parse_tables(std::string_view text, const char* sqlstate);

  // Why this target cannot be routed ("" when it can).
  std::string problem() const;

  fabric::RouteRequest request() const;
  std::string tables_text() const;  // "db.t1,db.t2"
  bool operator==(const RouteTarget& o) const {
    return group == o.group && tables == o.tables && key == o.key && global_scope == o.global_scope &&
           read_only == o.read_only;
  }
  bool operator!=(const RouteTarget& o) const { return !(*this == o); }
};

// Route attributes set with SQLSetConnectAttr before connecting (validated when set); at connect
// they override the FABRIC_* keywords of the DSN / connection string.
struct RouteOverrides {
  std::optional<std::string> group, key, tables;
  std::optional<bool> global_scope, read_only;

  void apply(FabricSettings& settings) const;
};

}  // namespace fabodbc::routing
