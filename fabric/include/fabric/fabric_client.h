// Typed Fabric calls over XML-RPC, with fail-over between Fabric nodes.
//
// The node list is learned from dump.fabric_nodes; the configured address is always kept as
// the last resort, because Fabric often advertises an address only valid on its own host
// (e.g. "localhost", fabric-protocol.md §3.1, §13.3).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "fabric/deadline.h"
#include "fabric/endpoint.h"
#include "fabric/http_transport.h"
#include "fabric/result_set.h"
#include "fabric/server.h"
#include "fabric/topology.h"
#include "fabric/xmlrpc_value.h"

namespace fabodbc::fabric {

struct NodeAddress {
    std::string host;
    int port = kDefaultFabricPort;
    bool operator==(const NodeAddress& o) const { return host == o.host && port == o.port; }
};

// How the sharding part of the topology is fetched.
enum class ShardingSource { ShardingInformation, ShardTrio };

class FabricClient {
public:
    explicit FabricClient(FabricEndpoint cfg);

    // One call with node fail-over, every node tried before `deadline` (null: a budget of
    // total_timeout_ms from now). Faults -> FabricError(Fault); in-band errors ->
    // FabricError(InBandError); the deadline passed -> Timeout. `legacy_names` name the
    // columns of a 1.4 dump reply.
    CommandResult call(std::string_view method, const xmlrpc::Array& params,
                       const std::vector<std::string>& legacy_names = {}, const Deadline* deadline = nullptr);

    std::vector<NodeAddress> dump_fabric_nodes(std::int64_t* ttl = nullptr, const Deadline* deadline = nullptr);
    std::vector<Server> dump_servers(std::string_view group_pattern, std::int64_t* ttl = nullptr,
                                     const Deadline* deadline = nullptr);
    std::vector<ShardRow> dump_sharding_information(std::string_view table_pattern, std::int64_t* ttl = nullptr,
                                                    const Deadline* deadline = nullptr);
    // dump.shard_maps + dump.shard_tables + dump.shard_index joined on the exact mapping id.
    std::vector<ShardRow> dump_shard_trio(std::int64_t* ttl = nullptr, const Deadline* deadline = nullptr);

    // Full snapshot: all servers and all sharded tables; also refreshes the node list. Every
    // call of it shares one budget of total_timeout_ms (FABRIC_TIMEOUT).
    std::shared_ptr<const Topology> load_topology(ShardingSource source = ShardingSource::ShardingInformation,
                                                  const Deadline* deadline = nullptr);

    void report_failure(std::string_view server_uuid, std::string_view reporter, int error_code,
                        const Deadline* deadline = nullptr);
    void report_error(std::string_view server_uuid, std::string_view reporter, int error_code,
                      const Deadline* deadline = nullptr);

    // Nodes in the order they will be tried (last good first, configured address last).
    std::vector<NodeAddress> nodes() const;
    NodeAddress last_good_node() const;
    const FabricEndpoint& config() const noexcept { return transport_.config(); }

private:
    std::vector<NodeAddress> candidates() const;
    void learn_nodes(std::vector<NodeAddress> advertised);
    void fill_mapping_ids(std::vector<ShardRow>& shards, const Deadline& deadline);
    Deadline budget() const;

    HttpTransport transport_;
    NodeAddress configured_;
    mutable std::mutex mu_;
    std::vector<NodeAddress> advertised_;
    NodeAddress last_good_;
    std::string fabric_uuid_;  // from the last reply
};

}  // namespace fabodbc::fabric
