// Errors raised by the Fabric client library.
//
// One exception type with a category enum, so the driver can map each failure to a
// SQLSTATE without parsing messages. Messages name the Fabric address, group, table or
// key involved, and never contain a password.
#pragma once

#include <ostream>
#include <stdexcept>
#include <string>

namespace fabodbc::fabric {

enum class ErrorCategory {
    // Talking to Fabric
    Unreachable,      // connection refused / host unknown / no route
    Timeout,          // connect or total timeout expired (silent or slow Fabric)
    TlsError,         // TLS handshake or certificate verification failed
    AuthFailed,       // wrong/missing credentials (401 after re-challenge, 400 from digest check)
    Forbidden,        // 403: authenticated but the account lacks the permission
    HttpError,        // any other non-200 HTTP status
    Fault,            // XML-RPC <fault> (unknown method, marshalling error on the server)
    InBandError,      // 1.5 envelope with a non-empty error string
    Malformed,        // reply is not valid XML-RPC / not a Fabric envelope / too large
    // Routing
    UnknownGroup,
    UnknownTable,
    KeyBelowLowerBound,
    BadKey,           // key not parsable for the mapping type (e.g. non-integer for RANGE)
    NoPrimary,        // READ_WRITE requested but the group has no PRIMARY
    NoServer,         // READ_ONLY requested and the group has neither secondary nor primary
    TablesInDifferentGroups,
    InvalidRequest,   // caller error: missing key for LOCAL scope, empty table list, ...
    Config,           // bad endpoint configuration
};

const char* to_string(ErrorCategory c) noexcept;
inline std::ostream& operator<<(std::ostream& o, ErrorCategory c) { return o << to_string(c); }

class FabricError : public std::runtime_error {
public:
    FabricError(ErrorCategory category, const std::string& message)
        : std::runtime_error(message), category_(category) {}
    ErrorCategory category() const noexcept { return category_; }
    // True for failures of the Fabric node itself (not of the request): the caller may
    // fall back to cached data or another Fabric node.
    bool is_communication_failure() const noexcept;

private:
    ErrorCategory category_;
};

}  // namespace fabodbc::fabric
