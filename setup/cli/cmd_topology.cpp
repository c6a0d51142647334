// fabodbc topology DSN: groups, servers and shard mappings as Fabric reports them.
#include <chrono>
#include <iostream>

#include "fabric/error.h"
#include "setup/cli/cli.h"
#include "setup/cli/fabric_dsn.h"
#include "setup/cli/json.h"
#include "setup/cli/table.h"

namespace fabodbc::cli {

using namespace fabodbc::fabric;

int cmd_topology(Context& ctx) {
  const Args& a = ctx.args;
  a.allow_only({}, "topology");
  if (a.words.size() != 2) throw CliError(kUsage, "topology takes exactly one DSN");
  const FabricDsn f = read_fabric_dsn(a.words[1]);

  std::shared_ptr<const Topology> topo;
  CacheStatus status;
  try {
    Router router(f.endpoint);
    topo = router.topology();
    status = router.status();
  } catch (const FabricError& e) {
    throw CliError(exit_code_for(e), e.what());
  }
  const long long age_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now() - topo->loaded_at())
                               .count();

  if (ctx.json) {
    Json groups = Json::array();
    for (const auto& g : topo->groups()) {
      Json servers = Json::array();
      for (const Server& s : g->servers())
        servers.push(Json::object()
                         .set("uuid", s.uuid)
                         .set("host", s.host)
                         .set("port", s.port)
                         .set("status", to_string(s.status))
                         .set("mode", to_string(s.mode))
                         .set("weight", s.weight));
      groups.push(Json::object().set("id", g->id()).set("servers", std::move(servers)));
    }
    Json tables = Json::array();
    for (const ShardTable& t : topo->tables()) {
      Json shards = Json::array();
      for (size_t i = 0; i < t.bound_text.size(); ++i)
        shards.push(Json::object()
                        .set("lower_bound", t.bound_text[i])
                        .set("shard_id", static_cast<long long>(t.shard_ids[i]))
                        .set("group", t.group_ids[i]));
      tables.push(Json::object()
                      .set("name", t.name)
                      .set("type", to_string(t.type))
                      .set("column", t.column_name)
                      .set("mapping_id", static_cast<long long>(t.mapping_id))
                      .set("global_group", t.global_group)
                      .set("shards", std::move(shards)));
    }
    std::cout << Json::object()
                     .set("ok", true)
                     .set("dsn", f.dsn)
                     .set("fabric", f.endpoint.address())
                     .set("fabric_uuid", topo->fabric_uuid())
                     .set("ttl_seconds", static_cast<long long>(topo->ttl_seconds()))
                     .set("age_ms", age_ms)
                     .set("stale", status.stale)
                     .set("source", status.source)
                     .set("snapshot", status.snapshot_path)
                     .set("groups", std::move(groups))
                     .set("sharded_tables", std::move(tables))
                     .dump()
              << std::endl;
    return kOk;
  }

  std::cout << "Fabric at " << f.endpoint.address();
  if (!topo->fabric_uuid().empty()) std::cout << " (uuid " << topo->fabric_uuid() << ")";
  std::cout << ", TTL " << topo->ttl_seconds() << " s, loaded " << age_ms << " ms ago"
            << (status.stale ? " (STALE: " + status.warning + ")" : "") << "\n";
  std::cout << "Source: "
            << (status.source == "shared snapshot"
                    ? "the shared snapshot " + status.snapshot_path + ", saved " + std::to_string(age_ms) +
                          " ms ago by another process"
                    : status.source)
            << "\n\n";
  TextTable servers({"GROUP", "SERVER", "ADDRESS", "STATUS", "MODE", "WEIGHT"});
  for (const auto& g : topo->groups())
    for (const Server& s : g->servers())
      servers.add({g->id(), s.uuid, s.host + ":" + std::to_string(s.port), to_string(s.status), to_string(s.mode),
                   format_number(s.weight)});
  std::cout << "Groups (" << topo->groups().size() << "):\n" << servers.render();
  if (topo->tables().empty()) {
    std::cout << "\nNo sharded tables.\n";
    return kOk;
  }
  TextTable tables({"TABLE", "TYPE", "COLUMN", "MAPPING", "GLOBAL GROUP"});
  TextTable shards({"TABLE", "LOWER BOUND", "SHARD", "GROUP"});
  for (const ShardTable& t : topo->tables()) {
    tables.add({t.name, to_string(t.type), t.column_name, t.mapping_id >= 0 ? std::to_string(t.mapping_id) : "-",
                t.global_group});
    for (size_t i = 0; i < t.bound_text.size(); ++i)
      shards.add({t.name, t.bound_text[i], std::to_string(t.shard_ids[i]), t.group_ids[i]});
  }
  std::cout << "\nSharded tables (" << topo->tables().size() << "):\n" << tables.render();
  std::cout << "\nShards:\n" << shards.render();
  return kOk;
}

}  // namespace fabodbc::cli
