// A replication position as a set of GTIDs, one per replication domain (MariaDB
// "domain-server-sequence", e.g. "0-1-100,1-2-7"): what a connection has committed, or what a
// secondary is known to have applied. Positions only grow: merging keeps the higher sequence
// number of each domain, and `covers` says whether one position includes another.
//
// MySQL's GTIDs ("uuid:1-100") are kept as their text: the driver passes them to
// WAIT_FOR_EXECUTED_GTID_SET and compares nothing (a wait is then issued whenever the text
// changed).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace fabodbc::routing {

class GtidPosition {
 public:
  // Parses MariaDB GTIDs ("0-1-100" or a comma-separated list); anything else is kept as
  // opaque text (MySQL GTID sets). An empty text is an empty position.
  static GtidPosition parse(std::string_view text);

  bool empty() const noexcept { return domains_.empty() && opaque_.empty(); }
  bool opaque() const noexcept { return !opaque_.empty(); }
  // Keeps, per domain, the higher sequence number. Returns true when this position grew.
  bool merge(const GtidPosition& other);
  // True when every transaction of `other` is included in this position.
  bool covers(const GtidPosition& other) const;
  // "0-1-100,1-2-7" (domains ascending), or the opaque text.
  std::string to_string() const;

 private:
  struct Gtid {
    std::uint32_t server = 0;
    std::uint64_t sequence = 0;
  };
  std::map<std::uint32_t, Gtid> domains_;
  std::string opaque_;
};

}  // namespace fabodbc::routing
