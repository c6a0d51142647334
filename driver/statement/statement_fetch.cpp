// Fetching: SQLFetch with bound columns, SQLGetData in pieces, column metadata. The per-row
// path touches no heap: cells point into the result's buffers and bound targets are written
// straight from them.
#include "driver/connection/connection.h"
#include "driver/c_types.h"
#include "driver/error.h"
#include "driver/results/memory_result.h"
#include "driver/statement/statement.h"

namespace fabodbc {

namespace {

template <class T>
T* offset_ptr(T* p, SQLLEN offset) {
  return p ? reinterpret_cast<T*>(reinterpret_cast<char*>(p) + offset) : nullptr;
}

}  // namespace

const std::vector<ColumnInfo>* Statement::current_columns() const {
  if (result_) return &result_->columns();
  if (prepared_) return &prepared_->result_columns();
  return nullptr;
}

SQLSMALLINT Statement::num_result_cols() {
  const std::vector<ColumnInfo>* cols = current_columns();
  if (!cols) {
    if (!executed_ && !is_prepared_) throw OdbcError("HY010", "no statement was prepared or executed");
    return 0;
  }
  return static_cast<SQLSMALLINT>(cols->size());
}

const ColumnInfo& Statement::column(SQLUSMALLINT number) {
  const std::vector<ColumnInfo>* cols = current_columns();
  if (!cols && !executed_ && !is_prepared_) throw OdbcError("HY010", "no statement was prepared or executed");
  if (number == 0 && cols) return bookmark_column();
  if (!cols || number < 1 || number > cols->size()) {
    throw OdbcError("07009", "invalid column number " + std::to_string(number));
  }
  return (*cols)[number - 1];
}

void Statement::bind_col(SQLUSMALLINT column, SQLSMALLINT c_type, SQLPOINTER value,
                         SQLLEN buffer_length, SQLLEN* indicator) {
  if (buffer_length < 0) throw OdbcError("HY090", "BufferLength must not be negative");
  if (column == 0 && (value || indicator)) check_bookmark_binding(c_type);
  if (!value && !indicator) {
    ard_->unbind(column);
    return;
  }
  if (!is_known_c_type(c_type)) throw OdbcError("HY003", "unknown C data type " + std::to_string(c_type));
  // A column past the end of the open result, or of what the prepared statement will return, is
  // refused now (as MariaDB Connector/ODBC does for an open result) rather than silently never
  // filled. Before anything is executed or prepared the count is unknown: any number binds.
  size_t known = 0;
  if (result_) {
    known = result_->columns().size();
  } else if (is_prepared_ && prepared_) {
    known = prepared_->result_columns().size();  // 0: no result, or one not known before it runs
  }
  if (known > 0 && column > known) {
    throw OdbcError("07009", "invalid column number " + std::to_string(column) + ": the result has " +
                                 std::to_string(known) + " column" + (known == 1 ? "" : "s"));
  }
  DescRecord& rec = ard_->record(column);
  rec.concise_type = c_type;
  rec.data_ptr = value;
  rec.octet_length = buffer_length;
  rec.indicator_ptr = indicator;
  rec.octet_length_ptr = indicator;
  rec.precision = 0;
  rec.scale = 0;
  rec.bound = true;
  ard_->touch();
}

void Statement::bind_parameter(SQLUSMALLINT number, SQLSMALLINT io_type, SQLSMALLINT c_type,
                               SQLSMALLINT sql_type, SQLULEN column_size, SQLSMALLINT decimal_digits,
                               SQLPOINTER value, SQLLEN buffer_length, SQLLEN* indicator) {
  if (number == 0) throw OdbcError("07009", "parameter numbers start at 1");
  if (buffer_length < 0) throw OdbcError("HY090", "BufferLength must not be negative");
  if (io_type != SQL_PARAM_INPUT && io_type != SQL_PARAM_OUTPUT && io_type != SQL_PARAM_INPUT_OUTPUT) {
    throw OdbcError(io_type == SQL_PARAM_INPUT_OUTPUT_STREAM || io_type == SQL_PARAM_OUTPUT_STREAM ? "HYC00" : "HY105",
                    "invalid or unsupported InputOutputType " + std::to_string(io_type));
  }
  if (!is_known_c_type(c_type)) throw OdbcError("HY003", "unknown C data type " + std::to_string(c_type));
  DescRecord& app = apd_->record(number);
  app.concise_type = c_type;
  app.data_ptr = value;
  app.octet_length = buffer_length;
  app.indicator_ptr = indicator;
  app.octet_length_ptr = indicator;
  if (c_type == SQL_C_NUMERIC) {
    // Setting the type resets the APD's precision and scale to their defaults (as
    // SQLSetDescField does): the value's scale comes from DecimalDigits (convert.h).
    app.precision = 0;
    app.scale = 0;
    app.precision_scale_set = false;
  }
  app.bound = true;
  apd_->touch();
  DescRecord& impl = implicit_ipd_.record(number);
  impl.sql_type = sql_type;
  impl.length = column_size;
  impl.scale = decimal_digits;
  impl.parameter_type = io_type;
  impl.bound = true;
  implicit_ipd_.touch();
}

void Statement::set_param(SQLUSMALLINT number, SQLSMALLINT c_type, SQLSMALLINT sql_type, SQLULEN column_size,
                          SQLSMALLINT decimal_digits, SQLPOINTER value, SQLLEN* indicator) {
  // ODBC 1 SQLSetParam = SQLBindParameter(SQL_PARAM_INPUT_OUTPUT, BufferLength
  // SQL_SETPARAM_VALUE_MAX), as the specification maps it: the buffer's length is unknown.
  bind_parameter(number, SQL_PARAM_INPUT_OUTPUT, c_type, sql_type, column_size, decimal_digits, value, 0, indicator);
  apd_->record(number).octet_length = SQL_SETPARAM_VALUE_MAX;
}

void Statement::refresh_bound_columns() {
  if (bound_for_ == ard_ && bound_generation_ == ard_->generation()) return;
  bound_columns_.clear();
  SQLSMALLINT count = ard_->count();
  for (SQLSMALLINT i = 1; i <= count; ++i) {
    const DescRecord* rec = ard_->find(static_cast<SQLUSMALLINT>(i));
    // A record given only a type (SQLSetDescField) is not bound until it has a pointer.
    if (!rec || !rec->bound || (!rec->data_ptr && !rec->indicator_ptr)) continue;
    BoundColumn b;
    b.number = static_cast<SQLUSMALLINT>(i);
    b.target.c_type = rec->concise_type;
    b.target.buffer = rec->data_ptr;
    b.target.buffer_length = rec->octet_length;
    b.target.indicator = rec->indicator_ptr;
    b.target.octet_length = rec->octet_length_ptr;
    b.target.precision = rec->precision;
    b.target.scale = rec->scale;
    b.target.binary_as_hex = connection_.settings().binary_as_hex;
    b.target.zero_date_error = connection_.settings().zero_date_error;
    bound_columns_.push_back(b);
  }
  bound_for_ = ard_;
  bound_generation_ = ard_->generation();
}

CTarget Statement::bound_target(const BoundColumn& b, const ColumnInfo& column, SQLULEN row_in_set) const {
  CTarget target = b.target;
  if (target.c_type == SQL_C_DEFAULT) target.c_type = default_c_type(column);
  const SQLLEN offset = ard_->bind_offset_ptr ? *ard_->bind_offset_ptr : 0;
  const auto row = static_cast<SQLLEN>(row_in_set);
  if (offset || row) {
    // Element `row` of a rowset: rows are bind_type bytes apart (row-wise binding) or one
    // buffer / one SQLLEN apart (column-wise binding).
    const bool row_wise = ard_->bind_type != SQL_BIND_BY_COLUMN;
    const SQLLEN fixed = fixed_c_type_size(target.c_type);
    const SQLLEN data_step = row_wise ? static_cast<SQLLEN>(ard_->bind_type) : fixed ? fixed : target.buffer_length;
    const SQLLEN length_step = row_wise ? static_cast<SQLLEN>(ard_->bind_type) : static_cast<SQLLEN>(sizeof(SQLLEN));
    target.buffer = offset_ptr(static_cast<char*>(target.buffer), offset + row * data_step);
    target.indicator = offset_ptr(target.indicator, offset + row * length_step);
    target.octet_length = offset_ptr(target.octet_length, offset + row * length_step);
  }
  return target;
}

SQLRETURN Statement::fetch_bound_row(SQLULEN row_in_set) {
  if (use_bookmarks_ != SQL_UB_OFF) write_bound_bookmark(row_in_set);
  refresh_bound_columns();
  if (bound_columns_.empty()) return SQL_SUCCESS;
  SQLRETURN rc = SQL_SUCCESS;
  const std::vector<ColumnInfo>& cols = result_->columns();
  const Cell* cells = current_cells();
  // The common case converts straight into the bound buffers as bound: first row of the
  // rowset, no bind offset, an explicit C type.
  const bool shifted = row_in_set != 0 || (ard_->bind_offset_ptr && *ard_->bind_offset_ptr != 0);
  for (const BoundColumn& b : bound_columns_) {
    if (b.number > cols.size()) continue;  // bound beyond this result's columns: ignored
    const ColumnInfo& col = cols[b.number - 1u];
    CTarget moved;
    const bool as_bound = !shifted && b.target.c_type != SQL_C_DEFAULT;
    if (!as_bound) moved = bound_target(b, col, row_in_set);
    size_t consumed = 0;
    ConvResult r = convert_to_c(col, cells[b.number - 1u], as_bound ? b.target : moved, &consumed);
    if (r.warning != ConvWarning::None) {
      const bool truncated = r.warning == ConvWarning::StringTruncated;
      diagnostics().add(truncated ? "01004" : "01S07",
                        std::string(truncated ? "string data, right truncated" : "fractional truncation") +
                            " (column " + std::to_string(b.number) + ")");
      rc = SQL_SUCCESS_WITH_INFO;
    }
  }
  return rc;
}

SQLRETURN Statement::fetch_rowset() {
  const SQLULEN size = ard_->array_size ? ard_->array_size : 1;
  SQLULEN* fetched = implicit_ird_.rows_processed_ptr;
  SQLUSMALLINT* status = implicit_ird_.array_status_ptr;
  // Static cursors track where the rowset starts (for PRIOR/RELATIVE); forward-only ones skip it.
  auto* rows = cursor_type_ == SQL_CURSOR_STATIC ? dynamic_cast<MemoryResult*>(result_.get()) : nullptr;
  if (rows) {
    size_t p = rows->position();
    rowset_first_ = p == MemoryResult::kBeforeFirst ? 0 : static_cast<int64_t>(p) + 1;
  }
  getdata_column_ = 0;
  MemoryResult* copy = nullptr;
  if (!rows && size > 1) {
    if (block_copy()) {
      rowset_copy_->clear_rows();  // the same result: keep the columns, refill the rows
    } else {
      rowset_copy_ = std::make_unique<MemoryResult>(result_->columns());
      rowset_copy_for_ = result_.get();
    }
    copy = rowset_copy_.get();
  } else {
    rowset_copy_for_ = nullptr;
  }
  SQLULEN got = 0, errors = 0;
  bool info = false;
  for (; got < size; ++got) {
    // SQL_ATTR_MAX_ROWS is enforced here; the rows after it are dropped when the cursor closes.
    if (max_rows_ != 0 && rows_fetched_ >= max_rows_) break;
    if (!result_->next()) {
      if (!rows) note_result_rows(rows_read_);  // a stream read to its end: now its size is known
      remember_direct_rows(rows_fetched_);
      break;
    }
    ++rows_fetched_;
    ++rows_read_;
    if (replay_index_ != static_cast<size_t>(-1))  // inside a replayable transaction: into the checksum
      connection_.note_row_for_replay(replay_index_, replay_generation_, result_->row(), result_->columns().size());
    if (copy) {
      copy->append_row(result_->row());
      copy->seek(copy->row_count() - 1);
    }
    SQLRETURN rc;
    try {
      rc = fetch_bound_row(got);
    } catch (const OdbcError& e) {
      if (size == 1) {
        if (fetched) *fetched = 1;
        if (status) *status = SQL_ROW_ERROR;
        has_row_ = true;
        throw;
      }
      diagnostics().add(e.sqlstate(), std::string(e.what()) + " (row " + std::to_string(got + 1) + " of the rowset)",
                        e.native());
      rc = SQL_ERROR;
      ++errors;
    }
    if (rc == SQL_SUCCESS_WITH_INFO) info = true;
    if (status) {
      status[got] = rc == SQL_SUCCESS ? SQL_ROW_SUCCESS : rc == SQL_SUCCESS_WITH_INFO ? SQL_ROW_SUCCESS_WITH_INFO
                                                                                      : SQL_ROW_ERROR;
      // A row this cursor deleted (SQLSetPos / SQLBulkOperations) stays in place as a hole.
      if (rows && rows->is_deleted(rows->position())) status[got] = SQL_ROW_DELETED;
    }
  }
  if (status) {
    for (SQLULEN i = got; i < size; ++i) status[i] = SQL_ROW_NOROW;
  }
  if (fetched) *fetched = got;
  has_row_ = got > 0;
  if (copy && got > 0) copy->seek(0);  // SQLGetData reads the rowset's first row until SQLSetPos
  if (got == 0) {
    if (rows) rowset_first_ = static_cast<int64_t>(rows->row_count());
    return SQL_NO_DATA;
  }
  if (errors == got) return SQL_ERROR;
  return info || errors ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}

SQLRETURN Statement::fetch() {
  if (!result_) {
    if (executed_) throw OdbcError("24000", "the statement has no result set");
    throw OdbcError("HY010", "no statement was executed");
  }
  if (setpos_moved_) end_setpos();
  bulk_operated_ = false;
  return fetch_rowset();
}

SQLRETURN Statement::fetch_scroll(SQLSMALLINT orientation, SQLLEN offset) {
  if (orientation == SQL_FETCH_NEXT) return fetch();
  if (cursor_type_ != SQL_CURSOR_STATIC) {
    throw OdbcError("HY106", "the cursor is forward-only: only SQL_FETCH_NEXT is allowed");
  }
  return scroll_to(orientation, offset);
}

SQLRETURN Statement::extended_fetch(SQLUSMALLINT orientation, SQLLEN offset, SQLULEN* rows,
                                    SQLUSMALLINT* status) {
  struct Restore {
    Descriptor& ird;
    SQLULEN* rows;
    SQLUSMALLINT* status;
    ~Restore() {
      ird.rows_processed_ptr = rows;
      ird.array_status_ptr = status;
    }
  } restore{implicit_ird_, implicit_ird_.rows_processed_ptr, implicit_ird_.array_status_ptr};
  implicit_ird_.rows_processed_ptr = rows;
  implicit_ird_.array_status_ptr = status;
  return fetch_scroll(static_cast<SQLSMALLINT>(orientation), offset);
}

SQLRETURN Statement::scroll_to(SQLSMALLINT orientation, SQLLEN offset) {
  if (!result_) {
    if (executed_) throw OdbcError("24000", "the statement has no result set");
    throw OdbcError("HY010", "no statement was executed");
  }
  auto* rows = dynamic_cast<MemoryResult*>(result_.get());
  if (!rows) throw OdbcError("HY106", "this result cannot scroll");
  bulk_operated_ = false;
  const auto n = static_cast<int64_t>(rows->row_count());
  const auto size = static_cast<int64_t>(ard_->array_size ? ard_->array_size : 1);
  // First row of the current rowset: -1 before the start, n after the end.
  const int64_t first = rowset_first_;
  int64_t start = 0;
  switch (orientation) {
    case SQL_FETCH_FIRST: start = 0; break;
    case SQL_FETCH_LAST: start = n > size ? n - size : 0; break;
    case SQL_FETCH_PRIOR:
      if (first <= 0) {
        start = -1;
      } else if (first >= n) {
        start = n > size ? n - size : 0;
      } else {
        start = first > size ? first - size : 0;
      }
      break;
    case SQL_FETCH_ABSOLUTE: start = offset > 0 ? offset - 1 : offset < 0 ? n + offset : -1; break;
    case SQL_FETCH_RELATIVE:
      if (first < 0) {
        start = offset > 0 ? offset - 1 : -1;  // from before the start: like ABSOLUTE
      } else if (first >= n) {
        start = offset < 0 ? n + offset : n;   // from after the end
      } else {
        start = first + offset;
      }
      break;
    case SQL_FETCH_BOOKMARK: start = bookmark_start(offset); break;
    default: throw OdbcError("HY106", "invalid FetchOrientation");
  }
  getdata_column_ = 0;
  if (start < 0 || start >= n) {
    rows->seek(start < 0 ? MemoryResult::kBeforeFirst : static_cast<size_t>(n));
    rowset_first_ = start < 0 ? -1 : n;
    has_row_ = false;
    SQLULEN* fetched = implicit_ird_.rows_processed_ptr;
    SQLUSMALLINT* status = implicit_ird_.array_status_ptr;
    if (fetched) *fetched = 0;
    if (status) {
      for (int64_t i = 0; i < size; ++i) status[i] = SQL_ROW_NOROW;
    }
    return SQL_NO_DATA;
  }
  rows->seek(start == 0 ? MemoryResult::kBeforeFirst : static_cast<size_t>(start - 1));
  return fetch_rowset();
}

SQLRETURN Statement::get_data(SQLUSMALLINT number, SQLSMALLINT c_type, SQLPOINTER value,
                              SQLLEN buffer_length, SQLLEN* indicator) {
  if (!result_) {
    if (executed_ || is_prepared_) throw OdbcError("24000", "no cursor is open");
    throw OdbcError("HY010", "no statement was executed");
  }
  if (!has_row_) throw OdbcError("24000", "the cursor is not positioned on a row (call SQLFetch first)");
  // Only static cursors are buffered and changeable (the test keeps the per-value path of the
  // forward-only fetch free of a dynamic_cast).
  if (cursor_type_ == SQL_CURSOR_STATIC) {
    if (auto* rows = dynamic_cast<MemoryResult*>(result_.get())) {
      if (ard_->array_size > 1 && !setpos_moved_ && rowset_first_ >= 0) {
        // SQL_GD_BLOCK: until SQLSetPos names a row, SQLGetData reads the rowset's first row
        // (a forward-only cursor's rowset copy is already positioned there).
        rows->seek(static_cast<size_t>(rowset_first_));
        setpos_moved_ = true;  // the next SQLFetch continues after the rowset
      }
      if (rows->position() < rows->row_count() && rows->is_deleted(rows->position())) {
        throw OdbcError("HY109", "the current row was deleted through this cursor");
      }
    }
  }
  if (number == 0) return get_bookmark(c_type, value, buffer_length, indicator);
  const std::vector<ColumnInfo>& cols = result_->columns();
  if (number > cols.size()) throw OdbcError("07009", "invalid column number " + std::to_string(number));
  if (buffer_length < 0) throw OdbcError("HY090", "BufferLength must not be negative");
  if (c_type == SQL_ARD_TYPE) {
    const DescRecord* rec = ard_->find(number);
    c_type = rec && rec->bound ? rec->concise_type : SQL_C_DEFAULT;
  }
  if (!is_known_c_type(c_type)) throw OdbcError("HY003", "unknown C data type " + std::to_string(c_type));
  const ColumnInfo& col = cols[number - 1];
  if (c_type == SQL_C_DEFAULT) c_type = default_c_type(col);

  if (number != getdata_column_) {
    getdata_column_ = number;
    getdata_offset_ = 0;
    getdata_done_ = false;
  }
  if (getdata_done_) return SQL_NO_DATA;  // every piece of this value was handed out

  CTarget target;
  target.c_type = c_type;
  target.buffer = value;
  target.buffer_length = buffer_length;
  target.indicator = indicator;
  target.octet_length = indicator;
  target.binary_as_hex = connection_.settings().binary_as_hex;
  target.zero_date_error = connection_.settings().zero_date_error;
  ConvResult r = convert_to_c(col, current_cells()[number - 1], target, &getdata_offset_);
  if (r.rc == SQL_NO_DATA) {
    getdata_done_ = true;
    return SQL_NO_DATA;
  }
  if (r.warning == ConvWarning::StringTruncated) {
    diagnostics().add("01004", "string data, right truncated: call SQLGetData again for the rest");
    return SQL_SUCCESS_WITH_INFO;
  }
  getdata_done_ = true;
  if (r.warning == ConvWarning::FractionalTruncated) {
    diagnostics().add("01S07", "fractional truncation");
    return SQL_SUCCESS_WITH_INFO;
  }
  return r.rc;
}

}  // namespace fabodbc
