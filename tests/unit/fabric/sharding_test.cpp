// Shard lookups with every vector of fabric-protocol.md §6.4.
#include <gtest/gtest.h>

#include <cstdint>

#include "fabric/error.h"
#include "fabric/md5.h"
#include "fabric/shard_key.h"
#include "fabric/topology.h"

using namespace fabodbc::fabric;

namespace {

std::shared_ptr<const Topology> topo_with(const std::string& type, std::vector<std::pair<std::string, std::string>> bounds) {
    std::vector<ShardRow> rows;
    std::int64_t id = 1;
    for (auto& [b, g] : bounds) {
        ShardRow r;
        r.schema_name = "employees";
        r.table_name = "employees";
        r.column_name = "emp_no";
        r.lower_bound = b;
        r.shard_id = id++;
        r.type_name = type;
        r.group_id = g;
        r.global_group = "group_id-global";
        rows.push_back(r);
    }
    return Topology::build({}, rows, 1);
}

std::string group_for(const Topology& t, const std::string& key) {
    const ShardTable* st = t.find_table("employees.employees");
    if (!st) return "<no table>";
    return st->group_ids[lookup_shard(*st, key).index];
}

ErrorCategory error_for(const Topology& t, const std::string& key) {
    try {
        group_for(t, key);
    } catch (const FabricError& e) {
        return e.category();
    }
    return ErrorCategory::Config;
}

}  // namespace

TEST(Sharding, HashVectors) {
    // Inserted in shard_id order (unsorted); the loader sorts once.
    auto t = topo_with("HASH", {{"48B32E5AD3C6EC00A45578E0A34B092F", "group_id-1"},
                                {"9D16A976693A06906CB4DAF56A22155B", "group_id-2"},
                                {"30C3880D657F132767FEC0FF85CA7545", "group_id-3"},
                                {"D557CDA8646556459AAFFA7B5169FEAB", "group_id-4"}});
    EXPECT_EQ(to_hex_upper(md5("group_id-1")), "48B32E5AD3C6EC00A45578E0A34B092F");
    const std::vector<std::tuple<const char*, const char*, const char*>> v{
        {"1", "C4CA4238A0B923820DCC509A6F75849B", "group_id-2"},
        {"2", "C81E728D9D4C2F636F067F89CC14862C", "group_id-2"},
        {"3", "ECCBC87E4B5CE2FE28308FD9F2A7BAF3", "group_id-4"},
        {"4", "A87FF679A2F3E71D9181A67B7542122C", "group_id-2"},
        {"5", "E4DA3B7FBBCE2345D7772B0674A318D5", "group_id-4"},
        {"10", "D3D9446802A44259755D38E6D163E820", "group_id-2"},
        {"42", "A1D0C6E83F027327D8461063F4AC58A6", "group_id-2"},
        {"100", "F899139DF5E1059396431415E770C6DD", "group_id-4"},
        {"168", "006F52E9102A8D3BE2FE5614F42BA989", "group_id-4"},
        {"1000", "A9B7BA70783B617E9998DC4DD82EB3C5", "group_id-2"},
        {"12345", "827CCB0EEA8A706C4C34A16891F84E7B", "group_id-1"},
        {"Jess", "2809A05A22A4A9C1882A580BCC0AD8A6", "group_id-4"},
        {"x", "9DD4E461268C8034F5C8564E155C67A6", "group_id-2"},
        {"X", "02129BB861061D1A052C592E2DC6B383", "group_id-4"},
        {"Y", "57CEC4137B614C87CB4E24A3D003A3E0", "group_id-1"},
        {"g", "B2F5FF47436671B6E533D8DC3614845D", "group_id-2"},
        {"alice", "6384E2B2184BCBF58ECCF10CA7A6563C", "group_id-1"},
        {"bob", "9F9D51BC70EF21CA5C14F307980A29D8", "group_id-2"},
        {"carol", "A9A0198010A6073DB96434F6CC5F22A8", "group_id-2"},
        {"dave", "1610838743CC90E3E4FDDA748282D9B8", "group_id-4"},
        {"erin", "5F5BE3890FA875BFE8FA797B4BA6A397", "group_id-1"},
        {"frank", "26253C50741FAA9C2E2B836773C69FE6", "group_id-4"},
    };
    for (auto& [key, hex, group] : v) {
        EXPECT_EQ(to_hex_upper(md5(key)), hex) << key;
        EXPECT_EQ(group_for(*t, key), group) << key;
    }
    const ShardTable* st = t->find_table("employees.employees");
    EXPECT_TRUE(lookup_shard(*st, "168").wrapped);
    EXPECT_FALSE(lookup_shard(*st, "1").wrapped);
}

