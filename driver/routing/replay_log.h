// Transaction replay (FABRIC_REPLAY): what one open transaction did, kept so that a failover
// that lost it can run it again on the new server and prove that nothing changed.
//
// Per statement: how it was sent (text, MariaDB's direct binary execution, or prepared with
// parameter values, all copied), the row count it reported, and a checksum of the rows the
// application fetched (all rows of a static cursor, which it may scroll over). After the loss
// the statements run again in order on the new session; every row count and checksum must be
// equal, otherwise the transaction is rolled back and the application gets 40001 as without
// replay (driver/routing/failover_policy.h).
//
// A transaction is not replayable, and stays so until it ends, when it did something a replay
// cannot reproduce or check: a statement the log does not see (positioned changes, parameter
// arrays, output parameters), one that commits implicitly, locks, temporary tables, user
// variables, XA, a non-deterministic function in a statement that writes, a write to a
// non-transactional table (the server's transaction-state tracker says so), or more than the
// bounds allow (FABRIC_REPLAY_MAX_STATEMENTS, FABRIC_REPLAY_MAX_BYTES). When unsure: no replay.
#pragma once

#include "driver/convert/cell.h"
#include "driver/convert/convert.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fabodbc::routing {

enum class ReplayProtocol { Text, Direct, Prepared };

struct ReplayEntry {
  ReplayProtocol protocol = ReplayProtocol::Text;
  std::string sql;
  std::vector<ParamValue> params;  // Prepared only
  int64_t affected = -1;           // no result set: the row count it reported
  bool has_result = false;
  bool whole_result = false;       // a static cursor: every row was checked, not only the fetched ones
  uint64_t rows = 0;               // rows in the checksum
  uint64_t checksum = 0;
};

class ReplayLog {
 public:
  ReplayLog(bool enabled, size_t max_statements, size_t max_bytes);

  bool enabled() const noexcept { return enabled_; }
  // Something is kept and it can be replayed.
  bool replayable() const noexcept { return enabled_ && !poisoned_ && !entries_.empty(); }
  const std::string& why_not() const noexcept { return why_not_; }
  const std::vector<ReplayEntry>& entries() const noexcept { return entries_; }

  // The transaction ended (commit, rollback, autocommit statement): forget it.
  void clear() noexcept;
  // The open transaction cannot be replayed any more (until it ends).
  void poison(std::string why);
  // A statement that ran inside the transaction. Returns its index, or npos when the log keeps
  // nothing (off, poisoned, or the statement itself made the transaction unreplayable).
  size_t add(ReplayEntry entry, std::string_view transaction_state);
  // A row the application fetched from entry `index` (of the current transaction).
  void add_row(size_t index, uint64_t generation, const Cell* cells, size_t count) noexcept;
  void set_checksum(size_t index, uint64_t generation, uint64_t rows, uint64_t checksum) noexcept;
  // Changes with every clear(): a statement's index is only good for its own transaction.
  uint64_t generation() const noexcept { return generation_; }

  static constexpr size_t npos = static_cast<size_t>(-1);
  // FNV-1a over the cells' kinds and values; the same rows give the same sum on both servers
  // when they come through the same protocol.
  static uint64_t hash_row(uint64_t h, const Cell* cells, size_t count) noexcept;
  static constexpr uint64_t kEmpty = 14695981039346656037ull;
  // Why a statement text makes a transaction unreplayable ("" when it does not).
  static std::string unreplayable_because(std::string_view sql);
  // True for a statement that commits (COMMIT, or one that commits implicitly): a failure
  // after it was sent is ambiguous, never replayed.
  static bool commits(std::string_view sql);

 private:
  bool enabled_;
  size_t max_statements_, max_bytes_;
  bool poisoned_ = false;
  std::string why_not_;
  std::vector<ReplayEntry> entries_;
  size_t bytes_ = 0;
  uint64_t generation_ = 1;
};

}  // namespace fabodbc::routing
