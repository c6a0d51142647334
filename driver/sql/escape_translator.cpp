#include "driver/sql/escape_translator.h"

#include <cctype>
#include <cstring>

#include "driver/error.h"
#include "driver/sql/literal_escapes.h"
#include "driver/sql/scalar_functions.h"
#include "driver/sql/sql_lexer.h"

namespace fabodbc {

using sql::LexRules;

namespace {

// Deeper nesting is certainly not an application's SQL; the limit keeps recursion bounded.
constexpr int kMaxDepth = 64;

// ODBC's long form of an escape: "--(*vendor(Microsoft),product(ODBC) fn PI() *)--" is "{fn PI()}".
// MySQL reads "--(" as two minus signs, not as a comment, so it is found as text.
constexpr std::string_view kLongOpen = "--(*vendor(microsoft),product(odbc)";
constexpr std::string_view kLongClose = "*)--";

bool starts_with_ci(std::string_view text, size_t pos, std::string_view prefix) {
  if (text.size() - pos < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[pos + i])) != prefix[i]) return false;
  return true;
}

// Where an escape began and which form it has, so its end can be recognised.
struct Escape {
  size_t offset;
  bool long_form;
};

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

bool iequals(std::string_view a, const char* b) {
  if (a.size() != std::strlen(b)) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  return true;
}

[[noreturn]] void syntax_at(const std::string& what, size_t offset) {
  throw OdbcError("42000", what + " at offset " + std::to_string(offset));
}

// Whether `left` right before `right` lexes differently from the two with a blank between:
// one identifier or number ("SELECT{fn NOW()}" must not become "SELECTNOW()"), a prefix glued
// to a string (N'..', X'..', _utf8'..'), a comment opened by two halves ("/" "*"), or two
// quoted pieces read as one with a doubled quote inside ('a' 'b' -> 'a''b').
bool would_glue(char left, char right) {
  if (sql::is_identifier_char(left)) return sql::is_identifier_char(right) || right == '\'';
  if (left == '/') return right == '*';
  if (left == '\'' || left == '"' || left == '`') return right == left;
  return false;
}

// Makes `out` ready to be followed by `next`, where an escape began or ended, so that the
// join forms no token that neither side had (would_glue: a blank goes between). Dashes need
// more: "--" followed by a blank or a control character opens a comment that would hide the
// rest of the line (parameter markers included), so dashes at the end of `out` that would
// meet another dash, or a blank after two of them, become separate minus signs ("- -"),
// which is what they were ("{oj 1 --} 2" is 1 - - 2, never "1 -- 2").
void separate(std::string& out, char next) {
  if (out.empty()) return;
  size_t dashes = 0;
  while (dashes < out.size() && out[out.size() - 1 - dashes] == '-') ++dashes;
  const bool opens_comment =
      next == '-' || (dashes >= 2 && (is_space(next) || std::iscntrl(static_cast<unsigned char>(next))));
  if (dashes > 0 && opens_comment) {
    std::string minus_signs;
    for (size_t i = 0; i < dashes; ++i) minus_signs += i ? " -" : "-";
    out.replace(out.size() - dashes, dashes, minus_signs);
    if (next == '-') out.push_back(' ');
    return;
  }
  if (would_glue(out.back(), next)) out.push_back(' ');
}

// Appends the translation of an escape (see separate()).
void append_separated(std::string& out, std::string_view piece) {
  if (!piece.empty()) separate(out, piece.front());
  out.append(piece);
}

class Translator {
 public:
  Translator(std::string_view sql, const EscapeOptions& options)
      : sql_(sql), rules_{options.backslash_escapes, options.ansi_quotes} {}

  TranslatedSql run() {
    size_t pos = 0;
    TranslatedSql result;
    result.sql = translate_text(pos, 0, nullptr);
    result.call = std::move(call_);
    return result;
  }

 private:
  // Length of the text closing `esc` at pos ('}' or "*)--"), 0 when it is not there.
  size_t closer_at(size_t pos, const Escape& esc) const {
    if (esc.long_form) return starts_with_ci(sql_, pos, kLongClose) ? kLongClose.size() : 0;
    return pos < sql_.size() && sql_[pos] == '}' ? 1 : 0;
  }

