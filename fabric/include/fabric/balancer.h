// Weighted round robin over a group's secondaries.
//
// The weight rule is Connector/Python's (fabric-protocol.md §5.2): members sorted by weight
// descending, ratio = int(weight / min_weight * 100). The order of the picks is not: the
// reference walks its members in rounds, so at 1:2 it alternates for the first 200 picks and
// only a run of 300 picks comes out 100:200. Here the ratios are reduced by their greatest
// common divisor (1:2 -> a cycle of 3) and the picks follow smooth weighted round robin
// (nginx's): each pick adds every member's ratio to its credit and takes the member with the
// most credit, which then pays the total. Every prefix of the sequence is proportional to
// within one pick per member, so 30 connects at 1:2 give 10:20.
//
// The position survives topology refreshes: Group::continue_balancing hands it to the next
// snapshot while the group's secondaries and weights are unchanged (otherwise every TTL would
// restart the cycle, and at ordinary connect rates the cycle would never end).
#pragma once

#include <cstdint>
#include <mutex>
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

    // Index (into the constructor's `weights`) of the next member. Thread-safe (a short
    // critical section), no allocation.
    std::size_t next() noexcept;
    // Takes over `previous`'s position when both balance the same ratios (the caller checks
    // that the members are the same servers). Returns whether it did.
    bool continue_from(const WeightedRoundRobin& previous) noexcept;

    // Introspection: members in balancing order (sorted by weight desc), their reduced
    // ratios, the cycle (sum of the ratios) and the picks made (carried over included).
    const std::vector<std::size_t>& order() const noexcept { return order_; }
    const std::vector<std::uint64_t>& ratios() const noexcept { return ratios_; }
    std::uint64_t cycle_length() const noexcept { return cycle_; }
    std::uint64_t picks_so_far() const noexcept;

private:
    std::vector<std::size_t> order_;     // sorted position -> original index
    std::vector<std::uint64_t> ratios_;  // per sorted position, non-increasing, reduced by their gcd
    std::uint64_t cycle_ = 0;
    mutable std::mutex mu_;
    std::vector<std::int64_t> credit_;  // per sorted position; guarded by mu_
    std::uint64_t picks_ = 0;           // guarded by mu_
};

}  // namespace fabodbc::fabric
