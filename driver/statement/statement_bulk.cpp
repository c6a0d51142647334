// Parameter arrays (SQL_ATTR_PARAMSET_SIZE > 1) through MariaDB's bulk protocol: every set is
// converted on the client, then the sets go to the server in one COM_STMT_BULK_EXECUTE per
// chunk (a chunk is capped in bytes so it stays well under max_allowed_packet). One execution
// per set (run_param_array's loop) costs a round trip and a commit per row.
//
// Error model (SQL_ATTR_PARAM_STATUS_PTR):
//  * a set whose values cannot be converted (or that asks for data at execution) is
//    SQL_PARAM_ERROR with its own diagnostic and is left out of the bulk;
//  * when the server rejects a chunk, the server has stopped at one row of it and does not
//    say which; what the rows before it left behind depends on the table's engine (a
//    transactional engine rolls the whole statement back). Every set of that chunk is then
//    SQL_PARAM_DIAG_UNAVAILABLE (ODBC's status for "the array was executed as a unit") and
//    the diagnostic names the range of sets. Later chunks still run, as later sets do in the
//    set-by-set loop; after a lost connection the remaining sets are SQL_PARAM_UNUSED.
#include "driver/connection/connection.h"
#include "driver/error.h"
#include "driver/mysql/session.h"
#include "driver/statement/parameter_markers.h"
#include "driver/statement/statement.h"

