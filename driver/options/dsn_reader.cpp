// Reads a DSN's section of odbc.ini through unixODBC's odbcinst (which picks the user file
// $ODBCINI / ~/.odbc.ini and the system file $ODBCSYSINI/odbc.ini); dsn_cache.cpp keeps what
// it read while the files stay as they were.
#include "driver/error.h"
#include "driver/options/connection_options.h"
#include "driver/options/dsn_cache.h"
#include "driver/options/keywords.h"

#include <odbcinst.h>

#include <algorithm>
#include <cstring>
#include <map>
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

DsnSection read_dsn_section(const std::string& dsn) {
  if (dsn.empty())
    throw OdbcError("IM002", "Data source name not found and no default driver specified: ''");
  // odbcinst reads names as C strings: "a\0b" would find the section [a], one the application
  // did not name. No section name in a file holds a NUL, so no such DSN exists.
  if (const size_t nul = dsn.find('\0'); nul != std::string::npos)
    throw OdbcError("IM002", "Data source name not found: the name '" + dsn.substr(0, nul) +
                                 "...' holds a NUL byte at position " + std::to_string(nul));
  // Read only the entries the section has: odbcinst re-reads the ini files on every call, so
  // asking for each of the ~50 keywords by name cost about a hundred file opens per connect.
  std::vector<char> names(16 * 1024);
  const int n = SQLGetPrivateProfileString(dsn.c_str(), nullptr, "", names.data(),
                                           static_cast<int>(names.size()), "odbc.ini");
  // A section with entries exists (through the driver manager it has at least Driver=); only
  // an empty answer needs the list of sections to tell an empty section from a missing one.
  if (n <= 0 && !dsn_exists(dsn))
    throw OdbcError("IM002", "Data source name not found and no default driver specified: '" + dsn + "'");
  // canonical name -> (value, spelled canonically): the canonical spelling beats an alias
  // (odbc.ini files written for other drivers use User, Password, Database...).
  std::map<std::string, std::pair<std::string, bool>> found;
  const char* p = names.data();
  const char* end = names.data() + (n > 0 ? std::min<size_t>(static_cast<size_t>(n), names.size() - 1) : 0);
  while (p < end && *p) {
    const std::string_view entry(p, strnlen(p, static_cast<size_t>(end - p)));
    p += entry.size() + 1;
    const KeywordDef* k = find_keyword(entry);
    // DRIVER in odbc.ini names the library the DM already loaded; it is not a connection setting.
    if (!k || k->name == "DSN" || k->name == "DRIVER") continue;
    const std::string canonical(k->name);
    const bool canonical_spelling = ascii_iequals(entry, k->name);
    auto it = found.find(canonical);
    if (it != found.end() && (it->second.second || !canonical_spelling)) continue;
    if (std::optional<std::string> v = read_entry(dsn, entry)) found[canonical] = {std::move(*v), canonical_spelling};
  }
  DsnSection section;
  for (auto& [name, value] : found) section.emplace_back(name, std::move(value.first));
  return section;
}

void ConnectionOptions::merge_dsn(const std::string& dsn, std::vector<std::string>* notes) {
  for (const auto& [name, value] : cached_dsn_section(dsn)) {
    if (!values_.count(name)) values_.emplace(name, value);  // the connection string wins
  }
  (void)notes;
}

}  // namespace fabodbc
