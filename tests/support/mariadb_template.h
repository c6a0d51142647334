// The datadir template every test server is copied from: created once per machine with
// mariadb-install-db, the test account baked in, guarded by a file lock so parallel tests
// build it only once.
#pragma once

#include <string>
#include <vector>

namespace fabodbc::test {

// Path of a ready template datadir (creating it if needed).
std::string mariadb_template_dir();

// Paths of the server binaries (mariadbd, mariadb-install-db), found on PATH or in /usr/sbin.
std::string mariadbd_path();
std::string mariadb_install_db_path();

// Server arguments that keep a test server small and quick to start (buffer pool, redo log
// size, no performance schema); the caller adds datadir, socket, port and pid file.
std::vector<std::string> lean_server_args();

}  // namespace fabodbc::test
