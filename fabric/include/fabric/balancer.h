// Weighted round robin over a group's secondaries, exactly as Connector/Python's
// WeightedRoundRobin (fabric-protocol.md §5.2), but lock-free.
//
// Why this works without the load[] array: members are sorted by weight descending, so their
// ratios are non-increasing, and the reference algorithm then proceeds in "rounds": in round r
// every member whose ratio exceeds r is picked once, in order. Pick number k of a cycle
// (cycle length = sum of ratios) is therefore a pure function of k. A single atomic counter
// gives each caller its k; the member is found by walking the (few) ratio segments.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

namespace fabodbc::fabric {

class WeightedRoundRobin {
public:
    WeightedRoundRobin() = default;
    // `weights` in the order of the group's rows (dump.servers order). Weights <= 0 are
    // treated as the smallest positive weight present (the reference divides by zero).
    explicit WeightedRoundRobin(const std::vector<double>& weights) { init(weights); }
    // Only before the balancer is shared between threads (i.e. while building a Topology).
    void init(const std::vector<double>& weights);
    WeightedRoundRobin(const WeightedRoundRobin&) = delete;
    WeightedRoundRobin& operator=(const WeightedRoundRobin&) = delete;

    bool empty() const noexcept { return order_.empty(); }
    std::size_t size() const noexcept { return order_.size(); }

    // Index (into the constructor's `weights`) of the next member. Thread-safe, no allocation.
    std::size_t next() noexcept;
    // Member for pick number `k` (0-based, since construction) without advancing.
    std::size_t member_for_pick(std::uint64_t k) const noexcept;

    // Introspection: members in balancing order (sorted by weight desc) and their ratios.
    const std::vector<std::size_t>& order() const noexcept { return order_; }
    const std::vector<std::uint64_t>& ratios() const noexcept { return ratios_; }
    std::uint64_t cycle_length() const noexcept { return cycle_; }
    std::uint64_t picks_so_far() const noexcept { return counter_.load(std::memory_order_relaxed); }

private:
    std::vector<std::size_t> order_;     // sorted position -> original index
    std::vector<std::uint64_t> ratios_;  // per sorted position, non-increasing
    // Segment j: the first `width_[j]` sorted members are active for `rounds_[j]` rounds.
    std::vector<std::uint64_t> width_, rounds_, seg_start_;
    std::uint64_t cycle_ = 0;
    std::atomic<std::uint64_t> counter_{0};
};

}  // namespace fabodbc::fabric
