// ResultSet over a MYSQL_RES from mysql_use_result (streaming) or mysql_store_result.
#pragma once

#include "driver/mysql/mysql_internal.h"
#include "driver/results/result_set.h"

namespace fabodbc::mysql {

class TextResult final : public ResultSet {
 public:
  TextResult(MYSQL* mysql, MYSQL_RES* res, bool streaming, unsigned mbmaxlen, bool wide_text);
  ~TextResult() override;

  const std::vector<ColumnInfo>& columns() const override { return columns_; }
  bool next() override;
  const Cell* row() const override { return cells_.data(); }
  bool streaming() const override { return streaming_ && !done_; }
  void discard_rest() override;

 private:
  MYSQL* mysql_;
  MYSQL_RES* res_;
  bool streaming_;
  bool done_ = false;
  std::vector<ColumnInfo> columns_;
  std::vector<Cell> cells_;
};

}  // namespace fabodbc::mysql
