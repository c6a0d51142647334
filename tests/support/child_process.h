// Starting and stopping child processes for fixtures (servers, scripts): fork/exec with the
// child killed if the test process dies, so no server outlives a crashed test.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace fabodbc::test {

// Starts argv[0] (looked up on PATH) with stdout/stderr appended to `log_path` (or inherited
// when empty). Throws std::runtime_error when it cannot start.
pid_t spawn(const std::vector<std::string>& argv, const std::string& log_path = "");

// Waits for the child; returns its exit status (128+signal when killed), or -1 on timeout.
int wait_child(pid_t pid, double timeout_seconds);

// Sends `signal`, waits up to `timeout_seconds`, then SIGKILLs and waits.
int terminate_child(pid_t pid, int signal, double timeout_seconds);

// Runs a command to completion (bounded by timeout); returns its exit status.
int run_command(const std::vector<std::string>& argv, const std::string& log_path,
                double timeout_seconds);

// Removes a directory tree (fixtures only).
void remove_tree(const std::string& path);

}  // namespace fabodbc::test
