#include "driver/routing/route_hint.h"

#include "driver/error.h"
#include "driver/sql/sql_lexer.h"

#include <strings.h>

namespace fabodbc::routing {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

size_t skip_space(std::string_view s, size_t i) {
  while (i < s.size() && is_space(s[i])) ++i;
  return i;
}

constexpr std::string_view kTag = "fabric:";

[[noreturn]] void bad(const std::string& hint, const std::string& why) {
  throw OdbcError("42000", "Fabric routing hint " + hint.substr(0, 200) + ": " + why);
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

bool starts_with_route_hint(std::string_view sql) noexcept {
  size_t i = skip_space(sql, 0);
  if (sql.size() < i + 2 || sql[i] != '/' || sql[i + 1] != '*') return false;
  i = skip_space(sql, i + 2);
  return sql.size() >= i + kTag.size() && strncasecmp(sql.data() + i, kTag.data(), kTag.size()) == 0;
}

std::optional<RouteHint> parse_route_hint(std::string_view sql) {
  if (!starts_with_route_hint(sql)) return std::nullopt;
  const size_t open = skip_space(sql, 0);
  // Where the server ends the comment: the first "*/", whatever is inside.
  sql::LexRules rules;
  size_t end;
  try {
    end = sql::skip_quoted_or_comment(sql, open, rules);
  } catch (const OdbcError&) {
    bad(std::string(sql.substr(open, 40)), "the comment is not closed with */");
  }
  RouteHint h;
  h.text = std::string(sql.substr(open, end - open));
  std::string_view body = sql.substr(open + 2, end - open - 4);  // between /* and */
  size_t i = skip_space(body, 0) + kTag.size();

  auto word = [&](size_t& p) {
    const size_t s = p;
    while (p < body.size() && !is_space(body[p]) && body[p] != '=') ++p;
    return body.substr(s, p - s);
  };
  bool any = false;
  while (true) {
    i = skip_space(body, i);
    if (i >= body.size()) break;
    const std::string_view name = word(i);
    if (name.empty()) bad(h.text, "expected name=value at '" + std::string(body.substr(i, 20)) + "'");
    if (iequals(name, "set") && !any && !h.set && (i >= body.size() || body[i] != '=')) {
      h.set = true;
      continue;
    }
    i = skip_space(body, i);
    if (i >= body.size() || body[i] != '=') bad(h.text, "'" + std::string(name) + "' needs a value (name=value)");
    i = skip_space(body, i + 1);
    std::string value;
    if (i < body.size() && (body[i] == '\'' || body[i] == '"')) {
      const char q = body[i++];
      bool closed = false;
      while (i < body.size()) {
        if (body[i] == q) {
          if (i + 1 < body.size() && body[i + 1] == q) {
            value += q;
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        value += body[i++];
      }
      if (!closed) bad(h.text, "the value of '" + std::string(name) + "' is not closed");
    } else {
      const size_t s = i;
      while (i < body.size() && !is_space(body[i])) ++i;
      value.assign(body.substr(s, i - s));
      if (value.empty()) bad(h.text, "'" + std::string(name) + "' needs a value (name=value)");
    }
    any = true;
    if (iequals(name, "key")) {
      h.key = value;
    } else if (iequals(name, "tables")) {
      RouteTarget::parse_tables(value, "42000");  // db.table, checked now
      h.tables = value;
    } else if (iequals(name, "group")) {
      h.group = value;
    } else if (iequals(name, "scope")) {
      if (iequals(value, "global")) h.global_scope = true;
      else if (iequals(value, "local")) h.global_scope = false;
      else bad(h.text, "scope must be local or global, not '" + value + "'");
    } else if (iequals(name, "mode")) {
      if (iequals(value, "read_only") || iequals(value, "ro")) h.read_only = true;
      else if (iequals(value, "read_write") || iequals(value, "rw")) h.read_only = false;
      else bad(h.text, "mode must be read_only or read_write, not '" + value + "'");
    } else {
      bad(h.text, "unknown name '" + std::string(name) + "' (group, tables, key, scope, mode)");
    }
  }
  if (!any) bad(h.text, "says nothing to route by (group, tables, key, scope, mode)");
  if (h.group && h.tables) bad(h.text, "names both a group and tables: route either to a group or by shard key");
  for (size_t p = end; p < sql.size(); ++p) {
    if (!is_space(sql[p]) && sql[p] != ';') {
      h.statement_follows = true;
      break;
    }
  }
  return h;
}

RouteTarget RouteHint::applied_to(const RouteTarget& base) const {
  RouteTarget t = base;
  if (group) {
    t.group = *group;
    t.tables.clear();
  }
  if (tables) {
    t.tables = RouteTarget::parse_tables(*tables, "42000");
    t.group.clear();
  }
  if (key) t.key = *key;
  if (global_scope) t.global_scope = *global_scope;
  if (read_only) t.read_only = *read_only;
  if (std::string p = t.problem(); !p.empty()) throw OdbcError("HY000", "Fabric routing: " + p + " (hint " + text + ")");
  return t;
}

}  // namespace fabodbc::routing
