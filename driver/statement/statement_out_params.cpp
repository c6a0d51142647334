// OUTPUT and INPUT_OUTPUT parameters of {call p(?, ?)} and the return value of
// {?= call f(?)}.
//
// Why session variables and not the binary protocol's SERVER_PS_OUT_PARAMS result: that row has
// a column for each OUT/INOUT parameter of the procedure, and which marker each column belongs
// to depends on the procedure's parameter modes, which the driver does not know (an OUT argument
// may be bound as SQL_PARAM_INPUT). With variables every value comes from its own argument, and
// every path works the same way:
//   SET @fabodbc_in_1 = <input value>, @fabodbc_out_2 = <INOUT value>, @fabodbc_out_3 = NULL;
//   CALL p(@fabodbc_in_1, @fabodbc_out_2, @fabodbc_out_3);
//   SELECT @fabodbc_out_2, @fabodbc_out_3;
// An argument bound as SQL_PARAM_INPUT is a variable too, never a literal in the CALL: it may
// stand where the procedure has an OUT or INOUT parameter, which takes variables only (1414).
// (A CALL without output parameters is prepared by the server: run_with_params.)
// The CALL's result sets are read and kept for SQLFetch/SQLMoreResults before the SELECT, so the
// application's buffers are filled when SQLExecute/SQLExecDirect returns (earlier than ODBC
// promises them, after the last SQLMoreResults, which is allowed). The SELECT's row is then one
// more result, after the procedure's result sets and before the CALL's status, where both
// incumbent drivers give the server's row of OUT values (show_output_values). Three round
// trips; calls with output parameters are rare enough for that. Not combined with parameter
// arrays or data-at-execution parameters (HYC00).
#include "driver/connection/connection.h"
#include "driver/error.h"
#include "driver/mysql/session.h"
#include "driver/results/memory_result.h"
#include "driver/statement/parameter_markers.h"
#include "driver/statement/statement.h"

#include <string>
#include <type_traits>
#include <vector>

