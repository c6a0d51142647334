// Shared pieces of the `fabodbc` command-line tool: exit codes, the error type every command
// throws, parsed arguments, and the context a command runs in.
#pragma once

#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "setup/dsn_store.h"

namespace fabodbc::cli {

// Documented in `fabodbc --help` and docs/user-guide.md; scripts rely on them.
enum ExitCode : int {
  kOk = 0,
  kInternal = 1,    // a bug or an unexpected failure
  kUsage = 2,       // bad command line: unknown command/option, missing argument
  kConfig = 3,      // bad keyword or value, unknown DSN, DSN without Fabric settings
  kConnection = 4,  // the DSN's server could not be reached or refused the login
  kRouting = 5,     // Fabric unreachable, unknown group/table, key below every bound, ...
};
const char* exit_kind(int code);

class CliError : public std::runtime_error {
 public:
  CliError(int exit_code, const std::string& message) : std::runtime_error(message), code_(exit_code) {}
  int exit_code() const noexcept { return code_; }

 private:
  int code_;
};

// The command line after global options were taken out: words, --flags and --option values.
struct Args {
  std::vector<std::string> words;              // command, subcommand, NAME, KEY=VALUE ...
  std::set<std::string> flags;                 // "--all", "--json" ...
  std::map<std::string, std::string> options;  // "--group" -> "ha1"

  bool flag(const std::string& name) const { return flags.count(name) > 0; }
  std::optional<std::string> option(const std::string& name) const;
  // Throws a usage error naming the first flag/option not in `allowed`.
  void allow_only(const std::set<std::string>& allowed, const std::string& command) const;
};

// Options that take a value ("--group G" or "--group=G"); every other --word is a flag.
Args parse_args(int argc, char** argv);

struct Context {
  Args args;
  bool json = false;
  std::optional<setup::Scope> scope;  // --user / --system
};

// Commands: each returns an exit code or throws CliError; text goes to stdout.
int cmd_dsn(Context& ctx);
int cmd_test(Context& ctx);
int cmd_route(Context& ctx);
int cmd_topology(Context& ctx);
int cmd_cache(Context& ctx);
int cmd_keywords(Context& ctx);
int cmd_help(Context& ctx);

// Help texts (help.cpp). `topic` empty: the overview. Returns false for an unknown topic.
bool print_help(const std::string& topic, std::ostream& out = std::cout);

}  // namespace fabodbc::cli
