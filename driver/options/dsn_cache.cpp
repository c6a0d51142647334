#include "driver/options/dsn_cache.h"

#include "driver/options/keywords.h"

#include <odbcinst.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>

namespace fabodbc {
namespace {

// What identifies one version of a file; all zero when it does not exist.
struct FileStamp {
  dev_t dev = 0;
  ino_t ino = 0;
  off_t size = 0;
  timespec mtime{}, ctime{};
  bool operator==(const FileStamp& o) const {
    return dev == o.dev && ino == o.ino && size == o.size && mtime.tv_sec == o.mtime.tv_sec &&
           mtime.tv_nsec == o.mtime.tv_nsec && ctime.tv_sec == o.ctime.tv_sec && ctime.tv_nsec == o.ctime.tv_nsec;
  }
};

FileStamp stamp_of(const std::string& path) {
  FileStamp f;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    f.dev = st.st_dev;
    f.ino = st.st_ino;
    f.size = st.st_size;
    f.mtime = st.st_mtim;
    f.ctime = st.st_ctim;
  }
  return f;
}

// The files odbcinst reads for "odbc.ini", named the way it names them: $ODBCINI, else the
// passwd entry's home directory + /.odbc.ini (_odbcinst_UserINI); the system directory
// ($ODBCSYSINI or the built-in one) + odbc.ini.
struct IniFiles {
  std::string user, system;
  UWORD mode = ODBC_BOTH_DSN;
  bool operator==(const IniFiles& o) const { return user == o.user && system == o.system && mode == o.mode; }
};

const std::string& home_of(uid_t uid) {
  static std::mutex m;
  static uid_t known = static_cast<uid_t>(-1);
  static std::string home;
  std::lock_guard<std::mutex> lock(m);
  if (uid != known) {
    known = uid;
    home = "/home";
    struct passwd pw {};
    struct passwd* found = nullptr;
    char buf[4096];
    if (getpwuid_r(uid, &pw, buf, sizeof buf, &found) == 0 && found && found->pw_dir) home = found->pw_dir;
  }
  return home;
}

IniFiles current_files() {
  IniFiles f;
  const char* user = std::getenv("ODBCINI");
  f.user = user && *user ? user : home_of(getuid()) + "/.odbc.ini";
  // The system file is odbcinst's system directory + "/odbc.ini" (_odbcinst_SystemINI): the
  // directory worked out here as odbcinst_system_file_path() does (ODBCSYSINI, else /etc),
  // because that function returns a static buffer other threads' calls rewrite without a lock
  // (ThreadSanitizer saw the reads). ODBCINSTINI names odbcinst.ini, which holds no DSN.
  const char* sys_dir = std::getenv("ODBCSYSINI");
  f.system = std::string(sys_dir && *sys_dir ? sys_dir : "/etc") + "/odbc.ini";
  SQLGetConfigMode(&f.mode);
  return f;
}

struct Entry {
  std::string dsn;
  IniFiles files;
  FileStamp user, system;
  DsnSection section;
};

std::mutex g_mutex;
std::vector<Entry> g_entries;  // a handful of DSNs per process: a list is enough
constexpr size_t kMaxEntries = 16;

}  // namespace

DsnSection cached_dsn_section(const std::string& dsn) {
  const IniFiles files = current_files();
  const FileStamp user = stamp_of(files.user), system = stamp_of(files.system);
  {
    std::lock_guard<std::mutex> lock(g_mutex);
    for (const Entry& e : g_entries) {
      if (ascii_iequals(e.dsn, dsn) && e.files == files && e.user == user && e.system == system) return e.section;
    }
  }
  DsnSection section = read_dsn_section(dsn);
  // Stamps taken before the read: a file changed meanwhile shows as changed next time.
  std::lock_guard<std::mutex> lock(g_mutex);
  for (auto it = g_entries.begin(); it != g_entries.end(); ++it) {
    if (ascii_iequals(it->dsn, dsn)) {
      g_entries.erase(it);
      break;
    }
  }
  if (g_entries.size() >= kMaxEntries) g_entries.erase(g_entries.begin());
  g_entries.push_back(Entry{dsn, files, user, system, section});
  return section;
}

void forget_cached_dsn_sections() {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_entries.clear();
}

}  // namespace fabodbc
