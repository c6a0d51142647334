// A descriptor: the implicit ARD/APD/IRD/IPD of a statement, or one the application allocated.
// SQLBindCol writes into the ARD and SQLBindParameter into the APD/IPD, so the descriptor
// objects are the real store of bindings (SQLGetDescField/SQLSetDescField in descriptor_fields.cpp).
#pragma once

#include "driver/handle.h"

#include <sql.h>
#include <sqlext.h>

#include <string>
#include <vector>

namespace fabodbc {

class Connection;
class Statement;

struct DescRecord {
  // Application descriptors (ARD/APD).
  SQLSMALLINT concise_type = SQL_C_DEFAULT;  // C type
  SQLPOINTER data_ptr = nullptr;
  SQLLEN octet_length = 0;                   // buffer length
  SQLLEN* indicator_ptr = nullptr;
  SQLLEN* octet_length_ptr = nullptr;
  SQLSMALLINT precision = 0;
  SQLSMALLINT scale = 0;
  // Application descriptors: SQL_DESC_PRECISION or SQL_DESC_SCALE was set by the application
  // (SQLSetDescField, SQLSetDescRec) since the type was last set. A SQL_C_NUMERIC parameter
  // without it takes its scale from SQLBindParameter's DecimalDigits (convert.h, ParamSource).
  bool precision_scale_set = false;
  // Implementation parameter descriptor (IPD).
  SQLSMALLINT sql_type = SQL_UNKNOWN_TYPE;
  SQLULEN length = 0;                        // column size
  SQLSMALLINT parameter_type = SQL_PARAM_INPUT;
  // Fields only SQLSetDescField/SQLSetDescRec/SQLCopyDesc touch (descriptor_fields.cpp).
  SQLSMALLINT pending_type = 0;              // SQL_DATETIME/SQL_INTERVAL set before its code
  SQLINTEGER interval_precision = 0;         // SQL_DESC_DATETIME_INTERVAL_PRECISION
  SQLINTEGER num_prec_radix = 0;
  std::string name;                          // IPD: SQL_DESC_NAME (named parameters)
  // The record holds data: it counts towards SQL_DESC_COUNT. Fetch and execute use it only
  // when it also has a data or indicator pointer.
  bool bound = false;
};

class Descriptor : public Handle {
 public:
  enum class Role { AppRow, AppParam, ImplRow, ImplParam, Explicit };

  Descriptor(Connection& connection, Role role) : Handle(SQL_HANDLE_DESC), connection_(connection), role_(role) {}

  Connection& connection() noexcept { return connection_; }
  Role role() const noexcept { return role_; }
  bool is_implicit() const noexcept { return role_ != Role::Explicit; }
  // The statement an implicit descriptor belongs to (the IRD answers from its result).
  Statement* owner() const noexcept { return owner_; }
  void set_owner(Statement* owner) noexcept { owner_ = owner; }

  // 1-based record numbers; the record is created on first use.
  DescRecord& record(SQLUSMALLINT number) {
    if (number >= records_.size()) records_.resize(number + 1u);
    return records_[number];
  }
  const DescRecord* find(SQLUSMALLINT number) const {
    return number < records_.size() ? &records_[number] : nullptr;
  }
  // SQL_DESC_COUNT: the highest bound record.
  SQLSMALLINT count() const noexcept;
  void unbind_all() noexcept { records_.clear(); ++generation_; }
  void unbind(SQLUSMALLINT number) noexcept;
  // Bumped whenever bindings change, so statements can cache their list of bound columns.
  unsigned generation() const noexcept { return generation_; }
  void touch() noexcept { ++generation_; }
  // SQL_DESC_COUNT set by the application: records above `count` go, record `count` exists.
  void set_count(SQLSMALLINT count);
  // SQLCopyDesc: the records as a whole.
  const std::vector<DescRecord>& records() const noexcept { return records_; }
  void assign_records(std::vector<DescRecord> records) { records_ = std::move(records); ++generation_; }

  // Header fields.
  SQLULEN array_size = 1;
  SQLULEN bind_type = SQL_BIND_BY_COLUMN;
  SQLLEN* bind_offset_ptr = nullptr;
  SQLULEN* rows_processed_ptr = nullptr;     // IRD: SQL_ATTR_ROWS_FETCHED_PTR; IPD: PARAMS_PROCESSED
  SQLUSMALLINT* array_status_ptr = nullptr;  // IRD: SQL_ATTR_ROW_STATUS_PTR; ARD: ROW_OPERATION

 private:
  Connection& connection_;
  Role role_;
  Statement* owner_ = nullptr;
  std::vector<DescRecord> records_;  // [0] is the bookmark record
  unsigned generation_ = 0;
};

}  // namespace fabodbc
