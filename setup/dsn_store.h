// DSN configuration shared by the setup library (ConfigDSN) and the `fabodbc` command-line
// tool: parsing and validating KEY=VALUE attributes against the driver's one keyword table,
// and reading/writing odbc.ini sections through unixODBC's installer API (odbcinst). Nothing
// here prints; failures come back as a SetupError with an installer error code and a message
// that names the keyword and the problem (never a password value).
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fabodbc {
struct KeywordDef;
}

namespace fabodbc::setup {

// The name the driver is registered under in odbcinst.ini.
inline constexpr char kDriverName[] = "fabodbc";

class SetupError : public std::runtime_error {
 public:
  // installer_code: an ODBC_ERROR_* value for SQLPostInstallerError.
  SetupError(unsigned installer_code, const std::string& message)
      : std::runtime_error(message), code_(installer_code) {}
  unsigned installer_code() const noexcept { return code_; }

 private:
  unsigned code_;
};

// One validated attribute: canonical keyword name (or "DSN"/"DRIVER") and its value.
struct Attribute {
  std::string key;
  std::string value;
  const KeywordDef* keyword = nullptr;
};

// Splits "KEY=VALUE\0KEY=VALUE\0\0" (ConfigDSN's attribute list). Entries without '=' are an
// error. Keys are trimmed; values are kept as given (trailing blanks included).
std::vector<std::pair<std::string, std::string>> split_attribute_list(const char* list);

// Checks every key against the keyword table (aliases become the canonical name) and every
// value against the keyword's type. Throws SetupError(ODBC_ERROR_INVALID_KEYWORD_VALUE) naming
// the first bad keyword. Duplicate keys: the last one wins.
std::vector<Attribute> validate_attributes(const std::vector<std::pair<std::string, std::string>>& raw);

// Where a DSN lives.
enum class Scope { User, System };
const char* to_string(Scope s) noexcept;

// Sets the installer's config mode for the lifetime of the object and restores it after.
class ConfigModeGuard {
 public:
  explicit ConfigModeGuard(Scope scope);
  ~ConfigModeGuard();
  ConfigModeGuard(const ConfigModeGuard&) = delete;
  ConfigModeGuard& operator=(const ConfigModeGuard&) = delete;

 private:
  unsigned short previous_ = 0;
};

// All operations below act on the odbc.ini selected by the installer's current config mode
// (the ConfigModeGuard above, or what SQLConfigDataSource set before calling ConfigDSN).

// Section names of odbc.ini (without unixODBC's [ODBC] section).
std::vector<std::string> list_sections();
bool dsn_exists(const std::string& dsn);
// Key=value entries of a section, in file order, as written (not canonicalised).
std::vector<std::pair<std::string, std::string>> read_section(const std::string& dsn);

// Throws SetupError(ODBC_ERROR_INVALID_DSN) when `dsn` is empty or not a valid DSN name.
void check_dsn_name(const std::string& dsn);

// Creates (or replaces) the section: Driver=`driver`, then every attribute except DSN/DRIVER.
void add_dsn(const std::string& dsn, const std::string& driver, const std::vector<Attribute>& attributes);
// Updates an existing section: non-empty values are written, empty values remove the keyword.
// Other spellings of the same keyword (aliases such as User for UID) are removed so that one
// value remains. Throws SetupError(ODBC_ERROR_INVALID_DSN) if the section does not exist.
void configure_dsn(const std::string& dsn, const std::vector<Attribute>& attributes);
// Removes the section; throws SetupError(ODBC_ERROR_INVALID_DSN) if it does not exist.
void remove_dsn(const std::string& dsn);

// The DSN name given in an attribute list (the DSN attribute), or "".
std::string dsn_from(const std::vector<Attribute>& attributes);

// True for keywords whose values must never be shown (Password type, by name or alias).
bool is_secret_key(std::string_view key);
// "********" for secrets, the value otherwise.
std::string masked(std::string_view key, const std::string& value);

// The installer's error stack as "message" lines (SQLInstallerError 1..8), for reporting a
// failed installer call. Empty when nothing was posted.
std::string installer_errors();

}  // namespace fabodbc::setup