  // Copies and translates from pos. Inside an escape (esc != nullptr) stops where it closes and
  // leaves pos there; at the top level runs to the end.
  std::string translate_text(size_t& pos, int depth, const Escape* esc) {
    std::string out;
    const size_t n = sql_.size();
    while (pos < n) {
      const char c = sql_[pos];
      if (esc && esc->long_form && closer_at(pos, *esc)) return out;
      const bool long_open = c == '-' && starts_with_ci(sql_, pos, kLongOpen);
      if (long_open || c == '{') {
        append_separated(out, translate_escape(pos, depth + 1, long_open));
        // Nor may the text right after the escape glue onto its last token.
        if (pos < n) separate(out, sql_[pos]);
        continue;
      }
      size_t after = sql::skip_quoted_or_comment(sql_, pos, rules_);
      if (after != pos) {
        out.append(sql_.substr(pos, after - pos));
        pos = after;
        continue;
      }
      if (c == '}') {
        if (!esc || esc->long_form) syntax_at("'}' without a matching '{'", pos);
        return out;
      }
      out.push_back(c);
      ++pos;
    }
    if (esc) syntax_at(esc->long_form ? "escape sequence is not closed: '--(*'" : "escape sequence is not closed: '{'",
                       esc->offset);
    return out;
  }

  // pos is on '{' (or the long form's opening). Returns the replacement and leaves pos past the
  // escape's end.
  std::string translate_escape(size_t& pos, int depth, bool long_form) {
    const size_t open = pos;
    const Escape esc{open, long_form};
    if (depth > kMaxDepth) syntax_at("escape sequences nested too deeply", open);
    size_t i = skip_blanks(open + (long_form ? kLongOpen.size() : 1));
    bool return_value = false;
    if (i < sql_.size() && sql_[i] == '?') {  // {?= call ...}
      i = skip_blanks(i + 1);
      if (i >= sql_.size() || sql_[i] != '=') syntax_at("expected '=' after '{?'", i);
      i = skip_blanks(i + 1);
      return_value = true;
    }
    size_t word_end = i;
    while (word_end < sql_.size() && std::isalpha(static_cast<unsigned char>(sql_[word_end]))) ++word_end;
    const std::string_view keyword = sql_.substr(i, word_end - i);
    if (keyword.empty()) syntax_at("expected an escape keyword (d, t, ts, fn, oj, call, escape, interval) after '{'", open);
    if (return_value && !iequals(keyword, "call")) syntax_at("expected 'call' after '{?='", i);
    if (word_end < sql_.size() && sql::is_identifier_char(sql_[word_end]))
      syntax_at("unknown escape keyword '" + std::string(keyword) + std::string(1, sql_[word_end]) + "...'", i);
    pos = word_end;

    if (iequals(keyword, "d")) return sql::date_literal(literal_body(pos, esc));
    if (iequals(keyword, "t")) return sql::time_literal(literal_body(pos, esc));
    if (iequals(keyword, "ts")) return sql::timestamp_literal(literal_body(pos, esc));
    if (iequals(keyword, "escape")) return sql::like_escape_clause(literal_body(pos, esc), rules_.backslash_escapes);
    if (iequals(keyword, "interval")) return interval(pos, esc);
    if (iequals(keyword, "fn")) {
      std::string body = nested_body(pos, depth, esc);
      return sql::translate_scalar_function(body, rules_);
    }
    if (iequals(keyword, "oj")) return std::string(sql::trim_sql(nested_body(pos, depth, esc), rules_));
    if (iequals(keyword, "call")) return procedure_call(pos, depth, esc, return_value);
    syntax_at("unknown escape keyword '" + std::string(keyword) + "'", i);
  }

  size_t skip_blanks(size_t i) const {
    while (i < sql_.size() && is_space(sql_[i])) ++i;
    return i;
  }

  // Text up to the escape's end, nested escapes translated; pos ends past the end.
  std::string nested_body(size_t& pos, int depth, const Escape& esc) {
    std::string body = translate_text(pos, depth, &esc);
    pos += closer_at(pos, esc);
    return body;
  }

  // The one quoted literal of {d}, {t}, {ts} and {escape}, read the ODBC way: '' is a quote and
  // a backslash is an ordinary character ({escape '\'} is the common case), then the '}'.
  std::string literal_body(size_t& pos, const Escape& esc) {
    std::string value = quoted_literal(pos, esc.offset);
    pos = skip_blanks(pos);
    size_t close = closer_at(pos, esc);
    if (!close) syntax_at("expected the end of the escape after its literal", esc.offset);
    pos += close;
    return value;
  }

