#include "driver/routing/route_target.h"

#include "driver/error.h"

namespace fabodbc::routing {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<std::string> RouteTarget::parse_tables(std::string_view text, const char* sqlstate) {
  std::vector<std::string> out;
  if (trim(text).empty()) return out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    const std::string_view entry = trim(text.substr(start, comma - start));
    const size_t dot = entry.find('.');
    if (entry.empty() || dot == 0 || dot == std::string_view::npos || dot + 1 == entry.size() ||
        entry.find('.', dot + 1) != std::string_view::npos || entry.find(' ') != std::string_view::npos) {
      throw OdbcError(sqlstate, "Invalid Fabric table '" + std::string(entry.substr(0, 128)) +
                                    "': FABRIC_TABLES expects comma-separated db.table names");
    }
    out.emplace_back(entry);
    start = comma + 1;
  }
  return out;
}

RouteTarget RouteTarget::from(const FabricSettings& s) {
  RouteTarget t;
  t.group = std::string(trim(s.group));
  t.tables = parse_tables(s.tables, "08001");
  t.key = s.key;
  t.global_scope = s.global_scope;
  t.read_only = s.read_only;
  if (std::string p = t.problem(); !p.empty()) throw OdbcError("08001", p);
  return t;
}

std::string RouteTarget::problem() const {
  if (!group.empty() && !tables.empty()) {
    return "FABRIC_GROUP and FABRIC_TABLES exclude each other: route either to a group or by shard key";
  }
  if (group.empty() && tables.empty()) {
    return "Fabric routing needs FABRIC_GROUP or FABRIC_TABLES (with FABRIC_KEY)";
  }
  if (!tables.empty() && !global_scope && key.empty()) {
    return "FABRIC_TABLES with LOCAL scope needs a shard key (FABRIC_KEY or SQL_ATTR_FABRIC_KEY)";
  }
  return {};
}

fabric::RouteRequest RouteTarget::request() const {
  const auto mode = read_only ? fabric::AccessMode::ReadOnly : fabric::AccessMode::ReadWrite;
  if (!group.empty()) return fabric::RouteRequest::for_group(group, mode);
  return fabric::RouteRequest::for_shard(tables, global_scope ? std::string() : key, mode,
                                         global_scope ? fabric::Scope::Global : fabric::Scope::Local);
}

std::string RouteTarget::tables_text() const {
  std::string out;
  for (const std::string& t : tables) {
    if (!out.empty()) out += ',';
    out += t;
  }
  return out;
}

void RouteOverrides::apply(FabricSettings& s) const {
  if (group) s.group = *group;
  if (key) s.key = *key;
  if (tables) s.tables = *tables;
  if (global_scope) s.global_scope = *global_scope;
  if (read_only) s.read_only = *read_only;
}

}  // namespace fabodbc::routing
