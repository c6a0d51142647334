#include "fabric/fabric_client.h"

#include <algorithm>
#include <map>

#include "fabric/error.h"
#include "fabric/xmlrpc_codec.h"

namespace fabodbc::fabric {

using xmlrpc::Array;
using xmlrpc::Value;

namespace {

const std::vector<std::string> kNodeCols{"host", "port"};
const std::vector<std::string> kServerCols{"server_uuid", "group_id", "host", "port", "mode", "status", "weight"};
const std::vector<std::string> kShardInfoCols{"schema_name", "table_name", "column_name", "lower_bound",
                                              "shard_id",    "type_name",  "group_id",    "global_group"};
const std::vector<std::string> kShardMapCols{"mapping_id", "type_name", "global_group_id"};
const std::vector<std::string> kShardTableCols{"schema_name", "table_name", "column_name", "mapping_id"};
const std::vector<std::string> kShardIndexCols{"lower_bound", "mapping_id", "shard_id", "group_id"};

const ResultSet& first_set(const CommandResult& r, std::string_view method) {
    if (r.sets.empty())
        throw FabricError(ErrorCategory::Malformed, "Fabric call " + std::string(method) + " returned no result set");
    return r.sets.front();
}

void keep_min_ttl(std::int64_t* ttl, const CommandResult& r) {
    if (ttl) *ttl = (*ttl < 0) ? r.ttl : std::min(*ttl, r.ttl);
}

}  // namespace

FabricClient::FabricClient(FabricEndpoint cfg) : transport_(std::move(cfg)) {
    configured_ = NodeAddress{transport_.config().host, transport_.config().port};
    last_good_ = configured_;
}

std::vector<NodeAddress> FabricClient::candidates() const {
    std::lock_guard<std::mutex> lk(mu_);
    std::vector<NodeAddress> out{last_good_};
    auto add = [&](const NodeAddress& n) {
        if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
    };
    for (const auto& n : advertised_) add(n);
    add(configured_);
    return out;
}

std::vector<NodeAddress> FabricClient::nodes() const { return candidates(); }

NodeAddress FabricClient::last_good_node() const {
    std::lock_guard<std::mutex> lk(mu_);
    return last_good_;
}

void FabricClient::learn_nodes(std::vector<NodeAddress> advertised) {
    std::lock_guard<std::mutex> lk(mu_);
    advertised_ = std::move(advertised);
}

Deadline FabricClient::budget() const {
    return Deadline::after(std::chrono::milliseconds(transport_.config().total_timeout_ms));
}

CommandResult FabricClient::call(std::string_view method, const Array& params,
                                 const std::vector<std::string>& legacy_names, const Deadline* deadline) {
    const Deadline own = deadline ? *deadline : budget();
    const std::string body = xmlrpc::encode_call(method, params);
    std::string failures;
    ErrorCategory first_category = ErrorCategory::Unreachable;
    bool any_failure = false;
    for (const NodeAddress& node : candidates()) {
        if (own.passed()) {
            // No time left for this node: never start a request that cannot finish.
            first_category = any_failure ? first_category : ErrorCategory::Timeout;
            if (!failures.empty()) failures += "; ";
            failures += "no time left within " + std::to_string(own.budget_ms()) + " ms for Fabric at " + node.host +
                        ":" + std::to_string(node.port);
            any_failure = true;
            break;
        }
        std::string reply;
        try {
            reply = transport_.post(node.host, node.port, method, body, own);
        } catch (const FabricError& e) {
            // Only "this node is not there" moves on to the next node; an answer (401, 403,
            // 500 ...) from a live node is final.
            if (e.category() != ErrorCategory::Unreachable && e.category() != ErrorCategory::Timeout &&
                e.category() != ErrorCategory::TlsError)
                throw;
            // A timeout anywhere makes the whole call a timeout: the budget is spent.
            if (!any_failure || e.category() == ErrorCategory::Timeout) first_category = e.category();
            any_failure = true;
            if (!failures.empty()) failures += "; ";
            failures += e.what();
            continue;
        }
        {
            std::lock_guard<std::mutex> lk(mu_);
            last_good_ = node;
        }
        xmlrpc::Response r = xmlrpc::decode_response(reply, transport_.config().max_reply_bytes);
        if (r.is_fault)
            throw FabricError(ErrorCategory::Fault, "Fabric at " + node.host + ":" + std::to_string(node.port) +
                                                        " returned fault " + std::to_string(r.fault.code) + " for " +
                                                        std::string(method) + ": " + r.fault.message);
        CommandResult result = parse_command_result(r.value, method, legacy_names);
        {
            std::lock_guard<std::mutex> lk(mu_);
            fabric_uuid_ = result.fabric_uuid;
        }
        return result;
    }
    throw FabricError(first_category, failures.empty() ? "no Fabric node to call" : failures);
}

std::vector<NodeAddress> FabricClient::dump_fabric_nodes(std::int64_t* ttl, const Deadline* deadline) {
    CommandResult r = call("dump.fabric_nodes", Array{Value("protocol.xmlrpc")}, kNodeCols, deadline);
    keep_min_ttl(ttl, r);
    const ResultSet& rs = first_set(r, "dump.fabric_nodes");
    const auto host = rs.require("host", "dump.fabric_nodes");
    const auto port = rs.require("port", "dump.fabric_nodes");
    std::vector<NodeAddress> out;
    for (const auto& row : rs.rows) {
        NodeAddress n{field_string(row, host, "host"), static_cast<int>(field_int(row, port, "port"))};
        if (!n.host.empty() && n.port > 0 && n.port <= 65535) out.push_back(std::move(n));
    }
    return out;
}

std::vector<Server> FabricClient::dump_servers(std::string_view pattern, std::int64_t* ttl, const Deadline* deadline) {
    CommandResult r = call("dump.servers", Array{Value(0), Value(pattern)}, kServerCols, deadline);
    keep_min_ttl(ttl, r);
    const ResultSet& rs = first_set(r, "dump.servers");
    const char* m = "dump.servers";
    const auto c_uuid = rs.require("server_uuid", m), c_group = rs.require("group_id", m),
               c_host = rs.require("host", m), c_port = rs.require("port", m), c_mode = rs.require("mode", m),
               c_status = rs.require("status", m), c_weight = rs.require("weight", m);
    std::vector<Server> out;
    out.reserve(rs.rows.size());
    for (const auto& row : rs.rows) {
        Server s;
        s.uuid = field_string(row, c_uuid, "server_uuid");
        s.group_id = field_string(row, c_group, "group_id");
        s.host = field_string(row, c_host, "host");
        s.port = static_cast<int>(field_int(row, c_port, "port"));
        const auto mode = field_int(row, c_mode, "mode");
        const auto status = field_int(row, c_status, "status");
        s.mode = (mode >= 0 && mode <= 3) ? static_cast<ServerMode>(mode) : ServerMode::Offline;
        // Unknown future statuses are never routed to: treat them like CONFIGURING.
        s.status = (status >= 0 && status <= 4) ? static_cast<ServerStatus>(status) : ServerStatus::Configuring;
        s.weight = field_double(row, c_weight, "weight");
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<ShardRow> FabricClient::dump_sharding_information(std::string_view pattern, std::int64_t* ttl,
                                                              const Deadline* deadline) {
    const char* m = "dump.sharding_information";
    CommandResult r = call(m, Array{Value(0), Value(pattern)}, kShardInfoCols, deadline);
    keep_min_ttl(ttl, r);
    const ResultSet& rs = first_set(r, m);
    const auto c_schema = rs.require("schema_name", m), c_table = rs.require("table_name", m),
               c_col = rs.require("column_name", m), c_lb = rs.require("lower_bound", m),
               c_shard = rs.require("shard_id", m), c_type = rs.require("type_name", m),
               c_group = rs.require("group_id", m), c_global = rs.require("global_group", m);
    std::vector<ShardRow> out;
    for (const auto& row : rs.rows) {
        ShardRow s;
        s.schema_name = field_string(row, c_schema, "schema_name");
        s.table_name = field_string(row, c_table, "table_name");
        s.column_name = field_string(row, c_col, "column_name");
        s.lower_bound = field_string(row, c_lb, "lower_bound");
        s.shard_id = field_int(row, c_shard, "shard_id");
        s.type_name = field_string(row, c_type, "type_name");
        s.group_id = field_string(row, c_group, "group_id");
        s.global_group = field_string(row, c_global, "global_group");
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<ShardRow> FabricClient::dump_shard_trio(std::int64_t* ttl, const Deadline* deadline) {
    struct Mapping {
        std::string type, global_group;
    };
    std::map<std::int64_t, Mapping> maps;
    {
        const char* m = "dump.shard_maps";
        CommandResult r = call(m, Array{Value(0), Value("")}, kShardMapCols, deadline);
        keep_min_ttl(ttl, r);
        const ResultSet& rs = first_set(r, m);
        const auto c_id = rs.require("mapping_id", m), c_type = rs.require("type_name", m),
                   c_global = rs.require("global_group_id", m);
        for (const auto& row : rs.rows)
            maps[field_int(row, c_id, "mapping_id")] =
                Mapping{field_string(row, c_type, "type_name"), field_string(row, c_global, "global_group_id")};
    }
    struct TableRow {
        std::string schema, table, column;
        std::int64_t mapping;
    };
    std::vector<TableRow> tables;
    {
        const char* m = "dump.shard_tables";
        CommandResult r = call(m, Array{Value(0), Value("")}, kShardTableCols, deadline);
        keep_min_ttl(ttl, r);
        const ResultSet& rs = first_set(r, m);
        const auto c_schema = rs.require("schema_name", m), c_table = rs.require("table_name", m),
                   c_col = rs.require("column_name", m), c_id = rs.require("mapping_id", m);
        for (const auto& row : rs.rows)
            tables.push_back(TableRow{field_string(row, c_schema, "schema_name"),
                                      field_string(row, c_table, "table_name"),
                                      field_string(row, c_col, "column_name"), field_int(row, c_id, "mapping_id")});
    }
    std::vector<ShardRow> out;
    {
        const char* m = "dump.shard_index";
        CommandResult r = call(m, Array{Value(0), Value("")}, kShardIndexCols, deadline);
        keep_min_ttl(ttl, r);
        const ResultSet& rs = first_set(r, m);
        const auto c_lb = rs.require("lower_bound", m), c_id = rs.require("mapping_id", m),
                   c_shard = rs.require("shard_id", m), c_group = rs.require("group_id", m);
        for (const auto& row : rs.rows) {
            const std::int64_t mapping = field_int(row, c_id, "mapping_id");
            auto mi = maps.find(mapping);
            if (mi == maps.end()) continue;  // index row of a mapping we were not told about
            for (const TableRow& t : tables) {
                if (t.mapping != mapping) continue;  // exact id, not the server's substring LIKE
                ShardRow s;
                s.schema_name = t.schema;
                s.table_name = t.table;
                s.column_name = t.column;
                s.lower_bound = field_string(row, c_lb, "lower_bound");
                s.shard_id = field_int(row, c_shard, "shard_id");
                s.type_name = mi->second.type;
                s.group_id = field_string(row, c_group, "group_id");
                s.global_group = mi->second.global_group;
                s.mapping_id = mapping;
                out.push_back(std::move(s));
            }
        }
    }
    return out;
}

void FabricClient::fill_mapping_ids(std::vector<ShardRow>& shards, const Deadline& deadline) {
    // dump.sharding_information has no mapping id; dump.shard_tables has one per table. Only
    // for display and GLOBAL lookups by id: a failure here leaves the ids unknown (-1).
    std::map<std::string, std::int64_t> ids;
    try {
        const char* m = "dump.shard_tables";
        CommandResult r = call(m, Array{Value(0), Value("")}, kShardTableCols, &deadline);
        const ResultSet& rs = first_set(r, m);
        const auto c_schema = rs.require("schema_name", m), c_table = rs.require("table_name", m),
                   c_id = rs.require("mapping_id", m);
        for (const auto& row : rs.rows)
            ids[field_string(row, c_schema, "schema_name") + "." + field_string(row, c_table, "table_name")] =
                field_int(row, c_id, "mapping_id");
    } catch (const FabricError&) {
        return;
    }
    for (ShardRow& s : shards) {
        auto it = ids.find(s.schema_name + "." + s.table_name);
        if (it != ids.end()) s.mapping_id = it->second;
    }
}

std::shared_ptr<const Topology> FabricClient::load_topology(ShardingSource source, const Deadline* given) {
    const Deadline deadline = given ? *given : budget();
    std::int64_t ttl = -1;
    std::vector<Server> servers = dump_servers("", &ttl, &deadline);
    std::vector<ShardRow> shards = source == ShardingSource::ShardTrio ? dump_shard_trio(&ttl, &deadline)
                                                                       : dump_sharding_information("", &ttl, &deadline);
    if (source == ShardingSource::ShardingInformation && !shards.empty()) fill_mapping_ids(shards, deadline);
    std::string fabric_uuid;
    {
        std::lock_guard<std::mutex> lk(mu_);
        fabric_uuid = fabric_uuid_;
    }
    if (transport_.config().use_advertised_nodes) {
        try {
            learn_nodes(dump_fabric_nodes(nullptr, &deadline));
        } catch (const FabricError&) {
            // Older or restricted Fabrics may not answer; the configured address still works.
        }
    }
    return Topology::build(std::move(servers), shards, ttl < 0 ? 1 : ttl, fabric_uuid);
}

void FabricClient::report_failure(std::string_view uuid, std::string_view reporter, int error_code,
                                  const Deadline* deadline) {
    call("threat.report_failure", Array{Value(uuid), Value(reporter), Value(error_code)}, {}, deadline);
}

void FabricClient::report_error(std::string_view uuid, std::string_view reporter, int error_code,
                                const Deadline* deadline) {
    call("threat.report_error", Array{Value(uuid), Value(reporter), Value(error_code)}, {}, deadline);
}

}  // namespace fabodbc::fabric
