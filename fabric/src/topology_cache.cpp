#include "fabric/topology_cache.h"

#include <algorithm>
#include <optional>
#include <random>

#include "fabric/error.h"

namespace fabodbc::fabric {

TopologyCache::TopologyCache(Loader loader, std::chrono::milliseconds min_ttl, std::string description)
    : loader_(std::move(loader)), min_ttl_(min_ttl), description_(std::move(description)) {}

TopologyCache::Snapshot TopologyCache::current() const {
    Snapshot s;
    s.topology = std::atomic_load(&topo_);
    s.stale = stale_.load(std::memory_order_acquire);
    if (s.stale) s.warning = std::atomic_load(&warning_);
    s.expires = Clock::time_point(Clock::duration(expires_.load(std::memory_order_acquire)));
    return s;
}

TopologyCache::Snapshot TopologyCache::get(const Deadline* deadline) {
    Snapshot s = current();
    if (s.topology && Clock::now() < s.expires) return s;
    return refresh(s.topology.get(), std::chrono::milliseconds(0), deadline);
}

TopologyCache::Snapshot TopologyCache::refresh(const Topology* seen, std::chrono::milliseconds min_age,
                                               const Deadline* deadline) {
    std::unique_lock<std::mutex> lk(refresh_mu_, std::defer_lock);
    Snapshot s = current();
    const std::uint64_t failures_seen = failures_.load(std::memory_order_acquire);
    if (s.topology) {
        if (!lk.try_lock()) return s;  // somebody else is refreshing: serve what we have
    } else {
        lk.lock();  // first load: everybody waits for it
    }
    s = current();
    if (!s.topology && failures_.load(std::memory_order_acquire) != failures_seen && last_failure_)
        std::rethrow_exception(last_failure_);  // the load we waited for has just failed
    if (s.topology && s.topology.get() != seen) return s;  // refreshed meanwhile
    if (s.topology && min_age.count() > 0 && Clock::now() - s.topology->loaded_at() < min_age) return s;
    // Fabric failed recently: do not hammer it (nor make every caller wait on its timeout)
    // before the retry time set by the failed attempt.
    if (s.topology && s.stale && Clock::now() < s.expires) return s;
    return do_refresh(lk, deadline);
}

void TopologyCache::share_through(std::shared_ptr<const SnapshotStore> store, std::chrono::seconds max_staleness) {
    shared_ = std::move(store);
    max_staleness_ = max_staleness;
}

void TopologyCache::publish(std::shared_ptr<const Topology> topology, const std::shared_ptr<const Topology>& old,
                            Clock::time_point expires, std::shared_ptr<const std::string> warning) {
    if (old && topology != old) topology->continue_balancing(*old);  // weights hold across refreshes
    std::atomic_store(&topo_, std::move(topology));
    std::atomic_store(&warning_, warning);
    stale_.store(warning != nullptr, std::memory_order_release);
    expires_.store(expires.time_since_epoch().count(), std::memory_order_release);
}

std::chrono::milliseconds TopologyCache::ttl_of(const Topology& t) const {
    return std::max<std::chrono::milliseconds>(std::chrono::seconds(t.ttl_seconds()), min_ttl_);
}

std::chrono::milliseconds TopologyCache::jitter(std::chrono::milliseconds ttl) const {
    // Processes sharing a snapshot refresh it one at a time; spreading their expiry times
    // (up to a fifth of the TTL, at most 5 s) keeps the hosts of a farm from asking Fabric in
    // the same second after it came back.
    if (!shared_) return std::chrono::milliseconds(0);
    static thread_local std::minstd_rand rng(std::random_device{}());
    const long long span = std::min<long long>(ttl.count() / 5, 5000);
    if (span <= 0) return std::chrono::milliseconds(0);
    return std::chrono::milliseconds(std::uniform_int_distribution<long long>(0, span)(rng));
}

TopologyCache::Snapshot TopologyCache::do_refresh(std::unique_lock<std::mutex>&, const Deadline* deadline) {
    std::shared_ptr<const Topology> old = std::atomic_load(&topo_);
    const auto now = Clock::now();
    const auto wall_now = std::chrono::system_clock::now();

    // 1. Another process of this user may have refreshed the shared snapshot already.
    std::optional<SnapshotStore::Loaded> disk;
    std::optional<SnapshotStore::Lock> lock;
    if (shared_) {
        std::string why;
        disk = shared_->load(&why);
        if (!disk) note_snapshot_problem(why);
        if (disk) {
            const auto age = std::max<std::chrono::system_clock::duration>(wall_now - disk->saved, {});
            const auto ttl = ttl_of(*disk->topology);
            // Only what another process learned after everything this process knows: not our
            // own snapshot, nor one from before a reset or a failure invalidated the topology.
            if (adoptable(*disk, old) && age < ttl) {
                publish(disk->topology, old,
                        now + std::chrono::duration_cast<Clock::duration>(ttl - age) + jitter(ttl), nullptr);
                std::lock_guard<std::mutex> g(stats_mu_);
                ++stats_.snapshot_loads;
                return current();
            }
        }
        lock = shared_->try_lock();
        if (!lock) {
            // Another process is asking Fabric right now: keep routing from what we have, and
            // look at its snapshot again in a moment.
            const auto soon = now + std::chrono::milliseconds(200);
            if (old) {
                expires_.store(soon.time_since_epoch().count(), std::memory_order_release);
                return current();
            }
            if (disk && wall_now - disk->saved <= max_staleness_) {
                publish(disk->topology, old, soon, nullptr);
                std::lock_guard<std::mutex> g(stats_mu_);
                ++stats_.snapshot_loads;
                return current();
            }
            // Nothing to route from at all: ask Fabric ourselves.
        }
    }

    // 2. Fabric.
    try {
        std::shared_ptr<const Topology> fresh = loader_(deadline);
        const auto ttl = ttl_of(*fresh);
        publish(fresh, old, Clock::now() + ttl + jitter(ttl), nullptr);
        {
            std::lock_guard<std::mutex> g(stats_mu_);
            ++stats_.refreshes;
        }
        if (shared_) {
            try {
                last_written_ = shared_->save(*fresh);
                std::lock_guard<std::mutex> g(stats_mu_);
                ++stats_.snapshot_saves;
            } catch (const std::exception& e) {
                note_snapshot_problem(e.what());  // routing goes on; other processes ask Fabric
            }
        }
    } catch (const std::exception& e) {
        last_failure_ = std::current_exception();
        failures_.fetch_add(1, std::memory_order_release);
        {
            std::lock_guard<std::mutex> g(stats_mu_);
            ++stats_.failed_refreshes;
            stats_.last_error = e.what();
        }
        // Fabric down. Route from the newest topology we know, bounded by FABRIC_MAX_STALENESS
        // for one that comes from the disk; one TTL later, try again.
        std::shared_ptr<const Topology> use = old;
        std::string whose = "loaded";
        if (disk && (!old || disk->saved > std::max(old->origin().saved, last_written_)) &&
            wall_now - disk->saved <= max_staleness_) {
            use = disk->topology;
            whose = "saved by another process";
        }
        if (!use) throw;
        const auto age = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - use->loaded_at());
        auto w = std::make_shared<const std::string>("cannot refresh the topology from " + description_ + " (" +
                                                     e.what() + "); using the topology " + whose + " " +
                                                     std::to_string(age.count()) + " s ago");
        if (use != old) {
            std::lock_guard<std::mutex> g(stats_mu_);
            ++stats_.snapshot_loads;
        }
        publish(use, old, Clock::now() + ttl_of(*use), std::move(w));
    }
    return current();
}

