#include "fabric/topology.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <numeric>

#include "fabric/error.h"
#include "fabric/md5.h"
#include "fabric/shard_key.h"

namespace fabodbc::fabric {

const char* to_string(ServerStatus s) noexcept {
    switch (s) {
        case ServerStatus::Faulty: return "FAULTY";
        case ServerStatus::Spare: return "SPARE";
        case ServerStatus::Secondary: return "SECONDARY";
        case ServerStatus::Primary: return "PRIMARY";
        case ServerStatus::Configuring: return "CONFIGURING";
    }
    return "?";
}
const char* to_string(ServerMode m) noexcept {
    switch (m) {
        case ServerMode::Offline: return "OFFLINE";
        case ServerMode::ReadOnly: return "READ_ONLY";
        case ServerMode::WriteOnly: return "WRITE_ONLY";
        case ServerMode::ReadWrite: return "READ_WRITE";
    }
    return "?";
}
const char* to_string(AccessMode m) noexcept {
    switch (m) {
        case AccessMode::ReadWrite: return "READ_WRITE";
        case AccessMode::ReadOnly: return "READ_ONLY";
        case AccessMode::WriteOnly: return "WRITE_ONLY";
    }
    return "?";
}
const char* to_string(ShardingType t) noexcept {
    switch (t) {
        case ShardingType::Range: return "RANGE";
        case ShardingType::RangeInteger: return "RANGE_INTEGER";
        case ShardingType::RangeString: return "RANGE_STRING";
        case ShardingType::RangeDatetime: return "RANGE_DATETIME";
        case ShardingType::Hash: return "HASH";
    }
    return "?";
}

bool parse_sharding_type(std::string_view n, ShardingType& out) noexcept {
    if (n == "RANGE") out = ShardingType::Range;
    else if (n == "RANGE_INTEGER") out = ShardingType::RangeInteger;
    else if (n == "RANGE_STRING") out = ShardingType::RangeString;
    else if (n == "RANGE_DATETIME") out = ShardingType::RangeDatetime;
    else if (n == "HASH") out = ShardingType::Hash;
    else return false;
    return true;
}

// ------------------------------------------------------------------ Group

Group::Group(std::string id, std::vector<Server> servers) : id_(std::move(id)), servers_(std::move(servers)) {
    std::vector<double> weights;
    for (std::size_t i = 0; i < servers_.size(); ++i) {
        const Server& s = servers_[i];
        if (s.status == ServerStatus::Primary) primary_ = static_cast<int>(i);  // last one wins (§5.2)
        else if (s.status == ServerStatus::Secondary) {
            secondaries_.push_back(i);
            weights.push_back(s.weight);
        }
        // SPARE, CONFIGURING, FAULTY: never routed to.
    }
    wrr_.init(weights);
}

void Group::continue_balancing(const Group& previous) const noexcept {
    if (previous.secondaries_.size() != secondaries_.size()) return;
    for (std::size_t i = 0; i < secondaries_.size(); ++i) {
        const Server& a = servers_[secondaries_[i]];
        const Server& b = previous.servers_[previous.secondaries_[i]];
        if (a.uuid != b.uuid || a.weight != b.weight) return;
    }
    wrr_.continue_from(previous.wrr_);
}

const Server& Group::select(AccessMode mode, bool advance) const {
    if (mode == AccessMode::ReadWrite || mode == AccessMode::WriteOnly) {
        if (primary_ < 0)
            throw FabricError(ErrorCategory::NoPrimary, "Fabric group '" + id_ + "' has no PRIMARY server (mode " +
                                                            to_string(mode) + ")");
        return servers_[std::size_t(primary_)];
    }
    if (secondaries_.empty()) {
        if (primary_ >= 0) return servers_[std::size_t(primary_)];
        throw FabricError(ErrorCategory::NoServer,
                          "Fabric group '" + id_ + "' has no SECONDARY or PRIMARY server (mode READ_ONLY)");
    }
    return servers_[secondaries_[advance ? wrr_.next() : 0]];
}

// ------------------------------------------------------------------ sharding lookups

namespace {

[[noreturn]] void below(const ShardTable& t, std::string_view key) {
    throw FabricError(ErrorCategory::KeyBelowLowerBound,
                      "shard key '" + std::string(key) + "' is below the lowest bound '" + t.bound_text.front() +
                          "' of " + to_string(t.type) + " table '" + t.name + "'");
}

template <class V, class K>
std::size_t count_le(const std::vector<V>& v, const K& key) {
    return static_cast<std::size_t>(std::upper_bound(v.begin(), v.end(), key) - v.begin());
}

}  // namespace

ShardMatch lookup_shard(const ShardTable& t, std::string_view key) {
    if (t.bound_text.empty())
        throw FabricError(ErrorCategory::UnknownTable, "sharded table '" + t.name + "' has no enabled shard");
    std::size_t n = 0;
    switch (t.type) {
        case ShardingType::Range:
        case ShardingType::RangeInteger: {
            auto k = parse_int64_key(key);
            if (!k)
                throw FabricError(ErrorCategory::BadKey, "shard key '" + std::string(key) + "' of table '" + t.name +
                                                             "' must be a 64-bit integer for " + to_string(t.type));
            n = count_le(t.bound_num, *k);
            break;
        }
        case ShardingType::RangeDatetime: {
            auto k = parse_datetime_key(key);
            if (!k)
                throw FabricError(ErrorCategory::BadKey, "shard key '" + std::string(key) + "' of table '" + t.name +
                                                             "' must be a date or datetime for RANGE_DATETIME");
            n = count_le(t.bound_num, *k);
            break;
        }
        case ShardingType::RangeString:
            // std::string compares via char_traits<char>, which orders bytes as unsigned char:
            // byte-wise UTF-8, shorter prefix first — the server's utf8_bin order.
            n = static_cast<std::size_t>(
                std::upper_bound(t.bound_text.begin(), t.bound_text.end(), key,
                                 [](std::string_view k, const std::string& b) { return k < std::string_view(b); }) -
                t.bound_text.begin());
            break;
        case ShardingType::Hash: {
            const Md5Digest d = md5(key);
            if (t.hash_as_digests) {
                n = static_cast<std::size_t>(std::upper_bound(t.hash_bounds.begin(), t.hash_bounds.end(), d) -
                                             t.hash_bounds.begin());
                if (n == 0) return ShardMatch{t.hash_bounds.size() - 1, true};  // hash ring wrap (§6.2)
                return ShardMatch{n - 1, false};
            }
            // Some bound is not 32 digits (short split bound): compare as strings, never pad.
            char hex[32];
            static const char* digits = "0123456789ABCDEF";
            for (std::size_t i = 0; i < 16; ++i) {
                hex[2 * i] = digits[d[i] >> 4];
                hex[2 * i + 1] = digits[d[i] & 15];
            }
            const std::string_view h(hex, 32);
            n = static_cast<std::size_t>(
                std::upper_bound(t.bound_text.begin(), t.bound_text.end(), h,
                                 [](std::string_view k, const std::string& b) { return k < std::string_view(b); }) -
                t.bound_text.begin());
            if (n == 0) return ShardMatch{t.bound_text.size() - 1, true};  // hash ring wrap (§6.2)
            return ShardMatch{n - 1, false};
        }
    }
    if (n == 0) below(t, key);
    return ShardMatch{n - 1, false};
}

// ------------------------------------------------------------------ Topology

const Group* Topology::find_group(std::string_view id) const noexcept {
    auto it = group_index_.find(id);
    return it == group_index_.end() ? nullptr : it->second;
}

const ShardTable* Topology::find_table(std::string_view name) const noexcept {
    auto it = table_index_.find(name);
    return it == table_index_.end() ? nullptr : it->second;
}

void Topology::continue_balancing(const Topology& previous) const noexcept {
    for (const auto& g : groups_)
        if (const Group* old = previous.find_group(g->id())) g->continue_balancing(*old);
}

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Fills t.hash_bounds when every bound is exactly 32 upper-case hex digits.
void prepare_hash_digests(ShardTable& t) {
    std::vector<Md5Digest> out;
    for (const std::string& b : t.bound_text) {
        if (b.size() != 32) return;
        Md5Digest d{};
        for (std::size_t i = 0; i < 16; ++i) {
            const int hi = hex_value(b[2 * i]), lo = hex_value(b[2 * i + 1]);
            if (hi < 0 || lo < 0) return;
            d[i] = static_cast<std::uint8_t>(hi * 16 + lo);
        }
        out.push_back(d);
    }
    t.hash_bounds = std::move(out);
    t.hash_as_digests = true;
}

}  // namespace

