// SQLColumns from INFORMATION_SCHEMA.COLUMNS.
//
// Over a whole database this is the largest catalog answer (300 tables x 5 columns = 1,500
// rows), so the per-row work is kept small:
//  * the server is not asked to sort (catalog_order.h: the driver orders the tables, the
//    server already sends each table's columns in ordinal order);
//  * everything that depends only on the column's type is computed once per distinct type
//    (catalog_column_types.h);
//  * texts are copied once into the result's storage and rows are written in place.
// The result is the same as with "ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION"; for
// names the driver cannot compare itself it asks the server to rank just the names.
#include "driver/catalog/catalog_column_types.h"
#include "driver/catalog/catalog_order.h"
#include "driver/catalog/catalog_util.h"
#include "driver/connection/connection.h"
#include "driver/environment.h"
#include "driver/error.h"
#include "driver/mysql/session.h"
#include "driver/results/memory_result.h"
#include "driver/statement/statement.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string_view>
#include <vector>

namespace fabodbc {

namespace {

// The query's select list, in this order.
enum QueryColumn {
  kSchema, kTable, kColumn, kDataType, kColumnType, kCharMax, kOctets, kPrecision, kScale, kDtPrecision,
  kIsNullable, kComment, kDefault, kOrdinal, kCharset, kExtra
};
constexpr const char* kSelect =
    "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_MAXIMUM_LENGTH, "
    "CHARACTER_OCTET_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, IS_NULLABLE, "
    "COLUMN_COMMENT, COLUMN_DEFAULT, ORDINAL_POSITION, CHARACTER_SET_NAME, EXTRA "
    "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ";
constexpr const char* kServerOrder = " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION";

// The 18 columns ODBC specifies for SQLColumns.
enum ResultColumn {
  kTableCat, kTableSchem, kTableName, kColumnName, kDataTypeOut, kTypeName, kColumnSize, kBufferLength,
  kDecimalDigits, kNumPrecRadix, kNullable, kRemarks, kColumnDef, kSqlDataType, kSqlDatetimeSub,
  kCharOctetLength, kOrdinalPosition, kIsNullableOut
};

std::vector<ColumnInfo> result_columns() {
  return {MemoryResult::column("TABLE_CAT", SQL_VARCHAR, 64),
          MemoryResult::column("TABLE_SCHEM", SQL_VARCHAR, 64),
          MemoryResult::column("TABLE_NAME", SQL_VARCHAR, 64, SQL_NO_NULLS),
          MemoryResult::column("COLUMN_NAME", SQL_VARCHAR, 64, SQL_NO_NULLS),
          MemoryResult::column("DATA_TYPE", SQL_SMALLINT, 5, SQL_NO_NULLS),
          MemoryResult::column("TYPE_NAME", SQL_VARCHAR, 64, SQL_NO_NULLS),
          MemoryResult::column("COLUMN_SIZE", SQL_INTEGER, 10),
          MemoryResult::column("BUFFER_LENGTH", SQL_INTEGER, 10),
          MemoryResult::column("DECIMAL_DIGITS", SQL_SMALLINT, 5),
          MemoryResult::column("NUM_PREC_RADIX", SQL_SMALLINT, 5),
          MemoryResult::column("NULLABLE", SQL_SMALLINT, 5, SQL_NO_NULLS),
          MemoryResult::column("REMARKS", SQL_VARCHAR, 2048),
          MemoryResult::column("COLUMN_DEF", SQL_VARCHAR, 2048),
          MemoryResult::column("SQL_DATA_TYPE", SQL_SMALLINT, 5, SQL_NO_NULLS),
          MemoryResult::column("SQL_DATETIME_SUB", SQL_SMALLINT, 5),
          MemoryResult::column("CHAR_OCTET_LENGTH", SQL_INTEGER, 10),
          MemoryResult::column("ORDINAL_POSITION", SQL_INTEGER, 10, SQL_NO_NULLS),
          MemoryResult::column("IS_NULLABLE", SQL_VARCHAR, 3)};
}

std::string_view view(const Cell& c) {
  return c.kind == Cell::Kind::Text ? std::string_view(c.data, c.length) : std::string_view();
}

int64_t parse_int(const Cell& c) {
  int64_t v = 0;
  const std::string_view s = view(c);
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

Cell int_cell(int64_t value) {
  Cell c;
  c.kind = Cell::Kind::Int;
  c.i = value;
  return c;
}

Cell text_cell(std::string_view stored) { return Cell::text(stored.data(), stored.size()); }

// One INFORMATION_SCHEMA.COLUMNS row between reading and writing the result; its texts are
// already in the result's storage.
struct ColumnRow {
  std::string_view schema, table, column, remarks, def;
  bool def_null = false;
  bool nullable = false;
  int64_t ordinal = 0;
  const ColumnTypeCells* type = nullptr;
};

// Reads the rows of `sql` into `rows`. Consecutive rows of one table share the stored schema
// and table names (so a run of a table is recognised by pointer). The rows are streamed
// (mysql_use_result): every text is copied into the result's storage anyway, so buffering the
// whole answer in libmysqlclient first only added a copy (0.9M of 5.3M instructions per call
// on 300 tables) and kept the driver idle while the server was still sending.
void read_rows(mysql::Session& session, const std::string& sql, MemoryResult& out, ColumnTypeMemo& types,
               std::vector<ColumnRow>& rows) {
  session.send_query(sql);
  std::unique_ptr<ResultSet> result = session.use_result();
  if (!result) return;
  std::string_view schema, table;
  while (result->next()) {
    const Cell* c = result->row();
    ColumnRow r;
    const bool new_schema = schema.data() == nullptr || view(c[kSchema]) != schema;
    if (new_schema) schema = out.store_text(view(c[kSchema]));
    if (new_schema || view(c[kTable]) != table) table = out.store_text(view(c[kTable]));
    r.schema = schema;
    r.table = table;
    r.column = out.store_text(view(c[kColumn]));
    r.remarks = out.store_text(view(c[kComment]));
    r.def_null = c[kDefault].kind != Cell::Kind::Text;
    if (!r.def_null) r.def = out.store_text(view(c[kDefault]));
    // An AUTO_INCREMENT or TIMESTAMP column takes NULL in an INSERT (the server puts the next
    // number, the current time): NULLABLE, as both incumbent drivers report it.
    r.nullable = view(c[kIsNullable]) == "YES" || view(c[kExtra]).find("auto_increment") != std::string_view::npos ||
                 view(c[kDataType]) == "timestamp";
    r.ordinal = parse_int(c[kOrdinal]);
    r.type = &types.cells({c[kDataType], c[kColumnType], c[kCharMax], c[kOctets], c[kPrecision], c[kScale],
                           c[kDtPrecision], c[kCharset]});
    rows.push_back(r);
  }
}

bool general_ci(const std::string& collation) {
  return collation == "utf8mb3_general_ci" || collation == "utf8_general_ci";  // (before MariaDB 10.6)
}

// Consecutive rows of one table (stored names are shared, so a pointer comparison suffices).
std::vector<TableRun> runs_of(const std::vector<ColumnRow>& rows) {
  std::vector<TableRun> runs;
  for (size_t i = 0; i < rows.size(); ++i) {
    const ColumnRow& r = rows[i];
    if (!runs.empty() && runs.back().table.data() == r.table.data() && runs.back().schema.data() == r.schema.data())
      ++runs.back().count;
    else
      runs.push_back(TableRun{r.schema, r.table, i, 1});
  }
  return runs;
}

bool ordinals_ascend(const std::vector<ColumnRow>& rows, const TableRun& run) {
  for (size_t i = run.first + 1; i < run.first + run.count; ++i)
    if (rows[i - 1].ordinal >= rows[i].ordinal) return false;
  return true;
}

// The rank of every run's (schema, table) as the server orders them in `collation`: equal
// names, equal rank. For what the driver cannot compare itself (non-ASCII names, another
// collation): one small query over the names instead of the whole answer sorted again.
// Empty when the server cannot be asked this way (a version without VALUES in WITH).
std::vector<uint32_t> server_ranks(mysql::Session& session, const std::vector<TableRun>& runs,
                                   const std::string& collation, bool nbe) {
  // The collation goes into the SQL text as a name: only letters, digits and '_'.
  if (collation.empty() || collation.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
    return {};
  const std::string charset = collation.substr(0, collation.find('_'));
  const std::string as_name = " USING " + charset + ") COLLATE " + collation;
  std::string sql = "WITH d(i, s, n) AS (VALUES ";
  for (size_t i = 0; i < runs.size(); ++i) {
    sql += i ? ", (" : "(";
    sql += std::to_string(i) + ", " + catalog::literal(std::string(runs[i].schema), nbe) + ", " +
           catalog::literal(std::string(runs[i].table), nbe) + ")";
  }
  sql += ") SELECT i, DENSE_RANK() OVER (ORDER BY CONVERT(s" + as_name + ", CONVERT(n" + as_name + ") FROM d";
  std::vector<uint32_t> ranks(runs.size(), 0);
  try {
    session.send_query(sql);
    std::unique_ptr<ResultSet> result = session.store_result();
    size_t answered = 0;
    while (result && result->next()) {
      const Cell* c = result->row();
      const int64_t i = parse_int(c[0]), rank = parse_int(c[1]);
      if (i < 0 || static_cast<size_t>(i) >= runs.size() || rank < 1) return {};
      ranks[static_cast<size_t>(i)] = static_cast<uint32_t>(rank - 1);
      ++answered;
    }
    if (answered != runs.size()) return {};
  } catch (const OdbcError&) {
    if (session.lost()) throw;
    return {};  // the server refused the form: it sorts the whole answer instead
  }
  return ranks;
}

// Row indices in output order: runs by rank; the rows of runs of equal rank (two tables named
// alike, "T1" and "t1"; a table whose columns did not arrive together or in order) merged by
// ordinal, as "ORDER BY ..., TABLE_NAME, ORDINAL_POSITION" interleaves them.
std::vector<uint32_t> rows_by_rank(const std::vector<ColumnRow>& rows, const std::vector<TableRun>& runs,
                                   const std::vector<uint32_t>& ranks) {
  std::vector<uint32_t> by_rank(runs.size());
  for (uint32_t i = 0; i < by_rank.size(); ++i) by_rank[i] = i;
  std::stable_sort(by_rank.begin(), by_rank.end(), [&](uint32_t x, uint32_t y) { return ranks[x] < ranks[y]; });
  std::vector<uint32_t> order;
  order.reserve(rows.size());
  for (size_t g = 0; g < by_rank.size();) {
    const size_t group_start = order.size();
    size_t end = g;
    for (; end < by_rank.size() && ranks[by_rank[end]] == ranks[by_rank[g]]; ++end) {
      const TableRun& run = runs[by_rank[end]];
      for (size_t i = run.first; i < run.first + run.count; ++i) order.push_back(static_cast<uint32_t>(i));
    }
    std::stable_sort(order.begin() + static_cast<std::ptrdiff_t>(group_start), order.end(),
                     [&](uint32_t x, uint32_t y) { return rows[x].ordinal < rows[y].ordinal; });
    g = end;
  }
  return order;
}

// Row indices in the order of "ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION" (MariaDB);
// empty when it could not be found here, and the server must sort the whole answer.
std::vector<uint32_t> driver_order(mysql::Session& session, const std::vector<ColumnRow>& rows, bool nbe) {
  std::vector<TableRun> runs = runs_of(rows);
  bool ascending = true;
  for (const TableRun& run : runs) ascending = ascending && ordinals_ascend(rows, run);
  std::vector<uint32_t> order;
  order.reserve(rows.size());
  // One table in ordinal order needs no ordering (and no question to the server).
  if (runs.size() == 1 && ascending) {
    for (uint32_t i = 0; i < rows.size(); ++i) order.push_back(i);
    return order;
  }
  const std::string& collation = session.information_schema_collation();
  if (ascending && general_ci(collation) && order_runs_general_ci(runs)) {
    for (const TableRun& run : runs)
      for (size_t i = run.first; i < run.first + run.count; ++i) order.push_back(static_cast<uint32_t>(i));
    return order;
  }
  runs = runs_of(rows);  // order_runs_general_ci may have left them in any order
  const std::vector<uint32_t> ranks = server_ranks(session, runs, collation, nbe);
  if (ranks.empty()) return {};
  return rows_by_rank(rows, runs, ranks);
}

void write_row(MemoryResult& out, const ColumnRow& r) {
  Cell* c = out.append_empty_row();  // all NULL; TABLE_SCHEM stays NULL
  const ColumnTypeCells& t = *r.type;
  c[kTableCat] = text_cell(r.schema);
  c[kTableName] = text_cell(r.table);
  c[kColumnName] = text_cell(r.column);
  c[kDataTypeOut] = t.data_type;
  c[kTypeName] = t.type_name;
  c[kColumnSize] = t.column_size;
  c[kBufferLength] = t.buffer_length;
  c[kDecimalDigits] = t.decimal_digits;
  c[kNumPrecRadix] = t.num_prec_radix;
  c[kNullable] = int_cell(r.nullable ? SQL_NULLABLE : SQL_NO_NULLS);
  c[kRemarks] = text_cell(r.remarks);
  if (!r.def_null) c[kColumnDef] = text_cell(r.def);
  c[kSqlDataType] = t.sql_data_type;
  c[kSqlDatetimeSub] = t.datetime_sub;
  c[kCharOctetLength] = t.char_octet_length;
  c[kOrdinalPosition] = int_cell(r.ordinal);
  c[kIsNullableOut] = r.nullable ? text_cell("YES") : text_cell("NO");  // static storage
}

}  // namespace

void Statement::columns(const std::string* catalog, const std::string*, const std::string* table,
                        const std::string* column) {
  begin_catalog_call();
  auto out = std::make_unique<MemoryResult>(result_columns());
  mysql::Session& session = connection_.session();
  const bool nbe = session.no_backslash_escapes();
  const bool identifiers = metadata_id_ == SQL_TRUE;
  std::string sql = kSelect;
  sql += catalog && !catalog->empty() ? catalog::literal(*catalog, nbe) : "DATABASE()";
  if (table && !table->empty()) sql += catalog::name_condition("TABLE_NAME", *table, identifiers, nbe);
  if (column && !column->empty()) sql += catalog::name_condition("COLUMN_NAME", *column, identifiers, nbe);

  // Text types stay the SQL_W* ones for ANSI applications too, as MariaDB Connector/ODBC
  // reports them here (DBD::ODBC's column_info reads them); only result columns narrow.
  ColumnTypeMemo types(*out, session.max_bytes_per_char(), true,
                       connection_.environment().odbc_version() == SQL_OV_ODBC2);
  std::vector<ColumnRow> rows;
  std::vector<uint32_t> order;
  // MariaDB: the server does not sort (see catalog_order.h), the driver orders the tables,
  // asking the server for its collation once per connection and, for names it cannot compare
  // itself, for their ranks. MySQL's INFORMATION_SCHEMA collation depends on
  // lower_case_table_names: the server sorts.
  bool ordered_here = false;
  if (session.is_mariadb()) {
    read_rows(session, sql, *out, types, rows);
    if (!rows.empty()) order = driver_order(session, rows, nbe);
    ordered_here = rows.empty() || !order.empty();
  }
  if (!ordered_here) {
    // The server sorts (texts already read stay unused in the result's storage until it is
    // closed).
    rows.clear();
    read_rows(session, sql + kServerOrder, *out, types, rows);
    order.resize(rows.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  }
  out->reserve_rows(rows.size());
  for (uint32_t i : order) write_row(*out, rows[i]);
  publish_catalog_result(std::move(out));
}

}  // namespace fabodbc
