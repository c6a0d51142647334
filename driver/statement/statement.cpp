// Statement execution, results bookkeeping and attributes. Fetching and bindings live in
// statement_fetch.cpp, catalog functions in catalog.cpp.
#include "driver/statement/statement.h"

#include "driver/c_types.h"
#include "driver/connection/connection.h"
#include "driver/error.h"
#include "driver/mysql/session.h"
#include "driver/results/memory_result.h"
#include "driver/sql/escape_translator.h"
#include "driver/statement/parameter_markers.h"
#include "driver/statement/positioned_table.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <strings.h>
#include <thread>

namespace fabodbc {

namespace {
SQLULEN as_number(SQLPOINTER value) { return static_cast<SQLULEN>(reinterpret_cast<uintptr_t>(value)); }
constexpr int kErUnsupportedPs = 1295;  // ER_UNSUPPORTED_PS: "not supported in the prepared statement protocol yet"
constexpr size_t kLiteralLimit = 256 * 1024;  // larger parameter values go through the binary protocol
}  // namespace

Statement::Statement(Connection& connection)
    : Handle(SQL_HANDLE_STMT),
      connection_(connection),
      implicit_ard_(connection, Descriptor::Role::AppRow),
      implicit_apd_(connection, Descriptor::Role::AppParam),
      implicit_ird_(connection, Descriptor::Role::ImplRow),
      implicit_ipd_(connection, Descriptor::Role::ImplParam),
      ard_(&implicit_ard_),
      apd_(&implicit_apd_) {
  // The implicit descriptors answer SQLGetDescField through their statement (the IRD).
  for (Descriptor* d : {&implicit_ard_, &implicit_apd_, &implicit_ird_, &implicit_ipd_}) d->set_owner(this);
}

Statement::~Statement() {
  close_cursor_quietly();
  drop_prepared();
}

void Statement::drop_prepared() noexcept {
  if (!prepared_) return;
  try {
    if (connection_.connected()) connection_.claim_session(this);
  } catch (...) {
    // Buffering the other statement failed (its own error surfaces there); close anyway.
  }
  prepared_.reset();
}

void Statement::start_command() {
  if (result_) throw OdbcError("24000", "a cursor is still open on this statement: close it first");
  discard_pending_results();
  connection_.claim_session(this);
  executed_ = false;
  has_row_ = false;
  row_count_ = -1;
  rows_fetched_ = 0;
  getdata_column_ = 0;
  need_data_ = false;
  dae_index_ = -1;
  cancel_requested_.store(false);
  execution_number_.fetch_add(1);
}

std::string Statement::with_timeout(const std::string& sql) const {
  if (query_timeout_ == 0) return sql;
  mysql::Session& session = connection_.session();
  if (session.is_mariadb()) {
    // MariaDB: a per-statement variable, no extra round trip.
    return "SET STATEMENT max_statement_time=" + std::to_string(query_timeout_) + " FOR " + sql;
  }
  // MySQL: the optimizer hint works for SELECT only; other statements run without a limit.
  if (first_keyword(sql) == "SELECT") {
    size_t pos = sql.find_first_not_of(" \t\r\n(");
    // Only when the text starts with the keyword itself (no leading comment to step over).
    if (pos != std::string::npos && sql.size() >= pos + 6 && strncasecmp(sql.c_str() + pos, "SELECT", 6) == 0) {
      std::string hinted = sql;
      hinted.insert(pos + 6, " /*+ MAX_EXECUTION_TIME(" + std::to_string(query_timeout_ * 1000) + ") */");
      return hinted;
    }
  }
  return sql;
}

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
    // Set `row` of an array: sets are bind_type bytes apart (row-wise) or one element apart.
    const SQLLEN fixed = fixed_c_type_size(app->concise_type);
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

void Statement::check_cancelled() {
  if (cancel_requested_.exchange(false)) {
    close_cursor_quietly();
    throw OdbcError("HY008", "operation canceled (SQLCancel)");
  }
}

void Statement::set_result(std::unique_ptr<ResultSet> result) {
  if (cursor_type_ == SQL_CURSOR_STATIC && result->streaming()) {
    // A static cursor scrolls: the rows are read into memory at once (the connection is free
    // again right away).
    result = MemoryResult::buffer(*result, false);
  }
  result_ = std::move(result);
  rowset_copy_.reset();
  rowset_copy_for_ = nullptr;
  positioned_table_.reset();  // the table's keys are looked up again for a new result
  bulk_operated_ = false;
  if (cursor_type_ == SQL_CURSOR_STATIC) {
    // Buffered: the number of rows is known, and PHP's odbc_num_rows asks for it.
    if (auto* rows = dynamic_cast<MemoryResult*>(result_.get())) row_count_ = static_cast<SQLLEN>(rows->row_count());
  }
  rowset_first_ = -1;
  has_row_ = false;
  getdata_column_ = 0;
}

std::string Statement::translate(std::string sql) {
  returns_value_ = false;
  if (noscan_ == SQL_NOSCAN_OFF) {
    EscapeOptions options;
    options.backslash_escapes = !connection_.session().no_backslash_escapes();
    // nullopt (the common case): the text has no '{' or "--(*", so nothing is copied.
    if (std::optional<TranslatedSql> t = translate_statement_escapes(sql, options)) {
      if (t->call && t->call->has_return_value) {
        // {?= call f(...)}: SELECT f(...); parameter 1 receives the value (statement_out_params.cpp).
        returns_value_ = true;
        is_call_ = false;
        return t->call->function_sql();
      }
      sql = std::move(t->sql);
    }
  }
  is_call_ = first_keyword(sql) == "CALL";
  return sql;
}

SQLRETURN Statement::exec_direct(std::string sql) {
  start_command();
  drop_prepared();
  is_prepared_ = false;
  prepared_on_client_ = false;
  mysql::Session& session = connection_.session();
  sql_ = translate(std::move(sql));
  markers_ = find_parameter_markers(sql_, !session.no_backslash_escapes());
  if (returns_value_) return gather_and_run(markers_.size());  // even without arguments: ? is bound
  if (markers_.empty()) {
    if (std::optional<SQLRETURN> rc = run_direct_binary()) return *rc;
    return run_text(sql_);
  }
  run_kind_ = RunKind::Direct;
  return gather_and_run(markers_.size());
}

SQLRETURN Statement::gather_and_run(size_t count) {
  if ((is_call_ || returns_value_) && has_output_params(count)) return run_with_output_params(count);
  if (apd_->array_size > 1 && count > 0) return run_param_array(count);
  param_values_ = collect_params(count);
  if (!dae_params_.empty()) {
    need_data_ = true;
    dae_index_ = -1;
    return SQL_NEED_DATA;
  }
  return run_with_params();
}

SQLRETURN Statement::run_param_array(size_t count) {
  if (std::optional<SQLRETURN> bulk = run_param_array_bulk(count)) return *bulk;
  const SQLULEN sets = apd_->array_size;
  SQLULEN* processed = implicit_ipd_.rows_processed_ptr;
  SQLUSMALLINT* status = implicit_ipd_.array_status_ptr;
  const SQLUSMALLINT* operations = apd_->array_status_ptr;  // SQL_ATTR_PARAM_OPERATION_PTR
  if (processed) *processed = 0;
  SQLLEN total = 0;
  SQLULEN succeeded = 0, failed = 0, done = 0;
  for (SQLULEN set = 0; set < sets; ++set) {
    if (operations && operations[set] == SQL_PARAM_IGNORE) {
      if (status) status[set] = SQL_PARAM_UNUSED;
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

SQLRETURN Statement::run_with_params() {
  mysql::Session& session = connection_.session();
  if (run_kind_ == RunKind::Prepared) return run_prepared();
  if (run_kind_ == RunKind::Direct) {
    // SQLExecDirect with parameters: small values go in as literals (one round trip instead
    // of prepare + execute + close). Large values would double in size as hex literals and
    // can exceed max_allowed_packet, so those statements are prepared once and executed
    // through the binary protocol instead.
    size_t large = 0;
    for (const ParamValue& v : param_values_) large = std::max(large, v.bytes.size());
    if (large > kLiteralLimit) {
      try {
        prepared_ = session.prepare(with_timeout(sql_));
        return run_prepared();
      } catch (const OdbcError& e) {
        if (e.native() != kErUnsupportedPs) throw;
        prepared_.reset();
      }
    }
  }
  std::vector<std::string> literals;
  literals.reserve(param_values_.size());
  for (const ParamValue& v : param_values_) literals.push_back(to_sql_literal(v, session.no_backslash_escapes()));
  return run_text(substitute_parameters(sql_, markers_, literals));
}

SQLRETURN Statement::param_data(SQLPOINTER* token) {
  if (!need_data_) throw OdbcError("HY010", "no data-at-execution parameter is waiting (SQLParamData)");
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
  const DescRecord* app = apd_->find(dae_params_[static_cast<size_t>(dae_index_)]);
  const SQLSMALLINT c = app->concise_type;
  const bool variable = c == SQL_C_CHAR || c == SQL_C_WCHAR || c == SQL_C_BINARY || c == SQL_C_DEFAULT;
  if (!variable) {
    // Fixed-size C types are sent whole, once.
    if (!dae_buffer_.empty()) throw OdbcError("HY019", "a fixed-size value was already sent for this parameter");
  }
  if (length > 0 && !data) throw OdbcError("HY009", "DataPtr is a null pointer");
  if (length > 0) dae_buffer_.append(static_cast<const char*>(data), static_cast<size_t>(length));
}

SQLRETURN Statement::run_text(const std::string& sql) {
  mysql::Session& session = connection_.session();
  executing_.store(true);
  try {
    if (query_timeout_ == 0) {
      session.send_query(sql);  // the common case: no copy of the text
    } else {
      session.send_query(with_timeout(sql));
    }
  } catch (...) {
    executing_.store(false);
    connection_.set_streaming_owner(this);
    check_cancelled();
    throw;
  }
  executing_.store(false);
  connection_.note_activity();
  connection_.set_streaming_owner(this);
  pending_protocol_ = Protocol::Text;
  executed_ = true;
  return take_text_result();
}

SQLRETURN Statement::take_text_result() {
  mysql::Session& session = connection_.session();
  std::unique_ptr<ResultSet> result = session.use_result();
  check_cancelled();
  if (result) {
    row_count_ = -1;  // set_result() knows it for static cursors
    set_result(std::move(result));
  } else {
    row_count_ = session.affected_rows();
  }
  return SQL_SUCCESS;
}

SQLRETURN Statement::prepare(std::string sql) {
  if (result_) throw OdbcError("24000", "a cursor is still open on this statement: close it first");
  discard_pending_results();
  result_.reset();
  connection_.claim_session(this);
  drop_prepared();
  is_prepared_ = false;
  prepared_on_client_ = false;
  param_descriptions_.reset();
  executed_ = false;
  mysql::Session& session = connection_.session();
  sql = translate(std::move(sql));
  try {
    prepared_ = session.prepare(with_timeout(sql));
    prepared_timeout_ = query_timeout_;
    prepared_session_ = connection_.session_generation();
  } catch (const OdbcError& e) {
    if (e.native() != kErUnsupportedPs) throw;
    // The server cannot prepare this statement: send it as text at execute time, with the
    // parameter values substituted as literals.
    prepared_on_client_ = true;
    markers_ = find_parameter_markers(sql, !session.no_backslash_escapes());
  }
  sql_ = std::move(sql);
  is_prepared_ = true;
  return SQL_SUCCESS;
}

SQLRETURN Statement::execute() {
  if (!is_prepared_) throw OdbcError("HY010", "SQLExecute needs a statement prepared with SQLPrepare");
  start_command();
  if (prepared_ && (prepared_timeout_ != query_timeout_ || prepared_session_ != connection_.session_generation())) {
    // The timeout is part of the prepared text (SET STATEMENT ... FOR), and a Fabric route
    // change moved the connection to another session: prepare again.
    prepared_ = connection_.session().prepare(with_timeout(sql_));
    prepared_timeout_ = query_timeout_;
    prepared_session_ = connection_.session_generation();
  }
  run_kind_ = prepared_on_client_ ? RunKind::ClientPrepared : RunKind::Prepared;
  return gather_and_run(prepared_on_client_ ? markers_.size() : prepared_->param_count());
}

SQLRETURN Statement::run_prepared() {
  executing_.store(true);
  try {
    prepared_->execute(param_values_);
  } catch (...) {
    executing_.store(false);
    check_cancelled();
    throw;
  }
  executing_.store(false);
  return take_binary_outcome();
}

SQLRETURN Statement::take_binary_outcome() {
  // After prepared_ ran on the binary protocol (SQLExecute, or SQLExecDirect's binary path):
  // its rows stream on the session, or it reports affected rows.
  connection_.note_activity();
  connection_.set_streaming_owner(this);
  pending_protocol_ = Protocol::Binary;
  executed_ = true;
  std::unique_ptr<ResultSet> result = prepared_->result();
  check_cancelled();
  if (result) {
    set_result(std::move(result));
  } else {
    row_count_ = prepared_->affected_rows();
  }
  return SQL_SUCCESS;
}

SQLSMALLINT Statement::num_params() {
  if (!is_prepared_) throw OdbcError("HY010", "SQLNumParams needs a prepared statement");
  // {?= call f(...)}: the return value's marker is not in the text sent to the server.
  const size_t extra = returns_value_ ? 1 : 0;
  if (prepared_on_client_) return static_cast<SQLSMALLINT>(markers_.size() + extra);
  return static_cast<SQLSMALLINT>(prepared_->param_count() + extra);
}

SQLLEN Statement::row_count() {
  if (!executed_) throw OdbcError("HY010", "SQLRowCount needs an executed statement");
  return row_count_;
}

SQLRETURN Statement::more_results() {
  if (!executed_) return SQL_NO_DATA;
  result_.reset();
  has_row_ = false;
  getdata_column_ = 0;
  row_count_ = -1;
  if (pending_protocol_ == Protocol::Text) {
    mysql::Session& session = connection_.session();
    if (!session.has_more_results()) {
      pending_protocol_ = Protocol::None;
      return SQL_NO_DATA;
    }
    if (!session.next_result()) {
      pending_protocol_ = Protocol::None;
      return SQL_NO_DATA;
    }
    take_text_result();
    // CALL ends with a status result of its own; ODBC applications do not expect it.
    if (!result_ && is_call_ && !session.has_more_results()) {
      pending_protocol_ = Protocol::None;
      return SQL_NO_DATA;
    }
    return SQL_SUCCESS;
  }
  if (pending_protocol_ == Protocol::Buffered) {
    if (buffered_results_.empty()) {
      pending_protocol_ = Protocol::None;
      return SQL_NO_DATA;
    }
    BufferedResult next = std::move(buffered_results_.front());
    buffered_results_.pop_front();
    if (next.error) {
      buffered_results_.clear();
      pending_protocol_ = Protocol::None;
      throw *next.error;
    }
    if (next.rows) {
      set_result(std::move(next.rows));
      return SQL_SUCCESS;
    }
    row_count_ = next.affected;
    if (is_call_ && buffered_results_.empty()) {  // the CALL's own status result
      pending_protocol_ = Protocol::None;
      return SQL_NO_DATA;
    }
    return SQL_SUCCESS;
  }
  if (pending_protocol_ == Protocol::Binary && prepared_) {
    if (!prepared_->has_more_results() || !prepared_->next_result()) {
      pending_protocol_ = Protocol::None;
      return SQL_NO_DATA;
    }
    std::unique_ptr<ResultSet> result = prepared_->result();
    if (result) {
      set_result(std::move(result));
    } else {
      row_count_ = prepared_->affected_rows();
      if (is_call_ && !prepared_->has_more_results()) {
        pending_protocol_ = Protocol::None;
        return SQL_NO_DATA;
      }
    }
    return SQL_SUCCESS;
  }
  return SQL_NO_DATA;
}

void Statement::discard_pending_results() noexcept {
  try {
    if (pending_protocol_ == Protocol::Text && connection_.connected()) {
      mysql::Session& session = connection_.session();
      while (session.has_more_results() && session.next_result()) {
        std::unique_ptr<ResultSet> r = session.use_result();  // freed right away: rows dropped
      }
    } else if (pending_protocol_ == Protocol::Binary && prepared_) {
      while (prepared_->has_more_results() && prepared_->next_result()) {
      }
    }
  } catch (...) {
    // A failing extra result is of no interest once the application closed the cursor.
  }
  buffered_results_.clear();
  pending_protocol_ = Protocol::None;
}

void Statement::close_cursor(bool error_if_none) {
  if (!result_ && error_if_none) throw OdbcError("24000", "no cursor is open on this statement");
  close_cursor_quietly();
}

void Statement::close_cursor_quietly() noexcept {
  need_data_ = false;  // also ends a data-at-execution sequence
  dae_index_ = -1;
  try {
    result_.reset();  // reads what is left of a streaming result off the wire
  } catch (...) {
  }
  has_row_ = false;
  getdata_column_ = 0;
  discard_pending_results();
  if (connection_.streaming_owner() == this) connection_.set_streaming_owner(nullptr);
}

void Statement::release_session() {
  if (result_ && result_->streaming()) {
    const bool copy_valid = block_copy() != nullptr;
    result_ = MemoryResult::buffer(*result_, has_row_);
    if (copy_valid) rowset_copy_for_ = result_.get();  // the rowset copy stays the cursor's
  }
  // The results still to come (a batch, a CALL) are read now and kept for SQLMoreResults.
  if (pending_protocol_ != Protocol::Text && pending_protocol_ != Protocol::Binary) return;
  const Protocol protocol = pending_protocol_;
  pending_protocol_ = Protocol::Buffered;
  try {
    while (true) {
      BufferedResult next;
      std::unique_ptr<ResultSet> rows;
      if (protocol == Protocol::Text) {
        mysql::Session& session = connection_.session();
        if (!session.has_more_results() || !session.next_result()) break;
        rows = session.use_result();
        if (!rows) next.affected = session.affected_rows();
      } else {
        if (!prepared_ || !prepared_->has_more_results() || !prepared_->next_result()) break;
        rows = prepared_->result();
        if (!rows) next.affected = prepared_->affected_rows();
      }
      if (rows) next.rows = MemoryResult::buffer(*rows, false);
      buffered_results_.push_back(std::move(next));
    }
  } catch (const OdbcError& e) {
    BufferedResult failed;
    failed.error = e;  // reported when the application reaches it with SQLMoreResults
    buffered_results_.push_back(std::move(failed));
  }
}

void Statement::cancel() {
  if (!executing_.load()) return;  // ODBC 3: no effect when nothing is running
  std::shared_ptr<const mysql::CancelTarget> target = connection_.cancel_target();
  if (!target) return;
  const uint64_t run = execution_number_.load();
  cancel_requested_.store(true);
  mysql::Session::kill_query(*target);
  // A KILL QUERY that arrives before the statement reached the server does nothing; repeat it
  // a few times while the same execution is still running.
  for (int attempt = 0; attempt < 10; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!executing_.load() || execution_number_.load() != run) return;
    mysql::Session::kill_query(*target);
  }
}

void Statement::forget_descriptor(const Descriptor* descriptor) noexcept {
  if (ard_ == descriptor) ard_ = &implicit_ard_;
  if (apd_ == descriptor) apd_ = &implicit_apd_;
}

SQLRETURN Statement::set_attr(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER) {
  const SQLULEN number = as_number(value);
  auto changed = [this](const char* what) {
    diagnostics().add("01S02", what);
    return SQL_SUCCESS_WITH_INFO;
  };
  switch (attribute) {
    case SQL_ATTR_CURSOR_TYPE:
      if (result_) throw OdbcError("24000", "the cursor type cannot change while a cursor is open");
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
      throw OdbcError("HYC00", "asynchronous execution is not supported");
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
