#include "driver/catalog/catalog_order.h"

#include <algorithm>

namespace fabodbc {

bool is_ascii(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

namespace {

// utf8mb3_general_ci's weight of an ASCII character: a-z weigh as A-Z, the rest as themselves.
inline unsigned char weight(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<unsigned char>(c - 'a' + 'A') : static_cast<unsigned char>(c);
}

}  // namespace

int compare_general_ci_ascii(std::string_view a, std::string_view b) {
  // Runs of one schema share the stored name: the common case needs no byte compared.
  if (a.data() == b.data() && a.size() == b.size()) return 0;
  const size_t common = std::min(a.size(), b.size());
  for (size_t i = 0; i < common; ++i) {
    const unsigned char x = weight(a[i]), y = weight(b[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  // PAD SPACE: the rest of the longer string is compared with spaces ("a\t" sorts before
  // "a", "a " equals "a").
  const std::string_view rest = a.size() > b.size() ? a.substr(common) : b.substr(common);
  const int sign = a.size() > b.size() ? 1 : -1;
  for (char c : rest) {
    const unsigned char x = weight(c);
    if (x != ' ') return x < ' ' ? -sign : sign;
  }
  return 0;
}

bool order_runs_general_ci(std::vector<TableRun>& runs) {
  for (const TableRun& r : runs)
    if (!is_ascii(r.schema) || !is_ascii(r.table)) return false;
  auto compare = [](const TableRun& x, const TableRun& y) {
    int c = compare_general_ci_ascii(x.schema, y.schema);
    return c != 0 ? c : compare_general_ci_ascii(x.table, y.table);
  };
  std::sort(runs.begin(), runs.end(), [&](const TableRun& x, const TableRun& y) { return compare(x, y) < 0; });
  for (size_t i = 1; i < runs.size(); ++i)
    if (compare(runs[i - 1], runs[i]) == 0) return false;
  return true;
}

}  // namespace fabodbc
