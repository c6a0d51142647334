// Root access to a fixture server over its Unix socket, for setup and inspection in tests
// (the code under test never uses this).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace fabodbc::test {

// Waits until root can log in over `socket` (the server process `pid` must stay alive).
// Throws with the tail of `error_log` when it dies or the timeout passes.
void wait_for_socket_login(const std::string& socket, pid_t pid, double timeout_seconds,
                           const std::string& error_log);

// Runs one statement as root; throws std::runtime_error with the server's message on error.
void admin_execute(const std::string& socket, const std::string& sql);

// Rows of a query as root (all values as text, NULL as "NULL").
std::vector<std::vector<std::string>> admin_rows(const std::string& socket, const std::string& sql);

// The last `lines` lines of a file (for error messages).
std::string tail_file(const std::string& path, int lines);

}  // namespace fabodbc::test

namespace fabodbc::test {
// Runs one statement as `user` over TCP on 127.0.0.1:port; returns the server's errno (0 on
// success). For checks such as "a read-only secondary refuses this user's write (1290)".
unsigned tcp_execute_errno(unsigned port, const std::string& user, const std::string& password,
                           const std::string& sql);
}  // namespace fabodbc::test
