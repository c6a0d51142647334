#include "setup/dsn_store.h"

#include "driver/options/keywords.h"

#include <odbcinst.h>

#include <fcntl.h>
#include <unistd.h>

#include <climits>
#include <cstring>

// Exported by libodbcinst (declared in odbcinstext.h only for unixODBC's own sources).
extern "C" char* odbcinst_system_file_path(char* buffer);

namespace fabodbc::setup {
namespace {


std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// Splits a NUL-separated list as returned by SQLGetPrivateProfileString with a NULL key.
std::vector<std::string> split_nul_list(const char* buf, int n, size_t size) {
  std::vector<std::string> out;
  if (n <= 0) return out;
  const char* p = buf;
  const char* end = buf + (static_cast<size_t>(n) < size ? static_cast<size_t>(n) : size - 1);
  while (p < end && *p) {
    const size_t len = strnlen(p, static_cast<size_t>(end - p));
    out.emplace_back(p, len);
    p += len + 1;
  }
  return out;
}

std::vector<std::string> spellings(const KeywordDef& k) {
  std::vector<std::string> out{std::string(k.name)};
  std::string_view a = k.aliases;
  while (!a.empty()) {
    const size_t p = a.find(',');
    out.emplace_back(trim(a.substr(0, p)));
    if (p == std::string_view::npos) break;
    a.remove_prefix(p + 1);
  }
  return out;
}

void write_entry(const std::string& dsn, const std::string& key, const char* value) {
  if (!SQLWritePrivateProfileString(dsn.c_str(), key.c_str(), value, "odbc.ini")) {
    std::string why = installer_errors();
    throw SetupError(ODBC_ERROR_REQUEST_FAILED, "Could not write " + key + " of data source '" + dsn +
                                                    "' to odbc.ini" + (why.empty() ? "" : ": " + why));
  }
}

// unixODBC's SQLWriteDSNToIni fails when the system odbc.ini does not exist yet (a fresh
// ODBCSYSINI directory); the user file is created on demand. Create the system file empty.
void ensure_system_odbc_ini() {
  UWORD mode = ODBC_BOTH_DSN;
  if (!SQLGetConfigMode(&mode) || mode != ODBC_SYSTEM_DSN) return;
  char dir[PATH_MAX + 1] = {0};
  // Once cached, the directory is returned as a pointer to a static copy, not written to `dir`.
  const char* found = odbcinst_system_file_path(dir);
  if (!found || !found[0]) return;
  const std::string path = std::string(found) + "/odbc.ini";
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd >= 0) close(fd);
}

}  // namespace

std::vector<std::pair<std::string, std::string>> split_attribute_list(const char* list) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!list) return out;
  for (const char* p = list; *p; p += std::strlen(p) + 1) {
    std::string_view entry(p);
    const size_t eq = entry.find('=');
    if (eq == std::string_view::npos)
      throw SetupError(ODBC_ERROR_INVALID_KEYWORD_VALUE,
                       "Attribute '" + std::string(entry.substr(0, 64)) + "' has no '=': expected KEY=VALUE");
    std::string key = trim(entry.substr(0, eq));
    if (key.empty()) throw SetupError(ODBC_ERROR_INVALID_KEYWORD_VALUE, "Attribute with an empty keyword before '='");
    out.emplace_back(std::move(key), std::string(entry.substr(eq + 1)));
  }
  return out;
}

std::vector<Attribute> validate_attributes(const std::vector<std::pair<std::string, std::string>>& raw) {
  std::vector<Attribute> out;
  for (const auto& [key, value] : raw) {
    const KeywordDef* k = find_keyword(key);
    if (!k)
      throw SetupError(ODBC_ERROR_INVALID_KEYWORD_VALUE,
                       "Unknown keyword '" + key.substr(0, 64) + "' (`fabodbc keywords` lists the valid ones)");
    char buf[256];
    const std::string_view problem = validate_keyword_value(*k, value, buf, sizeof buf);
    if (!problem.empty()) throw SetupError(ODBC_ERROR_INVALID_KEYWORD_VALUE, std::string(problem));
    if (k->name == "DSN" && !value.empty()) check_dsn_name(value);
    bool replaced = false;
    for (Attribute& a : out)
      if (a.keyword == k) a.value = value, replaced = true;
    if (!replaced) out.push_back(Attribute{std::string(k->name), value, k});
  }
  return out;
}

const char* to_string(Scope s) noexcept { return s == Scope::System ? "system" : "user"; }

ConfigModeGuard::ConfigModeGuard(Scope scope) {
  UWORD mode = ODBC_BOTH_DSN;
  SQLGetConfigMode(&mode);
  previous_ = mode;
  SQLSetConfigMode(scope == Scope::System ? ODBC_SYSTEM_DSN : ODBC_USER_DSN);
}

ConfigModeGuard::~ConfigModeGuard() { SQLSetConfigMode(previous_); }

std::vector<std::string> list_sections() {
  std::vector<char> buf(256 * 1024);
  const int n = SQLGetPrivateProfileString(nullptr, nullptr, "", buf.data(), static_cast<int>(buf.size()), "odbc.ini");
  std::vector<std::string> out;
  for (std::string& s : split_nul_list(buf.data(), n, buf.size()))
    if (!ascii_iequals(s, "ODBC")) out.push_back(std::move(s));
  return out;
}

