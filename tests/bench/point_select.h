// The prepared point select (kPointQuery, key bound as a parameter, name bound as the result)
// through raw libmysqlclient and through an ODBC driver, as objects that run any number of
// selects on demand. The interleaved measurement runs them in short alternating blocks.
#pragma once

#include "tests/bench/bench_common.h"
#include "tests/bench/odbc_session.h"
#include "tests/bench/raw_session.h"

#include <memory>
#include <string>
#include <vector>

namespace fabodbc::bench {

class PointSelect {
 public:
  virtual ~PointSelect() = default;
  // Runs selects first .. first+count-1 (key = 1 + i*7919 mod max_id); returns the sum of the
  // name lengths read, so every row is really fetched.
  virtual uint64_t run(unsigned first, unsigned count) = 0;
};

std::unique_ptr<PointSelect> raw_point_select_runner(const Target& t, unsigned max_id);
std::unique_ptr<PointSelect> odbc_point_select_runner(const Target& t, unsigned max_id);

// One variant of the interleaved measurement: its label and microseconds per select of every block.
struct InterleavedSeries {
  std::string label;
  std::vector<double> block_us;
};

// Runs `rounds` rounds; in each, every runner does a block of `block` selects, the order
// rotating from round to round. Drift of the machine (frequency, idle states, other processes,
// the server's caches) then touches every variant alike, which separate processes run one
// after the other cannot promise. `block_us` holds microseconds per select of each block.
std::vector<InterleavedSeries> interleaved_point_selects(
    std::vector<std::pair<std::string, std::unique_ptr<PointSelect>>>& runners, unsigned rounds, unsigned block);

// The q-quantile (0..1) of `values`, by linear interpolation between the nearest ranks.
double percentile(std::vector<double> values, double q);

}  // namespace fabodbc::bench
