// The one exception type the driver throws internally. The C boundary (odbc_api/) catches it
// and turns it into a diagnostic record; nothing throws across extern "C".
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace fabodbc {

class OdbcError : public std::runtime_error {
 public:
  // sqlstate: five characters ("HY000"); native: server errno or 0; message: what happened,
  // without the "[fabodbc]" prefix (the diagnostics layer adds it).
  OdbcError(std::string sqlstate, std::string message, int native = 0)
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)), native_(native) {}

  const std::string& sqlstate() const noexcept { return sqlstate_; }
  int native() const noexcept { return native_; }

 private:
  std::string sqlstate_;
  int native_;
};

}  // namespace fabodbc
