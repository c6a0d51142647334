#include "fabric/balancer.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fabodbc::fabric {

void WeightedRoundRobin::init(const std::vector<double>& weights) {
    order_.clear();
    ratios_.clear();
    credit_.clear();
    cycle_ = 0;
    picks_ = 0;
    const std::size_t n = weights.size();
    if (n == 0) return;
    double min_positive = 0;
    for (double w : weights)
        if (w > 0 && (min_positive == 0 || w < min_positive)) min_positive = w;
    if (min_positive == 0) min_positive = 1.0;  // all weights <= 0: plain round robin
    std::vector<double> w(weights);
    for (double& x : w)
        if (!(x > 0)) x = min_positive;

    order_.resize(n);
    std::iota(order_.begin(), order_.end(), std::size_t{0});
    std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) { return w[a] > w[b]; });

    ratios_.resize(n);
    std::uint64_t divisor = 0;
    for (std::size_t i = 0; i < n; ++i) {
        // int(Decimal(w) / Decimal(min) * 100): the small epsilon absorbs binary rounding so
        // 0.3/0.1 gives 300 as the decimal reference does, not 299.
        const double r = w[order_[i]] / min_positive * 100.0;
        ratios_[i] = r >= 1e15 ? std::uint64_t(1e15) : static_cast<std::uint64_t>(std::floor(r + 1e-9));
        if (ratios_[i] == 0) ratios_[i] = 1;
        divisor = std::gcd(divisor, ratios_[i]);
    }
    for (auto& r : ratios_) {
        r /= divisor;
        cycle_ += r;
    }
    credit_.assign(n, 0);
}

std::size_t WeightedRoundRobin::next() noexcept {
    if (order_.empty()) return 0;
    std::lock_guard<std::mutex> lk(mu_);
    std::size_t best = 0;
    for (std::size_t i = 0; i < credit_.size(); ++i) {
        credit_[i] += static_cast<std::int64_t>(ratios_[i]);
        if (credit_[i] > credit_[best]) best = i;  // ties: the heavier (earlier) member
    }
    credit_[best] -= static_cast<std::int64_t>(cycle_);
    ++picks_;
    return order_[best];
}

bool WeightedRoundRobin::continue_from(const WeightedRoundRobin& previous) noexcept {
    if (&previous == this || previous.order_ != order_ || previous.ratios_ != ratios_) return false;
    std::scoped_lock lk(mu_, previous.mu_);
    credit_ = previous.credit_;  // same size: no allocation beyond what init made
    picks_ = previous.picks_;
    return true;
}

std::uint64_t WeightedRoundRobin::picks_so_far() const noexcept {
    std::lock_guard<std::mutex> lk(mu_);
    return picks_;
}

}  // namespace fabodbc::fabric
