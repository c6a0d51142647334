// Cache behaviour over HTTP: TTL expiry, stale serving while Fabric is down, node fail-over,
// failure reports. 16 threads resolving while the topology changes: http_cache_concurrency_test.cpp.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

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

TEST(FabricHttpCache, TtlExpiryPicksUpAPromotion) {
    TestServerProcess server;
    Router router(server.endpoint());
    const auto rw = RouteRequest::for_group("ha1");
    EXPECT_EQ(router.resolve(rw).server->uuid, "ha1-a");
    server.control("promote", R"({"group": "ha1", "uuid": "ha1-b"})");
    // Once the TTL (1 s) has passed, the promotion is seen without any reset.
    EXPECT_TRUE(eventually(router, rw, [](const Route& r) { return r.server->uuid == "ha1-b"; }));
    EXPECT_GE(router.status().refreshes, 2u);
    EXPECT_EQ(router.status().ttl_seconds, 1);
}

TEST(FabricHttpCache, ServesStaleTopologyWhileFabricIsDownThenRefreshes) {
    auto server = std::make_unique<TestServerProcess>();
    const int port = server->fabric_port();
    Router router(server->endpoint());
    const auto rw = RouteRequest::for_group("ha1");
    Route first = router.resolve(rw);
    EXPECT_FALSE(first.stale);
    server.reset();  // Fabric down
    EXPECT_TRUE(eventually(router, rw, [](const Route& r) { return r.stale; }));
    Route stale = router.resolve(rw);
    EXPECT_EQ(stale.server->uuid, "ha1-a");
    ASSERT_TRUE(stale.warning);
    EXPECT_NE(stale.warning->find("127.0.0.1:" + std::to_string(port)), std::string::npos) << *stale.warning;
    EXPECT_TRUE(router.status().stale);
    EXPECT_GE(router.status().failed_refreshes, 1u);
    // Fabric back on the same port, with a different primary.
    TestServerProcess::Options o;
    o.port = port;
    TestServerProcess back(o);
    back.control("promote", R"({"group": "ha1", "uuid": "ha1-c"})");
    EXPECT_TRUE(eventually(router, rw, [](const Route& r) { return !r.stale && r.server->uuid == "ha1-c"; }));
    EXPECT_FALSE(router.status().stale);
}

TEST(FabricHttpCache, ResetGroupForcesARefresh) {
    TestServerProcess server;
    FabricEndpoint e = server.endpoint();
    server.control("set_ttl", R"({"ttl": 60})");
    Router router(e);
    EXPECT_EQ(router.resolve(RouteRequest::for_group("ha1")).server->uuid, "ha1-a");
    server.control("promote", R"({"group": "ha1", "uuid": "ha1-b"})");
    EXPECT_EQ(router.resolve(RouteRequest::for_group("ha1")).server->uuid, "ha1-a");  // TTL 60 s: cached
    router.reset("ha1");
    EXPECT_EQ(router.resolve(RouteRequest::for_group("ha1")).server->uuid, "ha1-b");
    server.control("promote", R"({"group": "ha1", "uuid": "ha1-c"})");
    router.reset_all();
    EXPECT_EQ(router.resolve(RouteRequest::for_group("ha1")).server->uuid, "ha1-c");
}

TEST(FabricHttpCache, FailsOverToAnAdvertisedNodeAndBackToTheConfiguredOne) {
    auto second = std::make_unique<TestServerProcess>();
    auto first = std::make_unique<TestServerProcess>();
    const int first_port = first->fabric_port();
    // The first node advertises the second one.
    first->control("advertise", R"({"host": "127.0.0.1", "port": )" + std::to_string(second->fabric_port()) + "}");
    second->control("promote", R"({"group": "ha1", "uuid": "ha1-b"})");  // tell the nodes apart
    Router router(first->endpoint());
    EXPECT_EQ(router.resolve(RouteRequest::for_group("ha1")).server->uuid, "ha1-a");
    ASSERT_GE(router.status().nodes.size(), 2u);
    first.reset();  // configured node down
    router.reset_all();
    Route r = router.resolve(RouteRequest::for_group("ha1"));
    EXPECT_FALSE(r.stale) << (r.warning ? *r.warning : "");
    EXPECT_EQ(r.server->uuid, "ha1-b");
    // Now the advertised node dies and the configured address is back: fall back to it.
    TestServerProcess::Options o;
    o.port = first_port;
    TestServerProcess first_again(o);
    first_again.control("promote", R"({"group": "ha1", "uuid": "ha1-c"})");
    second.reset();
    router.reset_all();
    Route back = router.resolve(RouteRequest::for_group("ha1"));
    EXPECT_FALSE(back.stale) << (back.warning ? *back.warning : "");
    EXPECT_EQ(back.server->uuid, "ha1-c");
}

TEST(FabricHttpCache, UnreachableAdvertisedAddressFallsBackToConfigured) {
    TestServerProcess server;
    server.control("advertise", R"({"host": "127.0.0.1", "port": 1})");
    Router router(server.endpoint());
    router.resolve(RouteRequest::for_group("ha1"));
    const auto nodes = router.status().nodes;
    ASSERT_EQ(nodes.size(), 2u);
    EXPECT_EQ(nodes[0].port, server.fabric_port());  // last good first
    EXPECT_EQ(nodes[1].port, 1);                     // the advertised, unreachable one
    for (int i = 0; i < 2; ++i) {
        router.reset_all();
        Route r = router.resolve(RouteRequest::for_group("ha1"));
        EXPECT_FALSE(r.stale);
    }
}

TEST(FabricHttpCache, FailureReportsAreFilteredDeduplicatedAndNeverThrow) {
    TestServerProcess server;
    FabricEndpoint e = server.endpoint();
    e.report_errors = true;
    e.reporter = "test-host";
    e.extra_report_errnos = {1290};
    server.control("set_ttl", R"({"ttl": 30})");
    Router router(e);
    Route r = router.resolve(RouteRequest::for_group("ha1"));
    const Server primary = *r.server;
    EXPECT_FALSE(router.report_failure(primary, 1045).reported);  // access denied: not a server failure
    ReportOutcome first = router.report_failure(primary, 2003);
    EXPECT_TRUE(first.reported) << first.detail;
    EXPECT_FALSE(router.report_failure(primary, 2013).reported);  // once per server per TTL
    const std::string calls = server.control("calls");
    EXPECT_EQ(fabodbc::test::count_of(calls, "threat.report_failure"), 1u) << calls;
    EXPECT_NE(calls.find(R"(["ha1-a", "test-host", 2003])"), std::string::npos) << calls;
    // The report invalidated the group: the next resolve sees the promoted secondary.
    EXPECT_NE(router.resolve(RouteRequest::for_group("ha1")).server->uuid, "ha1-a");
    // Extra errno is reported for another server; a dead Fabric makes the report fail quietly.
    Route ro = router.resolve(RouteRequest::for_group("ha1", AccessMode::ReadOnly));
    server.stop();
    ReportOutcome dead = router.report_failure(*ro.server, 1290);
    EXPECT_FALSE(dead.reported);
    EXPECT_NE(dead.detail.find("failed"), std::string::npos) << dead.detail;
}

TEST(FabricHttpCache, ReportingDisabledByDefault) {
    TestServerProcess server;
    Router router(server.endpoint());
    Route r = router.resolve(RouteRequest::for_group("ha1"));
    EXPECT_FALSE(router.report_failure(*r.server, 2003).reported);
    EXPECT_EQ(fabodbc::test::count_of(server.control("calls"), "threat.report_failure"), 0u);
}
