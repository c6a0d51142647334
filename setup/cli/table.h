// Plain-text tables for human output: a header row and left-aligned columns.
#pragma once

#include <string>
#include <vector>

namespace fabodbc::cli {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  bool empty() const { return rows_.empty(); }
  // Columns separated by two spaces, no trailing blanks.
  std::string render() const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// "1.5", "2", "0.25": a weight without trailing zeros.
std::string format_number(double v);

}  // namespace fabodbc::cli
