// Catalog functions: SQLTables, SQLPrimaryKeys, SQLStatistics, SQLForeignKeys from targeted
// INFORMATION_SCHEMA queries (SQLColumns: catalog_columns.cpp),
// SQLGetTypeInfo from the static table. Results are small, so they are buffered in a
// MemoryResult with exactly the columns ODBC specifies. Database = catalog; schemas are empty.
#include "driver/catalog/catalog_rows.h"
#include "driver/catalog/catalog_util.h"
#include "driver/connection/connection.h"
#include "driver/environment.h"
#include "driver/convert/type_map.h"
#include "driver/error.h"
#include "driver/info/type_info.h"
#include "driver/mysql/session.h"
#include "driver/results/memory_result.h"
#include "driver/statement/statement.h"

#include <algorithm>
#include <map>
#include <set>
#include <cctype>
#include <cstdint>
#include <cstdlib>

namespace fabodbc {

namespace {

std::string text_of(const Cell& c) {
  return c.kind == Cell::Kind::Text ? std::string(c.data, c.length) : std::string();
}
int64_t int_of(const Cell& c) {
  if (c.kind == Cell::Kind::Int) return c.i;
  if (c.kind == Cell::Kind::UInt) return static_cast<int64_t>(c.u);
  if (c.kind == Cell::Kind::Text) return std::strtoll(std::string(c.data, c.length).c_str(), nullptr, 10);
  return 0;
}

std::string quote(const std::string& value, bool no_backslash_escapes) {
  ParamValue v;
  v.kind = ParamValue::Kind::Text;
  v.bytes = value;
  return to_sql_literal(v, no_backslash_escapes);
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

constexpr SQLINTEGER kIntMax = 2147483647;

}  // namespace

void Statement::tables(const std::string* catalog, const std::string* schema, const std::string* table,
                       const std::string* types) {
  begin_catalog_call();
  std::vector<ColumnInfo> cols = {
      MemoryResult::column("TABLE_CAT", SQL_VARCHAR, 64), MemoryResult::column("TABLE_SCHEM", SQL_VARCHAR, 64),
      MemoryResult::column("TABLE_NAME", SQL_VARCHAR, 64), MemoryResult::column("TABLE_TYPE", SQL_VARCHAR, 64),
      MemoryResult::column("REMARKS", SQL_VARCHAR, 2048)};
  auto out = std::make_unique<MemoryResult>(std::move(cols));
  auto is_empty = [](const std::string* s) { return s && s->empty(); };
  // Schemas are not supported (SQL_SCHEMA_USAGE 0), so applications (DBD::ODBC) pass a null
  // pointer where the special cases below want "": either means "no schema".
  auto no_schema = [](const std::string* s) { return !s || s->empty(); };
  mysql::Session& session = connection_.session();
  const bool nbe = session.no_backslash_escapes();

  std::string sql;
  if (catalog && *catalog == SQL_ALL_CATALOGS && no_schema(schema) && is_empty(table)) {
    sql = "SELECT SCHEMA_NAME, NULL, NULL, NULL, NULL FROM information_schema.SCHEMATA ORDER BY 1";
  } else if (schema && *schema == SQL_ALL_SCHEMAS && is_empty(catalog) && is_empty(table)) {
    sql.clear();  // no schemas: an empty result with the right shape
  } else if (types && *types == SQL_ALL_TABLE_TYPES && is_empty(catalog) && no_schema(schema) && is_empty(table)) {
    for (const char* t : {"SYSTEM VIEW", "TABLE", "VIEW"}) {
      out->push_null();
      out->push_null();
      out->push_null();
      out->push_text(t);
      out->push_null();
    }
  } else {
    const bool identifiers = metadata_id_ == SQL_TRUE;
    sql =
        "SELECT TABLE_SCHEMA, NULL, TABLE_NAME, CASE TABLE_TYPE WHEN 'BASE TABLE' THEN 'TABLE' "
        "WHEN 'SYSTEM VERSIONED' THEN 'TABLE' WHEN 'SYSTEM VIEW' THEN 'SYSTEM VIEW' ELSE TABLE_TYPE END, "
        "TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = ";
    sql += catalog && !catalog->empty() ? quote(*catalog, nbe) : "DATABASE()";
    if (table && !table->empty()) sql += catalog::name_condition("TABLE_NAME", *table, identifiers, nbe);
    if (types && !types->empty() && *types != SQL_ALL_TABLE_TYPES) {
      std::string list;
      size_t start = 0;
      while (start <= types->size()) {
        size_t comma = types->find(',', start);
        std::string item = types->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        // Each item may be quoted ('TABLE','VIEW') and padded; the server's own name for a
        // table, 'BASE TABLE', means TABLE too (applications pass what INFORMATION_SCHEMA shows).
        const size_t first = item.find_first_not_of(" '\"");
        const size_t last = item.find_last_not_of(" '\"");
        item = first == std::string::npos ? std::string() : item.substr(first, last - first + 1);
        item = upper(item);
        if (item == "BASE TABLE") item = "TABLE";
        const char* mapped = item == "TABLE" ? "BASE TABLE" : item == "VIEW" ? "VIEW"
                             : item == "SYSTEM TABLE" || item == "SYSTEM VIEW" ? "SYSTEM VIEW" : nullptr;
        if (mapped) {
          if (!list.empty()) list += ",";
          list += std::string("'") + mapped + "'";
          if (item == "TABLE") list += ",'SYSTEM VERSIONED'";
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      sql += list.empty() ? " AND 1=0" : " AND TABLE_TYPE IN (" + list + ")";
    }
    sql += " ORDER BY 4, 1, 3";
  }
  if (!sql.empty()) {
    session.send_query(sql);
    std::unique_ptr<ResultSet> rows = session.store_result();
    while (rows && rows->next()) {
      const Cell* c = rows->row();
      for (int i = 0; i < 5; ++i) {
        if (i == 1) {
          out->push_null();  // TABLE_SCHEM
        } else {
          out->push_cell(c[i]);
        }
      }
    }
  }
  publish_catalog_result(std::move(out));
}

// A FieldDesc as the server would send it for a column of this INFORMATION_SCHEMA.COLUMNS row,
// so SQLColumns and SQLDescribeCol describe a column the same way (SQLProcedureColumns too:
// declared in catalog_util.h).
FieldDesc field_from_schema(const std::string& data_type, const std::string& column_type, int64_t char_max,
                            int64_t octets, int64_t precision, int64_t scale, int64_t dt_precision,
                            bool nullable, const std::string& extra, const std::string& charset) {
  FieldDesc f;
  const bool is_unsigned = column_type.find("unsigned") != std::string::npos;
  const bool binary_charset = charset.empty();
  f.flags = (nullable ? 0u : 1u) | (is_unsigned ? 32u : 0u);
  if (extra.find("auto_increment") != std::string::npos) f.flags |= 512u;
  f.charsetnr = 45;  // utf8mb4, what the connection reports text in
  auto text_len = [&](int64_t chars) {
    int64_t bytes = chars * 4;
    return static_cast<unsigned long>(std::min<int64_t>(bytes, 4294967295LL));
  };
  const std::string& t = data_type;
  if (t == "tinyint") { f.type = MyType::Tiny; f.length = 4; }
  else if (t == "smallint") { f.type = MyType::Short; f.length = 6; }
  else if (t == "mediumint") { f.type = MyType::Int24; f.length = 9; }
  else if (t == "int" || t == "integer") { f.type = MyType::Long; f.length = 11; }
  else if (t == "bigint") { f.type = MyType::LongLong; f.length = 20; }
  else if (t == "decimal" || t == "numeric") {
    f.type = MyType::NewDecimal;
    f.length = static_cast<unsigned long>(precision + (scale > 0 ? 1 : 0) + (is_unsigned ? 0 : 1));
    f.decimals = static_cast<unsigned>(scale);
  }
  else if (t == "float") { f.type = MyType::Float; f.length = 12; f.decimals = 31; }
  else if (t == "double" || t == "real") { f.type = MyType::Double; f.length = 22; f.decimals = 31; }
  else if (t == "bit") { f.type = MyType::Bit; f.length = static_cast<unsigned long>(precision); f.charsetnr = 63; }
  else if (t == "year") { f.type = MyType::Year; f.length = 4; }
  else if (t == "date") { f.type = MyType::Date; f.length = 10; f.charsetnr = 63; }
  else if (t == "time") {
    f.type = MyType::Time; f.length = 10 + (dt_precision > 0 ? dt_precision + 1 : 0);
    f.decimals = static_cast<unsigned>(dt_precision); f.charsetnr = 63;
  }
  else if (t == "datetime" || t == "timestamp") {
    f.type = t == "datetime" ? MyType::DateTime : MyType::Timestamp;
    f.length = 19 + (dt_precision > 0 ? dt_precision + 1 : 0);
    f.decimals = static_cast<unsigned>(dt_precision); f.charsetnr = 63;
  }
  else if (t == "char") { f.type = MyType::String; f.length = text_len(char_max); }
  else if (t == "varchar") { f.type = MyType::VarString; f.length = text_len(char_max); }
  else if (t == "binary") { f.type = MyType::String; f.length = static_cast<unsigned long>(octets); f.charsetnr = 63; f.flags |= 128u; }
  else if (t == "varbinary") { f.type = MyType::VarString; f.length = static_cast<unsigned long>(octets); f.charsetnr = 63; f.flags |= 128u; }
  else if (t == "tinytext" || t == "text" || t == "mediumtext" || t == "longtext" || t == "json") {
    f.type = MyType::Blob; f.flags |= 16u;
    f.length = binary_charset ? static_cast<unsigned long>(octets) : text_len(char_max);
  }
  else if (t == "tinyblob" || t == "blob" || t == "mediumblob" || t == "longblob") {
    f.type = MyType::Blob; f.flags |= 16u | 128u; f.charsetnr = 63; f.length = static_cast<unsigned long>(octets);
  }
  else if (t == "enum") { f.type = MyType::String; f.flags |= 256u; f.length = text_len(char_max); }
  else if (t == "set") { f.type = MyType::String; f.flags |= 2048u; f.length = text_len(char_max); }
  else { f.type = MyType::Geometry; f.charsetnr = 63; f.flags |= 128u; f.length = 4294967295UL; }
  if (binary_charset && f.charsetnr == 45) f.charsetnr = 63;
  return f;
}

void Statement::begin_catalog_call() {
  start_command();
  drop_prepared();
  is_prepared_ = false;
}

void Statement::publish_catalog_result(std::unique_ptr<ResultSet> rows) {
  set_result(std::move(rows));
  executed_ = true;
}

namespace {

// "= 'name'" for a catalog argument, or "= DATABASE()" when no catalog was given.
std::string schema_condition(const std::string* catalog, bool nbe) {
  return catalog && !catalog->empty() ? " = " + quote(*catalog, nbe) : " = DATABASE()";
}

SQLSMALLINT referential_rule(const std::string& rule) {
  if (rule == "CASCADE") return SQL_CASCADE;
  if (rule == "SET NULL") return SQL_SET_NULL;
  if (rule == "SET DEFAULT") return SQL_SET_DEFAULT;
  if (rule == "RESTRICT") return SQL_RESTRICT;
  return SQL_NO_ACTION;
}

}  // namespace

void Statement::primary_keys(const std::string* catalog, const std::string* table) {
  if (!table) throw OdbcError("HY009", "TableName must not be a null pointer");
  begin_catalog_call();
  auto out = std::make_unique<MemoryResult>(std::vector<ColumnInfo>{
      MemoryResult::column("TABLE_CAT", SQL_VARCHAR, 64), MemoryResult::column("TABLE_SCHEM", SQL_VARCHAR, 64),
      MemoryResult::column("TABLE_NAME", SQL_VARCHAR, 64, SQL_NO_NULLS),
      MemoryResult::column("COLUMN_NAME", SQL_VARCHAR, 64, SQL_NO_NULLS),
      MemoryResult::column("KEY_SEQ", SQL_SMALLINT, 5, SQL_NO_NULLS), MemoryResult::column("PK_NAME", SQL_VARCHAR, 64)});
  const bool nbe = connection_.session().no_backslash_escapes();
  std::string sql =
      "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, CONSTRAINT_NAME "
      "FROM information_schema.KEY_COLUMN_USAGE WHERE CONSTRAINT_NAME = 'PRIMARY' AND TABLE_SCHEMA" +
      schema_condition(catalog, nbe) + " AND TABLE_NAME = " + quote(*table, nbe) +
      " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION";
  for_each_catalog_row(sql, [&](const Cell* c) {
    out->push_cell(c[0]);
    out->push_null();
    out->push_cell(c[1]);
    out->push_cell(c[2]);
    out->push_int(int_of(c[3]));
    out->push_cell(c[4]);
  });
  publish_catalog_result(std::move(out));
}

void Statement::statistics(const std::string* catalog, const std::string* table, SQLUSMALLINT unique) {
  if (!table) throw OdbcError("HY009", "TableName must not be a null pointer");
  if (unique != SQL_INDEX_UNIQUE && unique != SQL_INDEX_ALL) throw OdbcError("HY100", "invalid Unique value");
  begin_catalog_call();
  auto out = std::make_unique<MemoryResult>(std::vector<ColumnInfo>{
      MemoryResult::column("TABLE_CAT", SQL_VARCHAR, 64), MemoryResult::column("TABLE_SCHEM", SQL_VARCHAR, 64),
      MemoryResult::column("TABLE_NAME", SQL_VARCHAR, 64, SQL_NO_NULLS),
      MemoryResult::column("NON_UNIQUE", SQL_SMALLINT, 5), MemoryResult::column("INDEX_QUALIFIER", SQL_VARCHAR, 64),
      MemoryResult::column("INDEX_NAME", SQL_VARCHAR, 64), MemoryResult::column("TYPE", SQL_SMALLINT, 5, SQL_NO_NULLS),
      MemoryResult::column("ORDINAL_POSITION", SQL_SMALLINT, 5), MemoryResult::column("COLUMN_NAME", SQL_VARCHAR, 64),
      MemoryResult::column("ASC_OR_DESC", SQL_CHAR, 1), MemoryResult::column("CARDINALITY", SQL_INTEGER, 10),
      MemoryResult::column("PAGES", SQL_INTEGER, 10), MemoryResult::column("FILTER_CONDITION", SQL_VARCHAR, 128)});
  const bool nbe = connection_.session().no_backslash_escapes();
  std::string sql =
      "SELECT TABLE_SCHEMA, TABLE_NAME, NON_UNIQUE, INDEX_SCHEMA, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, "
      "COLLATION, CARDINALITY, INDEX_TYPE FROM information_schema.STATISTICS WHERE TABLE_SCHEMA" +
      schema_condition(catalog, nbe) + " AND TABLE_NAME = " + quote(*table, nbe) +
      (unique == SQL_INDEX_UNIQUE ? " AND NON_UNIQUE = 0" : "") +
      " ORDER BY NON_UNIQUE, INDEX_NAME, SEQ_IN_INDEX";
  for_each_catalog_row(sql, [&](const Cell* c) {
    out->push_cell(c[0]);
    out->push_null();
    out->push_cell(c[1]);
    out->push_int(int_of(c[2]) != 0 ? SQL_TRUE : SQL_FALSE);
    out->push_null();  // INDEX_QUALIFIER: DROP INDEX takes no qualifier (both incumbents: NULL)
    out->push_cell(c[4]);
    out->push_int(text_of(c[9]) == "HASH" ? SQL_INDEX_HASHED : SQL_INDEX_OTHER);
    out->push_int(int_of(c[5]));
    out->push_cell(c[6]);
    out->push_cell(c[7]);  // 'A', 'D' or NULL
    if (c[8].kind == Cell::Kind::Null) out->push_null(); else out->push_int(std::min<int64_t>(int_of(c[8]), kIntMax));
    out->push_null();
    out->push_null();
  });
  publish_catalog_result(std::move(out));
}

void Statement::foreign_keys(const std::string* pk_catalog, const std::string* pk_table,
                             const std::string* fk_catalog, const std::string* fk_table) {
  const bool has_pk = pk_table && !pk_table->empty();
  const bool has_fk = fk_table && !fk_table->empty();
  if (!has_pk && !has_fk) throw OdbcError("HY009", "PKTableName or FKTableName must be given");
  begin_catalog_call();
  auto out = std::make_unique<MemoryResult>(std::vector<ColumnInfo>{
      MemoryResult::column("PKTABLE_CAT", SQL_VARCHAR, 64), MemoryResult::column("PKTABLE_SCHEM", SQL_VARCHAR, 64),
      MemoryResult::column("PKTABLE_NAME", SQL_VARCHAR, 64, SQL_NO_NULLS),
      MemoryResult::column("PKCOLUMN_NAME", SQL_VARCHAR, 64, SQL_NO_NULLS),
      MemoryResult::column("FKTABLE_CAT", SQL_VARCHAR, 64), MemoryResult::column("FKTABLE_SCHEM", SQL_VARCHAR, 64),
      MemoryResult::column("FKTABLE_NAME", SQL_VARCHAR, 64, SQL_NO_NULLS),
      MemoryResult::column("FKCOLUMN_NAME", SQL_VARCHAR, 64, SQL_NO_NULLS),
      MemoryResult::column("KEY_SEQ", SQL_SMALLINT, 5, SQL_NO_NULLS), MemoryResult::column("UPDATE_RULE", SQL_SMALLINT, 5),
      MemoryResult::column("DELETE_RULE", SQL_SMALLINT, 5), MemoryResult::column("FK_NAME", SQL_VARCHAR, 64),
      MemoryResult::column("PK_NAME", SQL_VARCHAR, 64), MemoryResult::column("DEFERRABILITY", SQL_SMALLINT, 5)});
  const bool nbe = connection_.session().no_backslash_escapes();
  // Two queries joined here: MariaDB pushes constant TABLE_SCHEMA/TABLE_NAME conditions into
  // an INFORMATION_SCHEMA table only when it is read alone; in a join the second table
  // (REFERENTIAL_CONSTRAINTS) is built for every table of every schema (~9 ms on 300
  // tables, against well under 1 ms for the two targeted queries).
  std::string sql =
      "SELECT REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME, TABLE_SCHEMA, "
      "TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, CONSTRAINT_NAME, CONSTRAINT_SCHEMA "
      "FROM information_schema.KEY_COLUMN_USAGE WHERE REFERENCED_TABLE_NAME IS NOT NULL";
  if (has_pk) {
    sql += " AND REFERENCED_TABLE_SCHEMA" + schema_condition(pk_catalog, nbe) +
           " AND REFERENCED_TABLE_NAME = " + quote(*pk_table, nbe);
  }
  if (has_fk) sql += " AND TABLE_SCHEMA" + schema_condition(fk_catalog, nbe) + " AND TABLE_NAME = " + quote(*fk_table, nbe);
  // ODBC order: by the foreign-key table when a primary-key table was named, else by the
  // primary-key table.
  sql += has_pk ? " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION"
                : " ORDER BY REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, ORDINAL_POSITION";
  struct KeyColumn {
    std::string cells[9];
    bool null[9];
  };
  std::vector<KeyColumn> keys;
  for_each_catalog_row(sql, [&](const Cell* c) {
    KeyColumn k;
    for (int i = 0; i < 9; ++i) {
      k.null[i] = c[i].kind == Cell::Kind::Null;
      k.cells[i] = i == 6 ? std::to_string(int_of(c[i])) : text_of(c[i]);
    }
    keys.push_back(std::move(k));
  });
  // The rules and the referenced key's name, per (schema, table, constraint).
  struct Rules {
    std::string update_rule, delete_rule, unique_name;
    bool unique_null = true;
  };
  std::map<std::string, Rules> rules;
  auto key_of = [](const std::string& schema, const std::string& table, const std::string& name) {
    return schema + '\0' + table + '\0' + name;
  };
  std::set<std::pair<std::string, std::string>> tables;  // (CONSTRAINT_SCHEMA, TABLE_NAME)
  for (const KeyColumn& k : keys) tables.emplace(k.cells[8], k.cells[4]);
  auto read_rules = [&](const std::string& where) {
    for_each_catalog_row(
        "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE, UNIQUE_CONSTRAINT_NAME "
        "FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE " + where,
        [&](const Cell* c) {
          Rules& r = rules[key_of(text_of(c[0]), text_of(c[1]), text_of(c[2]))];
          r.update_rule = text_of(c[3]);
          r.delete_rule = text_of(c[4]);
          r.unique_null = c[5].kind == Cell::Kind::Null;
          r.unique_name = text_of(c[5]);
        });
  };
  constexpr size_t kTargetedLimit = 16;  // beyond this many tables one scan is cheaper
  if (tables.size() <= kTargetedLimit) {
    for (const auto& [schema, table] : tables) {
      read_rules("CONSTRAINT_SCHEMA = " + quote(schema, nbe) + " AND TABLE_NAME = " + quote(table, nbe));
    }
  } else {
    std::set<std::string> schemas;
    for (const auto& t : tables) schemas.insert(t.first);
    std::string list;
    for (const std::string& schema : schemas) list += (list.empty() ? "" : ",") + quote(schema, nbe);
    read_rules("CONSTRAINT_SCHEMA IN (" + list + ")");
  }
  auto text_or_null = [&](const KeyColumn& k, int i) {
    if (k.null[i]) out->push_null(); else out->push_text(k.cells[i]);
  };
  for (const KeyColumn& k : keys) {
    auto r = rules.find(key_of(k.cells[8], k.cells[4], k.cells[7]));
    if (r == rules.end()) continue;  // not a foreign key after all (the inner join's rule)
    text_or_null(k, 0);
    out->push_null();
    text_or_null(k, 1);
    text_or_null(k, 2);
    text_or_null(k, 3);
    out->push_null();
    text_or_null(k, 4);
    text_or_null(k, 5);
    out->push_int(std::stoll(k.cells[6]));
    out->push_int(referential_rule(r->second.update_rule));
    out->push_int(referential_rule(r->second.delete_rule));
    text_or_null(k, 7);
    if (r->second.unique_null) out->push_null(); else out->push_text(r->second.unique_name);
    out->push_int(SQL_NOT_DEFERRABLE);
  }
  publish_catalog_result(std::move(out));
}

void Statement::type_info(SQLSMALLINT sql_type) {
  close_cursor_quietly();  // an open cursor is closed, as by a new execution (start_command)
  drop_prepared();
  is_prepared_ = false;
  executed_ = false;
  row_count_ = -1;
  rows_fetched_ = 0;
  // ODBC 2 date/time codes mean the ODBC 3 types.
  if (sql_type == SQL_DATE) sql_type = SQL_TYPE_DATE;
  if (sql_type == SQL_TIME) sql_type = SQL_TYPE_TIME;
  if (sql_type == SQL_TIMESTAMP) sql_type = SQL_TYPE_TIMESTAMP;
  std::vector<ColumnInfo> cols = {
      MemoryResult::column("TYPE_NAME", SQL_VARCHAR, 64, SQL_NO_NULLS),
      MemoryResult::column("DATA_TYPE", SQL_SMALLINT, 5, SQL_NO_NULLS),
      MemoryResult::column("COLUMN_SIZE", SQL_INTEGER, 10),
      MemoryResult::column("LITERAL_PREFIX", SQL_VARCHAR, 8),
      MemoryResult::column("LITERAL_SUFFIX", SQL_VARCHAR, 8),
      MemoryResult::column("CREATE_PARAMS", SQL_VARCHAR, 64),
      MemoryResult::column("NULLABLE", SQL_SMALLINT, 5, SQL_NO_NULLS),
      MemoryResult::column("CASE_SENSITIVE", SQL_SMALLINT, 5, SQL_NO_NULLS),
      MemoryResult::column("SEARCHABLE", SQL_SMALLINT, 5, SQL_NO_NULLS),
      MemoryResult::column("UNSIGNED_ATTRIBUTE", SQL_SMALLINT, 5),
      MemoryResult::column("FIXED_PREC_SCALE", SQL_SMALLINT, 5, SQL_NO_NULLS),
      MemoryResult::column("AUTO_UNIQUE_VALUE", SQL_SMALLINT, 5),
      MemoryResult::column("LOCAL_TYPE_NAME", SQL_VARCHAR, 64),
      MemoryResult::column("MINIMUM_SCALE", SQL_SMALLINT, 5),
      MemoryResult::column("MAXIMUM_SCALE", SQL_SMALLINT, 5),
      MemoryResult::column("SQL_DATA_TYPE", SQL_SMALLINT, 5, SQL_NO_NULLS),
      MemoryResult::column("SQL_DATETIME_SUB", SQL_SMALLINT, 5),
      MemoryResult::column("NUM_PREC_RADIX", SQL_INTEGER, 10),
      MemoryResult::column("INTERVAL_PRECISION", SQL_SMALLINT, 5)};
  auto out = std::make_unique<MemoryResult>(std::move(cols));
  auto text = [&](const char* s) { if (s) out->push_text(s); else out->push_null(); };
  auto opt = [&](const auto& o) { if (o) out->push_int(*o); else out->push_null(); };
  const bool odbc2 = connection_.environment().odbc_version() == SQL_OV_ODBC2;
  for (const TypeInfoRow* r : type_info_rows(sql_type)) {
    text(r->type_name);
    out->push_int(odbc2 ? catalog::odbc2_type(r->data_type) : r->data_type);
    opt(r->column_size);
    text(r->literal_prefix);
    text(r->literal_suffix);
    text(r->create_params);
    out->push_int(r->nullable);
    out->push_int(r->case_sensitive);
    out->push_int(r->searchable);
    opt(r->unsigned_attribute);
    out->push_int(r->fixed_prec_scale);
    opt(r->auto_unique_value);
    text(r->local_type_name);
    opt(r->minimum_scale);
    opt(r->maximum_scale);
    out->push_int(r->sql_data_type);
    opt(r->sql_datetime_sub);
    opt(r->num_prec_radix);
    opt(r->interval_precision);
  }
  publish_catalog_result(std::move(out));
}

}  // namespace fabodbc
