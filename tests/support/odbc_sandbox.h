// A private unixODBC configuration for tests: odbcinst.ini registering the freshly built
// driver as "fabodbc" and an odbc.ini with test DSNs, selected through ODBCSYSINI / ODBCINI so
// the machine's own configuration is never read or touched.
#pragma once

#include <map>
#include <string>

namespace fabodbc::test {

class MariaDbServer;

class OdbcSandbox {
 public:
  // `driver_path` defaults to the libfabodbc.so of this build (FABODBC_DRIVER_PATH).
  explicit OdbcSandbox(std::string driver_path = "");
  ~OdbcSandbox();
  OdbcSandbox(const OdbcSandbox&) = delete;
  OdbcSandbox& operator=(const OdbcSandbox&) = delete;

  // Registers another driver (e.g. Debian's libmaodbc.so for comparisons).
  void add_driver(const std::string& name, const std::string& library_path);
  // Writes a DSN section; "Driver" defaults to fabodbc.
  void add_dsn(const std::string& name, std::map<std::string, std::string> attributes);
  // A DSN for the test account on `server`; returns its name.
  std::string dsn_for(const MariaDbServer& server, const std::string& name = "fabodbc_test",
                      std::map<std::string, std::string> extra = {});
  // "DRIVER={fabodbc};SERVER=...;PORT=...;UID=...;PWD=...;DATABASE=..." for `server`.
  std::string connection_string_for(const MariaDbServer& server) const;

  const std::string& dir() const { return dir_; }
  const std::string& driver_path() const { return driver_path_; }

 private:
  void write_files() const;

  std::string dir_, driver_path_;
  std::map<std::string, std::string> drivers_;                           // name -> library
  std::map<std::string, std::map<std::string, std::string>> dsns_;       // name -> attributes
};

}  // namespace fabodbc::test
