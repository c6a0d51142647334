#include "driver/sql/current_of.h"

#include <strings.h>

#include <vector>

namespace fabodbc::sql {

namespace {

struct Token {
  size_t begin, end;
  bool word;      // an unquoted identifier or keyword
  bool quoted;    // a `quoted identifier`
};

bool is_keyword(std::string_view sql, const Token& t, const char* keyword) {
  const size_t n = std::char_traits<char>::length(keyword);
  return t.word && t.end - t.begin == n && strncasecmp(sql.data() + t.begin, keyword, n) == 0;
}

// The tokens that matter for the clause: words, `quoted` names and single punctuation
// characters; spaces and comments dropped, strings kept as one token.
std::vector<Token> tokens(std::string_view sql, const LexRules& rules) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
      ++i;
      continue;
    }
    const size_t skipped = skip_quoted_or_comment(sql, i, rules);
    if (skipped != i) {
      const bool comment = c != '\'' && c != '"' && c != '`';
      if (!comment) out.push_back({i, skipped, false, c == '`'});
      i = skipped;
      continue;
    }
    if (is_identifier_char(c)) {
      size_t j = i;
      while (j < sql.size() && is_identifier_char(sql[j])) ++j;
      out.push_back({i, j, true, false});
      i = j;
      continue;
    }
    out.push_back({i, i + 1, false, false});
    ++i;
  }
  return out;
}

}  // namespace

std::optional<CurrentOf> find_current_of(std::string_view sql, const LexRules& rules) {
  std::vector<Token> t;
  try {
    t = tokens(sql, rules);
  } catch (...) {
    return std::nullopt;  // an unclosed quote: the server reports it
  }
  while (!t.empty() && !t.back().word && !t.back().quoted && sql[t.back().begin] == ';') t.pop_back();
  if (t.size() < 5) return std::nullopt;
  if (!is_keyword(sql, t[0], "UPDATE") && !is_keyword(sql, t[0], "DELETE")) return std::nullopt;
  const size_t n = t.size();
  const Token& name = t[n - 1];
  if (!(name.word || name.quoted) || !is_keyword(sql, t[n - 2], "OF") || !is_keyword(sql, t[n - 3], "CURRENT") ||
      !is_keyword(sql, t[n - 4], "WHERE")) {
    return std::nullopt;
  }
  CurrentOf found;
  found.where = t[n - 4].begin;
  if (name.quoted) {
    // `a``b` is the name a`b.
    for (size_t i = name.begin + 1; i + 1 < name.end; ++i) {
      found.cursor += sql[i];
      if (sql[i] == '`') ++i;
    }
  } else {
    found.cursor.assign(sql.substr(name.begin, name.end - name.begin));
  }
  return found;
}

}  // namespace fabodbc::sql
