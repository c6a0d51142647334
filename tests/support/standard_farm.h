// The farm that the routing tests and the demo share, defined once:
//   global, shard1, shard2: a primary and one secondary each (GTID replication)
//   ha: a primary and two secondaries with weights 1 and 2
//   mappings: RANGE db.orders(cid) 1->shard1, 10000->shard2; RANGE_STRING db.words(w)
//             a->shard1, n->shard2; RANGE_DATETIME db.events(day) 2000-01-01->shard1,
//             2010-01-01->shard2; HASH db.users(name) over shard1 and shard2
#pragma once

#include "tests/support/fabric_topology.h"
#include "tests/support/mariadb_farm.h"

#include <vector>

namespace fabodbc::test {

std::vector<GroupSpec> standard_farm_groups();
std::vector<ShardMappingSpec> standard_shard_mappings();

}  // namespace fabodbc::test
