#include "driver/descriptor/column_attributes.h"

#include "driver/error.h"

namespace fabodbc {

namespace {

bool is_numeric(SQLSMALLINT t) {
  switch (t) {
    case SQL_TINYINT: case SQL_SMALLINT: case SQL_INTEGER: case SQL_BIGINT: case SQL_DECIMAL:
    case SQL_NUMERIC: case SQL_REAL: case SQL_FLOAT: case SQL_DOUBLE: case SQL_BIT:
      return true;
    default:
      return false;
  }
}

bool is_character(SQLSMALLINT t) {
  return t == SQL_CHAR || t == SQL_VARCHAR || t == SQL_LONGVARCHAR || t == SQL_WCHAR || t == SQL_WVARCHAR ||
         t == SQL_WLONGVARCHAR;
}

bool is_binary(SQLSMALLINT t) { return t == SQL_BINARY || t == SQL_VARBINARY || t == SQL_LONGVARBINARY; }

bool is_datetime(SQLSMALLINT t) { return t == SQL_TYPE_DATE || t == SQL_TYPE_TIME || t == SQL_TYPE_TIMESTAMP; }

}  // namespace

SQLSMALLINT verbose_sql_type(SQLSMALLINT concise) { return is_datetime(concise) ? SQL_DATETIME : concise; }

ColumnAttribute column_attribute(const ColumnInfo& c, SQLUSMALLINT field) {
  ColumnAttribute a;
  auto text = [&a](std::string v) {
    a.is_string = true;
    a.text = std::move(v);
    return a;
  };
  auto number = [&a](SQLLEN v) {
    a.number = v;
    return a;
  };
  const SQLSMALLINT t = c.sql_type;
  switch (field) {
    case SQL_DESC_NAME: case SQL_COLUMN_NAME: case SQL_DESC_LABEL: return text(c.field.name);
    case SQL_DESC_BASE_COLUMN_NAME: return text(c.field.org_name);
    case SQL_DESC_TABLE_NAME: return text(c.field.table);
    case SQL_DESC_BASE_TABLE_NAME: return text(c.field.org_table);
    case SQL_DESC_SCHEMA_NAME: return text("");
    case SQL_DESC_CATALOG_NAME: return text(c.field.db);
    case SQL_DESC_TYPE_NAME: return text(c.type_name);
    case SQL_DESC_LOCAL_TYPE_NAME: return text("");
    case SQL_DESC_LITERAL_PREFIX:
      return text(is_character(t) || is_datetime(t) ? "'" : is_binary(t) ? "0x" : "");
    case SQL_DESC_LITERAL_SUFFIX: return text(is_character(t) || is_datetime(t) ? "'" : "");
    case SQL_DESC_CONCISE_TYPE: return number(t);  // == SQL_COLUMN_TYPE
    case SQL_DESC_TYPE: return number(verbose_sql_type(t));
    case SQL_DESC_DATETIME_INTERVAL_CODE:
      return number(t == SQL_TYPE_DATE ? SQL_CODE_DATE : t == SQL_TYPE_TIME ? SQL_CODE_TIME
                    : t == SQL_TYPE_TIMESTAMP ? SQL_CODE_TIMESTAMP : 0);
    case SQL_DESC_LENGTH: return number(static_cast<SQLLEN>(c.column_size));
    case SQL_COLUMN_LENGTH: case SQL_DESC_OCTET_LENGTH: return number(c.octet_length);
    case SQL_DESC_PRECISION:
      return number(is_datetime(t) ? c.decimal_digits : static_cast<SQLLEN>(c.column_size));
    case SQL_COLUMN_PRECISION: return number(static_cast<SQLLEN>(c.column_size));
    case SQL_DESC_SCALE: case SQL_COLUMN_SCALE: return number(c.decimal_digits);
    case SQL_DESC_NULLABLE: case SQL_COLUMN_NULLABLE: return number(c.nullable);
    case SQL_DESC_UNSIGNED: return number(!is_numeric(t) || c.is_unsigned ? SQL_TRUE : SQL_FALSE);
    case SQL_DESC_DISPLAY_SIZE: return number(c.display_size);
    case SQL_DESC_AUTO_UNIQUE_VALUE: return number(c.auto_increment ? SQL_TRUE : SQL_FALSE);
    case SQL_DESC_CASE_SENSITIVE: return number(c.case_sensitive ? SQL_TRUE : SQL_FALSE);
    // A money-like type of fixed scale; DECIMAL's scale is the column's choice (both incumbents
    // answer SQL_FALSE).
    case SQL_DESC_FIXED_PREC_SCALE: return number(SQL_FALSE);
    case SQL_DESC_SEARCHABLE:
      return number(t == SQL_LONGVARCHAR || t == SQL_WLONGVARCHAR || t == SQL_LONGVARBINARY ? SQL_PRED_CHAR
                                                                                              : SQL_PRED_SEARCHABLE);
    // An expression (no base table or column) can never be written through the cursor; a table
    // column maybe (privileges, views, and SQLSetPos's one-table rule decide).
    case SQL_DESC_UPDATABLE:
      return number(c.field.org_table.empty() || c.field.org_name.empty() ? SQL_ATTR_READONLY
                                                                          : SQL_ATTR_READWRITE_UNKNOWN);
    case SQL_DESC_NUM_PREC_RADIX:
      return number(is_numeric(t) ? 10 : 0);
    case SQL_DESC_UNNAMED: return number(c.field.name.empty() ? SQL_UNNAMED : SQL_NAMED);
    default:
      throw OdbcError("HY091", "invalid descriptor field identifier " + std::to_string(field));
  }
}

}  // namespace fabodbc