namespace fabodbc {

namespace {
constexpr size_t kBulkChunkBytes = 4 * 1024 * 1024;  // server default max_allowed_packet: 16 MB
constexpr int kErUnsupportedPs = 1295;  // ER_UNSUPPORTED_PS: the statement is not taken in bulk

bool bulk_statement(const std::string& sql) {
  const std::string keyword = first_keyword(sql);
  return keyword == "INSERT" || keyword == "UPDATE" || keyword == "DELETE" || keyword == "REPLACE";
}

size_t wire_bytes(const ParamValue& v) { return v.bytes.size() + 16; }
}  // namespace

std::optional<SQLRETURN> Statement::run_param_array_bulk(size_t count) {
  // The timeout prefix (SET STATEMENT ... FOR) and client-side "prepared" statements keep the
  // set-by-set path, as do servers without bulk (MySQL).
  if (run_kind_ == RunKind::ClientPrepared || query_timeout_ != 0 || count == 0) return std::nullopt;
  if (!bulk_statement(sql_)) return std::nullopt;
  mysql::Session& session = connection_.session();
  if (!session.is_mariadb()) return std::nullopt;
  if (run_kind_ == RunKind::Direct) {
    // SQLExecDirect with an array: prepare once for the bulk (the statement is closed with
    // the next execution). Nothing has run if the server refuses to prepare it.
    try {
      prepared_ = session.prepare(sql_);
    } catch (const OdbcError&) {
      prepared_.reset();
      return std::nullopt;
    }
  }
  if (!prepared_ || !prepared_->result_columns().empty() || prepared_->param_count() != count) {
    if (run_kind_ == RunKind::Direct) prepared_.reset();
    return std::nullopt;  // e.g. INSERT ... RETURNING: rows come back per set
  }

  const SQLULEN sets = apd_->array_size;
  SQLULEN* processed = implicit_ipd_.rows_processed_ptr;
  SQLUSMALLINT* status = implicit_ipd_.array_status_ptr;
  const SQLUSMALLINT* operations = apd_->array_status_ptr;  // SQL_ATTR_PARAM_OPERATION_PTR
  if (processed) *processed = 0;

  std::vector<ParamValue> values;    // the chunk's sets, one after the other
  std::vector<SQLULEN> chunk_sets;   // which parameter set each of them is
  values.reserve(static_cast<size_t>(std::min<SQLULEN>(sets, 1024)) * count);
  SQLLEN total = 0;
  SQLULEN succeeded = 0, failed = 0;
  // Sets gone through so far, ignored ones (SQL_PARAM_IGNORE) included: what
  // SQL_ATTR_PARAMS_PROCESSED_PTR counts, as in both incumbent drivers.
  SQLULEN passed = 0;
  bool lost = false;
  bool bulk_refused = false;

  auto set_status = [&](SQLULEN set, SQLUSMALLINT value) {
    if (status) status[set] = value;
  };
  // One bulk execution of what has been gathered; false once the connection is gone.
  // The sets of the chunk one execution each: values of one parameter with different wire
  // types, no bulk support, or a statement the server does not take in bulk.
  auto one_by_one = [&](size_t n) {
    for (size_t k = 0; k < n; ++k) {
      try {
        param_values_.assign(std::make_move_iterator(values.begin() + static_cast<ptrdiff_t>(k * count)),
                             std::make_move_iterator(values.begin() + static_cast<ptrdiff_t>((k + 1) * count)));
        run_prepared();
        if (row_count_ > 0) total += row_count_;
        set_status(chunk_sets[k], SQL_PARAM_SUCCESS);
        ++succeeded;
      } catch (const OdbcError& e) {
        if (e.sqlstate() == "HY008") throw;  // SQLCancel: the whole call is canceled
        diagnostics().add(e.sqlstate(),
                          std::string(e.what()) + " (parameter set " + std::to_string(chunk_sets[k] + 1) + ")",
                          e.native());
        set_status(chunk_sets[k], SQL_PARAM_ERROR);
        ++failed;
        if (!connection_.connected() || connection_.session().lost()) {
          for (size_t rest = k + 1; rest < n; ++rest) set_status(chunk_sets[rest], SQL_PARAM_UNUSED);
          lost = true;
          break;
        }
      }
    }
  };
  // One bulk execution of what has been gathered; false once the connection is gone.
  auto flush = [&]() -> bool {
    if (chunk_sets.empty()) return true;
    const size_t n = chunk_sets.size();
    if (bulk_refused) {
      one_by_one(n);
      values.clear();
      chunk_sets.clear();
      if (processed) *processed = passed;
      return !lost;
    }
    executing_.store(true);
    try {
      bool sent = prepared_->execute_bulk(values, n);
      executing_.store(false);
      connection_.note_activity();
      check_cancelled();
      if (sent) {
        int64_t affected = prepared_->affected_rows();
        if (affected > 0) total += affected;
        for (SQLULEN set : chunk_sets) set_status(set, SQL_PARAM_SUCCESS);
        succeeded += n;
      } else {
        one_by_one(n);
      }
    } catch (const OdbcError& e) {
      executing_.store(false);
      if (e.sqlstate() == "HY008") throw;  // SQLCancel: the whole call is canceled
      if (e.native() == kErUnsupportedPs && connection_.connected() && !connection_.session().lost()) {
        // The server refused the statement in bulk (INSERT ... SELECT): nothing ran, so each
        // set runs on its own, as without the bulk protocol (and so do the next chunks).
        bulk_refused = true;
        one_by_one(n);
      } else {
        diagnostics().add(e.sqlstate(),
                          std::string(e.what()) + " (parameter sets " + std::to_string(chunk_sets.front() + 1) +
                              " to " + std::to_string(chunk_sets.back() + 1) + ", executed as one bulk)",
                          e.native());
        for (SQLULEN set : chunk_sets) set_status(set, SQL_PARAM_DIAG_UNAVAILABLE);
        failed += n;
        if (!connection_.connected() || connection_.session().lost()) lost = true;
      }
    }
    if (processed) *processed = passed;
    values.clear();
    chunk_sets.clear();
    return !lost;
  };

  size_t chunk_bytes = 0;
  SQLULEN set = 0;
  for (; set < sets; ++set) {
    ++passed;
    if (operations && operations[set] == SQL_PARAM_IGNORE) {
      set_status(set, SQL_PARAM_UNUSED);
      continue;
    }
    const size_t first = values.size();
    try {
      append_params(values, count, set);  // straight into the chunk: no vector per set
      if (!dae_params_.empty()) {
        throw OdbcError("HYC00", "data-at-execution parameters cannot be combined with parameter arrays");
      }
      for (size_t k = first; k < values.size(); ++k) chunk_bytes += wire_bytes(values[k]);
      chunk_sets.push_back(set);
    } catch (const OdbcError& e) {
      values.resize(first);  // the set's values converted before the failure leave the chunk
      diagnostics().add(e.sqlstate(), std::string(e.what()) + " (parameter set " + std::to_string(set + 1) + ")",
                        e.native());
      set_status(set, SQL_PARAM_ERROR);
      ++failed;
      continue;
    }
    if (chunk_bytes >= kBulkChunkBytes) {
      chunk_bytes = 0;
      if (!flush()) break;
    }
  }
  if (!lost && flush()) {
    if (processed) *processed = passed;
  } else {
    for (SQLULEN rest = set + 1; rest < sets; ++rest) set_status(rest, SQL_PARAM_UNUSED);
  }
  dae_params_.clear();
  result_.reset();
  pending_protocol_ = Protocol::None;
  executed_ = true;
  row_count_ = total;
  if (succeeded == 0 && failed > 0) return SQL_ERROR;
  return failed > 0 ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}

}  // namespace fabodbc
