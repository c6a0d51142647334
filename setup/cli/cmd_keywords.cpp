// fabodbc keywords: the driver's keyword table, for people and scripts.
#include <iostream>

#include "driver/options/keywords.h"
#include "setup/cli/cli.h"
#include "setup/cli/json.h"
#include "setup/cli/table.h"

namespace fabodbc::cli {

const char* type_name(KeywordType t) {
  switch (t) {
    case KeywordType::String: return "string";
    case KeywordType::Integer: return "integer";
    case KeywordType::Boolean: return "boolean";
    case KeywordType::Choice: return "choice";
    case KeywordType::Password: return "password";
    case KeywordType::Path: return "path";
  }
  return "string";
}

int cmd_keywords(Context& ctx) {
  ctx.args.allow_only({}, "keywords");
  if (ctx.args.words.size() > 1) throw CliError(kUsage, "keywords takes no arguments");
  const KeywordDef* table = keyword_table();
  Json list = Json::array();
  TextTable* current = nullptr;
  std::vector<std::pair<std::string, TextTable>> groups;
  for (size_t i = 0; i < keyword_count(); ++i) {
    const KeywordDef& k = table[i];
    list.push(Json::object()
                  .set("name", std::string(k.name))
                  .set("aliases", std::string(k.aliases))
                  .set("type", type_name(k.type))
                  .set("default", std::string(k.default_value))
                  .set("choices", std::string(k.choices))
                  .set("group", std::string(k.group))
                  .set("help", std::string(k.help)));
    if (!current || groups.back().first != k.group) {
      groups.emplace_back(std::string(k.group), TextTable({"KEYWORD", "TYPE", "DEFAULT", "HELP"}));
      current = &groups.back().second;
    }
    std::string name(k.name);
    if (!k.aliases.empty()) name += " (" + std::string(k.aliases) + ")";
    std::string type = type_name(k.type);
    if (!k.choices.empty()) type += ": " + std::string(k.choices);
    current->add({name, type, std::string(k.default_value), std::string(k.help)});
  }
  if (ctx.json) {
    std::cout << Json::object().set("ok", true).set("keywords", std::move(list)).dump() << std::endl;
    return kOk;
  }
  for (size_t i = 0; i < groups.size(); ++i)
    std::cout << (i ? "\n" : "") << groups[i].first << ":\n" << groups[i].second.render();
  return kOk;
}

}  // namespace fabodbc::cli
