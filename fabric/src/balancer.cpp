#include "fabric/balancer.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fabodbc::fabric {

void WeightedRoundRobin::init(const std::vector<double>& weights) {
    order_.clear(); ratios_.clear(); width_.clear(); rounds_.clear(); seg_start_.clear();
    cycle_ = 0;
    counter_.store(0);
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
    for (std::size_t i = 0; i < n; ++i) {
        // int(Decimal(w) / Decimal(min) * 100): the small epsilon absorbs binary rounding so
        // 0.3/0.1 gives 300 as the decimal reference does, not 299.
        double r = w[order_[i]] / min_positive * 100.0;
        ratios_[i] = static_cast<std::uint64_t>(std::floor(r + 1e-9));
        if (ratios_[i] == 0) ratios_[i] = 1;
    }
    // Segments: widths n, n-1, ... as members exhaust (ratios non-increasing).
    std::uint64_t done_rounds = 0;
    std::uint64_t start = 0;
    for (std::size_t width = n; width > 0; --width) {
        std::uint64_t upto = ratios_[width - 1];  // rounds in which the first `width` are active
        if (upto > done_rounds) {
            width_.push_back(width);
            rounds_.push_back(upto - done_rounds);
            seg_start_.push_back(start);
            start += width * (upto - done_rounds);
            done_rounds = upto;
        }
    }
    cycle_ = start;
}

std::size_t WeightedRoundRobin::member_for_pick(std::uint64_t k) const noexcept {
    if (cycle_ == 0) return 0;
    std::uint64_t p = k % cycle_;
    std::size_t seg = width_.size() - 1;
    for (std::size_t j = 0; j + 1 < width_.size(); ++j) {
        if (p < seg_start_[j + 1]) {
            seg = j;
            break;
        }
    }
    std::uint64_t offset = p - seg_start_[seg];
    return order_[static_cast<std::size_t>(offset % width_[seg])];
}

std::size_t WeightedRoundRobin::next() noexcept {
    return member_for_pick(counter_.fetch_add(1, std::memory_order_relaxed));
}

}  // namespace fabodbc::fabric
