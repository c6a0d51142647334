// SQLSetPos. Static cursors are buffered (MemoryResult), so any row of the current rowset can
// be made the current row (SQL_POSITION: SQLGetData reads it), converted into the bound buffers
// again (SQL_REFRESH: the buffered row, which shows this cursor's own updates), or changed in
// the table (SQL_UPDATE / SQL_DELETE, and SQL_ADD of the rowset buffers: statement_positioned.cpp).
// Forward-only cursors stream; with a rowset of several rows the statement keeps a copy of the
// rowset (rowset_copy_), which SQL_POSITION / SQL_REFRESH use, and the changes change the
// current rowset (check_changeable).
#include "driver/error.h"
#include "driver/results/memory_result.h"
#include "driver/statement/statement.h"

#include <algorithm>
#include <optional>

namespace fabodbc {

namespace {

// Rows in the current rowset of a static cursor.
SQLULEN rowset_rows(const MemoryResult& rows, int64_t first, SQLULEN size) {
  const auto n = static_cast<int64_t>(rows.row_count());
  if (first < 0 || first >= n) return 0;
  return static_cast<SQLULEN>(std::min<int64_t>(static_cast<int64_t>(size), n - first));
}

}  // namespace

SQLRETURN Statement::set_pos(SQLULEN row, SQLUSMALLINT operation, SQLUSMALLINT lock) {
  if (!result_) {
    if (executed_) throw OdbcError("24000", "the statement has no result set");
    throw OdbcError("HY010", "no statement was executed");
  }
  switch (operation) {
    case SQL_POSITION: case SQL_REFRESH: case SQL_UPDATE: case SQL_DELETE: case SQL_ADD: break;
    default: throw OdbcError("HY092", "invalid Operation " + std::to_string(operation));
  }
  if (lock != SQL_LOCK_NO_CHANGE) {
    if (lock == SQL_LOCK_EXCLUSIVE || lock == SQL_LOCK_UNLOCK) throw OdbcError("HYC00", "only SQL_LOCK_NO_CHANGE");
    throw OdbcError("HY092", "invalid LockType " + std::to_string(lock));
  }
  if (bulk_operated_) throw OdbcError("HY109", "SQLSetPos after SQLBulkOperations needs SQLFetch or SQLFetchScroll first");
  const SQLULEN size = ard_->array_size ? ard_->array_size : 1;
  // SQL_ATTR_ROW_OPERATION_PTR: with RowNumber 0, rows marked SQL_ROW_IGNORE are left alone
  // by SQL_UPDATE and SQL_DELETE (the spec gives it no say over the other operations).
  const SQLUSMALLINT* operations = ard_->array_status_ptr;
  auto chosen = [&](SQLULEN i) {
    return row == 0 ? !operations || operations[i] == SQL_ROW_PROCEED : i == row - 1;
  };

  if (operation == SQL_ADD) {
    // ODBC 2 style insert: the new rows are in the rowset buffers; the cursor does not move.
    ChangeableRows target = check_changeable();
    // With a rowset of one row both incumbent drivers insert the bound row whatever RowNumber
    // says, and applications written for them pass numbers past it: that row is meant.
    const SQLULEN named = size == 1 && row > 1 ? 1 : row;
    if (named > size) throw OdbcError("HY107", "row " + std::to_string(row) + " is not in the rowset");
    if (std::optional<SQLRETURN> dae = start_setpos_dae(named, operation, named == 0 ? 0 : named - 1, named == 0 && size > 1)) {
      return *dae;
    }
    MemoryResult* joins = target.keeps_added ? &target.rows : nullptr;
    return for_each_changed_row(
        size, named == 0, [&](SQLULEN i) { return named == 0 || i == named - 1; },
        [&](PositionedRun& run, SQLULEN i) { return add_row(run, joins, i); });
  }
  std::optional<ChangeableRows> changing;
  if (operation == SQL_UPDATE || operation == SQL_DELETE) changing.emplace(check_changeable());
  if (!has_row_) throw OdbcError("24000", "the cursor is not positioned on a rowset (fetch first)");
  // The rowset's rows: in the static cursor's buffer from rowset_first_ on, or in the copy a
  // forward-only block cursor keeps of its rowset (from 0).
  const bool is_static = cursor_type_ == SQL_CURSOR_STATIC;
  auto* rows = is_static ? dynamic_cast<MemoryResult*>(result_.get()) : block_copy();
  const int64_t base = is_static ? rowset_first_ : 0;
  SQLULEN in_set = 1;
  if (rows) {
    in_set = rowset_rows(*rows, base, size);
  } else if (size != 1) {
    throw OdbcError("HY109", "the forward-only cursor has no rowset to position in (fetch first)");
  }
  if (row > in_set) throw OdbcError("HY107", "row " + std::to_string(row) + " is not in the rowset");
  if (row == 0 && operation == SQL_POSITION) throw OdbcError("HY109", "SQL_POSITION needs a row number");

  // RowNumber 0 leaves the current row where it was.
  const size_t saved_position = rows ? rows->position() : 0;
  const bool saved_moved = setpos_moved_;
  auto position_on = [&](SQLULEN r) {
    if (rows) {
      rows->seek(static_cast<size_t>(base) + r - 1);
      setpos_moved_ = is_static;  // SQLFetch continues after the rowset, not after this row
    }
    getdata_column_ = 0;
  };
  SQLRETURN rc = SQL_SUCCESS;
  if (changing) {
    MemoryResult& target = changing->rows;
    const size_t first = changing->first;
    // RowNumber 0 passes over the rows this cursor deleted already; a named one is HY109 (its
    // status stays SQL_ROW_DELETED).
    if (row != 0 && target.is_deleted(first + row - 1)) {
      throw OdbcError("HY109", "row " + std::to_string(row) + " of the rowset was deleted");
    }
    auto selected = [&](SQLULEN i) { return chosen(i) && (row != 0 || !target.is_deleted(first + i)); };
    if (operation == SQL_UPDATE) {
      if (std::optional<SQLRETURN> dae = start_setpos_dae(row, operation, row == 0 ? 0 : row - 1, row == 0 && in_set > 1)) {
        return *dae;
      }
      rc = for_each_changed_row(in_set, row == 0, selected, [&](PositionedRun& run, SQLULEN i) {
        return update_row(run, target, first + i, i);
      });
    } else {
      rc = for_each_changed_row(in_set, row == 0, selected, [&](PositionedRun& run, SQLULEN i) {
        return delete_row(run, target, first + i, i);
      });
    }
  } else if (operation == SQL_REFRESH) {
    // A row this cursor deleted is not refreshed: HY109 when named, left SQL_ROW_DELETED in a
    // refresh of the rowset.
    auto deleted = [&](SQLULEN r) { return rows && rows->is_deleted(static_cast<size_t>(base) + r - 1); };
    if (row != 0 && deleted(row)) throw OdbcError("HY109", "row " + std::to_string(row) + " of the rowset was deleted");
    SQLUSMALLINT* status = implicit_ird_.array_status_ptr;
    const SQLULEN from = row == 0 ? 1 : row, to = row == 0 ? in_set : row;
    SQLULEN refreshed = 0;
    for (SQLULEN r = from; r <= to; ++r) {
      if (deleted(r)) {
        if (status) status[r - 1] = SQL_ROW_DELETED;
        continue;
      }
      position_on(r);
      SQLRETURN one = fetch_bound_row(r - 1);
      ++refreshed;
      if (status) status[r - 1] = one == SQL_SUCCESS ? SQL_ROW_SUCCESS : SQL_ROW_SUCCESS_WITH_INFO;
      if (one != SQL_SUCCESS) rc = one;
    }
    if (row == 0 && implicit_ird_.rows_processed_ptr) *implicit_ird_.rows_processed_ptr = refreshed;
  }
  if (row != 0) {
    position_on(row);  // the cursor ends on the named row
  } else {
    if (rows) rows->seek(saved_position);
    setpos_moved_ = saved_moved;
    getdata_column_ = 0;
  }
  has_row_ = true;
  return rc;
}

void Statement::end_setpos() noexcept {
  setpos_moved_ = false;
  auto* rows = dynamic_cast<MemoryResult*>(result_.get());
  if (!rows || rowset_first_ < 0) return;
  const SQLULEN in_set = rowset_rows(*rows, rowset_first_, ard_->array_size ? ard_->array_size : 1);
  if (in_set > 0) rows->seek(static_cast<size_t>(rowset_first_) + in_set - 1);
}

}  // namespace fabodbc
