#include "driver/sql/insert_target.h"

#include <cctype>

namespace fabodbc::sql {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// A cursor over the statement that skips spaces and comments between tokens.
class Scanner {
 public:
  Scanner(std::string_view sql, const LexRules& rules) : sql_(sql), rules_(rules) {}

  size_t pos() const { return pos_; }
  void skip_blanks() {
    for (;;) {
      while (pos_ < sql_.size() && std::isspace(static_cast<unsigned char>(sql_[pos_]))) ++pos_;
      if (pos_ >= sql_.size()) return;
      const char c = sql_[pos_];
      const bool comment = c == '#' || (c == '/' && pos_ + 1 < sql_.size() && sql_[pos_ + 1] == '*') ||
                           (c == '-' && sql_.substr(pos_, 3) == "-- ");
      if (!comment) return;
      pos_ = skip_quoted_or_comment(sql_, pos_, rules_);
    }
  }
  bool at(char c) {
    skip_blanks();
    return pos_ < sql_.size() && sql_[pos_] == c;
  }
  bool take(char c) {
    if (!at(c)) return false;
    ++pos_;
    return true;
  }
  // A bare word (letters, digits, _ and $), or empty.
  std::string_view word() {
    skip_blanks();
    const size_t start = pos_;
    while (pos_ < sql_.size() && is_identifier_char(sql_[pos_])) ++pos_;
    return sql_.substr(start, pos_ - start);
  }
  bool take_word(std::string_view keyword) {
    const size_t saved = pos_;
    if (iequals(word(), keyword)) return true;
    pos_ = saved;
    return false;
  }
  // An identifier, bare or in backticks, returned in backticks; empty when there is none.
  std::string identifier() {
    skip_blanks();
    if (pos_ < sql_.size() && sql_[pos_] == '`') {
      const size_t end = skip_quoted_or_comment(sql_, pos_, rules_);
      std::string quoted(sql_.substr(pos_, end - pos_));
      pos_ = end;
      return quoted;
    }
    const std::string_view w = word();
    return w.empty() ? std::string() : "`" + std::string(w) + "`";
  }
  // The text of the parenthesised group starting here (without the parentheses).
  std::optional<std::string_view> group() {
    if (!at('(')) return std::nullopt;
    const size_t close = matching_paren(sql_, pos_, rules_);
    std::string_view inside = sql_.substr(pos_ + 1, close - pos_ - 1);
    pos_ = close + 1;
    return inside;
  }
  std::string_view rest() const { return sql_.substr(pos_); }

 private:
  std::string_view sql_;
  const LexRules& rules_;
  size_t pos_ = 0;
};

// `a`, `a`.`b` written in one argument of the column list: the column's own name, in backticks.
std::optional<std::string> single_column(std::string_view text, const LexRules& rules) {
  Scanner s(text, rules);
  std::string name = s.identifier();
  while (!name.empty() && s.take('.')) name = s.identifier();
  s.skip_blanks();
  if (name.empty() || !s.rest().empty()) return std::nullopt;
  return name;
}

// The whole value is one marker (comments around it allowed).
bool lone_marker(std::string_view value, const LexRules& rules) {
  Scanner s(value, rules);
  if (!s.take('?')) return false;
  s.skip_blanks();
  return s.rest().empty();
}

}  // namespace

std::optional<InsertTarget> parse_insert_target(std::string_view sql, const LexRules& rules) {
  try {
    Scanner s(sql, rules);
    if (!s.take_word("INSERT") && !s.take_word("REPLACE")) return std::nullopt;
    while (s.take_word("LOW_PRIORITY") || s.take_word("DELAYED") || s.take_word("HIGH_PRIORITY") ||
           s.take_word("IGNORE")) {
    }
    s.take_word("INTO");
    InsertTarget target;
    target.table = s.identifier();
    if (target.table.empty()) return std::nullopt;
    if (s.take('.')) {
      const std::string name = s.identifier();
      if (name.empty()) return std::nullopt;
      target.table += "." + name;
    }
    if (auto list = s.group()) {
      for (std::string_view column : split_arguments(*list, rules)) {
        auto name = single_column(column, rules);
        if (!name) return std::nullopt;
        target.columns.push_back(*name);
      }
    }
    if (!s.take_word("VALUES") && !s.take_word("VALUE")) return std::nullopt;
    do {
      auto row = s.group();
      if (!row) return std::nullopt;
      const std::vector<std::string_view> values = split_arguments(*row, rules);
      for (size_t k = 0; k < values.size(); ++k) {
        if (lone_marker(values[k], rules)) {
          target.marker_columns.push_back(static_cast<int>(k));
        } else {
          target.marker_columns.insert(target.marker_columns.end(), count_markers(values[k], rules), -1);
        }
      }
    } while (s.take(','));
    target.marker_columns.insert(target.marker_columns.end(), count_markers(s.rest(), rules), -1);
    if (target.marker_columns.size() != count_markers(sql, rules)) return std::nullopt;
    return target;
  } catch (...) {
    return std::nullopt;  // unbalanced text: the server's prepare reports it, not this
  }
}

}  // namespace fabodbc::sql
