// libFuzzer: arbitrary bytes as connection strings into ConnectionOptions::parse, what it
// accepts rendered again (to_connection_string, to_masked_string) and parsed back, the merges
// the driver does (SQLBrowseConnect's later rounds: later values win; SQLConnect's DSN/UID/PWD
// arguments set as raw values; odbc.ini through merge_dsn), and the typed settings
// (ConnectSettings::from, FabricSettings::from).
//
// The input is a connection string, optionally followed by a 0xFE byte and the entries of the
// DSN "fuzzdsn" in odbc.ini, one "name=value" a line (without them, a fixed set of entries).
// odbc.ini is served from memory by this file's SQLGetPrivateProfileString, which takes the
// place of libodbcinst's (the executable's definition wins): no files, and the DSN's contents
// are fuzzed too. (libodbcinst 2.3.11 also keeps ~200 bytes per listing call, which made
// libFuzzer run a leak check on every input: 160 inputs a second.)
//
// OdbcError 08001 (IM002 for an unknown DSN) is an expected outcome; a crash, another
// exception or a broken invariant is a finding:
//   * what the renderer writes parses back to the same values;
//   * the masked form parses back to the same keys, every Password-type value "***";
//   * a merge keeps the values it promises to keep;
//   * the typed settings' errors never depend on a password's text (never echo it).
#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <odbcinst.h>

#include "driver/error.h"
#include "driver/options/connection_options.h"
#include "driver/options/dsn_cache.h"
#include "driver/options/keywords.h"

using namespace fabodbc;

namespace {

void check(bool ok) {
  if (!ok) __builtin_trap();
}

bool is_password(const std::string& name) {
  const KeywordDef* k = find_keyword(name);
  return k && k->type == KeywordType::Password;
}

// odbc.ini as libodbcinst shows it: sections "fuzzdsn" (entries in file order) and "other".
std::vector<std::pair<std::string, std::string>> g_dsn_entries;

void set_dsn_entries(std::string_view text) {
  g_dsn_entries.clear();
  // No file changes when the entries do, so the driver's DSN cache would hand back the last
  // input's section (it did: a merged value the input's entries never had).
  forget_cached_dsn_sections();
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    const size_t eq = line.find('=');
    if (!line.empty() && line.substr(0, eq).find('\0') == std::string_view::npos) {  // a file has no NUL
      g_dsn_entries.emplace_back(std::string(line.substr(0, eq)),
                                 eq == std::string_view::npos ? std::string() : std::string(line.substr(eq + 1)));
    }
    start = end + 1;
  }
}

const char kDefaultEntries[] =
    "Driver=fabodbc\nServer=db.example\nPORT=3307\nUser=alice\nPassword=s3cret\nDatabase=shop\nUID=bob\n"
    "OPTION=2048\nSSLMODE=required\nFABRIC_HOST=fabric.example\nFABRIC_PASSWORD=fab\nCHARSET=latin1";

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// NUL-separated names ending with an extra NUL, as many as fit; the length without the last NUL.
int copy_list(const std::vector<std::string>& names, char* buf, int size) {
  if (size <= 0) return 0;
  size_t used = 0;
  const size_t cap = static_cast<size_t>(size);
  for (const std::string& n : names) {
    if (used + n.size() + 2 > cap) break;
    std::memcpy(buf + used, n.c_str(), n.size() + 1);
    used += n.size() + 1;
  }
  buf[used] = '\0';
  return static_cast<int>(used);
}

}  // namespace

extern "C" int SQLGetPrivateProfileString(LPCSTR section, LPCSTR entry, LPCSTR fallback, LPSTR buf, int size,
                                          LPCSTR) {
  check(buf != nullptr && size > 0);
  if (!section) return copy_list({"fuzzdsn", "other"}, buf, size);
  const bool ours = iequal(section, "fuzzdsn");
  if (!entry) {
    std::vector<std::string> names;
    if (ours)
      for (const auto& e : g_dsn_entries) names.push_back(e.first);
    return copy_list(names, buf, size);
  }
  const char* value = fallback ? fallback : "";
  if (ours)
    for (const auto& e : g_dsn_entries)
      if (iequal(e.first, entry)) {
        value = e.second.c_str();
        break;
      }
  const size_t n = std::min(std::strlen(value), static_cast<size_t>(size) - 1);
  std::memcpy(buf, value, n);
  buf[n] = '\0';
  return static_cast<int>(n);
}

namespace {

struct Outcome {
  bool threw = false;
  std::string state, message;
  bool operator==(const Outcome& o) const { return threw == o.threw && state == o.state && message == o.message; }
};

template <class F>
Outcome outcome(F&& f) {
  Outcome out;
  try {
    f();
  } catch (const OdbcError& e) {
    out.threw = true;
    out.state = e.sqlstate();
    out.message = e.what();
    check(out.state == "08001");
  }
  return out;
}

// Every printable character of `v` replaced by another one, control characters kept: the
// password rule looks at control characters only, so errors must come out the same.
std::string rotate(const std::string& v) {
  std::string r = v;
  for (char& c : r) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F) c = static_cast<char>(0x20 + (u - 0x20 + 1) % 95);
    else if (u >= 0x80) c = static_cast<char>(u == 0xFF ? 0x80 : u + 1);
  }
  return r;
}

void check_settings(const ConnectionOptions& o) {
  const Outcome direct = outcome([&] {
    ConnectSettings s = ConnectSettings::from(o);
    check(s.port >= 1 && s.port <= 65535);
  });
  const Outcome fabric = outcome([&] { FabricSettings::from(o); });
  for (const auto& [name, value] : o.values()) {
    if (!is_password(name) || value.empty()) continue;
    ConnectionOptions other = o;
    other.set(name, rotate(value));
    check(outcome([&] { ConnectSettings::from(other); }) == direct);
    check(outcome([&] { FabricSettings::from(other); }) == fabric);
  }
}

