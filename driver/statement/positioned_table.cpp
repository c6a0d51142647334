#include "driver/statement/positioned_table.h"

#include "driver/catalog/catalog_util.h"
#include "driver/error.h"

#include <strings.h>

namespace fabodbc {

const char* const PositionedTable::kUniqueKeyQuery =
    "SELECT INDEX_NAME, COLUMN_NAME, NULLABLE FROM INFORMATION_SCHEMA.STATISTICS"
    " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND NON_UNIQUE = 0"
    " ORDER BY INDEX_NAME <> 'PRIMARY', INDEX_NAME, SEQ_IN_INDEX";

PositionedTable::PositionedTable(const std::vector<ColumnInfo>& columns) {
  if (columns.empty()) throw OdbcError("HY000", "the result set has no columns to change");
  for (size_t i = 0; i < columns.size(); ++i) {
    const FieldDesc& f = columns[i].field;
    const std::string number = std::to_string(i + 1);
    if (f.org_table.empty() || f.org_name.empty()) {
      throw OdbcError("HY000", "positioned changes need columns of one base table: column " + number + " (" + f.name +
                                   ") is an expression, not a table column");
    }
    if (i == 0) {
      schema_ = f.db;
      table_ = f.org_table;
      alias_ = f.table;
    } else if (f.db != schema_ || f.org_table != table_ || f.table != alias_) {
      throw OdbcError("HY000", "positioned changes need columns of one base table: the result set joins several tables (" +
                                   alias_ + " and, in column " + number + ", " + f.table + ")");
    }
    names_.push_back(f.org_name);
    comparable_.push_back(f.type != MyType::Float);
  }
  if (schema_.empty()) throw OdbcError("HY000", "the server did not name the database of table " + table_);
}

bool PositionedTable::describes(const std::vector<ColumnInfo>& columns) const {
  if (columns.size() != names_.size()) return false;
  for (size_t i = 0; i < columns.size(); ++i) {
    const FieldDesc& f = columns[i].field;
    if (f.db != schema_ || f.org_table != table_ || f.table != alias_ || f.org_name != names_[i]) return false;
  }
  return true;
}

void PositionedTable::choose_key(const std::vector<KeyPart>& parts) {
  key_.clear();
  size_t i = 0;
  while (i < parts.size()) {
    // One index: the consecutive parts with the same name.
    std::vector<size_t> columns;
    bool usable = true;
    const std::string& index = parts[i].index_name;
    for (; i < parts.size() && parts[i].index_name == index; ++i) {
      if (parts[i].nullable) usable = false;  // NULLs may repeat in a unique index
      size_t found = names_.size();
      for (size_t c = 0; c < names_.size(); ++c) {
        // MySQL column names are case-insensitive.
        if (strcasecmp(names_[c].c_str(), parts[i].column_name.c_str()) == 0) {
          found = c;
          break;
        }
      }
      if (found == names_.size()) usable = false;
      columns.push_back(found);
    }
    if (usable && !columns.empty()) {
      key_ = std::move(columns);
      return;
    }
  }
}

std::vector<size_t> PositionedTable::value_columns() const {
  std::vector<size_t> columns;
  for (size_t c = 0; c < comparable_.size(); ++c) {
    if (comparable_[c]) columns.push_back(c);
  }
  if (columns.empty()) {
    throw OdbcError("HY000", "the result set has no column that can identify a row of " + table_ +
                                 " (FLOAT columns are not compared)");
  }
  return columns;
}

std::string PositionedTable::qualified_table() const {
  return catalog::identifier(schema_) + "." + catalog::identifier(table_);
}

std::string PositionedTable::where_clause(const std::vector<size_t>& where) const {
  std::string sql = " WHERE ";
  for (size_t i = 0; i < where.size(); ++i) {
    if (i) sql += " AND ";
    sql += catalog::identifier(names_.at(where[i])) + " <=> ?";
  }
  return sql;
}

std::string PositionedTable::insert_sql(const std::vector<size_t>& columns) const {
  std::string names, markers;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i) {
      names += ", ";
      markers += ", ";
    }
    names += catalog::identifier(names_.at(columns[i]));
    markers += "?";
  }
  return "INSERT INTO " + qualified_table() + " (" + names + ") VALUES (" + markers + ")";
}

std::string PositionedTable::update_sql(const std::vector<size_t>& set, const std::vector<size_t>& where,
                                        bool limit_one) const {
  std::string sql = "UPDATE " + qualified_table() + " SET ";
  for (size_t i = 0; i < set.size(); ++i) {
    if (i) sql += ", ";
    sql += catalog::identifier(names_.at(set[i])) + " = ?";
  }
  sql += where_clause(where);
  if (limit_one) sql += " LIMIT 1";
  return sql;
}

std::string PositionedTable::delete_sql(const std::vector<size_t>& where, bool limit_one) const {
  std::string sql = "DELETE FROM " + qualified_table() + where_clause(where);
  if (limit_one) sql += " LIMIT 1";
  return sql;
}

std::string PositionedTable::count_sql(const std::vector<size_t>& where) const {
  return "SELECT COUNT(*) FROM " + qualified_table() + where_clause(where);
}

std::string PositionedTable::select_sql(const std::vector<size_t>& where) const {
  std::string sql = "SELECT ";
  for (size_t c = 0; c < names_.size(); ++c) {
    if (c) sql += ", ";
    sql += catalog::identifier(names_[c]);
  }
  return sql + " FROM " + qualified_table() + where_clause(where) + " LIMIT 1";
}

}  // namespace fabodbc
