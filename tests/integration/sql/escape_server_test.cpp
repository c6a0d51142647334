// Runs translated ODBC escapes on a private mariadbd as root and compares the results with the
// values the ODBC specification gives. Keeps the translator honest: a mapping that MySQL does
// not accept, or that means something else there, fails here.
#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "driver/sql/escape_translator.h"
#include "driver/sql/scalar_functions.h"
#include "tests/support/mariadb_server.h"

namespace fabodbc::test {
namespace {

struct Case {
  const char* odbc;      // an expression with ODBC escapes
  const char* expected;  // the first column of "SELECT <translated>" as text
};

// One case per translated function at least (checked by EveryTranslatedFunctionIsCovered).
const std::vector<Case> kScalarCases = {
    // string functions
    {"{fn ASCII('A')}", "65"},
    {"{fn BIT_LENGTH('ab')}", "16"},
    {"{fn CHAR(65)}", "A"},
    {"CHARSET({fn CHAR(65)})", "latin1"},  // a character string, not MySQL's binary CHAR()
    {"{fn CHAR_LENGTH(_utf8mb4 0x68C3A96C6C6F)}", "5"},
    {"{fn CHARACTER_LENGTH('abc')}", "3"},
    {"{fn CONCAT('ab', 'cd')}", "abcd"},
    {"{fn INSERT('abcdef', 2, 3, 'XY')}", "aXYef"},
    {"{fn LCASE('AbC')}", "abc"},
    {"{fn LEFT('abcdef', 2)}", "ab"},
    {"{fn LENGTH('ab  ')}", "2"},                            // trailing blanks do not count
    {"{fn LENGTH(_utf8mb4 0x68C3A9)}", "2"},                 // characters, not bytes
    {"{fn LOCATE('b', 'abcb')}", "2"},
    {"{fn LOCATE('b', 'abcb', 3)}", "4"},
    {"{fn CONCAT({fn LTRIM('  a ')}, '|')}", "a |"},
    {"{fn OCTET_LENGTH(_utf8mb4 0xC3A9)}", "2"},
    {"{fn POSITION('c' IN 'abc')}", "3"},
    {"{fn REPEAT('ab', 3)}", "ababab"},
    {"{fn REPLACE('aXbX', 'X', 'y')}", "ayby"},
    {"{fn RIGHT('abcdef', 2)}", "ef"},
    {"{fn CONCAT({fn RTRIM(' a  ')}, '|')}", " a|"},
    {"{fn SOUNDEX('Robert')}", "R163"},
    {"{fn CONCAT({fn CONCAT('[', {fn SPACE(3)})}, ']')}", "[   ]"},
    {"{fn SUBSTRING('abcdef', 2, 3)}", "bcd"},
    {"{fn UCASE({fn LTRIM('  abc')})}", "ABC"},
    // numeric functions
    {"{fn ABS(-2)}", "2"},
    {"{fn ACOS(1)}", "0"},
    {"{fn ASIN(0)}", "0"},
    {"{fn ATAN(0)}", "0"},
    {"ROUND({fn ATAN2(0.75, 0.50)}, 6)", "0.588003"},  // x first, then y: atan(0.5 / 0.75)
    {"ROUND({fn ATAN2(-1, 0)}, 6)", "3.141593"},      // the point x = -1, y = 0 lies at pi
    {"ROUND({fn ATAN2(0, 1)}, 6)", "1.570796"},       // the point x = 0, y = 1 lies at pi/2
    {"{fn CEILING(1.2)}", "2"},
    {"{fn COS(0)}", "1"},
    {"ROUND({fn COT(1)}, 6)", "0.642093"},
    {"ROUND({fn DEGREES({fn PI()})}, 6)", "180.000000"},
    {"{fn EXP(0)}", "1"},
    {"{fn FLOOR(1.8)}", "1"},
    {"ROUND({fn LOG({fn EXP(2)})}, 9)", "2.000000000"},
    {"{fn LOG10(1000)}", "3"},
    {"{fn MOD(7, 3)}", "1"},
    {"ROUND({fn PI()}, 5)", "3.14159"},
    {"{fn POWER(2, 10)}", "1024"},
    {"ROUND({fn RADIANS(180)}, 5)", "3.14159"},
    {"{fn RAND(7)} = {fn RAND(7)} AND {fn RAND()} < 1", "1"},  // seeded: repeatable
    {"{fn ROUND(1.55, 1)}", "1.6"},
    {"{fn SIGN(-3)}", "-1"},
    {"{fn SIN(0)}", "0"},
    {"{fn SQRT(16)}", "4"},
    {"{fn TAN(0)}", "0"},
    {"{fn TRUNCATE(1.59, 1)}", "1.5"},
    // time and date functions
    {"{fn CURDATE()} = CURDATE()", "1"},
    {"{fn CURRENT_DATE()} = CURRENT_DATE", "1"},
    {"{fn CURRENT_TIME} = CURRENT_TIME", "1"},
    {"{fn CURRENT_TIMESTAMP(3)} = CURRENT_TIMESTAMP(3)", "1"},
    {"{fn CURTIME()} = CURTIME()", "1"},
    {"{fn NOW()} = NOW()", "1"},
    {"{fn DAYNAME({d '2024-01-02'})}", "Tuesday"},
    {"{fn DAYOFMONTH({d '2024-01-02'})}", "2"},
    {"{fn DAYOFWEEK({d '2024-01-07'})}", "1"},  // Sunday is 1
    {"{fn DAYOFYEAR({d '2024-12-31'})}", "366"},
    {"{fn EXTRACT(MONTH FROM {d '2024-03-04'})}", "3"},
    {"{fn HOUR({t '13:14:15'})}", "13"},
    {"{fn MINUTE({t '13:14:15'})}", "14"},
    {"{fn SECOND({t '13:14:15'})}", "15"},
    {"{fn MONTH({d '2024-01-02'})}", "1"},
    {"{fn MONTHNAME({d '2024-02-01'})}", "February"},
    {"{fn QUARTER({d '2024-05-01'})}", "2"},
    {"{fn WEEK({d '2024-01-01'})}", "1"},   // 1-53, never MySQL's week 0
    {"{fn WEEK({d '2023-01-01'})}", "52"},  // a Sunday: still in the last ISO week of 2022
    {"{fn WEEK({d '2024-06-15'})}", "24"},
    {"{fn YEAR({ts '2024-01-02 03:04:05'})}", "2024"},
    {"{fn TIMESTAMPADD(SQL_TSI_DAY, 1, {ts '2024-02-28 00:00:00'})}", "2024-02-29 00:00:00"},
    {"{fn TIMESTAMPADD(SQL_TSI_MONTH, 1, {ts '2024-01-31 10:00:00'})}", "2024-02-29 10:00:00"},
    {"{fn TIMESTAMPADD(SQL_TSI_FRAC_SECOND, 1500000, {ts '2024-01-01 00:00:00.000000'})}",
     "2024-01-01 00:00:00.001500"},
    {"{fn TIMESTAMPADD(SQL_TSI_SECOND, 61, {ts '2024-01-01 00:00:00'})}", "2024-01-01 00:01:01"},
    {"{fn TIMESTAMPADD(SQL_TSI_MINUTE, -1, {ts '2024-01-01 00:00:00'})}", "2023-12-31 23:59:00"},
    {"{fn TIMESTAMPADD(SQL_TSI_HOUR, 25, {ts '2024-01-01 00:00:00'})}", "2024-01-02 01:00:00"},
    {"{fn TIMESTAMPADD(SQL_TSI_WEEK, 1, {ts '2024-01-01 00:00:00'})}", "2024-01-08 00:00:00"},
    {"{fn TIMESTAMPADD(SQL_TSI_QUARTER, 1, {ts '2024-01-01 00:00:00'})}", "2024-04-01 00:00:00"},
    {"{fn TIMESTAMPADD(SQL_TSI_YEAR, 1, {ts '2024-02-29 00:00:00'})}", "2025-02-28 00:00:00"},
    {"{fn TIMESTAMPDIFF(SQL_TSI_FRAC_SECOND, {ts '2024-01-01 00:00:00'}, {ts '2024-01-01 00:00:00.0015'})}",
     "1500000"},
    {"{fn TIMESTAMPDIFF(SQL_TSI_SECOND, {ts '2024-01-01 00:00:00'}, {ts '2024-01-01 00:01:01'})}", "61"},
    {"{fn TIMESTAMPDIFF(SQL_TSI_DAY, {d '2024-03-01'}, {d '2024-02-28'})}", "-2"},
    {"{fn TIMESTAMPDIFF(SQL_TSI_QUARTER, {d '2024-01-01'}, {d '2024-12-31'})}", "3"},
    // system functions
    {"{fn DATABASE()} <=> DATABASE()", "1"},
    {"{fn USER()}", "root"},
    {"{fn IFNULL(NULL, 'x')}", "x"},
    // CONVERT to every SQL type that maps
    {"{fn CONVERT('12', SQL_INTEGER)}", "12"},
    {"{fn CONVERT('-5', SQL_BIGINT)}", "-5"},
    {"{fn CONVERT(' 7', SQL_SMALLINT)}", "7"},
    {"{fn CONVERT('3', SQL_TINYINT)}", "3"},
    {"{fn CONVERT(5, SQL_BIT)}", "1"},
    {"{fn CONVERT(0, SQL_BIT)}", "0"},
    {"{fn CONVERT('12.5', SQL_DECIMAL)} = 12.5", "1"},
    {"{fn CONVERT('0.000001', SQL_NUMERIC)} * 1000000", "1.000000000000000000000000000000"},
    {"{fn CONVERT('2.5', SQL_DOUBLE)}", "2.5"},
    {"{fn CONVERT('2.5', SQL_FLOAT)}", "2.5"},
    {"{fn CONVERT('2.5', SQL_REAL)}", "2.5"},
    {"{fn CONVERT(12, SQL_CHAR)}", "12"},
    {"{fn CONVERT(12, SQL_VARCHAR)}", "12"},
    {"{fn CONVERT(12, SQL_LONGVARCHAR)}", "12"},
    {"CHARSET({fn CONVERT(12, SQL_WVARCHAR)})", "utf8mb4"},
    {"CHARSET({fn CONVERT(12, SQL_WCHAR)})", "utf8mb4"},
    {"{fn CONVERT(12, SQL_WLONGVARCHAR)}", "12"},
    {"CHARSET({fn CONVERT('ab', SQL_VARBINARY)})", "binary"},
    {"{fn CONVERT('ab', SQL_BINARY)}", "ab"},
    {"{fn CONVERT('ab', SQL_LONGVARBINARY)}", "ab"},
    {"{fn CONVERT('2024-01-02 10:11:12', SQL_DATE)}", "2024-01-02"},
    {"{fn CONVERT('2024-01-02 10:11:12', SQL_TYPE_DATE)}", "2024-01-02"},
    {"{fn CONVERT('2024-01-02 10:11:12', SQL_TIME)}", "10:11:12"},
    {"{fn CONVERT('10:11:12', SQL_TYPE_TIME)}", "10:11:12"},
    {"{fn CONVERT('2024-01-02 10:11:12.25', SQL_TIMESTAMP)}", "2024-01-02 10:11:12.250000"},
    {"{fn CONVERT({d '2024-01-02'}, SQL_TYPE_TIMESTAMP)}", "2024-01-02 00:00:00.000000"},
    // from non-character sources, as SQLGetInfo(SQL_CONVERT_<type>) advertises them
    {"{fn CONVERT({ts '2024-01-02 03:04:05'}, SQL_TIME)}", "03:04:05"},
    {"{fn CONVERT({ts '2024-01-02 03:04:05'}, SQL_DATE)}", "2024-01-02"},
    {"{fn CONVERT({t '03:04:05'}, SQL_VARCHAR)}", "03:04:05"},
    {"{fn CONVERT({d '2024-01-02'}, SQL_WVARCHAR)}", "2024-01-02"},
    {"{fn CONVERT(12, SQL_VARBINARY)}", "12"},
    {"{fn CONVERT(7.25, SQL_DOUBLE)}", "7.25"},
    {"{fn CONVERT(7.75, SQL_INTEGER)}", "8"},  // MySQL rounds; ODBC leaves it to the data source
    {"{fn CONVERT(1.5E0, SQL_DECIMAL)} = 1.5", "1"},
};

const std::vector<Case> kLiteralCases = {
    {"{d '2024-01-02'}", "2024-01-02"},
    {"{d '2024-1-2'} = DATE '2024-01-02'", "1"},
    {"{t '01:02:03'}", "01:02:03"},
    {"{ts '2024-01-02 03:04:05'}", "2024-01-02 03:04:05"},
    {"{ts '2024-01-02 03:04:05.5'}", "2024-01-02 03:04:05.5"},
    {"{d '2024-01-31'} + {interval '1' month}", "2024-02-29"},
    {"{d '2024-01-01'} - {interval -'2-3' year to month}", "2026-04-01"},
    {"{ts '2024-01-01 00:00:00'} + {interval '1 02:03:04.5' day to second}", "2024-01-02 02:03:04.500000"},
    {"{ts '2024-01-01 00:00:00'} + {interval '1.5' second}", "2024-01-01 00:00:01.500000"},
    {"{ts '2024-01-01 00:00:00'} + {interval '10:30' hour to minute}", "2024-01-01 10:30:00"},
    {"--(*vendor(Microsoft),product(ODBC) fn LCASE('AbC') *)--", "abc"},  // the long form
    {"'a_b' LIKE 'a!_b' {escape '!'}", "1"},
    {"'axb' LIKE 'a!_b' {escape '!'}", "0"},
    {"'a_b' LIKE 'a\\\\_b' {escape '\\'}", "1"},
    {"'axb' LIKE 'a\\\\_b' {escape '\\'}", "0"},
};

class EscapeOnServer : public ::testing::Test {
 protected:
  static MariaDbServer& server() { return shared_server(); }

