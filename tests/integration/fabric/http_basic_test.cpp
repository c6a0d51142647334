// Routing over real HTTP against the test server: groups, every sharding type, scopes,
// in-band errors, faults, the 1.4 format and the shard_maps/tables/index trio.
#include <gtest/gtest.h>

#include "fabric/error.h"
#include "fabric/router.h"
#include "tests/support/fabric_test_server.h"

using namespace fabodbc::fabric;
using fabodbc::test::TestServerProcess;

namespace {

ErrorCategory category_of(Router& r, const RouteRequest& req) {
    try {
        r.resolve(req);
    } catch (const FabricError& e) {
        return e.category();
    }
    return ErrorCategory::Config;  // "no error"
}

std::string shard_group(Router& r, const std::string& table, const std::string& key) {
    return r.resolve(RouteRequest::for_shard({table}, key)).group->id();
}

}  // namespace

class FabricHttp : public ::testing::Test {
protected:
    TestServerProcess server;
};

TEST_F(FabricHttp, ResolvesHaGroupsByMode) {
    Router router(server.endpoint());
    Route rw = router.resolve(RouteRequest::for_group("ha1", AccessMode::ReadWrite));
    EXPECT_EQ(rw.server->uuid, "ha1-a");
    EXPECT_EQ(rw.server->port, 3311);
    EXPECT_EQ(rw.server->host, "127.0.0.1");
    EXPECT_FALSE(rw.stale);
    std::string seq;
    for (int i = 0; i < 6; ++i) seq += router.resolve(RouteRequest::for_group("ha1", AccessMode::ReadOnly)).server->uuid + " ";
    EXPECT_EQ(seq, "ha1-c ha1-b ha1-c ha1-c ha1-b ha1-c ");  // 2:1 from the first picks (smooth WRR)
    // Exact group id: "ha1" did not pick up "ha10" (dump patterns are substring matches).
    EXPECT_EQ(router.topology()->find_group("ha1")->servers().size(), 3u);
    EXPECT_EQ(router.topology()->fabric_uuid(), "5ca1ab1e-a007-feed-f00d-cab3fe13249e");
    EXPECT_EQ(category_of(router, RouteRequest::for_group("nosuch")), ErrorCategory::UnknownGroup);
    EXPECT_NE(rw.explain().find("ha1-a"), std::string::npos);
}

TEST_F(FabricHttp, ResolvesEveryShardingType) {
    Router router(server.endpoint());
    EXPECT_EQ(shard_group(router, "db.orders", "1"), "group_id-1");
    EXPECT_EQ(shard_group(router, "db.orders", "10000"), "group_id-2");
    EXPECT_EQ(shard_group(router, "db.orders", "2147483648"), "group_id-4");
    EXPECT_EQ(shard_group(router, "employees.employees", "12345"), "group_id-1");
    EXPECT_EQ(shard_group(router, "employees.employees", "168"), "group_id-4");  // wrap-around
    EXPECT_EQ(shard_group(router, "employees.employees", "Jess"), "group_id-4");
    EXPECT_EQ(shard_group(router, "employees.employees", "x"), "group_id-2");
    EXPECT_EQ(shard_group(router, "db.words", "mike"), "group_id-2");
    EXPECT_EQ(shard_group(router, "db.words", "\xc3\xa9" "clair"), "group_id-4");
    EXPECT_EQ(shard_group(router, "db.events", "2015-06-14"), "group_id-3");
    EXPECT_EQ(shard_group(router, "db.events", "2015-06-15 10:00:00"), "group_id-4");
    Route r = router.resolve(RouteRequest::for_shard({"db.orders"}, "10001"));
    EXPECT_EQ(r.server->uuid, "s2");
    EXPECT_NE(r.explain().find("lower bound '10000'"), std::string::npos) << r.explain();
}

TEST_F(FabricHttp, ScopesTablesAndDistinctErrors) {
    Router router(server.endpoint());
    Route g = router.resolve(RouteRequest::for_shard({"db.orders"}, "", AccessMode::ReadWrite, Scope::Global));
    EXPECT_EQ(g.group->id(), "global");
    EXPECT_EQ(g.server->uuid, "g-1");
    EXPECT_EQ(router.resolve(RouteRequest::for_shard({"db.orders", "db.lines"}, "15000")).group->id(), "group_id-2");
    // "15000" is a fine RANGE key but sorts below "a" for the RANGE_STRING table.
    EXPECT_EQ(category_of(router, RouteRequest::for_shard({"db.orders", "db.words"}, "15000")),
              ErrorCategory::KeyBelowLowerBound);
    EXPECT_EQ(category_of(router, RouteRequest::for_shard({"db.events"}, "15000")), ErrorCategory::BadKey);
    EXPECT_EQ(category_of(router, RouteRequest::for_shard({"db.orders", "db.other"}, "15000")),
              ErrorCategory::TablesInDifferentGroups);
    EXPECT_EQ(category_of(router, RouteRequest::for_shard({"db.nosuch"}, "1")), ErrorCategory::UnknownTable);
    EXPECT_EQ(category_of(router, RouteRequest::for_shard({"db.orders"}, "0")), ErrorCategory::KeyBelowLowerBound);
    EXPECT_EQ(category_of(router, RouteRequest::for_shard({"db.orders"}, "ten")), ErrorCategory::BadKey);
    EXPECT_EQ(category_of(router, RouteRequest::for_shard({"db.orders"}, "")), ErrorCategory::InvalidRequest);
    EXPECT_EQ(category_of(router, RouteRequest::for_shard({"orders"}, "1")), ErrorCategory::InvalidRequest);
    RouteRequest both = RouteRequest::for_group("ha1");
    both.tables = {"db.orders"};
    EXPECT_EQ(category_of(router, both), ErrorCategory::InvalidRequest);
}

