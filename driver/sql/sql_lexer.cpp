#include "driver/sql/sql_lexer.h"

#include <cctype>
#include <string>

#include "driver/error.h"

namespace fabodbc::sql {

namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

[[noreturn]] void unclosed(const char* what, size_t offset) {
  throw OdbcError("42000", std::string(what) + " starting at offset " + std::to_string(offset) + " is not closed");
}

// Past the closing quote of the string or identifier opened at sql[i].
size_t skip_quoted(std::string_view sql, size_t i, const LexRules& rules) {
  const char quote = sql[i];
  // Backslash escapes apply to string literals only: never inside `identifiers`, and not inside
  // "..." when ANSI_QUOTES makes it an identifier.
  const bool backslash = rules.backslash_escapes && quote != '`' && !(quote == '"' && rules.ansi_quotes);
  const size_t n = sql.size();
  for (size_t j = i + 1; j < n; ++j) {
    if (backslash && sql[j] == '\\') {
      ++j;
      continue;
    }
    if (sql[j] == quote) {
      if (j + 1 < n && sql[j + 1] == quote) {  // a doubled quote stays inside
        ++j;
        continue;
      }
      return j + 1;
    }
  }
  unclosed(quote == '`' ? "quoted identifier" : (quote == '"' && rules.ansi_quotes ? "quoted identifier" : "string literal"), i);
}

}  // namespace

bool is_identifier_char(char c) {
  // Bytes >= 0x80 are parts of UTF-8 characters, which MySQL allows in unquoted identifiers.
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

std::string_view trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

size_t skip_quoted_or_comment(std::string_view sql, size_t i, const LexRules& rules) {
  const size_t n = sql.size();
  const char c = sql[i];
  if (c == '\'' || c == '"' || c == '`') return skip_quoted(sql, i, rules);
  if (c == '#') {
    size_t end = sql.find('\n', i);
    return end == std::string_view::npos ? n : end;
  }
  // MySQL needs a blank (or control character, or the end) after "--" for a comment: "1--1" is 2.
  if (c == '-' && i + 1 < n && sql[i + 1] == '-' &&
      (i + 2 == n || is_space(sql[i + 2]) || std::iscntrl(static_cast<unsigned char>(sql[i + 2])))) {
    size_t end = sql.find('\n', i);
    return end == std::string_view::npos ? n : end;
  }
  if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
    size_t end = sql.find("*/", i + 2);
    if (end == std::string_view::npos) unclosed("comment", i);
    return end + 2;
  }
  return i;
}

size_t matching_paren(std::string_view sql, size_t open, const LexRules& rules, size_t base) {
  int depth = 0;
  size_t i = open;
  while (i < sql.size()) {
    size_t after = skip_quoted_or_comment(sql, i, rules);
    if (after != i) {
      i = after;
      continue;
    }
    if (sql[i] == '(') ++depth;
    if (sql[i] == ')' && --depth == 0) return i;
    ++i;
  }
  throw OdbcError("42000", "parenthesis opened at offset " + std::to_string(base + open) + " is not closed");
}

std::string_view trim_sql(std::string_view s, const LexRules& rules) {
  const std::string_view t = trim(s);
  // Does the last token of t run to its end as a line comment?
  size_t i = 0;
  bool line_comment_at_end = false;
  while (i < t.size()) {
    const size_t after = skip_quoted_or_comment(t, i, rules);
    if (after == i) {
      ++i;
      continue;
    }
    line_comment_at_end = after == t.size() && (t[i] == '#' || t[i] == '-');
    i = after;
  }
  if (!line_comment_at_end) return t;
  const size_t start = static_cast<size_t>(t.data() - s.data());
  const size_t newline = s.find('\n', start + t.size());  // where the lexer ends such a comment
  return newline == std::string_view::npos ? t : s.substr(start, newline + 1 - start);
}

std::vector<std::string_view> split_arguments(std::string_view args, const LexRules& rules) {
  std::vector<std::string_view> out;
  if (trim(args).empty()) return out;
  int depth = 0;
  size_t start = 0, i = 0;
  while (i < args.size()) {
    size_t after = skip_quoted_or_comment(args, i, rules);
    if (after != i) {
      i = after;
      continue;
    }
    char c = args[i];
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      out.push_back(trim_sql(args.substr(start, i - start), rules));
      start = i + 1;
    }
    ++i;
  }
  out.push_back(trim_sql(args.substr(start), rules));
  return out;
}

size_t count_markers(std::string_view sql, const LexRules& rules) {
  size_t count = 0, i = 0;
  while (i < sql.size()) {
    size_t after = skip_quoted_or_comment(sql, i, rules);
    if (after != i) {
      i = after;
      continue;
    }
    if (sql[i] == '?') ++count;
    ++i;
  }
  return count;
}

}  // namespace fabodbc::sql
