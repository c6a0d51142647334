// The benchmark's one table: a row per workload with the figure of each variant (fabodbc,
// odbc-mariadb, raw libmysqlclient) and fabodbc's ratios to the others, printed at the end and
// written as JSON (one object per workload) so that runs can be compared.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace fabodbc::bench {

struct WorkloadRow {
  WorkloadRow(std::string name, std::string unit_of_figures, bool higher = true)
      : workload(std::move(name)), unit(std::move(unit_of_figures)), higher_is_better(higher) {}
  std::string workload;  // what was measured
  std::string unit;      // "rows/s", "us", "ms" ...
  bool higher_is_better = true;
  std::optional<double> fabodbc, odbc_mariadb, raw;
  std::string raw_label;  // which raw variant ("binary protocol", "text protocol", ...)
  // fabodbc's client CPU seconds over the measured loop, and the raw variant's: shows what
  // the client did while the wall clock ran (the rest is waiting on the server).
  std::optional<double> fabodbc_cpu_s, raw_cpu_s;
  std::string goal;  // the goal the workload is held to, as text ("ratio_vs_raw >= 0.95")
  std::optional<double> goal_ratio_vs_raw;  // met when ratio_vs_raw reaches it
  std::optional<double> goal_max_delta_us;  // met when fabodbc - raw stays within it (us)
};

class Report {
 public:
  void add(WorkloadRow row) { rows_.push_back(std::move(row)); }
  // Ratios are "how many times better fabodbc is": rate ratio for rates, inverse for times.
  static std::optional<double> ratio(const WorkloadRow& r, const std::optional<double>& other);
  // The table on stdout.
  void print() const;
  // The same figures as a JSON array; throws when the file cannot be written.
  void write_json(const std::string& path) const;

 private:
  std::vector<WorkloadRow> rows_;
};

}  // namespace fabodbc::bench
