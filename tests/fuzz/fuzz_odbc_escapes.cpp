// libFuzzer: arbitrary statement text into the ODBC escape translator (driver/sql), the
// parameter-marker scanners (driver/statement/parameter_markers.cpp, which the text protocol
// substitutes with, and the lexer's count the translator and SQLNumParams use) and the INSERT
// target parser of SQLDescribeParam. The first byte picks the sql_mode flags (bit 0: NO_BACKSLASH_ESCAPES,
// bit 1: ANSI_QUOTES), the rest is the statement. OdbcError with one of the translator's
// SQLSTATEs is an expected outcome; a crash, another exception or a broken invariant is a finding:
//   * no '{' and no "--(*": nothing to translate (nullopt);
//   * translation keeps the parameter markers, in number (the application binds by position),
//     but for the return-value marker of {?= call ...};
//   * both marker scanners find the same markers;
//   * substituting literals replaces exactly the markers found;
//   * an INSERT target names one column slot (or -1) per marker.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "driver/error.h"
#include "driver/statement/parameter_markers.h"
#include "driver/sql/escape_translator.h"
#include "driver/sql/insert_target.h"
#include "driver/sql/sql_lexer.h"

using namespace fabodbc;

namespace {

void check(bool ok) {
  if (!ok) __builtin_trap();
}

bool translator_state(const std::string& s) { return s == "42000" || s == "22007" || s == "22015" || s == "HYC00"; }

// count_markers throws 42000 for an unclosed quote or comment: -1 then.
long markers_or_minus_one(std::string_view sql, const sql::LexRules& rules) {
  try {
    return static_cast<long>(sql::count_markers(sql, rules));
  } catch (const OdbcError& e) {
    check(e.sqlstate() == "42000");
    return -1;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  EscapeOptions options;
  options.backslash_escapes = (data[0] & 1) == 0;
  options.ansi_quotes = (data[0] & 2) != 0;
  const sql::LexRules rules{options.backslash_escapes, options.ansi_quotes};
  const std::string_view sql(reinterpret_cast<const char*>(data) + 1, size - 1);

  // The markers of the application's text, by the lexer's count. Where escape syntax lexes
  // otherwise than plain SQL the count is no reference, and the check is left out: the long
  // form's closer "*)--" followed by a blank is a comment to a plain SQL lexer, and the literal
  // of {d '..'}, {escape '\'} ... is read the ODBC way, a backslash being an ordinary
  // character in it, while it escapes the quote for a lexer with backslash escapes.
  const bool long_form = sql.find("--(*") != std::string_view::npos;
  const bool odbc_literal_backslash = options.backslash_escapes && sql.find('\\') != std::string_view::npos;
  const long raw = markers_or_minus_one(sql, rules);
  const long before = long_form || odbc_literal_backslash ? -1 : raw;
  try {
    const std::optional<TranslatedSql> t = translate_statement_escapes(sql, options);
    if (!t) {
      check(sql.find('{') == std::string_view::npos && sql.find("--(*") == std::string_view::npos);
    } else if (before >= 0) {
      const long after = markers_or_minus_one(t->sql, rules);
      const long returned = t->call && t->call->has_return_value ? 1 : 0;
      check(after == before - returned);
    }
    check(translate_escapes(sql, options) == (t ? t->sql : std::string(sql)));
  } catch (const OdbcError& e) {
    check(translator_state(e.sqlstate()));
  }

  // The two scanners agree wherever the lexer accepts the text ("..." is a string for both
  // unless ANSI_QUOTES, which find_parameter_markers does not know).
  const std::vector<size_t> found = find_parameter_markers(sql, options.backslash_escapes);
  for (size_t m : found) check(m < sql.size() && sql[m] == '?');
  if (raw >= 0 && !options.ansi_quotes) check(static_cast<size_t>(raw) == found.size());

  // Substitution replaces the markers and nothing else.
  const std::vector<std::string> literals(found.size(), "NULL");
  const std::string substituted = substitute_parameters(sql, found, literals);
  check(substituted.size() == sql.size() + 3 * found.size());
  size_t from = 0, out = 0;
  for (size_t m : found) {
    check(substituted.compare(out, m - from, sql.substr(from, m - from)) == 0);
    out += m - from;
    check(substituted.compare(out, 4, "NULL") == 0);
    out += 4;
    from = m + 1;
  }
  check(substituted.compare(out, std::string::npos, sql.substr(from)) == 0);

  const std::string keyword = first_keyword(sql);
  for (char c : keyword) check(!(c >= 'a' && c <= 'z'));

  try {
    if (const std::optional<sql::InsertTarget> target = sql::parse_insert_target(sql, rules)) {
      check(!target->table.empty());
      if (raw >= 0) check(target->marker_columns.size() == static_cast<size_t>(raw));
      // (An index may point past the column list of a statement with more values than
      // columns; SQLDescribeParam checks that before it uses one.)
      for (int c : target->marker_columns) check(c >= -1);
    }
  } catch (const OdbcError& e) {
    check(e.sqlstate() == "42000");
  }
  return 0;
}
