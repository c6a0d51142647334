// 16 threads resolving through one Router over HTTP while the Fabric test server promotes
// servers and changes weights. CTest label "concurrency": scripts/test.sh runs it under
// ThreadSanitizer too.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "fabric/error.h"
#include "fabric/router.h"
#include "tests/integration/fabric/router_eventually.h"
#include "tests/support/fabric_test_server.h"

using namespace fabodbc::fabric;
using fabodbc::test::TestServerProcess;
using Clock = std::chrono::steady_clock;

namespace {

using fabodbc::fabric::test::eventually;

}  // namespace

TEST(FabricHttpCache, SixteenThreadsResolveWhileTheTopologyChanges) {
    TestServerProcess server;
    Router router(server.endpoint());
    router.resolve(RouteRequest::for_group("ha1"));
    std::atomic<bool> stop{false};
    std::atomic<int> errors{0}, wrong{0};
    std::atomic<long> resolutions{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 16; ++t) {
        threads.emplace_back([&, t] {
            const auto req = t % 3 == 0 ? RouteRequest::for_shard({"db.orders"}, std::to_string(t * 2000 + 1))
                                        : RouteRequest::for_group("ha1", t % 2 ? AccessMode::ReadOnly : AccessMode::ReadWrite);
            for (int i = 0; i < 200000 && !stop.load(); ++i) {
                try {
                    Route r = router.resolve(req);
                    if (!r.server || r.server->host != "127.0.0.1") ++wrong;
                    if (req.mode == AccessMode::ReadWrite && !req.group.empty() && r.server->status != ServerStatus::Primary)
                        ++wrong;
                    ++resolutions;
                } catch (const std::exception&) {
                    ++errors;
                }
            }
        });
    }
    const char* order[] = {"ha1-b", "ha1-c", "ha1-a", "ha1-b"};
    for (const char* uuid : order) {
        server.control("promote", std::string(R"({"group": "ha1", "uuid": ")") + uuid + "\"}");
        server.control("set_weight", std::string(R"({"uuid": ")") + uuid + R"(", "weight": 3.0})");
        router.reset("ha1");
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    stop = true;
    for (auto& th : threads) th.join();
    EXPECT_EQ(errors.load(), 0);
    EXPECT_EQ(wrong.load(), 0);
    EXPECT_GT(resolutions.load(), 1000);
    // Eventually everybody sees the last promotion.
    EXPECT_TRUE(eventually(router, RouteRequest::for_group("ha1"), [](const Route& r) { return r.server->uuid == "ha1-b"; }));
}
