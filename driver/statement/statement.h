// The statement handle: prepare/execute, the current result and fetching from it, parameter
// and column bindings (through the implicit descriptors), statement attributes.
//
// The members are defined across driver/statement/: statement.cpp (lifetime, execution),
// statement_params.cpp (parameter values, data at execution, parameter arrays set by set),
// statement_results.cpp (the current result, SQLMoreResults, closing, release_session),
// statement_attributes.cpp, statement_fetch.cpp (fetching, bindings), and the files named at
// the members below.
//
// Execution paths:
//  * SQLExecDirect: a single SELECT without parameters is prepared and executed in one round
//    trip and streams binary rows (statement_direct.cpp); other statements use the text
//    protocol, streamed with mysql_use_result. Bound parameters are rendered as literals into
//    the text (one round trip instead of prepare+execute+close).
//  * SQLPrepare: server-side prepared statement (result metadata right away); SQLExecute
//    streams rows through the binary protocol. A statement the server cannot prepare
//    (ER_UNSUPPORTED_PS) falls back to text with the parameters substituted as literals.
#pragma once

#include "driver/convert/convert.h"
#include "driver/descriptor/descriptor.h"
#include "driver/error.h"
#include "driver/handle.h"
#include "driver/mysql/prepared_statement.h"
#include "driver/results/memory_result.h"
#include "driver/results/result_set.h"

#include <sql.h>
#include <sqlext.h>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fabodbc {

class Connection;
class PositionedTable;

class Statement : public Handle {
 public:
  explicit Statement(Connection& connection);
  ~Statement();

  Connection& connection() noexcept { return connection_; }

  // Execution.
  SQLRETURN exec_direct(std::string sql);
  SQLRETURN prepare(std::string sql);
  SQLRETURN execute();
  // Data-at-execution parameters (SQL_DATA_AT_EXEC / SQL_LEN_DATA_AT_EXEC): SQLParamData hands
  // out the next parameter's token, SQLPutData appends to it; the last SQLParamData executes.
  SQLRETURN param_data(SQLPOINTER* token);
  void put_data(SQLPOINTER data, SQLLEN length);
  SQLSMALLINT num_params();
  // SQLDescribeParam: the column a marker fills in INSERT ... VALUES, otherwise the type the
  // application bound (IPD), otherwise a VARCHAR the server converts from.
  void describe_param(SQLUSMALLINT number, SQLSMALLINT* type, SQLULEN* size, SQLSMALLINT* digits,
                      SQLSMALLINT* nullable);
  SQLLEN row_count();
  SQLLEN last_row_count() const noexcept { return row_count_; }  // SQL_DIAG_ROW_COUNT
  SQLRETURN more_results();
  // SQLCloseCursor (24000 when no cursor is open) / SQLFreeStmt(SQL_CLOSE) (no error).
  void close_cursor(bool error_if_none);
  void close_cursor_quietly() noexcept;
  // Called from another thread: no lock on the connection is held.
  void cancel();

  // Results.
  SQLSMALLINT num_result_cols();
  const ColumnInfo& column(SQLUSMALLINT number);  // 1-based; 07009 out of range
  SQLRETURN fetch();
  SQLRETURN fetch_scroll(SQLSMALLINT orientation, SQLLEN offset);
  // ODBC 2 SQLExtendedFetch (PHP's odbc extension uses it): SQLFetchScroll with the row count
  // and row status going to the given pointers instead of the IRD's.
  SQLRETURN extended_fetch(SQLUSMALLINT orientation, SQLLEN offset, SQLULEN* rows, SQLUSMALLINT* status);
  SQLRETURN get_data(SQLUSMALLINT column, SQLSMALLINT c_type, SQLPOINTER value, SQLLEN buffer_length,
                     SQLLEN* indicator);
  // Bookmarks: column 0 and SQL_FETCH_BOOKMARK (statement_bookmarks.cpp).
  SQLRETURN get_bookmark(SQLSMALLINT c_type, SQLPOINTER value, SQLLEN buffer_length, SQLLEN* indicator);
  // SQLGetCursorName / SQLSetCursorName (statement_cursor_name.cpp).
  const std::string& cursor_name();
  void set_cursor_name(const std::string& name);
  // SQLSetPos: SQL_POSITION / SQL_REFRESH within the rowset, SQL_UPDATE / SQL_DELETE / SQL_ADD
  // through generated SQL against the result's base table (statement_setpos.cpp).
  SQLRETURN set_pos(SQLULEN row, SQLUSMALLINT operation, SQLUSMALLINT lock);
  // SQLBulkOperations: SQL_ADD and the by-bookmark operations (statement_bulk_operations.cpp).
  SQLRETURN bulk_operations(SQLUSMALLINT operation);

