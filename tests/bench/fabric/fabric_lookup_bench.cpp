// Lookup cost with a warm cache. Every benchmark also reports allocations per lookup,
// counted by a replaced global operator new, so "no allocation" is measured, not assumed.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "fabric/md5.h"
#include "fabric/router.h"
#include "fabric/topology.h"

namespace {
std::atomic<std::uint64_t> g_allocations{0};
}

void* operator new(std::size_t n) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

using namespace fabodbc::fabric;

namespace {

Server make_server(const std::string& uuid, const std::string& group, ServerStatus st, double w) {
    Server s;
    s.uuid = uuid;
    s.group_id = group;
    s.host = "10.0.0.1";
    s.port = 3306;
    s.status = st;
    s.mode = st == ServerStatus::Primary ? ServerMode::ReadWrite : ServerMode::ReadOnly;
    s.weight = w;
    return s;
}

std::string group_name(std::int64_t i) { return "shard-group-" + std::to_string(i); }

// n groups (primary + two weighted secondaries each) and two tables of n shards each.
std::shared_ptr<const Topology> build(std::int64_t n) {
    std::vector<Server> servers;
    for (std::int64_t i = 0; i < n; ++i) {
        const std::string g = group_name(i);
        servers.push_back(make_server(g + "-p", g, ServerStatus::Primary, 1.0));
        servers.push_back(make_server(g + "-s1", g, ServerStatus::Secondary, 1.0));
        servers.push_back(make_server(g + "-s2", g, ServerStatus::Secondary, 2.0));
    }
    std::vector<ShardRow> rows;
    for (std::int64_t i = 0; i < n; ++i) {
        ShardRow r;
        r.schema_name = "db";
        r.column_name = "id";
        r.shard_id = i + 1;
        r.group_id = group_name(i);
        r.global_group = group_name(0);
        r.table_name = "ranged";
        r.type_name = "RANGE";
        r.lower_bound = std::to_string(i * 1000);
        rows.push_back(r);
        r.table_name = "hashed";
        r.type_name = "HASH";
        r.lower_bound = to_hex_upper(md5(r.group_id));
        rows.push_back(r);
    }
    return Topology::build(std::move(servers), rows, 3600);
}

std::vector<std::string> keys(std::int64_t n, std::size_t count) {
    std::vector<std::string> out;
    std::uint64_t x = 88172645463325252ull;
    for (std::size_t i = 0; i < count; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.push_back(std::to_string(static_cast<std::int64_t>(x % static_cast<std::uint64_t>(n * 1000))));
    }
    return out;
}

void report_allocs(benchmark::State& state, std::uint64_t before) {
    const double allocs = static_cast<double>(g_allocations.load() - before);
    state.counters["allocs/lookup"] = benchmark::Counter(allocs / static_cast<double>(state.iterations()));
}

void BM_HaGroup(benchmark::State& state) {
    const auto topo = build(state.range(0));
    std::vector<std::string> names;
    for (std::int64_t i = 0; i < 1024; ++i) names.push_back(group_name((i * 7919) % state.range(0)));
    std::size_t i = 0;
    const auto before = g_allocations.load();
    for (auto _ : state) {
        const Group* g = topo->find_group(names[i++ & 1023]);
        benchmark::DoNotOptimize(&g->select(AccessMode::ReadOnly));
    }
    report_allocs(state, before);
}

void BM_Range(benchmark::State& state) {
    const auto topo = build(state.range(0));
    const auto ks = keys(state.range(0), 1024);
    std::size_t i = 0;
    const auto before = g_allocations.load();
    for (auto _ : state) {
        const ShardTable* t = topo->find_table("db.ranged");
        const ShardMatch m = lookup_shard(*t, ks[i++ & 1023]);
        benchmark::DoNotOptimize(&t->groups[m.index]->select(AccessMode::ReadWrite));
    }
    report_allocs(state, before);
}

void BM_Hash(benchmark::State& state) {
    const auto topo = build(state.range(0));
    const auto ks = keys(state.range(0), 1024);
    std::size_t i = 0;
    const auto before = g_allocations.load();
    for (auto _ : state) {
        const ShardTable* t = topo->find_table("db.hashed");
        const ShardMatch m = lookup_shard(*t, ks[i++ & 1023]);
        benchmark::DoNotOptimize(&t->groups[m.index]->select(AccessMode::ReadWrite));
    }
    report_allocs(state, before);
}

// The full public path: Router::resolve with a warm cache (atomic snapshot load + lookup).
void BM_RouterResolveRange(benchmark::State& state) {
    const auto topo = build(state.range(0));
    Router router(FabricEndpoint{}, [topo](const Deadline*) { return topo; });
    const auto ks = keys(state.range(0), 64);
    std::vector<RouteRequest> reqs;
    for (const auto& k : ks) reqs.push_back(RouteRequest::for_shard({"db.ranged"}, k));
    router.resolve(reqs[0]);
    std::size_t i = 0;
    const auto before = g_allocations.load();
    for (auto _ : state) benchmark::DoNotOptimize(router.resolve(reqs[i++ & 63]).server);
    report_allocs(state, before);
}

void BM_RouterResolveGroup(benchmark::State& state) {
    const auto topo = build(state.range(0));
    Router router(FabricEndpoint{}, [topo](const Deadline*) { return topo; });
    const RouteRequest req = RouteRequest::for_group(group_name(state.range(0) / 2), AccessMode::ReadOnly);
    router.resolve(req);
    const auto before = g_allocations.load();
    for (auto _ : state) benchmark::DoNotOptimize(router.resolve(req).server);
    report_allocs(state, before);
}

}  // namespace

BENCHMARK(BM_HaGroup)->Arg(10)->Arg(1000)->Arg(100000);
BENCHMARK(BM_Range)->Arg(10)->Arg(1000)->Arg(100000);
BENCHMARK(BM_Hash)->Arg(10)->Arg(1000)->Arg(100000);
BENCHMARK(BM_RouterResolveGroup)->Arg(10)->Arg(1000)->Arg(100000);
BENCHMARK(BM_RouterResolveRange)->Arg(10)->Arg(1000)->Arg(100000);

BENCHMARK_MAIN();
