// Reads a DSN's section of odbc.ini through unixODBC's odbcinst (which picks the user file
// $ODBCINI / ~/.odbc.ini and the system file $ODBCSYSINI/odbc.ini).
#include "driver/error.h"
#include "driver/options/connection_options.h"
#include "driver/options/keywords.h"

#include <odbcinst.h>

#include <cstring>
#include <vector>

namespace fabodbc {
namespace {


// SQLGetPrivateProfileString(NULL, ...) lists the section names, NUL-separated.
bool dsn_exists(const std::string& dsn) {
  std::vector<char> buf(64 * 1024);
  const int n = SQLGetPrivateProfileString(nullptr, nullptr, "", buf.data(), static_cast<int>(buf.size()), "odbc.ini");
  if (n <= 0) return false;
  const char* p = buf.data();
  const char* end = buf.data() + (n < static_cast<int>(buf.size()) ? n : static_cast<int>(buf.size()) - 1);
  while (p < end && *p) {
    const size_t len = strnlen(p, static_cast<size_t>(end - p));
    if (ascii_iequals({p, len}, dsn)) return true;
    p += len + 1;
  }
  return false;
}

std::optional<std::string> read_entry(const std::string& dsn, std::string_view name) {
  static constexpr char kAbsent[] = "\x01<absent>";  // tells "not there" from "empty"
  char buf[4096];
  const std::string key(name);
  const int n = SQLGetPrivateProfileString(dsn.c_str(), key.c_str(), kAbsent, buf, sizeof buf, "odbc.ini");
  if (n < 0) return std::nullopt;
  std::string value(buf, strnlen(buf, sizeof buf));
  if (value == kAbsent) return std::nullopt;
  return value;
}

}  // namespace

void ConnectionOptions::merge_dsn(const std::string& dsn, std::vector<std::string>* notes) {
  if (dsn.empty() || !dsn_exists(dsn))
    throw OdbcError("IM002", "Data source name not found and no default driver specified: '" + dsn + "'");
  const KeywordDef* table = keyword_table();
  for (size_t i = 0; i < keyword_count(); ++i) {
    const KeywordDef& k = table[i];
    // DRIVER in odbc.ini names the library the DM already loaded; it is not a connection setting.
    if (k.name == "DSN" || k.name == "DRIVER" || values_.count(std::string(k.name))) continue;  // the connection string wins
    std::optional<std::string> v = read_entry(dsn, k.name);
    // odbc.ini files written for other drivers use the aliases (User, Password, Database...).
    for (std::string_view aliases = k.aliases; !v && !aliases.empty();) {
      const size_t p = aliases.find(',');
      v = read_entry(dsn, aliases.substr(0, p));
      aliases = p == std::string_view::npos ? std::string_view() : aliases.substr(p + 1);
    }
    if (v) values_.emplace(std::string(k.name), std::move(*v));
  }
  (void)notes;
}

}  // namespace fabodbc