  // Bindings.
  void bind_col(SQLUSMALLINT column, SQLSMALLINT c_type, SQLPOINTER value, SQLLEN buffer_length,
                SQLLEN* indicator);
  void bind_parameter(SQLUSMALLINT number, SQLSMALLINT io_type, SQLSMALLINT c_type, SQLSMALLINT sql_type,
                      SQLULEN column_size, SQLSMALLINT decimal_digits, SQLPOINTER value,
                      SQLLEN buffer_length, SQLLEN* indicator);
  // SQLSetParam (ODBC 1): an INPUT_OUTPUT parameter whose buffer length is unknown
  // (SQL_SETPARAM_VALUE_MAX); a value written back is bounded by ColumnSize instead.
  void set_param(SQLUSMALLINT number, SQLSMALLINT c_type, SQLSMALLINT sql_type, SQLULEN column_size,
                 SQLSMALLINT decimal_digits, SQLPOINTER value, SQLLEN* indicator);
  void unbind_columns() { ard().unbind_all(); }
  void reset_params() { apd().unbind_all(); ipd().unbind_all(); }

  // Attributes (all integer or pointer valued).
  SQLRETURN set_attr(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length);
  SQLULEN get_attr(SQLINTEGER attribute);  // pointers are returned as numbers

  // Catalog results (buffered, small).
  void tables(const std::string* catalog, const std::string* schema, const std::string* table,
              const std::string* types);
  void columns(const std::string* catalog, const std::string* schema, const std::string* table,
               const std::string* column);
  void type_info(SQLSMALLINT sql_type);
  void primary_keys(const std::string* catalog, const std::string* table);
  void statistics(const std::string* catalog, const std::string* table, SQLUSMALLINT unique);
  void foreign_keys(const std::string* pk_catalog, const std::string* pk_table, const std::string* fk_catalog,
                    const std::string* fk_table);
  // catalog_procedures.cpp / catalog_privileges.cpp
  void procedures(const std::string* catalog, const std::string* name);
  void procedure_columns(const std::string* catalog, const std::string* name, const std::string* column);
  void special_columns(SQLUSMALLINT identifier_type, const std::string* catalog, const std::string* table,
                       SQLUSMALLINT scope, SQLUSMALLINT nullable);
  void table_privileges(const std::string* catalog, const std::string* table);
  void column_privileges(const std::string* catalog, const std::string* table, const std::string* column);

  Descriptor& ard() noexcept { return *ard_; }
  Descriptor& apd() noexcept { return *apd_; }
  Descriptor& ird() noexcept { return implicit_ird_; }
  Descriptor& ipd() noexcept { return implicit_ipd_; }
  // The IRD's records for SQLGetDescField/SQLCopyDesc: the columns of the prepared or
  // executed statement (empty without a result); HY007 when it is neither (descriptor_fields.cpp).
  std::vector<ColumnInfo> ird_columns() const;
  // Column 0 when SQL_ATTR_USE_BOOKMARKS is on (statement_bookmarks.cpp): SQL_BINARY(8) for
  // variable bookmarks, SQL_INTEGER for ODBC 2 fixed ones. 07009 when bookmarks are off.
  const ColumnInfo& bookmark_column() const;

  // UPDATE / DELETE ... WHERE CURRENT OF this statement's cursor, run by another statement of
  // the connection (statement_positioned.cpp): the condition that picks this cursor's current
  // row, " WHERE ..." with the fetched values as literals (the key's columns when the result
  // holds a unique key, else every comparable column and LIMIT 1). nullopt when, without a key,
  // several rows have those values: which one is meant is unknown. 24000 when not on a row.
  std::optional<std::string> current_row_condition();

