#include "driver/log/log.h"

#include "driver/error.h"
#include "driver/options/connection_options.h"
#include "driver/options/keywords.h"

#include <fcntl.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <map>

namespace fabodbc::log {

const char* level_name(Level level) noexcept {
  switch (level) {
    case Level::Error: return "ERROR";
    case Level::Warn: return "WARN";
    case Level::Info: return "INFO";
    case Level::Debug: return "DEBUG";
  }
  return "?";
}

bool parse_level(std::string_view text, Level* out) noexcept {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "error") *out = Level::Error;
  else if (lower == "warn" || lower == "warning") *out = Level::Warn;
  else if (lower == "info") *out = Level::Info;
  else if (lower == "debug") *out = Level::Debug;
  else return false;
  return true;
}

std::shared_ptr<LogFile> LogFile::open(const std::string& path) {
  // Connections naming the same file share one descriptor; the registry holds weak references
  // so the file is closed when its last connection goes.
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<LogFile>> files;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto existing = files[path].lock()) return existing;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0)
    throw OdbcError("08001", "Cannot open the log file '" + path + "' (LOG): " + std::strerror(errno));
  std::shared_ptr<LogFile> file(new LogFile(path, fd));
  files[path] = file;
  return file;
}

LogFile::~LogFile() {
  if (fd_ >= 0) ::close(fd_);
}

void LogFile::write_line(std::string_view line) noexcept {
  // One write per line: O_APPEND makes it atomic with respect to other writers.
  ssize_t r = ::write(fd_, line.data(), line.size());
  (void)r;  // a log that cannot be written must never fail the application's call
}

std::string ConnectionLog::format_line(Level level, uint64_t connection_id, std::string_view category,
                                       std::string_view message,
                                       const std::vector<std::string>& secrets) {
  timeval tv{};
  gettimeofday(&tv, nullptr);
  std::tm tm{};
  gmtime_r(&tv.tv_sec, &tm);
  char stamp[40];
  std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<long>(tv.tv_usec / 1000));
  std::string line;
  line.reserve(64 + category.size() + message.size());
  line += stamp;
  line += ' ';
  line += level_name(level);
  line += " [c";
  line += std::to_string(connection_id);
  line += "] ";
  line.append(category.data(), category.size());
  line += ": ";
  line.append(message.data(), message.size());
  for (const std::string& secret : secrets) {
    if (secret.empty()) continue;
    for (size_t pos = line.find(secret); pos != std::string::npos; pos = line.find(secret, pos + 3))
      line.replace(pos, secret.size(), "***");
  }
  // One line per event: embedded newlines (server messages) would break line-based tools.
  for (char& c : line)
    if (c == '\n' || c == '\r') c = ' ';
  line += '\n';
  return line;
}

void ConnectionLog::write(Level level, std::string_view category, std::string_view message) const noexcept {
  if (!enabled(level)) return;
  try {
    file_->write_line(format_line(level, connection_id_, category, message, secrets_));
  } catch (...) {
    // Out of memory while logging: drop the line rather than fail the caller.
  }
}

ConnectionLog ConnectionLog::from(const ConnectionOptions& options, uint64_t connection_id) {
  ConnectionLog log;
  log.connection_id_ = connection_id;
  auto path = options.get("LOG");
  if (!path || path->empty()) return log;
  if (auto level = options.get("LOG_LEVEL"); level && !level->empty()) {
    if (!parse_level(*level, &log.level_))
      throw OdbcError("08001", "Invalid LOG_LEVEL '" + *level + "': use error, warn, info or debug");
  }
  for (size_t i = 0; i < keyword_count(); ++i) {
    const KeywordDef& k = keyword_table()[i];
    if (k.type != KeywordType::Password) continue;
    if (auto secret = options.get(k.name); secret && !secret->empty()) log.secrets_.push_back(*secret);
  }
  log.file_ = LogFile::open(*path);
  return log;
}

uint64_t next_connection_id() noexcept {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace fabodbc::log
