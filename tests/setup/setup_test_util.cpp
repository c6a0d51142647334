#include "tests/setup/setup_test_util.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <filesystem>

namespace fabodbc::setup_test {

IniDir::IniDir(const std::string& driver_path, const std::string& setup_path) {
  char tmpl[] = "/tmp/fabodbc-setup-test-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  std::string inst = "[fabodbc]\nDescription=fabodbc test registration\nDriver=" + driver_path + "\n";
  if (!setup_path.empty()) inst += "Setup=" + setup_path + "\n";
  write_file(odbcinst_ini(), inst + "\n");
  setenv("ODBCSYSINI", dir_.c_str(), 1);
  setenv("ODBCINSTINI", "odbcinst.ini", 1);
  setenv("ODBCINI", user_ini().c_str(), 1);
  // Fabric topology snapshots (FABRIC_SHARED_CACHE) stay in this directory: a later test may
  // get the same Fabric port with another topology behind it.
  setenv("XDG_RUNTIME_DIR", dir_.c_str(), 1);
}

IniDir::~IniDir() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);  // the ini files and any topology snapshots
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
}

static std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.erase(0, 1);
  return s;
}

std::map<std::string, std::string> ini_section(const std::string& path, const std::string& section) {
  std::map<std::string, std::string> out;
  std::istringstream in(read_file(path));
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[') {
      inside = line == "[" + section + "]";
      continue;
    }
    const size_t eq = line.find('=');
    if (inside && eq != std::string::npos) out[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
  }
  return out;
}

bool ini_has_section(const std::string& path, const std::string& section) {
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line))
    if (trim(line) == "[" + section + "]") return true;
  return false;
}

RunResult run(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
              double timeout_seconds) {
  char out_tmpl[] = "/tmp/fabodbc-run-out-XXXXXX";
  char err_tmpl[] = "/tmp/fabodbc-run-err-XXXXXX";
  const int out_fd = mkstemp(out_tmpl);
  const int err_fd = mkstemp(err_tmpl);
  if (out_fd < 0 || err_fd < 0) throw std::runtime_error("mkstemp failed");
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    const int null_fd = open("/dev/null", O_RDONLY);
    if (null_fd >= 0) dup2(null_fd, 0);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    std::fprintf(stderr, "execv %s: %s\n", args[0], std::strerror(errno));
    _exit(127);
  }
  RunResult r;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds);
  int st = 0;
  for (;;) {
    const pid_t w = waitpid(pid, &st, WNOHANG);
    if (w == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &st, 0);
      r.err = "timed out\n";
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  close(out_fd);
  close(err_fd);
  r.out = read_file(out_tmpl);
  r.err += read_file(err_tmpl);
  unlink(out_tmpl);
  unlink(err_tmpl);
  return r;
}

}  // namespace fabodbc::setup_test
