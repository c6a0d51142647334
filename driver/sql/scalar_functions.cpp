#include "driver/sql/scalar_functions.h"

#include <sql.h>
#include <sqlext.h>

#include <cctype>

#include "driver/error.h"

namespace fabodbc::sql {

namespace {

using G = FunctionGroup;

// ODBC's scalar function lists (ODBC 3.x, Appendix E), each mapped to the MySQL expression
// with the meaning ODBC gives it. Where MySQL's function of the same name differs, the
// template says how and the comment says why.
const std::vector<ScalarFunction> kFunctions = {
    // --- string functions (SQL_STRING_FUNCTIONS) ---
    {"ASCII", G::String, SQL_FN_STR_ASCII, 1, 1, "ASCII($1)"},
    {"BIT_LENGTH", G::String, SQL_FN_STR_BIT_LENGTH, 1, 1, "BIT_LENGTH($1)"},
    // MySQL's CHAR(n) is a binary string; ODBC wants the character with that code.
    {"CHAR", G::String, SQL_FN_STR_CHAR, 1, 1, "CHAR($1 USING latin1)"},
    {"CHAR_LENGTH", G::String, SQL_FN_STR_CHAR_LENGTH, 1, 1, "CHAR_LENGTH($1)"},
    {"CHARACTER_LENGTH", G::String, SQL_FN_STR_CHARACTER_LENGTH, 1, 1, "CHARACTER_LENGTH($1)"},
    {"CONCAT", G::String, SQL_FN_STR_CONCAT, 2, -1, "CONCAT($*)"},
    // SOUNDEX difference score (0-4): MySQL has no such function.
    {"DIFFERENCE", G::String, SQL_FN_STR_DIFFERENCE, 2, 2, nullptr},
    {"INSERT", G::String, SQL_FN_STR_INSERT, 4, 4, "INSERT($1, $2, $3, $4)"},
    {"LCASE", G::String, SQL_FN_STR_LCASE, 1, 1, "LCASE($1)"},
    {"LEFT", G::String, SQL_FN_STR_LEFT, 2, 2, "LEFT($1, $2)"},
    // ODBC LENGTH counts characters without trailing blanks; MySQL LENGTH counts bytes.
    {"LENGTH", G::String, SQL_FN_STR_LENGTH, 1, 1, "CHAR_LENGTH(RTRIM($1))"},
    // LOCATE(search, string[, start]): the 3-argument form is SQL_FN_STR_LOCATE, the
    // 2-argument form SQL_FN_STR_LOCATE_2; MySQL takes both in the same order.
    {"LOCATE", G::String, SQL_FN_STR_LOCATE | SQL_FN_STR_LOCATE_2, 2, 3, "LOCATE($*)"},
    {"LTRIM", G::String, SQL_FN_STR_LTRIM, 1, 1, "LTRIM($1)"},
    {"OCTET_LENGTH", G::String, SQL_FN_STR_OCTET_LENGTH, 1, 1, "OCTET_LENGTH($1)"},
    // POSITION(a IN b): one argument as far as commas go.
    {"POSITION", G::String, SQL_FN_STR_POSITION, 1, 1, "POSITION($1)"},
    {"REPEAT", G::String, SQL_FN_STR_REPEAT, 2, 2, "REPEAT($1, $2)"},
    {"REPLACE", G::String, SQL_FN_STR_REPLACE, 3, 3, "REPLACE($1, $2, $3)"},
    {"RIGHT", G::String, SQL_FN_STR_RIGHT, 2, 2, "RIGHT($1, $2)"},
    {"RTRIM", G::String, SQL_FN_STR_RTRIM, 1, 1, "RTRIM($1)"},
    {"SOUNDEX", G::String, SQL_FN_STR_SOUNDEX, 1, 1, "SOUNDEX($1)"},
    {"SPACE", G::String, SQL_FN_STR_SPACE, 1, 1, "SPACE($1)"},
    {"SUBSTRING", G::String, SQL_FN_STR_SUBSTRING, 2, 3, "SUBSTRING($*)"},
    {"UCASE", G::String, SQL_FN_STR_UCASE, 1, 1, "UCASE($1)"},

    // --- numeric functions (SQL_NUMERIC_FUNCTIONS) ---
    {"ABS", G::Numeric, SQL_FN_NUM_ABS, 1, 1, "ABS($1)"},
    {"ACOS", G::Numeric, SQL_FN_NUM_ACOS, 1, 1, "ACOS($1)"},
    {"ASIN", G::Numeric, SQL_FN_NUM_ASIN, 1, 1, "ASIN($1)"},
    {"ATAN", G::Numeric, SQL_FN_NUM_ATAN, 1, 1, "ATAN($1)"},
    // ODBC ATAN2 takes the x coordinate first, then y; MySQL ATAN2 takes y first.
    {"ATAN2", G::Numeric, SQL_FN_NUM_ATAN2, 2, 2, "ATAN2($2, $1)"},
    {"CEILING", G::Numeric, SQL_FN_NUM_CEILING, 1, 1, "CEILING($1)"},
    {"COS", G::Numeric, SQL_FN_NUM_COS, 1, 1, "COS($1)"},
    {"COT", G::Numeric, SQL_FN_NUM_COT, 1, 1, "COT($1)"},
    {"DEGREES", G::Numeric, SQL_FN_NUM_DEGREES, 1, 1, "DEGREES($1)"},
    {"EXP", G::Numeric, SQL_FN_NUM_EXP, 1, 1, "EXP($1)"},
    {"FLOOR", G::Numeric, SQL_FN_NUM_FLOOR, 1, 1, "FLOOR($1)"},
    // Natural logarithm; LN says so whatever MySQL's two-argument LOG would do.
    {"LOG", G::Numeric, SQL_FN_NUM_LOG, 1, 1, "LN($1)"},
    {"LOG10", G::Numeric, SQL_FN_NUM_LOG10, 1, 1, "LOG10($1)"},
    {"MOD", G::Numeric, SQL_FN_NUM_MOD, 2, 2, "MOD($1, $2)"},
    {"PI", G::Numeric, SQL_FN_NUM_PI, 0, 0, "PI()"},
    {"POWER", G::Numeric, SQL_FN_NUM_POWER, 2, 2, "POWER($1, $2)"},
    {"RADIANS", G::Numeric, SQL_FN_NUM_RADIANS, 1, 1, "RADIANS($1)"},
    {"RAND", G::Numeric, SQL_FN_NUM_RAND, 0, 1, "RAND($*)"},
    {"ROUND", G::Numeric, SQL_FN_NUM_ROUND, 1, 2, "ROUND($*)"},
    {"SIGN", G::Numeric, SQL_FN_NUM_SIGN, 1, 1, "SIGN($1)"},
    {"SIN", G::Numeric, SQL_FN_NUM_SIN, 1, 1, "SIN($1)"},
    {"SQRT", G::Numeric, SQL_FN_NUM_SQRT, 1, 1, "SQRT($1)"},
    {"TAN", G::Numeric, SQL_FN_NUM_TAN, 1, 1, "TAN($1)"},
    {"TRUNCATE", G::Numeric, SQL_FN_NUM_TRUNCATE, 2, 2, "TRUNCATE($1, $2)"},

    // --- time and date functions (SQL_TIMEDATE_FUNCTIONS) ---
    {"CURDATE", G::TimeDate, SQL_FN_TD_CURDATE, 0, 0, "CURDATE()"},
    {"CURRENT_DATE", G::TimeDate, SQL_FN_TD_CURRENT_DATE, 0, 0, "CURRENT_DATE()"},
    {"CURRENT_TIME", G::TimeDate, SQL_FN_TD_CURRENT_TIME, 0, 1, "CURRENT_TIME($*)"},
    {"CURRENT_TIMESTAMP", G::TimeDate, SQL_FN_TD_CURRENT_TIMESTAMP, 0, 1, "CURRENT_TIMESTAMP($*)"},
    {"CURTIME", G::TimeDate, SQL_FN_TD_CURTIME, 0, 0, "CURTIME()"},
    {"DAYNAME", G::TimeDate, SQL_FN_TD_DAYNAME, 1, 1, "DAYNAME($1)"},
    {"DAYOFMONTH", G::TimeDate, SQL_FN_TD_DAYOFMONTH, 1, 1, "DAYOFMONTH($1)"},
    {"DAYOFWEEK", G::TimeDate, SQL_FN_TD_DAYOFWEEK, 1, 1, "DAYOFWEEK($1)"},  // 1 = Sunday in both
    {"DAYOFYEAR", G::TimeDate, SQL_FN_TD_DAYOFYEAR, 1, 1, "DAYOFYEAR($1)"},
    {"EXTRACT", G::TimeDate, SQL_FN_TD_EXTRACT, 1, 1, "EXTRACT($1)"},  // EXTRACT(field FROM source)
    {"HOUR", G::TimeDate, SQL_FN_TD_HOUR, 1, 1, "HOUR($1)"},
    {"MINUTE", G::TimeDate, SQL_FN_TD_MINUTE, 1, 1, "MINUTE($1)"},
    {"MONTH", G::TimeDate, SQL_FN_TD_MONTH, 1, 1, "MONTH($1)"},
    {"MONTHNAME", G::TimeDate, SQL_FN_TD_MONTHNAME, 1, 1, "MONTHNAME($1)"},
    {"NOW", G::TimeDate, SQL_FN_TD_NOW, 0, 0, "NOW()"},
    {"QUARTER", G::TimeDate, SQL_FN_TD_QUARTER, 1, 1, "QUARTER($1)"},
    {"SECOND", G::TimeDate, SQL_FN_TD_SECOND, 1, 1, "SECOND($1)"},
    // Translated in code: the interval keyword becomes a MySQL unit.
    {"TIMESTAMPADD", G::TimeDate, SQL_FN_TD_TIMESTAMPADD, 3, 3, "TIMESTAMPADD"},
    {"TIMESTAMPDIFF", G::TimeDate, SQL_FN_TD_TIMESTAMPDIFF, 3, 3, "TIMESTAMPDIFF"},
    // ODBC: "week of the year ... in the range of 1-53". MySQL's default WEEK() mode counts
    // from 0; mode 3 is ISO 8601 (weeks start on Monday, 1-53), as psqlODBC also answers.
    {"WEEK", G::TimeDate, SQL_FN_TD_WEEK, 1, 1, "WEEK($1, 3)"},
    {"YEAR", G::TimeDate, SQL_FN_TD_YEAR, 1, 1, "YEAR($1)"},

    // --- system functions (SQL_SYSTEM_FUNCTIONS) ---
    {"DATABASE", G::System, SQL_FN_SYS_DBNAME, 0, 0, "DATABASE()"},
    {"IFNULL", G::System, SQL_FN_SYS_IFNULL, 2, 2, "IFNULL($1, $2)"},
    // ODBC USER() is the DBMS user name; CURRENT_USER() is 'name@host', so the part before the
    // last '@' (a host name never contains one; a quoted user name may).
    {"USER", G::System, SQL_FN_SYS_USERNAME, 0, 0,
     "SUBSTRING(CURRENT_USER(), 1, CHAR_LENGTH(CURRENT_USER()) - CHAR_LENGTH(SUBSTRING_INDEX(CURRENT_USER(), '@', -1)) - 1)"},

    // --- conversion (SQL_CONVERT_FUNCTIONS) --- translated in code: the type keyword.
    {"CONVERT", G::Convert, SQL_FN_CVT_CONVERT, 2, 2, "CONVERT"},
};

// TIMESTAMPADD/TIMESTAMPDIFF intervals. MySQL has no FRAC_SECOND unit: ODBC counts fractions in
// nanoseconds (billionths), MySQL timestamps hold microseconds, so FRAC_SECOND is MICROSECOND
// scaled by 1000.
struct Interval {
  const char* odbc;
  uint32_t bit;
  const char* unit;
};
const Interval kIntervals[] = {
    {"FRAC_SECOND", SQL_FN_TSI_FRAC_SECOND, "MICROSECOND"},
    {"SECOND", SQL_FN_TSI_SECOND, "SECOND"},
    {"MINUTE", SQL_FN_TSI_MINUTE, "MINUTE"},
    {"HOUR", SQL_FN_TSI_HOUR, "HOUR"},
    {"DAY", SQL_FN_TSI_DAY, "DAY"},
    {"WEEK", SQL_FN_TSI_WEEK, "WEEK"},
    {"MONTH", SQL_FN_TSI_MONTH, "MONTH"},
    {"QUARTER", SQL_FN_TSI_QUARTER, "QUARTER"},
    {"YEAR", SQL_FN_TSI_YEAR, "YEAR"},
};

// CONVERT(value, SQL_xxx) targets. MySQL's CAST has no narrow integer types (SIGNED is
// 64-bit), no single precision before MySQL 8.0.17/MariaDB 10.4.5 and no DOUBLE before 8.0.17,
// so floating-point targets use "+ 0E0", which yields a DOUBLE on every version a Fabric
// farm may run.
struct ConvertType {
  const char* odbc;      // without the SQL_ prefix
  uint32_t bit;          // SQL_CVT_*
  const char* mysql;     // template with $1, nullptr: no MySQL type
};
const ConvertType kConvertTypes[] = {
    {"BIGINT", SQL_CVT_BIGINT, "CAST($1 AS SIGNED)"},
    {"INTEGER", SQL_CVT_INTEGER, "CAST($1 AS SIGNED)"},
    {"SMALLINT", SQL_CVT_SMALLINT, "CAST($1 AS SIGNED)"},
    {"TINYINT", SQL_CVT_TINYINT, "CAST($1 AS SIGNED)"},
    // 1 for any non-zero value, 0 for zero, NULL for NULL.
    {"BIT", SQL_CVT_BIT, "(($1) <> 0)"},
    // MySQL's largest scale (30) keeps the fraction; CAST AS DECIMAL alone would be DECIMAL(10,0).
    {"DECIMAL", SQL_CVT_DECIMAL, "CAST($1 AS DECIMAL(65,30))"},
    {"NUMERIC", SQL_CVT_NUMERIC, "CAST($1 AS DECIMAL(65,30))"},
    {"DOUBLE", SQL_CVT_DOUBLE, "(($1) + 0E0)"},
    {"FLOAT", SQL_CVT_FLOAT, "(($1) + 0E0)"},
    {"REAL", SQL_CVT_REAL, "(($1) + 0E0)"},
    {"CHAR", SQL_CVT_CHAR, "CAST($1 AS CHAR)"},
    {"VARCHAR", SQL_CVT_VARCHAR, "CAST($1 AS CHAR)"},
    {"LONGVARCHAR", SQL_CVT_LONGVARCHAR, "CAST($1 AS CHAR)"},
    {"WCHAR", SQL_CVT_WCHAR, "CAST($1 AS CHAR CHARACTER SET utf8mb4)"},
    {"WVARCHAR", SQL_CVT_WVARCHAR, "CAST($1 AS CHAR CHARACTER SET utf8mb4)"},
    {"WLONGVARCHAR", SQL_CVT_WLONGVARCHAR, "CAST($1 AS CHAR CHARACTER SET utf8mb4)"},
    {"BINARY", SQL_CVT_BINARY, "CAST($1 AS BINARY)"},
    {"VARBINARY", SQL_CVT_VARBINARY, "CAST($1 AS BINARY)"},
    {"LONGVARBINARY", SQL_CVT_LONGVARBINARY, "CAST($1 AS BINARY)"},
    {"DATE", SQL_CVT_DATE, "CAST($1 AS DATE)"},
    {"TYPE_DATE", SQL_CVT_DATE, "CAST($1 AS DATE)"},
    {"TIME", SQL_CVT_TIME, "CAST($1 AS TIME)"},
    {"TYPE_TIME", SQL_CVT_TIME, "CAST($1 AS TIME)"},
    // Six fraction digits: a plain DATETIME would drop the microseconds.
    {"TIMESTAMP", SQL_CVT_TIMESTAMP, "CAST($1 AS DATETIME(6))"},
    {"TYPE_TIMESTAMP", SQL_CVT_TIMESTAMP, "CAST($1 AS DATETIME(6))"},
    // No GUID or interval types in MySQL.
    {"GUID", SQL_CVT_GUID, nullptr},
    {"INTERVAL_YEAR", SQL_CVT_INTERVAL_YEAR_MONTH, nullptr},
    {"INTERVAL_MONTH", SQL_CVT_INTERVAL_YEAR_MONTH, nullptr},
    {"INTERVAL_YEAR_TO_MONTH", SQL_CVT_INTERVAL_YEAR_MONTH, nullptr},
    {"INTERVAL_DAY", SQL_CVT_INTERVAL_DAY_TIME, nullptr},
    {"INTERVAL_HOUR", SQL_CVT_INTERVAL_DAY_TIME, nullptr},
    {"INTERVAL_MINUTE", SQL_CVT_INTERVAL_DAY_TIME, nullptr},
    {"INTERVAL_SECOND", SQL_CVT_INTERVAL_DAY_TIME, nullptr},
    {"INTERVAL_DAY_TO_HOUR", SQL_CVT_INTERVAL_DAY_TIME, nullptr},
    {"INTERVAL_DAY_TO_MINUTE", SQL_CVT_INTERVAL_DAY_TIME, nullptr},
    {"INTERVAL_DAY_TO_SECOND", SQL_CVT_INTERVAL_DAY_TIME, nullptr},
    {"INTERVAL_HOUR_TO_MINUTE", SQL_CVT_INTERVAL_DAY_TIME, nullptr},
    {"INTERVAL_HOUR_TO_SECOND", SQL_CVT_INTERVAL_DAY_TIME, nullptr},
    {"INTERVAL_MINUTE_TO_SECOND", SQL_CVT_INTERVAL_DAY_TIME, nullptr},
};

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

[[noreturn]] void syntax(const std::string& message) { throw OdbcError("42000", message); }

// Fills the template. An argument that holds parameter markers may appear at most once, and
// such arguments must keep their order: the application binds markers by position.
std::string expand(const char* tmpl, const std::string& name, const std::vector<std::string_view>& args,
                   const LexRules& rules) {
  std::string out;
  int last_with_markers = -1;
  std::vector<bool> used(args.size(), false);
  for (const char* p = tmpl; *p; ++p) {
    if (*p != '$') {
      out.push_back(*p);
      continue;
    }
    ++p;
    if (*p == '*') {
      for (size_t k = 0; k < args.size(); ++k) {
        if (k) out += ", ";
        out += args[k];
      }
      continue;
    }
    int k = *p - '1';
    bool markers = count_markers(args[k], rules) > 0;
    if (markers && (used[k] || k < last_with_markers))
      throw OdbcError("HYC00", "{fn " + name + "}: parameter markers in more than one argument are not supported "
                      "(MySQL takes the arguments in another order)");
    if (markers) last_with_markers = k;
    used[k] = true;
    out += args[k];
  }
  return out;
}

const Interval& interval_for(std::string_view word, const std::string& function) {
  std::string w = upper(trim(word));
  std::string_view bare = w;
  if (bare.substr(0, 8) == "SQL_TSI_") bare.remove_prefix(8);
  for (const Interval& iv : kIntervals) {
    // FRAC_SECOND only with its SQL_TSI_ prefix: bare, it is no MySQL unit.
    if (bare == iv.odbc && (bare != "FRAC_SECOND" || bare.size() != w.size())) return iv;
  }
  syntax("{fn " + function + "}: unknown interval '" + std::string(trim(word)) + "'");
}

std::string timestamp_add_or_diff(const std::string& name, const std::vector<std::string_view>& args) {
  const Interval& iv = interval_for(args[0], name);
  const bool frac = iv.bit == SQL_FN_TSI_FRAC_SECOND;
  const std::string a(args[1]), b(args[2]);
  if (name == "TIMESTAMPADD") {
    // Nanoseconds to microseconds; MySQL cannot hold the rest.
    return frac ? "TIMESTAMPADD(MICROSECOND, (" + a + ") DIV 1000, " + b + ")"
                : "TIMESTAMPADD(" + std::string(iv.unit) + ", " + a + ", " + b + ")";
  }
  return frac ? "(TIMESTAMPDIFF(MICROSECOND, " + a + ", " + b + ") * 1000)"
              : "TIMESTAMPDIFF(" + std::string(iv.unit) + ", " + a + ", " + b + ")";
}

std::string convert(const std::vector<std::string_view>& args, const LexRules& rules) {
  std::string type = upper(trim(args[1]));
  std::string_view bare = type;
  if (bare.substr(0, 4) == "SQL_") {
    bare.remove_prefix(4);
    for (const ConvertType& t : kConvertTypes) {
      if (bare != t.odbc) continue;
      if (!t.mysql) throw OdbcError("HYC00", "{fn CONVERT}: MySQL has no type for " + type);
      return expand(t.mysql, "CONVERT", {args[0]}, rules);
    }
  }
  syntax("{fn CONVERT}: unknown ODBC data type '" + std::string(trim(args[1])) + "'");
}

}  // namespace

const std::vector<ScalarFunction>& odbc_scalar_functions() { return kFunctions; }

const ScalarFunction* find_scalar_function(std::string_view name) {
  std::string n = upper(name);
  for (const ScalarFunction& f : kFunctions)
    if (n == f.name) return &f;
  return nullptr;
}

std::string translate_scalar_function(std::string_view body, const LexRules& rules) {
  std::string_view text = trim_sql(body, rules);
  size_t i = 0;
  while (i < text.size() && is_identifier_char(text[i])) ++i;
  if (i == 0) syntax("{fn ...}: expected a function name, found '" + std::string(text) + "'");
  const std::string name = upper(text.substr(0, i));
  const ScalarFunction* f = find_scalar_function(name);
  // Not an ODBC function: MySQL's own (CONCAT_WS, ...) or a stored function. The server judges.
  if (!f) return std::string(text);

  size_t open = i;
  while (open < text.size() && std::isspace(static_cast<unsigned char>(text[open]))) ++open;
  std::vector<std::string_view> args;
  if (open == text.size()) {
    // ODBC writes CURRENT_DATE( ) but SQL-92 allows the bare word for these three.
    if (name != "CURRENT_DATE" && name != "CURRENT_TIME" && name != "CURRENT_TIMESTAMP")
      syntax("{fn " + name + "}: expected '(' after the function name");
  } else {
    if (text[open] != '(') syntax("{fn " + name + "}: expected '(' after the function name");
    size_t close = matching_paren(text, open, rules);
    if (const std::string_view rest = trim(text.substr(close + 1)); !rest.empty())
      syntax("{fn " + name + "}: unexpected text after the argument list: '" + std::string(rest) + "'");
    args = split_arguments(text.substr(open + 1, close - open - 1), rules);
    for (std::string_view a : args)
      if (a.empty()) syntax("{fn " + name + "}: empty argument");
  }
  const int n = static_cast<int>(args.size());
  if (n < f->min_args || (f->max_args >= 0 && n > f->max_args)) {
    std::string expected = f->min_args == f->max_args ? std::to_string(f->min_args)
                           : f->max_args < 0          ? "at least " + std::to_string(f->min_args)
                               : std::to_string(f->min_args) + " to " + std::to_string(f->max_args);
    syntax("{fn " + name + "}: expected " + expected + " argument(s), got " + std::to_string(n));
  }
  if (!f->mysql) throw OdbcError("HYC00", "{fn " + name + "}: not supported by MySQL/MariaDB");
  if (f->group == G::Convert) return convert(args, rules);
  if (name == "TIMESTAMPADD" || name == "TIMESTAMPDIFF") return timestamp_add_or_diff(name, args);
  return expand(f->mysql, name, args, rules);
}

uint32_t supported_interval_bits() {
  uint32_t bits = 0;
  for (const Interval& iv : kIntervals) bits |= iv.bit;
  return bits;
}

uint32_t supported_convert_type_bits() {
  uint32_t bits = 0;
  for (const ConvertType& t : kConvertTypes)
    if (t.mysql) bits |= t.bit;
  return bits;
}

}  // namespace fabodbc::sql
