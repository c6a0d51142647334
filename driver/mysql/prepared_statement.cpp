#include "driver/mysql/prepared_statement.h"

#include "driver/mysql/mysql_internal.h"
#include "driver/sqlstate_map.h"

#include <cstring>

namespace fabodbc::mysql {

namespace {

// Buffers one result column is fetched into. Sized once per result shape; the variable-length
// buffer grows (and stays grown) when a longer value arrives.
struct ColumnBuffer {
  std::vector<char> bytes;
  MYSQL_TIME time{};
  int64_t integer = 0;
  double real = 0;
  float real32 = 0;
  unsigned long length = 0;
  my_bool is_null = 0;
  my_bool error = 0;
  enum class Kind : uint8_t { Integer, Real, Real32, Date, Time, DateTime, Bytes } kind = Kind::Bytes;
  bool is_unsigned = false;
};

constexpr size_t kMinVarBuffer = 64;
constexpr size_t kMaxInitialVarBuffer = 8192;  // longer values: grown on demand

void fill_time(const MYSQL_TIME& t, SqlTime* out) {
  out->year = static_cast<int>(t.year);
  out->month = t.month;
  out->day = t.day;
  out->hour = t.hour;
  out->minute = t.minute;
  out->second = t.second;
  out->fraction_ns = static_cast<uint32_t>(t.second_part * 1000);
  out->negative = t.neg != 0;
}

// One parameter's values for a bulk execution, laid out column-wise as Connector/C reads them:
// a contiguous array for fixed-size types, pointers + lengths for strings, one indicator per set.
struct BulkColumn {
  enum class Wire : uint8_t { None, Integer, Unsigned, Real, String, Blob, Date, Time, DateTime };
  Wire wire = Wire::None;
  std::vector<int64_t> integers;  // Integer and Unsigned (same bits)
  std::vector<double> reals;
  std::vector<const char*> pointers;  // strings, bytes; dates point into `times`
  std::vector<unsigned long> lengths;
  std::vector<MYSQL_TIME> times;
  std::vector<char> indicators;
};

BulkColumn::Wire wire_of(ParamValue::Kind kind) {
  switch (kind) {
    case ParamValue::Kind::Null: return BulkColumn::Wire::None;
    case ParamValue::Kind::Int: return BulkColumn::Wire::Integer;
    case ParamValue::Kind::UInt: return BulkColumn::Wire::Unsigned;
    case ParamValue::Kind::Double: return BulkColumn::Wire::Real;
    case ParamValue::Kind::Text: case ParamValue::Kind::Decimal: return BulkColumn::Wire::String;
    case ParamValue::Kind::Bytes: return BulkColumn::Wire::Blob;
    case ParamValue::Kind::Date: return BulkColumn::Wire::Date;
    case ParamValue::Kind::Time: return BulkColumn::Wire::Time;
    case ParamValue::Kind::DateTime: return BulkColumn::Wire::DateTime;
  }
  return BulkColumn::Wire::None;
}

void to_mysql_time(const ParamValue& v, MYSQL_TIME* t) {
  *t = MYSQL_TIME{};
  t->year = static_cast<unsigned>(v.t.year);
  t->month = v.t.month;
  t->day = v.t.day;
  t->hour = v.t.hour;
  t->minute = v.t.minute;
  t->second = v.t.second;
  t->second_part = v.t.fraction_ns / 1000;
  t->neg = v.t.negative;
  t->time_type = v.kind == ParamValue::Kind::Date   ? MYSQL_TIMESTAMP_DATE
                 : v.kind == ParamValue::Kind::Time ? MYSQL_TIMESTAMP_TIME
                                                    : MYSQL_TIMESTAMP_DATETIME;
}

// MARIADB_STMT_BULK_SUPPORTED reads a struct that the headers leave incomplete; the same test
// through the public info call. MySQL servers never announce it.
bool bulk_supported(MYSQL* mysql) {
  unsigned long server = 0, extended = 0;
  if (mariadb_get_infov(mysql, MARIADB_CONNECTION_SERVER_CAPABILITIES, &server) ||
      mariadb_get_infov(mysql, MARIADB_CONNECTION_EXTENDED_SERVER_CAPABILITIES, &extended)) {
    return false;
  }
  return (server & CLIENT_MYSQL) == 0 && (extended & (MARIADB_CLIENT_STMT_BULK_OPERATIONS >> 32)) != 0;
}

}  // namespace

struct PreparedStatement::Impl {
  MYSQL* mysql = nullptr;
  ErrorObserver* observer = nullptr;  // the session's (routing), may be null
  GtidObserver* gtid_observer = nullptr;  // the session's (read-your-writes), may be null
  MYSQL_STMT* stmt = nullptr;
  unsigned mbmaxlen = 4;
  bool wide_text = true;
  unsigned param_count = 0;
  std::vector<ColumnInfo> prepare_columns;  // shape known after prepare

