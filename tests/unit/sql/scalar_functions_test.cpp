// {fn ...}: each function's MySQL form, argument counts, CONVERT types, TIMESTAMPADD intervals.
#include "driver/sql/scalar_functions.h"

#include <set>

#include "tests/unit/sql/sql_test_util.h"

namespace fabodbc::test {
namespace {

std::string fn(const std::string& body) { return tr("{fn " + body + "}"); }

TEST(ScalarFunctions, SameNameFunctionsPassThroughWithTheirArguments) {
  EXPECT_EQ(fn("lcase('AbC')"), "LCASE('AbC')");
  EXPECT_EQ(fn("SUBSTRING(name, 2, 3)"), "SUBSTRING(name, 2, 3)");
  EXPECT_EQ(fn("LOCATE('b', 'abc')"), "LOCATE('b', 'abc')");
  EXPECT_EQ(fn("INSERT('abcdef', 2, 3, 'XY')"), "INSERT('abcdef', 2, 3, 'XY')");
  EXPECT_EQ(fn("POSITION('b' IN 'abc')"), "POSITION('b' IN 'abc')");
  EXPECT_EQ(fn("EXTRACT(YEAR FROM d)"), "EXTRACT(YEAR FROM d)");
  EXPECT_EQ(fn("ROUND(1.55, 1)"), "ROUND(1.55, 1)");
  EXPECT_EQ(fn("RAND()"), "RAND()");
  EXPECT_EQ(fn("NOW( )"), "NOW()");
  EXPECT_EQ(fn("CURRENT_DATE"), "CURRENT_DATE()");
  EXPECT_EQ(fn("CURRENT_TIMESTAMP(3)"), "CURRENT_TIMESTAMP(3)");
  EXPECT_EQ(fn("IFNULL(a, 'x,y')"), "IFNULL(a, 'x,y')");
  EXPECT_EQ(fn("CONCAT(f(a, b), ')')"), "CONCAT(f(a, b), ')')");
}

TEST(ScalarFunctions, FunctionsWhoseMySqlNamesakeMeansSomethingElse) {
  EXPECT_EQ(fn("LENGTH('ab  ')"), "CHAR_LENGTH(RTRIM('ab  '))");
  EXPECT_EQ(fn("CHAR(65)"), "CHAR(65 USING latin1)");
  EXPECT_EQ(fn("ATAN2(0.75, 0.5)"), "ATAN2(0.5, 0.75)");
  EXPECT_EQ(fn("LOG(10)"), "LN(10)");
  EXPECT_EQ(fn("WEEK(d)"), "WEEK(d, 3)");
  EXPECT_NE(fn("USER()").find("CURRENT_USER()"), std::string::npos);
}

TEST(ScalarFunctions, NonOdbcFunctionsAreLeftToTheServer) {
  EXPECT_EQ(fn("CONCAT_WS(',', a, b)"), "CONCAT_WS(',', a, b)");
  EXPECT_EQ(fn("my_stored_function(1)"), "my_stored_function(1)");
}

TEST(ScalarFunctions, WrongArgumentCountsAre42000) {
  std::string message;
  EXPECT_EQ(state("{fn LCASE()}", &message), "42000");
  EXPECT_NE(message.find("LCASE"), std::string::npos) << message;
  EXPECT_EQ(state("{fn LCASE(a, b)}"), "42000");
  EXPECT_EQ(state("{fn PI(1)}"), "42000");
  EXPECT_EQ(state("{fn CONCAT('a')}"), "42000");
  EXPECT_EQ(state("{fn INSERT('a', 1, 2)}"), "42000");
  EXPECT_EQ(state("{fn NOW}"), "42000");
  EXPECT_EQ(state("{fn ABS(1) + 1}"), "42000");
  EXPECT_EQ(state("{fn ABS(1, )}"), "42000");
  EXPECT_EQ(state("{fn (1)}"), "42000");
}

TEST(ScalarFunctions, OdbcFunctionsMySqlCannotExpressAreHYC00) {
  EXPECT_EQ(state("{fn DIFFERENCE('a', 'b')}"), "HYC00");
}

TEST(ScalarFunctions, Convert) {
  EXPECT_EQ(fn("CONVERT('12', SQL_INTEGER)"), "CAST('12' AS SIGNED)");
  EXPECT_EQ(fn("CONVERT(x, sql_bigint)"), "CAST(x AS SIGNED)");
  EXPECT_EQ(fn("CONVERT(x, SQL_DECIMAL)"), "CAST(x AS DECIMAL(65,30))");
  EXPECT_EQ(fn("CONVERT(x, SQL_DOUBLE)"), "((x) + 0E0)");
  EXPECT_EQ(fn("CONVERT(x, SQL_BIT)"), "((x) <> 0)");
  EXPECT_EQ(fn("CONVERT(x, SQL_WVARCHAR)"), "CAST(x AS CHAR CHARACTER SET utf8mb4)");
  EXPECT_EQ(fn("CONVERT(x, SQL_VARBINARY)"), "CAST(x AS BINARY)");
  EXPECT_EQ(fn("CONVERT(x, SQL_TYPE_DATE)"), "CAST(x AS DATE)");
  EXPECT_EQ(fn("CONVERT(x, SQL_TIMESTAMP)"), "CAST(x AS DATETIME(6))");
  EXPECT_EQ(fn("CONVERT({fn CONVERT(x, SQL_CHAR)}, SQL_INTEGER)"), "CAST(CAST(x AS CHAR) AS SIGNED)");
  EXPECT_EQ(state("{fn CONVERT(x, SQL_GUID)}"), "HYC00");
  EXPECT_EQ(state("{fn CONVERT(x, SQL_INTERVAL_DAY)}"), "HYC00");
  EXPECT_EQ(state("{fn CONVERT(x, SQL_NOSUCH)}"), "42000");
  EXPECT_EQ(state("{fn CONVERT(x, INTEGER)}"), "42000");
  EXPECT_EQ(state("{fn CONVERT(x)}"), "42000");
}

TEST(ScalarFunctions, TimestampAddAndDiffIntervals) {
  EXPECT_EQ(fn("TIMESTAMPADD(SQL_TSI_MONTH, 1, d)"), "TIMESTAMPADD(MONTH, 1, d)");
  EXPECT_EQ(fn("TIMESTAMPDIFF(sql_tsi_quarter, a, b)"), "TIMESTAMPDIFF(QUARTER, a, b)");
  EXPECT_EQ(fn("TIMESTAMPADD(DAY, 1, d)"), "TIMESTAMPADD(DAY, 1, d)");
  EXPECT_EQ(fn("TIMESTAMPADD(SQL_TSI_FRAC_SECOND, 1500, d)"), "TIMESTAMPADD(MICROSECOND, (1500) DIV 1000, d)");
  EXPECT_EQ(fn("TIMESTAMPDIFF(SQL_TSI_FRAC_SECOND, a, b)"), "(TIMESTAMPDIFF(MICROSECOND, a, b) * 1000)");
  EXPECT_EQ(state("{fn TIMESTAMPADD(FRAC_SECOND, 1, d)}"), "42000");
  EXPECT_EQ(state("{fn TIMESTAMPADD(SQL_TSI_FORTNIGHT, 1, d)}"), "42000");
  EXPECT_EQ(state("{fn TIMESTAMPDIFF(SQL_TSI_DAY, a)}"), "42000");
}

TEST(ScalarFunctions, EverySupportedFunctionTranslatesWithTheRightNumberOfArguments) {
  // Each table entry, called with its minimum argument count of markers, translates and
  // keeps exactly that many markers (none duplicated, none lost).
  for (const sql::ScalarFunction& f : sql::odbc_scalar_functions()) {
    if (!f.mysql) continue;
    std::string args;
    for (int k = 0; k < f.min_args; ++k) args += k ? ", ?" : "?";
    if (std::string(f.name) == "CONVERT") args = "?, SQL_CHAR";
    if (std::string(f.name) == "TIMESTAMPADD" || std::string(f.name) == "TIMESTAMPDIFF") args = "SQL_TSI_DAY, ?, ?";
    if (std::string(f.name) == "ATAN2") args = "?, 1";
    std::string out = tr(std::string("SELECT {fn ") + f.name + "(" + args + ")}");
    size_t expected = sql::count_markers(args, {});
    EXPECT_EQ(sql::count_markers(out, {}), expected) << f.name << " -> " << out;
    EXPECT_EQ(out.find('{'), std::string::npos) << f.name;
  }
}

TEST(ScalarFunctions, SupportedListMatchesTheTable) {
  std::vector<std::string> names = supported_scalar_functions();
  std::set<std::string> set(names.begin(), names.end());
  EXPECT_EQ(set.size(), names.size());
  EXPECT_TRUE(set.count("LCASE"));
  EXPECT_TRUE(set.count("CONVERT"));
  EXPECT_TRUE(set.count("TIMESTAMPADD"));
  EXPECT_FALSE(set.count("DIFFERENCE"));
  for (const std::string& name : names) EXPECT_NE(sql::find_scalar_function(name), nullptr) << name;
}

}  // namespace
}  // namespace fabodbc::test