TEST_F(FabricHttp, NoPrimaryIsDistinct) {
    server.control("set_status", R"({"uuid": "ha1-a", "status": "SPARE"})");
    Router router(server.endpoint());
    EXPECT_EQ(category_of(router, RouteRequest::for_group("ha1", AccessMode::ReadWrite)), ErrorCategory::NoPrimary);
    EXPECT_EQ(router.resolve(RouteRequest::for_group("ha1", AccessMode::ReadOnly)).server->group_id, "ha1");
}

TEST_F(FabricHttp, FaultsAndInBandErrorsFromTheClient) {
    FabricClient client(server.endpoint());
    try {
        client.call("_some_nonexisting_method", {});
        FAIL() << "no fault";
    } catch (const FabricError& e) {
        EXPECT_EQ(e.category(), ErrorCategory::Fault);
        EXPECT_NE(std::string(e.what()).find("_some_nonexisting_method"), std::string::npos);
    }
    try {
        client.call("group.lookup_servers", {xmlrpc::Value("nosuch")});
        FAIL() << "no in-band error";
    } catch (const FabricError& e) {
        EXPECT_EQ(e.category(), ErrorCategory::InBandError);
        EXPECT_NE(std::string(e.what()).find("Group (nosuch) does not exist."), std::string::npos);
    }
    auto nodes = client.dump_fabric_nodes();
    ASSERT_EQ(nodes.size(), 1u);
    EXPECT_EQ(nodes[0].port, server.fabric_port());
    auto servers = client.dump_servers("ha1");
    EXPECT_EQ(servers.size(), 4u);  // pattern is a substring match: ha1 and ha10
}

TEST_F(FabricHttp, UnderstandsThe14DumpFormat) {
    server.control("reply_mode", R"({"mode": "v14"})");
    Router router(server.endpoint());
    EXPECT_EQ(router.resolve(RouteRequest::for_group("ha1")).server->uuid, "ha1-a");
    EXPECT_EQ(shard_group(router, "db.orders", "20001"), "group_id-3");
    EXPECT_EQ(shard_group(router, "employees.employees", "168"), "group_id-4");
}

TEST_F(FabricHttp, ShardTrioGivesTheSameAnswers) {
    Router router(server.endpoint(), ShardingSource::ShardTrio);
    EXPECT_EQ(shard_group(router, "db.orders", "29999"), "group_id-3");
    EXPECT_EQ(shard_group(router, "db.lines", "30000"), "group_id-4");
    EXPECT_EQ(shard_group(router, "employees.employees", "bob"), "group_id-2");
    EXPECT_EQ(router.topology()->find_table("db.orders")->mapping_id, 1);
    const std::string calls = server.control("calls");
    EXPECT_GE(fabodbc::test::count_of(calls, "dump.shard_index"), 1u);
}

TEST_F(FabricHttp, MappingIdsComeFromShardTablesWithTheDefaultSource) {
    // dump.sharding_information has no mapping id; fabodbc topology/route showed -1.
    Router router(server.endpoint());
    EXPECT_EQ(shard_group(router, "db.words", "hello"), "group_id-2");
    EXPECT_EQ(router.topology()->find_table("db.orders")->mapping_id, 1);
    EXPECT_EQ(router.topology()->find_table("employees.employees")->mapping_id, 2);
    EXPECT_EQ(router.topology()->find_table("db.events")->mapping_id, 4);
    EXPECT_NE(router.resolve(RouteRequest::for_shard({"db.lines"}, "5")).explain().find("mapping 1"), std::string::npos);
}

TEST_F(FabricHttp, SharedRouterPerEndpointAndUser) {
    auto a = Router::shared(server.endpoint());
    auto b = Router::shared(server.endpoint());
    EXPECT_EQ(a.get(), b.get());
    FabricEndpoint other = server.endpoint();
    other.user = "someone";
    EXPECT_NE(Router::shared(other).get(), a.get());
}
