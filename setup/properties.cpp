// ODBCINSTGetProperties: the property list DSN editors (ODBCConfig, `odbcinst` GUIs) show for
// a fabodbc DSN, one property per keyword of the driver's keyword table.
//
// unixODBC's ODBCINSTConstructProperties creates Name, Description and Driver itself and then
// passes its last property here; we append ours. It unloads this library right after the call
// and later frees every aPromptData array and pszHelp with free(): so everything we hand over
// is malloc'ed, and each choice array is ONE block holding the pointers and the strings, so
// that free(aPromptData) releases all of it and no pointer refers into this library.
#include "driver/options/keywords.h"

#include <odbcinstext.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

using fabodbc::KeywordDef;
using fabodbc::KeywordType;

// Keywords unixODBC manages itself (Name = DSN, Description, Driver).
bool managed_by_unixodbc(std::string_view name) {
  return name == "DSN" || name == "DRIVER" || name == "DESCRIPTION";
}

std::vector<std::string> split_choices(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    const size_t p = list.find('|');
    out.emplace_back(list.substr(0, p));
    if (p == std::string_view::npos) break;
    list.remove_prefix(p + 1);
  }
  return out;
}

// One malloc block: (n + 1) pointers followed by the NUL-terminated strings they point to.
char** prompt_array(const std::vector<std::string>& items) {
  size_t bytes = (items.size() + 1) * sizeof(char*);
  for (const std::string& s : items) bytes += s.size() + 1;
  char** array = static_cast<char**>(std::malloc(bytes));
  if (!array) return nullptr;
  char* text = reinterpret_cast<char*>(array + items.size() + 1);
  for (size_t i = 0; i < items.size(); ++i) {
    std::memcpy(text, items[i].c_str(), items[i].size() + 1);
    array[i] = text;
    text += items[i].size() + 1;
  }
  array[items.size()] = nullptr;
  return array;
}

char* help_text(const KeywordDef& k) {
  std::string help(k.help);
  if (!k.aliases.empty()) help += " Also accepted as: " + std::string(k.aliases) + ".";
  if (!k.default_value.empty()) help += " Default: " + std::string(k.default_value) + ".";
  return strdup(help.c_str());
}

void copy_field(char* dst, std::string_view src, size_t capacity) {
  const size_t n = src.size() < capacity ? src.size() : capacity;
  std::memcpy(dst, src.data(), n);
  dst[n] = '\0';
}

HODBCINSTPROPERTY make_property(const KeywordDef& k, HODBCINSTPROPERTY template_property) {
  auto* p = static_cast<HODBCINSTPROPERTY>(std::calloc(1, sizeof(ODBCINSTPROPERTY)));
  if (!p) return nullptr;
  copy_field(p->szName, k.name, INI_MAX_PROPERTY_NAME);
  copy_field(p->szValue, k.default_value, INI_MAX_PROPERTY_VALUE);
  p->hDLL = template_property ? template_property->hDLL : nullptr;
  switch (k.type) {
    case KeywordType::Password:
      p->nPromptType = ODBCINST_PROMPTTYPE_TEXTEDIT_PASSWORD;
      break;
    case KeywordType::Path:
      p->nPromptType = ODBCINST_PROMPTTYPE_FILENAME;
      break;
    case KeywordType::Choice:
      p->nPromptType = ODBCINST_PROMPTTYPE_LISTBOX;
      p->aPromptData = prompt_array(split_choices(k.choices));
      break;
    case KeywordType::Boolean:
      p->nPromptType = ODBCINST_PROMPTTYPE_LISTBOX;
      p->aPromptData = prompt_array({"0", "1"});
      break;
    case KeywordType::Integer:
    case KeywordType::String:
      p->nPromptType = ODBCINST_PROMPTTYPE_TEXTEDIT;
      break;
  }
  p->pszHelp = help_text(k);
  return p;
}

}  // namespace

extern "C" int INSTAPI ODBCINSTGetProperties(HODBCINSTPROPERTY hLastProperty) {
  if (!hLastProperty) return ODBCINST_ERROR;
  while (hLastProperty->pNext) hLastProperty = hLastProperty->pNext;  // append after the last one
  const KeywordDef* table = fabodbc::keyword_table();
  for (size_t i = 0; i < fabodbc::keyword_count(); ++i) {
    if (managed_by_unixodbc(table[i].name)) continue;
    HODBCINSTPROPERTY p = make_property(table[i], hLastProperty);
    if (!p) return ODBCINST_ERROR;
    hLastProperty->pNext = p;
    hLastProperty = p;
  }
  return ODBCINST_SUCCESS;
}
