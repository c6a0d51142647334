// Catalog functions (ANSI and wide): SQLTables, SQLColumns, SQLPrimaryKeys, SQLStatistics,
// SQLForeignKeys. Each body is one template for both forms. Schema arguments are validated and
// ignored where MySQL has no schemas (database = catalog).
#include "odbc_api/dispatch.h"
#include "odbc_api/strings.h"

using namespace fabodbc;
using namespace fabodbc::api;

namespace {

template <class Char>
SQLRETURN tables(SQLHSTMT h, Char* cat, SQLSMALLINT cat_len, Char* schema, SQLSMALLINT schema_len, Char* table,
                 SQLSMALLINT table_len, Char* types, SQLSMALLINT types_len) {
  return call<Statement>(h, [&](Statement& s) {
    auto c = optional_text(cat, cat_len), sc = optional_text(schema, schema_len),
         t = optional_text(table, table_len), ty = optional_text(types, types_len);
    s.tables(ptr(c), ptr(sc), ptr(t), ptr(ty));
    return SQL_SUCCESS;
  });
}

template <class Char>
SQLRETURN columns(SQLHSTMT h, Char* cat, SQLSMALLINT cat_len, Char* schema, SQLSMALLINT schema_len, Char* table,
                  SQLSMALLINT table_len, Char* column, SQLSMALLINT column_len) {
  return call<Statement>(h, [&](Statement& s) {
    auto c = optional_text(cat, cat_len), sc = optional_text(schema, schema_len),
         t = optional_text(table, table_len), co = optional_text(column, column_len);
    s.columns(ptr(c), ptr(sc), ptr(t), ptr(co));
    return SQL_SUCCESS;
  });
}

template <class Char>
SQLRETURN primary_keys(SQLHSTMT h, Char* cat, SQLSMALLINT cat_len, Char* schema, SQLSMALLINT schema_len, Char* table,
                       SQLSMALLINT table_len) {
  return call<Statement>(h, [&](Statement& s) {
    auto c = optional_text(cat, cat_len), t = optional_text(table, table_len);
    (void)optional_text(schema, schema_len);
    s.primary_keys(ptr(c), ptr(t));
    return SQL_SUCCESS;
  });
}

template <class Char>
SQLRETURN statistics(SQLHSTMT h, Char* cat, SQLSMALLINT cat_len, Char* schema, SQLSMALLINT schema_len, Char* table,
                     SQLSMALLINT table_len, SQLUSMALLINT unique) {
  return call<Statement>(h, [&](Statement& s) {
    auto c = optional_text(cat, cat_len), t = optional_text(table, table_len);
    (void)optional_text(schema, schema_len);
    s.statistics(ptr(c), ptr(t), unique);
    return SQL_SUCCESS;
  });
}

template <class Char>
SQLRETURN foreign_keys(SQLHSTMT h, Char* pk_cat, SQLSMALLINT pk_cat_len, Char* pk_schema, SQLSMALLINT pk_schema_len,
                       Char* pk_table, SQLSMALLINT pk_table_len, Char* fk_cat, SQLSMALLINT fk_cat_len,
                       Char* fk_schema, SQLSMALLINT fk_schema_len, Char* fk_table, SQLSMALLINT fk_table_len) {
  return call<Statement>(h, [&](Statement& s) {
    auto pc = optional_text(pk_cat, pk_cat_len), pt = optional_text(pk_table, pk_table_len),
         fc = optional_text(fk_cat, fk_cat_len), ft = optional_text(fk_table, fk_table_len);
    (void)optional_text(pk_schema, pk_schema_len);
    (void)optional_text(fk_schema, fk_schema_len);
    s.foreign_keys(ptr(pc), ptr(pt), ptr(fc), ptr(ft));
    return SQL_SUCCESS;
  });
}

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLTables(SQLHSTMT h, SQLCHAR* cat, SQLSMALLINT cat_len, SQLCHAR* schema, SQLSMALLINT schema_len,
                            SQLCHAR* table, SQLSMALLINT table_len, SQLCHAR* types, SQLSMALLINT types_len) {
  return tables(h, cat, cat_len, schema, schema_len, table, table_len, types, types_len);
}

SQLRETURN SQL_API SQLTablesW(SQLHSTMT h, SQLWCHAR* cat, SQLSMALLINT cat_len, SQLWCHAR* schema, SQLSMALLINT schema_len,
                             SQLWCHAR* table, SQLSMALLINT table_len, SQLWCHAR* types, SQLSMALLINT types_len) {
  return tables(h, cat, cat_len, schema, schema_len, table, table_len, types, types_len);
}

SQLRETURN SQL_API SQLColumns(SQLHSTMT h, SQLCHAR* cat, SQLSMALLINT cat_len, SQLCHAR* schema, SQLSMALLINT schema_len,
                             SQLCHAR* table, SQLSMALLINT table_len, SQLCHAR* column, SQLSMALLINT column_len) {
  return columns(h, cat, cat_len, schema, schema_len, table, table_len, column, column_len);
}

SQLRETURN SQL_API SQLColumnsW(SQLHSTMT h, SQLWCHAR* cat, SQLSMALLINT cat_len, SQLWCHAR* schema,
                              SQLSMALLINT schema_len, SQLWCHAR* table, SQLSMALLINT table_len, SQLWCHAR* column,
                              SQLSMALLINT column_len) {
  return columns(h, cat, cat_len, schema, schema_len, table, table_len, column, column_len);
}

SQLRETURN SQL_API SQLPrimaryKeys(SQLHSTMT h, SQLCHAR* cat, SQLSMALLINT cat_len, SQLCHAR* schema, SQLSMALLINT schema_len,
                                 SQLCHAR* table, SQLSMALLINT table_len) {
  return primary_keys(h, cat, cat_len, schema, schema_len, table, table_len);
}

SQLRETURN SQL_API SQLPrimaryKeysW(SQLHSTMT h, SQLWCHAR* cat, SQLSMALLINT cat_len, SQLWCHAR* schema,
                                  SQLSMALLINT schema_len, SQLWCHAR* table, SQLSMALLINT table_len) {
  return primary_keys(h, cat, cat_len, schema, schema_len, table, table_len);
}

SQLRETURN SQL_API SQLStatistics(SQLHSTMT h, SQLCHAR* cat, SQLSMALLINT cat_len, SQLCHAR* schema, SQLSMALLINT schema_len,
                                SQLCHAR* table, SQLSMALLINT table_len, SQLUSMALLINT unique, SQLUSMALLINT) {
  return statistics(h, cat, cat_len, schema, schema_len, table, table_len, unique);
}

SQLRETURN SQL_API SQLStatisticsW(SQLHSTMT h, SQLWCHAR* cat, SQLSMALLINT cat_len, SQLWCHAR* schema,
                                 SQLSMALLINT schema_len, SQLWCHAR* table, SQLSMALLINT table_len, SQLUSMALLINT unique,
                                 SQLUSMALLINT) {
  return statistics(h, cat, cat_len, schema, schema_len, table, table_len, unique);
}

SQLRETURN SQL_API SQLForeignKeys(SQLHSTMT h, SQLCHAR* pk_cat, SQLSMALLINT pk_cat_len, SQLCHAR* pk_schema,
                                 SQLSMALLINT pk_schema_len, SQLCHAR* pk_table, SQLSMALLINT pk_table_len,
                                 SQLCHAR* fk_cat, SQLSMALLINT fk_cat_len, SQLCHAR* fk_schema, SQLSMALLINT fk_schema_len,
                                 SQLCHAR* fk_table, SQLSMALLINT fk_table_len) {
  return foreign_keys(h, pk_cat, pk_cat_len, pk_schema, pk_schema_len, pk_table, pk_table_len, fk_cat, fk_cat_len,
                      fk_schema, fk_schema_len, fk_table, fk_table_len);
}

SQLRETURN SQL_API SQLForeignKeysW(SQLHSTMT h, SQLWCHAR* pk_cat, SQLSMALLINT pk_cat_len, SQLWCHAR* pk_schema,
                                  SQLSMALLINT pk_schema_len, SQLWCHAR* pk_table, SQLSMALLINT pk_table_len,
                                  SQLWCHAR* fk_cat, SQLSMALLINT fk_cat_len, SQLWCHAR* fk_schema,
                                  SQLSMALLINT fk_schema_len, SQLWCHAR* fk_table, SQLSMALLINT fk_table_len) {
  return foreign_keys(h, pk_cat, pk_cat_len, pk_schema, pk_schema_len, pk_table, pk_table_len, fk_cat, fk_cat_len,
                      fk_schema, fk_schema_len, fk_table, fk_table_len);
}

}  // extern "C"