namespace {

void sort_table(ShardTable& t) {
    const std::size_t n = t.bound_text.size();
    std::vector<std::size_t> idx(n);
    std::iota(idx.begin(), idx.end(), std::size_t{0});
    const bool numeric = t.type != ShardingType::RangeString && t.type != ShardingType::Hash;
    auto less = [&](std::size_t a, std::size_t b) {
        return numeric ? t.bound_num[a] < t.bound_num[b] : t.bound_text[a] < t.bound_text[b];
    };
    auto equal = [&](std::size_t a, std::size_t b) {
        return numeric ? t.bound_num[a] == t.bound_num[b] : t.bound_text[a] == t.bound_text[b];
    };
    std::stable_sort(idx.begin(), idx.end(), less);
    // Duplicates (overlapping dump patterns repeat rows): keep the first.
    idx.erase(std::unique(idx.begin(), idx.end(), equal), idx.end());
    ShardTable s;
    for (std::size_t i : idx) {
        s.bound_text.push_back(std::move(t.bound_text[i]));
        if (numeric) s.bound_num.push_back(t.bound_num[i]);
        s.group_ids.push_back(std::move(t.group_ids[i]));
        s.shard_ids.push_back(t.shard_ids[i]);
    }
    t.bound_text = std::move(s.bound_text);
    t.bound_num = std::move(s.bound_num);
    t.group_ids = std::move(s.group_ids);
    t.shard_ids = std::move(s.shard_ids);
}

}  // namespace

