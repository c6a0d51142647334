#include "tests/support/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace fabodbc::test {

pid_t spawn(const std::vector<std::string>& argv, const std::string& log_path) {
  if (argv.empty()) throw std::runtime_error("spawn: empty command");
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + strerror(errno));
  if (pid == 0) {
    // Die with the test process: a crashed test must not leave servers behind.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    if (!log_path.empty()) {
      int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (fd >= 0) {
        dup2(fd, 1);
        dup2(fd, 2);
        close(fd);
      }
    }
    int null_in = open("/dev/null", O_RDONLY);
    if (null_in >= 0) dup2(null_in, 0);
    execvp(args[0], args.data());
    _exit(127);
  }
  return pid;
}

int wait_child(pid_t pid, double timeout_seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds);
  for (;;) {
    int status = 0;
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (r < 0) return errno == ECHILD ? 0 : -1;
    if (std::chrono::steady_clock::now() > deadline) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

int terminate_child(pid_t pid, int signal, double timeout_seconds) {
  if (pid <= 0) return 0;
  kill(pid, signal);
  int status = wait_child(pid, timeout_seconds);
  if (status == -1) {
    kill(pid, SIGKILL);
    status = wait_child(pid, 10);
  }
  return status;
}

int run_command(const std::vector<std::string>& argv, const std::string& log_path,
                double timeout_seconds) {
  pid_t pid = spawn(argv, log_path);
  int status = wait_child(pid, timeout_seconds);
  if (status == -1) {
    kill(pid, SIGKILL);
    wait_child(pid, 10);
  }
  return status;
}

void remove_tree(const std::string& path) {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
}

}  // namespace fabodbc::test
