// Runs tests/fabric_server/fabric_server.py as a subprocess on free loopback ports and talks
// to its control port. Every wait is bounded. (Moved here from tests/integration/fabric so the
// Fabric HTTP tests and the driver's routing tests share it.)
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "fabric/endpoint.h"

namespace fabodbc::test {

// Topology used by most tests (same shape as tests/fabric_server/example_topology.json).
std::string default_topology_json(int ttl = 1);

class TestServerProcess {
public:
    struct Options {
        std::string topology_json = default_topology_json();
        std::vector<std::string> users;  // "user:password[:role]" -> digest auth on
        std::string ssl_cert, ssl_key;
        int port = 0;  // 0: a free one
        // Behave as the measured Fabric 1.5.6 where it departs from its design (every quirk of
        // fabric_server.py), then the single quirks "name=value" on top (e.g.
        // "nonce_purge_seconds=1").
        bool real_fabric = false;
        std::vector<std::string> quirks;
    };
    explicit TestServerProcess(Options opts);
    TestServerProcess() : TestServerProcess(Options{}) {}
    ~TestServerProcess();
    TestServerProcess(const TestServerProcess&) = delete;
    TestServerProcess& operator=(const TestServerProcess&) = delete;

    int fabric_port() const { return fabric_port_; }
    int control_port() const { return control_port_; }
    // POST /<cmd> with a JSON body; returns the reply body, throws std::runtime_error on non-200.
    std::string control(const std::string& cmd, const std::string& json_args = "{}") const;
    void stop();

    // An endpoint pointing at this server with short test timeouts.
    fabodbc::fabric::FabricEndpoint endpoint() const;

private:
    pid_t pid_ = -1;
    std::string dir_;
    int fabric_port_ = 0, control_port_ = 0;
};

// A fresh temporary directory (removed by the caller or left in /tmp).
std::string make_temp_dir();
// Count of occurrences of `needle` in `hay`.
std::size_t count_of(const std::string& hay, const std::string& needle);

}  // namespace fabodbc::test