  std::string quoted_literal(size_t& pos, size_t open) {
    size_t i = skip_blanks(pos);
    if (i >= sql_.size() || sql_[i] != '\'') syntax_at("expected a quoted literal in the escape", open);
    std::string value;
    for (++i; i < sql_.size(); ++i) {
      if (sql_[i] == '\'') {
        if (i + 1 < sql_.size() && sql_[i + 1] == '\'') {
          value.push_back('\'');
          ++i;
          continue;
        }
        pos = i + 1;
        return value;
      }
      value.push_back(sql_[i]);
    }
    syntax_at("string literal in the escape is not closed", open);
  }

  // {interval [+|-] 'value' qualifier}
  std::string interval(size_t& pos, const Escape& esc) {
    const size_t open = esc.offset;
    size_t i = skip_blanks(pos);
    bool negative = false;
    if (i < sql_.size() && (sql_[i] == '-' || sql_[i] == '+')) {
      negative = sql_[i] == '-';
      ++i;
    }
    pos = i;
    std::string value = quoted_literal(pos, open);
    size_t close = pos;
    while (close < sql_.size() && !closer_at(close, esc)) ++close;
    if (close == sql_.size()) syntax_at("escape sequence is not closed", open);
    std::string_view qualifier = sql::trim(sql_.substr(pos, close - pos));
    pos = close + closer_at(close, esc);
    return sql::interval_literal(negative, value, qualifier);
  }

  // {call name[(args)]} as the whole statement (blanks, comments and a ';' may surround it).
  std::string procedure_call(size_t& pos, int depth, const Escape& esc, bool return_value) {
    const size_t open = esc.offset;
    if (depth != 1 || !only_blanks_or_comments(0, open))
      syntax_at("a procedure call escape must be the whole statement", open);
    std::string body = nested_body(pos, depth, esc);
    // After the call: blanks, comments and a final ';' only.
    for (size_t rest = pos; rest < sql_.size();) {
      const char c = sql_[rest];
      if (is_space(c) || c == ';') {
        ++rest;
        continue;
      }
      size_t after = c == '\'' || c == '"' || c == '`' ? rest : sql::skip_quoted_or_comment(sql_, rest, rules_);
      if (after == rest) syntax_at("text after a procedure call escape", rest);
      rest = after;
    }
    std::string_view text = sql::trim_sql(body, rules_);
    ProcedureCall call;
    call.has_return_value = return_value;
    size_t paren = 0;
    while (paren < text.size() && text[paren] != '(') {
      size_t after = sql::skip_quoted_or_comment(text, paren, rules_);
      paren = after != paren ? after : paren + 1;
    }
    call.procedure = std::string(sql::trim_sql(text.substr(0, paren), rules_));
    if (call.procedure.empty()) syntax_at("procedure call escape without a procedure name", open);
    if (paren < text.size()) {
      size_t close = sql::matching_paren(text, paren, rules_, open);
      if (!sql::trim(text.substr(close + 1)).empty()) syntax_at("text after the procedure's argument list", open);
      call.has_parentheses = true;
      call.arguments = std::string(sql::trim_sql(text.substr(paren + 1, close - paren - 1), rules_));
    }
    std::string out = "CALL " + call.procedure;
    if (call.has_parentheses) out += "(" + call.arguments + ")";
    call_ = std::move(call);
    return out;
  }

  bool only_blanks_or_comments(size_t from, size_t to) const {
    size_t i = from;
    while (i < to) {
      if (is_space(sql_[i])) {
        ++i;
        continue;
      }
      char c = sql_[i];
      if (c == '\'' || c == '"' || c == '`') return false;
      size_t after = sql::skip_quoted_or_comment(sql_, i, rules_);
      if (after == i) return false;
      i = after;
    }
    return true;
  }

  std::string_view sql_;
  LexRules rules_;
  std::optional<ProcedureCall> call_;
};

}  // namespace

std::string ProcedureCall::function_sql() const { return "SELECT " + procedure + "(" + arguments + ")"; }

std::optional<TranslatedSql> translate_statement_escapes(std::string_view sql, const EscapeOptions& options) {
  if (sql.find('{') == std::string_view::npos && sql.find("--(*") == std::string_view::npos) return std::nullopt;
  return Translator(sql, options).run();
}

std::string translate_escapes(std::string_view sql, const EscapeOptions& options) {
  std::optional<TranslatedSql> t = translate_statement_escapes(sql, options);
  return t ? std::move(t->sql) : std::string(sql);
}

}  // namespace fabodbc
