// SQLDescribeParam. The server's prepare says how many markers there are, not their types
// (MariaDB and MySQL describe every parameter as a string). For the statement applications
// most often describe, INSERT ... VALUES with a marker per value (pyodbc's fast_executemany,
// bulk loaders), each such marker is the column it fills: the driver prepares a SELECT of those
// columns once, never executes it, and describes the markers with the columns' result metadata
// (type, size, scale, nullability). Other markers: the type the application bound (IPD), or a
// VARCHAR the server converts from.
#include "driver/connection/connection.h"
#include "driver/sql/insert_target.h"
#include "driver/statement/statement.h"

namespace fabodbc {

std::vector<std::optional<ColumnInfo>> Statement::describe_markers() {
  std::vector<std::optional<ColumnInfo>> described(prepared_ ? prepared_->param_count() : markers_.size());
  mysql::Session& session = connection_.session();
  sql::LexRules rules;
  rules.backslash_escapes = !session.no_backslash_escapes();
  std::optional<sql::InsertTarget> target = sql::parse_insert_target(sql_, rules);
  if (!target || target->marker_columns.size() != described.size()) return described;
  int highest = -1;
  for (int column : target->marker_columns) highest = std::max(highest, column);
  if (highest < 0) return described;
  if (!target->columns.empty() && static_cast<size_t>(highest) >= target->columns.size()) return described;

  std::string select = "SELECT ";
  if (target->columns.empty()) {
    select += "*";
  } else {
    for (size_t i = 0; i < target->columns.size(); ++i) select += (i ? ", " : "") + target->columns[i];
  }
  select += " FROM " + target->table;
  std::vector<ColumnInfo> columns;
  try {
    connection_.claim_session(this);
    columns = session.prepare(select)->result_columns();  // closed again right here
  } catch (const OdbcError&) {
    return described;  // e.g. no SELECT privilege: the generic description stays
  }
  for (size_t marker = 0; marker < described.size(); ++marker) {
    const int column = target->marker_columns[marker];
    if (column >= 0 && static_cast<size_t>(column) < columns.size()) described[marker] = columns[column];
  }
  return described;
}

void Statement::describe_param(SQLUSMALLINT number, SQLSMALLINT* type, SQLULEN* size, SQLSMALLINT* digits,
                               SQLSMALLINT* nullable) {
  SQLSMALLINT count = num_params();
  if (number < 1 || number > count) throw OdbcError("07009", "invalid parameter number " + std::to_string(number));
  // {?= call f(...)}: marker 1 is the function's value, not a marker of the text sent.
  const size_t marker = number - 1 - (returns_value_ ? 1 : 0);
  if (!returns_value_ || number > 1) {
    if (!param_descriptions_) param_descriptions_ = describe_markers();
    if (marker < param_descriptions_->size() && (*param_descriptions_)[marker]) {
      const ColumnInfo& c = *(*param_descriptions_)[marker];
      if (type) *type = c.sql_type;
      if (size) *size = c.column_size;
      if (digits) *digits = c.decimal_digits;
      if (nullable) *nullable = c.nullable;
      return;
    }
  }
  const DescRecord* bound = implicit_ipd_.find(number);
  if (bound && bound->bound) {
    if (type) *type = bound->sql_type;
    if (size) *size = bound->length;
    if (digits) *digits = bound->scale;
  } else {
    if (type) *type = SQL_VARCHAR;
    if (size) *size = 255;
    if (digits) *digits = 0;
  }
  if (nullable) *nullable = SQL_NULLABLE_UNKNOWN;
}

}  // namespace fabodbc
