// SQLGetInfo bitmasks derived from the translator: each advertised bit translates, each
// function that fails to translate is not advertised.
#include <sqlext.h>

#include <stdexcept>

#include "driver/sql/scalar_functions.h"
#include "tests/unit/sql/sql_test_util.h"

namespace fabodbc::test {
namespace {

TEST(FunctionMasks, GroupsContainTheirFunctions) {
  uint32_t str = supported_function_mask(SQL_STRING_FUNCTIONS);
  EXPECT_TRUE(str & SQL_FN_STR_LCASE);
  EXPECT_TRUE(str & SQL_FN_STR_LENGTH);
  EXPECT_TRUE(str & SQL_FN_STR_LOCATE);
  EXPECT_TRUE(str & SQL_FN_STR_LOCATE_2);
  EXPECT_FALSE(str & SQL_FN_STR_DIFFERENCE);
  EXPECT_EQ(supported_function_mask(SQL_NUMERIC_FUNCTIONS) & SQL_FN_NUM_ATAN2, uint32_t(SQL_FN_NUM_ATAN2));
  EXPECT_TRUE(supported_function_mask(SQL_TIMEDATE_FUNCTIONS) & SQL_FN_TD_TIMESTAMPADD);
  EXPECT_EQ(supported_function_mask(SQL_SYSTEM_FUNCTIONS),
            uint32_t(SQL_FN_SYS_DBNAME | SQL_FN_SYS_IFNULL | SQL_FN_SYS_USERNAME));
  EXPECT_EQ(supported_function_mask(SQL_CONVERT_FUNCTIONS), uint32_t(SQL_FN_CVT_CONVERT | SQL_FN_CVT_CAST));
}

TEST(FunctionMasks, EveryAdvertisedScalarFunctionTranslatesAndNoOtherDoes) {
  // Rebuild the masks by trying every ODBC function with its minimum argument count.
  uint32_t seen[5] = {0, 0, 0, 0, 0};
  for (const sql::ScalarFunction& f : sql::odbc_scalar_functions()) {
    std::string args;
    for (int k = 0; k < f.min_args; ++k) args += k ? ", 'x'" : "'x'";
    if (std::string(f.name) == "CONVERT") args = "1, SQL_CHAR";
    if (std::string(f.name) == "TIMESTAMPADD" || std::string(f.name) == "TIMESTAMPDIFF") args = "SQL_TSI_DAY, 1, 2";
    bool ok = state(std::string("{fn ") + f.name + "(" + args + ")}").empty();
    if (ok) seen[static_cast<int>(f.group)] |= f.bits;
  }
  EXPECT_EQ(seen[0], supported_function_mask(SQL_STRING_FUNCTIONS));
  EXPECT_EQ(seen[1], supported_function_mask(SQL_NUMERIC_FUNCTIONS));
  EXPECT_EQ(seen[2], supported_function_mask(SQL_TIMEDATE_FUNCTIONS));
  EXPECT_EQ(seen[3], supported_function_mask(SQL_SYSTEM_FUNCTIONS));
  EXPECT_EQ(seen[4] | SQL_FN_CVT_CAST, supported_function_mask(SQL_CONVERT_FUNCTIONS));
}

TEST(FunctionMasks, IntervalsAdvertisedAreTheOnesTimestampAddAccepts) {
  struct { const char* name; uint32_t bit; } all[] = {
      {"FRAC_SECOND", SQL_FN_TSI_FRAC_SECOND}, {"SECOND", SQL_FN_TSI_SECOND}, {"MINUTE", SQL_FN_TSI_MINUTE},
      {"HOUR", SQL_FN_TSI_HOUR}, {"DAY", SQL_FN_TSI_DAY}, {"WEEK", SQL_FN_TSI_WEEK},
      {"MONTH", SQL_FN_TSI_MONTH}, {"QUARTER", SQL_FN_TSI_QUARTER}, {"YEAR", SQL_FN_TSI_YEAR}};
  uint32_t accepted = 0;
  for (auto& iv : all) {
    bool add = state(std::string("{fn TIMESTAMPADD(SQL_TSI_") + iv.name + ", 1, d)}").empty();
    bool diff = state(std::string("{fn TIMESTAMPDIFF(SQL_TSI_") + iv.name + ", a, b)}").empty();
    EXPECT_EQ(add, diff) << iv.name;
    if (add) accepted |= iv.bit;
  }
  EXPECT_EQ(accepted, supported_function_mask(SQL_TIMEDATE_ADD_INTERVALS));
  EXPECT_EQ(accepted, supported_function_mask(SQL_TIMEDATE_DIFF_INTERVALS));
}

TEST(FunctionMasks, ConvertTargetsAdvertisedAreTheOnesConvertAccepts) {
  struct { const char* name; uint32_t bit; } all[] = {
      {"CHAR", SQL_CVT_CHAR}, {"NUMERIC", SQL_CVT_NUMERIC}, {"DECIMAL", SQL_CVT_DECIMAL},
      {"INTEGER", SQL_CVT_INTEGER}, {"SMALLINT", SQL_CVT_SMALLINT}, {"FLOAT", SQL_CVT_FLOAT},
      {"REAL", SQL_CVT_REAL}, {"DOUBLE", SQL_CVT_DOUBLE}, {"VARCHAR", SQL_CVT_VARCHAR},
      {"LONGVARCHAR", SQL_CVT_LONGVARCHAR}, {"BINARY", SQL_CVT_BINARY}, {"VARBINARY", SQL_CVT_VARBINARY},
      {"BIT", SQL_CVT_BIT}, {"TINYINT", SQL_CVT_TINYINT}, {"BIGINT", SQL_CVT_BIGINT}, {"DATE", SQL_CVT_DATE},
      {"TIME", SQL_CVT_TIME}, {"TIMESTAMP", SQL_CVT_TIMESTAMP}, {"LONGVARBINARY", SQL_CVT_LONGVARBINARY},
      {"INTERVAL_YEAR_TO_MONTH", SQL_CVT_INTERVAL_YEAR_MONTH}, {"INTERVAL_DAY_TO_SECOND", SQL_CVT_INTERVAL_DAY_TIME},
      {"WCHAR", SQL_CVT_WCHAR}, {"WLONGVARCHAR", SQL_CVT_WLONGVARCHAR}, {"WVARCHAR", SQL_CVT_WVARCHAR},
      {"GUID", SQL_CVT_GUID}};
  uint32_t accepted = 0;
  for (auto& t : all)
    if (state(std::string("{fn CONVERT(x, SQL_") + t.name + ")}").empty()) accepted |= t.bit;
  // From character data every translated target; from other types what SQL-92's CAST allows.
  EXPECT_EQ(accepted, supported_function_mask(SQL_CONVERT_VARCHAR));
  EXPECT_EQ(accepted, supported_function_mask(SQL_CONVERT_WCHAR));
  const uint32_t datetime = SQL_CVT_DATE | SQL_CVT_TIME | SQL_CVT_TIMESTAMP;
  EXPECT_EQ(accepted & ~datetime, supported_function_mask(SQL_CONVERT_INTEGER));
  EXPECT_EQ(accepted & ~datetime, supported_function_mask(SQL_CONVERT_VARBINARY));
  EXPECT_EQ(supported_function_mask(SQL_CONVERT_DATE) & datetime, uint32_t(SQL_CVT_DATE | SQL_CVT_TIMESTAMP));
  EXPECT_EQ(supported_function_mask(SQL_CONVERT_TIME) & datetime, uint32_t(SQL_CVT_TIME | SQL_CVT_TIMESTAMP));
  EXPECT_EQ(supported_function_mask(SQL_CONVERT_TIMESTAMP) & datetime, datetime);
  EXPECT_TRUE(supported_function_mask(SQL_CONVERT_DATE) & SQL_CVT_WVARCHAR);
  EXPECT_FALSE(supported_function_mask(SQL_CONVERT_DATE) & SQL_CVT_INTEGER);
  EXPECT_TRUE(accepted & SQL_CVT_WCHAR);  // Qt looks for SQL_CVT_W* to detect Unicode support
  EXPECT_EQ(supported_function_mask(SQL_CONVERT_GUID), 0u);
  EXPECT_EQ(supported_function_mask(SQL_CONVERT_INTERVAL_DAY_TIME), 0u);
}

TEST(FunctionMasks, OtherInfoTypesAreNotAnswered) {
  EXPECT_FALSE(is_function_mask_info_type(SQL_DBMS_NAME));
  EXPECT_TRUE(is_function_mask_info_type(SQL_STRING_FUNCTIONS));
  EXPECT_TRUE(is_function_mask_info_type(SQL_CONVERT_WCHAR));
  EXPECT_THROW(supported_function_mask(SQL_DBMS_NAME), std::invalid_argument);
}

}  // namespace
}  // namespace fabodbc::test
