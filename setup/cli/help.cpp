#include <iostream>
#include <map>

#include "setup/cli/cli.h"

namespace fabodbc::cli {
namespace {

const char kOverview[] = R"(Usage: fabodbc [--json] [--user|--system] COMMAND [ARGS...]

Manage fabodbc data sources, test connections and inspect MySQL Fabric routing.

Commands:
  dsn add NAME [KEY=VALUE...]    create a data source that uses the fabodbc driver
  dsn edit NAME KEY=VALUE...     change keywords of a data source (KEY= removes one)
  dsn remove NAME                delete a data source
  dsn list [--all]               list fabodbc data sources (--all: every driver's)
  dsn show NAME                  show a data source's keywords (passwords masked)
  test DSN                       connect; print server, version, latency and TLS state
  route DSN [--group G | --tables T --key K] [--mode ro|rw] [--scope local|global]
                                 show which Fabric group and server a connection uses, and why
  topology DSN                   show Fabric's groups, servers and shard mappings, and where they came from
  cache [list] | cache clear [DSN]
                                 show or remove the topology snapshots this user's processes share
  keywords                       list every DSN keyword with its type, default and help
  help [COMMAND]                 help for a command

Options (any position):
  --json        machine-readable output on stdout (errors too: {"ok":false,"error":{...}})
  --user        user odbc.ini ($ODBCINI or ~/.odbc.ini); the default for `dsn add`
  --system      system odbc.ini ($ODBCSYSINI/odbc.ini, usually /etc/odbc.ini)
  --help, -h    help for the command;  --version  print the version

Exit codes:
  0  success
  1  internal error
  2  usage error (unknown command or option, missing argument)
  3  configuration error (unknown keyword, bad value, unknown DSN, no Fabric settings)
  4  connection error (server unreachable, login refused)
  5  routing error (Fabric unreachable, unknown group or table, key below every bound)
)";

const char kDsn[] = R"(Usage:
  fabodbc dsn add NAME [KEY=VALUE...] [--user|--system] [--driver NAME]
  fabodbc dsn edit NAME KEY=VALUE... [--user|--system]
  fabodbc dsn remove NAME [--user|--system]
  fabodbc dsn list [--all] [--user|--system]
  fabodbc dsn show NAME [--user|--system]

Data sources are written through unixODBC's installer API to the user odbc.ini (default, or
--user) or the system odbc.ini (--system). Every KEY is checked against the driver's keyword
table (`fabodbc keywords`); aliases such as USER or PASSWORD are stored under the canonical
name (UID, PWD). Values are checked for their type: integers, booleans (0/1, yes/no,
true/false, on/off) and choices (e.g. SSLMODE=REQUIRED).

  add     fails if NAME exists in that odbc.ini; --driver names the odbcinst.ini entry
          (default fabodbc).
  edit    KEY=VALUE replaces a keyword, KEY= removes it. Without --user/--system the DSN is
          looked up in the user file first, then the system file.
  remove  deletes the section.
  list    NAME, SCOPE, DRIVER and DESCRIPTION of the data sources using fabodbc.
  show    every keyword of one data source; values of password keywords print as ********.

Examples:
  fabodbc dsn add shop SERVER=db1.example.com UID=app PWD=secret DATABASE=shop
  fabodbc dsn add shop-ro FABRIC_HOST=fabric.example.com FABRIC_GROUP=ha1 FABRIC_MODE=READ_ONLY
  fabodbc dsn edit shop SSLMODE=REQUIRED PORT=3307
  fabodbc --json dsn show shop
)";

const char kTest[] = R"(Usage: fabodbc test DSN [--timeout SECONDS]

Connects through the unixODBC driver manager exactly as an application would
(SQLDriverConnect "DSN=...") and prints the server reached, the DBMS name and version, the
connect time and the round-trip time of SELECT 1, and whether the session is encrypted (TLS
cipher and version from SHOW STATUS). --timeout bounds the login (SQL_ATTR_LOGIN_TIMEOUT).

Exit codes: 0 connected, 3 unknown DSN or driver not loadable, 4 connection failed.
)";

const char kRoute[] = R"(Usage: fabodbc route DSN [--group G | --tables DB.T[,DB.T2] --key K]
                   [--mode ro|rw] [--scope local|global]

Asks the MySQL Fabric named by the DSN's FABRIC_* keywords which server a connection would use,
without connecting to MySQL, and explains the choice: the mapping type and bound matched for a
shard key, the group, the primary or the weighted round robin over secondaries (weights and
ratios), and the age and TTL of the cached topology.

Without --group/--tables the DSN's FABRIC_GROUP or FABRIC_TABLES + FABRIC_KEY are used; --mode
and --scope default to the DSN's FABRIC_MODE and FABRIC_SCOPE.
  --mode ro   READ_ONLY: a secondary (weighted round robin), the primary if there is none
  --mode rw   READ_WRITE: the primary

Exit codes: 0 routed, 2 bad options, 3 DSN unknown or without FABRIC_HOST,
            5 Fabric unreachable, unknown group or table, key not covered by any shard.
)";

const char kTopology[] = R"(Usage: fabodbc topology DSN

Loads the topology from the MySQL Fabric named by the DSN's FABRIC_* keywords and prints it as
tables: every group with its servers (UUID, address, status, mode, weight), every sharded
table (mapping type, column, mapping id, global group) and its shards (lower bound, shard id,
group), and the cache state (Fabric UUID, TTL, age) with where the topology came from:
"Fabric", "shared snapshot" (saved by another process of this user, younger than its TTL: no
Fabric call was made), or "stale" (Fabric unreachable; the last known topology).

Exit codes: 0 ok, 3 DSN unknown or without FABRIC_HOST, 5 Fabric unreachable or failing.
)";

const char kCache[] = R"(Usage:
  fabodbc cache [list] [--dir DIR]
  fabodbc cache clear [DSN] [--dir DIR]

The processes of a user share what they learned from Fabric through snapshot files, one per
Fabric endpoint and user, in $XDG_RUNTIME_DIR/fabodbc (else /tmp/fabodbc-<uid>; a DSN's
FABRIC_CACHE_DIR names another directory, FABRIC_SHARED_CACHE=0 turns sharing off).

  list    every snapshot: Fabric address, user, age, TTL, groups and sharded tables, "fresh"
          or "expired"; a snapshot the driver would refuse (corrupt, truncated, writable by
          other users, another endpoint) is listed with the reason.
  clear   removes every snapshot of the directory, or only the DSN's; the next connect asks
          Fabric.
)";

const char kKeywords[] = R"(Usage: fabodbc keywords

Lists every DSN / connection-string keyword the driver knows: name, aliases, type, default,
allowed values and help, grouped as a DSN editor shows them. This is the same table the
driver, the setup library and docs/keywords.md use.
)";

}  // namespace

bool print_help(const std::string& topic, std::ostream& out) {
  static const std::map<std::string, const char*> kTopics = {
      {"", kOverview},        {"dsn", kDsn},           {"test", kTest},
      {"route", kRoute},      {"topology", kTopology}, {"keywords", kKeywords}, {"cache", kCache},
      {"help", kOverview},    {"exit-codes", kOverview}};
  auto it = kTopics.find(topic);
  if (it == kTopics.end()) return false;
  out << it->second;
  return true;
}

}  // namespace fabodbc::cli
