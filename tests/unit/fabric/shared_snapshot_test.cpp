// The shared topology snapshot: its text form round-trips and refuses anything cut, changed or
// foreign; the store refuses files and directories other users could write; two caches over
// one store (two processes of a user) ask Fabric once between them, route from a snapshot while
// Fabric is down (bounded by the staleness limit), and leave the refresh to the lock holder.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "fabric/error.h"
#include "fabric/snapshot_store.h"
#include "fabric/topology_cache.h"
#include "fabric/topology_snapshot.h"

using namespace fabodbc::fabric;
using namespace std::chrono_literals;

namespace {

Server server(const std::string& uuid, const std::string& group, ServerStatus st, double weight = 1.0) {
    Server s;
    s.uuid = uuid;
    s.group_id = group;
    s.host = "10.0.0." + std::to_string(uuid.size());
    s.port = 3306;
    s.status = st;
    s.mode = st == ServerStatus::Primary ? ServerMode::ReadWrite : ServerMode::ReadOnly;
    s.weight = weight;
    return s;
}

ShardRow shard(const std::string& table, const std::string& bound, std::int64_t id, const std::string& type,
               const std::string& group) {
    ShardRow r;
    r.schema_name = "db";
    r.table_name = table;
    r.column_name = "k";
    r.lower_bound = bound;
    r.shard_id = id;
    r.type_name = type;
    r.group_id = group;
    r.global_group = "global";
    r.mapping_id = id < 3 ? 1 : 2;
    return r;
}

std::shared_ptr<const Topology> sample(std::int64_t ttl = 1, const std::string& primary = "p1") {
    return Topology::build({server(primary, "ha group %1", ServerStatus::Primary),
                            server("s1", "ha group %1", ServerStatus::Secondary, 2.5),
                            server("g1", "global", ServerStatus::Primary)},
                           {shard("orders", "1", 1, "RANGE", "ha group %1"), shard("orders", "10000", 2, "RANGE", "global"),
                            shard("names", "a b", 3, "RANGE_STRING", "global")},
                           ttl, "5ca1ab1e-uuid");
}

std::string temp_dir() {
    char t[] = "/tmp/fabodbc-snapshot-test-XXXXXX";
    if (!mkdtemp(t)) throw std::runtime_error("mkdtemp");
    return t;
}

struct TempDir {
    std::string path = temp_dir();
    ~TempDir() { std::filesystem::remove_all(path); }
};

std::string read_all(const std::string& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_all(const std::string& p, const std::string& text) {
    std::ofstream(p, std::ios::trunc) << text;
    chmod(p.c_str(), 0600);
}

std::string refusal(const std::string& text) {
    try {
        parse_topology_snapshot(text);
    } catch (const FabricError& e) {
        EXPECT_EQ(e.category(), ErrorCategory::Malformed);
        return e.what();
    }
    return "";
}

}  // namespace

TEST(TopologySnapshot, RoundTripsEveryField) {
    const auto saved = std::chrono::system_clock::now() - 3s;
    const std::string text = serialize_topology(*sample(7), "http://fabric:32274", "connector", saved);
    EXPECT_EQ(text.find("secret"), std::string::npos);
    const ParsedSnapshot p = parse_topology_snapshot(text);
    EXPECT_EQ(p.endpoint, "http://fabric:32274");
    EXPECT_EQ(p.user, "connector");
    EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(p.saved - saved).count(), 0);
    const Topology& t = *p.topology;
    EXPECT_TRUE(t.origin().shared_snapshot);
    EXPECT_EQ(t.ttl_seconds(), 7);
    EXPECT_EQ(t.fabric_uuid(), "5ca1ab1e-uuid");
    const Group* g = t.find_group("ha group %1");  // spaces and '%' survive
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(g->primary()->uuid, "p1");
    EXPECT_EQ(g->servers()[g->secondaries()[0]].weight, 2.5);
    const ShardTable* orders = t.find_table("db.orders");
    ASSERT_NE(orders, nullptr);
    EXPECT_EQ(orders->mapping_id, 1);
    EXPECT_EQ(lookup_shard(*orders, "12345").index, 1u);
    EXPECT_EQ(t.find_table("db.names")->bound_text[0], "a b");
    // Its age is the snapshot's age, not the time since parsing.
    EXPECT_GE(std::chrono::steady_clock::now() - t.loaded_at(), 2900ms);
    // Serializing the parsed topology gives the same text.
    EXPECT_EQ(serialize_topology(t, p.endpoint, p.user, p.saved), text);
}

