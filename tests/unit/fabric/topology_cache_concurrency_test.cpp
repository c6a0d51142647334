// The shared topology cache and Router with several threads (in-process loaders, no HTTP): one
// refresh in flight while readers keep the old snapshot, callers queued behind a failed first
// load, and threads resolving (READ_WRITE, READ_ONLY through the shared balancer, shard keys)
// while the topology keeps changing. CTest label "concurrency": scripts/test.sh runs these under
// ThreadSanitizer too.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "fabric/error.h"
#include "fabric/router.h"
#include "fabric/topology_cache.h"

using namespace fabodbc::fabric;
using namespace std::chrono_literals;

namespace {

std::shared_ptr<const Topology> topo(const std::string& primary, std::int64_t ttl = 0) {
    Server p;
    p.uuid = primary;
    p.group_id = "g";
    p.host = "h-" + primary;
    p.status = ServerStatus::Primary;
    p.mode = ServerMode::ReadWrite;
    return Topology::build({p}, {}, ttl);
}

}  // namespace

TEST(TopologyCache, OnlyOneRefreshInFlightOthersServeTheOldSnapshot) {
    std::mutex m;
    std::condition_variable cv;
    bool release = false;
    std::atomic<int> loads{0};
    std::atomic<bool> in_loader{false};
    TopologyCache cache([&](const Deadline*) {
        int n = ++loads;
        if (n == 1) return topo("A");
        in_loader = true;
        std::unique_lock<std::mutex> lk(m);
        cv.wait(lk, [&] { return release; });
        return topo("B");
    }, 0ms);
    auto first = cache.get().topology;
    auto refresher = std::async(std::launch::async, [&] { return cache.get().topology; });
    for (int i = 0; i < 2000 && !in_loader; ++i) std::this_thread::sleep_for(1ms);
    ASSERT_TRUE(in_loader.load());
    // While the refresh is blocked, readers get the old snapshot without waiting.
    for (int i = 0; i < 5; ++i) EXPECT_EQ(cache.get().topology, first);
    EXPECT_EQ(loads.load(), 2);
    {
        std::lock_guard<std::mutex> lk(m);
        release = true;
    }
    cv.notify_all();
    auto second = refresher.get();
    EXPECT_EQ(second->find_group("g")->primary()->uuid, "B");
}

TEST(TopologyCache, CallersQueuedBehindAFailedFirstLoadShareItsError) {
    std::atomic<int> loads{0};
    std::mutex m;
    std::condition_variable cv;
    bool release = false;
    std::atomic<bool> in_loader{false};
    TopologyCache cache([&](const Deadline*) -> std::shared_ptr<const Topology> {
        ++loads;
        in_loader = true;
        std::unique_lock<std::mutex> lk(m);
        cv.wait(lk, [&] { return release; });
        throw FabricError(ErrorCategory::Timeout, "Fabric at http://x:1 did not answer in time");
    }, 0ms);
    auto first = std::async(std::launch::async, [&] { return cache.get(); });
    for (int i = 0; i < 2000 && !in_loader; ++i) std::this_thread::sleep_for(1ms);
    ASSERT_TRUE(in_loader.load());
    std::vector<std::future<TopologyCache::Snapshot>> waiters;
    for (int i = 0; i < 4; ++i) waiters.push_back(std::async(std::launch::async, [&] { return cache.get(); }));
    std::this_thread::sleep_for(50ms);  // let them queue on the lock (correctness does not depend on it)
    {
        std::lock_guard<std::mutex> lk(m);
        release = true;
    }
    cv.notify_all();
    EXPECT_THROW(first.get(), FabricError);
    for (auto& w : waiters) {
        try {
            w.get();
            ADD_FAILURE() << "no error";
        } catch (const FabricError& e) {
            EXPECT_EQ(e.category(), ErrorCategory::Timeout);
        }
    }
    EXPECT_LE(loads.load(), 5);
    EXPECT_GE(loads.load(), 1);
}