  // For the connection: another statement needs the session. Buffers this statement's
  // streaming result (keeping its current row) and drops its pending extra results.
  void release_session();
  // Closes the server-side prepared statement; the session is claimed first because closing
  // sends a command (another statement's streaming result is buffered).
  void drop_prepared() noexcept;
  // An explicit descriptor is being freed.
  void forget_descriptor(const Descriptor* descriptor) noexcept;

 private:
  enum class Protocol { None, Text, Binary, Buffered };
  // An extra result of a batch or CALL, set aside when another statement needed the session.
  struct BufferedResult {
    std::unique_ptr<MemoryResult> rows;  // null: a statement without rows
    SQLLEN affected = -1;
    std::optional<OdbcError> error;      // the batch failed at this statement
  };

  void start_command();  // common preamble of every execution
  std::string with_timeout(const std::string& sql) const;
  enum class RunKind { Direct, Prepared, ClientPrepared };
  // ODBC escape sequences ({fn ...}, {d ...}, {call ...}) translated to MySQL text, unless
  // SQL_ATTR_NOSCAN is on. Also notes whether the statement is a procedure call.
  std::string translate(std::string sql);
  // Converts the bound parameters; data-at-execution ones are noted in dae_params_.
  // `row`: the parameter set of an array (SQL_ATTR_PARAMSET_SIZE), 0 without arrays.
  std::vector<ParamValue> collect_params(size_t count, SQLULEN row = 0);
  // The same, appended to `values` (parameter arrays gather every set of a chunk in one vector).
  void append_params(std::vector<ParamValue>& values, size_t count, SQLULEN row);
  SQLRETURN gather_and_run(size_t count);
  // `sql` with a trailing WHERE CURRENT OF cursor replaced by current_row_condition() of the
  // named cursor (statement_current_of.cpp). False when that cursor's row is ambiguous: 01001
  // is posted and nothing runs (the statement counts as executed, 0 rows).
  bool resolve_current_of(std::string& sql);
  bool is_positioned_statement(const std::string& sql) const;  // ends with WHERE CURRENT OF name
  // Several statements in one text, with MULTI_STATEMENTS on (a batch runs as text only).
  bool is_batch(const std::string& sql) const;
  std::string positioned_template_;       // a prepared WHERE CURRENT OF statement, rewritten at each SQLExecute
  // Parameter arrays: one execution per parameter set when the bulk protocol does not apply,
  // statuses in SQL_ATTR_PARAM_STATUS_PTR, the row counts added up (SQL_PARC_NO_BATCH).
  SQLRETURN run_param_array(size_t count);
  // The same in one (or a few) round trips with MariaDB's bulk protocol, for INSERT, UPDATE,
  // DELETE and REPLACE (statement_bulk.cpp). nullopt when it does not apply and nothing was
  // sent: run_param_array then executes set by set.
  std::optional<SQLRETURN> run_param_array_bulk(size_t count);
  SQLRETURN run_with_params();
  // OUTPUT / INPUT_OUTPUT parameters of a CALL (session variables) and the return value of
  // {?= call f(...)} (statement_out_params.cpp). `count`: markers in the statement text.
  bool has_output_params(size_t count) const;
  SQLRETURN run_with_output_params(size_t count);
  void write_output_param(SQLUSMALLINT number, const ColumnInfo& column, const Cell& cell);
  // The row of OUT values as a result of the CALL, before its status result.
  void show_output_values(std::unique_ptr<MemoryResult> row);
  // SQLExecDirect of a single row-returning statement without parameters: prepared and
  // executed in one round trip, rows through the binary protocol (statement_direct.cpp).
  // nullopt when it does not apply, when the statement's shape returned a small result last
  // time (direct_protocol.h), or the server could not prepare it (nothing has run): the
  // caller sends the text instead.
  std::optional<SQLRETURN> run_direct_binary();
  // Tells direct_protocol how many rows the result of direct_shape_ had, once known.
  void remember_direct_rows(uint64_t rows) noexcept;
  // Before a streaming result of direct_shape_ is closed: reads on (the rows the close would
  // read and drop anyway) far enough to tell a small result from a large one.
  void remember_direct_rows_before_close() noexcept;
  SQLRETURN run_text(const std::string& sql);
  SQLRETURN finish_route_only();
  // After a statement ran: kept for transaction replay (a static cursor's rows checksummed).
  void note_for_replay(const std::string& sql, const std::vector<ParamValue>* params);
  // exec_direct / execute once; the public ones run them again after a replayed failover.
  SQLRETURN exec_direct_once(std::string sql);
  SQLRETURN execute_once();
  SQLRETURN run_prepared();
  // The bookkeeping after prepared_ executed on the binary protocol: result or row count.
  SQLRETURN take_binary_outcome();
  SQLRETURN take_text_result();
  void set_result(std::unique_ptr<ResultSet> result);
  void discard_pending_results() noexcept;
  void check_cancelled();
  const std::vector<ColumnInfo>* current_columns() const;
  void refresh_bound_columns();
  struct BoundColumn;
  // The bound buffer of `b` for element `row_in_set` of the rowset (bind offset, row- or
  // column-wise binding applied); the C type resolved from SQL_C_DEFAULT.
  CTarget bound_target(const BoundColumn& b, const ColumnInfo& column, SQLULEN row_in_set) const;
  // Converts the current row into element `row_in_set` of the bound buffers.
  SQLRETURN fetch_bound_row(SQLULEN row_in_set = 0);
  // Fetches up to SQL_ATTR_ROW_ARRAY_SIZE rows from the current position into the bindings.
  SQLRETURN fetch_rowset();
  SQLRETURN scroll_to(SQLSMALLINT orientation, SQLLEN offset);
  void check_bookmark_binding(SQLSMALLINT c_type) const;
  SQLULEN current_bookmark() const;
  void write_bound_bookmark(SQLULEN row_in_set);
  // `bookmark` into element `row_in_set` of the column 0 buffers; false when column 0 is not bound.
  bool write_bookmark_at(SQLULEN row_in_set, SQLULEN bookmark);
  int64_t bookmark_start(SQLLEN offset) const;  // 0-based first row for SQL_FETCH_BOOKMARK
  // After SQLSetPos moved a static cursor inside its rowset: back to the rowset's last row.
  void end_setpos() noexcept;
  // The bookmark in element `row_in_set` of the buffer bound to column 0 (SQLBulkOperations).
  SQLULEN bound_bookmark(SQLULEN row_in_set) const;

