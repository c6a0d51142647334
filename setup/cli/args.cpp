#include <cstring>

#include "setup/cli/cli.h"

namespace fabodbc::cli {
namespace {

const std::set<std::string> kValueOptions = {"--dir", "--group", "--tables", "--key",  "--mode",
                                             "--scope", "--driver", "--timeout"};

}  // namespace

const char* exit_kind(int code) {
  switch (code) {
    case kOk: return "ok";
    case kUsage: return "usage";
    case kConfig: return "configuration";
    case kConnection: return "connection";
    case kRouting: return "routing";
    default: return "internal";
  }
}

std::optional<std::string> Args::option(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

void Args::allow_only(const std::set<std::string>& allowed, const std::string& command) const {
  for (const std::string& f : flags)
    if (!allowed.count(f)) throw CliError(kUsage, "option " + f + " is not valid for '" + command + "'");
  for (const auto& [o, v] : options)
    if (!allowed.count(o)) throw CliError(kUsage, "option " + o + " is not valid for '" + command + "'");
}

Args parse_args(int argc, char** argv) {
  Args a;
  bool only_words = false;
  for (int i = 1; i < argc; ++i) {
    std::string w = argv[i];
    if (only_words || w.size() < 2 || w[0] != '-') {
      a.words.push_back(std::move(w));
      continue;
    }
    if (w == "--") {
      only_words = true;
      continue;
    }
    if (w == "-h") w = "--help";
    if (w.rfind("--", 0) != 0) throw CliError(kUsage, "unknown option '" + w + "'");
    const size_t eq = w.find('=');
    const std::string name = w.substr(0, eq);
    if (kValueOptions.count(name)) {
      std::string value;
      if (eq != std::string::npos) {
        value = w.substr(eq + 1);
      } else {
        if (i + 1 >= argc) throw CliError(kUsage, "option " + name + " needs a value");
        value = argv[++i];
      }
      if (a.options.count(name)) throw CliError(kUsage, "option " + name + " given twice");
      a.options[name] = value;
    } else {
      if (eq != std::string::npos) throw CliError(kUsage, "option " + name + " takes no value");
      static const std::set<std::string> kFlags = {"--json", "--user", "--system", "--all", "--help", "--version"};
      if (!kFlags.count(name)) throw CliError(kUsage, "unknown option '" + name + "'");
      a.flags.insert(name);
    }
  }
  return a;
}

}  // namespace fabodbc::cli
