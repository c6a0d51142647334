// SQLSetStmtAttr / SQLGetStmtAttr: cursor type, scrollability and concurrency, row and
// parameter arrays with their pointers, the query timeout, bookmarks, and the application
// descriptors (implicit or explicitly allocated).
#include "driver/statement/statement.h"

#include "driver/connection/connection.h"
#include "driver/error.h"
#include "driver/results/memory_result.h"

#include <cstdint>

namespace fabodbc {

namespace {
SQLULEN as_number(SQLPOINTER value) { return static_cast<SQLULEN>(reinterpret_cast<uintptr_t>(value)); }
}  // namespace

SQLRETURN Statement::set_attr(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER) {
  const SQLULEN number = as_number(value);
  auto changed = [this](const char* what) {
    diagnostics().add("01S02", what);
    return SQL_SUCCESS_WITH_INFO;
  };
  switch (attribute) {
    case SQL_ATTR_CURSOR_TYPE:
      if (result_) throw OdbcError("24000", "the cursor type cannot change while a cursor is open");
      if (number != SQL_CURSOR_FORWARD_ONLY && connection_.settings().forward_only &&
          (number == SQL_CURSOR_STATIC || number == SQL_CURSOR_KEYSET_DRIVEN || number == SQL_CURSOR_DYNAMIC)) {
        cursor_type_ = SQL_CURSOR_FORWARD_ONLY;  // FORWARD_CURSOR: as both incumbents answer
        return changed("FORWARD_CURSOR is set: SQL_ATTR_CURSOR_TYPE stays SQL_CURSOR_FORWARD_ONLY");
      }
      if (number == SQL_CURSOR_FORWARD_ONLY || number == SQL_CURSOR_STATIC) {
        cursor_type_ = number;
        return SQL_SUCCESS;
      }
      if (number == SQL_CURSOR_KEYSET_DRIVEN || number == SQL_CURSOR_DYNAMIC) {
        cursor_type_ = SQL_CURSOR_STATIC;
        return changed("keyset-driven and dynamic cursors are not supported: SQL_ATTR_CURSOR_TYPE is SQL_CURSOR_STATIC");
      }
      throw OdbcError("HY024", "invalid SQL_ATTR_CURSOR_TYPE value");
    case SQL_ATTR_CONCURRENCY:
      // SQL_CONCUR_VALUES is what positioned changes do (statement_positioned.cpp): the row is
      // found by the values fetched. There are no row versions to compare and no locks held
      // between fetch and change, so ROWVER and LOCK would be promises not kept.
      if (result_) throw OdbcError("24000", "the concurrency cannot change while a cursor is open");
      if (number == SQL_CONCUR_READ_ONLY || number == SQL_CONCUR_VALUES) {
        concurrency_ = number;
        return SQL_SUCCESS;
      }
      if (number == SQL_CONCUR_LOCK || number == SQL_CONCUR_ROWVER) {
        concurrency_ = SQL_CONCUR_VALUES;
        return changed("SQL_ATTR_CONCURRENCY is SQL_CONCUR_VALUES: rows are checked by their values, not locked or "
                       "versioned");
      }
      throw OdbcError("HY024", "invalid SQL_ATTR_CONCURRENCY value");
    case SQL_ATTR_CURSOR_SCROLLABLE:
      if (result_) throw OdbcError("24000", "the cursor type cannot change while a cursor is open");
      if (number == SQL_NONSCROLLABLE) {
        cursor_type_ = SQL_CURSOR_FORWARD_ONLY;
        return SQL_SUCCESS;
      }
      if (number == SQL_SCROLLABLE && connection_.settings().forward_only) {
        cursor_type_ = SQL_CURSOR_FORWARD_ONLY;
        return changed("FORWARD_CURSOR is set: cursors stay forward-only");
      }
      if (number == SQL_SCROLLABLE) {
        cursor_type_ = SQL_CURSOR_STATIC;
        return SQL_SUCCESS;
      }
      throw OdbcError("HY024", "invalid SQL_ATTR_CURSOR_SCROLLABLE value");
    case SQL_ATTR_CURSOR_SENSITIVITY:
      // An insensitive cursor is read-only by definition (SQL_ATTR_CURSOR_SENSITIVITY).
      if (number == SQL_INSENSITIVE) {
        if (result_) throw OdbcError("24000", "the sensitivity cannot change while a cursor is open");
        concurrency_ = SQL_CONCUR_READ_ONLY;
        return SQL_SUCCESS;
      }
      if (number == SQL_UNSPECIFIED) return SQL_SUCCESS;
      throw OdbcError("HYC00", "sensitive cursors are not supported");
    case SQL_ATTR_ROW_ARRAY_SIZE:
    case SQL_ROWSET_SIZE:
      if (number == 0) throw OdbcError("HY024", "the row array size must be at least 1");
      ard_->array_size = number;
      return SQL_SUCCESS;
    case SQL_ATTR_PARAMSET_SIZE:
      if (number == 0) throw OdbcError("HY024", "the parameter set size must be at least 1");
      apd_->array_size = number;
      return SQL_SUCCESS;
    case SQL_ATTR_QUERY_TIMEOUT:
      query_timeout_ = number;
      return SQL_SUCCESS;
    case SQL_ATTR_MAX_ROWS:
      max_rows_ = number;
      return SQL_SUCCESS;
    case SQL_ATTR_MAX_LENGTH:
      if (number == 0) return SQL_SUCCESS;
      return changed("SQL_ATTR_MAX_LENGTH is not supported: values are returned whole");
    case SQL_ATTR_NOSCAN:
      noscan_ = number;  // SQL_NOSCAN_ON: escape sequences go to the server untranslated
      return SQL_SUCCESS;
    case SQL_ATTR_RETRIEVE_DATA:
      if (number == SQL_RD_ON) return SQL_SUCCESS;
      return changed("SQL_ATTR_RETRIEVE_DATA stays SQL_RD_ON");
    case SQL_ATTR_USE_BOOKMARKS:  // statement_bookmarks.cpp
      if (number != SQL_UB_OFF && number != SQL_UB_VARIABLE && number != SQL_UB_ON) {
        throw OdbcError("HY024", "invalid SQL_ATTR_USE_BOOKMARKS value");
      }
      use_bookmarks_ = number;
      return SQL_SUCCESS;
    case SQL_ATTR_FETCH_BOOKMARK_PTR:
      fetch_bookmark_ptr_ = value;
      return SQL_SUCCESS;
    case SQL_ATTR_ASYNC_ENABLE:
      if (number == SQL_ASYNC_ENABLE_OFF) return SQL_SUCCESS;
      // As both incumbents answer: the option value changed (it stays off).
      return changed("asynchronous execution is not supported: SQL_ATTR_ASYNC_ENABLE stays SQL_ASYNC_ENABLE_OFF");
    case SQL_ATTR_ENABLE_AUTO_IPD:
      if (number == SQL_FALSE) return SQL_SUCCESS;
      throw OdbcError("HYC00", "automatic IPD population is not supported");
    case SQL_ATTR_METADATA_ID:
      metadata_id_ = number;
      return SQL_SUCCESS;
    case SQL_ATTR_KEYSET_SIZE:
      if (number == 0) return SQL_SUCCESS;
      return changed("keyset-driven cursors are not supported: SQL_ATTR_KEYSET_SIZE stays 0");
    case SQL_ATTR_SIMULATE_CURSOR:
      // A positioned change touches one row or none: by a unique key, or after counting the
      // rows with the values fetched (statement_positioned.cpp).
      if (number == SQL_SC_UNIQUE) return SQL_SUCCESS;
      if (number == SQL_SC_NON_UNIQUE || number == SQL_SC_TRY_UNIQUE) {
        return changed("SQL_ATTR_SIMULATE_CURSOR is SQL_SC_UNIQUE: a positioned change never affects more than one row");
      }
      throw OdbcError("HY024", "invalid SQL_ATTR_SIMULATE_CURSOR value");
    case SQL_ATTR_ROW_BIND_TYPE:
      ard_->bind_type = number;
      return SQL_SUCCESS;
    case SQL_ATTR_ROW_BIND_OFFSET_PTR:
      ard_->bind_offset_ptr = static_cast<SQLLEN*>(value);
      return SQL_SUCCESS;
    case SQL_ATTR_ROW_STATUS_PTR:
      implicit_ird_.array_status_ptr = static_cast<SQLUSMALLINT*>(value);
      return SQL_SUCCESS;
    case SQL_ATTR_ROWS_FETCHED_PTR:
      implicit_ird_.rows_processed_ptr = static_cast<SQLULEN*>(value);
      return SQL_SUCCESS;
    case SQL_ATTR_ROW_OPERATION_PTR:
      ard_->array_status_ptr = static_cast<SQLUSMALLINT*>(value);
      return SQL_SUCCESS;
    case SQL_ATTR_PARAM_BIND_TYPE:
      apd_->bind_type = number;
      return SQL_SUCCESS;
    case SQL_ATTR_PARAM_BIND_OFFSET_PTR:
      apd_->bind_offset_ptr = static_cast<SQLLEN*>(value);
      return SQL_SUCCESS;
    case SQL_ATTR_PARAMS_PROCESSED_PTR:
      implicit_ipd_.rows_processed_ptr = static_cast<SQLULEN*>(value);
      return SQL_SUCCESS;
    case SQL_ATTR_PARAM_STATUS_PTR:
      implicit_ipd_.array_status_ptr = static_cast<SQLUSMALLINT*>(value);
      return SQL_SUCCESS;
    case SQL_ATTR_PARAM_OPERATION_PTR:
      apd_->array_status_ptr = static_cast<SQLUSMALLINT*>(value);
      return SQL_SUCCESS;
    case SQL_ATTR_APP_ROW_DESC:
    case SQL_ATTR_APP_PARAM_DESC: {
      Descriptor*& slot = attribute == SQL_ATTR_APP_ROW_DESC ? ard_ : apd_;
      Descriptor& implicit = attribute == SQL_ATTR_APP_ROW_DESC ? implicit_ard_ : implicit_apd_;
      if (value == nullptr || value == &implicit) {
        slot = &implicit;
        return SQL_SUCCESS;
      }
      auto* d = static_cast<Descriptor*>(value);
      if (!connection_.owns_descriptor(d) || !d->is_live(SQL_HANDLE_DESC)) {
        throw OdbcError("HY024", "not an explicitly allocated descriptor of this connection");
      }
      slot = d;
      return SQL_SUCCESS;
    }
    case SQL_ATTR_IMP_ROW_DESC:
    case SQL_ATTR_IMP_PARAM_DESC:
    case SQL_ATTR_ROW_NUMBER:
      throw OdbcError("HY092", "the attribute is read-only");
    default:
      throw OdbcError("HY092", "unknown statement attribute " + std::to_string(attribute));
  }
}

SQLULEN Statement::get_attr(SQLINTEGER attribute) {
  auto ptr = [](const void* p) { return static_cast<SQLULEN>(reinterpret_cast<uintptr_t>(p)); };
  switch (attribute) {
    case SQL_ATTR_CURSOR_TYPE: return cursor_type_;
    case SQL_ATTR_CONCURRENCY: return concurrency_;
    case SQL_ATTR_CURSOR_SCROLLABLE: return cursor_type_ == SQL_CURSOR_STATIC ? SQL_SCROLLABLE : SQL_NONSCROLLABLE;
    // An updatable cursor sees its own changes, not those of others: neither insensitive nor sensitive.
    case SQL_ATTR_CURSOR_SENSITIVITY: return concurrency_ == SQL_CONCUR_READ_ONLY ? SQL_INSENSITIVE : SQL_UNSPECIFIED;
    case SQL_ATTR_ROW_ARRAY_SIZE: case SQL_ROWSET_SIZE: return ard_->array_size;
    case SQL_ATTR_PARAMSET_SIZE: return apd_->array_size;
    case SQL_ATTR_QUERY_TIMEOUT: return query_timeout_;
    case SQL_ATTR_MAX_ROWS: return max_rows_;
    case SQL_ATTR_MAX_LENGTH: return max_length_;
    case SQL_ATTR_NOSCAN: return noscan_;
    case SQL_ATTR_RETRIEVE_DATA: return retrieve_data_;
    case SQL_ATTR_USE_BOOKMARKS: return use_bookmarks_;
    case SQL_ATTR_FETCH_BOOKMARK_PTR: return ptr(fetch_bookmark_ptr_);
    case SQL_ATTR_ASYNC_ENABLE: return SQL_ASYNC_ENABLE_OFF;
    case SQL_ATTR_ENABLE_AUTO_IPD: return SQL_FALSE;
    case SQL_ATTR_METADATA_ID: return metadata_id_;
    case SQL_ATTR_KEYSET_SIZE: return 0;
    case SQL_ATTR_SIMULATE_CURSOR: return SQL_SC_UNIQUE;
    case SQL_ATTR_ROW_NUMBER: {
      // The current row in the whole result: the rowset's first row, or the one SQLSetPos named.
      if (!has_row_) return 0;
      if (cursor_type_ == SQL_CURSOR_STATIC) {
        if (auto* rows = dynamic_cast<MemoryResult*>(result_.get()))
          return static_cast<SQLULEN>(setpos_moved_ ? static_cast<int64_t>(rows->position()) + 1 : rowset_first_ + 1);
      }
      if (MemoryResult* copy = block_copy())  // forward-only rowset: rows_fetched_ counts to its end
        return rows_fetched_ - copy->row_count() + copy->position() + 1;
      return rows_fetched_;
    }
    case SQL_ATTR_ROW_BIND_TYPE: return ard_->bind_type;
    case SQL_ATTR_ROW_BIND_OFFSET_PTR: return ptr(ard_->bind_offset_ptr);
    case SQL_ATTR_ROW_STATUS_PTR: return ptr(implicit_ird_.array_status_ptr);
    case SQL_ATTR_ROWS_FETCHED_PTR: return ptr(implicit_ird_.rows_processed_ptr);
    case SQL_ATTR_ROW_OPERATION_PTR: return ptr(ard_->array_status_ptr);
    case SQL_ATTR_PARAM_BIND_TYPE: return apd_->bind_type;
    case SQL_ATTR_PARAM_BIND_OFFSET_PTR: return ptr(apd_->bind_offset_ptr);
    case SQL_ATTR_PARAMS_PROCESSED_PTR: return ptr(implicit_ipd_.rows_processed_ptr);
    case SQL_ATTR_PARAM_STATUS_PTR: return ptr(implicit_ipd_.array_status_ptr);
    case SQL_ATTR_PARAM_OPERATION_PTR: return ptr(apd_->array_status_ptr);
    case SQL_ATTR_APP_ROW_DESC: return ptr(static_cast<SQLHANDLE>(ard_));
    case SQL_ATTR_APP_PARAM_DESC: return ptr(static_cast<SQLHANDLE>(apd_));
    case SQL_ATTR_IMP_ROW_DESC: return ptr(static_cast<SQLHANDLE>(&implicit_ird_));
    case SQL_ATTR_IMP_PARAM_DESC: return ptr(static_cast<SQLHANDLE>(&implicit_ipd_));
    default:
      throw OdbcError("HY092", "unknown statement attribute " + std::to_string(attribute));
  }
}

}  // namespace fabodbc