  // Positioned changes (statement_positioned.cpp). A change works on the static cursor's
  // buffered rows and the values in the bound buffers (element `row_in_set` of the rowset).
  class PositionedRun;  // the prepared statements of one SQLSetPos / SQLBulkOperations call
  // The rows a change works on. Both incumbent drivers change rows whatever
  // SQL_ATTR_CONCURRENCY says and on forward-only cursors too (applications written for them
  // never set it), so this only refuses a result that is not one base table (HY000,
  // positioned_table()). A static cursor changes its buffered rows; a forward-only one its
  // rowset copy or its current row, with the rest of its stream buffered first (the change
  // needs the session).
  struct ChangeableRows {
    MemoryResult& rows;
    size_t first;       // the rowset's first row in `rows`
    bool keeps_added;   // a static cursor shows rows it added; a forward-only one has passed them
  };
  ChangeableRows check_changeable();
  const PositionedTable& positioned_table();
  // Each returns the row's status (SQL_ROW_UPDATED, SQL_ROW_DELETED, SQL_ROW_ADDED, or
  // SQL_ROW_ERROR after posting 01001 for a conflict); other errors throw.
  SQLUSMALLINT update_row(PositionedRun& run, MemoryResult& rows, size_t row, SQLULEN row_in_set);
  SQLUSMALLINT delete_row(PositionedRun& run, MemoryResult& rows, size_t row, SQLULEN row_in_set);
  // A warning about element `row_in_set` of the rowset (SQL_DIAG_ROW_NUMBER set).
  void row_warning(const char* sqlstate, const std::string& message, SQLULEN row_in_set);
  // `rows`: where an added row joins the cursor (null: it does not).
  SQLUSMALLINT add_row(PositionedRun& run, MemoryResult* rows, SQLULEN row_in_set);
  // SQLSetPos(SQL_UPDATE / SQL_ADD) with bound columns marked SQL_DATA_AT_EXEC: SQL_NEED_DATA,
  // their values come through SQLParamData / SQLPutData, the last SQLParamData changes the row
  // (statement_setpos_dae.cpp). nullopt when no bound column of element `row_in_set` waits.
  std::optional<SQLRETURN> start_setpos_dae(SQLULEN row, SQLUSMALLINT operation, SQLULEN row_in_set, bool several);
  SQLRETURN setpos_param_data(SQLPOINTER* token);
  struct SetPosDae {
    SQLULEN row = 0;
    SQLUSMALLINT operation = 0;
    std::vector<SQLUSMALLINT> columns;                  // waiting for data, in column order
    std::vector<std::optional<std::string>> values;     // what SQLPutData sent (nullopt: NULL)
    bool complete = false;                              // every value is in: the change runs
  };
  std::optional<SetPosDae> setpos_dae_;
  // The value SQLPutData gave bound column `number` (null when it is not a data-at-execution
  // column of the change in progress).
  const std::optional<std::string>* setpos_dae_value(SQLUSMALLINT number) const;
  // The C type SQLPutData's piece is for: the parameter's, or the bound column's during SQLSetPos.
  SQLSMALLINT dae_c_type() const;
  // Runs `change` for each row in [0, count) that `selected` accepts: its status goes to
  // SQL_ATTR_ROW_STATUS_PTR, an error is posted with the row number and the next row goes on;
  // SQL_ERROR when every row attempted failed. SQLRowCount gives the rows changed, and so does
  // SQL_ATTR_ROWS_FETCHED_PTR after a multi-row (`bulk`) operation.
  SQLRETURN for_each_changed_row(SQLULEN count, bool bulk, const std::function<bool(SQLULEN)>& selected,
                                 const std::function<SQLUSMALLINT(PositionedRun&, SQLULEN)>& change);
  // The values of the bound columns in element `row_in_set` (SQL_COLUMN_IGNORE left out),
  // converted like parameters: the result column indexes and their values.
  void bound_row_values(SQLULEN row_in_set, std::vector<size_t>& columns, std::vector<ParamValue>& values);
  // Runs an INFORMATION_SCHEMA query for a catalog function and hands its rows to `row`
  // (defined in driver/catalog/catalog_rows.h).
  template <class F>
  void for_each_catalog_row(const std::string& sql, F&& row);
  // A catalog function starts like a new execution (no cursor, no prepared statement) ...
  void begin_catalog_call();
  // ... and ends with its rows as the statement's result.
  void publish_catalog_result(std::unique_ptr<ResultSet> rows);

