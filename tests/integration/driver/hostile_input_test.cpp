// Hostile or careless input at the connect calls, through the driver manager: a connection
// string ends at its first NUL whatever length the application passed (applications pass
// their buffer size), a value with a control character no value can mean is refused with
// 08001 naming the keyword, and a string attribute holding a NUL or a control character is
// refused with HY024 naming the attribute (ANSI and wide forms).
#include "tests/integration/driver/odbc_fixture.h"

#include <string>
#include <vector>

namespace fabodbc::itest {
namespace {

std::vector<SQLWCHAR> wide(const std::string& ascii) {
  std::vector<SQLWCHAR> w;
  for (unsigned char c : ascii) w.push_back(c);
  w.push_back(0);
  return w;
}

// SQLDriverConnect with an explicit length that covers everything in `text`, NULs included.
SQLRETURN connect_with_length(UnconnectedDbc& u, const std::string& text, bool use_wide, SQLSMALLINT length) {
  SQLSMALLINT out_len = 0;
  if (use_wide) {
    std::vector<SQLWCHAR> w = wide(text);
    SQLWCHAR out[1024];
    return SQLDriverConnectW(u.dbc, nullptr, w.data(), length, out, 1024, &out_len, SQL_DRIVER_NOPROMPT);
  }
  SQLCHAR out[1024];
  return SQLDriverConnect(u.dbc, nullptr, (SQLCHAR*)text.data(), length, out, sizeof out, &out_len,
                          SQL_DRIVER_NOPROMPT);
}

TEST(HostileInput, ConnectionStringEndsAtItsFirstNul) {
  // What follows the NUL would make the connect fail (a closed port) if it were read.
  const std::string text = world().dsn_connection_string + std::string(1, '\0') + ";PORT=1;UID=nobody";
  for (bool use_wide : {false, true}) {
    for (SQLSMALLINT length : {static_cast<SQLSMALLINT>(text.size()), static_cast<SQLSMALLINT>(1000)}) {
      std::string buffer = text;
      buffer.resize(1000, 'x');  // the rest of the application's buffer: garbage
      UnconnectedDbc u;
      const SQLRETURN rc = connect_with_length(u, buffer, use_wide, length);
      EXPECT_TRUE(SQL_SUCCEEDED(rc)) << "wide=" << use_wide << " length=" << length << ": "
                                     << all_diagnostics(SQL_HANDLE_DBC, u.dbc);
    }
  }
}

TEST(HostileInput, ControlCharacterInAValueIsRefusedNamingTheKeyword) {
  for (bool use_wide : {false, true}) {
    for (const std::string& bad : {std::string("DATABASE=te\x01st"), std::string("UID=ro\not"),
                                   std::string("PWD=se\rcret"), std::string("SERVER=127.0.0.1\x1b"),
                                   std::string("FABRIC_HOST=127.0.0.1\tevil")}) {
      const std::string text = world().dsn_connection_string + ";" + bad;
      UnconnectedDbc u;
      EXPECT_EQ(connect_with_length(u, text, use_wide, SQL_NTS), SQL_ERROR) << bad;
      EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, u.dbc), "08001") << bad;
      const std::string message = diag_message(SQL_HANDLE_DBC, u.dbc);
      const std::string keyword = bad.substr(0, bad.find('='));
      EXPECT_NE(message.find("Invalid value for " + keyword), std::string::npos) << message;
      EXPECT_NE(message.find("control character"), std::string::npos) << message;
      EXPECT_EQ(message.find("se\rcret"), std::string::npos) << "a password was echoed";
    }
  }
  // INITSTMT is SQL: tabs and line breaks are white space there.
  Connection c(world().dsn_connection_string + ";INITSTMT={SET\t@fab_x\n=\r\n1}");
  Statement s(c);
  EXPECT_EQ(s.scalar("SELECT @fab_x"), "1");
}

TEST(HostileInput, StringAttributeWithNulOrControlCharacterIsRefused) {
  Connection c;
  const std::string with_nul("fab\0x", 5);
  // ANSI with an explicit length.
  SQLRETURN rc = SQLSetConnectAttr(c.dbc(), SQL_ATTR_CURRENT_CATALOG, (SQLPOINTER)with_nul.data(),
                                   static_cast<SQLINTEGER>(with_nul.size()));
  EXPECT_EQ(rc, SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, c.dbc()), "HY024");
  EXPECT_NE(diag_message(SQL_HANDLE_DBC, c.dbc()).find("SQL_ATTR_CURRENT_CATALOG"), std::string::npos)
      << diag_message(SQL_HANDLE_DBC, c.dbc());
  // Wide with an explicit length in bytes.
  std::vector<SQLWCHAR> w = wide(with_nul);
  rc = SQLSetConnectAttrW(c.dbc(), SQL_ATTR_CURRENT_CATALOG, w.data(), static_cast<SQLINTEGER>(5 * sizeof(SQLWCHAR)));
  EXPECT_EQ(rc, SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, c.dbc()), "HY024");
  // A control character, NUL-terminated.
  rc = SQLSetConnectAttr(c.dbc(), SQL_ATTR_CURRENT_CATALOG, (SQLPOINTER) "te\nst", SQL_NTS);
  EXPECT_EQ(rc, SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, c.dbc()), "HY024");
  // The catalog did not change.
  Statement s(c);
  EXPECT_EQ(s.scalar("SELECT DATABASE()"), test::MariaDbServer::database());
}

}  // namespace
}  // namespace fabodbc::itest
