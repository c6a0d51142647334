// SQLColAttribute / SQLDescribeCol answers for one result column, from its ColumnInfo.
#pragma once

#include "driver/convert/cell.h"

#include <sql.h>
#include <sqlext.h>

#include <string>

namespace fabodbc {

struct ColumnAttribute {
  bool is_string = false;
  std::string text;
  SQLLEN number = 0;
};

// HY091 for a field identifier that is not a column attribute.
ColumnAttribute column_attribute(const ColumnInfo& column, SQLUSMALLINT field);

// SQL_DESC_TYPE (verbose type) for a concise SQL type: datetime types become SQL_DATETIME.
SQLSMALLINT verbose_sql_type(SQLSMALLINT concise);

}  // namespace fabodbc
