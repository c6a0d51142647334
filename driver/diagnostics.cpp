#include "driver/diagnostics.h"

#include <algorithm>
#include <cstring>

namespace fabodbc {

namespace {
bool is_warning(const char* sqlstate) { return sqlstate[0] == '0' && sqlstate[1] == '1'; }
}  // namespace

void Diagnostics::add(std::string_view sqlstate, std::string_view message, int native, SQLLEN row_number) {
  DiagRecord rec;
  rec.row_number = row_number;
  if (sqlstate.size() == 5) {
    std::memcpy(rec.sqlstate, sqlstate.data(), 5);
    rec.sqlstate[5] = '\0';
  }
  rec.native = native;
  rec.message.reserve(kPrefix.size() + message.size());
  rec.message.append(kPrefix).append(message);
  if (!secret_.empty()) {
    for (size_t pos = rec.message.find(secret_); pos != std::string::npos;
         pos = rec.message.find(secret_, pos + 3)) {
      rec.message.replace(pos, secret_.size(), "***");
    }
  }
  if (is_warning(rec.sqlstate)) {
    records_.push_back(std::move(rec));
  } else {
    // ODBC orders records by importance: errors first, then warnings, each in arrival order.
    auto first_warning = std::find_if(records_.begin(), records_.end(),
                                      [](const DiagRecord& r) { return is_warning(r.sqlstate); });
    records_.insert(first_warning, std::move(rec));
  }
}

bool Diagnostics::has_warnings_only() const noexcept {
  for (const DiagRecord& r : records_) {
    if (!is_warning(r.sqlstate)) return false;
  }
  return !records_.empty();
}

const char* Diagnostics::class_origin(std::string_view sqlstate) {
  // Classes defined by ISO/X-Open; IM is ODBC's own.
  if (sqlstate.substr(0, 2) == "IM") return "ODBC 3.0";
  return "ISO 9075";
}

const char* Diagnostics::subclass_origin(std::string_view sqlstate) {
  static constexpr std::string_view kOdbcSubclasses[] = {
      "HY095", "HY096", "HY097", "HY098", "HY099", "HY100", "HY101", "HY103", "HY104", "HY105",
      "HY106", "HY107", "HY109", "HY110", "HY111", "HYC00", "HYT00", "HYT01", "07009", "HY024"};
  if (sqlstate.size() != 5) return "ISO 9075";
  if (sqlstate.substr(0, 2) == "IM" || sqlstate[2] == 'S') return "ODBC 3.0";
  for (std::string_view s : kOdbcSubclasses) {
    if (s == sqlstate) return "ODBC 3.0";
  }
  return "ISO 9075";
}

}  // namespace fabodbc
