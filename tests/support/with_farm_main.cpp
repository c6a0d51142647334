// fabodbc_with_farm [--ttl S] [--timeout S] -- COMMAND...
// Starts the standard farm (tests/support/standard_farm.h: real mariadbd servers under GTID
// replication), the Fabric-protocol test server describing it, and an ODBC sandbox with the
// built driver registered as "fabodbc"; runs COMMAND; tears everything down; exits with
// COMMAND's status. The demo (scripts/demo.sh) runs its routing part under it.
//
// Environment given to COMMAND: ODBCSYSINI/ODBCINSTINI/ODBCINI (the sandbox, no DSNs yet),
// FABODBC_FABRIC_PORT, FABODBC_FABRIC_CONTROL_PORT, FABODBC_APP_USER, FABODBC_APP_PASSWORD,
// FABODBC_FARM (one line per server: "group role port server_id uuid weight").
#include "tests/support/child_process.h"
#include "tests/support/fabric_test_server.h"
#include "tests/support/odbc_sandbox.h"
#include "tests/support/standard_farm.h"

#include <stdlib.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

using namespace fabodbc::test;

int main(int argc, char** argv) {
  double timeout = 600;
  int ttl = 1;
  int i = 1;
  for (; i < argc; ++i) {
    if (std::strcmp(argv[i], "--") == 0) {
      ++i;
      break;
    }
    if (std::strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) {
      timeout = std::atof(argv[++i]);
    } else if (std::strcmp(argv[i], "--ttl") == 0 && i + 1 < argc) {
      ttl = std::atoi(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: %s [--ttl S] [--timeout S] -- COMMAND...\n", argv[0]);
      return 2;
    }
  }
  if (i >= argc) {
    std::fprintf(stderr, "usage: %s [--ttl S] [--timeout S] -- COMMAND...\n", argv[0]);
    return 2;
  }
  std::vector<std::string> command(argv + i, argv + argc);
  try {
    auto farm = MariaDbFarm::start(standard_farm_groups());
    TestServerProcess::Options o;
    o.topology_json = farm_topology_json(*farm, standard_shard_mappings(), ttl);
    TestServerProcess fabric(o);
    OdbcSandbox sandbox;
    std::string members;
    for (FarmGroup& g : farm->groups()) {
      for (FarmMember& m : g.members) {
        char line[256];
        std::snprintf(line, sizeof line, "%s %s %u %s %s %.0f\n", g.id.c_str(),
                      m.primary ? "PRIMARY" : "SECONDARY", m.server->port(),
                      m.server->admin_scalar("SELECT @@server_id").c_str(), m.uuid.c_str(), m.weight);
        members += line;
      }
    }
    setenv("FABODBC_FABRIC_PORT", std::to_string(fabric.fabric_port()).c_str(), 1);
    setenv("FABODBC_FABRIC_CONTROL_PORT", std::to_string(fabric.control_port()).c_str(), 1);
    setenv("FABODBC_APP_USER", MariaDbFarm::app_user().c_str(), 1);
    setenv("FABODBC_APP_PASSWORD", MariaDbFarm::app_password().c_str(), 1);
    setenv("FABODBC_FARM", members.c_str(), 1);
    int status = run_command(command, "", timeout);
    // The data is disposable: stop the servers at once rather than one clean shutdown after another.
    for (FarmGroup& g : farm->groups())
      for (FarmMember& m : g.members) m.server->kill_hard();
    if (status == -1) {
      std::fprintf(stderr, "fabodbc_with_farm: command timed out after %.0f s\n", timeout);
      return 124;
    }
    return status;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fabodbc_with_farm: %s\n", e.what());
    return 125;
  }
}