// Rendered, parsed back: the same values; masked: the same keys, passwords "***".
void check_render(const ConnectionOptions& o) {
  const std::string text = o.to_connection_string();
  std::vector<std::string> notes;
  const ConnectionOptions back = ConnectionOptions::parse(text, &notes);
  if (!(o.has("DSN") && o.has("DRIVER"))) {  // both only after set(): the first one wins again
    check(back.values() == o.values());
    check(notes.empty());
  }
  const ConnectionOptions masked = ConnectionOptions::parse(o.to_masked_string(), nullptr);
  if (!(o.has("DSN") && o.has("DRIVER"))) {
    check(masked.values().size() == o.values().size());
    for (const auto& [name, value] : o.values()) {
      const auto m = masked.get(name);
      check(m.has_value());
      check(is_password(name) ? *m == "***" : *m == value);
    }
  }
}

// What merge_dsn must have taken from the DSN: for each keyword the string did not set, the
// entry spelled canonically if there is one (UID before User), else the first alias; its value
// as odbcinst reads it (the first entry of that name, cut to the driver's 4 KB buffer).
void check_dsn_merge(const ConnectionOptions& given, const ConnectionOptions& merged) {
  size_t listed = 1;
  for (const auto& e : g_dsn_entries) listed += e.first.size() + 1;
  if (listed > 16 * 1024 - 1) return;  // more names than merge_dsn's buffer: some are not read
  std::map<std::string, std::string> want;  // canonical -> entry name chosen
  for (const auto& e : g_dsn_entries) {
    if (e.first.empty()) break;  // "=value": an empty name, i.e. two NULs, ends the list for any reader
    const KeywordDef* k = find_keyword(e.first);
    if (!k || k->name == "DSN" || k->name == "DRIVER" || given.has(k->name)) continue;
    const std::string canonical(k->name);
    auto it = want.find(canonical);
    if (it == want.end() || (!iequal(it->second, canonical) && iequal(e.first, canonical))) want[canonical] = e.first;
  }
  for (const auto& [name, value] : merged.values()) check(given.has(name) || want.count(name));
  for (const auto& [canonical, entry] : want) {
    std::string value;
    for (const auto& e : g_dsn_entries)
      if (iequal(e.first, entry)) {
        value = e.second.substr(0, std::min(e.second.size(), e.second.find('\0')));
        break;
      }
    value.resize(std::min<size_t>(value.size(), 4095));
    if (value == "\x01<absent>") continue;  // merge_dsn's marker for "no such entry"
    check(merged.get(canonical) == value);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  if (const size_t ini = in.find('\xFE'); ini != std::string_view::npos) {
    set_dsn_entries(in.substr(ini + 1));
    in = in.substr(0, ini);
  } else {
    set_dsn_entries(kDefaultEntries);
  }

  // The whole input as one connection string.
  std::vector<std::string> notes;
  std::optional<ConnectionOptions> whole;
  const Outcome parsed = outcome([&] { whole = ConnectionOptions::parse(in, &notes); });
  if (whole) {
    check_render(*whole);
    check_settings(*whole);
    // SQLDriverConnect with DSN=: the DSN's entries fill what the string did not set.
    if (const auto dsn = whole->get("DSN"); dsn && !dsn->empty()) {
      ConnectionOptions merged = *whole;
      try {
        merged.merge_dsn(*dsn, &notes);
        check(iequal(*dsn, "fuzzdsn") || iequal(*dsn, "other"));
        for (const auto& [name, value] : whole->values()) check(merged.get(name) == value);  // the string wins
        check(!merged.has("DRIVER") || whole->has("DRIVER"));  // odbc.ini's Driver is not a setting
        if (iequal(*dsn, "fuzzdsn")) check_dsn_merge(*whole, merged);
        check_render(merged);
        check_settings(merged);
      } catch (const OdbcError& e) {
        check(e.sqlstate() == "IM002");
      }
    }
  }

  // Two rounds of SQLBrowseConnect, split at the first 0xFF byte: the second round's values win.
  const size_t cut = in.find('\xFF');
  if (cut != std::string_view::npos) {
    try {
      ConnectionOptions first = ConnectionOptions::parse(in.substr(0, cut), nullptr);
      const ConnectionOptions second = ConnectionOptions::parse(in.substr(cut + 1), nullptr);
      ConnectionOptions merged = first;
      for (const auto& [name, value] : second.values()) merged.set(name, value);
      for (const auto& [name, value] : merged.values())
        check(value == (second.has(name) ? *second.get(name) : *first.get(name)));
      check_render(merged);
      check_settings(merged);
    } catch (const OdbcError& e) {
      check(e.sqlstate() == "08001");
    }
  }

  // SQLConnect: DSN, UID and PWD as given (any bytes), split in three at the first two NULs.
  {
    const size_t a = in.find('\0');
    const size_t b = a == std::string_view::npos ? a : in.find('\0', a + 1);
    ConnectionOptions o;
    o.set("DSN", std::string(in.substr(0, a)));
    constexpr size_t npos = std::string_view::npos;
    if (a != npos) o.set("UID", std::string(in.substr(a + 1, b == npos ? npos : b - a - 1)));
    if (b != std::string_view::npos) o.set("PWD", std::string(in.substr(b + 1)));
    check_render(o);
    check_settings(o);
  }
  (void)parsed;
  return 0;
}