  Connection& connection_;
  Descriptor implicit_ard_, implicit_apd_, implicit_ird_, implicit_ipd_;
  Descriptor* ard_;
  Descriptor* apd_;

  // Prepared state.
  std::string sql_;                       // the statement as the application gave it
  std::unique_ptr<mysql::PreparedStatement> prepared_;
  bool prepared_on_client_ = false;       // server refused: text + literals at execute
  std::vector<size_t> markers_;           // `?` offsets when parameters go in as literals
  // SQLDescribeParam's answer per marker, worked out on first use after SQLPrepare
  // (driver/statement/statement_describe_param.cpp); an empty optional: generic description.
  std::optional<std::vector<std::optional<ColumnInfo>>> param_descriptions_;
  // The real types of markers that are whole values of an INSERT ... VALUES (one extra prepare
  // of a SELECT of those columns, never executed); nullopt per marker when unknown.
  std::vector<std::optional<ColumnInfo>> describe_markers();

  // Parameters of the execution in progress.
  RunKind run_kind_ = RunKind::Direct;
  std::vector<ParamValue> param_values_;
  std::vector<SQLUSMALLINT> dae_params_;  // parameter numbers still waiting for SQLPutData
  int dae_index_ = -1;                    // which of dae_params_ SQLPutData fills
  std::string dae_buffer_;
  bool dae_null_ = false;
  bool need_data_ = false;
  bool is_prepared_ = false;
  SQLULEN prepared_timeout_ = 0;          // the SQL_ATTR_QUERY_TIMEOUT built into prepared_
  bool route_only_ = false;  // the text is nothing but a "set" routing hint: never sent
  // Transaction replay (Connection::note_for_replay): this statement's entry in the log.
  size_t replay_index_ = static_cast<size_t>(-1);
  uint64_t replay_generation_ = 0;
  int replay_protocol_ = 0;               // routing::ReplayProtocol of the binary run
  const char* unreplayable_run_ = nullptr;  // set while a run the log cannot follow is under way
  uint64_t prepared_session_ = 0;         // Connection::session_generation() prepared_ belongs to
  bool is_call_ = false;
  bool returns_value_ = false;            // {?= call f(...)}: parameter 1 is the function's value

