#include "fabric/endpoint.h"

#include "fabric/error.h"
#include "fabric/md5.h"

#include <string_view>

namespace fabodbc::fabric {

std::string FabricEndpoint::address() const {
    std::string h = host;
    if (h.find(':') != std::string::npos && h.front() != '[') h = "[" + h + "]";  // IPv6 literal
    return std::string(protocol == Protocol::Https ? "https://" : "http://") + h + ":" + std::to_string(port);
}

std::string FabricEndpoint::cache_key() const {
    return address() + "|" + user + "|" + md5_hex_lower(password);
}

namespace {

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_';
}
bool is_ipv6_char(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
}

// A DNS name / IPv4 address, or an IPv6 literal (bare or in brackets). Nothing that could make
// the URL name another host (userinfo '@', a path, a fragment, spaces, control characters).
bool is_valid_host(const std::string& h) {
    if (h.empty() || h.size() > 253) return false;
    std::string_view v(h);
    if (v.front() == '[') {
        if (v.size() < 4 || v.back() != ']') return false;
        v = v.substr(1, v.size() - 2);
    }
    if (v.find(':') != std::string_view::npos) {
        for (char c : v)
            if (!is_ipv6_char(c)) return false;
        return true;
    }
    for (char c : v)
        if (!is_name_char(c)) return false;
    return true;
}

bool has_control_character(const std::string& s) {
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7F) return true;
    return false;
}

}  // namespace

void FabricEndpoint::validate() const {
    if (host.empty()) throw FabricError(ErrorCategory::Config, "Fabric host is empty");
    if (!is_valid_host(host))
        throw FabricError(ErrorCategory::Config,
                          "Fabric host is not a host name or IP address (letters, digits, '-', '.', '_', or an IPv6 "
                          "literal)");
    if (has_control_character(user))
        throw FabricError(ErrorCategory::Config, "Fabric user contains a control character");
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
