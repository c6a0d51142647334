// A result the Statement reads rows from, whatever produced it: the text protocol
// (mysql_use_result / mysql_store_result), the binary protocol (mysql_stmt_fetch) or memory
// (catalog functions, SQLGetTypeInfo, a streaming result buffered to free the connection).
#pragma once

#include "driver/convert/cell.h"

#include <vector>

namespace fabodbc {

class ResultSet {
 public:
  virtual ~ResultSet() = default;

  // Computed once, when the result is created.
  virtual const std::vector<ColumnInfo>& columns() const = 0;

  // Moves to the next row; false at the end. Server errors throw OdbcError.
  virtual bool next() = 0;

  // The cells of the current row, columns().size() of them, valid until next(). Only after
  // next() returned true.
  virtual const Cell* row() const = 0;

  // True while rows are still being read from the server: the connection cannot run anything
  // else until the result is read to its end (or buffered).
  virtual bool streaming() const = 0;

  // Reads and drops the rows not fetched yet, so the connection is usable again.
  virtual void discard_rest() = 0;
};

}  // namespace fabodbc
