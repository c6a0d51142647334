#include "driver/diagnostics.h"

#include <gtest/gtest.h>

namespace fabodbc {
namespace {

TEST(Diagnostics, RecordsCarryPrefixStateAndNative) {
  Diagnostics d;
  d.add("42S02", "Table 'x.y' doesn't exist", 1146);
  ASSERT_EQ(d.count(), 1u);
  EXPECT_STREQ(d.record(1).sqlstate, "42S02");
  EXPECT_EQ(d.record(1).native, 1146);
  EXPECT_EQ(d.record(1).message, "[fabodbc] Table 'x.y' doesn't exist");
}

TEST(Diagnostics, ErrorsComeBeforeWarningsInArrivalOrder) {
  Diagnostics d;
  d.add("01004", "w1");
  d.add("42000", "e1");
  d.add("01S02", "w2");
  d.add("HY000", "e2");
  ASSERT_EQ(d.count(), 4u);
  EXPECT_STREQ(d.record(1).sqlstate, "42000");
  EXPECT_STREQ(d.record(2).sqlstate, "HY000");
  EXPECT_STREQ(d.record(3).sqlstate, "01004");
  EXPECT_STREQ(d.record(4).sqlstate, "01S02");
  EXPECT_FALSE(d.has_warnings_only());
}

TEST(Diagnostics, ClearResetsRecordsAndHeader) {
  Diagnostics d;
  d.add("01004", "w");
  d.set_return_code(SQL_SUCCESS_WITH_INFO);
  d.set_row_count(7);
  EXPECT_TRUE(d.has_warnings_only());
  d.clear();
  EXPECT_EQ(d.count(), 0u);
  EXPECT_EQ(d.return_code(), SQL_SUCCESS);
  EXPECT_EQ(d.row_count(), 0);
}

TEST(Diagnostics, AddsFromOdbcError) {
  Diagnostics d;
  d.add(OdbcError("23000", "Duplicate entry '1' for key 'PRIMARY'", 1062));
  EXPECT_STREQ(d.record(1).sqlstate, "23000");
  EXPECT_EQ(d.record(1).native, 1062);
  EXPECT_NE(d.record(1).message.find("Duplicate entry"), std::string::npos);
}

TEST(Diagnostics, SecretIsNeverInAMessage) {
  Diagnostics d;
  d.set_secret("s3cret-pw");
  d.add("08001", "could not connect with PWD=s3cret-pw to host; again s3cret-pw");
  const std::string& m = d.record(1).message;
  EXPECT_EQ(m.find("s3cret-pw"), std::string::npos) << m;
  EXPECT_NE(m.find("PWD=***"), std::string::npos) << m;
}

TEST(Diagnostics, ClassAndSubclassOrigins) {
  EXPECT_STREQ(Diagnostics::class_origin("42S02"), "ISO 9075");
  EXPECT_STREQ(Diagnostics::class_origin("IM002"), "ODBC 3.0");
  EXPECT_STREQ(Diagnostics::subclass_origin("42S02"), "ODBC 3.0");
  EXPECT_STREQ(Diagnostics::subclass_origin("42000"), "ISO 9075");
  EXPECT_STREQ(Diagnostics::subclass_origin("HYC00"), "ODBC 3.0");
  EXPECT_STREQ(Diagnostics::subclass_origin("01004"), "ISO 9075");
  EXPECT_STREQ(Diagnostics::subclass_origin("01S02"), "ODBC 3.0");
}

}  // namespace
}  // namespace fabodbc
