// Positioned changes: one row of a cursor's rowset updated, deleted or added through SQL
// generated against the result's base table (driver/statement/positioned_table.h says how a row is
// identified). New values come from the bound column buffers, converted exactly like
// SQLBindParameter values (convert_from_c), and everything goes to the server as parameters
// of server-side prepared statements: no value is ever pasted into SQL text.
//
// The buffered rows follow the cursor's own changes: an updated row is read back from the
// server (defaults, truncation and triggers included) and replaces the buffered one, so
// SQL_REFRESH and SQLGetData show it; a deleted row stays as a hole (SQL_ROW_DELETED); an added
// row found again by its key joins the end (with a bookmark), one without a key cannot be
// found again and stays out (so SQL_STATIC_SENSITIVITY does not promise SQL_SS_ADDITIONS).
#include "driver/catalog/catalog_util.h"
#include "driver/connection/connection.h"
#include "driver/error.h"
#include "driver/mysql/prepared_statement.h"
#include "driver/mysql/session.h"
#include "driver/results/memory_result.h"
#include "driver/statement/parameter_markers.h"
#include "driver/statement/positioned_table.h"
#include "driver/statement/statement.h"

#include <map>

namespace fabodbc {

// The statements of one SQLSetPos / SQLBulkOperations call, prepared once each: a rowset
// changes row after row with the same text.
class Statement::PositionedRun {
 public:
  explicit PositionedRun(mysql::Session& session) : session_(session) {}

  int64_t execute(const std::string& sql, const std::vector<ParamValue>& params) {
    mysql::PreparedStatement& statement = prepared(sql);
    statement.execute(params);
    insert_id_ = statement.insert_id();
    return statement.affected_rows();
  }
  // The AUTO_INCREMENT value the last execute() generated (0: none).
  uint64_t insert_id() const noexcept { return insert_id_; }

  int64_t count(const std::string& sql, const std::vector<ParamValue>& params) {
    mysql::PreparedStatement& statement = prepared(sql);
    statement.execute(params);
    std::unique_ptr<ResultSet> rows = statement.result();
    int64_t n = rows && rows->next() ? catalog::integer(rows->row()[0]) : 0;
    if (rows) rows->discard_rest();
    return n;
  }

  // Hands the cells of the first row `sql` returns to `take`; false when it returns none.
  template <class Take>
  bool read_first_row(const std::string& sql, const std::vector<ParamValue>& params, Take&& take) {
    mysql::PreparedStatement& statement = prepared(sql);
    statement.execute(params);
    std::unique_ptr<ResultSet> rows = statement.result();
    if (!rows) return false;
    const bool found = rows->next();
    if (found) take(rows->row());
    rows->discard_rest();
    return found;
  }

 private:
  mysql::PreparedStatement& prepared(const std::string& sql) {
    std::unique_ptr<mysql::PreparedStatement>& slot = statements_[sql];
    if (!slot) slot = session_.prepare(sql);
    return *slot;
  }

