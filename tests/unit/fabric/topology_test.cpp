// Topology building and HA group selection (fabric-protocol.md §5.2).
#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "fabric/error.h"
#include "fabric/topology.h"

using namespace fabodbc::fabric;

namespace {

Server srv(const std::string& uuid, const std::string& group, ServerStatus st, double weight = 1.0,
           ServerMode mode = ServerMode::ReadOnly) {
    Server s;
    s.uuid = uuid;
    s.group_id = group;
    s.host = "10.0.0." + uuid;
    s.port = 3306;
    s.status = st;
    s.mode = mode;
    s.weight = weight;
    return s;
}

ErrorCategory select_error(const Group& g, AccessMode m) {
    try {
        g.select(m);
    } catch (const FabricError& e) {
        return e.category();
    }
    return ErrorCategory::Config;
}

}  // namespace

TEST(Topology, GroupsAreFilteredByExactIdAndSorted) {
    auto t = Topology::build({srv("1", "grp10", ServerStatus::Primary), srv("2", "grp1", ServerStatus::Primary),
                              srv("3", "grp1", ServerStatus::Secondary), srv("4", "grp1", ServerStatus::Faulty)},
                             {}, 5, "uuid");
    ASSERT_EQ(t->groups().size(), 2u);
    EXPECT_EQ(t->groups()[0]->id(), "grp1");
    const Group* g1 = t->find_group("grp1");
    ASSERT_TRUE(g1);
    EXPECT_EQ(g1->servers().size(), 2u);  // FAULTY dropped, grp10 not mixed in
    EXPECT_EQ(t->find_group("grp"), nullptr);
    EXPECT_EQ(t->find_group("grp100"), nullptr);
    EXPECT_EQ(t->ttl_seconds(), 5);
    EXPECT_EQ(t->fabric_uuid(), "uuid");
}

TEST(Topology, ReadWriteGoesToPrimaryReadOnlyToSecondaries) {
    auto t = Topology::build({srv("1", "g", ServerStatus::Primary, 1.0, ServerMode::ReadWrite),
                              srv("2", "g", ServerStatus::Secondary, 1.0), srv("3", "g", ServerStatus::Secondary, 1.0),
                              srv("4", "g", ServerStatus::Spare, 5.0)},
                             {}, 1);
    const Group& g = *t->find_group("g");
    EXPECT_EQ(g.select(AccessMode::ReadWrite).uuid, "1");
    EXPECT_EQ(g.select(AccessMode::WriteOnly).uuid, "1");
    std::string seq;
    for (int i = 0; i < 4; ++i) seq += g.select(AccessMode::ReadOnly).uuid;
    EXPECT_EQ(seq, "2323");  // spare never chosen
}

TEST(Topology, ReadOnlyFallsBackToPrimaryAndErrorsAreDistinct) {
    auto t = Topology::build({srv("1", "onlyprimary", ServerStatus::Primary), srv("2", "noprimary", ServerStatus::Secondary),
                              srv("3", "spares", ServerStatus::Spare)},
                             {}, 1);
    EXPECT_EQ(t->find_group("onlyprimary")->select(AccessMode::ReadOnly).uuid, "1");
    EXPECT_EQ(select_error(*t->find_group("noprimary"), AccessMode::ReadWrite), ErrorCategory::NoPrimary);
    EXPECT_EQ(t->find_group("noprimary")->select(AccessMode::ReadOnly).uuid, "2");
    EXPECT_EQ(select_error(*t->find_group("spares"), AccessMode::ReadOnly), ErrorCategory::NoServer);
    EXPECT_EQ(select_error(*t->find_group("spares"), AccessMode::ReadWrite), ErrorCategory::NoPrimary);
}

TEST(Topology, WeightedSecondariesFollowWrr) {
    auto t = Topology::build({srv("P", "g", ServerStatus::Primary), srv("A", "g", ServerStatus::Secondary, 1.0),
                              srv("B", "g", ServerStatus::Secondary, 2.0)},
                             {}, 1);
    const Group& g = *t->find_group("g");
    std::string seq;
    for (int i = 0; i < 6; ++i) seq += g.select(AccessMode::ReadOnly).uuid;
    EXPECT_EQ(seq, "BABBAB");
    // A check without advancing returns a secondary and leaves the next pick alone.
    EXPECT_EQ(g.select(AccessMode::ReadOnly, false).uuid, "A");
    EXPECT_EQ(g.select(AccessMode::ReadOnly).uuid, "B");
}

TEST(Topology, BalancingContinuesAcrossSnapshotsWhileSecondariesAreUnchanged) {
    auto servers = [](double weight_b) {
        return std::vector<Server>{srv("P", "g", ServerStatus::Primary), srv("A", "g", ServerStatus::Secondary, 1.0),
                                   srv("B", "g", ServerStatus::Secondary, weight_b)};
    };
    // 30 picks spread over three snapshots (three TTLs) split 10:20, as within one.
    std::map<std::string, int> count;
    std::shared_ptr<const Topology> previous;
    for (int ttl = 0; ttl < 3; ++ttl) {
        auto t = Topology::build(servers(2.0), {}, 1);
        if (previous) t->continue_balancing(*previous);
        for (int i = 0; i < 10; ++i) ++count[t->find_group("g")->select(AccessMode::ReadOnly).uuid];
        previous = t;
    }
    EXPECT_EQ(count["A"], 10);
    EXPECT_EQ(count["B"], 20);
    // A changed weight starts afresh.
    auto changed = Topology::build(servers(3.0), {}, 1);
    changed->continue_balancing(*previous);
    EXPECT_EQ(changed->find_group("g")->balancer().picks_so_far(), 0u);
}

TEST(Topology, InvalidationFlagIsPerGroup) {
    auto t = Topology::build({srv("1", "a", ServerStatus::Primary), srv("2", "b", ServerStatus::Primary)}, {}, 1);
    t->find_group("a")->invalidate();
    EXPECT_TRUE(t->find_group("a")->invalidated());
    EXPECT_FALSE(t->find_group("b")->invalidated());
}
