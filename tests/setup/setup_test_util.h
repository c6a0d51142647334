// Helpers for the setup library and CLI tests: a private unixODBC configuration directory
// (ODBCSYSINI / ODBCINI pointed at a fresh temp dir) and running a program with its stdout,
// stderr and exit status captured.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace fabodbc::setup_test {

class IniDir {
 public:
  // Creates the directory, writes odbcinst.ini registering driver "fabodbc" (Driver=driver_path,
  // Setup=setup_path when given) and points ODBCSYSINI, ODBCINSTINI and ODBCINI (user file
  // `user.ini`) of this process, and so of its children, at it.
  explicit IniDir(const std::string& driver_path = "/nonexistent/libfabodbc.so", const std::string& setup_path = "");
  ~IniDir();
  IniDir(const IniDir&) = delete;
  IniDir& operator=(const IniDir&) = delete;

  const std::string& dir() const { return dir_; }
  std::string user_ini() const { return dir_ + "/user.ini"; }
  std::string system_ini() const { return dir_ + "/odbc.ini"; }
  std::string odbcinst_ini() const { return dir_ + "/odbcinst.ini"; }

 private:
  std::string dir_;
};

std::string read_file(const std::string& path);  // "" when missing
void write_file(const std::string& path, const std::string& text);

// key -> value of one [section] of an ini file (keys as written), empty when absent.
std::map<std::string, std::string> ini_section(const std::string& path, const std::string& section);
bool ini_has_section(const std::string& path, const std::string& section);

struct RunResult {
  int status = -1;  // exit status, 128+signal when killed
  std::string out, err;
};

// Runs argv (argv[0] a path) with the current environment plus `env`, bounded by timeout.
RunResult run(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
              double timeout_seconds = 60);

}  // namespace fabodbc::setup_test