bool dsn_exists(const std::string& dsn) {
  for (const std::string& s : list_sections())
    if (ascii_iequals(s, dsn)) return true;
  return false;
}

std::vector<std::pair<std::string, std::string>> read_section(const std::string& dsn) {
  std::vector<char> keys(64 * 1024);
  const int n = SQLGetPrivateProfileString(dsn.c_str(), nullptr, "", keys.data(), static_cast<int>(keys.size()), "odbc.ini");
  std::vector<std::pair<std::string, std::string>> out;
  for (std::string& key : split_nul_list(keys.data(), n, keys.size())) {
    std::vector<char> value(8192);
    const int m = SQLGetPrivateProfileString(dsn.c_str(), key.c_str(), "", value.data(), static_cast<int>(value.size()), "odbc.ini");
    out.emplace_back(std::move(key), m > 0 ? std::string(value.data(), strnlen(value.data(), value.size())) : std::string());
  }
  return out;
}

void check_dsn_name(const std::string& dsn) {
  if (dsn.empty()) throw SetupError(ODBC_ERROR_INVALID_DSN, "A data source name (DSN=...) is required");
  if (dsn.size() > 32 || !SQLValidDSN(dsn.c_str()) || ascii_iequals(dsn, "ODBC") || ascii_iequals(dsn, "Default") ||
      dsn.find_first_of("\r\n") != std::string::npos)
    throw SetupError(ODBC_ERROR_INVALID_DSN,
                     "Invalid data source name '" + dsn.substr(0, 64) +
                         "': at most 32 characters, none of []{}(),;?*=!@\\, and not ODBC or Default");
}

void add_dsn(const std::string& dsn, const std::string& driver, const std::vector<Attribute>& attributes) {
  check_dsn_name(dsn);
  if (driver.empty()) throw SetupError(ODBC_ERROR_INVALID_NAME, "No driver name given for data source '" + dsn + "'");
  ensure_system_odbc_ini();
  if (!SQLWriteDSNToIni(dsn.c_str(), driver.c_str())) {
    std::string why = installer_errors();
    throw SetupError(ODBC_ERROR_REQUEST_FAILED,
                     "Could not create data source '" + dsn + "' in odbc.ini" + (why.empty() ? "" : ": " + why));
  }
  for (const Attribute& a : attributes) {
    if (a.key == "DSN" || a.key == "DRIVER" || a.value.empty()) continue;
    write_entry(dsn, a.key, a.value.c_str());
  }
}

void configure_dsn(const std::string& dsn, const std::vector<Attribute>& attributes) {
  check_dsn_name(dsn);
  if (!dsn_exists(dsn)) throw SetupError(ODBC_ERROR_INVALID_DSN, "Data source '" + dsn + "' does not exist");
  const auto existing = read_section(dsn);
  for (const Attribute& a : attributes) {
    if (a.key == "DSN") continue;
    if (a.key == "DRIVER") {  // the driver entry is the one keyword written as unixODBC spells it
      if (!a.value.empty()) write_entry(dsn, "Driver", a.value.c_str());
      continue;
    }
    // Drop every spelling of the keyword (User / UID / uid ...) before writing the canonical one.
    for (const std::string& s : spellings(*a.keyword))
      for (const auto& [key, value] : existing)
        if (ascii_iequals(key, s)) write_entry(dsn, key, nullptr);
    if (!a.value.empty()) write_entry(dsn, a.key, a.value.c_str());
  }
}

void remove_dsn(const std::string& dsn) {
  // No name check beyond "given": removing must work for reserved names (ODBC_REMOVE_DEFAULT_DSN
  // removes [Default]) and for sections other tools wrote.
  if (dsn.empty()) throw SetupError(ODBC_ERROR_INVALID_DSN, "A data source name (DSN=...) is required");
  if (!dsn_exists(dsn)) throw SetupError(ODBC_ERROR_INVALID_DSN, "Data source '" + dsn + "' does not exist");
  if (!SQLRemoveDSNFromIni(dsn.c_str())) {
    std::string why = installer_errors();
    throw SetupError(ODBC_ERROR_REQUEST_FAILED,
                     "Could not remove data source '" + dsn + "'" + (why.empty() ? "" : ": " + why));
  }
}

std::string dsn_from(const std::vector<Attribute>& attributes) {
  for (const Attribute& a : attributes)
    if (a.key == "DSN") return a.value;
  return {};
}

bool is_secret_key(std::string_view key) {
  const KeywordDef* k = find_keyword(key);
  return k && k->type == KeywordType::Password;
}

std::string masked(std::string_view key, const std::string& value) {
  return is_secret_key(key) && !value.empty() ? std::string("********") : value;
}

std::string installer_errors() {
  std::string out;
  for (WORD i = 1; i <= 8; ++i) {
    DWORD code = 0;
    char msg[1024] = {0};
    WORD len = 0;
    const RETCODE rc = SQLInstallerError(i, &code, msg, sizeof msg, &len);
    if (rc != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO) break;
    if (!out.empty()) out += "; ";
    out += msg[0] ? msg : ("installer error " + std::to_string(code)).c_str();
  }
  return out;
}

}  // namespace fabodbc::setup
