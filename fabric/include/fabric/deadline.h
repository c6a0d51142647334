// One point in time by which everything a caller waits on Fabric must be done: all HTTP
// requests of a call (digest challenge, retry), every Fabric node tried, every call of a
// topology load. FABRIC_TIMEOUT is such a budget, not a per-request timeout, so a silent
// Fabric costs a connect FABRIC_TIMEOUT, whatever the number of nodes, calls or attempts.
#pragma once

#include <algorithm>
#include <chrono>

namespace fabodbc::fabric {

class Deadline {
public:
    using Clock = std::chrono::steady_clock;

    static Deadline after(std::chrono::milliseconds budget) { return Deadline(Clock::now() + budget, budget); }

    // Milliseconds left (0 once passed).
    long remaining_ms() const {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(at_ - Clock::now()).count();
        return static_cast<long>(std::max<long long>(0, left));
    }
    bool passed() const { return Clock::now() >= at_; }
    // The whole budget, for messages ("did not answer within 2000 ms").
    long budget_ms() const { return static_cast<long>(budget_.count()); }

private:
    Deadline(Clock::time_point at, std::chrono::milliseconds budget) : at_(at), budget_(budget) {}
    Clock::time_point at_;
    std::chrono::milliseconds budget_;
};

}  // namespace fabodbc::fabric
