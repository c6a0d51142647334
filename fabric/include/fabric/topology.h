// An immutable snapshot of what Fabric told us: HA groups with their servers, and sharded
// tables with their bounds sorted once at load, so that every lookup is a binary search with
// no sorting and no allocation. Snapshots are shared (shared_ptr<const Topology>) by every
// connection; only the WRR counters and the per-group "invalidated" flags mutate (atomics).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fabric/balancer.h"
#include "fabric/md5.h"
#include "fabric/server.h"

namespace fabodbc::fabric {

enum class ShardingType { Range, RangeInteger, RangeString, RangeDatetime, Hash };
const char* to_string(ShardingType t) noexcept;
bool parse_sharding_type(std::string_view name, ShardingType& out) noexcept;

// One row of dump.sharding_information (§3.3).
struct ShardRow {
    std::string schema_name, table_name, column_name, lower_bound;
    std::int64_t shard_id = 0;
    std::string type_name, group_id, global_group;
    std::int64_t mapping_id = -1;  // known only when loaded through dump.shard_maps/tables/index
};

class Group {
public:
    Group(std::string id, std::vector<Server> servers);

    const std::string& id() const noexcept { return id_; }
    const std::vector<Server>& servers() const noexcept { return servers_; }
    const Server* primary() const noexcept { return primary_ < 0 ? nullptr : &servers_[std::size_t(primary_)]; }
    // Secondaries in dump order; the balancer returns indexes into this list.
    const std::vector<std::size_t>& secondaries() const noexcept { return secondaries_; }
    const WeightedRoundRobin& balancer() const noexcept { return wrr_; }

    // §5.2: READ_WRITE / WRITE_ONLY -> the primary (NoPrimary if none); READ_ONLY -> next
    // secondary by WRR, the primary when there is no secondary (NoServer if neither).
    // `advance` false: the first secondary, without moving the balancer (a check of a session
    // that already exists must not take a new session's turn).
    const Server& select(AccessMode mode, bool advance = true) const;

    // Continues `previous`'s balancer position when it balanced the same secondaries (uuids,
    // order and weights). Called on a new snapshot before it is published.
    void continue_balancing(const Group& previous) const noexcept;

    // Set by Router::reset(group): the next resolve through this group refreshes first.
    void invalidate() const noexcept { invalidated_.store(true, std::memory_order_relaxed); }
    bool invalidated() const noexcept { return invalidated_.load(std::memory_order_relaxed); }

private:
    std::string id_;
    std::vector<Server> servers_;
    int primary_ = -1;
    std::vector<std::size_t> secondaries_;
    mutable WeightedRoundRobin wrr_;
    mutable std::atomic<bool> invalidated_{false};
};

struct ShardTable {
    std::string name;  // "db.table"
    std::string column_name;
    ShardingType type = ShardingType::Range;
    std::string type_name;  // as Fabric spelled it
    std::string global_group;
    std::int64_t mapping_id = -1;
    // Parallel vectors, sorted ascending in the type's order, duplicates removed.
    std::vector<std::string> bound_text;   // as sent (HASH: upper-cased)
    std::vector<std::int64_t> bound_num;   // RANGE/RANGE_INTEGER: value; RANGE_DATETIME: micros
    std::vector<std::string> group_ids;
    std::vector<std::int64_t> shard_ids;
    // Resolved at load: the Group of each shard, or nullptr when dump.servers had no row for
    // it. Saves a name lookup per routing decision.
    std::vector<const class Group*> groups;
    // HASH with all bounds 32 hex digits (the normal case): the bounds as raw digests, so the
    // binary search compares 16 contiguous bytes instead of chasing string pointers. Bytewise
    // order of digests equals the order of their upper-case hex strings.
    bool hash_as_digests = false;
    std::vector<Md5Digest> hash_bounds;
};

struct ShardMatch {
    std::size_t index = 0;  // into the ShardTable vectors
    bool wrapped = false;   // HASH key below every bound -> highest bound (hash ring)
};

// Local-scope lookup of `key` in `table` (§6.2). Throws BadKey / KeyBelowLowerBound naming the
// table and key. O(log n), no allocation on success.
ShardMatch lookup_shard(const ShardTable& table, std::string_view key);

// Where a snapshot came from: Fabric itself, or the shared on-disk snapshot another process
// wrote (topology_snapshot.h), saved at `saved`.
struct TopologyOrigin {
    bool shared_snapshot = false;
    std::chrono::system_clock::time_point saved = std::chrono::system_clock::now();
};

class Topology {
public:
    using Clock = std::chrono::steady_clock;

    Topology(const Topology&) = delete;  // the indexes hold views into this object
    Topology& operator=(const Topology&) = delete;

    using WallClock = std::chrono::system_clock;
    using Origin = TopologyOrigin;

    // Groups are built from `servers` (rows grouped by exact group_id; FAULTY rows dropped),
    // tables from `shards`. Throws FabricError(Malformed) on unusable bounds/types.
    static std::shared_ptr<const Topology> build(std::vector<Server> servers, const std::vector<ShardRow>& shards,
                                                 std::int64_t ttl_seconds, std::string fabric_uuid = {},
                                                 Origin origin = {});

    const Group* find_group(std::string_view id) const noexcept;
    const ShardTable* find_table(std::string_view db_table) const noexcept;

    // Each group whose secondaries are unchanged since `previous` goes on balancing where the
    // previous snapshot stopped. Only before this snapshot is shared.
    void continue_balancing(const Topology& previous) const noexcept;

    const std::vector<std::unique_ptr<Group>>& groups() const noexcept { return groups_; }
    const std::vector<ShardTable>& tables() const noexcept { return tables_; }
    std::int64_t ttl_seconds() const noexcept { return ttl_; }
    const std::string& fabric_uuid() const noexcept { return fabric_uuid_; }
    // When Fabric answered: for a shared snapshot, its saving time (so its age is its age).
    Clock::time_point loaded_at() const noexcept { return loaded_at_; }
    const Origin& origin() const noexcept { return origin_; }

private:
    Topology() = default;
    std::vector<std::unique_ptr<Group>> groups_;  // sorted by id
    std::vector<ShardTable> tables_;              // sorted by name
    // Hash indexes for the by-name lookups (views into groups_/tables_, built last).
    std::unordered_map<std::string_view, const Group*> group_index_;
    std::unordered_map<std::string_view, const ShardTable*> table_index_;
    std::int64_t ttl_ = 1;
    std::string fabric_uuid_;
    Clock::time_point loaded_at_ = Clock::now();
    Origin origin_;
};

}  // namespace fabodbc::fabric
