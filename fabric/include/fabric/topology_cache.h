// The topology cache of one Fabric endpoint.
//
// Readers take the current immutable snapshot with one atomic shared_ptr load and never wait
// for a refresh, except on the very first load. When the snapshot has expired (TTL from the
// replies, floor 1 s) exactly one caller refreshes; the others keep using the old snapshot.
// When a refresh fails and a snapshot exists, that snapshot keeps being served, marked stale
// with a warning, and the next attempt is scheduled one TTL later (Connector/J's
// refreshStatePassive, fabric-protocol.md §7).
//
// With a shared snapshot (share_through), the processes of one user share what they learned:
// a refresh first reads the snapshot file and adopts it when another process saved a newer one
// within its TTL (no Fabric call); otherwise the one process holding the refresh lock asks
// Fabric and saves the answer, while the others keep routing from what they have. A process
// with nothing in memory and Fabric down routes from a snapshot up to max_staleness old, with
// the same stale warning. Expiry times then carry a little jitter.
#pragma once

#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "fabric/deadline.h"
#include "fabric/snapshot_store.h"
#include "fabric/topology.h"

namespace fabodbc::fabric {

class TopologyCache {
public:
    using Clock = std::chrono::steady_clock;
    // Loads a snapshot from Fabric; everything it waits on must end by the deadline (null:
    // the loader's own budget, FABRIC_TIMEOUT).
    using Loader = std::function<std::shared_ptr<const Topology>(const Deadline*)>;

    struct Snapshot {
        std::shared_ptr<const Topology> topology;
        bool stale = false;
        std::shared_ptr<const std::string> warning;  // set when stale
        Clock::time_point expires;
    };

    struct Stats {
        std::uint64_t refreshes = 0;         // answers from Fabric
        std::uint64_t failed_refreshes = 0;
        std::string last_error;
        std::uint64_t snapshot_loads = 0;     // snapshots another process saved, adopted
        std::uint64_t snapshot_saves = 0;
        std::string snapshot_problem;         // why the last snapshot was refused or not saved
    };

    explicit TopologyCache(Loader loader, std::chrono::milliseconds min_ttl = std::chrono::seconds(1),
                           std::string description = "Fabric");

    // Current snapshot, refreshed first if expired (the refresh ends by `deadline`). Throws the
    // loader's error only when there is no snapshot at all.
    Snapshot get(const Deadline* deadline = nullptr);

    // Refreshes now unless the snapshot has already been replaced since the caller saw `seen`
    // (another thread refreshed) or, when `min_age` > 0, `seen` is younger than `min_age`.
    Snapshot refresh(const Topology* seen, std::chrono::milliseconds min_age = std::chrono::milliseconds(0),
                     const Deadline* deadline = nullptr);

    // Current snapshot without refreshing (may be empty).
    Snapshot peek() const { return current(); }

    void invalidate_all() noexcept;          // next get() refreshes
    void invalidate_group(std::string_view group) noexcept;  // next resolve through it refreshes

    Stats stats() const;

    // Shares the topology with the other processes of this user (see above). Only before the
    // first get().
    void share_through(std::shared_ptr<const SnapshotStore> store, std::chrono::seconds max_staleness);
    const SnapshotStore* shared_store() const noexcept { return shared_.get(); }
    std::chrono::milliseconds min_ttl() const noexcept { return min_ttl_; }

private:
    Snapshot current() const;
    void publish(std::shared_ptr<const Topology> topology, const std::shared_ptr<const Topology>& old,
                 Clock::time_point expires, std::shared_ptr<const std::string> warning);
    std::chrono::milliseconds ttl_of(const Topology& t) const;
    std::chrono::milliseconds jitter(std::chrono::milliseconds ttl) const;
    void note_snapshot_problem(const std::string& why);
    using WallClock = std::chrono::system_clock;
    bool adoptable(const SnapshotStore::Loaded& disk, const std::shared_ptr<const Topology>& old) const;
    Snapshot do_refresh(std::unique_lock<std::mutex>& held, const Deadline* deadline);

    Loader loader_;
    const std::chrono::milliseconds min_ttl_;
    const std::string description_;

    std::shared_ptr<const Topology> topo_;  // accessed with std::atomic_load/store only
    std::shared_ptr<const std::string> warning_;  // ditto; null when fresh
    std::atomic<Clock::rep> expires_{0};
    std::atomic<bool> stale_{false};

    std::mutex refresh_mu_;  // one refresh in flight
    // Failed loads so far, and the last one's error: callers queued behind a failed first
    // load get that error at once instead of each waiting out another timeout.
    std::atomic<std::uint64_t> failures_{0};
    std::exception_ptr last_failure_;  // guarded by refresh_mu_
    mutable std::mutex stats_mu_;
    Stats stats_;
    std::shared_ptr<const SnapshotStore> shared_;  // null: this process keeps its topology to itself
    std::chrono::seconds max_staleness_{0};
    WallClock::time_point last_written_{};             // our own last snapshot; guarded by refresh_mu_
    std::atomic<WallClock::rep> invalidated_at_{0};    // last reset or failure (wall clock)
};

}  // namespace fabodbc::fabric
