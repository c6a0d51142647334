// The Fabric client against the test server in its real-Fabric modes (what Oracle's Fabric
// 1.5.6 was measured to do, docs/fabric-protocol-notes.md): digest nonces purged on a timer and
// a purged nonce answered by a closed connection, a failure report whose failover fails
// answered with an in-band error, and permanent errors failing at once.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>

#include "fabric/error.h"
#include "fabric/router.h"
#include "tests/support/fabric_test_server.h"

using namespace fabodbc::fabric;
using fabodbc::test::count_of;
using fabodbc::test::TestServerProcess;
using Clock = std::chrono::steady_clock;

namespace {

TestServerProcess::Options real_fabric_with_auth(const std::string& purge_seconds) {
    TestServerProcess::Options o;
    o.users = {"connector:secret"};
    o.real_fabric = true;
    o.quirks = {"nonce_purge_seconds=" + purge_seconds};
    return o;
}

FabricEndpoint with_credentials(const TestServerProcess& server, const std::string& password = "secret") {
    FabricEndpoint e = server.endpoint();
    e.user = "connector";
    e.password = password;
    return e;
}

long long ms_since(Clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count();
}

}  // namespace

// 1.5.6 purges its nonce records every 120 s and then closes the connection, without a reply,
// on a request that reuses one. Before the fix the client took that for "Fabric unreachable"
// and routed from its stale topology for good; after a promotion its writes went to the old
// primary. Here the purge runs every 0.5 s, over about ten periods.
TEST(FabricRealFabric, LongLivedRouterKeepsFollowingPromotionsPastNoncePurges) {
    TestServerProcess server(real_fabric_with_auth("0.5"));
    Router router(with_credentials(server));
    ASSERT_EQ(router.resolve(RouteRequest::for_group("ha1")).server->uuid, "ha1-a");
    const auto start = Clock::now();
    bool promoted = false;
    int stale = 0, after_promotion_on_new = 0, after_promotion = 0;
    while (ms_since(start) < 5000) {
        if (!promoted && ms_since(start) >= 2500) {
            server.control("promote", R"({"group": "ha1", "uuid": "ha1-b"})");
            promoted = true;
        }
        Route r = router.resolve(RouteRequest::for_group("ha1"));
        if (r.stale) ++stale;
        // TTL 1 s: one second after the promotion every resolve must see it.
        if (promoted && ms_since(start) >= 3700) {
            ++after_promotion;
            if (r.server->uuid == "ha1-b") ++after_promotion_on_new;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const std::string requests = server.control("requests");
    EXPECT_GE(std::stoi(server.control("nonce_purges").substr(11)), 4) << "purges did not happen";
    EXPECT_GE(count_of(requests, "\"status\": \"closed\""), 3u) << "the purged nonce was never reused: " << requests;
    EXPECT_EQ(stale, 0) << router.status().last_error;
    EXPECT_EQ(router.status().failed_refreshes, 0u) << router.status().last_error;
    EXPECT_GT(after_promotion, 0);
    EXPECT_EQ(after_promotion_on_new, after_promotion);
}

TEST(FabricRealFabric, NonceIsNotKeptAcrossAFailedExchange) {
    TestServerProcess server(real_fabric_with_auth("0"));
    Router router(with_credentials(server));
    router.resolve(RouteRequest::for_group("ha1"));
    server.control("fail_with_500", R"({"on": true})");
    router.reset_all();
    EXPECT_TRUE(router.resolve(RouteRequest::for_group("ha1")).stale);
    server.control("fail_with_500", R"({"on": false})");
    server.control("clear_calls");
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // past the retry time of the failure
    router.reset_all();
    EXPECT_FALSE(router.resolve(RouteRequest::for_group("ha1")).stale) << router.status().last_error;
    // After the failed exchange the next request starts with a fresh challenge: no request
    // carried the old nonce (it would be "stale" or "closed").
    const std::string requests = server.control("requests");
    EXPECT_EQ(count_of(requests, "\"auth\": \"none\""), 1u) << requests;
    EXPECT_EQ(count_of(requests, "\"status\": \"closed\""), 0u) << requests;
    EXPECT_EQ(count_of(requests, "\"auth\": \"stale\""), 0u) << requests;
}

TEST(FabricRealFabric, WrongPasswordFailsAtOnceWithOneCall) {
    TestServerProcess server(real_fabric_with_auth("120"));
    FabricEndpoint e = with_credentials(server, "wrong-secret");
    const auto start = Clock::now();
    try {
        Router router(e);
        router.resolve(RouteRequest::for_group("ha1"));
        FAIL() << "a wrong password must not route";
    } catch (const FabricError& err) {
        EXPECT_EQ(err.category(), ErrorCategory::AuthFailed) << err.what();
        EXPECT_EQ(std::string(err.what()).find("wrong-secret"), std::string::npos) << err.what();
    }
    EXPECT_LT(ms_since(start), 1000);
    // One call: the challenge (401) and the rejected digest (400), then nothing more.
    const std::string requests = server.control("requests");
    EXPECT_EQ(count_of(requests, "\"method\": \"dump.servers\""), 2u) << requests;
    EXPECT_EQ(count_of(requests, "\"status\": 400"), 1u) << requests;
}

TEST(FabricRealFabric, ReportWhoseFailoverFailsIsRecorded) {
    TestServerProcess::Options o;
    o.real_fabric = true;
    o.topology_json = R"({"ttl": 1, "groups": [{"id": "solo", "servers": [
        {"uuid": "solo-1", "host": "127.0.0.1", "port": 1, "mode": "READ_WRITE", "status": "PRIMARY"}]}]})";
    TestServerProcess server(o);
    FabricEndpoint e = server.endpoint();
    e.report_errors = true;
    Router router(e);
    Route r = router.resolve(RouteRequest::for_group("solo"));
    ReportOutcome outcome = router.report_failure(*r.server, 2003);
    EXPECT_TRUE(outcome.reported) << outcome.detail;
    EXPECT_NE(outcome.detail.find("no valid candidate"), std::string::npos) << outcome.detail;
    // Fabric did record it: the server is FAULTY (status 0) and dump.servers hides it.
    EXPECT_NE(server.control("topology").find("\"status\": 0"), std::string::npos);
    try {
        router.resolve(RouteRequest::for_group("solo"));
        FAIL() << "the group has no server left";
    } catch (const FabricError& err) {
        EXPECT_EQ(err.category(), ErrorCategory::UnknownGroup) << err.what();
    }
}
