#include "fabric/router.h"

#include <unistd.h>

#include <algorithm>
#include <sstream>

#include "fabric/error.h"
#include "fabric/md5.h"

namespace fabodbc::fabric {

namespace {

using std::chrono::milliseconds;

std::string this_host_name() {
    char buf[256] = {0};
    if (gethostname(buf, sizeof buf - 1) != 0 || !buf[0]) return "fabodbc";
    return buf;
}

}  // namespace

RouteRequest RouteRequest::for_group(std::string group, AccessMode mode) {
    RouteRequest r;
    r.group = std::move(group);
    r.mode = mode;
    return r;
}

RouteRequest RouteRequest::for_shard(std::vector<std::string> tables, std::string key, AccessMode mode, Scope scope) {
    RouteRequest r;
    r.tables = std::move(tables);
    r.key = std::move(key);
    r.mode = mode;
    r.scope = scope;
    return r;
}

// ------------------------------------------------------------------ registry

std::shared_ptr<Router> Router::shared(const FabricEndpoint& endpoint) {
    endpoint.validate();
    static std::mutex mu;
    static std::map<std::string, std::shared_ptr<Router>> routers;  // lives for the process
    std::lock_guard<std::mutex> lk(mu);
    auto& slot = routers[endpoint.cache_key()];
    if (!slot) slot = std::make_shared<Router>(endpoint);
    return slot;
}

Router::Router(FabricEndpoint endpoint, ShardingSource source)
    : endpoint_((endpoint.validate(), std::move(endpoint))),
      client_(std::make_unique<FabricClient>(endpoint_)),
      cache_([c = client_.get(), source](const Deadline* d) { return c->load_topology(source, d); },
             std::chrono::seconds(1),
             "Fabric at " + endpoint_.address()) {
    if (!endpoint_.shared_cache_dir.empty())
        cache_.share_through(std::make_shared<SnapshotStore>(endpoint_.shared_cache_dir, endpoint_.address(),
                                                             endpoint_.user, md5_hex_lower(endpoint_.cache_key())),
                             std::chrono::seconds(endpoint_.max_staleness_seconds));
}

Router::Router(FabricEndpoint endpoint, TopologyCache::Loader loader)
    : endpoint_(std::move(endpoint)), cache_(std::move(loader), std::chrono::seconds(1), "Fabric at " + endpoint_.address()) {}

// ------------------------------------------------------------------ resolve

std::string_view Router::shard_group(const Topology& t, const RouteRequest& req, Route& out, const Group*& group,
                                     bool& missing) const {
    std::string_view gid;
    const ShardTable* first = nullptr;
    for (const std::string& name : req.tables) {
        if (name.find('.') == std::string::npos)
            throw FabricError(ErrorCategory::InvalidRequest, "sharded table '" + name + "' must be given as db.table");
        const ShardTable* st = t.find_table(name);
        if (!st) {
            missing = true;
            throw FabricError(ErrorCategory::UnknownTable,
                              "table '" + name + "' is not sharded in Fabric at " + endpoint_.address());
        }
        if (req.scope == Scope::Global) {  // first table's global group, others unchecked (§6.3)
            out.table = st;
            return st->global_group;
        }
        if (req.key.empty())
            throw FabricError(ErrorCategory::InvalidRequest, "a shard key is needed for LOCAL scope on table '" + name + "'");
        const ShardMatch m = lookup_shard(*st, req.key);
        const std::string& g = st->group_ids[m.index];
        if (!first) {
            first = st;
            out.table = st;
            out.shard = m;
            gid = g;
            group = st->groups[m.index];
        } else if (g != gid) {
            throw FabricError(ErrorCategory::TablesInDifferentGroups,
                              "tables '" + first->name + "' (group " + std::string(gid) + ") and '" + name + "' (group " +
                                  g + ") are located in different shards for key '" + req.key + "'");
        }
    }
    return gid;
}

Route Router::resolve(const RouteRequest& req, const Deadline* deadline) {
    if (req.group.empty() == req.tables.empty())
        throw FabricError(ErrorCategory::InvalidRequest, "a route needs either a group or sharded tables (not both)");
    TopologyCache::Snapshot snap = cache_.get(deadline);
    const milliseconds floor = cache_.min_ttl();
    for (int attempt = 0;; ++attempt) {
        const Topology& t = *snap.topology;
        // A retry is worth it only if Fabric gives us a different snapshot.
        auto refreshed = [&](milliseconds min_age) {
            if (attempt > 0) return false;
            TopologyCache::Snapshot ns = cache_.refresh(&t, min_age, deadline);
            if (ns.topology.get() == &t) return false;
            snap = std::move(ns);
            return true;
        };
        Route r;
        r.scope = req.scope;
        r.mode = req.mode;
        std::string_view gid;
        const Group* g = nullptr;
        if (!req.group.empty()) {
            gid = req.group;
        } else {
            bool missing = false;
            try {
                gid = shard_group(t, req, r, g, missing);
            } catch (const FabricError&) {
                if (missing && refreshed(floor)) continue;  // maybe a new table (Connector/Python does this too)
                throw;
            }
        }
        if (!g) g = t.find_group(gid);
        if (!g || g->invalidated()) {
            if (refreshed(g ? milliseconds(0) : floor)) continue;
            if (!g)
                throw FabricError(ErrorCategory::UnknownGroup, "group '" + std::string(gid) + "' is unknown to Fabric at " +
                                                                   endpoint_.address());
        }
        try {
            r.server = &g->select(req.mode, req.advance_balancer);
        } catch (const FabricError& e) {
            // No primary may mean a failover just happened: look again once (§5.2 step 2).
            if ((e.category() == ErrorCategory::NoPrimary || e.category() == ErrorCategory::NoServer) && refreshed(floor))
                continue;
            throw;
        }
        r.group = g;
        r.topology = snap.topology;
        r.stale = snap.stale;
        r.warning = snap.warning;
        r.expires = snap.expires;
        return r;
    }
}

// ------------------------------------------------------------------ failure reports

bool Router::is_reportable(int code, const std::vector<int>& extras) noexcept {
    switch (code) {
        case 2002:  // CR_CONNECTION_ERROR
        case 2003:  // CR_CONN_HOST_ERROR
        case 2004:  // CR_IPSOCK_ERROR
        case 2006:  // CR_SERVER_GONE_ERROR
        case 2013:  // CR_SERVER_LOST
            return true;
        default:
            return std::find(extras.begin(), extras.end(), code) != extras.end();
    }
}

ReportOutcome Router::report_failure(const Server& server, int code, const Deadline* deadline) noexcept {
    try {
        if (!is_reportable(code, endpoint_.extra_report_errnos))
            return {false, "error " + std::to_string(code) + " is not reported to Fabric"};
        cache_.invalidate_group(server.group_id);
        if (!endpoint_.report_errors) return {false, "failure reporting is disabled"};
        if (!client_) return {false, "no Fabric client"};
        const auto now = std::chrono::steady_clock::now();
        std::int64_t ttl_s = 1;
        if (auto topo = cache_.peek().topology) ttl_s = topo->ttl_seconds();
        const auto window = std::max<milliseconds>(std::chrono::seconds(ttl_s), cache_.min_ttl());
        {
            std::lock_guard<std::mutex> lk(report_mu_);
            auto it = last_report_.find(server.uuid);
            if (it != last_report_.end() && now - it->second < window)
                return {false, "server " + server.uuid + " was already reported within the TTL"};
            last_report_[server.uuid] = now;
        }
        const std::string reporter = endpoint_.reporter.empty() ? this_host_name() : endpoint_.reporter;
        try {
            client_->report_failure(server.uuid, reporter, code, deadline);
            return {true, "reported server " + server.uuid + " (error " + std::to_string(code) + ") to Fabric"};
        } catch (const FabricError& e) {
            // Fabric took the report and answered in its envelope: it records FAULTY first,
            // then fails the automatic failover that follows (e.g. no candidate) and says so.
            if (e.category() == ErrorCategory::InBandError)
                return {true, "reported server " + server.uuid + " (error " + std::to_string(code) +
                                  ") to Fabric, which then answered: " + e.what()};
            return {false, std::string("failure report to Fabric failed: ") + e.what()};
        } catch (const std::exception& e) {
            return {false, std::string("failure report to Fabric failed: ") + e.what()};
        }
    } catch (const std::exception& e) {
        return {false, std::string("failure report skipped: ") + e.what()};
    } catch (...) {
        return {false, "failure report skipped"};
    }
}

// ------------------------------------------------------------------ cache control & introspection

void Router::reset(std::string_view group) noexcept { cache_.invalidate_group(group); }
void Router::reset_all() noexcept { cache_.invalidate_all(); }

std::shared_ptr<const Topology> Router::topology() { return cache_.get().topology; }

CacheStatus Router::status() const {
    CacheStatus s;
    const TopologyCache::Snapshot snap = cache_.peek();
    if (snap.topology) {
        const auto now = std::chrono::steady_clock::now();
        s.loaded = true;
        s.stale = snap.stale;
        if (snap.warning) s.warning = *snap.warning;
        s.age = std::chrono::duration_cast<milliseconds>(now - snap.topology->loaded_at());
        s.ttl_seconds = snap.topology->ttl_seconds();
        s.expires_in = std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(snap.expires - now));
    }
    TopologyCache::Stats st = cache_.stats();
    s.refreshes = st.refreshes;
    s.failed_refreshes = st.failed_refreshes;
    s.last_error = st.last_error;
    s.snapshot_loads = st.snapshot_loads;
    s.snapshot_saves = st.snapshot_saves;
    s.snapshot_problem = st.snapshot_problem;
    if (const SnapshotStore* store = cache_.shared_store()) s.snapshot_path = store->path();
    if (snap.topology) {
        s.source = snap.stale ? (snap.topology->origin().shared_snapshot ? "stale shared snapshot" : "stale")
                              : (snap.topology->origin().shared_snapshot ? "shared snapshot" : "Fabric");
    }
    if (client_) s.nodes = client_->nodes();
    return s;
}

