#include "tests/support/standard_farm.h"

namespace fabodbc::test {

std::vector<GroupSpec> standard_farm_groups() {
  return {{"global", 1, {}}, {"shard1", 1, {}}, {"shard2", 1, {}}, {"ha", 2, {1.0, 2.0}}};
}

std::vector<ShardMappingSpec> standard_shard_mappings() {
  return {
      {1, "RANGE", "global", {{"db.orders", "cid"}}, {{"shard1", "1"}, {"shard2", "10000"}}},
      {2, "RANGE_STRING", "global", {{"db.words", "w"}}, {{"shard1", "a"}, {"shard2", "n"}}},
      {3, "RANGE_DATETIME", "global", {{"db.events", "day"}}, {{"shard1", "2000-01-01"}, {"shard2", "2010-01-01"}}},
      {4, "HASH", "global", {{"db.users", "name"}}, {{"shard1", ""}, {"shard2", ""}}},
  };
}

}  // namespace fabodbc::test
