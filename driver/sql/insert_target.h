// Which column each `?` of an INSERT/REPLACE ... VALUES statement fills, so SQLDescribeParam
// can describe a marker with the column's real type instead of a generic VARCHAR. Pure text:
// the caller asks the server for the columns' types.
#pragma once

#include "driver/sql/sql_lexer.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fabodbc::sql {

struct InsertTarget {
  std::string table;                 // ready for SQL: `name` or `db`.`name`
  std::vector<std::string> columns;  // ready for SQL (`col`); empty: all columns of the table, in order
  // For each marker of the statement, in order: the index into `columns` (or into the table's
  // columns when `columns` is empty) of the value it is; -1 when the marker is only part of a
  // value (`? + 1`) or outside the VALUES rows (ON DUPLICATE KEY UPDATE c = ?).
  std::vector<int> marker_columns;
};

// nullopt for anything but INSERT/REPLACE [INTO] table [(columns)] VALUES (...)[, (...)] [...];
// INSERT ... SELECT and INSERT ... SET are not analysed (their markers stay generic).
std::optional<InsertTarget> parse_insert_target(std::string_view sql, const LexRules& rules);

}  // namespace fabodbc::sql
