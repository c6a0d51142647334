#include "driver/routing/gtid_position.h"

#include <charconv>
#include <vector>

namespace fabodbc::routing {

namespace {

template <class T>
bool number(std::string_view s, T& out) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty();
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

GtidPosition GtidPosition::parse(std::string_view text) {
  GtidPosition p;
  text = trimmed(text);
  if (text.empty()) return p;
  std::string_view rest = text;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    const std::string_view item = trimmed(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const size_t d1 = item.find('-');
    const size_t d2 = d1 == std::string_view::npos ? d1 : item.find('-', d1 + 1);
    std::uint32_t domain = 0;
    Gtid g;
    if (d2 == std::string_view::npos || !number(item.substr(0, d1), domain) ||
        !number(item.substr(d1 + 1, d2 - d1 - 1), g.server) || !number(item.substr(d2 + 1), g.sequence)) {
      GtidPosition o;  // not MariaDB's form: MySQL's uuid:interval sets, kept as they are
      o.opaque_ = std::string(text);
      return o;
    }
    Gtid& slot = p.domains_[domain];
    if (g.sequence >= slot.sequence) slot = g;
  }
  return p;
}

bool GtidPosition::merge(const GtidPosition& other) {
  bool grew = false;
  if (other.opaque()) {
    // MySQL: the newest set named by the server includes the older ones of this session.
    if (opaque_ != other.opaque_) {
      opaque_ = other.opaque_;
      grew = true;
    }
    return grew;
  }
  for (const auto& [domain, g] : other.domains_) {
    auto it = domains_.find(domain);
    if (it == domains_.end() || g.sequence > it->second.sequence) {
      domains_[domain] = g;
      grew = true;
    }
  }
  return grew;
}

bool GtidPosition::covers(const GtidPosition& other) const {
  if (other.opaque()) return opaque_ == other.opaque_;
  for (const auto& [domain, g] : other.domains_) {
    auto it = domains_.find(domain);
    if (it == domains_.end() || it->second.sequence < g.sequence) return false;
  }
  return true;
}

std::string GtidPosition::to_string() const {
  if (opaque()) return opaque_;
  std::string out;
  for (const auto& [domain, g] : domains_) {
    if (!out.empty()) out += ',';
    out += std::to_string(domain) + '-' + std::to_string(g.server) + '-' + std::to_string(g.sequence);
  }
  return out;
}

}  // namespace fabodbc::routing
