// What the parent side of fabodbc_bench_driver shares between its files: the options, one
// variant's outcome, and running the variants in turns (each in its own process).
#pragma once

#include "tests/bench/bench_common.h"

#include <map>
#include <string>
#include <vector>

namespace fabodbc::bench {

struct Options {
  uint64_t rows = 1000000;
  unsigned repeat = 3;
  unsigned iterations = 20000;
  uint64_t insert_rows = 100000;
  unsigned batch = 1000;
  unsigned catalog_iterations = 20;
  std::string only;  // comma-separated sections to run (fetch,point,direct,connect,insert,catalog); empty: all
  std::string json;  // where to write the figures as JSON; empty: not written

  bool runs(const char* section) const {
    if (only.empty()) return true;
    const std::string list = "," + only + ",";
    return list.find(std::string(",") + section + ",") != std::string::npos;
  }
};

struct Outcome {
  bool ok = false;
  std::string error;
  Measurement best;
};

// A variant to measure: its label in the report, the variant name, the DSN and extra options.
struct Job {
  std::string label, variant, dsn, extra;
};

// Runs every job `o.repeat` times, taking turns (see bench_main.cpp); results by label.
void run_in_turns(const std::vector<Job>& jobs, const Target& t, const Options& o,
                  std::map<std::string, Outcome>& results);

// The whole benchmark: server, data, every section, the table and the JSON.
int run_all(const Options& o);

}  // namespace fabodbc::bench
