// The base table behind a result set, for positioned changes (SQLSetPos SQL_UPDATE/SQL_DELETE/
// SQL_ADD, SQLBulkOperations): which table the columns come from, how a row of it is
// identified, and the SQL text that changes, counts or re-reads one row. No server access
// here: the statement runs the text (statement_positioned.cpp), so this part is unit tested on
// its own.
//
// A row is identified by the values the cursor buffered, compared NULL-safe (`<=>`): that is
// optimistic concurrency by values (SQL_CONCUR_VALUES), so a row changed behind the cursor's
// back matches nothing and the change reports 01001. When the result holds every column of a
// unique key (the primary key first, else a unique index over NOT NULL columns), at most one
// row can match. Without one, the statement first counts the matches and refuses to touch
// any row unless exactly one matches: two rows equal in every column of the result may still
// differ in columns the result does not show, and changing an arbitrary one of them would be a
// guess.
#pragma once

#include "driver/convert/cell.h"

#include <cstddef>
#include <string>
#include <vector>

namespace fabodbc {

class PositionedTable {
 public:
  // One row of kUniqueKeyQuery: a column of a unique index.
  struct KeyPart {
    std::string index_name;
    std::string column_name;
    bool nullable = false;
  };

  // The unique indexes of a table, PRIMARY first, in index column order. Parameters: the
  // schema and the table name.
  static const char* const kUniqueKeyQuery;

  // Checks that every column is a plain column of one base table; throws OdbcError (HY000)
  // saying why not ("column 2 is an expression", "the result set joins several tables").
  explicit PositionedTable(const std::vector<ColumnInfo>& columns);

  // True when `columns` describe the same table and column names (the cached analysis still
  // applies to a new result of the same query).
  bool describes(const std::vector<ColumnInfo>& columns) const;

  // Picks the key that identifies a row: the first index (in the query's order) whose columns
  // are all in the result and NOT NULL.
  void choose_key(const std::vector<KeyPart>& unique_index_columns);
  bool has_key() const noexcept { return !key_.empty(); }
  // 0-based result columns of the chosen key (empty without one).
  const std::vector<size_t>& key_columns() const noexcept { return key_; }

  const std::string& schema() const noexcept { return schema_; }
  const std::string& table() const noexcept { return table_; }
  size_t column_count() const noexcept { return names_.size(); }

  // The result columns compared when a row is identified by its values: all of them except
  // FLOAT (a FLOAT column compared with the value the server printed or sent rarely matches:
  // single precision widened to double). Throws OdbcError when nothing is left to compare.
  std::vector<size_t> value_columns() const;

  // SQL text. Columns are 0-based result column indexes; each `?` of a WHERE clause is one
  // column of `where` in order, compared with `<=>`.
  std::string insert_sql(const std::vector<size_t>& columns) const;
  std::string update_sql(const std::vector<size_t>& set, const std::vector<size_t>& where, bool limit_one) const;
  std::string delete_sql(const std::vector<size_t>& where, bool limit_one) const;
  std::string count_sql(const std::vector<size_t>& where) const;
  // Every result column, in result order, of the row(s) matching `where` (at most one).
  std::string select_sql(const std::vector<size_t>& where) const;
  // " WHERE a <=> ? AND ..." (WHERE CURRENT OF puts it in the application's statement).
  std::string where_clause(const std::vector<size_t>& where) const;

 private:
  std::string qualified_table() const;

  std::string schema_, table_, alias_;
  std::vector<std::string> names_;  // base column name of each result column
  std::vector<bool> comparable_;    // usable in a values WHERE clause
  std::vector<size_t> key_;
};

}  // namespace fabodbc