  mysql::Session& session_;
  std::map<std::string, std::unique_ptr<mysql::PreparedStatement>> statements_;
  uint64_t insert_id_ = 0;
};

namespace {

// A buffered value as a parameter, to find its row again. The cells are what the server sent
// (text, or typed values from the binary protocol), so this is a change of container, not a
// conversion.
ParamValue param_from_cell(const ColumnInfo& column, const Cell& cell) {
  ParamValue v;
  switch (cell.kind) {
    case Cell::Kind::Null: break;
    case Cell::Kind::Text:
      v.kind = column.is_binary ? ParamValue::Kind::Bytes : ParamValue::Kind::Text;
      v.bytes.assign(cell.data, cell.length);
      break;
    case Cell::Kind::Int: v.kind = ParamValue::Kind::Int; v.i = cell.i; break;
    case Cell::Kind::UInt: v.kind = ParamValue::Kind::UInt; v.u = cell.u; break;
    case Cell::Kind::Double: v.kind = ParamValue::Kind::Double; v.d = cell.d; break;
    case Cell::Kind::Date: v.kind = ParamValue::Kind::Date; v.t = cell.t; break;
    case Cell::Kind::Time: v.kind = ParamValue::Kind::Time; v.t = cell.t; break;
    case Cell::Kind::DateTime: v.kind = ParamValue::Kind::DateTime; v.t = cell.t; break;
  }
  return v;
}

std::string row_name(size_t row) { return "row " + std::to_string(row + 1) + " of the result set"; }

// The values row `old` was fetched with, for `columns`: the WHERE of a change finds the row by them.
// The two 01001 conflicts of a positioned change: the fetched values match no row any more, or
// (without a unique key) several rows.
std::string row_gone(const std::string& row, const char* change, const PositionedTable& table) {
  return row + " was not " + change + ": no row of " + table.table() +
         " has the values fetched any more (changed or deleted since)";
}
std::string row_ambiguous(const std::string& row, const char* change, int64_t matches, const PositionedTable& table) {
  return row + " was not " + change + ": " + std::to_string(matches) + " rows of " + table.table() +
         " have the values fetched and the result holds no unique key, so which one is meant is unknown";
}

std::vector<ParamValue> fetched_params(const std::vector<ColumnInfo>& cols, const Cell* old,
                                       const std::vector<size_t>& columns) {
  std::vector<ParamValue> values;
  values.reserve(columns.size());
  for (size_t c : columns) values.push_back(param_from_cell(cols[c], old[c]));
  return values;
}

}  // namespace

std::optional<std::string> Statement::current_row_condition() {
  if (!result_ || !has_row_) {
    throw OdbcError("24000", "cursor " + cursor_name() + " is not positioned on a row (fetch first)");
  }
  const PositionedTable& table = positioned_table();
  const std::vector<ColumnInfo>& cols = result_->columns();
  const Cell* row = current_cells();
  const std::vector<size_t> where = table.has_key() ? table.key_columns() : table.value_columns();
  const std::vector<ParamValue> values = fetched_params(cols, row, where);
  if (!table.has_key()) {
    connection_.claim_session(this);
    PositionedRun run(connection_.session());
    if (run.count(table.count_sql(where), values) > 1) return std::nullopt;
  }
  std::vector<std::string> literals;
  literals.reserve(values.size());
  const bool no_backslash = connection_.session().no_backslash_escapes();
  for (const ParamValue& v : values) literals.push_back(to_sql_literal(v, no_backslash));
  const std::string condition = table.where_clause(where);
  return substitute_parameters(condition, find_parameter_markers(condition, !no_backslash), literals) +
         (table.has_key() ? "" : " LIMIT 1");
}

void Statement::row_warning(const char* sqlstate, const std::string& message, SQLULEN row_in_set) {
  diagnostics().add(sqlstate, message, 0, static_cast<SQLLEN>(row_in_set) + 1);
}

Statement::ChangeableRows Statement::check_changeable() {
  if (!result_) {
    if (executed_) throw OdbcError("24000", "the statement has no result set");
    throw OdbcError("HY010", "no statement was executed");
  }
  // Forward-only: the change (and the key lookup) needs the session the stream occupies, so
  // what is left of the stream is buffered, as when another statement needs the session.
  if (result_->streaming()) {
    if (connection_.streaming_owner() == this) connection_.set_streaming_owner(nullptr);
    release_session();
  }
  positioned_table();  // a result that is not one base table is refused once, not row by row
  if (cursor_type_ == SQL_CURSOR_STATIC) {
    auto& rows = dynamic_cast<MemoryResult&>(*result_);  // static cursors are buffered (set_result)
    return {rows, rowset_first_ < 0 ? 0 : static_cast<size_t>(rowset_first_), true};
  }
  if (MemoryResult* copy = block_copy()) return {*copy, 0, false};
  auto& rows = dynamic_cast<MemoryResult&>(*result_);
  return {rows, has_row_ ? rows.position() : 0, false};
}

const PositionedTable& Statement::positioned_table() {
  const std::vector<ColumnInfo>& columns = result_->columns();
  if (positioned_table_ && positioned_table_->describes(columns)) return *positioned_table_;
  auto table = std::make_unique<PositionedTable>(columns);  // throws when not one base table
  // Which unique keys does the table have?
  connection_.claim_session(this);
  std::unique_ptr<mysql::PreparedStatement> lookup = connection_.session().prepare(PositionedTable::kUniqueKeyQuery);
  std::vector<ParamValue> names(2);
  names[0].kind = names[1].kind = ParamValue::Kind::Text;
  names[0].bytes = table->schema();
  names[1].bytes = table->table();
  lookup->execute(names);
  std::vector<PositionedTable::KeyPart> parts;
  if (std::unique_ptr<ResultSet> rows = lookup->result()) {
    while (rows->next()) {
      const Cell* c = rows->row();
      parts.push_back({catalog::text(c[0]), catalog::text(c[1]), catalog::text(c[2]) == "YES"});
    }
  }
  table->choose_key(parts);
  positioned_table_ = std::move(table);
  return *positioned_table_;
}

void Statement::bound_row_values(SQLULEN row_in_set, std::vector<size_t>& columns, std::vector<ParamValue>& values) {
  refresh_bound_columns();
  const std::vector<ColumnInfo>& cols = result_->columns();
  for (const BoundColumn& b : bound_columns_) {
    if (b.number > cols.size()) {
      throw OdbcError("07009", "column " + std::to_string(b.number) + " is bound but the result set has " +
                                   std::to_string(cols.size()) + " columns");
    }
    const ColumnInfo& col = cols[b.number - 1u];
    CTarget target = bound_target(b, col, row_in_set);
    if (target.indicator && *target.indicator == SQL_COLUMN_IGNORE) continue;
    // The indicator says NULL; otherwise the length buffer (the same one after SQLBindCol)
    // gives the length, and no length buffer means a NUL-terminated string.
    SQLLEN length = SQL_NTS;
    if (target.indicator && (*target.indicator == SQL_DATA_AT_EXEC || *target.indicator <= SQL_LEN_DATA_AT_EXEC_OFFSET)) {
      // Its value came through SQLPutData (SQLSetPos); SQLBulkOperations takes none.
      const std::optional<std::string>* sent = setpos_dae_value(b.number);
      if (!sent) {
        throw OdbcError("HYC00", "column " + std::to_string(b.number) +
                                     ": data-at-execution values (SQL_DATA_AT_EXEC) are taken by SQLSetPos for one "
                                     "row; put the value in the bound buffer");
      }
      length = *sent ? static_cast<SQLLEN>((*sent)->size()) : SQL_NULL_DATA;
      target.buffer = *sent ? const_cast<char*>((*sent)->data()) : nullptr;
      target.buffer_length = length < 0 ? 0 : length;
    } else if (target.indicator && *target.indicator == SQL_NULL_DATA) {
      length = SQL_NULL_DATA;
    } else if (target.octet_length) {
      length = *target.octet_length;
    }
    // After a fetch the length buffer holds the whole value's length even when the buffer got
    // only part of it (01004). Sending that back would read past the buffer and store a
    // truncated value: refuse, the application ignores the column or sets the length.
    const bool variable = target.c_type == SQL_C_CHAR || target.c_type == SQL_C_WCHAR || target.c_type == SQL_C_BINARY;
    if (variable && length > target.buffer_length) {
      throw OdbcError("22001", "column " + std::to_string(b.number) + ": the length (" + std::to_string(length) +
                                   ") is larger than the bound buffer (" + std::to_string(target.buffer_length) +
                                   "); a value truncated by the fetch is not written back (use SQL_COLUMN_IGNORE)");
    }
    ParamSource source;
    source.c_type = target.c_type;
    source.sql_type = col.sql_type;
    source.column_size = col.column_size;
    source.decimal_digits = col.decimal_digits;
    source.data = target.buffer;
    source.buffer_length = target.buffer_length;
    source.indicator = &length;
    try {
      values.push_back(convert_from_c(source));
    } catch (const OdbcError& e) {
      throw OdbcError(e.sqlstate(), std::string(e.what()) + " (column " + std::to_string(b.number) + ")", e.native());
    }
    columns.push_back(b.number - 1u);
  }
}

SQLUSMALLINT Statement::update_row(PositionedRun& run, MemoryResult& rows, size_t row, SQLULEN row_in_set) {
  auto warn = [&](const char* state, const std::string& message) { row_warning(state, message, row_in_set); };
  if (rows.is_deleted(row)) throw OdbcError("HY109", row_name(row) + " was deleted");
  const PositionedTable& table = positioned_table();
  std::vector<size_t> set;
  std::vector<ParamValue> params;
  bound_row_values(row_in_set, set, params);
  if (set.empty()) {
    throw OdbcError("21S02", "nothing to update: no column is bound, or every bound column is SQL_COLUMN_IGNORE");
  }
  const std::vector<ColumnInfo>& cols = result_->columns();
  const Cell* old = rows.row_at(row);
  const std::vector<size_t> where = table.value_columns();
  const std::vector<ParamValue> where_values = fetched_params(cols, old, where);

  if (!table.has_key()) {
    const int64_t matches = run.count(table.count_sql(where), where_values);
    if (matches != 1) {
      warn("01001", matches == 0 ? row_gone(row_name(row), "updated", table)
                                 : row_ambiguous(row_name(row), "updated", matches, table));
      return SQL_ROW_ERROR;
    }
  }
  std::vector<ParamValue> all = params;
  all.insert(all.end(), where_values.begin(), where_values.end());
  const int64_t affected = run.execute(table.update_sql(set, where, !table.has_key()), all);
  // MySQL counts changed rows, not matched ones: 0 may also mean "the same values again".
  if (affected == 0 && run.count(table.count_sql(where), where_values) == 0) {
    warn("01001", row_gone(row_name(row), "updated", table));
    return SQL_ROW_ERROR;
  }

  // Read the row back by its key (or by its new values) so the buffered row is what is stored.
  const std::vector<size_t> identity = table.has_key() ? table.key_columns() : where;
  std::vector<ParamValue> identity_values;
  for (size_t c : identity) {
    size_t i = 0;
    while (i < set.size() && set[i] != c) ++i;
    identity_values.push_back(i < set.size() ? params[i] : param_from_cell(cols[c], old[c]));
  }
  if (!run.read_first_row(table.select_sql(identity), identity_values,
                          [&](const Cell* cells) { rows.replace_row(row, cells); })) {
    warn("01000", row_name(row) + " was updated but could not be read back (the server changed a value "
                                               "on the way); SQL_REFRESH shows the values fetched before");
  }
  return SQL_ROW_UPDATED;
}

SQLUSMALLINT Statement::delete_row(PositionedRun& run, MemoryResult& rows, size_t row, SQLULEN row_in_set) {
  auto warn = [&](const char* state, const std::string& message) { row_warning(state, message, row_in_set); };
  if (rows.is_deleted(row)) throw OdbcError("HY109", row_name(row) + " was deleted already");
  const PositionedTable& table = positioned_table();
  const std::vector<ColumnInfo>& cols = result_->columns();
  const Cell* old = rows.row_at(row);
  const std::vector<size_t> where = table.value_columns();
  const std::vector<ParamValue> where_values = fetched_params(cols, old, where);
  if (!table.has_key()) {
    const int64_t matches = run.count(table.count_sql(where), where_values);
    if (matches > 1) {
      warn("01001", row_ambiguous(row_name(row), "deleted", matches, table));
      return SQL_ROW_ERROR;
    }
  }
  if (run.execute(table.delete_sql(where, !table.has_key()), where_values) == 0) {
    warn("01001", row_gone(row_name(row), "deleted", table));
    return SQL_ROW_ERROR;
  }
  rows.mark_deleted(row);
  return SQL_ROW_DELETED;
}

SQLUSMALLINT Statement::add_row(PositionedRun& run, MemoryResult* rows, SQLULEN row_in_set) {
  const PositionedTable& table = positioned_table();
  std::vector<size_t> columns;
  std::vector<ParamValue> values;
  bound_row_values(row_in_set, columns, values);
  run.execute(table.insert_sql(columns), values);

  // The new row joins the end of the static cursor when it can be found again by its key: the
  // key values inserted, or the AUTO_INCREMENT value the server generated. Then its bookmark
  // goes to column 0, as SQLBulkOperations(SQL_ADD) promises.
  const std::vector<ColumnInfo>& cols = result_->columns();
  std::vector<ParamValue> key_values;
  bool identified = table.has_key();
  for (size_t c : table.key_columns()) {
    size_t i = 0;
    while (i < columns.size() && columns[i] != c) ++i;
    const ParamValue* given = i < columns.size() ? &values[i] : nullptr;
    const bool generated = cols[c].auto_increment && run.insert_id() != 0 &&
                           (!given || given->kind == ParamValue::Kind::Null ||
                            (given->kind == ParamValue::Kind::Int && given->i == 0) ||
                            (given->kind == ParamValue::Kind::UInt && given->u == 0));
    if (generated) {
      ParamValue id;
      id.kind = ParamValue::Kind::UInt;
      id.u = run.insert_id();
      key_values.push_back(id);
    } else if (given) {
      key_values.push_back(*given);
    } else {
      identified = false;  // a key column left to its default: which value it got is unknown
      break;
    }
  }
  if (!rows) return SQL_ROW_ADDED;  // a forward-only cursor has no place for it
  const bool added = identified && run.read_first_row(table.select_sql(table.key_columns()), key_values,
                                                      [&](const Cell* cells) { rows->append_row(cells); });
  if (use_bookmarks_ != SQL_UB_OFF) {
    if (added) {
      write_bookmark_at(row_in_set, rows->row_count());
    } else if (ard_->find(0) && ard_->find(0)->bound) {
      row_warning("01000", "the row was added, but without a unique key of its own in the result set it cannot be "
                           "found again: no bookmark",
                  row_in_set);
    }
  }
  return SQL_ROW_ADDED;
}

SQLRETURN Statement::for_each_changed_row(SQLULEN count, bool bulk, const std::function<bool(SQLULEN)>& selected,
                                          const std::function<SQLUSMALLINT(PositionedRun&, SQLULEN)>& change) {
  connection_.claim_session(this);
  // The changes go to the server directly, past the replay log: a transaction with them is not
  // replayable (whatever way this ends).
  struct NotReplayable {
    Connection& c;
    ~NotReplayable() {
      try {
        c.poison_replay("positioned changes (SQLSetPos, SQLBulkOperations) are not replayed");
      } catch (...) {
      }
    }
  } not_replayable{connection_};
  PositionedRun run(connection_.session());
  SQLUSMALLINT* status = implicit_ird_.array_status_ptr;
  SQLLEN changed = 0;
  SQLULEN attempted = 0, errors = 0, conflicts = 0;
  for (SQLULEN i = 0; i < count; ++i) {
    if (!selected(i)) continue;
    ++attempted;
    SQLUSMALLINT row_status = SQL_ROW_ERROR;
    bool failed = false;
    try {
      row_status = change(run, i);
    } catch (const OdbcError& e) {
      failed = true;
      diagnostics().add(e.sqlstate(), std::string(e.what()) + " (row " + std::to_string(i + 1) + " of the rowset)",
                        e.native(), static_cast<SQLLEN>(i) + 1);
      ++errors;
      if (!connection_.connected() || connection_.session().lost()) {
        if (status) status[i] = SQL_ROW_ERROR;
        break;  // nothing more can run
      }
    }
    if (row_status == SQL_ROW_ERROR) {
      if (!failed) ++conflicts;  // a conflict (01001, a warning) was posted
    } else {
      ++changed;
    }
    if (status) status[i] = row_status;
  }
  row_count_ = changed;
  if (bulk && implicit_ird_.rows_processed_ptr) *implicit_ird_.rows_processed_ptr = static_cast<SQLULEN>(changed);
  if (attempted > 0 && errors == attempted) return SQL_ERROR;
  return errors || conflicts ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}

}  // namespace fabodbc
