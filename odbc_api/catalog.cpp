// SQLTables and SQLColumns (ANSI and wide).
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

}  // extern "C"
