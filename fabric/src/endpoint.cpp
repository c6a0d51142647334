#include "fabric/endpoint.h"

#include "fabric/error.h"
#include "fabric/md5.h"

namespace fabodbc::fabric {

std::string FabricEndpoint::address() const {
    std::string h = host;
    if (h.find(':') != std::string::npos && h.front() != '[') h = "[" + h + "]";  // IPv6 literal
    return std::string(protocol == Protocol::Https ? "https://" : "http://") + h + ":" + std::to_string(port);
}

std::string FabricEndpoint::cache_key() const {
    return address() + "|" + user + "|" + md5_hex_lower(password);
}

void FabricEndpoint::validate() const {
    if (host.empty()) throw FabricError(ErrorCategory::Config, "Fabric host is empty");
    if (port <= 0 || port > 65535)
        throw FabricError(ErrorCategory::Config, "Fabric port " + std::to_string(port) + " is out of range");
    if (ssl_cert.empty() != ssl_key.empty())
        throw FabricError(ErrorCategory::Config, "Fabric SSL client certificate and key must be given together");
    if (protocol == Protocol::Http && (!ssl_ca.empty() || !ssl_cert.empty()))
        throw FabricError(ErrorCategory::Config, "Fabric SSL options given but the protocol is http");
    if (connect_timeout_ms <= 0 || total_timeout_ms <= 0)
        throw FabricError(ErrorCategory::Config, "Fabric timeouts must be positive");
    for (int e : extra_report_errnos)
        if (e < 1000 || e >= 3000)
            throw FabricError(ErrorCategory::Config,
                              "extra failure-report errno " + std::to_string(e) + " is outside 1000..2999");
}

}  // namespace fabodbc::fabric
