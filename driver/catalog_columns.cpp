// SQLColumns from INFORMATION_SCHEMA.COLUMNS.
//
// Over a whole database this is the largest catalog answer (300 tables x 5 columns = 1,500
// rows), so the per-row work is kept small:
//  * the server is not asked to sort (catalog_order.h: the driver orders the tables, the
//    server already sends each table's columns in ordinal order);
//  * everything that depends only on the column's type is computed once per distinct type
//    (catalog_column_types.h);
//  * texts are copied once into the result's storage and rows are written in place.
// The result is the same as with "ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION"; where
// the driver cannot reproduce that order exactly, it asks the server for it.
#include "driver/catalog_column_types.h"
#include "driver/catalog_order.h"
#include "driver/catalog_util.h"
#include "driver/connection.h"
#include "driver/error.h"
#include "driver/memory_result.h"
#include "driver/mysql/session.h"
#include "driver/statement.h"

#include <charconv>
#include <string_view>
#include <vector>

namespace fabodbc {

namespace {

// The query's select list, in this order.
enum QueryColumn {
  kSchema, kTable, kColumn, kDataType, kColumnType, kCharMax, kOctets, kPrecision, kScale, kDtPrecision,
  kIsNullable, kComment, kDefault, kOrdinal, kCharset
};
constexpr const char* kSelect =
    "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_MAXIMUM_LENGTH, "
    "CHARACTER_OCTET_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, IS_NULLABLE, "
    "COLUMN_COMMENT, COLUMN_DEFAULT, ORDINAL_POSITION, CHARACTER_SET_NAME "
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
    r.nullable = view(c[kIsNullable]) == "YES";
    r.ordinal = parse_int(c[kOrdinal]);
    r.type = &types.cells({c[kDataType], c[kColumnType], c[kCharMax], c[kOctets], c[kPrecision], c[kScale],
                           c[kDtPrecision], c[kCharset]});
    rows.push_back(r);
  }
}

bool general_ci(const std::string& collation) {
  return collation == "utf8mb3_general_ci" || collation == "utf8_general_ci";  // (before MariaDB 10.6)
}

// The rows grouped by table, tables in ORDER BY TABLE_SCHEMA, TABLE_NAME order; empty when
// that order (with ORDINAL_POSITION inside a table) cannot be produced here exactly.
std::vector<TableRun> driver_order(mysql::Session& session, const std::vector<ColumnRow>& rows) {
  std::vector<TableRun> runs;
  for (size_t i = 0; i < rows.size(); ++i) {
    const ColumnRow& r = rows[i];
    if (!runs.empty() && runs.back().table.data() == r.table.data() && runs.back().schema.data() == r.schema.data()) {
      // The server sends a table's columns in ordinal order; if it ever did not, sorting
      // tables alone would not be enough.
      if (rows[i - 1].ordinal >= r.ordinal) return {};
      ++runs.back().count;
    } else {
      runs.push_back(TableRun{r.schema, r.table, i, 1});
    }
  }
  // One table needs no ordering (and no question to the server).
  if (runs.size() > 1 && (!general_ci(session.information_schema_collation()) || !order_runs_general_ci(runs)))
    return {};
  return runs;
}

void write_row(MemoryResult& out, const ColumnRow& r) {
  Cell* c = out.append_row();  // all NULL; TABLE_SCHEM stays NULL
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
  if (result_) throw OdbcError("24000", "a cursor is still open on this statement: close it first");
  begin_catalog_call();
  auto out = std::make_unique<MemoryResult>(result_columns());
  mysql::Session& session = connection_.session();
  const bool nbe = session.no_backslash_escapes();
  const bool identifiers = metadata_id_ == SQL_TRUE;
  std::string sql = kSelect;
  sql += catalog && !catalog->empty() ? catalog::literal(*catalog, nbe) : "DATABASE()";
  if (table && !table->empty()) sql += catalog::name_condition("TABLE_NAME", *table, identifiers, nbe);
  if (column && !column->empty()) sql += catalog::name_condition("COLUMN_NAME", *column, identifiers, nbe);

  ColumnTypeMemo types(*out, session.max_bytes_per_char());
  std::vector<ColumnRow> rows;
  std::vector<TableRun> runs;
  // MariaDB's INFORMATION_SCHEMA names are utf8mb3_general_ci (its system character set),
  // which the driver can compare; it asks once per connection to be sure. MySQL's depend on
  // lower_case_table_names: the server sorts.
  bool ordered_here = false;
  if (session.is_mariadb()) {
    read_rows(session, sql, *out, types, rows);
    runs = driver_order(session, rows);
    ordered_here = rows.empty() || !runs.empty();
  }
  if (!ordered_here) {
    // Not an order the driver can reproduce: the server sorts (texts already read stay
    // unused in the result's storage until it is closed).
    rows.clear();
    read_rows(session, sql + kServerOrder, *out, types, rows);
    runs.assign(1, TableRun{{}, {}, 0, rows.size()});
  }
  out->reserve_rows(rows.size());
  for (const TableRun& run : runs)
    for (size_t i = run.first; i < run.first + run.count; ++i) write_row(*out, rows[i]);
  publish_catalog_result(std::move(out));
}

}  // namespace fabodbc
