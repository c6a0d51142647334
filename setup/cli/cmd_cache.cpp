// fabodbc cache [list] | fabodbc cache clear [DSN]: the topology snapshots this user's
// processes share (fabric/snapshot_store.h).
#include <chrono>
#include <iostream>

#include "fabric/snapshot_store.h"
#include "setup/cli/cli.h"
#include "setup/cli/fabric_dsn.h"
#include "setup/cli/json.h"
#include "setup/cli/table.h"

namespace fabodbc::cli {

using fabric::SnapshotStore;

int cmd_cache(Context& ctx) {
  const Args& a = ctx.args;
  a.allow_only({"--dir"}, "cache");
  const std::string sub = a.words.size() > 1 ? a.words[1] : "list";
  std::string dir = a.option("--dir").value_or(SnapshotStore::default_directory());
  if (sub == "clear") {
    if (a.words.size() > 3) throw CliError(kUsage, "cache clear takes at most one DSN");
    std::size_t removed = 0;
    if (a.words.size() == 3) {
      const FabricDsn f = read_fabric_dsn(a.words[2]);
      if (!a.option("--dir") && !f.endpoint.shared_cache_dir.empty()) dir = f.endpoint.shared_cache_dir;
      removed = SnapshotStore::clear(dir, f.endpoint.address(), f.endpoint.user);
    } else {
      removed = SnapshotStore::clear(dir);
    }
    if (ctx.json)
      std::cout << Json::object().set("ok", true).set("directory", dir).set("removed", static_cast<long long>(removed)).dump()
                << std::endl;
    else
      std::cout << "Removed " << removed << " snapshot(s) from " << dir << "\n";
    return kOk;
  }
  if (sub != "list" || a.words.size() > 2) throw CliError(kUsage, "cache takes 'list' or 'clear [DSN]'");
  const auto now = std::chrono::system_clock::now();
  const auto entries = SnapshotStore::list(dir);
  auto age_ms = [&](const SnapshotStore::Entry& e) {
    return static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(now - e.saved).count());
  };
  if (ctx.json) {
    Json list = Json::array();
    for (const auto& e : entries) {
      Json j = Json::object().set("path", e.path);
      if (e.problem.empty())
        j.set("endpoint", e.endpoint)
            .set("user", e.user)
            .set("age_ms", age_ms(e))
            .set("ttl_seconds", static_cast<long long>(e.ttl_seconds))
            .set("groups", static_cast<long long>(e.groups))
            .set("sharded_tables", static_cast<long long>(e.tables));
      else
        j.set("refused", e.problem);
      list.push(std::move(j));
    }
    std::cout << Json::object().set("ok", true).set("directory", dir).set("snapshots", std::move(list)).dump()
              << std::endl;
    return kOk;
  }
  std::cout << "Shared topology snapshots in " << dir << ":\n";
  if (entries.empty()) {
    std::cout << "none\n";
    return kOk;
  }
  TextTable t({"FABRIC", "USER", "AGE", "TTL", "GROUPS", "TABLES", "STATE"});
  for (const auto& e : entries) {
    if (!e.problem.empty()) {
      t.add({e.path, "", "", "", "", "", "refused: " + e.problem});
      continue;
    }
    const long long age = age_ms(e);
    t.add({e.endpoint, e.user.empty() ? "-" : e.user, std::to_string(age / 1000) + " s",
           std::to_string(e.ttl_seconds) + " s", std::to_string(e.groups), std::to_string(e.tables),
           age < e.ttl_seconds * 1000 ? "fresh" : "expired"});
  }
  std::cout << t.render();
  return kOk;
}

}  // namespace fabodbc::cli
