// The driver's log (LOG / LOG_LEVEL keywords): timestamped lines with a connection id, for
// connects, routing decisions, Fabric refreshes, failure reports and failovers.
//
// Cost when off: ConnectionLog::enabled() is one pointer test and one compare, and callers
// build messages only after it says yes. Secrets (PWD, FABRIC_PASSWORD) are scrubbed from
// every line as a last line of defence; callers also never put them in messages.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace fabodbc {

class ConnectionOptions;

namespace log {

enum class Level : uint8_t { Error = 0, Warn = 1, Info = 2, Debug = 3 };

const char* level_name(Level level) noexcept;
// "error" | "warn" | "info" | "debug" (any case); false for anything else.
bool parse_level(std::string_view text, Level* out) noexcept;

// One log file, shared by every connection of the process that names the same path. Lines are
// written with a single write(2) on an O_APPEND descriptor, so lines from several connections
// (or processes) never interleave.
class LogFile {
 public:
  // The process-wide LogFile for `path` (opened on first use). Throws OdbcError HY000 naming
  // the path when it cannot be opened.
  static std::shared_ptr<LogFile> open(const std::string& path);
  ~LogFile();
  LogFile(const LogFile&) = delete;
  LogFile& operator=(const LogFile&) = delete;

  void write_line(std::string_view line) noexcept;
  const std::string& path() const noexcept { return path_; }

 private:
  LogFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_;
};

// What one connection logs through: its file, level, id and the secrets to scrub.
class ConnectionLog {
 public:
  ConnectionLog() = default;  // off
  // From the LOG and LOG_LEVEL keywords; off when LOG is empty or absent. Throws OdbcError
  // (08001) for a bad LOG_LEVEL or a file that cannot be opened.
  static ConnectionLog from(const ConnectionOptions& options, uint64_t connection_id);

  bool enabled(Level level) const noexcept { return file_ && level <= level_; }
  void write(Level level, std::string_view category, std::string_view message) const noexcept;

  void error(std::string_view category, std::string_view message) const noexcept {
    if (enabled(Level::Error)) write(Level::Error, category, message);
  }
  void warn(std::string_view category, std::string_view message) const noexcept {
    if (enabled(Level::Warn)) write(Level::Warn, category, message);
  }
  void info(std::string_view category, std::string_view message) const noexcept {
    if (enabled(Level::Info)) write(Level::Info, category, message);
  }

  uint64_t connection_id() const noexcept { return connection_id_; }
  Level level() const noexcept { return level_; }

  // Builds the text of a line (without writing it): "2026-11-21T02:50:01.123Z WARN [c7] route: ...".
  static std::string format_line(Level level, uint64_t connection_id, std::string_view category,
                                 std::string_view message,
                                 const std::vector<std::string>& secrets);

 private:
  std::shared_ptr<LogFile> file_;
  Level level_ = Level::Error;
  uint64_t connection_id_ = 0;
  std::vector<std::string> secrets_;
};

// A new connection id, unique in the process (1, 2, 3...).
uint64_t next_connection_id() noexcept;

}  // namespace log
}  // namespace fabodbc
