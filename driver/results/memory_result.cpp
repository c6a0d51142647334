#include "driver/results/memory_result.h"

#include <cstdio>

namespace fabodbc {

void MemoryResult::push_text(std::string_view text) {
  const std::string_view stored = text_.store(text);
  cells_.push_back(Cell::text(stored.data(), stored.size()));
}

void MemoryResult::push_int(int64_t value) {
  // Catalog integer columns are described as SQL_SMALLINT/SQL_INTEGER; keep them typed.
  Cell c;
  c.kind = Cell::Kind::Int;
  c.i = value;
  cells_.push_back(c);
}

void MemoryResult::push_cell(const Cell& cell) {
  if (cell.kind == Cell::Kind::Text) {
    push_text(std::string_view(cell.data, cell.length));
  } else {
    cells_.push_back(cell);
  }
}

void MemoryResult::replace_row(size_t row, const Cell* cells) {
  const size_t n = columns_.size();
  for (size_t i = 0; i < n; ++i) {
    Cell cell = cells[i];
    if (cell.kind == Cell::Kind::Text) {
      // A new copy: the old bytes stay in the arena, and a cell handed out may point to them.
      cell.data = text_.store(std::string_view(cell.data, cell.length)).data();
    }
    cells_[row * n + i] = cell;
  }
}

void MemoryResult::append_row(const Cell* cells) {
  const bool after_last = current_ == row_count();
  for (size_t i = 0; i < columns_.size(); ++i) push_cell(cells[i]);
  if (after_last) current_ = row_count();
}

void MemoryResult::mark_deleted(size_t row) {
  if (deleted_.size() <= row) deleted_.resize(row_count(), false);
  deleted_[row] = true;
}

ColumnInfo MemoryResult::column(const char* name, SQLSMALLINT sql_type, SQLULEN size,
                                SQLSMALLINT nullable) {
  ColumnInfo c;
  c.field.name = name;
  c.field.org_name = name;
  c.sql_type = sql_type;
  c.column_size = size;
  c.nullable = nullable;
  switch (sql_type) {
    case SQL_SMALLINT:
      c.field.type = MyType::Short;
      c.octet_length = 2;
      c.display_size = 6;
      c.type_name = "smallint";
      break;
    case SQL_INTEGER:
      c.field.type = MyType::Long;
      c.octet_length = 4;
      c.display_size = 11;
      c.type_name = "integer";
      break;
    default:
      c.field.type = MyType::VarString;
      c.octet_length = static_cast<SQLLEN>(size) * 4;
      c.display_size = static_cast<SQLLEN>(size);
      c.type_name = sql_type == SQL_WVARCHAR ? "wvarchar" : "varchar";
      break;
  }
  return c;
}

bool MemoryResult::next() {
  size_t next_row = current_ + 1;  // wraps from "before first" to 0
  if (next_row >= row_count()) {
    current_ = row_count();
    return false;
  }
  current_ = next_row;
  return true;
}

std::unique_ptr<MemoryResult> MemoryResult::buffer(ResultSet& source, bool include_current_row) {
  auto result = std::make_unique<MemoryResult>(source.columns());
  const size_t n = source.columns().size();
  if (include_current_row) {
    const Cell* cells = source.row();
    for (size_t i = 0; i < n; ++i) result->push_cell(cells[i]);
  }
  while (source.next()) {
    const Cell* cells = source.row();
    for (size_t i = 0; i < n; ++i) result->push_cell(cells[i]);
  }
  if (include_current_row && result->row_count() > 0) result->current_ = 0;
  return result;
}

}  // namespace fabodbc