namespace {

// Generation n of a changing farm: group "g" has servers g-0..g-2, g-(n % 3) is the primary and
// the other two are secondaries weighted 1:2 (same weights in every generation, so the balancer
// position is carried from snapshot to snapshot); RANGE table db.t maps [0, 100) to group "a"
// and [100, ...) to group "b" in even generations, the reverse in odd ones. TTL 0: with the
// cache's floor of 0 ms every resolve after a reset() reloads.
std::shared_ptr<const Topology> generation(int n) {
    std::vector<Server> servers;
    for (int i = 0; i < 3; ++i) {
        Server s;
        s.uuid = "g-" + std::to_string(i);
        s.group_id = "g";
        s.host = "127.0.0.1";
        s.port = 4000 + i;
        const bool primary = i == n % 3;
        s.status = primary ? ServerStatus::Primary : ServerStatus::Secondary;
        s.mode = primary ? ServerMode::ReadWrite : ServerMode::ReadOnly;
        s.weight = 1.0;
        servers.push_back(s);
    }
    for (const char* id : {"a", "b"}) {
        Server s;
        s.uuid = std::string(id) + "-0";
        s.group_id = id;
        s.host = "127.0.0.1";
        s.port = id[0] == 'a' ? 5000 : 5001;
        s.status = ServerStatus::Primary;
        s.mode = ServerMode::ReadWrite;
        servers.push_back(s);
    }
    std::vector<ShardRow> shards;
    const bool even = n % 2 == 0;
    shards.push_back({"db", "t", "id", "0", 1, "RANGE", even ? "a" : "b", "g", 1});
    shards.push_back({"db", "t", "id", "100", 2, "RANGE", even ? "b" : "a", "g", 1});
    return Topology::build(std::move(servers), shards, 0);
}

}  // namespace

// Six threads resolve through one Router while the main thread publishes a new generation and
// resets the cache 40 times: every answer must be a consistent view of some generation (a
// READ_WRITE answer is that snapshot's primary, a READ_ONLY one a secondary of that snapshot, a
// shard key lands in the group its snapshot maps it to), and nothing throws.
TEST(RouterWithLoader, ThreadsResolveWhileTheTopologyChanges) {
    std::atomic<int> gen{0};
    std::atomic<int> loads{0};
    FabricEndpoint e;
    Router router(e, [&](const Deadline*) {
        ++loads;
        return generation(gen.load());
    });
    router.resolve(RouteRequest::for_group("g"));
    std::atomic<bool> stop{false};
    std::atomic<int> errors{0}, wrong{0};
    std::atomic<long> resolutions{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t) {
        threads.emplace_back([&, t] {
            const RouteRequest req = t % 3 == 0   ? RouteRequest::for_group("g", AccessMode::ReadWrite)
                                     : t % 3 == 1 ? RouteRequest::for_group("g", AccessMode::ReadOnly)
                                                  : RouteRequest::for_shard({"db.t"}, t == 2 ? "7" : "150");
            for (int i = 0; i < 100000 && !stop.load(); ++i) {
                try {
                    const Route r = router.resolve(req);
                    const Group* g = r.topology->find_group(r.server->group_id);
                    if (!g || g != r.group) {
                        ++wrong;
                    } else if (req.mode == AccessMode::ReadWrite && !req.group.empty()) {
                        if (r.server != g->primary()) ++wrong;
                    } else if (req.mode == AccessMode::ReadOnly) {
                        if (r.server->status != ServerStatus::Secondary) ++wrong;
                    } else {
                        // The shard's group in the same snapshot as the answer.
                        const ShardTable* st = r.topology->find_table("db.t");
                        if (!st || r.table != st || st->group_ids[r.shard.index] != r.server->group_id) ++wrong;
                    }
                    ++resolutions;
                } catch (const std::exception&) {
                    ++errors;
                }
            }
        });
    }
    for (int n = 1; n <= 40; ++n) {
        gen.store(n);
        if (n % 2) router.reset("g");
        else router.reset_all();
        std::this_thread::sleep_for(5ms);
    }
    stop = true;
    for (auto& th : threads) th.join();
    EXPECT_EQ(errors.load(), 0);
    EXPECT_EQ(wrong.load(), 0);
    EXPECT_GT(resolutions.load(), 100);
    EXPECT_GT(loads.load(), 2);
    // A reset during a refresh in flight may be overtaken by that refresh; with no refresh
    // running, a reset shows the last generation (40: primary g-1, db.t [0, 100) -> "a").
    router.reset_all();
    EXPECT_EQ(router.resolve(RouteRequest::for_group("g")).server->uuid, "g-1");
    EXPECT_EQ(router.resolve(RouteRequest::for_shard({"db.t"}, "7")).server->group_id, "a");
}
