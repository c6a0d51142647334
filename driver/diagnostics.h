// Diagnostic records of one handle (SQLGetDiagRec / SQLGetDiagField): several records, errors
// before warnings, plus the header fields. Records are only built when something went wrong,
// so the success path never formats strings.
#pragma once

#include "driver/error.h"

#include <sql.h>
#include <sqlext.h>

#include <string>
#include <string_view>
#include <vector>

namespace fabodbc {

struct DiagRecord {
  char sqlstate[6] = "HY000";
  int native = 0;
  std::string message;  // "[fabodbc] ..." (prefix included)
  SQLLEN row_number = SQL_NO_ROW_NUMBER;
  SQLINTEGER column_number = SQL_NO_COLUMN_NUMBER;
};

class Diagnostics {
 public:
  static constexpr std::string_view kPrefix = "[fabodbc] ";

  void clear() noexcept {
    if (!records_.empty()) records_.clear();
    return_code_ = SQL_SUCCESS;
    row_count_ = 0;
  }

  // Adds a record; `message` is without the prefix. Errors go before warnings (class 01).
  // `row_number`: SQL_DIAG_ROW_NUMBER, the rowset row a record is about (1-based).
  void add(std::string_view sqlstate, std::string_view message, int native = 0,
           SQLLEN row_number = SQL_NO_ROW_NUMBER);
  void add(const OdbcError& error) { add(error.sqlstate(), error.what(), error.native()); }

  // A string that must never appear in a message (the connection's password). Messages that
  // contain it get it replaced with "***".
  void set_secret(std::string secret) { secret_ = std::move(secret); }

  size_t count() const noexcept { return records_.size(); }
  const DiagRecord& record(size_t one_based) const { return records_.at(one_based - 1); }
  bool has_warnings_only() const noexcept;

  // Header fields.
  SQLRETURN return_code() const noexcept { return return_code_; }
  void set_return_code(SQLRETURN rc) noexcept { return_code_ = rc; }
  SQLLEN row_count() const noexcept { return row_count_; }
  void set_row_count(SQLLEN n) noexcept { row_count_ = n; }

  // SQL_DIAG_CLASS_ORIGIN / SQL_DIAG_SUBCLASS_ORIGIN for a SQLSTATE.
  static const char* class_origin(std::string_view sqlstate);
  static const char* subclass_origin(std::string_view sqlstate);

 private:
  std::vector<DiagRecord> records_;
  SQLRETURN return_code_ = SQL_SUCCESS;
  SQLLEN row_count_ = 0;
  std::string secret_;
};

}  // namespace fabodbc
