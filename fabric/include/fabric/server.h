// A MySQL server as Fabric describes it (dump.servers row), and the status/mode enums with
// the integer values Fabric puts on the wire (fabric-protocol.md §5.1).
#pragma once

#include <string>
#include <string_view>

namespace fabodbc::fabric {

enum class ServerStatus : int { Faulty = 0, Spare = 1, Secondary = 2, Primary = 3, Configuring = 4 };
enum class ServerMode : int { Offline = 0, ReadOnly = 1, WriteOnly = 2, ReadWrite = 3 };

// What the application wants to do on the server (not a server property).
enum class AccessMode { ReadWrite, ReadOnly, WriteOnly };

const char* to_string(ServerStatus s) noexcept;
const char* to_string(ServerMode m) noexcept;
const char* to_string(AccessMode m) noexcept;

struct Server {
    std::string uuid;
    std::string group_id;
    std::string host;
    int port = 3306;
    ServerMode mode = ServerMode::ReadOnly;
    ServerStatus status = ServerStatus::Secondary;
    double weight = 1.0;
};

}  // namespace fabodbc::fabric
