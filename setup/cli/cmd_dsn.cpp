// fabodbc dsn add|edit|remove|list|show
#include <odbcinst.h>

#include <strings.h>

#include <cstring>
#include <iostream>

#include "driver/options/keywords.h"
#include "setup/cli/cli.h"
#include "setup/cli/json.h"
#include "setup/cli/table.h"

namespace fabodbc::cli {
namespace {

using setup::Scope;
using setup::SetupError;

[[noreturn]] void config_error(const SetupError& e) { throw CliError(kConfig, e.what()); }

// KEY=VALUE words -> validated attributes (exit 2 for a word without '=', 3 for bad keywords).
std::vector<setup::Attribute> attributes_from(const std::vector<std::string>& words, size_t first) {
  std::vector<std::pair<std::string, std::string>> raw;
  for (size_t i = first; i < words.size(); ++i) {
    const size_t eq = words[i].find('=');
    if (eq == std::string::npos || eq == 0)
      throw CliError(kUsage, "expected KEY=VALUE, got '" + words[i].substr(0, 64) + "'");
    raw.emplace_back(words[i].substr(0, eq), words[i].substr(eq + 1));
  }
  std::vector<setup::Attribute> attrs;
  try {
    attrs = setup::validate_attributes(raw);
  } catch (const SetupError& e) {
    config_error(e);
  }
  for (const auto& a : attrs)
    if (a.key == "DSN") throw CliError(kUsage, "give the data source name as NAME, not as DSN=");
  return attrs;
}

bool exists_in(Scope s, const std::string& name) {
  setup::ConfigModeGuard mode(s);
  return setup::dsn_exists(name);
}

// The scope holding `name`: --user/--system if given, else user first, then system.
Scope locate(const Context& ctx, const std::string& name) {
  if (ctx.scope) {
    if (!exists_in(*ctx.scope, name))
      throw CliError(kConfig, std::string("data source '") + name + "' not found in the " +
                                  setup::to_string(*ctx.scope) + " odbc.ini");
    return *ctx.scope;
  }
  for (Scope s : {Scope::User, Scope::System})
    if (exists_in(s, name)) return s;
  throw CliError(kConfig, "data source '" + name + "' not found in the user or system odbc.ini");
}

const std::string& name_arg(const Context& ctx, const std::string& sub) {
  if (ctx.args.words.size() < 3) throw CliError(kUsage, "dsn " + sub + " needs a data source NAME");
  const std::string& name = ctx.args.words[2];
  try {
    setup::check_dsn_name(name);
  } catch (const SetupError& e) {
    config_error(e);
  }
  return name;
}

bool driver_registered(const std::string& driver) {
  std::vector<char> buf(64 * 1024);
  WORD out = 0;
  if (!SQLGetInstalledDrivers(buf.data(), static_cast<WORD>(buf.size() - 1), &out)) return false;
  for (const char* p = buf.data(); *p; p += std::strlen(p) + 1)
    if (strcasecmp(p, driver.c_str()) == 0) return true;
  return false;
}

void done(const Context& ctx, const std::string& action, const std::string& name, Scope scope,
          const std::vector<std::string>& warnings, const std::string& text) {
  if (ctx.json) {
    Json w = Json::array();
    for (const auto& s : warnings) w.push(s);
    std::cout << Json::object()
                     .set("ok", true)
                     .set("action", action)
                     .set("name", name)
                     .set("scope", setup::to_string(scope))
                     .set("warnings", std::move(w))
                     .dump()
              << std::endl;
    return;
  }
  for (const auto& s : warnings) std::cerr << "fabodbc: warning: " << s << "\n";
  std::cout << text << "\n";
}

int dsn_add(Context& ctx) {
  ctx.args.allow_only({"--driver"}, "dsn add");
  const std::string name = name_arg(ctx, "add");
  const auto attrs = attributes_from(ctx.args.words, 3);
  const Scope scope = ctx.scope.value_or(Scope::User);
  std::string driver = ctx.args.option("--driver").value_or(setup::kDriverName);
  for (const auto& a : attrs)
    if (a.key == "DRIVER" && !a.value.empty()) {
      if (ctx.args.option("--driver")) throw CliError(kUsage, "give the driver either as --driver or as DRIVER=, not both");
      driver = a.value;
    }
  std::vector<std::string> warnings;
  if (!driver_registered(driver))
    warnings.push_back("driver '" + driver + "' is not registered in odbcinst.ini; connections will fail until it is");
  setup::ConfigModeGuard mode(scope);
  if (setup::dsn_exists(name))
    throw CliError(kConfig, "data source '" + name + "' already exists in the " + setup::to_string(scope) +
                                " odbc.ini (use 'fabodbc dsn edit')");
  try {
    setup::add_dsn(name, driver, attrs);
  } catch (const SetupError& e) {
    config_error(e);
  }
  done(ctx, "add", name, scope, warnings,
       "Added data source '" + name + "' (driver " + driver + ") to the " + setup::to_string(scope) + " odbc.ini");
  return kOk;
}

int dsn_edit(Context& ctx) {
  ctx.args.allow_only({}, "dsn edit");
  const std::string name = name_arg(ctx, "edit");
  if (ctx.args.words.size() < 4) throw CliError(kUsage, "dsn edit needs at least one KEY=VALUE");
  const auto attrs = attributes_from(ctx.args.words, 3);
  const Scope scope = locate(ctx, name);
  setup::ConfigModeGuard mode(scope);
  try {
    setup::configure_dsn(name, attrs);
  } catch (const SetupError& e) {
    config_error(e);
  }
  done(ctx, "edit", name, scope, {},
       "Updated data source '" + name + "' in the " + std::string(setup::to_string(scope)) + " odbc.ini");
  return kOk;
}

int dsn_remove(Context& ctx) {
  ctx.args.allow_only({}, "dsn remove");
  const std::string name = name_arg(ctx, "remove");
  if (ctx.args.words.size() > 3) throw CliError(kUsage, "dsn remove takes only a NAME");
  const Scope scope = locate(ctx, name);
  setup::ConfigModeGuard mode(scope);
  try {
    setup::remove_dsn(name);
  } catch (const SetupError& e) {
    config_error(e);
  }
  done(ctx, "remove", name, scope, {},
       "Removed data source '" + name + "' from the " + std::string(setup::to_string(scope)) + " odbc.ini");
  return kOk;
}

std::string entry(const std::vector<std::pair<std::string, std::string>>& section, const char* key) {
  for (const auto& [k, v] : section)
    if (strcasecmp(k.c_str(), key) == 0) return v;
  return {};
}

bool uses_fabodbc(const std::string& driver) {
  if (strcasecmp(driver.c_str(), setup::kDriverName) == 0) return true;
  const size_t slash = driver.rfind('/');
  return driver.substr(slash == std::string::npos ? 0 : slash + 1) == "libfabodbc.so";
}

int dsn_list(Context& ctx) {
  ctx.args.allow_only({"--all"}, "dsn list");
  if (ctx.args.words.size() > 2) throw CliError(kUsage, "dsn list takes no arguments");
  const bool all = ctx.args.flag("--all");
  TextTable table({"NAME", "SCOPE", "DRIVER", "DESCRIPTION"});
  Json list = Json::array();
  std::vector<Scope> scopes;
  if (ctx.scope) scopes = {*ctx.scope};
  else scopes = {Scope::User, Scope::System};
  for (Scope s : scopes) {
    setup::ConfigModeGuard mode(s);
    for (const std::string& name : setup::list_sections()) {
      const auto section = setup::read_section(name);
      const std::string driver = entry(section, "Driver");
      if (!all && !uses_fabodbc(driver)) continue;
      const std::string description = entry(section, "Description");
      table.add({name, setup::to_string(s), driver, description});
      list.push(Json::object()
                    .set("name", name)
                    .set("scope", setup::to_string(s))
                    .set("driver", driver)
                    .set("description", description));
    }
  }
  if (ctx.json) std::cout << Json::object().set("ok", true).set("dsns", std::move(list)).dump() << std::endl;
  else if (table.empty()) std::cout << (all ? "No data sources.\n" : "No fabodbc data sources (--all lists every driver's).\n");
  else std::cout << table.render();
  return kOk;
}

int dsn_show(Context& ctx) {
  ctx.args.allow_only({}, "dsn show");
  const std::string name = name_arg(ctx, "show");
  if (ctx.args.words.size() > 3) throw CliError(kUsage, "dsn show takes only a NAME");
  const Scope scope = locate(ctx, name);
  std::vector<std::pair<std::string, std::string>> section;
  {
    setup::ConfigModeGuard mode(scope);
    section = setup::read_section(name);
  }
  Json attrs = Json::object();
  Json unknown = Json::array();
  TextTable table({"KEYWORD", "VALUE", "NOTE"});
  for (const auto& [key, value] : section) {
    const KeywordDef* k = find_keyword(key);
    const std::string shown = setup::masked(key, value);
    std::string note;
    if (!k && strcasecmp(key.c_str(), "Driver") != 0) note = "unknown keyword (ignored by the driver)";
    else if (k && k->name != key && strcasecmp(key.c_str(), "Driver") != 0) note = "= " + std::string(k->name);
    if (!k && strcasecmp(key.c_str(), "Driver") != 0) unknown.push(key);
    attrs.set(key, shown);
    table.add({key, shown, note});
  }
  if (ctx.json) {
    std::cout << Json::object()
                     .set("ok", true)
                     .set("name", name)
                     .set("scope", setup::to_string(scope))
                     .set("driver", entry(section, "Driver"))
                     .set("attributes", std::move(attrs))
                     .set("unknown_keywords", std::move(unknown))
                     .dump()
              << std::endl;
  } else {
    std::cout << "[" << name << "] in the " << setup::to_string(scope) << " odbc.ini\n" << table.render();
  }
  return kOk;
}

}  // namespace

int cmd_dsn(Context& ctx) {
  const auto& w = ctx.args.words;
  if (w.size() < 2) throw CliError(kUsage, "dsn needs a subcommand: add, edit, remove, list or show");
  const std::string& sub = w[1];
  if (sub == "add") return dsn_add(ctx);
  if (sub == "edit") return dsn_edit(ctx);
  if (sub == "remove") return dsn_remove(ctx);
  if (sub == "list") return dsn_list(ctx);
  if (sub == "show") return dsn_show(ctx);
  throw CliError(kUsage, "unknown dsn subcommand '" + sub + "' (add, edit, remove, list, show)");
}

}  // namespace fabodbc::cli
