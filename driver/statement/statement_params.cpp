// The parameter values of an execution: bound parameters (APD and IPD records) converted for
// the server, one set of an array at a time; data-at-execution parameters (SQLParamData,
// SQLPutData); SQLNumParams; and parameter arrays run set by set where the bulk protocol
// (statement_bulk.cpp) does not apply.
#include "driver/statement/statement.h"

#include "driver/c_types.h"
#include "driver/connection/connection.h"
#include "driver/error.h"
#include "driver/mysql/session.h"

#include <cstring>

namespace fabodbc {

std::vector<ParamValue> Statement::collect_params(size_t count, SQLULEN row) {
  std::vector<ParamValue> values;
  values.reserve(count);
  append_params(values, count, row);
  return values;
}

void Statement::append_params(std::vector<ParamValue>& values, size_t count, SQLULEN row) {
  dae_params_.clear();
  const SQLLEN base = apd_->bind_offset_ptr ? *apd_->bind_offset_ptr : 0;
  const bool row_wise = apd_->bind_type != SQL_PARAM_BIND_BY_COLUMN;
  for (size_t i = 1; i <= count; ++i) {
    const DescRecord* app = apd_->find(static_cast<SQLUSMALLINT>(i));
    const DescRecord* impl = implicit_ipd_.find(static_cast<SQLUSMALLINT>(i));
    if (!app || !app->bound) {
      throw OdbcError("07002", "parameter " + std::to_string(i) + " has no bound value (SQLBindParameter)");
    }
    if (impl && impl->parameter_type == SQL_PARAM_OUTPUT) {
      values.emplace_back();  // nothing to send; the buffer may not hold a value yet
      continue;
    }
    ParamSource source;
    source.c_type = app->concise_type;
    source.sql_type = impl ? impl->sql_type : SQL_VARCHAR;
    source.column_size = impl ? impl->length : 0;
    source.decimal_digits = impl ? impl->scale : 0;
    source.numeric_scale_set = app->precision_scale_set;
    source.numeric_scale = app->scale;
    // Set `row` of an array: sets are bind_type bytes apart (row-wise) or one element apart.
    const SQLLEN fixed = fixed_c_type_size(app->concise_type);
    if (row > 0 && !row_wise && !fixed && app->octet_length < 0) {
      // SQLSetParam gives no buffer length: the array's elements cannot be found.
      throw OdbcError("HY090", "parameter " + std::to_string(i) +
                                   " was bound with SQLSetParam (no buffer length) and cannot take an array");
    }
    const auto r = static_cast<SQLLEN>(row);
    const SQLLEN offset = base + (row_wise ? r * static_cast<SQLLEN>(apd_->bind_type) : r * (fixed ? fixed : app->octet_length));
    const SQLLEN length_offset =
        base + (row_wise ? r * static_cast<SQLLEN>(apd_->bind_type) : r * static_cast<SQLLEN>(sizeof(SQLLEN)));
    source.data = app->data_ptr ? static_cast<const char*>(app->data_ptr) + offset : nullptr;
    source.buffer_length = app->octet_length;
    source.indicator = app->indicator_ptr
                           ? reinterpret_cast<const SQLLEN*>(reinterpret_cast<const char*>(app->indicator_ptr) + length_offset)
                           : nullptr;
    if (source.indicator &&
        (*source.indicator == SQL_DATA_AT_EXEC || *source.indicator <= SQL_LEN_DATA_AT_EXEC_OFFSET)) {
      dae_params_.push_back(static_cast<SQLUSMALLINT>(i));  // value comes with SQLPutData
      values.emplace_back();
      continue;
    }
    values.push_back(convert_from_c(source));
  }
}

SQLRETURN Statement::run_param_array(size_t count) {
  // Parameter arrays run as many statements (or one bulk command): a replay does not follow.
  struct Unreplayable {
    const char*& flag;
    ~Unreplayable() { flag = nullptr; }
  } unreplayable{unreplayable_run_ = "parameter arrays are not replayed"};
  if (std::optional<SQLRETURN> bulk = run_param_array_bulk(count)) {
    connection_.poison_replay(unreplayable_run_);
    return *bulk;
  }
  const SQLULEN sets = apd_->array_size;
  SQLULEN* processed = implicit_ipd_.rows_processed_ptr;
  SQLUSMALLINT* status = implicit_ipd_.array_status_ptr;
  const SQLUSMALLINT* operations = apd_->array_status_ptr;  // SQL_ATTR_PARAM_OPERATION_PTR
  if (processed) *processed = 0;
  SQLLEN total = 0;
  SQLULEN succeeded = 0, failed = 0, done = 0;
  // SQL_ATTR_PARAMS_PROCESSED_PTR counts the sets gone through, failed and ignored ones
  // included, as both incumbent drivers count them.
  for (SQLULEN set = 0; set < sets; ++set) {
    if (operations && operations[set] == SQL_PARAM_IGNORE) {
      if (status) status[set] = SQL_PARAM_UNUSED;
      ++done;
      if (processed) *processed = done;
      continue;
    }
    // Only the last set's result set is kept (SQL_PARAM_ARRAY_SELECTS is SQL_PAS_NO_SELECT).
    result_.reset();
    discard_pending_results();
    const size_t warnings_before = diagnostics().count();
    try {
      param_values_ = collect_params(count, set);
      if (!dae_params_.empty()) {
        throw OdbcError("HYC00", "data-at-execution parameters cannot be combined with parameter arrays");
      }
      run_with_params();
      if (row_count_ > 0) total += row_count_;
      if (status) status[set] = diagnostics().count() > warnings_before ? SQL_PARAM_SUCCESS_WITH_INFO : SQL_PARAM_SUCCESS;
      ++succeeded;
    } catch (const OdbcError& e) {
      diagnostics().add(e.sqlstate(), std::string(e.what()) + " (parameter set " + std::to_string(set + 1) + ")",
                        e.native());
      if (status) status[set] = SQL_PARAM_ERROR;
      ++failed;
      if (!connection_.connected() || connection_.session().lost()) {
        // Nothing more can run: the remaining sets stay unused.
        for (SQLULEN rest = set + 1; rest < sets; ++rest) {
          if (status) status[rest] = SQL_PARAM_UNUSED;
        }
        ++done;
        if (processed) *processed = done;
        break;
      }
    }
    ++done;
    if (processed) *processed = done;
  }
  executed_ = true;
  if (!result_) row_count_ = total;
  if (succeeded == 0 && failed > 0) return SQL_ERROR;
  return failed > 0 ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}

SQLRETURN Statement::param_data(SQLPOINTER* token) {
  if (!need_data_) throw OdbcError("HY010", "no data-at-execution parameter is waiting (SQLParamData)");
  if (setpos_dae_) return setpos_param_data(token);  // columns of SQLSetPos (statement_setpos_dae.cpp)
  if (dae_index_ >= 0) {
    // The parameter just filled with SQLPutData: convert what was sent.
    SQLUSMALLINT number = dae_params_[static_cast<size_t>(dae_index_)];
    const DescRecord* app = apd_->find(number);
    const DescRecord* impl = implicit_ipd_.find(number);
    ParamSource source;
    source.c_type = app->concise_type;
    source.sql_type = impl ? impl->sql_type : SQL_VARCHAR;
    source.column_size = impl ? impl->length : 0;
    source.decimal_digits = impl ? impl->scale : 0;
    source.numeric_scale_set = app->precision_scale_set;
    source.numeric_scale = app->scale;
    SQLLEN length = dae_null_ ? SQL_NULL_DATA : static_cast<SQLLEN>(dae_buffer_.size());
    source.data = dae_buffer_.data();
    source.buffer_length = static_cast<SQLLEN>(dae_buffer_.size());
    source.indicator = &length;
    try {
      param_values_[number - 1u] = convert_from_c(source);
    } catch (...) {
      need_data_ = false;
      throw;
    }
  }
  ++dae_index_;
  dae_buffer_.clear();
  dae_null_ = false;
  if (static_cast<size_t>(dae_index_) < dae_params_.size()) {
    const DescRecord* app = apd_->find(dae_params_[static_cast<size_t>(dae_index_)]);
    if (token) *token = app->data_ptr;
    return SQL_NEED_DATA;
  }
  need_data_ = false;
  dae_index_ = -1;
  return run_with_params();
}

void Statement::put_data(SQLPOINTER data, SQLLEN length) {
  if (!need_data_ || dae_index_ < 0) throw OdbcError("HY010", "SQLPutData without a parameter from SQLParamData");
  if (length == SQL_NULL_DATA) {
    dae_null_ = true;
    return;
  }
  if (length == SQL_NTS) {
    length = data ? static_cast<SQLLEN>(std::strlen(static_cast<const char*>(data))) : 0;
  } else if (length < 0 && length != SQL_DEFAULT_PARAM) {
    throw OdbcError("HY090", "invalid StrLen_or_Ind for SQLPutData");
  }
  const SQLSMALLINT c = dae_c_type();
  const bool variable = c == SQL_C_CHAR || c == SQL_C_WCHAR || c == SQL_C_BINARY || c == SQL_C_DEFAULT;
  if (!variable) {
    // Fixed-size C types are sent whole, once.
    if (!dae_buffer_.empty()) throw OdbcError("HY019", "a fixed-size value was already sent for this parameter");
  }
  if (length > 0 && !data) throw OdbcError("HY009", "DataPtr is a null pointer");
  if (length > 0) dae_buffer_.append(static_cast<const char*>(data), static_cast<size_t>(length));
}

SQLSMALLINT Statement::num_params() {
  if (!is_prepared_) throw OdbcError("HY010", "SQLNumParams needs a prepared statement");
  // {?= call f(...)}: the return value's marker is not in the text sent to the server.
  const size_t extra = returns_value_ ? 1 : 0;
  if (prepared_on_client_) return static_cast<SQLSMALLINT>(markers_.size() + extra);
  return static_cast<SQLSMALLINT>(prepared_->param_count() + extra);
}

}  // namespace fabodbc