void TopologyCache::note_snapshot_problem(const std::string& why) {
    std::lock_guard<std::mutex> g(stats_mu_);
    stats_.snapshot_problem = why;
}

bool TopologyCache::adoptable(const SnapshotStore::Loaded& disk, const std::shared_ptr<const Topology>& old) const {
    auto floor = std::max(last_written_, WallClock::time_point(WallClock::duration(invalidated_at_.load())));
    if (old) floor = std::max(floor, old->origin().saved);
    return disk.saved > floor;
}

void TopologyCache::invalidate_all() noexcept {
    invalidated_at_.store(WallClock::now().time_since_epoch().count(), std::memory_order_release);
    expires_.store(0, std::memory_order_release);
}

void TopologyCache::invalidate_group(std::string_view group) noexcept {
    invalidated_at_.store(WallClock::now().time_since_epoch().count(), std::memory_order_release);
    auto t = std::atomic_load(&topo_);
    if (!t) return;
    if (const Group* g = t->find_group(group)) g->invalidate();
    else invalidate_all();  // group not known yet: a full refresh is the only way to learn it
}

TopologyCache::Stats TopologyCache::stats() const {
    std::lock_guard<std::mutex> g(stats_mu_);
    return stats_;
}

}  // namespace fabodbc::fabric