namespace fabodbc {

namespace {

std::string variable(size_t number) { return "@fabodbc_out_" + std::to_string(number); }
std::string input_variable(size_t number) { return "@fabodbc_in_" + std::to_string(number); }

}  // namespace

bool Statement::has_output_params(size_t count) const {
  if (returns_value_) return true;  // parameter 1 receives the function's value
  for (size_t i = 1; i <= count; ++i) {
    const DescRecord* impl = implicit_ipd_.find(static_cast<SQLUSMALLINT>(i));
    if (impl && impl->bound && impl->parameter_type != SQL_PARAM_INPUT) return true;
  }
  return false;
}

void Statement::write_output_param(SQLUSMALLINT number, const ColumnInfo& column, const Cell& cell) {
  const DescRecord* app = apd_->find(number);
  if (!app || !app->bound) return;
  const SQLLEN offset = apd_->bind_offset_ptr ? *apd_->bind_offset_ptr : 0;
  auto shifted = [offset](auto* p) {
    using T = std::remove_pointer_t<decltype(p)>;
    return p ? reinterpret_cast<T*>(reinterpret_cast<char*>(p) + offset) : nullptr;
  };
  CTarget target;
  target.c_type = app->concise_type == SQL_C_DEFAULT ? default_c_type(column) : app->concise_type;
  target.buffer = app->data_ptr ? static_cast<char*>(app->data_ptr) + offset : nullptr;
  target.buffer_length = app->octet_length;
  if (app->octet_length == SQL_SETPARAM_VALUE_MAX) {
    // SQLSetParam: the buffer's length is unknown. MariaDB Connector/ODBC writes the whole
    // value, past the ColumnSize the application declared; here a character or binary value is
    // cut at that ColumnSize (01004), which the application's buffer holds.
    const DescRecord* impl = implicit_ipd_.find(number);
    const SQLLEN size = impl ? static_cast<SQLLEN>(impl->length) : 0;
    target.buffer_length = target.c_type == SQL_C_WCHAR  ? (size + 1) * static_cast<SQLLEN>(sizeof(SQLWCHAR))
                           : target.c_type == SQL_C_CHAR ? size + 1
                                                         : size;
  }
  target.indicator = shifted(app->indicator_ptr);
  target.octet_length = shifted(app->octet_length_ptr);
  target.precision = app->precision;
  target.scale = app->scale;
  target.binary_as_hex = connection_.settings().binary_as_hex;
  target.zero_date_error = connection_.settings().zero_date_error;
  size_t consumed = 0;
  ConvResult r = convert_to_c(column, cell, target, &consumed);
  if (r.warning == ConvWarning::StringTruncated) {
    diagnostics().add("01004", "string data, right truncated (output parameter " + std::to_string(number) + ")");
  } else if (r.warning == ConvWarning::FractionalTruncated) {
    diagnostics().add("01S07", "fractional truncation (output parameter " + std::to_string(number) + ")");
  }
}

SQLRETURN Statement::run_with_output_params(size_t count) {
  struct Unreplayable {  // session variables carry the values: a replay does not follow
    const char*& flag;
    ~Unreplayable() { flag = nullptr; }
  } unreplayable{unreplayable_run_ = "output parameters are not replayed"};
  if (apd_->array_size > 1) {
    throw OdbcError("HYC00", "output parameters cannot be combined with parameter arrays");
  }
  // With a return value, the text's marker j is the application's parameter j + 2.
  const size_t first = returns_value_ ? 1 : 0;
  param_values_ = collect_params(count + first);  // OUTPUT parameters come back as NULL
  if (!dae_params_.empty()) {
    throw OdbcError("HYC00", "data-at-execution parameters cannot be combined with output parameters");
  }
  mysql::Session& session = connection_.session();
  const bool nbe = session.no_backslash_escapes();
  const std::vector<size_t> markers = find_parameter_markers(sql_, !nbe);
  if (markers.size() != count) throw OdbcError("07002", "the parameter markers do not match the bound parameters");

  std::vector<std::string> pieces(count);
  std::string set_sql, select_sql;
  std::vector<SQLUSMALLINT> outputs;
  for (size_t j = 0; j < count; ++j) {
    const size_t number = j + 1 + first;
    const DescRecord* impl = implicit_ipd_.find(static_cast<SQLUSMALLINT>(number));
    const SQLSMALLINT io = impl && impl->bound ? impl->parameter_type : SQL_PARAM_INPUT;
    const std::string literal = to_sql_literal(param_values_[number - 1], nbe);
    if (returns_value_) {  // SELECT f(...): a function has no OUT parameters
      pieces[j] = literal;
      continue;
    }
    if (io == SQL_PARAM_INPUT) {
      pieces[j] = input_variable(number);
      set_sql += (set_sql.empty() ? "SET " : ", ") + input_variable(number) + " = " + literal;
      continue;
    }
    pieces[j] = variable(number);
    set_sql += (set_sql.empty() ? "SET " : ", ") + variable(number) + " = " +
               (io == SQL_PARAM_INPUT_OUTPUT ? literal : std::string("NULL"));
    select_sql += (select_sql.empty() ? "SELECT " : ", ") + variable(number);
    outputs.push_back(static_cast<SQLUSMALLINT>(number));
  }
  const std::string text = substitute_parameters(sql_, markers, pieces);

  if (returns_value_) {
    // SELECT f(...): one row, one value, for parameter 1. No result set for the application.
    executing_.store(true);
    try {
      session.send_query(with_timeout(text));
    } catch (...) {
      executing_.store(false);
      check_cancelled();
      throw;
    }
    executing_.store(false);
    connection_.note_activity();
    std::unique_ptr<ResultSet> rows = session.store_result();
    executed_ = true;
    row_count_ = -1;
    if (rows && rows->next()) write_output_param(1, rows->columns()[0], rows->row()[0]);
    return diagnostics().count() > 0 ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
  }

  if (!set_sql.empty()) {
    session.send_query(set_sql);
    (void)session.store_result();
  }
  SQLRETURN rc = run_text(text);
  // Read every result of the CALL now (kept for SQLFetch/SQLMoreResults): the variables hold
  // their final values only once the procedure has finished.
  release_session();
  if (!select_sql.empty()) {
    session.send_query(select_sql);
    std::unique_ptr<ResultSet> values = session.store_result();
    if (values) {
      std::unique_ptr<MemoryResult> row = MemoryResult::buffer(*values, false);
      if (row->next()) {
        for (size_t k = 0; k < outputs.size(); ++k) {
          write_output_param(outputs[k], row->columns()[k], row->row()[k]);
        }
      }
      row->seek(MemoryResult::kBeforeFirst);
      show_output_values(std::move(row));
    }
  }
  if (rc == SQL_SUCCESS && diagnostics().count() > 0) rc = SQL_SUCCESS_WITH_INFO;
  return rc;
}

void Statement::show_output_values(std::unique_ptr<MemoryResult> row) {
  // Both incumbents give the server's row of OUT values as a result set of its own, after the
  // procedure's result sets and before the CALL's status (the last result, without columns):
  //   no result set of its own:  [OUT values] (current), [status]
  //   result sets R1..Rn:        R1 (current), R2..Rn, [OUT values], [status]
  // A CALL that failed part way has no row of OUT values (the server sends none then).
  for (const BufferedResult& r : buffered_results_) {
    if (r.error) return;
  }
  pending_protocol_ = Protocol::Buffered;  // the results of the CALL are all read (release_session)
  if (!result_) {
    BufferedResult status;
    status.affected = row_count_;
    buffered_results_.push_front(std::move(status));
    set_result(std::move(row));
    return;
  }
  BufferedResult values;
  values.rows = std::move(row);
  auto before = buffered_results_.end();
  if (!buffered_results_.empty() && !buffered_results_.back().rows) --before;  // the status stays last
  buffered_results_.insert(before, std::move(values));
}

}  // namespace fabodbc