  std::vector<MYSQL_BIND> param_binds;
  std::vector<MYSQL_TIME> param_times;
  std::vector<char> param_is_null;
  std::vector<BulkColumn> bulk;  // reused between bulk executions

  // Current result shape.
  std::vector<ColumnInfo> columns;
  std::vector<ColumnBuffer> buffers;
  std::vector<MYSQL_BIND> binds;
  std::vector<Cell> cells;
  bool result_bound = false;
  bool result_open = false;  // execute produced rows not yet read to the end

  ~Impl() {
    if (stmt) mysql_stmt_close(stmt);
  }

  // Errors while rows stream (e.g. max_statement_time) may be recorded on the connection
  // rather than on the statement.
  [[noreturn]] void fail() {
    OdbcError error = (mysql_stmt_errno(stmt) == 0 && mysql_errno(mysql) != 0) ? connection_error(mysql)
                                                                              : statement_error(stmt);
    if (observer) observer->on_error(error, (mysql->server_status & SERVER_STATUS_IN_TRANS) != 0);
    throw error;
  }

  void bind_result_shape() {
    MYSQL_RES* meta = mysql_stmt_result_metadata(stmt);
    if (!meta) {
      columns.clear();
      buffers.clear();
      binds.clear();
      cells.clear();
      result_bound = false;
      return;
    }
    unsigned n = mysql_num_fields(meta);
    MYSQL_FIELD* fields = mysql_fetch_fields(meta);
    columns = describe_fields(fields, n, mbmaxlen, wide_text);
    buffers.assign(n, ColumnBuffer{});
    binds.assign(n, MYSQL_BIND{});
    cells.assign(n, Cell{});
    for (unsigned i = 0; i < n; ++i) {
      ColumnBuffer& b = buffers[i];
      MYSQL_BIND& bind = binds[i];
      bind.length = &b.length;
      bind.is_null = &b.is_null;
      bind.error = &b.error;
      b.is_unsigned = (fields[i].flags & UNSIGNED_FLAG) != 0;
      switch (fields[i].type) {
        case MYSQL_TYPE_TINY: case MYSQL_TYPE_SHORT: case MYSQL_TYPE_INT24:
        case MYSQL_TYPE_LONG: case MYSQL_TYPE_LONGLONG: case MYSQL_TYPE_YEAR:
          b.kind = ColumnBuffer::Kind::Integer;
          bind.buffer_type = MYSQL_TYPE_LONGLONG;
          bind.buffer = &b.integer;
          bind.is_unsigned = b.is_unsigned;
          break;
        case MYSQL_TYPE_DOUBLE:
          b.kind = ColumnBuffer::Kind::Real;
          bind.buffer_type = MYSQL_TYPE_DOUBLE;
          bind.buffer = &b.real;
          break;
        case MYSQL_TYPE_FLOAT:
          b.kind = ColumnBuffer::Kind::Real32;
          bind.buffer_type = MYSQL_TYPE_FLOAT;
          bind.buffer = &b.real32;
          break;
        case MYSQL_TYPE_DATE: case MYSQL_TYPE_NEWDATE:
          b.kind = ColumnBuffer::Kind::Date;
          bind.buffer_type = MYSQL_TYPE_DATE;
          bind.buffer = &b.time;
          break;
        case MYSQL_TYPE_TIME:
          b.kind = ColumnBuffer::Kind::Time;
          bind.buffer_type = MYSQL_TYPE_TIME;
          bind.buffer = &b.time;
          break;
        case MYSQL_TYPE_DATETIME: case MYSQL_TYPE_TIMESTAMP:
          b.kind = ColumnBuffer::Kind::DateTime;
          bind.buffer_type = MYSQL_TYPE_DATETIME;
          bind.buffer = &b.time;
          break;
        default: {
          // Strings, DECIMAL (exact text), BIT, ENUM/SET, JSON, BLOB, GEOMETRY: bytes.
          b.kind = ColumnBuffer::Kind::Bytes;
          size_t size = fields[i].length + 1;
          if (size < kMinVarBuffer) size = kMinVarBuffer;
          if (size > kMaxInitialVarBuffer) size = kMaxInitialVarBuffer;
          b.bytes.resize(size);
          bind.buffer_type = MYSQL_TYPE_STRING;
          bind.buffer = b.bytes.data();
          bind.buffer_length = b.bytes.size();
          break;
        }
      }
    }
    mysql_free_result(meta);
    if (mysql_stmt_bind_result(stmt, binds.data())) fail();
    result_bound = true;
  }

