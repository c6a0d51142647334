#include "fabric/topology_cache.h"

#include <algorithm>

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

TopologyCache::Snapshot TopologyCache::do_refresh(std::unique_lock<std::mutex>&, const Deadline* deadline) {
    std::shared_ptr<const Topology> old = std::atomic_load(&topo_);
    try {
        std::shared_ptr<const Topology> fresh = loader_(deadline);
        if (old && fresh != old) fresh->continue_balancing(*old);  // weights hold across refreshes
        const auto ttl = std::max<std::chrono::milliseconds>(std::chrono::seconds(fresh->ttl_seconds()), min_ttl_);
        std::atomic_store(&topo_, fresh);
        stale_.store(false, std::memory_order_release);
        std::atomic_store(&warning_, std::shared_ptr<const std::string>());
        expires_.store((Clock::now() + ttl).time_since_epoch().count(), std::memory_order_release);
        std::lock_guard<std::mutex> g(stats_mu_);
        ++stats_.refreshes;
    } catch (const std::exception& e) {
        last_failure_ = std::current_exception();
        failures_.fetch_add(1, std::memory_order_release);
        {
            std::lock_guard<std::mutex> g(stats_mu_);
            ++stats_.failed_refreshes;
            stats_.last_error = e.what();
        }
        if (!old) throw;
        // Keep serving the last known topology and try again one TTL later.
        const auto ttl = std::max<std::chrono::milliseconds>(std::chrono::seconds(old->ttl_seconds()), min_ttl_);
        const auto age = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - old->loaded_at());
        auto w = std::make_shared<const std::string>("cannot refresh the topology from " + description_ + " (" +
                                                     e.what() + "); using the topology loaded " +
                                                     std::to_string(age.count()) + " s ago");
        std::atomic_store(&warning_, w);
        stale_.store(true, std::memory_order_release);
        expires_.store((Clock::now() + ttl).time_since_epoch().count(), std::memory_order_release);
    }
    return current();
}

void TopologyCache::invalidate_all() noexcept { expires_.store(0, std::memory_order_release); }

void TopologyCache::invalidate_group(std::string_view group) noexcept {
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