  void expect_cases(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
      std::string sql;
      try {
        sql = "SELECT " + translate_escapes(c.odbc);
        EXPECT_EQ(server().admin_scalar(sql), c.expected) << c.odbc << "\n  sent: " << sql;
      } catch (const std::exception& e) {
        ADD_FAILURE() << c.odbc << "\n  sent: " << sql << "\n  error: " << e.what();
      }
    }
  }
};

TEST_F(EscapeOnServer, ScalarFunctionsReturnWhatOdbcSays) { expect_cases(kScalarCases); }

TEST_F(EscapeOnServer, DateTimeIntervalAndLikeEscapeLiterals) { expect_cases(kLiteralCases); }

TEST_F(EscapeOnServer, EveryTranslatedFunctionIsCovered) {
  std::set<std::string> covered;
  for (const Case& c : kScalarCases) {
    std::string text = c.odbc;
    for (size_t at = text.find("{fn "); at != std::string::npos; at = text.find("{fn ", at + 1)) {
      size_t start = at + 4, end = start;
      while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
      covered.insert(text.substr(start, end - start));
    }
  }
  for (const std::string& name : supported_scalar_functions())
    EXPECT_TRUE(covered.count(name)) << "no server check for {fn " << name << "}";
}

// The translator must split the text where the server does: under NO_BACKSLASH_ESCAPES 'a\' is
// a whole string, under ANSI_QUOTES "a\" is a whole identifier, so the escape after it is real.
TEST_F(EscapeOnServer, LexingAgreesWithTheServersSqlModes) {
  // sql_mode decides how the server *parses*, so it is set globally (each admin call is a new
  // session; this test process has its own server) and restored afterwards.
  const std::string saved = server().admin_scalar("SELECT @@GLOBAL.sql_mode");
  struct Restore {
    const std::string& mode;
    ~Restore() { shared_server().admin_query("SET GLOBAL sql_mode = '" + mode + "'"); }
  } restore{saved};

  EscapeOptions nbe;
  nbe.backslash_escapes = false;
  std::string sql = translate_escapes("SELECT CONCAT('a\\', {fn LCASE('X')})", nbe);
  server().admin_query("SET GLOBAL sql_mode = 'NO_BACKSLASH_ESCAPES'");
  EXPECT_EQ(server().admin_scalar(sql), "a\\x") << sql;

  EscapeOptions ansi;
  ansi.ansi_quotes = true;
  sql = translate_escapes("SELECT {fn LCASE('X')} AS \"a\\\", {fn UCASE('y')}", ansi);
  server().admin_query("SET GLOBAL sql_mode = 'ANSI_QUOTES'");
  EXPECT_EQ(server().admin_scalar(sql), "x") << sql;

  // With the default modes (backslash escapes on, "..." a string) the same kind of text holds
  // no escape after the backslash: it is still inside the string.
  server().admin_query("SET GLOBAL sql_mode = ''");
  sql = "SELECT " + translate_escapes("'a\\', {fn LCASE(''X'')}'");
  EXPECT_EQ(server().admin_scalar(sql), "a', {fn LCASE('X')}") << sql;
}

TEST_F(EscapeOnServer, OuterJoinEscape) {
  const std::string db = MariaDbServer::database();
  server().admin_query("CREATE OR REPLACE TABLE " + db + ".oj_a (id INT)");
  server().admin_query("CREATE OR REPLACE TABLE " + db + ".oj_b (id INT)");
  server().admin_query("INSERT INTO " + db + ".oj_a VALUES (1), (2), (3)");
  server().admin_query("INSERT INTO " + db + ".oj_b VALUES (2)");
  std::string sql = translate_escapes("SELECT COUNT(*) FROM {oj " + db + ".oj_a a LEFT OUTER JOIN " + db +
                                      ".oj_b b ON a.id = b.id} WHERE b.id IS NULL");
  EXPECT_EQ(server().admin_scalar(sql), "2") << sql;
}

TEST_F(EscapeOnServer, ProcedureCallAndReturnValueCall) {
  const std::string db = MariaDbServer::database();
  server().admin_query("CREATE OR REPLACE PROCEDURE " + db + ".twice(x INT) SELECT x * 2");
  server().admin_query("CREATE OR REPLACE FUNCTION " + db + ".plus_one(x INT) RETURNS INT DETERMINISTIC RETURN x + 1");

  auto call = translate_statement_escapes("{call " + db + ".twice(21)}");
  ASSERT_TRUE(call && call->call);
  EXPECT_EQ(server().admin_scalar(call->sql), "42") << call->sql;

  // MySQL returns a value from a stored function only: {?= call f(...)} runs as SELECT f(...).
  auto fn = translate_statement_escapes("{?= call " + db + ".plus_one({fn ABS(-20)})}");
  ASSERT_TRUE(fn && fn->call && fn->call->has_return_value);
  EXPECT_EQ(server().admin_scalar(fn->call->function_sql()), "21") << fn->call->function_sql();
}

}  // namespace
}  // namespace fabodbc::test