std::shared_ptr<const Topology> Topology::build(std::vector<Server> servers, const std::vector<ShardRow>& shards,
                                                std::int64_t ttl_seconds, std::string fabric_uuid, Origin origin) {
    std::shared_ptr<Topology> topo(new Topology());
    topo->origin_ = origin;
    // The steady-clock moment that corresponds to the saving time (never in the future).
    const auto age = std::max(WallClock::duration(0), WallClock::now() - origin.saved);
    topo->loaded_at_ = Clock::now() - std::chrono::duration_cast<Clock::duration>(age);
    topo->ttl_ = ttl_seconds;
    topo->fabric_uuid_ = std::move(fabric_uuid);

    // Group rows by *exact* group id (dump patterns are substring matches, §3.2).
    std::map<std::string, std::vector<Server>> by_group;
    for (auto& s : servers) {
        if (s.status == ServerStatus::Faulty) continue;
        std::string gid = s.group_id;
        by_group[gid].push_back(std::move(s));
    }
    for (auto& [gid, list] : by_group) topo->groups_.push_back(std::make_unique<Group>(gid, std::move(list)));
    // std::map iteration is already sorted by id.

    std::map<std::string, ShardTable> by_table;
    for (const ShardRow& r : shards) {
        std::string name = r.schema_name.empty() ? r.table_name : r.schema_name + "." + r.table_name;
        ShardTable& t = by_table[name];
        ShardingType type;
        if (!parse_sharding_type(r.type_name, type))
            throw FabricError(ErrorCategory::Malformed,
                              "Fabric table '" + name + "' has unsupported sharding type '" + r.type_name + "'");
        if (t.name.empty()) {
            t.name = name;
            t.column_name = r.column_name;
            t.type = type;
            t.type_name = r.type_name;
            t.global_group = r.global_group;
            t.mapping_id = r.mapping_id;
        } else if (t.type != type) {
            throw FabricError(ErrorCategory::Malformed, "Fabric table '" + name + "' has rows of two sharding types");
        }
        std::string bound = r.lower_bound;
        std::int64_t num = 0;
        switch (type) {
            case ShardingType::Range:
            case ShardingType::RangeInteger: {
                auto v = parse_int64_key(bound);
                if (!v)
                    throw FabricError(ErrorCategory::Malformed,
                                      "Fabric table '" + name + "' has non-integer RANGE bound '" + bound + "'");
                num = *v;
                break;
            }
            case ShardingType::RangeDatetime: {
                auto v = parse_datetime_key(bound);
                if (!v)
                    throw FabricError(ErrorCategory::Malformed,
                                      "Fabric table '" + name + "' has unparsable RANGE_DATETIME bound '" + bound + "'");
                num = *v;
                break;
            }
            case ShardingType::Hash:
                for (char& c : bound)
                    if (c >= 'a' && c <= 'f') c = char(c - 'a' + 'A');
                break;
            case ShardingType::RangeString: break;
        }
        t.bound_text.push_back(std::move(bound));
        t.bound_num.push_back(num);
        t.group_ids.push_back(r.group_id);
        t.shard_ids.push_back(r.shard_id);
    }
    for (auto& [name, t] : by_table) {
        sort_table(t);
        if (t.type == ShardingType::Hash) prepare_hash_digests(t);
        topo->tables_.push_back(std::move(t));
    }
    // Indexes last: they hold views into the final, never-again-moved objects.
    for (const auto& g : topo->groups_) topo->group_index_.emplace(g->id(), g.get());
    for (ShardTable& t : topo->tables_) {
        t.groups.clear();
        for (const std::string& gid : t.group_ids) t.groups.push_back(topo->find_group(gid));
        topo->table_index_.emplace(t.name, &t);
    }
    return topo;
}

}  // namespace fabodbc::fabric
