// SQLBulkOperations: SQL_ADD inserts the rows of the bound buffers (any cursor), and the
// by-bookmark operations work, on a static cursor, on the rows whose bookmarks (row positions of the buffered
// result, statement_bookmarks.cpp) are in the buffer bound to column 0. Unlike SQLSetPos, the
// rowset size is SQL_ATTR_ROW_ARRAY_SIZE as it is now, not as it was at the last fetch, and
// the cursor does not move. The row changes themselves are statement_positioned.cpp's.
#include "driver/error.h"
#include "driver/results/memory_result.h"
#include "driver/statement/statement.h"

namespace fabodbc {

SQLRETURN Statement::bulk_operations(SQLUSMALLINT operation) {
  switch (operation) {
    case SQL_ADD: case SQL_UPDATE_BY_BOOKMARK: case SQL_DELETE_BY_BOOKMARK: case SQL_FETCH_BY_BOOKMARK: break;
    default: throw OdbcError("HY092", "invalid Operation " + std::to_string(operation) + " for SQLBulkOperations");
  }
  if (!result_) {
    if (executed_) throw OdbcError("24000", "the statement has no result set");
    throw OdbcError("HY010", "no statement was executed");
  }
  const SQLULEN size = ard_->array_size ? ard_->array_size : 1;
  bulk_operated_ = true;  // until the next fetch, SQLSetPos is HY109 (the rowset buffers hold other rows)
  auto every = [](SQLULEN) { return true; };
  if (operation == SQL_ADD) {
    ChangeableRows target = check_changeable();
    MemoryResult* joins = target.keeps_added ? &target.rows : nullptr;
    return for_each_changed_row(size, true, every,
                                [&](PositionedRun& run, SQLULEN i) { return add_row(run, joins, i); });
  }

  if (use_bookmarks_ == SQL_UB_OFF) {
    throw OdbcError("HY092", "the by-bookmark operations need SQL_ATTR_USE_BOOKMARKS on");
  }
  MemoryResult* rows = nullptr;
  if (operation == SQL_FETCH_BY_BOOKMARK) {
    // Reading needs no updatable cursor, only buffered rows.
    rows = cursor_type_ == SQL_CURSOR_STATIC ? dynamic_cast<MemoryResult*>(result_.get()) : nullptr;
    if (!rows) throw OdbcError("HY106", "SQL_FETCH_BY_BOOKMARK needs a static cursor");
  } else {
    // Bookmarks are row positions of a buffered result: a static cursor's.
    if (cursor_type_ != SQL_CURSOR_STATIC) throw OdbcError("HY106", "the by-bookmark operations need a static cursor");
    rows = &check_changeable().rows;
  }
  bound_bookmark(0);  // HY092 before anything runs when column 0 is not bound
  auto row_of = [&](SQLULEN i) {
    const SQLULEN bookmark = bound_bookmark(i);
    if (bookmark == 0 || bookmark > rows->row_count()) {
      throw OdbcError("HY111", "invalid bookmark value " + std::to_string(bookmark));
    }
    return static_cast<size_t>(bookmark - 1);
  };

  if (operation == SQL_FETCH_BY_BOOKMARK) {
    // Each bookmarked row into its element of the bound buffers; the cursor stays where it is.
    const size_t position = rows->position();
    struct Restore {
      MemoryResult& rows;
      size_t position;
      ~Restore() { rows.seek(position); }
    } restore{*rows, position};
    SQLUSMALLINT* status = implicit_ird_.array_status_ptr;
    SQLULEN fetched = 0, errors = 0;
    bool info = false;
    for (SQLULEN i = 0; i < size; ++i) {
      SQLUSMALLINT row_status = SQL_ROW_ERROR;
      try {
        const size_t row = row_of(i);
        rows->seek(row);
        const SQLRETURN rc = fetch_bound_row(i);
        row_status = rows->is_deleted(row) ? SQL_ROW_DELETED
                     : rc == SQL_SUCCESS    ? SQL_ROW_SUCCESS
                                            : SQL_ROW_SUCCESS_WITH_INFO;
        if (rc != SQL_SUCCESS) info = true;
        ++fetched;
      } catch (const OdbcError& e) {
        diagnostics().add(e.sqlstate(), std::string(e.what()) + " (row " + std::to_string(i + 1) + " of the rowset)",
                          e.native(), static_cast<SQLLEN>(i) + 1);
        ++errors;
      }
      if (status) status[i] = row_status;
    }
    getdata_column_ = 0;
    if (implicit_ird_.rows_processed_ptr) *implicit_ird_.rows_processed_ptr = fetched;
    if (errors == size) return SQL_ERROR;
    return errors || info ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
  }
  if (operation == SQL_UPDATE_BY_BOOKMARK) {
    return for_each_changed_row(size, true, every, [&](PositionedRun& run, SQLULEN i) {
      return update_row(run, *rows, row_of(i), i);
    });
  }
  return for_each_changed_row(size, true, every, [&](PositionedRun& run, SQLULEN i) {
    return delete_row(run, *rows, row_of(i), i);
  });
}

}  // namespace fabodbc
