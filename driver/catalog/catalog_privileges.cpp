// SQLTablePrivileges and SQLColumnPrivileges from INFORMATION_SCHEMA. A privilege granted on
// the whole database (SCHEMA_PRIVILEGES) applies to each of its tables, and one granted on a
// table (TABLE_PRIVILEGES) to each of its columns, so both are listed where they apply.
// MySQL does not record grantors: GRANTOR is NULL.
#include "driver/catalog/catalog_rows.h"
#include "driver/catalog/catalog_util.h"
#include "driver/connection/connection.h"
#include "driver/error.h"
#include "driver/mysql/session.h"
#include "driver/results/memory_result.h"
#include "driver/statement/statement.h"

namespace fabodbc {

void Statement::table_privileges(const std::string* catalog, const std::string* table) {
  begin_catalog_call();
  auto out = std::make_unique<MemoryResult>(std::vector<ColumnInfo>{
      MemoryResult::column("TABLE_CAT", SQL_VARCHAR, 64), MemoryResult::column("TABLE_SCHEM", SQL_VARCHAR, 64),
      MemoryResult::column("TABLE_NAME", SQL_VARCHAR, 64, SQL_NO_NULLS), MemoryResult::column("GRANTOR", SQL_VARCHAR, 64),
      MemoryResult::column("GRANTEE", SQL_VARCHAR, 128, SQL_NO_NULLS),
      MemoryResult::column("PRIVILEGE", SQL_VARCHAR, 64, SQL_NO_NULLS),
      MemoryResult::column("IS_GRANTABLE", SQL_VARCHAR, 3)});
  mysql::Session& session = connection_.session();
  const bool nbe = session.no_backslash_escapes();
  const bool identifiers = metadata_id_ == SQL_TRUE;
  const std::string schema = catalog::schema_is(catalog, nbe);
  // Table-level privileges that make sense per table (not CREATE ROUTINE, EVENT ...).
  const std::string sql =
      "SELECT TABLE_SCHEMA, TABLE_NAME, GRANTEE, PRIVILEGE_TYPE, IS_GRANTABLE FROM information_schema.TABLE_PRIVILEGES "
      "WHERE TABLE_SCHEMA" + schema + catalog::pattern_is("TABLE_NAME", table, identifiers, nbe) +
      " UNION SELECT t.TABLE_SCHEMA, t.TABLE_NAME, s.GRANTEE, s.PRIVILEGE_TYPE, s.IS_GRANTABLE "
      "FROM information_schema.SCHEMA_PRIVILEGES s JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = s.TABLE_SCHEMA "
      "WHERE s.TABLE_SCHEMA" + schema + catalog::pattern_is("t.TABLE_NAME", table, identifiers, nbe) +
      " AND s.PRIVILEGE_TYPE IN ('SELECT','INSERT','UPDATE','DELETE','REFERENCES','INDEX','ALTER','DROP',"
      "'TRIGGER','SHOW VIEW','CREATE VIEW','DELETE HISTORY') ORDER BY 1, 2, 4, 3";
  for_each_catalog_row(sql, [&](const Cell* c) {
    out->push_cell(c[0]);
    out->push_null();
    out->push_cell(c[1]);
    out->push_null();
    out->push_cell(c[2]);
    out->push_cell(c[3]);
    out->push_cell(c[4]);
  });
  publish_catalog_result(std::move(out));
}

void Statement::column_privileges(const std::string* catalog, const std::string* table, const std::string* column) {
  if (!table) throw OdbcError("HY009", "TableName must not be a null pointer");
  begin_catalog_call();
  auto out = std::make_unique<MemoryResult>(std::vector<ColumnInfo>{
      MemoryResult::column("TABLE_CAT", SQL_VARCHAR, 64), MemoryResult::column("TABLE_SCHEM", SQL_VARCHAR, 64),
      MemoryResult::column("TABLE_NAME", SQL_VARCHAR, 64, SQL_NO_NULLS),
      MemoryResult::column("COLUMN_NAME", SQL_VARCHAR, 64, SQL_NO_NULLS), MemoryResult::column("GRANTOR", SQL_VARCHAR, 64),
      MemoryResult::column("GRANTEE", SQL_VARCHAR, 128, SQL_NO_NULLS),
      MemoryResult::column("PRIVILEGE", SQL_VARCHAR, 64, SQL_NO_NULLS),
      MemoryResult::column("IS_GRANTABLE", SQL_VARCHAR, 3)});
  mysql::Session& session = connection_.session();
  const bool nbe = session.no_backslash_escapes();
  const bool identifiers = metadata_id_ == SQL_TRUE;
  const std::string schema = catalog::schema_is(catalog, nbe);
  const std::string table_is = " = " + catalog::literal(*table, nbe);  // TableName is not a pattern here
  // Column-level grants, and table-level grants of the privileges a column can have.
  const std::string sql =
      "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, GRANTEE, PRIVILEGE_TYPE, IS_GRANTABLE "
      "FROM information_schema.COLUMN_PRIVILEGES WHERE TABLE_SCHEMA" + schema + " AND TABLE_NAME" + table_is +
      catalog::pattern_is("COLUMN_NAME", column, identifiers, nbe) +
      " UNION SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, p.GRANTEE, p.PRIVILEGE_TYPE, p.IS_GRANTABLE "
      "FROM information_schema.TABLE_PRIVILEGES p JOIN information_schema.COLUMNS c "
      "ON c.TABLE_SCHEMA = p.TABLE_SCHEMA AND c.TABLE_NAME = p.TABLE_NAME "
      "WHERE p.TABLE_SCHEMA" + schema + " AND p.TABLE_NAME" + table_is +
      catalog::pattern_is("c.COLUMN_NAME", column, identifiers, nbe) +
      " AND p.PRIVILEGE_TYPE IN ('SELECT','INSERT','UPDATE','REFERENCES') ORDER BY 3, 5, 4";
  for_each_catalog_row(sql, [&](const Cell* c) {
    out->push_cell(c[0]);
    out->push_null();
    out->push_cell(c[1]);
    out->push_cell(c[2]);
    out->push_null();
    out->push_cell(c[3]);
    out->push_cell(c[4]);
    out->push_cell(c[5]);
  });
  publish_catalog_result(std::move(out));
}

}  // namespace fabodbc
