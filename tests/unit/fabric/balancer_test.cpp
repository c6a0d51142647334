// Weighted round robin: every vector of fabric-protocol.md §5.2, checked against a direct
// re-implementation of the reference (load[]/next) algorithm as well.
#include <gtest/gtest.h>

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

// Literal transcription of the reference's state machine (§5.2) for cross-checking.
std::string reference(const std::vector<double>& w, int n) {
    std::vector<std::size_t> order(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return w[a] > w[b]; });
    double mn = *std::min_element(w.begin(), w.end());
    std::vector<int> ratio, load(w.size(), 0);
    for (auto i : order) ratio.push_back(int(w[i] / mn * 100 + 1e-9));
    std::size_t next = 0;
    std::string s;
    for (int k = 0; k < n; ++k) {
        if (load == ratio) {
            std::fill(load.begin(), load.end(), 0);
            next = 0;
        }
        std::size_t cur = next;
        while (load[cur] == ratio[cur]) cur = (cur + 1) % w.size();
        ++load[cur];
        next = (cur + 1) % w.size();
        s += char('A' + order[cur]);
    }
    return s;
}

}  // namespace

TEST(WeightedRoundRobin, EqualWeightsAlternate) {
    EXPECT_EQ(picks({1.0, 1.0}, 6), "ABABAB");
    EXPECT_EQ(picks({1.0, 1.0, 1.0}, 6), "ABCABC");
    auto c = counts({1.0, 1.0}, 200);
    EXPECT_EQ(c['A'], 100);
    EXPECT_EQ(c['B'], 100);
    auto c3 = counts({1.0, 1.0, 1.0}, 300);
    EXPECT_EQ(c3['A'], 100);
    EXPECT_EQ(c3['C'], 100);
}

TEST(WeightedRoundRobin, OneToTwo) {
    std::string p = picks({1.0, 2.0}, 301);
    for (int i = 0; i < 200; ++i) EXPECT_EQ(p[std::size_t(i)], i % 2 == 0 ? 'B' : 'A') << i;
    for (int i = 200; i < 300; ++i) EXPECT_EQ(p[std::size_t(i)], 'B') << i;
    EXPECT_EQ(p[300], 'B');  // pick 301 starts a new cycle
    auto c = counts({1.0, 2.0}, 300);
    EXPECT_EQ(c['B'], 200);
    EXPECT_EQ(c['A'], 100);
    WeightedRoundRobin w({1.0, 2.0});
    EXPECT_EQ(w.cycle_length(), 300u);
    EXPECT_EQ(w.ratios(), (std::vector<std::uint64_t>{200, 100}));
}

TEST(WeightedRoundRobin, HalfToOne) {
    EXPECT_EQ(picks({0.5, 1.0}, 6), "BABABA");
    auto c = counts({0.5, 1.0}, 300);
    EXPECT_EQ(c['B'], 200);
    EXPECT_EQ(c['A'], 100);
}

TEST(WeightedRoundRobin, OneToThree) {
    std::string p = picks({1.0, 3.0}, 400);
    for (int i = 0; i < 200; ++i) EXPECT_EQ(p[std::size_t(i)], i % 2 == 0 ? 'B' : 'A') << i;
    for (int i = 200; i < 400; ++i) EXPECT_EQ(p[std::size_t(i)], 'B') << i;
    auto c = counts({1.0, 3.0}, 400);
    EXPECT_EQ(c['B'], 300);
    EXPECT_EQ(c['A'], 100);
}

TEST(WeightedRoundRobin, ThreeWeights) {
    EXPECT_EQ(picks({1.0, 1.5, 3.0}, 10), "CBACBACBAC");
    auto c = counts({1.0, 1.5, 3.0}, 550);
    EXPECT_EQ(c['C'], 300);
    EXPECT_EQ(c['B'], 150);
    EXPECT_EQ(c['A'], 100);
}

TEST(WeightedRoundRobin, MatchesReferenceStateMachineOverSeveralCycles) {
    const std::vector<std::vector<double>> cases{
        {1.0, 1.0}, {1.0, 2.0}, {0.5, 1.0}, {1.0, 3.0}, {1.0, 1.5, 3.0}, {2.0, 1.0, 2.0, 0.7}, {0.3, 0.1}};
    for (const auto& w : cases) EXPECT_EQ(picks(w, 2500), reference(w, 2500));
}

TEST(WeightedRoundRobin, GuardsZeroAndNegativeWeights) {
    WeightedRoundRobin w({0.0, 1.0, -2.0});
    EXPECT_EQ(w.cycle_length(), 300u);  // all treated as weight 1
    std::map<std::size_t, int> c;
    for (int i = 0; i < 300; ++i) ++c[w.next()];
    EXPECT_EQ(c[0], 100);
    EXPECT_EQ(c[1], 100);
    EXPECT_EQ(c[2], 100);
}