  // After MYSQL_DATA_TRUNCATED: grow the buffers of the values that did not fit and fetch them
  // again (mysql_stmt_fetch_column), then rebind so the next rows use the larger buffers.
  void refetch_truncated() {
    bool rebind = false;
    for (unsigned i = 0; i < buffers.size(); ++i) {
      ColumnBuffer& b = buffers[i];
      if (!b.error || b.kind != ColumnBuffer::Kind::Bytes || b.length < b.bytes.size()) continue;
      b.bytes.resize(b.length + 1);
      MYSQL_BIND& bind = binds[i];
      bind.buffer = b.bytes.data();
      bind.buffer_length = b.bytes.size();
      if (mysql_stmt_fetch_column(stmt, &bind, i, 0)) fail();
      b.error = 0;
      rebind = true;
    }
    if (rebind && mysql_stmt_bind_result(stmt, binds.data())) fail();
  }

  void fill_cells() {
    const size_t n = buffers.size();
    for (size_t i = 0; i < n; ++i) {
      const ColumnBuffer& b = buffers[i];
      Cell& c = cells[i];
      if (b.is_null) {
        c.kind = Cell::Kind::Null;
        continue;
      }
      switch (b.kind) {
        case ColumnBuffer::Kind::Integer:
          if (b.is_unsigned) {
            c.kind = Cell::Kind::UInt;
            c.u = static_cast<uint64_t>(b.integer);
          } else {
            c.kind = Cell::Kind::Int;
            c.i = b.integer;
          }
          break;
        case ColumnBuffer::Kind::Real:
          c.kind = Cell::Kind::Double;
          c.d = b.real;
          break;
        case ColumnBuffer::Kind::Real32:
          c.kind = Cell::Kind::Double;
          c.d = b.real32;
          break;
        case ColumnBuffer::Kind::Date:
          c.kind = Cell::Kind::Date;
          fill_time(b.time, &c.t);
          break;
        case ColumnBuffer::Kind::Time:
          c.kind = Cell::Kind::Time;
          fill_time(b.time, &c.t);
          break;
        case ColumnBuffer::Kind::DateTime:
          c.kind = Cell::Kind::DateTime;
          fill_time(b.time, &c.t);
          break;
        case ColumnBuffer::Kind::Bytes:
          c.kind = Cell::Kind::Text;
          c.data = b.bytes.data();
          c.length = b.length;
          break;
      }
    }
  }

