// SQL_C_GUID through the driver manager: a GUID parameter stored in CHAR(36) (MySQL has no
// UUID type in every version; MariaDB's UUID takes the same text) and read back as SQL_C_GUID
// and as text; a malformed stored value is 22018.
#include "odbc_fixture.h"

#include <cstring>

namespace fabodbc::itest {
namespace {

TEST(ParametersGuid, RoundTripThroughCharColumn) {
  Connection c;
  {
    Statement setup(c);
    setup.exec("CREATE OR REPLACE TABLE guid_rows (id INT PRIMARY KEY, g CHAR(36))");
  }
  Statement s(c);
  SQLGUID in{0x12345678, 0x9abc, 0xdef0, {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08}};
  SQLLEN in_len = sizeof in;
  ASSERT_EQ(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_GUID, SQL_GUID, 36, 0, &in, sizeof in, &in_len), SQL_SUCCESS);
  ASSERT_TRUE(SQL_SUCCEEDED(SQLExecDirect(
      s, reinterpret_cast<SQLCHAR*>(const_cast<char*>("INSERT INTO guid_rows VALUES (1, ?)")), SQL_NTS)))
      << s.diagnostics();
  SQLFreeStmt(s, SQL_RESET_PARAMS);
  EXPECT_EQ(s.scalar("SELECT g FROM guid_rows WHERE id = 1"), "12345678-9abc-def0-0102-030405060708");

  SQLGUID out{};
  SQLLEN out_len = 0;
  ASSERT_TRUE(SQL_SUCCEEDED(
      SQLExecDirect(s, reinterpret_cast<SQLCHAR*>(const_cast<char*>("SELECT g FROM guid_rows WHERE id = 1")), SQL_NTS)));
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  ASSERT_EQ(SQLGetData(s, 1, SQL_C_GUID, &out, sizeof out, &out_len), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(out_len, static_cast<SQLLEN>(sizeof out));
  EXPECT_EQ(out.Data1, in.Data1);
  EXPECT_EQ(out.Data2, in.Data2);
  EXPECT_EQ(out.Data3, in.Data3);
  EXPECT_EQ(std::memcmp(out.Data4, in.Data4, sizeof in.Data4), 0);
  SQLCloseCursor(s);

  ASSERT_TRUE(SQL_SUCCEEDED(SQLExecDirect(s, reinterpret_cast<SQLCHAR*>(const_cast<char*>("SELECT 'not-a-guid'")),
                                          SQL_NTS)));
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  EXPECT_EQ(SQLGetData(s, 1, SQL_C_GUID, &out, sizeof out, &out_len), SQL_ERROR);
  EXPECT_EQ(s.state(), "22018");
}

}  // namespace
}  // namespace fabodbc::itest
