#include "tests/bench/bench_report.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace fabodbc::bench {

namespace {

std::string number(const std::optional<double>& v, const char* format = "%.6g") {
  if (!v) return "null";
  char b[64];
  std::snprintf(b, sizeof b, format, *v);
  return b;
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      char b[8];
      std::snprintf(b, sizeof b, "\\u%04x", c);
      out += b;
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::optional<double> delta_us(const WorkloadRow& r) {
  if (!r.fabodbc || !r.raw || r.unit != "us") return std::nullopt;
  return *r.fabodbc - *r.raw;
}

// nullopt: the row has no goal or a figure is missing.
std::optional<bool> goal_met(const WorkloadRow& r) {
  if (r.goal_ratio_vs_raw) {
    std::optional<double> x = Report::ratio(r, r.raw);
    if (!x) return std::nullopt;
    return *x >= *r.goal_ratio_vs_raw;
  }
  if (r.goal_max_delta_us) {
    std::optional<double> d = delta_us(r);
    if (!d) return std::nullopt;
    return *d <= *r.goal_max_delta_us;
  }
  return std::nullopt;
}

}  // namespace

std::optional<double> Report::ratio(const WorkloadRow& r, const std::optional<double>& other) {
  if (!r.fabodbc || !other || *r.fabodbc <= 0 || *other <= 0) return std::nullopt;
  return r.higher_is_better ? *r.fabodbc / *other : *other / *r.fabodbc;
}

void Report::print() const {
  std::printf("\n%-62s %12s %12s %12s %8s %9s  %s\n", "workload (unit)", "fabodbc", "odbc-mariadb", "raw",
              "x raw", "x maodbc", "goal");
  for (const WorkloadRow& r : rows_) {
    const std::string name = r.workload + " (" + r.unit + ")";
    std::optional<bool> met = goal_met(r);
    std::string goal = r.goal.empty() ? "" : r.goal + (met ? (*met ? ": met" : ": NOT met") : ": n/a");
    auto cell = [](const std::optional<double>& v) { return v ? number(v, "%.4g") : std::string("-"); };
    auto rat = [&](const std::optional<double>& v) {
      std::optional<double> x = ratio(r, v);
      return x ? number(x, "%.2fx") : std::string("-");
    };
    std::printf("%-62s %12s %12s %12s %8s %9s  %s\n", name.c_str(), cell(r.fabodbc).c_str(),
                cell(r.odbc_mariadb).c_str(), cell(r.raw).c_str(), rat(r.raw).c_str(), rat(r.odbc_mariadb).c_str(),
                goal.c_str());
    if (!r.raw_label.empty() || r.fabodbc_cpu_s || r.raw_cpu_s) {
      std::string note = "    raw: " + (r.raw_label.empty() ? std::string("-") : r.raw_label);
      if (r.fabodbc_cpu_s || r.raw_cpu_s)
        note += "; client CPU s: fabodbc " + cell(r.fabodbc_cpu_s) + ", raw " + cell(r.raw_cpu_s);
      if (std::optional<double> d = delta_us(r)) note += "; fabodbc - raw " + number(d, "%+.2f") + " us";
      std::printf("%s\n", note.c_str());
    }
  }
}

void Report::write_json(const std::string& path) const {
  std::ofstream out(path, std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + path);
  out << "[\n";
  for (size_t i = 0; i < rows_.size(); ++i) {
    const WorkloadRow& r = rows_[i];
    std::optional<bool> met = goal_met(r);
    out << "  {\"workload\": " << json_string(r.workload) << ", \"unit\": " << json_string(r.unit)
        << ", \"higher_is_better\": " << (r.higher_is_better ? "true" : "false") << ", \"fabodbc\": " << number(r.fabodbc)
        << ", \"odbc_mariadb\": " << number(r.odbc_mariadb) << ", \"raw\": " << number(r.raw)
        << ", \"raw_variant\": " << json_string(r.raw_label) << ", \"ratio_vs_raw\": " << number(ratio(r, r.raw))
        << ", \"ratio_vs_odbc_mariadb\": " << number(ratio(r, r.odbc_mariadb))
        << ", \"delta_vs_raw_us\": " << number(delta_us(r)) << ", \"fabodbc_cpu_s\": " << number(r.fabodbc_cpu_s)
        << ", \"raw_cpu_s\": " << number(r.raw_cpu_s) << ", \"goal\": " << json_string(r.goal)
        << ", \"goal_met\": " << (met ? (*met ? "true" : "false") : "null") << "}" << (i + 1 < rows_.size() ? "," : "")
        << "\n";
  }
  out << "]\n";
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace fabodbc::bench