  // The server sends fresh metadata with each execution; a type that depends on the parameter
  // values (e.g. UPPER(?)) may differ from what prepare reported. A cheap comparison, no copy.
  bool metadata_changed() const {
    if (!stmt->fields || stmt->field_count != columns.size()) return false;
    for (unsigned i = 0; i < stmt->field_count; ++i) {
      const MYSQL_FIELD& f = stmt->fields[i];
      const FieldDesc& d = columns[i].field;
      if (static_cast<MyType>(f.type) != d.type || f.charsetnr != d.charsetnr ||
          ((f.flags ^ d.flags) & (UNSIGNED_FLAG | BINARY_FLAG)) != 0) {
        return true;
      }
    }
    return false;
  }

  void drain() {
    if (!result_open) return;
    while (true) {
      int rc = mysql_stmt_fetch(stmt);
      if (rc == MYSQL_NO_DATA || rc == 1) break;
    }
    result_open = false;
  }
};

namespace {

// The binary-protocol rows of the statement's current result, read one at a time.
class BinaryResult final : public ResultSet {
 public:
  explicit BinaryResult(PreparedStatement::Impl* impl) : impl_(impl) {}
  ~BinaryResult() override {
    // Leave the connection in sync: unread rows are read and dropped.
    impl_->drain();
  }
  const std::vector<ColumnInfo>& columns() const override { return impl_->columns; }
  bool next() override {
    if (!impl_->result_open) return false;
    int rc = mysql_stmt_fetch(impl_->stmt);
    if (rc == 0) {
      impl_->fill_cells();
      return true;
    }
    if (rc == MYSQL_DATA_TRUNCATED) {
      impl_->refetch_truncated();
      impl_->fill_cells();
      return true;
    }
    impl_->result_open = false;
    if (rc == MYSQL_NO_DATA) return false;
    impl_->fail();
  }
  const Cell* row() const override { return impl_->cells.data(); }
  bool streaming() const override { return impl_->result_open; }
  void discard_rest() override { impl_->drain(); }

