// Connection-string grammar (ODBC SQLDriverConnect):
//   attributes := attribute [';' attributes] [';']
//   attribute  := keyword '=' value | keyword '=' '{' braced-value '}'
// Keywords are case-insensitive and trimmed; a braced value may hold ';' and '=' and writes a
// literal '}' as '}}'. A keyword given twice takes its last value (as MySQL Connector/ODBC and
// MariaDB Connector/ODBC read it: applications append overrides to a stored string), and of
// DSN and DRIVER only the one that comes first is used (the ODBC rule the driver manager also
// applies).
#include "driver/error.h"
#include "driver/options/connection_options.h"
#include "driver/options/keywords.h"

namespace fabodbc {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

[[noreturn]] void malformed(const std::string& what, size_t position) {
  throw OdbcError("08001", "Malformed connection string: " + what + " at position " + std::to_string(position + 1));
}

// Canonical name of a known keyword; the upper-cased name itself for unknown ones.
std::string canonical(std::string_view name) {
  if (const KeywordDef* k = find_keyword(name)) return std::string(k->name);
  std::string up(name);
  for (char& c : up)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  return up;
}

bool needs_braces(const std::string& v) {
  if (v.empty()) return false;
  if (is_space(v.front()) || is_space(v.back()) || v.front() == '{') return true;
  return v.find_first_of(";{}") != std::string::npos;
}

std::string render(const std::map<std::string, std::string>& values, bool mask) {
  std::string out;
  auto append = [&](const std::string& key, const std::string& value, const KeywordDef* def) {
    std::string v = value;
    if (mask && def && def->type == KeywordType::Password) v = "***";
    if (!out.empty()) out += ';';
    out += key;
    out += '=';
    if (needs_braces(v)) {
      out += '{';
      for (char c : v) {
        out += c;
        if (c == '}') out += '}';
      }
      out += '}';
    } else {
      out += v;
    }
  };
  // Table order, so that DSN/DRIVER come first and the output is stable.
  const KeywordDef* table = keyword_table();
  for (size_t i = 0; i < keyword_count(); ++i) {
    const auto it = values.find(std::string(table[i].name));
    if (it != values.end()) append(it->first, it->second, &table[i]);
  }
  for (const auto& [key, value] : values)
    if (!find_keyword(key)) append(key, value, nullptr);
  return out;
}

}  // namespace

ConnectionOptions ConnectionOptions::parse(std::string_view s, std::vector<std::string>* notes) {
  ConnectionOptions result;
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    // Keyword: up to '=' (or to ';' / end, which is an error unless the segment is blank).
    const size_t key_start = i;
    while (i < n && s[i] != '=' && s[i] != ';') ++i;
    const std::string_view key = trim(s.substr(key_start, i - key_start));
    if (i >= n || s[i] == ';') {
      // Do not quote the text: it may be the tail of an unbraced password ("PWD=a;b").
      if (!key.empty()) malformed("text without '=' (an attribute needs KEY=value)", key_start);
      ++i;  // blank segment (";;" or a trailing ';')
      continue;
    }
    if (key.empty()) malformed("'=' without a keyword", i);
    ++i;  // past '='
    while (i < n && is_space(s[i])) ++i;
    std::string value;
    if (i < n && s[i] == '{') {
      const size_t open = i++;
      bool closed = false;
      while (i < n) {
        if (s[i] == '}') {
          if (i + 1 < n && s[i + 1] == '}') {
            value += '}';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        value += s[i++];
      }
      if (!closed) malformed("unterminated '{' in the value of " + std::string(key), open);
      while (i < n && is_space(s[i])) ++i;
      if (i < n && s[i] != ';') malformed("unexpected text after '}' in the value of " + std::string(key), i);
    } else {
      const size_t value_start = i;
      while (i < n && s[i] != ';') ++i;
      value = std::string(trim(s.substr(value_start, i - value_start)));
    }
    if (i < n) ++i;  // past ';'

    const KeywordDef* def = find_keyword(key);
    if (!def) {
      if (notes) notes->push_back("Unknown connection string keyword '" + std::string(key) + "' ignored");
      continue;
    }
    const std::string name(def->name);
    if ((name == "DSN" && result.values_.count("DRIVER")) || (name == "DRIVER" && result.values_.count("DSN"))) {
      if (notes) notes->push_back(name + " ignored: DSN and DRIVER both given, the first one is used");
      continue;
    }
    result.values_[name] = std::move(value);  // a later occurrence wins
  }
  return result;
}

std::optional<std::string> ConnectionOptions::get(std::string_view name) const {
  const auto it = values_.find(canonical(name));
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

void ConnectionOptions::set(std::string_view name, std::string value) { values_[canonical(name)] = std::move(value); }

void ConnectionOptions::erase(std::string_view name) { values_.erase(canonical(name)); }

std::string ConnectionOptions::to_connection_string() const { return render(values_, false); }

std::string ConnectionOptions::to_masked_string() const { return render(values_, true); }

}  // namespace fabodbc
