// How to reach one Fabric: the configuration the driver fills from DSN keywords.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace fabodbc::fabric {

enum class Protocol { Http, Https };

inline constexpr int kDefaultFabricPort = 32274;

struct FabricEndpoint {
    std::string host = "localhost";
    int port = kDefaultFabricPort;
    Protocol protocol = Protocol::Http;
    // Digest authentication is used when user is non-empty (§1.3).
    std::string user;
    std::string password;
    // HTTPS: the server certificate is verified against ssl_ca (or the system store when
    // empty) and its name against `host`, unless verify_server_cert is switched off.
    std::string ssl_ca;
    std::string ssl_cert;  // optional client certificate ...
    std::string ssl_key;   // ... and its key (both or neither)
    bool verify_server_cert = true;
    // A dead Fabric must never hang a caller.
    long connect_timeout_ms = 2000;
    long total_timeout_ms = 5000;
    std::size_t max_reply_bytes = 16u * 1024u * 1024u;
    // Failure reporting (§8): off unless asked for; extra errnos on top of the standard list.
    bool report_errors = false;
    std::vector<int> extra_report_errnos;
    std::string reporter;  // empty: this host's name
    // Learn and fail over between the nodes advertised by dump.fabric_nodes.
    bool use_advertised_nodes = true;
    // The topology snapshot shared by this user's processes (snapshot_store.h): its directory
    // (empty: not shared), and how old it may be to route from while Fabric is down.
    std::string shared_cache_dir;
    long max_staleness_seconds = 3600;

    // "http://host:port" — never contains credentials, safe for messages.
    std::string address() const;
    // Registry key: protocol, host, port, user (and a hash of the password so two
    // configurations that differ only in the password do not share a client).
    std::string cache_key() const;
    // Throws FabricError(Config) on inconsistent settings.
    void validate() const;
};

}  // namespace fabodbc::fabric
