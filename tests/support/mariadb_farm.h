// A farm of real mariadbd servers for routing and failover tests: groups of one primary and
// N secondaries under MariaDB GTID replication, all on loopback. The farm knows nothing of
// Fabric; tests describe it to the Fabric-protocol test server (see fabric_topology.h).
#pragma once

#include "tests/support/mariadb_server.h"

#include <memory>
#include <string>
#include <vector>

namespace fabodbc::test {

struct GroupSpec {
  std::string id;                       // Fabric group id, e.g. "shard1"
  unsigned secondaries = 1;
  std::vector<double> secondary_weights;  // defaults to 1.0 each
};

struct FarmMember {
  std::unique_ptr<MariaDbServer> server;
  std::string uuid;        // the Fabric server uuid (MariaDB has none of its own)
  bool primary = false;
  double weight = 1.0;
};

struct FarmGroup {
  std::string id;
  std::vector<FarmMember> members;  // members[0] starts as the primary
};

class MariaDbFarm {
 public:
  // Starts every server (server ids unique across the farm, binlog + GTID on all, secondaries
  // read-only and replicating from their group's primary). Throws if any step fails.
  static std::unique_ptr<MariaDbFarm> start(const std::vector<GroupSpec>& groups);

  std::vector<FarmGroup>& groups() { return groups_; }
  FarmGroup& group(const std::string& id);
  FarmMember& primary(const std::string& group_id);
  FarmMember& member_by_port(unsigned port);

  // Waits until every running secondary of the group has applied the primary's binlog.
  void wait_replicated(const std::string& group_id, double timeout_seconds = 30);

  // Makes member `index` the primary of its group, the way Fabric would: it stops
  // replicating and becomes writable; the other running members replicate from it; the old
  // primary (if still running) is demoted to a read-only secondary.
  void promote(const std::string& group_id, size_t index);

  // After the primary died: lets every running secondary apply what it already received, then
  // promotes the most advanced one (as Fabric picks the most up-to-date candidate). Returns its
  // index. Throws when no secondary runs or one does not finish applying within the timeout.
  size_t promote_after_primary_died(const std::string& group_id, double timeout_seconds = 20);

  // Switches the group to lossless semi-synchronous replication: a commit is acknowledged to
  // the client only once a secondary has it in its relay log (AFTER_SYNC), so a killed primary
  // loses no acknowledged commit when the most advanced secondary is promoted
  // (promote_after_primary_died moves the primary side along). Waits until the primary sees
  // all its secondaries as semi-sync replicas.
  void enable_semi_sync(const std::string& group_id, double timeout_seconds = 20);

  // A user without SUPER / READ ONLY ADMIN, so read-only secondaries refuse its writes (1290).
  static const std::string& app_user();
  static const std::string& app_password();

 private:
  void replicate_from(FarmMember& secondary, const FarmMember& primary);
  std::vector<FarmGroup> groups_;
};

}  // namespace fabodbc::test
