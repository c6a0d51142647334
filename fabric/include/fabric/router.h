// The public face of the library: "which MySQL server do I go to?".
//
//   auto router = Router::shared(endpoint);            // one per process per endpoint+user
//   Route r = router->resolve(RouteRequest::for_group("ha1", AccessMode::ReadWrite));
//   connect(r.server->host, r.server->port);            // r keeps the snapshot alive
//   ... on a connection error:
//   router->report_failure(*r.server, mysql_errno);     // never throws
//
// resolve() is thread-safe and, once the topology is cached, does no allocation on the
// success path (string_view lookups, binary searches, atomic WRR).
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "fabric/endpoint.h"
#include "fabric/fabric_client.h"
#include "fabric/topology.h"
#include "fabric/topology_cache.h"

namespace fabodbc::fabric {

enum class Scope { Local, Global };

struct RouteRequest {
    std::string group;                // HA group; exclusive with tables
    std::vector<std::string> tables;  // "db.table", all must land in one group
    std::string key;                  // shard key as text (integer, string, date[time])
    Scope scope = Scope::Local;
    AccessMode mode = AccessMode::ReadWrite;
    // false: the caller checks a session it already has (READ_ONLY then gets the group's first
    // secondary, and the balancer keeps its position for the next new session).
    bool advance_balancer = true;

    static RouteRequest for_group(std::string group, AccessMode mode = AccessMode::ReadWrite);
    static RouteRequest for_shard(std::vector<std::string> tables, std::string key,
                                  AccessMode mode = AccessMode::ReadWrite, Scope scope = Scope::Local);
};

// The decision, with enough context to explain it. Pointers point into `topology`.
struct Route {
    std::shared_ptr<const Topology> topology;
    const Server* server = nullptr;
    const Group* group = nullptr;
    const ShardTable* table = nullptr;  // sharded requests: the (first) table
    ShardMatch shard;                   // LOCAL sharded requests: the bound matched
    Scope scope = Scope::Local;
    AccessMode mode = AccessMode::ReadWrite;
    bool stale = false;                          // Fabric unreachable, last known topology used
    std::shared_ptr<const std::string> warning;  // why it is stale
    std::chrono::steady_clock::time_point expires;

    // Multi-line human explanation (for a `fabodbc route` command): mapping type, bound
    // matched, balancing weights and ratios, cache age and TTL.
    std::string explain() const;
};

struct ReportOutcome {
    bool reported = false;
    std::string detail;  // why not, or what Fabric said
};

struct CacheStatus {
    bool loaded = false;
    bool stale = false;
    std::string warning;
    std::chrono::milliseconds age{0};
    std::int64_t ttl_seconds = 0;
    std::chrono::milliseconds expires_in{0};
    std::uint64_t refreshes = 0, failed_refreshes = 0;
    std::string last_error;
    // Where the current topology came from: "Fabric", "shared snapshot" (saved by another
    // process; `age` is its age), "stale" or "stale shared snapshot" (Fabric unreachable).
    std::string source;
    std::string snapshot_path;  // empty: not shared
    std::uint64_t snapshot_loads = 0, snapshot_saves = 0;
    std::string snapshot_problem;
    std::vector<NodeAddress> nodes;
};

class Router {
public:
    // The process-wide router of this endpoint (+user). The first caller's settings win.
    static std::shared_ptr<Router> shared(const FabricEndpoint& endpoint);

    explicit Router(FabricEndpoint endpoint, ShardingSource source = ShardingSource::ShardingInformation);
    // For tests and tools: a router over an arbitrary loader (no HTTP).
    Router(FabricEndpoint endpoint, TopologyCache::Loader loader);

    // Everything it waits on Fabric for ends by `deadline` (null: FABRIC_TIMEOUT from now).
    Route resolve(const RouteRequest& request, const Deadline* deadline = nullptr);

    // threat.report_failure for the errnos of §8 (2002, 2003, 2004, 2006, 2013) and the
    // configured extras, at most once per server per TTL, when reporting is enabled. Always
    // invalidates the server's group for those errnos. Never throws.
    ReportOutcome report_failure(const Server& server, int error_code, const Deadline* deadline = nullptr) noexcept;
    static bool is_reportable(int error_code, const std::vector<int>& extras) noexcept;

    void reset(std::string_view group) noexcept;
    void reset_all() noexcept;

    // Current snapshot (loading it if needed) for a `fabodbc topology` command.
    std::shared_ptr<const Topology> topology();
    CacheStatus status() const;
    const FabricEndpoint& endpoint() const noexcept { return endpoint_; }
    FabricClient* client() noexcept { return client_.get(); }

private:
    std::string_view shard_group(const Topology& t, const RouteRequest& req, Route& out, const Group*& group,
                                 bool& missing_table) const;

    FabricEndpoint endpoint_;
    std::unique_ptr<FabricClient> client_;  // null for loader-based routers
    TopologyCache cache_;
    std::mutex report_mu_;
    std::map<std::string, std::chrono::steady_clock::time_point> last_report_;
};

}  // namespace fabodbc::fabric
