// The statement's current result: taking a new one (a static cursor's rows are buffered at
// once), SQLRowCount, SQLMoreResults over the extra results of a batch or CALL (text, binary
// or already buffered), closing the cursor, and setting the result aside when another
// statement needs the session (the one-active-result rule, driver/README.md).
#include "driver/statement/statement.h"

#include "driver/connection/connection.h"
#include "driver/error.h"
#include "driver/mysql/session.h"
#include "driver/results/memory_result.h"
#include "driver/statement/positioned_table.h"

namespace fabodbc {

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
  rows_read_ = 0;
  // Buffered (static cursors, catalog results, results set aside): the number of rows is
  // known, and SQLRowCount gives it, as both incumbent drivers do for a SELECT (PHP's
  // odbc_num_rows and pyodbc's rowcount ask). A stream's count is known once it is read to
  // its end (fetch_rowset) or buffered (release_session); until then it is -1.
  if (auto* rows = dynamic_cast<MemoryResult*>(result_.get())) {
    note_result_rows(rows->row_count());
    remember_direct_rows(rows->row_count());
  }
  rowset_first_ = -1;
  has_row_ = false;
  getdata_column_ = 0;
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
    // A CALL's own status (the last result, without columns) is a result too, as both
    // incumbent drivers give it: SQL_SUCCESS once more after the procedure's result sets.
    take_text_result();
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
    row_count_ = next.affected;  // also a CALL's own status result
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
      row_count_ = prepared_->affected_rows();  // also a CALL's own status result
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
  setpos_dae_.reset();
  remember_direct_rows_before_close();
  try {
    result_.reset();  // reads what is left of a streaming result off the wire
  } catch (...) {
  }
  has_row_ = false;
  getdata_column_ = 0;
  discard_pending_results();
  if (connection_.streaming_owner() == this) connection_.set_streaming_owner(nullptr);
}

void Statement::note_result_rows(size_t rows) {
  const size_t shown = max_rows_ != 0 && rows > max_rows_ ? max_rows_ : rows;  // SQL_ATTR_MAX_ROWS cuts the result
  row_count_ = static_cast<SQLLEN>(shown);
}

void Statement::release_session() {
  if (result_ && result_->streaming()) {
    const bool copy_valid = block_copy() != nullptr;
    const size_t read_before = has_row_ && rows_read_ > 0 ? rows_read_ - 1 : rows_read_;
    result_ = MemoryResult::buffer(*result_, has_row_);
    note_result_rows(read_before + static_cast<MemoryResult&>(*result_).row_count());
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

}  // namespace fabodbc
