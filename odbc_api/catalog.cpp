// Catalog functions (ANSI and wide): SQLTables, SQLColumns, SQLPrimaryKeys, SQLStatistics,
// SQLForeignKeys.
#include "odbc_api/dispatch.h"
#include "odbc_api/strings.h"

using namespace fabodbc;
using namespace fabodbc::api;

extern "C" {

SQLRETURN SQL_API SQLTables(SQLHSTMT h, SQLCHAR* cat, SQLSMALLINT cat_len, SQLCHAR* schema, SQLSMALLINT schema_len,
                            SQLCHAR* table, SQLSMALLINT table_len, SQLCHAR* types, SQLSMALLINT types_len) {
  return call<Statement>(h, [&](Statement& s) {
    auto c = optional_ansi(cat, cat_len), sc = optional_ansi(schema, schema_len), t = optional_ansi(table, table_len),
         ty = optional_ansi(types, types_len);
    s.tables(ptr(c), ptr(sc), ptr(t), ptr(ty));
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLTablesW(SQLHSTMT h, SQLWCHAR* cat, SQLSMALLINT cat_len, SQLWCHAR* schema, SQLSMALLINT schema_len,
                             SQLWCHAR* table, SQLSMALLINT table_len, SQLWCHAR* types, SQLSMALLINT types_len) {
  return call<Statement>(h, [&](Statement& s) {
    auto c = optional_wide(cat, cat_len), sc = optional_wide(schema, schema_len), t = optional_wide(table, table_len),
         ty = optional_wide(types, types_len);
    s.tables(ptr(c), ptr(sc), ptr(t), ptr(ty));
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLColumns(SQLHSTMT h, SQLCHAR* cat, SQLSMALLINT cat_len, SQLCHAR* schema, SQLSMALLINT schema_len,
                             SQLCHAR* table, SQLSMALLINT table_len, SQLCHAR* column, SQLSMALLINT column_len) {
  return call<Statement>(h, [&](Statement& s) {
    auto c = optional_ansi(cat, cat_len), sc = optional_ansi(schema, schema_len), t = optional_ansi(table, table_len),
         co = optional_ansi(column, column_len);
    s.columns(ptr(c), ptr(sc), ptr(t), ptr(co));
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLColumnsW(SQLHSTMT h, SQLWCHAR* cat, SQLSMALLINT cat_len, SQLWCHAR* schema,
                              SQLSMALLINT schema_len, SQLWCHAR* table, SQLSMALLINT table_len, SQLWCHAR* column,
                              SQLSMALLINT column_len) {
  return call<Statement>(h, [&](Statement& s) {
    auto c = optional_wide(cat, cat_len), sc = optional_wide(schema, schema_len), t = optional_wide(table, table_len),
         co = optional_wide(column, column_len);
    s.columns(ptr(c), ptr(sc), ptr(t), ptr(co));
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLPrimaryKeys(SQLHSTMT h, SQLCHAR* cat, SQLSMALLINT cat_len, SQLCHAR* schema, SQLSMALLINT schema_len,
                                 SQLCHAR* table, SQLSMALLINT table_len) {
  return call<Statement>(h, [&](Statement& s) {
    auto c = optional_ansi(cat, cat_len), t = optional_ansi(table, table_len);
    (void)optional_ansi(schema, schema_len);  // validated; schemas do not exist in MySQL
    s.primary_keys(ptr(c), ptr(t));
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLPrimaryKeysW(SQLHSTMT h, SQLWCHAR* cat, SQLSMALLINT cat_len, SQLWCHAR* schema,
                                  SQLSMALLINT schema_len, SQLWCHAR* table, SQLSMALLINT table_len) {
  return call<Statement>(h, [&](Statement& s) {
    auto c = optional_wide(cat, cat_len), t = optional_wide(table, table_len);
    (void)optional_wide(schema, schema_len);
    s.primary_keys(ptr(c), ptr(t));
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLStatistics(SQLHSTMT h, SQLCHAR* cat, SQLSMALLINT cat_len, SQLCHAR* schema, SQLSMALLINT schema_len,
                                SQLCHAR* table, SQLSMALLINT table_len, SQLUSMALLINT unique, SQLUSMALLINT) {
  return call<Statement>(h, [&](Statement& s) {
    auto c = optional_ansi(cat, cat_len), t = optional_ansi(table, table_len);
    (void)optional_ansi(schema, schema_len);
    s.statistics(ptr(c), ptr(t), unique);
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLStatisticsW(SQLHSTMT h, SQLWCHAR* cat, SQLSMALLINT cat_len, SQLWCHAR* schema,
                                 SQLSMALLINT schema_len, SQLWCHAR* table, SQLSMALLINT table_len, SQLUSMALLINT unique,
                                 SQLUSMALLINT) {
  return call<Statement>(h, [&](Statement& s) {
    auto c = optional_wide(cat, cat_len), t = optional_wide(table, table_len);
    (void)optional_wide(schema, schema_len);
    s.statistics(ptr(c), ptr(t), unique);
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLForeignKeys(SQLHSTMT h, SQLCHAR* pk_cat, SQLSMALLINT pk_cat_len, SQLCHAR* pk_schema,
                                 SQLSMALLINT pk_schema_len, SQLCHAR* pk_table, SQLSMALLINT pk_table_len,
                                 SQLCHAR* fk_cat, SQLSMALLINT fk_cat_len, SQLCHAR* fk_schema, SQLSMALLINT fk_schema_len,
                                 SQLCHAR* fk_table, SQLSMALLINT fk_table_len) {
  return call<Statement>(h, [&](Statement& s) {
    auto pc = optional_ansi(pk_cat, pk_cat_len), pt = optional_ansi(pk_table, pk_table_len),
         fc = optional_ansi(fk_cat, fk_cat_len), ft = optional_ansi(fk_table, fk_table_len);
    (void)optional_ansi(pk_schema, pk_schema_len);
    (void)optional_ansi(fk_schema, fk_schema_len);
    s.foreign_keys(ptr(pc), ptr(pt), ptr(fc), ptr(ft));
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLForeignKeysW(SQLHSTMT h, SQLWCHAR* pk_cat, SQLSMALLINT pk_cat_len, SQLWCHAR* pk_schema,
                                  SQLSMALLINT pk_schema_len, SQLWCHAR* pk_table, SQLSMALLINT pk_table_len,
                                  SQLWCHAR* fk_cat, SQLSMALLINT fk_cat_len, SQLWCHAR* fk_schema,
                                  SQLSMALLINT fk_schema_len, SQLWCHAR* fk_table, SQLSMALLINT fk_table_len) {
  return call<Statement>(h, [&](Statement& s) {
    auto pc = optional_wide(pk_cat, pk_cat_len), pt = optional_wide(pk_table, pk_table_len),
         fc = optional_wide(fk_cat, fk_cat_len), ft = optional_wide(fk_table, fk_table_len);
    (void)optional_wide(pk_schema, pk_schema_len);
    (void)optional_wide(fk_schema, fk_schema_len);
    s.foreign_keys(ptr(pc), ptr(pt), ptr(fc), ptr(ft));
    return SQL_SUCCESS;
  });
}

}  // extern "C"
