// A result held entirely in memory: catalog functions, SQLGetTypeInfo, and streaming results
// that had to be buffered because another statement needed the connection.
#pragma once

#include "driver/results/result_set.h"
#include "driver/results/text_arena.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace fabodbc {

class MemoryResult final : public ResultSet {
 public:
  explicit MemoryResult(std::vector<ColumnInfo> columns) : columns_(std::move(columns)) {}

  // Copies what is left of `source` (its current row first when `include_current_row`), so the
  // connection behind it becomes free. The returned result is positioned so that row() shows
  // the same current row as `source` did.
  static std::unique_ptr<MemoryResult> buffer(ResultSet& source, bool include_current_row);

  // Builder: append cells left to right; a row is complete after columns().size() cells.
  void push_null() { cells_.push_back(Cell::null()); }
  void push_text(std::string_view text);
  void push_int(int64_t value);
  void push_cell(const Cell& cell);

  // Builder for callers that fill whole rows (catalog functions): room for `rows` more rows,
  // so the cell vector is allocated once.
  void reserve_rows(size_t rows) { cells_.reserve(cells_.size() + rows * columns_.size()); }
  // Appends a row of NULL cells and returns it to be filled in place. A Text cell written
  // there must point to bytes from store_text() of this result (or to static storage).
  Cell* append_empty_row() {
    cells_.resize(cells_.size() + columns_.size());
    return &cells_[cells_.size() - columns_.size()];
  }
  // Copies bytes into this result's storage; the view stays valid as long as the result.
  // Several cells may share one stored text (a type name repeated on every row).
  std::string_view store_text(std::string_view text) { return text_.store(text); }

  // A column description for catalog results (name, SQL type, size).
  static ColumnInfo column(const char* name, SQLSMALLINT sql_type, SQLULEN size,
                           SQLSMALLINT nullable = SQL_NULLABLE);

  const std::vector<ColumnInfo>& columns() const override { return columns_; }
  bool next() override;
  const Cell* row() const override { return &cells_[current_ * columns_.size()]; }
  bool streaming() const override { return false; }
  void discard_rest() override { current_ = row_count(); }
  size_t row_count() const { return columns_.empty() ? 0 : cells_.size() / columns_.size(); }

  // Scrolling (static cursors). Positions: kBeforeFirst, 0..row_count()-1, or row_count()
  // (after the last row). row() is valid only on a row.
  static constexpr size_t kBeforeFirst = static_cast<size_t>(-1);
  size_t position() const { return current_; }
  void seek(size_t position) { current_ = position; }

  // The cursor's own changes (SQLSetPos / SQLBulkOperations on a static cursor): an updated
  // row shows its new values; a deleted row stays where it was (a hole the row status array
  // reports as SQL_ROW_DELETED), so row numbers and bookmarks keep their meaning; an added
  // row the driver could read back comes last.
  const Cell* row_at(size_t row) const { return &cells_[row * columns_.size()]; }
  void replace_row(size_t row, const Cell* cells);  // copies text and bytes
  // An added row joins the end (the position, if after the last row, stays after it).
  void append_row(const Cell* cells);
  void mark_deleted(size_t row);
  // Drops every row (and the text they point to); the columns stay. Positioned before the first row.
  void clear_rows() noexcept {
    cells_.clear();
    deleted_.clear();
    text_.clear();
    current_ = kBeforeFirst;
  }
  bool is_deleted(size_t row) const { return row < deleted_.size() && deleted_[row]; }

 private:
  std::vector<ColumnInfo> columns_;
  std::vector<Cell> cells_;            // row-major
  TextArena text_;                     // owns the bytes Text cells point to (stable addresses)
  std::vector<bool> deleted_;          // by row; empty until a row is deleted
  size_t current_ = static_cast<size_t>(-1);  // before the first row
};

}  // namespace fabodbc
