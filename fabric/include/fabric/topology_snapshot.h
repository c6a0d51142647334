// The text form of a Topology for the shared on-disk snapshot (snapshot_store.h): what Fabric
// said (servers, shard rows, TTL, Fabric uuid), which endpoint and user it belongs to and when
// it was saved, ended by an MD5 checksum of everything before it. Never a password.
//
//   fabodbc-topology 1
//   endpoint http://fabric1:32274
//   user connector
//   saved 1796630000123
//   ttl 1
//   fabric_uuid 5ca1ab1e-...
//   servers 2
//   server <uuid> <group> <host> <port> <mode> <status> <weight>
//   ...
//   shards 1
//   shard <schema> <table> <column> <lower bound> <shard id> <type> <group> <global group> <mapping id>
//   checksum <32 hex digits>
//
// Fields are separated by one space; '%', spaces and control characters inside a field are
// written %XX, so any group name or bound survives.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "fabric/topology.h"

namespace fabodbc::fabric {

inline constexpr int kSnapshotFormatVersion = 1;

std::string serialize_topology(const Topology& topology, std::string_view endpoint, std::string_view user,
                               std::chrono::system_clock::time_point saved);

struct ParsedSnapshot {
    std::string endpoint, user;
    std::chrono::system_clock::time_point saved;
    std::shared_ptr<const Topology> topology;  // origin: shared snapshot, saved as above
};

// Throws FabricError(Malformed) saying what is wrong: another format or version, truncated,
// checksum mismatch, a field that does not parse. Never reads past `text`.
ParsedSnapshot parse_topology_snapshot(std::string_view text);

}  // namespace fabodbc::fabric
