// TopologyCache and Router over an in-process loader (no HTTP): stale serving, invalidation.
// The tests with several threads are in topology_cache_concurrency_test.cpp.
#include <gtest/gtest.h>

#include <atomic>

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

TEST(TopologyCache, FirstLoadErrorPropagatesThenStaleIsServedWithWarning) {
    int calls = 0;
    bool fail = true;
    TopologyCache cache([&](const Deadline*) {
        ++calls;
        if (fail) throw FabricError(ErrorCategory::Unreachable, "cannot reach Fabric at http://x:1");
        return topo("A");
    }, 0ms, "Fabric at http://x:1");
    EXPECT_THROW(cache.get(), FabricError);
    fail = false;
    auto s = cache.get();
    ASSERT_TRUE(s.topology);
    EXPECT_FALSE(s.stale);
    fail = true;
    auto stale = cache.get();  // TTL 0, floor 0: refresh attempted, fails
    EXPECT_EQ(stale.topology, s.topology);
    EXPECT_TRUE(stale.stale);
    ASSERT_TRUE(stale.warning);
    EXPECT_NE(stale.warning->find("cannot reach Fabric"), std::string::npos);
    EXPECT_EQ(cache.stats().failed_refreshes, 2u);
    fail = false;
    auto fresh = cache.get();
    EXPECT_FALSE(fresh.stale);
    EXPECT_NE(fresh.topology, s.topology);
}

TEST(RouterWithLoader, ResetGroupReloadsAndUnknownGroupTriesOnce) {
    std::atomic<int> loads{0};
    FabricEndpoint e;
    Router router(e, [&](const Deadline*) {
        ++loads;
        return topo(loads.load() == 1 ? "A" : "B", 3600);
    });
    EXPECT_EQ(router.resolve(RouteRequest::for_group("g")).server->uuid, "A");
    EXPECT_EQ(router.resolve(RouteRequest::for_group("g")).server->uuid, "A");
    EXPECT_EQ(loads.load(), 1);  // TTL 3600: cached
    router.reset("g");
    EXPECT_EQ(router.resolve(RouteRequest::for_group("g")).server->uuid, "B");
    EXPECT_EQ(loads.load(), 2);
    try {
        router.resolve(RouteRequest::for_group("nosuch"));
        FAIL();
    } catch (const FabricError& err) {
        EXPECT_EQ(err.category(), ErrorCategory::UnknownGroup);
        EXPECT_NE(std::string(err.what()).find("nosuch"), std::string::npos);
    }
    EXPECT_LE(loads.load(), 3);
    EXPECT_FALSE(Router::is_reportable(1045, {}));
    EXPECT_TRUE(Router::is_reportable(2013, {}));
    EXPECT_TRUE(Router::is_reportable(1290, {1290}));
}

TEST(FabricEndpoint, ValidatesAndNeverShowsThePassword) {
    FabricEndpoint e;
    e.host = "fabric.example";
    e.user = "connector";
    e.password = "secret";
    EXPECT_EQ(e.address(), "http://fabric.example:32274");
    EXPECT_EQ(e.cache_key().find("secret"), std::string::npos);
    EXPECT_NO_THROW(e.validate());
    FabricEndpoint other = e;
    other.password = "other";
    EXPECT_NE(other.cache_key(), e.cache_key());
    auto category = [](const FabricEndpoint& x) {
        try {
            x.validate();
        } catch (const FabricError& err) {
            return err.category();
        }
        return ErrorCategory::Unreachable;  // sentinel: valid
    };
    FabricEndpoint bad = e;
    bad.port = 70000;
    EXPECT_EQ(category(bad), ErrorCategory::Config);
    bad = e;
    bad.ssl_cert = "c.pem";  // without key, and on http
    EXPECT_EQ(category(bad), ErrorCategory::Config);
    bad = e;
    bad.extra_report_errnos = {42};
    EXPECT_EQ(category(bad), ErrorCategory::Config);
    bad = e;
    bad.host = "::1";
    EXPECT_EQ(bad.address(), "http://[::1]:32274");
}
