// The scanner: which braces are escapes, what surrounds them, errors with offsets, {call}.
#include "tests/unit/sql/sql_test_util.h"

namespace fabodbc::test {
namespace {

TEST(EscapeScanner, NoBraceIsNotTranslatedAtAll) {
  EXPECT_FALSE(translate_statement_escapes("SELECT 1 FROM t WHERE a = ?").has_value());
  EXPECT_EQ(tr("SELECT 'x'"), "SELECT 'x'");
}

TEST(EscapeScanner, DateTimeAndTimestampLiterals) {
  EXPECT_EQ(tr("SELECT {d '2024-01-02'}"), "SELECT DATE'2024-01-02'");
  EXPECT_EQ(tr("SELECT {t '13:14:15'}"), "SELECT TIME'13:14:15'");
  EXPECT_EQ(tr("SELECT {ts '2024-01-02 13:14:15.5'}"), "SELECT TIMESTAMP'2024-01-02 13:14:15.5'");
  EXPECT_EQ(tr("SELECT {D'2024-1-2'}, { ts  '2024-01-02 03:04:05' }"),
            "SELECT DATE'2024-01-02', TIMESTAMP'2024-01-02 03:04:05'");
}

TEST(EscapeScanner, EscapesInsideQuotesAndCommentsAreText) {
  EXPECT_EQ(tr("SELECT '{fn UCASE(x)}', `{d}`, \"{t}\" -- {oj\n"), "SELECT '{fn UCASE(x)}', `{d}`, \"{t}\" -- {oj\n");
  EXPECT_EQ(tr("SELECT 1 # {fn x}\n, {fn PI()}"), "SELECT 1 # {fn x}\n, PI()");
  EXPECT_EQ(tr("SELECT /* {fn NOW()} */ {fn NOW()}"), "SELECT /* {fn NOW()} */ NOW()");
  EXPECT_EQ(tr("SELECT 'it\\'s {d', {fn PI()}"), "SELECT 'it\\'s {d', PI()");
  EXPECT_EQ(tr("SELECT 'a''{b', {fn PI()}"), "SELECT 'a''{b', PI()");
  EXPECT_EQ(tr("SELECT '{\"json\": 1}'"), "SELECT '{\"json\": 1}'");
  // "--" without a blank after it is two minus signs, not a comment.
  EXPECT_EQ(tr("SELECT 1--{fn ABS(-1)}"), "SELECT 1--ABS(-1)");
}

TEST(EscapeScanner, NoBackslashEscapesChangesWhereAStringEnds) {
  EscapeOptions nbe;
  nbe.backslash_escapes = false;
  // Without backslash escapes 'a\' is a complete string and the escape after it is real.
  EXPECT_EQ(tr("SELECT 'a\\', {fn PI()}", nbe), "SELECT 'a\\', PI()");
  // With them, the quote is escaped and the string runs on, so the "escape" is text.
  EXPECT_EQ(tr("SELECT 'a\\', {fn PI()}'"), "SELECT 'a\\', {fn PI()}'");
}

TEST(EscapeScanner, AnsiQuotesMakeDoubleQuotesIdentifiersWithoutBackslashEscapes) {
  EscapeOptions ansi;
  ansi.ansi_quotes = true;
  EXPECT_EQ(tr("SELECT \"a\\\", {fn PI()}", ansi), "SELECT \"a\\\", PI()");
  EXPECT_EQ(tr("SELECT \"a\\\", {fn PI()}\""), "SELECT \"a\\\", {fn PI()}\"");
}

TEST(EscapeScanner, NestedEscapes) {
  EXPECT_EQ(tr("SELECT {fn UCASE({fn LTRIM(name)})} FROM t"), "SELECT UCASE(LTRIM(name)) FROM t");
  EXPECT_EQ(tr("SELECT {fn TIMESTAMPADD(SQL_TSI_DAY, 1, {ts '2024-02-28 00:00:00'})}"),
            "SELECT TIMESTAMPADD(DAY, 1, TIMESTAMP'2024-02-28 00:00:00')");
  EXPECT_EQ(tr("SELECT {fn CONCAT({fn CONCAT('a', '}')}, '{')}"), "SELECT CONCAT(CONCAT('a', '}'), '{')");
}

TEST(EscapeScanner, OuterJoinLosesItsBraces) {
  EXPECT_EQ(tr("SELECT * FROM {oj a LEFT OUTER JOIN b ON a.id = b.id} WHERE 1"),
            "SELECT * FROM a LEFT OUTER JOIN b ON a.id = b.id WHERE 1");
  EXPECT_EQ(tr("SELECT * FROM {oj {oj a LEFT JOIN b ON {fn ABS(a.x)} = b.x} LEFT JOIN c ON 1=1}"),
            "SELECT * FROM a LEFT JOIN b ON ABS(a.x) = b.x LEFT JOIN c ON 1=1");
}

TEST(EscapeScanner, TokensDoNotGlue) {
  EXPECT_EQ(tr("SELECT{fn PI()}"), "SELECT PI()");
  EXPECT_EQ(tr("SELECT * FROM{oj a LEFT JOIN b ON 1}WHERE 1"), "SELECT * FROM a LEFT JOIN b ON 1 WHERE 1");
  EXPECT_EQ(tr("SELECT x FROM t WHERE d={d '2024-01-02'}"), "SELECT x FROM t WHERE d=DATE'2024-01-02'");
}

// Found by fuzz_odbc_escapes: the text on both sides of an escape must not form a token that
// neither side had. "/" and "*" made a comment that hid the rest of the statement (and its
// parameter markers); so would "-" and "-", and two quoted pieces would read as one.
TEST(EscapeScanner, NoCommentOrDoubledQuoteAcrossAnEscape) {
  EXPECT_EQ(tr("SELECT {fn myf(1)/}* ?"), "SELECT myf(1)/ * ?");
  EXPECT_EQ(tr("SELECT 2/{oj *1} ?"), "SELECT 2/ *1 ?");
  EXPECT_EQ(tr("SELECT 3-{oj -1}"), "SELECT 3- -1");
  EXPECT_EQ(tr("SELECT {oj 4-}-1"), "SELECT 4- -1");
  EXPECT_EQ(tr("SELECT 'a'{oj 'b'}"), "SELECT 'a' 'b'");
  EXPECT_EQ(tr("SELECT {oj 'a'}'b'"), "SELECT 'a' 'b'");
  EXPECT_EQ(tr("SELECT x{d '2024-01-02'}"), "SELECT x DATE'2024-01-02'");
  // "--" then a blank is a comment: dashes that would meet one stay separate minus signs.
  EXPECT_EQ(tr("SELECT {oj 1 --} 2, ?"), "SELECT 1 - - 2, ?");
  EXPECT_EQ(tr("SELECT {fn f(1) --}\t?"), "SELECT f(1) - -\t?");
  EXPECT_EQ(tr("SELECT 1--{oj -1}, ?"), "SELECT 1- - -1, ?");
  EXPECT_EQ(tr("SELECT {oj 1 --}2"), "SELECT 1 --2");  // "--2" is no comment: left alone
}

// Found by fuzz_odbc_escapes: an escape's text (an {oj} body, a {fn} argument, a passed-through
// function, {call} arguments) ending with a '#' or "-- " comment kept its comment but lost the
// line break that ends it, so the comment ran on over the rest of the statement.
TEST(EscapeScanner, ALineCommentAtTheEndOfAnEscapeKeepsItsLineBreak) {
  EXPECT_EQ(tr("SELECT * FROM {oj a LEFT JOIN b ON a.x = b.x -- by x\n} WHERE y = ?"),
            "SELECT * FROM a LEFT JOIN b ON a.x = b.x -- by x\n WHERE y = ?");
  EXPECT_EQ(tr("SELECT * FROM {oj a LEFT JOIN b ON a.x = b.x # by x\n  } WHERE y = ?"),
            "SELECT * FROM a LEFT JOIN b ON a.x = b.x # by x\n WHERE y = ?");
  EXPECT_EQ(tr("SELECT {fn UCASE(name -- the name\n)}, ?"), "SELECT UCASE(name -- the name\n), ?");
  EXPECT_EQ(tr("SELECT {fn myf(1) -- mine\n}, ?"), "SELECT myf(1) -- mine\n, ?");
  EXPECT_EQ(tr("{call p(?, -- two\n ?)}"), "CALL p(?, -- two\n ?)");
  // Not a comment: the "--" of a string, and "--" without the blank MySQL needs.
  EXPECT_EQ(tr("SELECT {fn UCASE('a -- b' \n)}"), "SELECT UCASE('a -- b')");
  EXPECT_EQ(tr("SELECT {fn ABS(1--1 \n)}"), "SELECT ABS(1--1)");
}

TEST(EscapeScanner, LikeEscape) {
  EXPECT_EQ(tr("SELECT 1 WHERE a LIKE 'x!_%' {escape '!'}"), "SELECT 1 WHERE a LIKE 'x!_%' ESCAPE '!'");
  // The ODBC way to write a backslash escape character; the server needs it doubled.
  EXPECT_EQ(tr("SELECT 1 WHERE a LIKE 'x\\\\_%' {escape '\\'}"), "SELECT 1 WHERE a LIKE 'x\\\\_%' ESCAPE '\\\\'");
  EscapeOptions nbe;
  nbe.backslash_escapes = false;
  EXPECT_EQ(tr("SELECT 1 WHERE a LIKE 'x\\_%' {escape '\\'}", nbe), "SELECT 1 WHERE a LIKE 'x\\_%' ESCAPE '\\'");
  EXPECT_EQ(tr("SELECT 1 WHERE a LIKE 'x' {ESCAPE ''''}"), "SELECT 1 WHERE a LIKE 'x' ESCAPE ''''");
  EXPECT_EQ(tr("SELECT 1 WHERE a LIKE 'x' {escape '\xc3\xa9'}"), "SELECT 1 WHERE a LIKE 'x' ESCAPE '\xc3\xa9'");
  EXPECT_EQ(state("SELECT 1 WHERE a LIKE 'x' {escape 'ab'}"), "42000");
  EXPECT_EQ(state("SELECT 1 WHERE a LIKE 'x' {escape ''}"), "42000");
}

TEST(EscapeScanner, ProcedureCall) {
  auto t = translate_statement_escapes("{call proc(?, ?)}");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->sql, "CALL proc(?, ?)");
  ASSERT_TRUE(t->call.has_value());
  EXPECT_FALSE(t->call->has_return_value);
  EXPECT_EQ(t->call->procedure, "proc");
  EXPECT_EQ(t->call->arguments, "?, ?");

