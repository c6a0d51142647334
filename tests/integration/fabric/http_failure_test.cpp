// A Fabric that is refused, slow, silent, failing or talking nonsense: each gives a distinct
// error quickly, never a hang or a crash.
#include <gtest/gtest.h>

#include <chrono>

#include "fabric/error.h"
#include "fabric/router.h"
#include "tests/support/fabric_test_server.h"

using namespace fabodbc::fabric;
using fabodbc::test::TestServerProcess;
using Clock = std::chrono::steady_clock;

namespace {

struct Outcome {
    ErrorCategory category = ErrorCategory::Config;  // Config = no error
    std::string message;
    std::chrono::milliseconds elapsed{0};
};

Outcome first_load(const FabricEndpoint& e) {
    Outcome o;
    const auto start = Clock::now();
    try {
        Router r(e);
        r.resolve(RouteRequest::for_group("ha1"));
    } catch (const FabricError& err) {
        o.category = err.category();
        o.message = err.what();
    }
    o.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    return o;
}

}  // namespace

TEST(FabricHttpFailure, RefusedPortIsUnreachableAndNamesTheAddress) {
    int port = 0;
    {
        TestServerProcess s;  // learn a free port, then free it again
        port = s.fabric_port();
    }
    FabricEndpoint e;
    e.host = "127.0.0.1";
    e.port = port;
    e.connect_timeout_ms = 1000;
    e.total_timeout_ms = 1000;
    Outcome o = first_load(e);
    EXPECT_EQ(o.category, ErrorCategory::Unreachable) << o.message;
    EXPECT_NE(o.message.find("127.0.0.1:" + std::to_string(port)), std::string::npos) << o.message;
}

TEST(FabricHttpFailure, SlowFabricTimesOut) {
    TestServerProcess server;
    server.control("set_delay", R"({"seconds": 3})");
    FabricEndpoint e = server.endpoint();
    e.total_timeout_ms = 500;
    Outcome o = first_load(e);
    EXPECT_EQ(o.category, ErrorCategory::Timeout) << o.message;
    EXPECT_LT(o.elapsed.count(), 2500) << "the 3 s delay was waited out";
}

TEST(FabricHttpFailure, SilentFabricTimesOut) {
    TestServerProcess server;
    server.control("silent", R"({"on": true})");
    FabricEndpoint e = server.endpoint();
    e.total_timeout_ms = 500;
    Outcome o = first_load(e);
    EXPECT_EQ(o.category, ErrorCategory::Timeout) << o.message;
    server.control("silent", R"({"on": false})");
}

// FABRIC_TIMEOUT is one budget for a whole topology load, across its calls and across every
// Fabric node: two silent nodes cost the budget once, not once per node and call.
TEST(FabricHttpFailure, OneBudgetAcrossSilentNodesAndCalls) {
    TestServerProcess first, second;
    first.control("advertise", "{\"host\": \"127.0.0.1\", \"port\": " + std::to_string(second.fabric_port()) + "}");
    FabricEndpoint e = first.endpoint();
    e.total_timeout_ms = 800;
    e.connect_timeout_ms = 800;
    Router router(e);
    router.resolve(RouteRequest::for_group("ha1"));
    ASSERT_EQ(router.status().nodes.size(), 2u);
    first.control("silent", R"({"on": true})");
    second.control("silent", R"({"on": true})");
    router.reset_all();
    const auto start = std::chrono::steady_clock::now();
    Route r = router.resolve(RouteRequest::for_group("ha1"));
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    EXPECT_TRUE(r.stale);
    EXPECT_LT(took.count(), 800 + 300) << "each silent node or call waited out a budget of its own";
    EXPECT_NE(router.status().last_error.find("800 ms"), std::string::npos) << router.status().last_error;
    // A deadline given by the caller wins over the endpoint's budget.
    router.reset_all();
    const Deadline short_one = Deadline::after(std::chrono::milliseconds(200));
    const auto start2 = std::chrono::steady_clock::now();
    EXPECT_TRUE(router.resolve(RouteRequest::for_group("ha1"), &short_one).stale);
    EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start2).count(),
              200 + 300);
    first.control("silent", R"({"on": false})");
    second.control("silent", R"({"on": false})");
}

TEST(FabricHttpFailure, HostThatIsNotAHostIsRefused) {
    // Hosts built into the URL with libcurl's URL API: '@', '/', '#', spaces, NUL never
    // redirect the request elsewhere.
    for (const std::string host : {std::string("127.0.0.1@evil.example"), std::string("127.0.0.1/x"),
                                   std::string("127.0.0.1#frag"), std::string("a b"), std::string("127.0.0.1\0evil", 16)}) {
        FabricEndpoint e;
        e.host = host;
        e.port = 1;
        e.total_timeout_ms = 500;
        e.connect_timeout_ms = 500;
        try {
            Router router(e);
            router.resolve(RouteRequest::for_group("ha1"));
            ADD_FAILURE() << "host accepted: " << host;
        } catch (const FabricError& err) {
            EXPECT_EQ(err.category(), ErrorCategory::Config) << host << ": " << err.what();
        }
    }
}

TEST(FabricHttpFailure, Http500IsAnHttpError) {
    TestServerProcess server;
    server.control("fail_with_500", R"({"on": true})");
    Outcome o = first_load(server.endpoint());
    EXPECT_EQ(o.category, ErrorCategory::HttpError) << o.message;
    EXPECT_NE(o.message.find("500"), std::string::npos);
}

TEST(FabricHttpFailure, MalformedRepliesAreMalformed) {
    TestServerProcess server;
    for (const char* mode : {"garbage", "wrong_version", "missing_columns"}) {
        server.control("reply_mode", std::string(R"({"mode": ")") + mode + "\"}");
        Outcome o = first_load(server.endpoint());
        EXPECT_EQ(o.category, ErrorCategory::Malformed) << mode << ": " << o.message;
    }
}

TEST(FabricHttpFailure, OversizedReplyIsCutOff) {
    TestServerProcess server;
    server.control("reply_mode", R"({"mode": "oversized", "bytes": 2000000})");
    FabricEndpoint e = server.endpoint();
    e.max_reply_bytes = 64 * 1024;
    Outcome o = first_load(e);
    EXPECT_EQ(o.category, ErrorCategory::Malformed) << o.message;
    EXPECT_NE(o.message.find("size cap"), std::string::npos) << o.message;
}

TEST(FabricHttpFailure, ClientPostsToRpc2) {
    TestServerProcess server;
    Router r(server.endpoint());
    r.resolve(RouteRequest::for_group("ha1"));
    const std::string calls = server.control("calls");
    EXPECT_NE(calls.find("\"path\": \"/RPC2\""), std::string::npos) << calls;
}
