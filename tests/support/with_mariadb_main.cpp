// fabodbc_with_mariadb -- COMMAND...
// Starts a private mariadbd and an ODBC sandbox with DSN "fabodbc_test" pointing at it, runs
// COMMAND with the environment set, stops the server and exits with COMMAND's status. Lets
// CTest run isql, pyodbc and other client scripts against a real server.
//
// Environment given to COMMAND: ODBCSYSINI/ODBCINSTINI/ODBCINI (the sandbox), FABODBC_TEST_DSN,
// FABODBC_TEST_HOST, FABODBC_TEST_PORT, FABODBC_TEST_SOCKET, FABODBC_TEST_USER,
// FABODBC_TEST_PASSWORD, FABODBC_TEST_DATABASE, FABODBC_TEST_CONNSTR, FABODBC_DRIVER_PATH.
// Options: --timeout SECONDS (default 600) bounds COMMAND's run time.
#include "tests/support/child_process.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/odbc_sandbox.h"

#include <signal.h>
#include <stdlib.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

using namespace fabodbc::test;

int main(int argc, char** argv) {
  double timeout = 600;
  int i = 1;
  for (; i < argc; ++i) {
    if (std::strcmp(argv[i], "--") == 0) {
      ++i;
      break;
    }
    if (std::strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) {
      timeout = std::atof(argv[++i]);
      continue;
    }
    std::fprintf(stderr, "usage: %s [--timeout S] -- COMMAND...\n", argv[0]);
    return 2;
  }
  if (i >= argc) {
    std::fprintf(stderr, "usage: %s [--timeout S] -- COMMAND...\n", argv[0]);
    return 2;
  }
  std::vector<std::string> command(argv + i, argv + argc);
  try {
    auto server = MariaDbServer::start();
    OdbcSandbox sandbox;
    std::string dsn = sandbox.dsn_for(*server);
    setenv("FABODBC_TEST_DSN", dsn.c_str(), 1);
    setenv("FABODBC_TEST_HOST", server->host().c_str(), 1);
    setenv("FABODBC_TEST_PORT", std::to_string(server->port()).c_str(), 1);
    setenv("FABODBC_TEST_SOCKET", server->socket_path().c_str(), 1);
    setenv("FABODBC_TEST_USER", MariaDbServer::user().c_str(), 1);
    setenv("FABODBC_TEST_PASSWORD", MariaDbServer::password().c_str(), 1);
    setenv("FABODBC_TEST_DATABASE", MariaDbServer::database().c_str(), 1);
    setenv("FABODBC_TEST_CONNSTR", sandbox.connection_string_for(*server).c_str(), 1);
    setenv("FABODBC_DRIVER_PATH", sandbox.driver_path().c_str(), 1);
    int status = run_command(command, "", timeout);
    if (status == -1) {
      std::fprintf(stderr, "fabodbc_with_mariadb: command timed out after %.0f s\n", timeout);
      return 124;
    }
    return status;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fabodbc_with_mariadb: %s\n", e.what());
    return 125;
  }
}