 private:
  PreparedStatement::Impl* impl_;
};

}  // namespace

std::unique_ptr<PreparedStatement> Session::prepare(std::string_view sql) {
  auto impl = std::make_unique<PreparedStatement::Impl>();
  impl->mysql = &impl_->mysql;
  impl->observer = observer_;
  impl->gtid_observer = impl_->gtid_observer;
  impl->mbmaxlen = impl_->mbmaxlen;
  impl->wide_text = impl_->wide_text;
  impl->stmt = mysql_stmt_init(&impl_->mysql);
  if (!impl->stmt) throw_last_error();
  if (mysql_stmt_prepare(impl->stmt, sql.data(), sql.size())) {
    OdbcError error = statement_error(impl->stmt);
    if (classify_mysql_error(static_cast<unsigned>(error.native())) == MySqlErrorClass::ConnectionLost) {
      lost_ = true;
    }
    if (observer_) observer_->on_error(error, in_transaction());
    throw error;
  }
  impl->param_count = mysql_stmt_param_count(impl->stmt);
  impl->bind_result_shape();
  impl->prepare_columns = impl->columns;
  return std::make_unique<PreparedStatement>(std::move(impl));
}

std::unique_ptr<PreparedStatement> Session::execute_direct(std::string_view sql) {
  auto impl = std::make_unique<PreparedStatement::Impl>();
  impl->mysql = &impl_->mysql;
  impl->observer = observer_;
  impl->gtid_observer = impl_->gtid_observer;
  impl->mbmaxlen = impl_->mbmaxlen;
  impl->wide_text = impl_->wide_text;
  impl->stmt = mysql_stmt_init(&impl_->mysql);
  if (!impl->stmt) throw_last_error();
  if (mariadb_stmt_execute_direct(impl->stmt, sql.data(), sql.size())) {
    OdbcError error = (mysql_stmt_errno(impl->stmt) == 0 && mysql_errno(&impl_->mysql) != 0)
                          ? connection_error(&impl_->mysql)
                          : statement_error(impl->stmt);
    if (classify_mysql_error(static_cast<unsigned>(error.native())) == MySqlErrorClass::ConnectionLost) {
      lost_ = true;
    }
    if (observer_) observer_->on_error(error, in_transaction());
    // Both replies have been read either way. A statement that never reached the prepared
    // state has not run.
    unsigned state = MYSQL_STMT_INITTED;
    mysql_stmt_attr_get(impl->stmt, STMT_ATTR_STATE, &state);
    if (state == MYSQL_STMT_INITTED && !lost_) throw PrepareFailed(std::move(error));
    throw error;
  }
  impl->param_count = mysql_stmt_param_count(impl->stmt);
  if (mysql_stmt_field_count(impl->stmt) > 0) {
    impl->bind_result_shape();
    impl->result_open = true;
  }
  impl->prepare_columns = impl->columns;
  return std::make_unique<PreparedStatement>(std::move(impl));
}

PreparedStatement::PreparedStatement(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PreparedStatement::~PreparedStatement() = default;

unsigned PreparedStatement::param_count() const noexcept { return impl_->param_count; }

const std::vector<ColumnInfo>& PreparedStatement::result_columns() const noexcept {
  return impl_->prepare_columns;
}

void PreparedStatement::execute(const std::vector<ParamValue>& params) {
  Impl& s = *impl_;
  s.drain();
  if (params.size() < s.param_count) throw OdbcError("07002", "not every parameter marker has a bound value");
  if (s.param_count) {
    s.param_binds.assign(s.param_count, MYSQL_BIND{});
    s.param_times.assign(s.param_count, MYSQL_TIME{});
    for (unsigned i = 0; i < s.param_count; ++i) {
      const ParamValue& v = params[i];
      MYSQL_BIND& b = s.param_binds[i];
      switch (v.kind) {
        case ParamValue::Kind::Null:
          b.buffer_type = MYSQL_TYPE_NULL;
          break;
        case ParamValue::Kind::Int:
          b.buffer_type = MYSQL_TYPE_LONGLONG;
          b.buffer = const_cast<int64_t*>(&v.i);
          break;
        case ParamValue::Kind::UInt:
          b.buffer_type = MYSQL_TYPE_LONGLONG;
          b.buffer = const_cast<uint64_t*>(&v.u);
          b.is_unsigned = 1;
          break;
        case ParamValue::Kind::Double:
          b.buffer_type = MYSQL_TYPE_DOUBLE;
          b.buffer = const_cast<double*>(&v.d);
          break;
        case ParamValue::Kind::Text:
        case ParamValue::Kind::Decimal:
          b.buffer_type = MYSQL_TYPE_STRING;
          b.buffer = const_cast<char*>(v.bytes.data());
          b.buffer_length = v.bytes.size();
          break;
        case ParamValue::Kind::Bytes:
          b.buffer_type = MYSQL_TYPE_BLOB;
          b.buffer = const_cast<char*>(v.bytes.data());
          b.buffer_length = v.bytes.size();
          break;
        case ParamValue::Kind::Date:
        case ParamValue::Kind::Time:
        case ParamValue::Kind::DateTime: {
          MYSQL_TIME& t = s.param_times[i];
          t.year = static_cast<unsigned>(v.t.year);
          t.month = v.t.month;
          t.day = v.t.day;
          t.hour = v.t.hour;
          t.minute = v.t.minute;
          t.second = v.t.second;
          t.second_part = v.t.fraction_ns / 1000;
          t.neg = v.t.negative;
          t.time_type = v.kind == ParamValue::Kind::Date   ? MYSQL_TIMESTAMP_DATE
                        : v.kind == ParamValue::Kind::Time ? MYSQL_TIMESTAMP_TIME
                                                           : MYSQL_TIMESTAMP_DATETIME;
          b.buffer_type = v.kind == ParamValue::Kind::Date   ? MYSQL_TYPE_DATE
                          : v.kind == ParamValue::Kind::Time ? MYSQL_TYPE_TIME
                                                             : MYSQL_TYPE_DATETIME;
          b.buffer = &t;
          break;
        }
      }
    }
    if (mysql_stmt_bind_param(s.stmt, s.param_binds.data())) s.fail();
  }
  if (mysql_stmt_execute(s.stmt)) s.fail();
  if (s.gtid_observer) report_tracked_gtid(s.mysql, s.gtid_observer);
  unsigned fields = mysql_stmt_field_count(s.stmt);
  if (fields != s.columns.size() || !s.result_bound || s.metadata_changed()) {
    if (fields == 0) {
      s.result_bound = false;
    } else {
      s.bind_result_shape();
    }
  } else if (mysql_stmt_bind_result(s.stmt, s.binds.data())) {
    s.fail();
  }
  s.result_open = fields > 0;
}

bool PreparedStatement::execute_bulk(const std::vector<ParamValue>& values, size_t sets) {
  Impl& s = *impl_;
  const unsigned n = s.param_count;
  if (n == 0 || sets == 0 || values.size() < sets * n || !bulk_supported(s.mysql)) return false;
  s.bulk.resize(n);
  for (unsigned col = 0; col < n; ++col) {
    BulkColumn& c = s.bulk[col];
    c.wire = BulkColumn::Wire::None;
    for (size_t set = 0; set < sets; ++set) {
      BulkColumn::Wire w = wire_of(values[set * n + col].kind);
      if (w == BulkColumn::Wire::None) continue;
      if (c.wire == BulkColumn::Wire::None) {
        c.wire = w;
      } else if (c.wire != w) {
        return false;  // e.g. a SQL_C_DEFAULT column mixing kinds: one execution per set
      }
    }
    c.indicators.assign(sets, STMT_INDICATOR_NONE);
    switch (c.wire) {
      case BulkColumn::Wire::None: case BulkColumn::Wire::String: case BulkColumn::Wire::Blob:
        c.pointers.assign(sets, nullptr);
        c.lengths.assign(sets, 0);
        break;
      case BulkColumn::Wire::Integer: case BulkColumn::Wire::Unsigned: c.integers.assign(sets, 0); break;
      case BulkColumn::Wire::Real: c.reals.assign(sets, 0); break;
      default:
        c.times.assign(sets, MYSQL_TIME{});
        c.pointers.resize(sets);
        break;
    }
    for (size_t set = 0; set < sets; ++set) {
      const ParamValue& v = values[set * n + col];
      switch (v.kind) {
        case ParamValue::Kind::Null: c.indicators[set] = STMT_INDICATOR_NULL; break;
        case ParamValue::Kind::Int: c.integers[set] = v.i; break;
        case ParamValue::Kind::UInt: c.integers[set] = static_cast<int64_t>(v.u); break;
        case ParamValue::Kind::Double: c.reals[set] = v.d; break;
        case ParamValue::Kind::Text: case ParamValue::Kind::Decimal: case ParamValue::Kind::Bytes:
          c.pointers[set] = v.bytes.data();
          c.lengths[set] = v.bytes.size();
          break;
        default:
          to_mysql_time(v, &c.times[set]);
          c.pointers[set] = reinterpret_cast<const char*>(&c.times[set]);
          break;
      }
    }
  }
  s.drain();
  s.param_binds.assign(n, MYSQL_BIND{});
  for (unsigned col = 0; col < n; ++col) {
    BulkColumn& c = s.bulk[col];
    MYSQL_BIND& b = s.param_binds[col];
    b.u.indicator = c.indicators.data();
    switch (c.wire) {
      case BulkColumn::Wire::Integer: case BulkColumn::Wire::Unsigned:
        b.buffer_type = MYSQL_TYPE_LONGLONG;
        b.buffer = c.integers.data();
        b.is_unsigned = c.wire == BulkColumn::Wire::Unsigned;
        break;
      case BulkColumn::Wire::Real:
        b.buffer_type = MYSQL_TYPE_DOUBLE;
        b.buffer = c.reals.data();
        break;
      case BulkColumn::Wire::Date: case BulkColumn::Wire::Time: case BulkColumn::Wire::DateTime:
        b.buffer_type = c.wire == BulkColumn::Wire::Date   ? MYSQL_TYPE_DATE
                        : c.wire == BulkColumn::Wire::Time ? MYSQL_TYPE_TIME
                                                           : MYSQL_TYPE_DATETIME;
        // Connector/C has no fixed array stride for MYSQL_TIME: one pointer per set.
        b.buffer = c.pointers.data();
        break;
      default:  // strings, bytes, and a column that is NULL in every set
        b.buffer_type = c.wire == BulkColumn::Wire::Blob ? MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
        b.buffer = c.pointers.data();
        b.length = c.lengths.data();
        break;
    }
  }
  unsigned int array_size = static_cast<unsigned int>(sets);
  unsigned int zero = 0;
  size_t column_wise = 0;  // Connector/C reads STMT_ATTR_ROW_SIZE as a size_t
  // Column-wise layout (row size 0). The array size goes back to 0 afterwards so the next
  // single execute() is an ordinary COM_STMT_EXECUTE.
  mysql_stmt_attr_set(s.stmt, STMT_ATTR_ROW_SIZE, &column_wise);
  mysql_stmt_attr_set(s.stmt, STMT_ATTR_ARRAY_SIZE, &array_size);
  bool failed = mysql_stmt_bind_param(s.stmt, s.param_binds.data()) || mysql_stmt_execute(s.stmt);
  if (failed) {
    OdbcError error = (mysql_stmt_errno(s.stmt) == 0 && mysql_errno(s.mysql) != 0) ? connection_error(s.mysql)
                                                                                  : statement_error(s.stmt);
    mysql_stmt_attr_set(s.stmt, STMT_ATTR_ARRAY_SIZE, &zero);
    if (s.observer) s.observer->on_error(error, (s.mysql->server_status & SERVER_STATUS_IN_TRANS) != 0);
    throw error;
  }
  mysql_stmt_attr_set(s.stmt, STMT_ATTR_ARRAY_SIZE, &zero);
  if (s.gtid_observer) report_tracked_gtid(s.mysql, s.gtid_observer);
  s.result_open = false;
  s.result_bound = false;
  return true;
}

std::unique_ptr<ResultSet> PreparedStatement::result() {
  if (!impl_->result_open) return nullptr;
  return std::make_unique<BinaryResult>(impl_.get());
}

bool PreparedStatement::has_more_results() const noexcept {
  return mysql_stmt_more_results(impl_->stmt);
}

bool PreparedStatement::next_result() {
  Impl& s = *impl_;
  s.drain();
  int rc = mysql_stmt_next_result(s.stmt);
  if (rc > 0) s.fail();
  if (rc != 0) return false;
  unsigned fields = mysql_stmt_field_count(s.stmt);
  if (fields > 0) {
    s.bind_result_shape();
    s.result_open = true;
  } else {
    s.result_open = false;
  }
  return true;
}

int64_t PreparedStatement::affected_rows() const noexcept {
  my_ulonglong n = mysql_stmt_affected_rows(impl_->stmt);
  return n == static_cast<my_ulonglong>(-1) ? -1 : static_cast<int64_t>(n);
}

uint64_t PreparedStatement::insert_id() const noexcept { return mysql_stmt_insert_id(impl_->stmt); }

}  // namespace fabodbc::mysql
