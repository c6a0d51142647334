// Catalog entry points (ANSI and wide): SQLProcedures, SQLProcedureColumns, SQLSpecialColumns,
// SQLTablePrivileges, SQLColumnPrivileges. Schema arguments are validated and ignored: MySQL
// has no schemas (database = catalog).
#include "odbc_api/dispatch.h"
#include "odbc_api/strings.h"

using namespace fabodbc;
using namespace fabodbc::api;

namespace {

template <class Char>
SQLRETURN procedures(SQLHSTMT h, Char* cat, SQLSMALLINT cat_len, Char* schema, SQLSMALLINT schema_len, Char* proc,
                     SQLSMALLINT proc_len) {
  return call<Statement>(h, [&](Statement& s) {
    auto c = optional_text(cat, cat_len), p = optional_text(proc, proc_len);
    (void)optional_text(schema, schema_len);
    s.procedures(ptr(c), ptr(p));
    return SQL_SUCCESS;
  });
}

template <class Char>
SQLRETURN procedure_columns(SQLHSTMT h, Char* cat, SQLSMALLINT cat_len, Char* schema, SQLSMALLINT schema_len,
                            Char* proc, SQLSMALLINT proc_len, Char* column, SQLSMALLINT column_len) {
  return call<Statement>(h, [&](Statement& s) {
    auto c = optional_text(cat, cat_len), p = optional_text(proc, proc_len), co = optional_text(column, column_len);
    (void)optional_text(schema, schema_len);
    s.procedure_columns(ptr(c), ptr(p), ptr(co));
    return SQL_SUCCESS;
  });
}

template <class Char>
SQLRETURN special_columns(SQLHSTMT h, SQLUSMALLINT id_type, Char* cat, SQLSMALLINT cat_len, Char* schema,
                          SQLSMALLINT schema_len, Char* table, SQLSMALLINT table_len, SQLUSMALLINT scope,
                          SQLUSMALLINT nullable) {
  return call<Statement>(h, [&](Statement& s) {
    auto c = optional_text(cat, cat_len), t = optional_text(table, table_len);
    (void)optional_text(schema, schema_len);
    s.special_columns(id_type, ptr(c), ptr(t), scope, nullable);
    return SQL_SUCCESS;
  });
}

template <class Char>
SQLRETURN table_privileges(SQLHSTMT h, Char* cat, SQLSMALLINT cat_len, Char* schema, SQLSMALLINT schema_len,
                           Char* table, SQLSMALLINT table_len) {
  return call<Statement>(h, [&](Statement& s) {
    auto c = optional_text(cat, cat_len), t = optional_text(table, table_len);
    (void)optional_text(schema, schema_len);
    s.table_privileges(ptr(c), ptr(t));
    return SQL_SUCCESS;
  });
}

template <class Char>
SQLRETURN column_privileges(SQLHSTMT h, Char* cat, SQLSMALLINT cat_len, Char* schema, SQLSMALLINT schema_len,
                            Char* table, SQLSMALLINT table_len, Char* column, SQLSMALLINT column_len) {
  return call<Statement>(h, [&](Statement& s) {
    auto c = optional_text(cat, cat_len), t = optional_text(table, table_len), co = optional_text(column, column_len);
    (void)optional_text(schema, schema_len);
    s.column_privileges(ptr(c), ptr(t), ptr(co));
    return SQL_SUCCESS;
  });
}

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLProcedures(SQLHSTMT h, SQLCHAR* cat, SQLSMALLINT cat_len, SQLCHAR* schema,
                                SQLSMALLINT schema_len, SQLCHAR* proc, SQLSMALLINT proc_len) {
  return procedures(h, cat, cat_len, schema, schema_len, proc, proc_len);
}

SQLRETURN SQL_API SQLProceduresW(SQLHSTMT h, SQLWCHAR* cat, SQLSMALLINT cat_len, SQLWCHAR* schema,
                                 SQLSMALLINT schema_len, SQLWCHAR* proc, SQLSMALLINT proc_len) {
  return procedures(h, cat, cat_len, schema, schema_len, proc, proc_len);
}

SQLRETURN SQL_API SQLProcedureColumns(SQLHSTMT h, SQLCHAR* cat, SQLSMALLINT cat_len, SQLCHAR* schema,
                                      SQLSMALLINT schema_len, SQLCHAR* proc, SQLSMALLINT proc_len, SQLCHAR* column,
                                      SQLSMALLINT column_len) {
  return procedure_columns(h, cat, cat_len, schema, schema_len, proc, proc_len, column, column_len);
}

SQLRETURN SQL_API SQLProcedureColumnsW(SQLHSTMT h, SQLWCHAR* cat, SQLSMALLINT cat_len, SQLWCHAR* schema,
                                       SQLSMALLINT schema_len, SQLWCHAR* proc, SQLSMALLINT proc_len,
                                       SQLWCHAR* column, SQLSMALLINT column_len) {
  return procedure_columns(h, cat, cat_len, schema, schema_len, proc, proc_len, column, column_len);
}

SQLRETURN SQL_API SQLSpecialColumns(SQLHSTMT h, SQLUSMALLINT id_type, SQLCHAR* cat, SQLSMALLINT cat_len,
                                    SQLCHAR* schema, SQLSMALLINT schema_len, SQLCHAR* table, SQLSMALLINT table_len,
                                    SQLUSMALLINT scope, SQLUSMALLINT nullable) {
  return special_columns(h, id_type, cat, cat_len, schema, schema_len, table, table_len, scope, nullable);
}

SQLRETURN SQL_API SQLSpecialColumnsW(SQLHSTMT h, SQLUSMALLINT id_type, SQLWCHAR* cat, SQLSMALLINT cat_len,
                                     SQLWCHAR* schema, SQLSMALLINT schema_len, SQLWCHAR* table,
                                     SQLSMALLINT table_len, SQLUSMALLINT scope, SQLUSMALLINT nullable) {
  return special_columns(h, id_type, cat, cat_len, schema, schema_len, table, table_len, scope, nullable);
}

SQLRETURN SQL_API SQLTablePrivileges(SQLHSTMT h, SQLCHAR* cat, SQLSMALLINT cat_len, SQLCHAR* schema,
                                     SQLSMALLINT schema_len, SQLCHAR* table, SQLSMALLINT table_len) {
  return table_privileges(h, cat, cat_len, schema, schema_len, table, table_len);
}

SQLRETURN SQL_API SQLTablePrivilegesW(SQLHSTMT h, SQLWCHAR* cat, SQLSMALLINT cat_len, SQLWCHAR* schema,
                                      SQLSMALLINT schema_len, SQLWCHAR* table, SQLSMALLINT table_len) {
  return table_privileges(h, cat, cat_len, schema, schema_len, table, table_len);
}

SQLRETURN SQL_API SQLColumnPrivileges(SQLHSTMT h, SQLCHAR* cat, SQLSMALLINT cat_len, SQLCHAR* schema,
                                      SQLSMALLINT schema_len, SQLCHAR* table, SQLSMALLINT table_len, SQLCHAR* column,
                                      SQLSMALLINT column_len) {
  return column_privileges(h, cat, cat_len, schema, schema_len, table, table_len, column, column_len);
}

SQLRETURN SQL_API SQLColumnPrivilegesW(SQLHSTMT h, SQLWCHAR* cat, SQLSMALLINT cat_len, SQLWCHAR* schema,
                                       SQLSMALLINT schema_len, SQLWCHAR* table, SQLSMALLINT table_len,
                                       SQLWCHAR* column, SQLSMALLINT column_len) {
  return column_privileges(h, cat, cat_len, schema, schema_len, table, table_len, column, column_len);
}

}  // extern "C"
