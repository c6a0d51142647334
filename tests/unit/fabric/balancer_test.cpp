// Weighted round robin: Connector/Python's ratio rule (fabric-protocol.md §5.2), reduced by
// the gcd, in smooth order: exact counts per cycle, and every prefix proportional, so that a
// few connects already split by the weights; the position carries over to a new snapshot.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "fabric/balancer.h"

using fabodbc::fabric::WeightedRoundRobin;

namespace {

// Picks as names; members named A, B, C in input order.
std::string picks(const std::vector<double>& w, int n) {
    WeightedRoundRobin wrr(w);
    std::string s;
    for (int i = 0; i < n; ++i) s += char('A' + wrr.next());
    return s;
}

std::map<char, int> counts(const std::vector<double>& w, int n) {
    WeightedRoundRobin wrr(w);
    std::map<char, int> c;
    for (int i = 0; i < n; ++i) ++c[char('A' + wrr.next())];
    return c;
}

// After every pick, each member's count is within one of its exact share of the picks so far.
void expect_every_prefix_proportional(const std::vector<double>& w, int n) {
    WeightedRoundRobin wrr(w);
    std::vector<std::uint64_t> ratio(w.size());
    for (std::size_t i = 0; i < wrr.order().size(); ++i) ratio[wrr.order()[i]] = wrr.ratios()[i];
    std::vector<int> c(w.size(), 0);
    for (int k = 1; k <= n; ++k) {
        ++c[wrr.next()];
        for (std::size_t m = 0; m < w.size(); ++m) {
            const double share = double(k) * double(ratio[m]) / double(wrr.cycle_length());
            ASSERT_LT(std::fabs(c[m] - share), 1.0 + 1e-9) << "member " << m << " after " << k << " picks";
        }
    }
}

}  // namespace

TEST(WeightedRoundRobin, EqualWeightsAlternate) {
    EXPECT_EQ(picks({1.0, 1.0}, 6), "ABABAB");
    EXPECT_EQ(picks({1.0, 1.0, 1.0}, 6), "ABCABC");
    auto c3 = counts({1.0, 1.0, 1.0}, 300);
    EXPECT_EQ(c3['A'], 100);
    EXPECT_EQ(c3['C'], 100);
}

TEST(WeightedRoundRobin, OneToTwoIsProportionalFromTheFirstPicks) {
    // The reference alternates B A B A ... for 200 picks; 30 picks gave it 15:15.
    EXPECT_EQ(picks({1.0, 2.0}, 9), "BABBABBAB");
    auto c = counts({1.0, 2.0}, 30);
    EXPECT_EQ(c['B'], 20);
    EXPECT_EQ(c['A'], 10);
    c = counts({1.0, 2.0}, 300);
    EXPECT_EQ(c['B'], 200);
    EXPECT_EQ(c['A'], 100);
    WeightedRoundRobin w({1.0, 2.0});
    EXPECT_EQ(w.cycle_length(), 3u);  // ratios 200:100 reduced by their gcd
    EXPECT_EQ(w.ratios(), (std::vector<std::uint64_t>{2, 1}));
}

TEST(WeightedRoundRobin, RatioRuleIsConnectorPythons) {
    WeightedRoundRobin w({1.0, 1.5, 3.0});  // int(w / min * 100): 300, 150, 100 -> 6, 3, 2
    EXPECT_EQ(w.ratios(), (std::vector<std::uint64_t>{6, 3, 2}));
    EXPECT_EQ(w.order(), (std::vector<std::size_t>{2, 1, 0}));
    auto c = counts({1.0, 1.5, 3.0}, 550);
    EXPECT_EQ(c['C'], 300);
    EXPECT_EQ(c['B'], 150);
    EXPECT_EQ(c['A'], 100);
    WeightedRoundRobin d({0.3, 0.1});  // 0.3/0.1 is 300 as in Decimal, not 299
    EXPECT_EQ(d.ratios(), (std::vector<std::uint64_t>{3, 1}));
    WeightedRoundRobin t({1.0, 1.01});  // truncation keeps fine weights: 101:100
    EXPECT_EQ(t.cycle_length(), 201u);
}

TEST(WeightedRoundRobin, EveryPrefixIsWithinOnePickOfTheWeights) {
    const std::vector<std::vector<double>> cases{{1.0, 1.0},      {1.0, 2.0},           {0.5, 1.0},
                                                 {1.0, 3.0},      {1.0, 1.5, 3.0},      {2.0, 1.0, 2.0, 0.7},
                                                 {0.3, 0.1},      {1.0, 1.01},          {5.0, 1.0, 1.0, 1.0, 1.0}};
    for (const auto& w : cases) expect_every_prefix_proportional(w, 2500);
}

TEST(WeightedRoundRobin, ContinuesFromAnEqualBalancer) {
    WeightedRoundRobin first({1.0, 2.0});
    std::string s;
    for (int i = 0; i < 4; ++i) s += char('A' + first.next());
    WeightedRoundRobin second({1.0, 2.0});
    ASSERT_TRUE(second.continue_from(first));
    EXPECT_EQ(second.picks_so_far(), 4u);
    for (int i = 0; i < 5; ++i) s += char('A' + second.next());
    EXPECT_EQ(s, picks({1.0, 2.0}, 9));  // as if one balancer had made all nine picks
    WeightedRoundRobin other({1.0, 3.0});
    EXPECT_FALSE(other.continue_from(first));
    EXPECT_EQ(other.picks_so_far(), 0u);
}

TEST(WeightedRoundRobin, GuardsZeroAndNegativeWeights) {
    WeightedRoundRobin w({0.0, 1.0, -2.0});
    EXPECT_EQ(w.cycle_length(), 3u);  // all treated as weight 1
    std::map<std::size_t, int> c;
    for (int i = 0; i < 300; ++i) ++c[w.next()];
    EXPECT_EQ(c[0], 100);
    EXPECT_EQ(c[1], 100);
    EXPECT_EQ(c[2], 100);
}

TEST(WeightedRoundRobin, ExtremeWeightsStayBounded) {
    WeightedRoundRobin w({0.001, 1000.0});
    EXPECT_EQ(w.cycle_length(), 1000001u);
    std::map<std::size_t, int> c;
    for (int i = 0; i < 2000; ++i) ++c[w.next()];
    EXPECT_EQ(c[1], 2000);
}
