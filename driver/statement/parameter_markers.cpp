#include "driver/statement/parameter_markers.h"

#include <cctype>

namespace fabodbc {

namespace {

// Index just past a comment starting at i, or i when there is none.
size_t skip_comment(std::string_view sql, size_t i) {
  const size_t n = sql.size();
  char c = sql[i];
  if (c == '#') {
    while (i < n && sql[i] != '\n') ++i;
    return i;
  }
  if (c == '-' && i + 1 < n && sql[i + 1] == '-' &&
      (i + 2 == n || std::isspace(static_cast<unsigned char>(sql[i + 2])) ||
       std::iscntrl(static_cast<unsigned char>(sql[i + 2])))) {
    while (i < n && sql[i] != '\n') ++i;
    return i;
  }
  if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
    size_t end = sql.find("*/", i + 2);
    return end == std::string_view::npos ? n : end + 2;
  }
  return i;
}

// Calls on_char(i) for each character of `sql` outside quoted strings, quoted identifiers
// and comments.
template <class F>
void scan_top_level(std::string_view sql, bool backslash_escapes, F&& on_char) {
  const size_t n = sql.size();
  size_t i = 0;
  while (i < n) {
    char c = sql[i];
    if (c == '\'' || c == '"' || c == '`') {
      const char quote = c;
      ++i;
      while (i < n) {
        if (sql[i] == '\\' && backslash_escapes && quote != '`') {
          i += 2;
          continue;
        }
        if (sql[i] == quote) {
          if (i + 1 < n && sql[i + 1] == quote) {  // doubled quote stays inside
            i += 2;
            continue;
          }
          break;
        }
        ++i;
      }
      ++i;  // past the closing quote (or the end)
      continue;
    }
    size_t after = skip_comment(sql, i);
    if (after != i) {
      i = after;
      continue;
    }
    on_char(i);
    ++i;
  }
}

}  // namespace

std::vector<size_t> find_parameter_markers(std::string_view sql, bool backslash_escapes) {
  std::vector<size_t> markers;
  scan_top_level(sql, backslash_escapes, [&](size_t i) {
    if (sql[i] == '?') markers.push_back(i);
  });
  return markers;
}

bool has_several_statements(std::string_view sql, bool backslash_escapes) {
  bool after_semicolon = false, more = false;
  scan_top_level(sql, backslash_escapes, [&](size_t i) {
    const char c = sql[i];
    if (c == ';') {
      after_semicolon = true;
    } else if (after_semicolon && !std::isspace(static_cast<unsigned char>(c))) {
      more = true;
    }
  });
  return more;
}

std::string substitute_parameters(std::string_view sql, const std::vector<size_t>& markers,
                                  const std::vector<std::string>& literals) {
  size_t extra = 0;
  for (const std::string& l : literals) extra += l.size();
  std::string out;
  out.reserve(sql.size() + extra);
  size_t from = 0;
  for (size_t k = 0; k < markers.size() && k < literals.size(); ++k) {
    out.append(sql.substr(from, markers[k] - from));
    out.append(literals[k]);
    from = markers[k] + 1;
  }
  out.append(sql.substr(from));
  return out;
}

std::string first_keyword(std::string_view sql) {
  size_t i = 0;
  const size_t n = sql.size();
  while (i < n) {
    if (std::isspace(static_cast<unsigned char>(sql[i])) || sql[i] == '(') {
      ++i;
      continue;
    }
    size_t after = skip_comment(sql, i);
    if (after == i) break;
    i = after;
  }
  std::string word;
  while (i < n && (std::isalpha(static_cast<unsigned char>(sql[i])) || sql[i] == '_')) {
    word.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i]))));
    ++i;
  }
  return word;
}

}  // namespace fabodbc