  t = translate_statement_escapes("  /* c */ {CALL db.`my proc`} ; ");
  EXPECT_EQ(t->sql, "  /* c */ CALL db.`my proc` ; ");
  EXPECT_EQ(t->call->procedure, "db.`my proc`");
  EXPECT_FALSE(t->call->has_parentheses);

  t = translate_statement_escapes("{?= call f(?, {d '2024-01-02'})}");
  EXPECT_EQ(t->sql, "CALL f(?, DATE'2024-01-02')");
  EXPECT_TRUE(t->call->has_return_value);
  EXPECT_EQ(t->call->function_sql(), "SELECT f(?, DATE'2024-01-02')");

  t = translate_statement_escapes("{ ? = CALL f}");
  EXPECT_TRUE(t->call->has_return_value);
  EXPECT_EQ(t->sql, "CALL f");

  // A call escape is the whole statement, never part of one.
  EXPECT_EQ(state("SELECT {call p}"), "42000");
  EXPECT_EQ(state("{call p} SELECT 1"), "42000");
  EXPECT_EQ(state("{fn ABS({call p})}"), "42000");
  EXPECT_EQ(state("{call }"), "42000");
  EXPECT_EQ(state("{?= fn PI()}"), "42000");
  EXPECT_EQ(state("{? call p}"), "42000");
  EXPECT_FALSE(translate_statement_escapes("SELECT {fn PI()}")->call.has_value());
}

TEST(EscapeScanner, IntervalLiterals) {
  EXPECT_EQ(tr("SELECT d + {interval '3' day}"), "SELECT d + INTERVAL '3' DAY");
  EXPECT_EQ(tr("SELECT d - {INTERVAL -'2-3' YEAR TO MONTH}"), "SELECT d - INTERVAL '-2-3' YEAR_MONTH");
}

TEST(EscapeScanner, LongFormIsTheSameEscape) {
  const std::string v = "--(*vendor(Microsoft),product(ODBC) ";
  EXPECT_EQ(tr("SELECT " + v + "fn UCASE('a') *)--"), "SELECT UCASE('a')");
  EXPECT_EQ(tr("SELECT " + v + "d '2024-01-02'*)--, 1"), "SELECT DATE'2024-01-02', 1");
  EXPECT_EQ(tr("SELECT --(*VENDOR(microsoft),PRODUCT(odbc) fn UCASE({fn LTRIM(x)}) *)--"), "SELECT UCASE(LTRIM(x))");
  EXPECT_EQ(tr("SELECT {fn UCASE(" + v + "fn LTRIM(x) *)--)}"), "SELECT UCASE(LTRIM(x))");
  EXPECT_EQ(tr("SELECT d + " + v + "interval '1' day *)--"), "SELECT d + INTERVAL '1' DAY");
  auto t = translate_statement_escapes(v + "call p(?) *)--");
  ASSERT_TRUE(t && t->call);
  EXPECT_EQ(t->sql, "CALL p(?)");
  EXPECT_EQ(state("SELECT " + v + "fn UCASE('a')"), "42000");
  EXPECT_EQ(state("SELECT " + v + "fn UCASE('a') }"), "42000");
  // "--(" is not a comment for MySQL, but only the exact vendor clause opens an escape.
  EXPECT_EQ(tr("SELECT 1--(*2)"), "SELECT 1--(*2)");
}

TEST(EscapeScanner, MalformedEscapesNameTheProblemAndOffset) {
  std::string message;
  EXPECT_EQ(state("SELECT {fn PI()", &message), "42000");
  EXPECT_NE(message.find("offset 7"), std::string::npos) << message;
  EXPECT_EQ(state("SELECT {fn PI()} 1}", &message), "42000");
  EXPECT_NE(message.find("offset 18"), std::string::npos) << message;
  // Without any '{' the text is not scanned at all (the fast path): the server reports a lone '}'.
  EXPECT_EQ(state("SELECT 1}"), "");
  EXPECT_EQ(state("SELECT {xyz 1}", &message), "42000");
  EXPECT_NE(message.find("xyz"), std::string::npos) << message;
  EXPECT_EQ(state("SELECT {}", &message), "42000");
  EXPECT_EQ(state("SELECT {d 2024-01-02}"), "42000");
  EXPECT_EQ(state("SELECT {d '2024-01-02' x}"), "42000");
  EXPECT_EQ(state("SELECT {d '2024-01-02"), "42000");
  EXPECT_EQ(state("SELECT {fn UCASE('x)}"), "42000");
  EXPECT_EQ(state("SELECT {fn UCASE(x) /* }"), "42000");
  EXPECT_EQ(state("SELECT {fnUCASE(x)}"), "42000");
}

TEST(EscapeScanner, DeepNestingIsRefusedNotACrash) {
  std::string sql = "SELECT ";
  for (int i = 0; i < 10000; ++i) sql += "{fn ABS(";
  sql += "1";
  for (int i = 0; i < 10000; ++i) sql += ")}";
  EXPECT_EQ(state(sql), "42000");
  std::string ok = "SELECT ";
  for (int i = 0; i < 20; ++i) ok += "{fn ABS(";
  ok += "1";
  for (int i = 0; i < 20; ++i) ok += ")}";
  EXPECT_EQ(state(ok), "");
}

TEST(EscapeScanner, TranslationKeepsParameterMarkersAndTheirOrder) {
  // Every supported function with a marker in each argument position: same number of markers.
  EXPECT_EQ(tr("SELECT {fn CONCAT(?, ?)}, {fn LOCATE(?, ?, ?)}, {fn TIMESTAMPADD(SQL_TSI_FRAC_SECOND, ?, ?)}"),
            "SELECT CONCAT(?, ?), LOCATE(?, ?, ?), TIMESTAMPADD(MICROSECOND, (?) DIV 1000, ?)");
  // ATAN2 swaps its arguments for MySQL: fine with one marker, refused with two, because the
  // application binds the markers by position.
  EXPECT_EQ(tr("SELECT {fn ATAN2(?, 2)}"), "SELECT ATAN2(2, ?)");
  EXPECT_EQ(state("SELECT {fn ATAN2(?, ?)}"), "HYC00");
}

}  // namespace
}  // namespace fabodbc::test
