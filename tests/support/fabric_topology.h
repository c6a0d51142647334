// Describes a MariaDbFarm to the Fabric-protocol test server: the topology JSON of
// tests/fabric_server (groups with each member's uuid, loopback address, PRIMARY/SECONDARY
// status and weight) plus the shard mappings a test wants.
#pragma once

#include "tests/support/mariadb_farm.h"

#include <string>
#include <utility>
#include <vector>

namespace fabodbc::test {

struct ShardSpec {
  std::string group;
  std::string lower_bound;  // "" for HASH: the test server derives it like Fabric's add_shard
};

struct ShardMappingSpec {
  int id = 1;
  std::string type;          // RANGE, RANGE_INTEGER, RANGE_STRING, RANGE_DATETIME, HASH
  std::string global_group;  // e.g. "global"
  std::vector<std::pair<std::string, std::string>> tables;  // {"db.table", "column"}
  std::vector<ShardSpec> shards;
};

std::string farm_topology_json(MariaDbFarm& farm, const std::vector<ShardMappingSpec>& mappings, int ttl = 1);

}  // namespace fabodbc::test
