// SQLProcedures and SQLProcedureColumns (INFORMATION_SCHEMA.ROUTINES / PARAMETERS) and
// SQLSpecialColumns (STATISTICS / COLUMNS, types from a LIMIT 0 select). Exact ODBC result
// shapes; database = catalog, schema columns NULL.
#include "driver/catalog/catalog_rows.h"
#include "driver/catalog/catalog_util.h"
#include "driver/connection/connection.h"
#include "driver/environment.h"
#include "driver/convert/type_map.h"
#include "driver/error.h"
#include "driver/mysql/session.h"
#include "driver/results/memory_result.h"
#include "driver/statement/statement.h"

#include <algorithm>

namespace fabodbc {

namespace {

constexpr int64_t kIntMax = 2147483647;

bool is_datetime(SQLSMALLINT t) { return t == SQL_TYPE_DATE || t == SQL_TYPE_TIME || t == SQL_TYPE_TIMESTAMP; }
bool is_numeric(SQLSMALLINT t) {
  return t == SQL_TINYINT || t == SQL_SMALLINT || t == SQL_INTEGER || t == SQL_BIGINT || t == SQL_DECIMAL ||
         t == SQL_NUMERIC || t == SQL_REAL || t == SQL_FLOAT || t == SQL_DOUBLE || t == SQL_BIT;
}
bool is_chars(SQLSMALLINT t) {
  return t == SQL_CHAR || t == SQL_VARCHAR || t == SQL_LONGVARCHAR || t == SQL_WCHAR || t == SQL_WVARCHAR ||
         t == SQL_WLONGVARCHAR || t == SQL_BINARY || t == SQL_VARBINARY || t == SQL_LONGVARBINARY;
}

}  // namespace

void Statement::procedures(const std::string* catalog, const std::string* name) {
  begin_catalog_call();
  auto out = std::make_unique<MemoryResult>(std::vector<ColumnInfo>{
      MemoryResult::column("PROCEDURE_CAT", SQL_VARCHAR, 64), MemoryResult::column("PROCEDURE_SCHEM", SQL_VARCHAR, 64),
      MemoryResult::column("PROCEDURE_NAME", SQL_VARCHAR, 64, SQL_NO_NULLS),
      MemoryResult::column("NUM_INPUT_PARAMS", SQL_INTEGER, 10),
      MemoryResult::column("NUM_OUTPUT_PARAMS", SQL_INTEGER, 10),
      MemoryResult::column("NUM_RESULT_SETS", SQL_INTEGER, 10), MemoryResult::column("REMARKS", SQL_VARCHAR, 2048),
      MemoryResult::column("PROCEDURE_TYPE", SQL_SMALLINT, 5)});
  mysql::Session& session = connection_.session();
  const bool nbe = session.no_backslash_escapes();
  const std::string sql = "SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_COMMENT, ROUTINE_TYPE "
                          "FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA" +
                          catalog::schema_is(catalog, nbe) +
                          catalog::pattern_is("ROUTINE_NAME", name, metadata_id_ == SQL_TRUE, nbe) +
                          " ORDER BY ROUTINE_SCHEMA, ROUTINE_NAME";
  for_each_catalog_row(sql, [&](const Cell* c) {
    out->push_cell(c[0]);
    out->push_null();
    out->push_cell(c[1]);
    out->push_null();  // NUM_INPUT_PARAMS / NUM_OUTPUT_PARAMS / NUM_RESULT_SETS: "N/A" per ODBC
    out->push_null();
    out->push_null();
    out->push_cell(c[2]);
    out->push_int(catalog::text(c[3]) == "FUNCTION" ? SQL_PT_FUNCTION : SQL_PT_PROCEDURE);
  });
  publish_catalog_result(std::move(out));
}

void Statement::procedure_columns(const std::string* catalog, const std::string* name, const std::string* column) {
  begin_catalog_call();
  auto out = std::make_unique<MemoryResult>(std::vector<ColumnInfo>{
      MemoryResult::column("PROCEDURE_CAT", SQL_VARCHAR, 64), MemoryResult::column("PROCEDURE_SCHEM", SQL_VARCHAR, 64),
      MemoryResult::column("PROCEDURE_NAME", SQL_VARCHAR, 64, SQL_NO_NULLS),
      MemoryResult::column("COLUMN_NAME", SQL_VARCHAR, 64, SQL_NO_NULLS),
      MemoryResult::column("COLUMN_TYPE", SQL_SMALLINT, 5, SQL_NO_NULLS),
      MemoryResult::column("DATA_TYPE", SQL_SMALLINT, 5, SQL_NO_NULLS),
      MemoryResult::column("TYPE_NAME", SQL_VARCHAR, 64, SQL_NO_NULLS),
      MemoryResult::column("COLUMN_SIZE", SQL_INTEGER, 10), MemoryResult::column("BUFFER_LENGTH", SQL_INTEGER, 10),
      MemoryResult::column("DECIMAL_DIGITS", SQL_SMALLINT, 5), MemoryResult::column("NUM_PREC_RADIX", SQL_SMALLINT, 5),
      MemoryResult::column("NULLABLE", SQL_SMALLINT, 5, SQL_NO_NULLS), MemoryResult::column("REMARKS", SQL_VARCHAR, 2048),
      MemoryResult::column("COLUMN_DEF", SQL_VARCHAR, 2048),
      MemoryResult::column("SQL_DATA_TYPE", SQL_SMALLINT, 5, SQL_NO_NULLS),
      MemoryResult::column("SQL_DATETIME_SUB", SQL_SMALLINT, 5),
      MemoryResult::column("CHAR_OCTET_LENGTH", SQL_INTEGER, 10),
      MemoryResult::column("ORDINAL_POSITION", SQL_INTEGER, 10, SQL_NO_NULLS),
      MemoryResult::column("IS_NULLABLE", SQL_VARCHAR, 3)});
  mysql::Session& session = connection_.session();
  const bool nbe = session.no_backslash_escapes();
  const bool identifiers = metadata_id_ == SQL_TRUE;
  // A function's return value is the row with ORDINAL_POSITION 0 (no mode, no name).
  std::string sql =
      "SELECT SPECIFIC_SCHEMA, SPECIFIC_NAME, PARAMETER_NAME, PARAMETER_MODE, DATA_TYPE, DTD_IDENTIFIER, "
      "CHARACTER_MAXIMUM_LENGTH, CHARACTER_OCTET_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, "
      "CHARACTER_SET_NAME, ORDINAL_POSITION FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA" +
      catalog::schema_is(catalog, nbe) + catalog::pattern_is("SPECIFIC_NAME", name, identifiers, nbe);
  if (column && !(!identifiers && *column == "%")) {
    // The return value has no name: it matches only "%" (above) or an empty identifier.
    sql += column->empty() && identifiers ? " AND PARAMETER_NAME IS NULL"
                                          : catalog::pattern_is("PARAMETER_NAME", column, identifiers, nbe);
  }
  sql += " ORDER BY SPECIFIC_SCHEMA, SPECIFIC_NAME, ORDINAL_POSITION";
  const unsigned mbmax = session.max_bytes_per_char();
  const bool odbc2 = connection_.environment().odbc_version() == SQL_OV_ODBC2;
  for_each_catalog_row(sql, [&](const Cell* c) {
    const std::string mode = catalog::text(c[3]);
    const int64_t ordinal = catalog::integer(c[12]);
    FieldDesc f = field_from_schema(catalog::text(c[4]), catalog::text(c[5]), catalog::integer(c[6]),
                                    catalog::integer(c[7]), catalog::integer(c[8]), catalog::integer(c[9]),
                                    catalog::integer(c[10]), true, std::string(), catalog::text(c[11]));
    ColumnInfo info = describe_column(f, mbmax ? mbmax : 4);
    const SQLSMALLINT t = info.sql_type;
    out->push_cell(c[0]);
    out->push_null();
    out->push_cell(c[1]);
    out->push_text(catalog::text(c[2]));  // "" for the return value
    out->push_int(ordinal == 0 ? SQL_RETURN_VALUE
                  : mode == "OUT" ? SQL_PARAM_OUTPUT
                  : mode == "INOUT" ? SQL_PARAM_INPUT_OUTPUT
                                    : SQL_PARAM_INPUT);
    out->push_int(odbc2 ? catalog::odbc2_type(t) : t);
    out->push_text(info.type_name);
    out->push_int(std::min<int64_t>(static_cast<int64_t>(info.column_size), kIntMax));
    out->push_int(std::min<int64_t>(info.octet_length, kIntMax));
    if (is_numeric(t) || is_datetime(t)) out->push_int(info.decimal_digits); else out->push_null();
    if (is_numeric(t)) out->push_int(t == SQL_BIT ? 2 : 10); else out->push_null();
    out->push_int(SQL_NULLABLE_UNKNOWN);  // MySQL does not declare parameters NOT NULL
    out->push_null();
    out->push_null();
    out->push_int(is_datetime(t) ? SQL_DATETIME : t);
    if (is_datetime(t)) out->push_int(t - 90); else out->push_null();  // SQL_CODE_DATE/TIME/TIMESTAMP
    if (is_chars(t)) out->push_int(std::min<int64_t>(info.octet_length, kIntMax)); else out->push_null();
    out->push_int(ordinal);
    out->push_text("");  // unknown
  });
  publish_catalog_result(std::move(out));
}

void Statement::special_columns(SQLUSMALLINT identifier_type, const std::string* catalog, const std::string* table,
                                SQLUSMALLINT scope, SQLUSMALLINT nullable) {
  if (!table) throw OdbcError("HY009", "TableName must not be a null pointer");
  if (identifier_type != SQL_BEST_ROWID && identifier_type != SQL_ROWVER) {
    throw OdbcError("HY097", "invalid IdentifierType");
  }
  if (scope != SQL_SCOPE_CURROW && scope != SQL_SCOPE_TRANSACTION && scope != SQL_SCOPE_SESSION) {
    throw OdbcError("HY098", "invalid Scope");
  }
  if (nullable != SQL_NO_NULLS && nullable != SQL_NULLABLE) throw OdbcError("HY099", "invalid Nullable");
  begin_catalog_call();
  auto out = std::make_unique<MemoryResult>(std::vector<ColumnInfo>{
      MemoryResult::column("SCOPE", SQL_SMALLINT, 5), MemoryResult::column("COLUMN_NAME", SQL_VARCHAR, 64, SQL_NO_NULLS),
      MemoryResult::column("DATA_TYPE", SQL_SMALLINT, 5, SQL_NO_NULLS),
      MemoryResult::column("TYPE_NAME", SQL_VARCHAR, 64, SQL_NO_NULLS),
      MemoryResult::column("COLUMN_SIZE", SQL_INTEGER, 10), MemoryResult::column("BUFFER_LENGTH", SQL_INTEGER, 10),
      MemoryResult::column("DECIMAL_DIGITS", SQL_SMALLINT, 5), MemoryResult::column("PSEUDO_COLUMN", SQL_SMALLINT, 5)});
  mysql::Session& session = connection_.session();
  const bool nbe = session.no_backslash_escapes();
  const std::string where = " WHERE TABLE_SCHEMA" + catalog::schema_is(catalog, nbe) +
                            " AND TABLE_NAME = " + catalog::literal(*table, nbe);
  std::vector<std::string> names;
  if (identifier_type == SQL_BEST_ROWID) {
    // The primary key, else the first unique index whose columns are all NOT NULL: either
    // identifies a row for the whole session (MySQL has no row ids).
    session.send_query("SELECT INDEX_NAME, COLUMN_NAME, NULLABLE FROM information_schema.STATISTICS" + where +
                       " AND NON_UNIQUE = 0 ORDER BY INDEX_NAME <> 'PRIMARY', INDEX_NAME, SEQ_IN_INDEX");
    std::unique_ptr<ResultSet> rows = session.store_result();
    std::string current;
    std::vector<std::string> candidate;
    bool usable = true;
    auto finish = [&] {
      if (names.empty() && !candidate.empty() && usable) names = candidate;
      candidate.clear();
      usable = true;
    };
    while (rows && rows->next()) {
      const Cell* c = rows->row();
      const std::string index = catalog::text(c[0]);
      if (index != current) {
        finish();
        current = index;
      }
      candidate.push_back(catalog::text(c[1]));
      if (catalog::text(c[2]) == "YES") usable = false;
    }
    finish();
  } else {
    // Columns the server changes on every update of the row.
    session.send_query("SELECT COLUMN_NAME FROM information_schema.COLUMNS" + where +
                       " AND EXTRA LIKE '%on update%' ORDER BY ORDINAL_POSITION");
    std::unique_ptr<ResultSet> rows = session.store_result();
    while (rows && rows->next()) names.push_back(catalog::text(rows->row()[0]));
  }
  if (!names.empty()) {
    // The columns' types exactly as a query describes them.
    std::string select = "SELECT ";
    for (size_t i = 0; i < names.size(); ++i) select += (i ? ", " : "") + catalog::identifier(names[i]);
    select += " FROM ";
    if (catalog && !catalog->empty()) select += catalog::identifier(*catalog) + ".";
    select += catalog::identifier(*table) + " LIMIT 0";
    session.send_query(select);
    std::unique_ptr<ResultSet> described = session.store_result();
    const std::vector<ColumnInfo>& cols = described->columns();
    for (size_t i = 0; i < cols.size() && i < names.size(); ++i) {
      const ColumnInfo& info = cols[i];
      if (identifier_type == SQL_BEST_ROWID) out->push_int(SQL_SCOPE_SESSION); else out->push_null();
      out->push_text(names[i]);
      // Text columns as SQLColumns reports them (the SQL_W* types, for ANSI applications too,
      // as MariaDB Connector/ODBC does in both), not narrowed as a result column is.
      const SQLSMALLINT t = info.sql_type == SQL_CHAR          ? SQL_WCHAR
                            : info.sql_type == SQL_VARCHAR     ? SQL_WVARCHAR
                            : info.sql_type == SQL_LONGVARCHAR ? SQL_WLONGVARCHAR
                                                               : info.sql_type;
      out->push_int(connection_.environment().odbc_version() == SQL_OV_ODBC2 ? catalog::odbc2_type(t) : t);
      out->push_text(info.type_name);
      out->push_int(std::min<int64_t>(static_cast<int64_t>(info.column_size), kIntMax));
      out->push_int(std::min<int64_t>(info.octet_length, kIntMax));
      if (is_numeric(info.sql_type) || is_datetime(info.sql_type)) out->push_int(info.decimal_digits);
      else out->push_null();
      out->push_int(SQL_PC_NOT_PSEUDO);
    }
  }
  publish_catalog_result(std::move(out));
}

}  // namespace fabodbc
