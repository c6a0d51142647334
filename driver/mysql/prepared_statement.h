// A server-side prepared statement: RAII over MYSQL_STMT*. Results are read unbuffered through
// the binary protocol (mysql_stmt_fetch), into per-column buffers allocated once per statement
// and grown only when a longer value arrives, so fetching allocates nothing per row.
#pragma once

#include "driver/convert/convert.h"
#include "driver/results/result_set.h"

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace fabodbc::mysql {

class PreparedStatement {
 public:
  struct Impl;
  explicit PreparedStatement(std::unique_ptr<Impl> impl);
  ~PreparedStatement();

  unsigned param_count() const noexcept;
  // The result columns known right after prepare (empty when the statement returns no rows).
  const std::vector<ColumnInfo>& result_columns() const noexcept;

  void execute(const std::vector<ParamValue>& params);
  // MariaDB bulk execution (COM_STMT_BULK_EXECUTE, Connector/C array binding): `values` holds
  // `sets` parameter sets of param_count() values each, one set after the other, sent in one
  // round trip. For statements without a result (INSERT/UPDATE/DELETE/REPLACE);
  // affected_rows() is then the total. Returns false, having sent nothing, when the server
  // lacks bulk support or a parameter's values do not share one wire type across the sets
  // (the caller executes set by set instead). The values must stay alive during the call.
  bool execute_bulk(const std::vector<ParamValue>& values, size_t sets);
  // The first (or, after next_result(), the current) result of the last execute; nullptr when
  // it has no rows. The result borrows this statement: destroy it first.
  std::unique_ptr<ResultSet> result();
  bool has_more_results() const noexcept;
  bool next_result();
  int64_t affected_rows() const noexcept;
  // The AUTO_INCREMENT value the last execute generated (0: none).
  uint64_t insert_id() const noexcept;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace fabodbc::mysql
