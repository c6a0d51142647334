// Statement lifetime and execution: SQLExecDirect, SQLPrepare and SQLExecute on the text and
// binary protocols, escape translation and the query timeout, SQLCancel. Parameter values are
// in statement_params.cpp, the current result and SQLMoreResults in statement_results.cpp,
// attributes in statement_attributes.cpp, fetching and bindings in statement_fetch.cpp; the
// catalog functions live in driver/catalog/.
#include "driver/statement/statement.h"

#include "driver/connection/connection.h"
#include "driver/error.h"
#include "driver/mysql/session.h"
#include "driver/sql/escape_translator.h"
#include "driver/statement/parameter_markers.h"
#include "driver/results/memory_result.h"
#include "driver/routing/replay_log.h"
#include "driver/statement/positioned_table.h"

#include <algorithm>
#include <chrono>
#include <strings.h>
#include <thread>

namespace fabodbc {

namespace {
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
  // A cursor still open is closed, as both incumbent drivers do: the ODBC spec's 24000 is for
  // the driver manager to give (unixODBC does once rows were fetched), and applications that
  // re-execute right after executing expect the old result to go.
  close_cursor_quietly();
  connection_.claim_session(this);
  executed_ = false;
  has_row_ = false;
  row_count_ = -1;
  rows_fetched_ = 0;
  direct_shape_ = 0;
  getdata_column_ = 0;
  need_data_ = false;
  dae_index_ = -1;
  setpos_dae_.reset();
  cancel_requested_.store(false);
  execution_number_.fetch_add(1);
  replay_index_ = static_cast<size_t>(-1);
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

void Statement::check_cancelled() {
  if (cancel_requested_.exchange(false)) {
    close_cursor_quietly();
    throw OdbcError("HY008", "operation canceled (SQLCancel)");
  }
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

// A statement that failed because the connection was lost inside a transaction, whose
// transaction the connection then replayed on the new server (FABRIC_REPLAY): it runs once
// more, as if nothing had happened. Any other failure, or a replay that did not prove equal
// (40001), goes to the application.
SQLRETURN Statement::exec_direct(std::string sql) {
  if (!connection_.replay_enabled()) return exec_direct_once(std::move(sql));
  const std::string text = sql;
  try {
    return exec_direct_once(std::move(sql));
  } catch (const OdbcError&) {
    if (!connection_.replay_after_failure(text)) throw;
  }
  close_cursor_quietly();
  return exec_direct_once(text);
}

SQLRETURN Statement::execute() {
  if (!connection_.replay_enabled()) return execute_once();
  try {
    return execute_once();
  } catch (const OdbcError&) {
    if (!connection_.replay_after_failure(sql_)) throw;
  }
  close_cursor_quietly();
  return execute_once();
}

void Statement::note_for_replay(const std::string& sql, const std::vector<ParamValue>* params) {
  replay_index_ = routing::ReplayLog::npos;
  if (unreplayable_run_) {
    connection_.poison_replay(unreplayable_run_);
    return;
  }
  replay_index_ = connection_.note_for_replay(replay_protocol_, sql, params, row_count_, result_ != nullptr);
  replay_generation_ = connection_.replay_generation();
  if (replay_index_ == routing::ReplayLog::npos) return;
  // A static cursor may be scrolled over in any order: its rows are checked all at once.
  if (auto* rows = dynamic_cast<MemoryResult*>(result_.get()); rows && cursor_type_ == SQL_CURSOR_STATIC) {
    uint64_t h = routing::ReplayLog::kEmpty;
    for (size_t i = 0; i < rows->row_count(); ++i) {
      rows->seek(i);
      h = routing::ReplayLog::hash_row(h, rows->row(), rows->columns().size());
    }
    rows->seek(MemoryResult::kBeforeFirst);
    connection_.set_replay_checksum(replay_index_, replay_generation_, rows->row_count(), h);
    replay_index_ = routing::ReplayLog::npos;  // nothing more to add while fetching
  }
}

SQLRETURN Statement::exec_direct_once(std::string sql) {
  close_cursor_quietly();  // before a routing hint may move the connection (start_command closes it too)
  if (connection_.route_statement(sql)) return finish_route_only();
  start_command();
  drop_prepared();
  is_prepared_ = false;
  prepared_on_client_ = false;
  positioned_template_.clear();
  mysql::Session& session = connection_.session();
  sql_ = translate(std::move(sql));
  if (!resolve_current_of(sql_)) return SQL_SUCCESS_WITH_INFO;  // UPDATE/DELETE ... WHERE CURRENT OF
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

SQLRETURN Statement::run_with_params() {
  mysql::Session& session = connection_.session();
  if (run_kind_ == RunKind::Prepared) return run_prepared();
  if (run_kind_ == RunKind::Direct) {
    // SQLExecDirect with parameters: small values go in as literals (one round trip instead
    // of prepare + execute + close). Large values would double in size as hex literals and
    // can exceed max_allowed_packet, so those statements are prepared once and executed
    // through the binary protocol instead.
    //
    // A CALL goes through the binary protocol too: a marker in the place of an OUT or INOUT
    // argument that the application bound as SQL_PARAM_INPUT is a variable the procedure can
    // set there, while a literal is refused by the server (1414, "OUT or INOUT argument is not
    // a variable"); the server's row of OUT values is then a result set, as both incumbent
    // drivers give it.
    size_t large = 0;
    for (const ParamValue& v : param_values_) large = std::max(large, v.bytes.size());
    if ((large > kLiteralLimit || is_call_) && !is_batch(sql_)) {
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
  const SQLRETURN rc = take_text_result();
  replay_protocol_ = 0;  // ReplayProtocol::Text
  note_for_replay(sql, nullptr);
  return rc;
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

bool Statement::is_batch(const std::string& sql) const {
  return connection_.settings().multi_statements &&
         has_several_statements(sql, !connection_.session().no_backslash_escapes());
}

SQLRETURN Statement::finish_route_only() {
  // The statement was nothing but a "set" routing hint: the route changed, nothing is sent.
  start_command();
  drop_prepared();
  is_prepared_ = false;
  route_only_ = true;
  executed_ = true;
  return SQL_SUCCESS;
}

SQLRETURN Statement::prepare(std::string sql) {
  close_cursor_quietly();  // as a new execution does (start_command)
  // A routing hint routes the statement where it is prepared (a "set" hint only when it runs).
  route_only_ = connection_.route_statement(sql, false);
  connection_.claim_session(this);
  drop_prepared();
  is_prepared_ = false;
  prepared_on_client_ = false;
  param_descriptions_.reset();
  executed_ = false;
  positioned_template_.clear();
  mysql::Session& session = connection_.session();
  if (route_only_) {
    sql_ = std::move(sql);
    is_prepared_ = true;
    return SQL_SUCCESS;
  }
  sql = translate(std::move(sql));
  if (is_positioned_statement(sql)) {
    // UPDATE/DELETE ... WHERE CURRENT OF: the server cannot prepare the clause, and the row it
    // means is known only at SQLExecute; the markers (all before the clause) stay where they are.
    positioned_template_ = sql;
    prepared_on_client_ = true;
    markers_ = find_parameter_markers(sql, !session.no_backslash_escapes());
    sql_ = std::move(sql);
    is_prepared_ = true;
    return SQL_SUCCESS;
  }
  if (is_batch(sql)) {
    // Several statements (MULTI_STATEMENTS on): the server prepares one statement at a time,
    // so the batch is sent as text at execute time, the parameters of all its statements
    // substituted as literals; each statement's result comes through SQLMoreResults, as with
    // SQLExecDirect (and as both incumbent drivers do).
    prepared_on_client_ = true;
    markers_ = find_parameter_markers(sql, !session.no_backslash_escapes());
    sql_ = std::move(sql);
    is_prepared_ = true;
    return SQL_SUCCESS;
  }
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

SQLRETURN Statement::execute_once() {
  if (!is_prepared_) throw OdbcError("HY010", "SQLExecute needs a statement prepared with SQLPrepare");
  close_cursor_quietly();  // before a routing hint may move the connection (start_command closes it too)
  if (connection_.route_statement(sql_) && route_only_) {
    start_command();
    executed_ = true;
    return SQL_SUCCESS;
  }
  start_command();
  if (prepared_ && (prepared_timeout_ != query_timeout_ || prepared_session_ != connection_.session_generation())) {
    // The timeout is part of the prepared text (SET STATEMENT ... FOR), and a Fabric route
    // change moved the connection to another session: prepare again.
    prepared_ = connection_.session().prepare(with_timeout(sql_));
    prepared_timeout_ = query_timeout_;
    prepared_session_ = connection_.session_generation();
  }
  if (!positioned_template_.empty()) {
    sql_ = positioned_template_;  // the cursor may have moved since the last execution
    if (!resolve_current_of(sql_)) return SQL_SUCCESS_WITH_INFO;
  }
  run_kind_ = prepared_on_client_ ? RunKind::ClientPrepared : RunKind::Prepared;
  return gather_and_run(prepared_on_client_ ? markers_.size() : prepared_->param_count());
}

SQLRETURN Statement::run_prepared() {
  replay_protocol_ = 2;  // ReplayProtocol::Prepared
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
  note_for_replay(sql_, replay_protocol_ == 2 ? &param_values_ : nullptr);
  return SQL_SUCCESS;
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

}  // namespace fabodbc
