#include "driver/sqlstate_map.h"

#include <gtest/gtest.h>

namespace fabodbc {
namespace {

TEST(SqlstateMap, MapsTheErrorsApplicationsTestFor) {
  EXPECT_EQ(sqlstate_for_mysql_error(1045, "28000"), "28000");
  EXPECT_EQ(sqlstate_for_mysql_error(2002, "HY000"), "08001");
  EXPECT_EQ(sqlstate_for_mysql_error(2003, "HY000"), "08001");
  EXPECT_EQ(sqlstate_for_mysql_error(2005, "HY000"), "08001");
  EXPECT_EQ(sqlstate_for_mysql_error(2006, "HY000"), "08S01");
  EXPECT_EQ(sqlstate_for_mysql_error(2013, "HY000"), "08S01");
  EXPECT_EQ(sqlstate_for_mysql_error(1064, "42000"), "42000");
  EXPECT_EQ(sqlstate_for_mysql_error(1149, "42000"), "42000");
  EXPECT_EQ(sqlstate_for_mysql_error(1146, "42S02"), "42S02");
  EXPECT_EQ(sqlstate_for_mysql_error(1054, "42S22"), "42S22");
  EXPECT_EQ(sqlstate_for_mysql_error(1062, "23000"), "23000");
  EXPECT_EQ(sqlstate_for_mysql_error(1451, "23000"), "23000");
  EXPECT_EQ(sqlstate_for_mysql_error(1452, "23000"), "23000");
  EXPECT_EQ(sqlstate_for_mysql_error(1213, "40001"), "40001");
  EXPECT_EQ(sqlstate_for_mysql_error(1205, "HY000"), "HYT00");
  EXPECT_EQ(sqlstate_for_mysql_error(1317, "70100"), "HY008");
}

TEST(SqlstateMap, UnknownNumbersKeepTheServerState) {
  EXPECT_EQ(sqlstate_for_mysql_error(4025, "23000"), "23000");  // CHECK constraint
  EXPECT_EQ(sqlstate_for_mysql_error(9999, ""), "HY000");
  EXPECT_EQ(sqlstate_for_mysql_error(9999, "00000"), "HY000");
}

TEST(SqlstateMap, ClassifiesForFailover) {
  EXPECT_EQ(classify_mysql_error(2006), MySqlErrorClass::ConnectionLost);
  EXPECT_EQ(classify_mysql_error(2013), MySqlErrorClass::ConnectionLost);
  EXPECT_EQ(classify_mysql_error(1290), MySqlErrorClass::ReadOnly);
  EXPECT_EQ(classify_mysql_error(1064), MySqlErrorClass::Sql);
}

}  // namespace
}  // namespace fabodbc
