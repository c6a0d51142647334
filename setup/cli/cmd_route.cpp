// fabodbc route DSN [--group G | --tables T --key K] [--mode ro|rw] [--scope local|global]
#include <strings.h>

#include <chrono>
#include <iostream>
#include <sstream>

#include "fabric/error.h"
#include "setup/cli/cli.h"
#include "setup/cli/fabric_dsn.h"
#include "setup/cli/json.h"
#include "setup/cli/table.h"

namespace fabodbc::cli {
namespace {

using namespace fabodbc::fabric;
using std::chrono::duration_cast;
using std::chrono::milliseconds;

std::vector<std::string> split_tables(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

AccessMode parse_mode(const std::string& v) {
  if (strcasecmp(v.c_str(), "ro") == 0 || strcasecmp(v.c_str(), "read_only") == 0) return AccessMode::ReadOnly;
  if (strcasecmp(v.c_str(), "rw") == 0 || strcasecmp(v.c_str(), "read_write") == 0) return AccessMode::ReadWrite;
  throw CliError(kUsage, "--mode must be ro or rw, not '" + v + "'");
}

Scope parse_scope(const std::string& v) {
  if (strcasecmp(v.c_str(), "local") == 0) return Scope::Local;
  if (strcasecmp(v.c_str(), "global") == 0) return Scope::Global;
  throw CliError(kUsage, "--scope must be local or global, not '" + v + "'");
}

Json server_json(const Server& s) {
  return Json::object()
      .set("uuid", s.uuid)
      .set("group", s.group_id)
      .set("host", s.host)
      .set("port", s.port)
      .set("status", to_string(s.status))
      .set("mode", to_string(s.mode))
      .set("weight", s.weight);
}

std::string describe(const RouteRequest& r) {
  std::string d;
  if (!r.group.empty()) {
    d = "group " + r.group;
  } else {
    d = "tables ";
    for (size_t i = 0; i < r.tables.size(); ++i) d += (i ? "," : "") + r.tables[i];
    d += r.scope == Scope::Global ? ", scope GLOBAL" : ", key " + r.key + ", scope LOCAL";
  }
  return d + ", mode " + to_string(r.mode);
}

}  // namespace

int cmd_route(Context& ctx) {
  const Args& a = ctx.args;
  a.allow_only({"--group", "--tables", "--key", "--mode", "--scope"}, "route");
  if (a.words.size() < 2) throw CliError(kUsage, "route needs a DSN");
  if (a.words.size() > 2) throw CliError(kUsage, "route takes one DSN, got '" + a.words[2] + "' too");
  const auto group = a.option("--group");
  const auto tables = a.option("--tables");
  const auto key = a.option("--key");
  if (group && (tables || key)) throw CliError(kUsage, "--group excludes --tables and --key");
  if (key && !tables) throw CliError(kUsage, "--key needs --tables");
  if (group && group->empty()) throw CliError(kUsage, "--group needs a group name");

  const FabricDsn f = read_fabric_dsn(a.words[1]);
  RouteRequest req;
  req.mode = a.option("--mode") ? parse_mode(*a.option("--mode")) : f.mode;
  req.scope = a.option("--scope") ? parse_scope(*a.option("--scope")) : f.scope;
  if (group) {
    req.group = *group;
  } else if (tables) {
    req.tables = split_tables(*tables);
    req.key = key.value_or("");
    if (req.tables.empty()) throw CliError(kUsage, "--tables needs at least one db.table");
  } else if (!f.group.empty()) {
    req.group = f.group;
  } else if (!f.tables.empty()) {
    req.tables = split_tables(f.tables);
    req.key = f.key;
  } else {
    throw CliError(kUsage, "nothing to route: give --group or --tables/--key (or set FABRIC_GROUP or "
                           "FABRIC_TABLES in the DSN)");
  }
  if (!req.tables.empty() && req.scope == Scope::Local && req.key.empty())
    throw CliError(kUsage, "a shard key is needed for LOCAL scope: give --key (or --scope global)");

  Route route;
  CacheStatus status;
  try {
    Router router(f.endpoint);
    route = router.resolve(req);
    status = router.status();
  } catch (const FabricError& e) {
    throw CliError(exit_code_for(e), e.what());
  }

  const auto now = std::chrono::steady_clock::now();
  const long long age_ms = route.topology ? duration_cast<milliseconds>(now - route.topology->loaded_at()).count() : 0;
  const long long expires_ms = std::max<long long>(0, duration_cast<milliseconds>(route.expires - now).count());
  const std::string explanation = route.explain();

  if (ctx.json) {
    Json request = Json::object();
    if (!req.group.empty()) {
      request.set("group", req.group);
    } else {
      Json t = Json::array();
      for (const auto& s : req.tables) t.push(s);
      request.set("tables", std::move(t)).set("key", req.key).set("scope", req.scope == Scope::Global ? "GLOBAL" : "LOCAL");
    }
    request.set("mode", to_string(req.mode));
    Json out = Json::object();
    out.set("ok", true).set("dsn", f.dsn).set("fabric", f.endpoint.address()).set("request", std::move(request));
    out.set("group", route.group ? route.group->id() : "");
    out.set("server", route.server ? server_json(*route.server) : Json());
    if (route.table) {
      Json table = Json::object();
      table.set("name", route.table->name)
          .set("type", to_string(route.table->type))
          .set("column", route.table->column_name)
          .set("mapping_id", static_cast<long long>(route.table->mapping_id))
          .set("global_group", route.table->global_group);
      out.set("table", std::move(table));
      if (route.scope == Scope::Local && route.shard.index < route.table->bound_text.size()) {
        out.set("shard", Json::object()
                             .set("lower_bound", route.table->bound_text[route.shard.index])
                             .set("shard_id", static_cast<long long>(route.table->shard_ids[route.shard.index]))
                             .set("group", route.table->group_ids[route.shard.index])
                             .set("hash_wrapped", route.shard.wrapped));
      }
    }
    const bool balanced = req.mode == AccessMode::ReadOnly && route.group && !route.group->secondaries().empty();
    Json balancing = Json::object();
    balancing.set("method", balanced ? "weighted_round_robin" : "primary");
    if (balanced) {
      const auto& wrr = route.group->balancer();
      Json members = Json::array();
      for (size_t i = 0; i < wrr.order().size(); ++i) {
        const Server& s = route.group->servers()[route.group->secondaries()[wrr.order()[i]]];
        members.push(Json::object().set("uuid", s.uuid).set("weight", s.weight).set("ratio", wrr.ratios()[i]));
      }
      balancing.set("secondaries", std::move(members)).set("cycle", wrr.cycle_length());
    }
    out.set("balancing", std::move(balancing));
    out.set("cache", Json::object()
                         .set("age_ms", age_ms)
                         .set("ttl_seconds", static_cast<long long>(route.topology ? route.topology->ttl_seconds() : 0))
                         .set("expires_in_ms", expires_ms)
                         .set("stale", route.stale)
                         .set("warning", route.warning ? *route.warning : std::string())
                         .set("refreshes", status.refreshes));
    out.set("explain", explanation);
    std::cout << out.dump() << std::endl;
    return kOk;
  }

  std::cout << "DSN " << f.dsn << " via Fabric at " << f.endpoint.address() << "\n";
  std::cout << "request: " << describe(req) << "\n";
  std::cout << "group:   " << (route.group ? route.group->id() : "-") << "\n";
  if (route.server)
    std::cout << "server:  " << route.server->uuid << " at " << route.server->host << ":" << route.server->port << " ("
              << to_string(route.server->status) << ", " << to_string(route.server->mode) << ", weight "
              << format_number(route.server->weight) << ")\n";
  std::cout << "why:\n";
  std::stringstream lines(explanation);
  std::string line;
  while (std::getline(lines, line)) std::cout << "  " << line << "\n";
  return kOk;
}

}  // namespace fabodbc::cli
