#include "tests/support/fabric_topology.h"

#include <sstream>

namespace fabodbc::test {

namespace {
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}
}  // namespace

std::string farm_topology_json(MariaDbFarm& farm, const std::vector<ShardMappingSpec>& mappings, int ttl) {
  std::ostringstream o;
  o << "{\"ttl\": " << ttl << ", \"groups\": [";
  bool first_group = true;
  for (FarmGroup& g : farm.groups()) {
    o << (first_group ? "" : ",") << "\n {\"id\": " << quoted(g.id) << ", \"servers\": [";
    first_group = false;
    bool first = true;
    for (FarmMember& m : g.members) {
      o << (first ? "" : ",") << "\n   {\"uuid\": " << quoted(m.uuid) << ", \"host\": \"127.0.0.1\", \"port\": "
        << m.server->port() << ", \"mode\": " << (m.primary ? "\"READ_WRITE\"" : "\"READ_ONLY\"")
        << ", \"status\": " << (m.primary ? "\"PRIMARY\"" : "\"SECONDARY\"") << ", \"weight\": " << m.weight << "}";
      first = false;
    }
    o << "]}";
  }
  o << "],\n\"shard_mappings\": [";
  bool first_map = true;
  int shard_id = 1;
  for (const ShardMappingSpec& m : mappings) {
    o << (first_map ? "" : ",") << "\n {\"id\": " << m.id << ", \"type\": " << quoted(m.type)
      << ", \"global_group\": " << quoted(m.global_group) << ", \"tables\": [";
    first_map = false;
    for (size_t i = 0; i < m.tables.size(); ++i) {
      o << (i ? ", " : "") << "{\"table\": " << quoted(m.tables[i].first) << ", \"column\": "
        << quoted(m.tables[i].second) << "}";
    }
    o << "], \"shards\": [";
    for (size_t i = 0; i < m.shards.size(); ++i) {
      o << (i ? ", " : "") << "{\"id\": " << shard_id++ << ", \"group\": " << quoted(m.shards[i].group);
      if (!m.shards[i].lower_bound.empty()) o << ", \"lower_bound\": " << quoted(m.shards[i].lower_bound);
      o << "}";
    }
    o << "]}";
  }
  o << "]}\n";
  return o.str();
}

}  // namespace fabodbc::test
