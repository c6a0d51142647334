#include "tests/support/odbc_sandbox.h"

#include "tests/support/child_process.h"
#include "tests/support/mariadb_server.h"

#include <sql.h>
#include <stdlib.h>

#include <fstream>
#include <stdexcept>

namespace fabodbc::test {

namespace {

// libodbc carries its own, unexported copy of odbcinst's path helpers: the first call in the
// process getenv()s ODBCSYSINI/ODBCINSTINI, strncpy()s them into static buffers and sets a
// "saved" flag, all without a lock, and every later call reads those buffers. Threads that
// make their first driver-manager call at the same moment race on them (ThreadSanitizer saw it
// in RoutingChaos, four writers allocating their environments at once). The frames have no
// symbol, so tests/tsan.supp cannot name them; allocating one environment here, on the thread
// that sets the variables, fills the buffers before any test thread exists. It also pins the
// paths to this sandbox, which is what the first connection would have done anyway.
void settle_driver_manager_paths() {
  SQLHENV env = SQL_NULL_HENV;
  if (SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env))) SQLFreeHandle(SQL_HANDLE_ENV, env);
}

}  // namespace

OdbcSandbox::OdbcSandbox(std::string driver_path) : driver_path_(std::move(driver_path)) {
#ifdef FABODBC_DRIVER_PATH
  if (driver_path_.empty()) driver_path_ = FABODBC_DRIVER_PATH;
#endif
  if (driver_path_.empty() && getenv("FABODBC_DRIVER_PATH")) driver_path_ = getenv("FABODBC_DRIVER_PATH");
  if (driver_path_.empty())
    throw std::runtime_error("OdbcSandbox: no driver path (build the fabodbc target or set FABODBC_DRIVER_PATH)");
  char tmpl[] = "/tmp/fabodbc-ini-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  drivers_["fabodbc"] = driver_path_;
  write_files();
  // unixODBC reads odbcinst.ini and the system odbc.ini from ODBCSYSINI, the user odbc.ini
  // from ODBCINI; pointing both here keeps tests away from the machine's configuration.
  setenv("ODBCSYSINI", dir_.c_str(), 1);
  setenv("ODBCINSTINI", "odbcinst.ini", 1);
  setenv("ODBCINI", (dir_ + "/odbc.ini").c_str(), 1);
  settle_driver_manager_paths();
}

OdbcSandbox::~OdbcSandbox() {
  if (!getenv("FABODBC_KEEP_TEST_SERVERS")) remove_tree(dir_);
}

void OdbcSandbox::add_driver(const std::string& name, const std::string& library_path) {
  drivers_[name] = library_path;
  write_files();
}

void OdbcSandbox::add_dsn(const std::string& name, std::map<std::string, std::string> attributes) {
  if (!attributes.count("Driver")) attributes["Driver"] = "fabodbc";
  dsns_[name] = std::move(attributes);
  write_files();
}

std::string OdbcSandbox::dsn_for(const MariaDbServer& server, const std::string& name,
                                 std::map<std::string, std::string> extra) {
  std::map<std::string, std::string> a = {{"SERVER", server.host()},
                                          {"PORT", std::to_string(server.port())},
                                          {"UID", MariaDbServer::user()},
                                          {"PWD", MariaDbServer::password()},
                                          {"DATABASE", MariaDbServer::database()}};
  for (auto& [k, v] : extra) a[k] = v;
  add_dsn(name, std::move(a));
  return name;
}

std::string OdbcSandbox::connection_string_for(const MariaDbServer& server) const {
  return "DRIVER={fabodbc};SERVER=" + server.host() + ";PORT=" + std::to_string(server.port()) +
         ";UID=" + MariaDbServer::user() + ";PWD={" + MariaDbServer::password() +
         "};DATABASE=" + MariaDbServer::database();
}

void OdbcSandbox::write_files() const {
  {
    std::ofstream inst(dir_ + "/odbcinst.ini", std::ios::trunc);
    for (auto& [name, lib] : drivers_) {
      // Threading=0: the drivers serialise per connection themselves; the DM adds no lock.
      inst << "[" << name << "]\nDescription=" << name << "\nDriver=" << lib
           << "\nThreading=0\n\n";
    }
  }
  std::ofstream ini(dir_ + "/odbc.ini", std::ios::trunc);
  for (auto& [name, attrs] : dsns_) {
    ini << "[" << name << "]\n";
    for (auto& [k, v] : attrs) ini << k << "=" << v << "\n";
    ini << "\n";
  }
}

}  // namespace fabodbc::test
