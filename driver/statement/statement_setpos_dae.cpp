// Data at execution for SQLSetPos. A bound column whose length/indicator is SQL_DATA_AT_EXEC
// (or SQL_LEN_DATA_AT_EXEC(n)) gets its value for SQL_UPDATE / SQL_ADD the way a parameter
// does: SQLSetPos answers SQL_NEED_DATA, each SQLParamData hands out the column's bound buffer
// as the token and SQLPutData sends the value in pieces; the last SQLParamData makes the change.
// Both incumbent drivers take values this way (applications that write long values into a
// cursor do), for one row at a time: with RowNumber 0 over a rowset of several rows it is HYC00.
#include "driver/error.h"
#include "driver/statement/statement.h"

namespace fabodbc {

namespace {

bool at_exec(const SQLLEN* indicator) {
  return indicator && (*indicator == SQL_DATA_AT_EXEC || *indicator <= SQL_LEN_DATA_AT_EXEC_OFFSET);
}

}  // namespace

std::optional<SQLRETURN> Statement::start_setpos_dae(SQLULEN row, SQLUSMALLINT operation, SQLULEN row_in_set,
                                                     bool several) {
  if (setpos_dae_ && setpos_dae_->complete) return std::nullopt;  // the values are in: change the row
  setpos_dae_.reset();
  refresh_bound_columns();
  const std::vector<ColumnInfo>& cols = result_->columns();
  SetPosDae dae;
  for (const BoundColumn& b : bound_columns_) {
    if (b.number > cols.size()) continue;  // bound_row_values reports it
    if (at_exec(bound_target(b, cols[b.number - 1u], row_in_set).indicator)) dae.columns.push_back(b.number);
  }
  if (dae.columns.empty()) return std::nullopt;
  if (several) {
    throw OdbcError("HYC00", "data-at-execution columns (SQL_DATA_AT_EXEC) are taken for one row at a time: name "
                             "the row in SQLSetPos");
  }
  dae.row = row;
  dae.operation = operation;
  setpos_dae_ = std::move(dae);
  need_data_ = true;
  dae_index_ = -1;
  dae_buffer_.clear();
  dae_null_ = false;
  return SQL_NEED_DATA;
}

SQLRETURN Statement::setpos_param_data(SQLPOINTER* token) {
  SetPosDae& dae = *setpos_dae_;
  if (dae_index_ >= 0) {
    dae.values.push_back(dae_null_ ? std::nullopt : std::optional<std::string>(dae_buffer_));
  }
  ++dae_index_;
  dae_buffer_.clear();
  dae_null_ = false;
  if (static_cast<size_t>(dae_index_) < dae.columns.size()) {
    const DescRecord* rec = ard_->find(dae.columns[static_cast<size_t>(dae_index_)]);
    if (token) *token = rec ? rec->data_ptr : nullptr;
    return SQL_NEED_DATA;
  }
  need_data_ = false;
  dae_index_ = -1;
  dae.complete = true;
  struct Done {
    std::optional<SetPosDae>& dae;
    ~Done() { dae.reset(); }
  } done{setpos_dae_};
  return set_pos(dae.row, dae.operation, SQL_LOCK_NO_CHANGE);
}

const std::optional<std::string>* Statement::setpos_dae_value(SQLUSMALLINT number) const {
  if (!setpos_dae_ || !setpos_dae_->complete) return nullptr;
  const SetPosDae& dae = *setpos_dae_;
  for (size_t i = 0; i < dae.columns.size() && i < dae.values.size(); ++i) {
    if (dae.columns[i] == number) return &dae.values[i];
  }
  return nullptr;
}

SQLSMALLINT Statement::dae_c_type() const {
  if (setpos_dae_) {
    const DescRecord* rec = ard_->find(setpos_dae_->columns[static_cast<size_t>(dae_index_)]);
    return rec ? rec->concise_type : SQL_C_DEFAULT;
  }
  return apd_->find(dae_params_[static_cast<size_t>(dae_index_)])->concise_type;
}

}  // namespace fabodbc