TEST(TopologySnapshot, RefusesTruncatedChangedAndOtherVersions) {
    const std::string text = serialize_topology(*sample(), "http://f:1", "", std::chrono::system_clock::now());
    for (std::size_t cut : {std::size_t(0), std::size_t(10), text.size() / 2, text.size() - 40, text.size() - 1})
        EXPECT_NE(refusal(text.substr(0, cut)), "") << "cut at " << cut;
    std::string changed = text;
    changed[text.find("10.0.0.2")] = '9';  // another address: a redirected write
    EXPECT_NE(refusal(changed).find("checksum"), std::string::npos);
    std::string v2 = text;
    v2.replace(text.find(" 1\n"), 3, " 2\n");
    EXPECT_NE(refusal(v2), "");
    EXPECT_NE(refusal("garbage\nchecksum 00000000000000000000000000000000\n"), "");
}

TEST(SnapshotStore, SavesAtomicallyAndLoadsItsOwn) {
    TempDir d;
    const std::string dir = d.path + "/cache";
    SnapshotStore store(dir, "http://f:1", "u");
    std::string why;
    EXPECT_FALSE(store.load(&why));
    EXPECT_NE(why.find("no snapshot"), std::string::npos) << why;
    store.save(*sample());
    struct stat st {};
    ASSERT_EQ(stat(dir.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u);
    ASSERT_EQ(stat(store.path().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    auto loaded = store.load(&why);
    ASSERT_TRUE(loaded) << why;
    EXPECT_EQ(loaded->topology->find_group("global")->primary()->uuid, "g1");
    // No temporary file is left behind.
    std::size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) files += e.path().string().find(".tmp.") == std::string::npos ? 1 : 100;
    EXPECT_EQ(files, 1u);
}

TEST(SnapshotStore, RefusesWhatOthersCouldWriteForeignAndCorrupt) {
    TempDir d;
    const std::string dir = d.path + "/cache";
    SnapshotStore store(dir, "http://f:1", "u");
    store.save(*sample());
    std::string why;
    chmod(store.path().c_str(), 0660);
    EXPECT_FALSE(store.load(&why));
    EXPECT_NE(why.find("writable by other users"), std::string::npos) << why;
    chmod(store.path().c_str(), 0600);
    chmod(dir.c_str(), 0770);
    EXPECT_FALSE(store.load(&why));
    EXPECT_NE(why.find("directory is writable by other users"), std::string::npos) << why;
    EXPECT_THROW(store.save(*sample()), FabricError) << "nothing is written into an unsafe directory";
    chmod(dir.c_str(), 0700);
    ASSERT_TRUE(store.load(&why)) << why;
    // Another endpoint's snapshot under this endpoint's name.
    SnapshotStore other(dir, "http://evil:1", "u");
    other.save(*sample(1, "evil"));
    std::filesystem::rename(other.path(), store.path());
    EXPECT_FALSE(store.load(&why));
    EXPECT_NE(why.find("another Fabric endpoint"), std::string::npos) << why;
    // A symbolic link.
    store.save(*sample());
    std::filesystem::rename(store.path(), dir + "/real");
    std::filesystem::create_symlink(dir + "/real", store.path());
    EXPECT_FALSE(store.load(&why));
    EXPECT_NE(why.find("symbolic link"), std::string::npos) << why;
    std::filesystem::remove(store.path());
    // Corrupt and truncated.
    store.save(*sample());
    const std::string text = read_all(store.path());
    write_all(store.path(), text.substr(0, text.size() / 2));
    EXPECT_FALSE(store.load(&why));
    EXPECT_NE(why.find("truncated"), std::string::npos) << why;
    std::string changed = text;
    changed[changed.find("10.0.0.2")] = '9';
    write_all(store.path(), changed);
    EXPECT_FALSE(store.load(&why));
    EXPECT_NE(why.find("checksum"), std::string::npos) << why;
    // `fabodbc cache` lists the refused one with its reason, and clears it.
    const auto entries = SnapshotStore::list(dir);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_NE(entries[0].problem.find("checksum"), std::string::npos);
    EXPECT_EQ(SnapshotStore::clear(dir), 1u);
    EXPECT_TRUE(SnapshotStore::list(dir).empty());
}

TEST(SnapshotStore, OneLockHolderAtATime) {
    TempDir d;
    SnapshotStore store(d.path + "/cache", "http://f:1", "u");
    auto first = store.try_lock();
    ASSERT_TRUE(first);
    EXPECT_FALSE(store.try_lock()) << "a second holder (another process or thread)";
    first.reset();
    EXPECT_TRUE(store.try_lock());
}

namespace {

// Two "processes": two caches over the same snapshot directory, each with its own loader.
struct Process {
    int calls = 0;
    bool fabric_down = false;
    std::int64_t ttl = 1;
    TopologyCache cache;
    Process(const std::string& dir, std::chrono::seconds max_staleness)
        : cache([this](const Deadline*) {
              ++calls;
              if (fabric_down) throw FabricError(ErrorCategory::Unreachable, "cannot reach Fabric at http://f:1");
              return sample(ttl);
          }, 1s, "Fabric at http://f:1") {
        cache.share_through(std::make_shared<SnapshotStore>(dir, "http://f:1", "u"), max_staleness);
    }
};

}  // namespace

TEST(SharedCache, ASecondProcessRoutesFromTheFirstOnesSnapshotWithoutAskingFabric) {
    TempDir d;
    Process a(d.path, 3600s), b(d.path, 3600s);
    a.ttl = b.ttl = 30;
    a.cache.get();
    EXPECT_EQ(a.calls, 1);
    EXPECT_EQ(a.cache.stats().snapshot_saves, 1u);
    auto s = b.cache.get();
    EXPECT_EQ(b.calls, 0) << "a snapshot younger than its TTL is used as is";
    EXPECT_TRUE(s.topology->origin().shared_snapshot);
    EXPECT_FALSE(s.stale);
    EXPECT_EQ(b.cache.stats().snapshot_loads, 1u);
}

TEST(SharedCache, FabricDownAColdProcessRoutesFromAnOlderSnapshotBoundedByStaleness) {
    TempDir d;
    Process a(d.path, 3600s);
    a.cache.get();  // TTL 1 s
    std::this_thread::sleep_for(1100ms);
    Process b(d.path, 3600s);
    b.fabric_down = true;
    auto s = b.cache.get();
    EXPECT_EQ(b.calls, 1);
    EXPECT_TRUE(s.stale);
    ASSERT_TRUE(s.warning);
    EXPECT_NE(s.warning->find("saved by another process"), std::string::npos) << *s.warning;
    // Past FABRIC_MAX_STALENESS the snapshot is not used: no route.
    Process c(d.path, 1s);
    c.fabric_down = true;
    EXPECT_THROW(c.cache.get(), FabricError);
}

TEST(SharedCache, WhileAnotherProcessHoldsTheRefreshLockTheOthersKeepRouting) {
    TempDir d;
    Process a(d.path, 3600s), b(d.path, 3600s);
    a.cache.get();
    b.cache.get();  // from a's snapshot
    std::this_thread::sleep_for(1250ms);  // both expired (TTL 1 s + up to 200 ms of jitter)
    SnapshotStore lock_holder(d.path, "http://f:1", "u");
    auto lock = lock_holder.try_lock();  // a third process is asking Fabric right now
    ASSERT_TRUE(lock);
    auto s = b.cache.get();
    EXPECT_EQ(b.calls, 0) << "the lock holder refreshes, not b";
    EXPECT_FALSE(s.stale);
    // A cold process with nothing in memory routes from the (just expired) snapshot too.
    Process c(d.path, 3600s);
    c.cache.get();
    EXPECT_EQ(c.calls, 0);
    lock.reset();
    // The lock released: the next expired refresh asks Fabric (and saves for the others).
    std::this_thread::sleep_for(300ms);
    b.cache.get();
    EXPECT_EQ(b.calls, 1);
    EXPECT_EQ(b.cache.stats().snapshot_saves, 1u);
}

TEST(SharedCache, ARefusedSnapshotMeansFabricIsAsked) {
    TempDir d;
    Process a(d.path, 3600s);
    a.ttl = 30;
    a.cache.get();
    SnapshotStore store(d.path, "http://f:1", "u");
    chmod(store.path().c_str(), 0666);
    Process b(d.path, 3600s);
    b.cache.get();
    EXPECT_EQ(b.calls, 1);
    EXPECT_NE(b.cache.stats().snapshot_problem.find("writable by other users"), std::string::npos);
}

TEST(SharedCache, AResetOrAFailureIsNeverAnsweredFromAnOlderSnapshot) {
    TempDir d;
    Process a(d.path, 3600s), b(d.path, 3600s);
    a.ttl = b.ttl = 30;
    a.cache.get();
    b.cache.get();
    EXPECT_EQ(b.calls, 0);
    // The application reset the cache, or a server failed: what was saved before is no answer
    // (it may still name the dead server), and the process's own snapshot is not either.
    b.cache.invalidate_all();
    b.cache.get();
    EXPECT_EQ(b.calls, 1);
    b.cache.invalidate_group("global");
    b.cache.refresh(b.cache.peek().topology.get());
    EXPECT_EQ(b.calls, 2);
    // Another process's answer after that moment is adopted.
    std::this_thread::sleep_for(5ms);
    a.cache.invalidate_all();
    a.cache.get();
    b.cache.invalidate_all();
    std::this_thread::sleep_for(5ms);
    a.cache.invalidate_all();
    a.cache.get();  // a asks Fabric after b's reset
    b.cache.get();
    EXPECT_EQ(b.calls, 2) << "b adopted a's newer snapshot";
}