std::string Route::explain() const {
    std::ostringstream o;
    if (!server || !group) return "no route";
    if (table) {
        o << "table " << table->name << ": " << to_string(table->type) << " sharding on column " << table->column_name
          << ", " << table->bound_text.size() << " shard(s)";
        if (table->mapping_id >= 0) o << ", mapping " << table->mapping_id;
        o << "\n";
        if (scope == Scope::Global) {
            o << "scope GLOBAL -> global group " << table->global_group << "\n";
        } else {
            o << "key matched lower bound '" << table->bound_text[shard.index] << "' (shard "
              << table->shard_ids[shard.index] << ")" << (shard.wrapped ? " by hash wrap-around" : "") << " -> group "
              << table->group_ids[shard.index] << "\n";
        }
    }
    o << "group " << group->id() << ", mode " << to_string(mode) << ": ";
    if (mode == AccessMode::ReadOnly && !group->secondaries().empty()) {
        o << "weighted round robin over " << group->secondaries().size() << " secondaries (";
        const auto& wrr = group->balancer();
        for (std::size_t i = 0; i < wrr.order().size(); ++i) {
            const Server& s = group->servers()[group->secondaries()[wrr.order()[i]]];
            o << (i ? ", " : "") << s.uuid << " weight " << s.weight << " ratio " << wrr.ratios()[i];
        }
        o << "; cycle " << wrr.cycle_length() << ")\n";
    } else {
        o << "primary\n";
    }
    o << "server " << server->uuid << " at " << server->host << ":" << server->port << " (" << to_string(server->status)
      << ", " << to_string(server->mode) << ", weight " << server->weight << ")\n";
    if (topology) {
        const auto now = std::chrono::steady_clock::now();
        o << "topology age " << std::chrono::duration_cast<std::chrono::milliseconds>(now - topology->loaded_at()).count()
          << " ms, Fabric TTL " << topology->ttl_seconds() << " s, next refresh in "
          << std::max<long long>(0, std::chrono::duration_cast<std::chrono::milliseconds>(expires - now).count()) << " ms\n";
    }
    if (stale && warning) o << "WARNING: " << *warning << "\n";
    return o.str();
}

}  // namespace fabodbc::fabric
