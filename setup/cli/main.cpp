// fabodbc: manage fabodbc DSNs, test connections and inspect MySQL Fabric routing.
// Run `fabodbc help` for the commands and exit codes.
#include <cstdio>
#include <exception>
#include <iostream>
#include <sstream>

#include "setup/cli/cli.h"
#include "setup/cli/json.h"

#ifndef FABODBC_VERSION
#define FABODBC_VERSION "unknown"
#endif

using namespace fabodbc::cli;

namespace {

int report(const Context& ctx, int code, const std::string& message) {
  if (ctx.json) {
    Json err = Json::object();
    err.set("code", code).set("kind", exit_kind(code)).set("message", message);
    std::cout << Json::object().set("ok", false).set("error", std::move(err)).dump() << std::endl;
  } else {
    std::cerr << "fabodbc: " << message << "\n";
    if (code == kUsage) std::cerr << "Run 'fabodbc help' for usage.\n";
  }
  return code;
}

int run(Context& ctx) {
  Args& a = ctx.args;
  ctx.json = a.flag("--json");
  a.flags.erase("--json");
  if (a.flag("--user") && a.flag("--system")) throw CliError(kUsage, "--user and --system exclude each other");
  if (a.flag("--user")) ctx.scope = fabodbc::setup::Scope::User;
  if (a.flag("--system")) ctx.scope = fabodbc::setup::Scope::System;
  a.flags.erase("--user");
  a.flags.erase("--system");

  if (a.flag("--version")) {
    if (ctx.json) std::cout << Json::object().set("ok", true).set("version", FABODBC_VERSION).dump() << std::endl;
    else std::cout << "fabodbc " << FABODBC_VERSION << "\n";
    return kOk;
  }
  if (a.words.empty()) {
    if (a.flag("--help")) return print_help(""), kOk;
    print_help("", std::cerr);
    throw CliError(kUsage, "no command given");
  }
  const std::string command = a.words[0];
  if (a.flag("--help") || command == "help") {
    std::string topic = command == "help" ? (a.words.size() > 1 ? a.words[1] : "") : command;
    std::ostringstream text;
    if (!print_help(topic, text)) throw CliError(kUsage, "no help for '" + topic + "'");
    if (ctx.json) std::cout << Json::object().set("ok", true).set("topic", topic).set("help", text.str()).dump() << std::endl;
    else std::cout << text.str();
    return kOk;
  }
  if (command == "dsn") return cmd_dsn(ctx);
  if (command == "test") return cmd_test(ctx);
  if (command == "route") return cmd_route(ctx);
  if (command == "topology") return cmd_topology(ctx);
  if (command == "cache") return cmd_cache(ctx);
  if (command == "keywords") return cmd_keywords(ctx);
  throw CliError(kUsage, "unknown command '" + command + "'");
}

}  // namespace

int main(int argc, char** argv) {
  Context ctx;
  try {
    ctx.args = parse_args(argc, argv);
    // --json is honoured for errors found while parsing the rest of the line.
    return run(ctx);
  } catch (const CliError& e) {
    for (int i = 1; i < argc; ++i)
      if (std::string(argv[i]) == "--json") ctx.json = true;
    return report(ctx, e.exit_code(), e.what());
  } catch (const std::exception& e) {
    return report(ctx, kInternal, std::string("internal error: ") + e.what());
  }
}
