// Fabric command results: the 1.5/1.6 envelope [1, uuid, ttl, error, [resultsets]] and the
// 1.4 dump format [uuid, token, ttl, rows] (fabric-protocol.md §2), normalised into one shape
// whose rows are read by column *name*.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "fabric/xmlrpc_value.h"

namespace fabodbc::fabric {

struct ResultSet {
    std::vector<std::string> names;
    std::vector<xmlrpc::Array> rows;

    // Index of a column, or -1.
    int column(std::string_view name) const noexcept;
    // Index of a column; throws FabricError(Malformed) naming `method` if absent.
    std::size_t require(std::string_view name, std::string_view method) const;
};

struct CommandResult {
    int format_version = 1;  // 1 = Fabric 1.5/1.6, 0 = Fabric 1.4 dump format
    std::string fabric_uuid;
    std::int64_t ttl = 0;
    std::vector<ResultSet> sets;
};

// Interprets the return value of `method`. `legacy_names` are the column names to give the
// positional rows of a 1.4 dump reply (they carry none). A non-empty 1.5 error string becomes
// FabricError(InBandError); anything not shaped like either envelope, FabricError(Malformed).
CommandResult parse_command_result(const xmlrpc::Value& v, std::string_view method,
                                   const std::vector<std::string>& legacy_names);

// Typed field access tolerant of the 1.4 typing (ports and ids as strings). Each throws
// FabricError(Malformed) naming the column when the value cannot be read as asked.
std::string field_string(const xmlrpc::Array& row, std::size_t col, std::string_view column);
std::int64_t field_int(const xmlrpc::Array& row, std::size_t col, std::string_view column);
double field_double(const xmlrpc::Array& row, std::size_t col, std::string_view column);

}  // namespace fabodbc::fabric