  // Execution state.
  bool executed_ = false;
  Protocol pending_protocol_ = Protocol::None;  // whose extra results may follow
  std::unique_ptr<ResultSet> result_;
  std::deque<BufferedResult> buffered_results_;  // Protocol::Buffered
  bool has_row_ = false;                  // fetch() positioned on a row
  SQLLEN row_count_ = -1;
  SQLULEN rows_fetched_ = 0;
  size_t rows_read_ = 0;                  // rows of the current result read so far (fetch_rowset)
  // The current result has `rows` rows: SQLRowCount's answer (capped by SQL_ATTR_MAX_ROWS).
  void note_result_rows(size_t rows);
  uint64_t direct_shape_ = 0;             // SQLExecDirect's statement shape while its result is read; 0: none
  int64_t rowset_first_ = -1;             // static cursors: index of the rowset's first row
  bool setpos_moved_ = false;             // SQLSetPos left the cursor inside the rowset
  // A forward-only cursor with a rowset of several rows streams past them, so the rowset is
  // copied as it is fetched: SQLSetPos and SQLGetData (SQL_GD_BLOCK) can then reach any of its
  // rows. Valid while result_ is the result it was copied from.
  std::unique_ptr<MemoryResult> rowset_copy_;
  const ResultSet* rowset_copy_for_ = nullptr;
  MemoryResult* block_copy() const noexcept {
    return rowset_copy_ && result_ && rowset_copy_for_ == result_.get() ? rowset_copy_.get() : nullptr;
  }
  // The row SQLGetData and the bound-buffer conversion read: the rowset copy's current row
  // for a forward-only block cursor, otherwise the result's.
  const Cell* current_cells() const { return block_copy() ? rowset_copy_->row() : result_->row(); }
  bool bulk_operated_ = false;            // SQLBulkOperations since the last fetch (SQLSetPos: HY109)
  std::string cursor_name_;               // "" until set or asked for
  SQLULEN use_bookmarks_ = SQL_UB_OFF;
  SQLPOINTER fetch_bookmark_ptr_ = nullptr;  // SQL_ATTR_FETCH_BOOKMARK_PTR
  std::unique_ptr<PositionedTable> positioned_table_;  // analysis of the last result changed

  // SQLGetData progress within the current row.
  SQLUSMALLINT getdata_column_ = 0;
  size_t getdata_offset_ = 0;
  bool getdata_done_ = false;

  // Bound columns (ARD records with a buffer) as ready-made conversion targets, cached per
  // ARD generation so a fetch only adjusts them for SQL_ATTR_ROW_BIND_OFFSET_PTR.
  struct BoundColumn {
    SQLUSMALLINT number;
    CTarget target;  // c_type still SQL_C_DEFAULT when the application asked for the default
  };
  std::vector<BoundColumn> bound_columns_;
  unsigned bound_generation_ = ~0u;
  const Descriptor* bound_for_ = nullptr;

  // Attributes.
  SQLULEN cursor_type_ = SQL_CURSOR_FORWARD_ONLY;  // or SQL_CURSOR_STATIC (buffered, scrollable)
  SQLULEN concurrency_ = SQL_CONCUR_READ_ONLY;     // or SQL_CONCUR_VALUES (positioned changes)
  SQLULEN query_timeout_ = 0;
  SQLULEN max_rows_ = 0;
  SQLULEN max_length_ = 0;
  SQLULEN noscan_ = SQL_NOSCAN_OFF;
  SQLULEN retrieve_data_ = SQL_RD_ON;
  SQLULEN metadata_id_ = SQL_FALSE;

  std::atomic<bool> executing_{false};
  std::atomic<uint64_t> execution_number_{0};  // tells SQLCancel whether the same run is still going
  std::atomic<bool> cancel_requested_{false};
};

}  // namespace fabodbc
