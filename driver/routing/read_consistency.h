// Read-your-writes on secondaries (FABRIC_CONSISTENCY): which GTID position a read on a
// secondary must wait for, and what is already known to be there, so that a read that needs
// no wait costs nothing (two counter comparisons).
//
//   EVENTUAL     nothing is waited for (the default: reads on a secondary may lag)
//   SESSION      a read sees every transaction this connection committed before it
//   ENVIRONMENT  ... and every one committed by the connections of its environment handle
// plus SQL_ATTR_FABRIC_WAIT_GTID: a position the application brought from elsewhere (another
// process), waited for in any mode.
//
// The committed positions come from the servers' replies (mysql::GtidObserver); the wait is
// FabricRouting's job (MASTER_GTID_WAIT / WAIT_FOR_EXECUTED_GTID_SET on the secondary).
#pragma once

#include "driver/routing/gtid_position.h"

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace fabodbc::routing {

enum class Consistency { Eventual, Session, Environment };

// The position committed by all the connections of one environment handle (thread-safe:
// connections of one environment run on several threads).
class SharedPosition {
 public:
  void merge(const GtidPosition& p);
  GtidPosition get() const;
  std::uint64_t version() const noexcept { return version_.load(std::memory_order_acquire); }

 private:
  mutable std::mutex mu_;
  GtidPosition position_;
  std::atomic<std::uint64_t> version_{0};
};

class ReadConsistency {
 public:
  ReadConsistency(Consistency mode, double timeout_seconds, bool fall_back_to_primary,
                  std::shared_ptr<SharedPosition> environment);

  Consistency mode() const noexcept { return mode_; }
  // Whether commits must be learned (the sessions track GTIDs).
  bool tracks_commits() const noexcept { return mode_ != Consistency::Eventual; }
  double timeout_seconds() const noexcept { return timeout_; }
  bool falls_back_to_primary() const noexcept { return fallback_primary_; }

  // A transaction this connection committed (from a server reply).
  void committed(std::string_view gtid);
  // SQL_ATTR_FABRIC_WAIT_GTID. Throws nothing; an unparsable text is kept as opaque.
  void wait_for(std::string_view gtid_position);
  // SQL_ATTR_FABRIC_LAST_GTID: what this connection committed (empty if nothing yet).
  std::string last_committed() const { return own_.to_string(); }
  std::string waiting_for() const { return requested_.to_string(); }

  // Fast test before a statement on `server_uuid`: false when nothing new was committed (or
  // asked for) since that server was last found up to date.
  bool may_need_wait(const std::string& server_uuid) const noexcept;
  // The position a read on `server_uuid` must wait for; nullopt when the server is known to
  // have it already (then may_need_wait answers false until the next commit).
  std::optional<GtidPosition> needed_on(const std::string& server_uuid);
  // After a successful wait (or when the server is the primary, which has everything).
  void applied(const std::string& server_uuid, const GtidPosition& position);

 private:
  std::uint64_t env_version() const noexcept { return environment_ ? environment_->version() : 0; }
  GtidPosition target() const;

  Consistency mode_;
  double timeout_;
  bool fallback_primary_;
  std::shared_ptr<SharedPosition> environment_;  // ENVIRONMENT only
  GtidPosition own_;        // committed by this connection
  GtidPosition requested_;  // SQL_ATTR_FABRIC_WAIT_GTID
  std::uint64_t version_ = 0;  // grows with own_ and requested_
  struct Known {
    GtidPosition applied;
    std::uint64_t version = 0, env_version = 0;  // what it was checked against
  };
  std::map<std::string, Known> servers_;
};

}  // namespace fabodbc::routing