TEST(Sharding, HashMatchesConnectorJTestMapping) {
    auto t = topo_with("HASH", {{"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "0"},
                                {"66666666666666666666666666666666", "1"},
                                {"2809A05A22A4A9C1882A580BCC0AD8A6", "2"},
                                {"dddddddddddddddddddddddddddddddd", "3"}});  // lower-case input is normalised
    EXPECT_EQ(group_for(*t, "Jess"), "2");
    EXPECT_EQ(group_for(*t, "x"), "1");
    EXPECT_EQ(group_for(*t, "X"), "3");
    EXPECT_EQ(group_for(*t, "Y"), "2");
    EXPECT_EQ(group_for(*t, "g"), "0");
    EXPECT_EQ(group_for(*t, "168"), "3");
}

TEST(Sharding, HashWithShortSplitBoundsComparesAsStrings) {
    // A split midpoint below 2^120 gives a bound shorter than 32 digits (§6.1): never padded.
    auto t = topo_with("HASH", {{"8", "g-8"}, {"00", "g-00"}, {"D557CDA8646556459AAFFA7B5169FEAB", "g-d5"}});
    const ShardTable* st = t->find_table("employees.employees");
    ASSERT_TRUE(st);
    EXPECT_FALSE(st->hash_as_digests);
    EXPECT_EQ(group_for(*t, "1"), "g-8");     // C4CA... > "8"
    EXPECT_EQ(group_for(*t, "3"), "g-d5");    // ECCB...
    EXPECT_EQ(group_for(*t, "168"), "g-00");  // 006F... > "00"
    EXPECT_EQ(group_for(*t, "12345"), "g-8");   // 827C... > "8" (string order)
    auto full = topo_with("HASH", {{"48B32E5AD3C6EC00A45578E0A34B092F", "group_id-1"}});
    EXPECT_TRUE(full->find_table("employees.employees")->hash_as_digests);
}

TEST(Sharding, ShardsKnowTheirGroupObjects) {
    Server p;
    p.uuid = "u";
    p.group_id = "group_id-2";
    p.status = ServerStatus::Primary;
    std::vector<ShardRow> rows(2);
    rows[0] = {"db", "t", "id", "1", 1, "RANGE", "group_id-1", "gg"};
    rows[1] = {"db", "t", "id", "100", 2, "RANGE", "group_id-2", "gg"};
    auto t = Topology::build({p}, rows, 1);
    const ShardTable* st = t->find_table("db.t");
    ASSERT_TRUE(st);
    EXPECT_EQ(st->groups[0], nullptr);  // no servers known for group_id-1
    EXPECT_EQ(st->groups[1], t->find_group("group_id-2"));
}

TEST(Sharding, RangeVectors) {
    for (const char* type : {"RANGE", "RANGE_INTEGER"}) {
        auto t = topo_with(type, {{"20000", "group_id-3"}, {"1", "group_id-1"}, {"30000", "group_id-4"},
                                  {"10000", "group_id-2"}});
        EXPECT_EQ(error_for(*t, "-5"), ErrorCategory::KeyBelowLowerBound);
        EXPECT_EQ(error_for(*t, "0"), ErrorCategory::KeyBelowLowerBound);
        const std::vector<std::pair<const char*, const char*>> v{
            {"1", "group_id-1"},     {"2", "group_id-1"},     {"9999", "group_id-1"},       {"10000", "group_id-2"},
            {"10001", "group_id-2"}, {"19999", "group_id-2"}, {"20000", "group_id-3"},      {"29999", "group_id-3"},
            {"30000", "group_id-4"}, {"30001", "group_id-4"}, {"2147483647", "group_id-4"}, {"2147483648", "group_id-4"},
            {"9223372036854775807", "group_id-4"}};
        for (auto& [k, g] : v) EXPECT_EQ(group_for(*t, k), g) << type << " " << k;
        EXPECT_EQ(error_for(*t, "12a"), ErrorCategory::BadKey);
        EXPECT_EQ(error_for(*t, "abc"), ErrorCategory::BadKey);
        EXPECT_EQ(error_for(*t, ""), ErrorCategory::BadKey);
        EXPECT_EQ(error_for(*t, "9223372036854775808"), ErrorCategory::BadKey);
    }
}

// Found by fuzz_shard_keys: "+-5" was taken as -5 (the '+' stripped, then from_chars read the
// '-'). One sign at most, as in Fabric's own int(); the same rule for keys and for bounds.
TEST(Sharding, IntegerKeysTakeOneSignAtMost) {
    EXPECT_EQ(parse_int64_key("+5"), 5);
    EXPECT_EQ(parse_int64_key("-5"), -5);
    EXPECT_EQ(parse_int64_key("+0"), 0);
    EXPECT_EQ(parse_int64_key("-9223372036854775808"), INT64_MIN);
    for (const char* bad : {"+-5", "-+5", "++5", "--5", "+", "-", "+-", " 5", "5 ", "+ 5"})
        EXPECT_EQ(parse_int64_key(bad), std::nullopt) << bad;
    auto t = topo_with("RANGE", {{"-10", "group_id-1"}, {"1", "group_id-2"}});
    EXPECT_EQ(error_for(*t, "+-5"), ErrorCategory::BadKey);
    EXPECT_EQ(group_for(*t, "+5"), "group_id-2");
    EXPECT_THROW(topo_with("RANGE_INTEGER", {{"+-10", "group_id-1"}}), FabricError);
}

TEST(Sharding, RangeStringVectors) {
    auto t = topo_with("RANGE_STRING", {{"n", "group_id-3"}, {"a", "group_id-1"}, {"t", "group_id-4"}, {"g", "group_id-2"}});
    EXPECT_EQ(error_for(*t, "A"), ErrorCategory::KeyBelowLowerBound);
    EXPECT_EQ(error_for(*t, "Zeta"), ErrorCategory::KeyBelowLowerBound);
    const std::vector<std::pair<const char*, const char*>> v{
        {"a", "group_id-1"},      {"aardvark", "group_id-1"}, {"fzzz", "group_id-1"},     {"g", "group_id-2"},
        {"gamma", "group_id-2"},  {"mike", "group_id-2"},     {"n", "group_id-3"},        {"november", "group_id-3"},
        {"sierra", "group_id-3"}, {"t", "group_id-4"},        {"tango", "group_id-4"},    {"zulu", "group_id-4"},
        {"~", "group_id-4"},      {"\xc3\xa9" "clair", "group_id-4"}};
    for (auto& [k, g] : v) EXPECT_EQ(group_for(*t, k), g) << k;
}

TEST(Sharding, RangeDatetimeVectors) {
    auto t = topo_with("RANGE_DATETIME", {{"2010-01-01", "group_id-3"}, {"2000-01-01", "group_id-1"},
                                          {"2015-06-15", "group_id-4"}, {"2005-01-01", "group_id-2"}});
    EXPECT_EQ(error_for(*t, "1999-12-31"), ErrorCategory::KeyBelowLowerBound);
    const std::vector<std::pair<const char*, const char*>> v{
        {"2000-01-01", "group_id-1"}, {"2000-01-02", "group_id-1"}, {"2004-12-31", "group_id-1"},
        {"2005-01-01", "group_id-2"}, {"2009-12-31", "group_id-2"}, {"2010-01-01", "group_id-3"},
        {"2015-06-14", "group_id-3"}, {"2015-06-15", "group_id-4"}, {"2015-06-16", "group_id-4"},
        {"2038-01-19", "group_id-4"}};
    for (auto& [k, g] : v) EXPECT_EQ(group_for(*t, k), g) << k;
    // Datetime keys against date bounds (normalised to midnight).
    EXPECT_EQ(group_for(*t, "2004-12-31 23:59:59"), "group_id-1");
    EXPECT_EQ(group_for(*t, "2005-01-01 00:00:00"), "group_id-2");
    EXPECT_EQ(group_for(*t, "2015-06-14T23:59:59.999999"), "group_id-3");
    EXPECT_EQ(error_for(*t, "1999-12-31 23:59:59"), ErrorCategory::KeyBelowLowerBound);
    EXPECT_EQ(error_for(*t, "2001-02-29"), ErrorCategory::BadKey);
    EXPECT_EQ(error_for(*t, "yesterday"), ErrorCategory::BadKey);
    EXPECT_EQ(error_for(*t, "2001-01-01 25:00:00"), ErrorCategory::BadKey);
}

TEST(Sharding, BadBoundsAndTypesAreMalformedAtLoad) {
    EXPECT_THROW(topo_with("RANGE", {{"ten", "g"}}), FabricError);
    EXPECT_THROW(topo_with("RANGE_DATETIME", {{"2015-13-01", "g"}}), FabricError);
    EXPECT_THROW(topo_with("LIST", {{"1", "g"}}), FabricError);
}

TEST(Sharding, DuplicateBoundsAreRemovedAndMessagesNameTableAndKey) {
    auto t = topo_with("RANGE", {{"1", "g1"}, {"1", "g1"}, {"100", "g2"}});
    const ShardTable* st = t->find_table("employees.employees");
    ASSERT_TRUE(st);
    EXPECT_EQ(st->bound_text.size(), 2u);
    try {
        lookup_shard(*st, "-3");
        FAIL();
    } catch (const FabricError& e) {
        std::string m = e.what();
        EXPECT_NE(m.find("employees.employees"), std::string::npos) << m;
        EXPECT_NE(m.find("'-3'"), std::string::npos) << m;
    }
}
