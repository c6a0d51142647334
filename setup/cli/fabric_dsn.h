// The Fabric side of a DSN, for `fabodbc route` and `fabodbc topology`: the FABRIC_* keywords
// read through ConnectionOptions::merge_dsn, turned into a FabricEndpoint and a default
// RouteRequest.
#pragma once

#include <string>

#include "fabric/endpoint.h"
#include "fabric/router.h"

namespace fabodbc::cli {

struct FabricDsn {
  std::string dsn;
  fabric::FabricEndpoint endpoint;
  std::string group, tables, key;  // FABRIC_GROUP / FABRIC_TABLES / FABRIC_KEY
  fabric::Scope scope = fabric::Scope::Local;
  fabric::AccessMode mode = fabric::AccessMode::ReadWrite;
};

// Throws CliError(kConfig) when the DSN does not exist, has no FABRIC_HOST or bad values.
FabricDsn read_fabric_dsn(const std::string& dsn);

// Exit code for a FabricError: kConfig for configuration problems, kRouting otherwise.
int exit_code_for(const std::exception& fabric_error);

}  // namespace fabodbc::cli
