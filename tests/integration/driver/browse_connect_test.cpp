// SQLBrowseConnect through the driver manager: the rounds of NEED_DATA with the browse-result
// syntax, the database list offered once the credentials are known, the final connect, the
// end of a browse on error or SQLDisconnect, and the wide form.
#include "odbc_fixture.h"

#include <sqlucode.h>

namespace fabodbc::itest {
namespace {

struct BrowseDbc : UnconnectedDbc {
  std::string out;  // the out string of the last round
  SQLRETURN round(const std::string& in) {
    SQLCHAR buffer[4096] = {0};
    SQLSMALLINT length = 0;
    SQLRETURN rc = SQLBrowseConnect(dbc, (SQLCHAR*)in.c_str(), SQL_NTS, buffer, sizeof buffer, &length);
    out.assign(reinterpret_cast<char*>(buffer));
    return rc;
  }
  std::string database() {
    SQLHSTMT st = SQL_NULL_HSTMT;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    std::string value = "(error)";
    if (SQL_SUCCEEDED(SQLExecDirect(st, (SQLCHAR*)"SELECT IFNULL(DATABASE(), '(none)')", SQL_NTS)) &&
        SQL_SUCCEEDED(SQLFetch(st))) {
      char text[128] = {0};
      SQLLEN ind = 0;
      SQLGetData(st, 1, SQL_C_CHAR, text, sizeof text, &ind);
      value = text;
    }
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    return value;
  }
};

std::string server_part() {
  return "SERVER=" + world().server.host() + ";PORT=" + std::to_string(world().server.port());
}
std::string user_part() { return "UID=" + test::MariaDbServer::user(); }
std::string password_part() { return "PWD={" + test::MariaDbServer::password() + "}"; }

TEST(BrowseConnect, AsksForWhatIsMissingRoundByRound) {
  BrowseDbc b;
  ASSERT_EQ(b.round("DRIVER={fabodbc}"), SQL_NEED_DATA) << all_diagnostics(SQL_HANDLE_DBC, b.dbc);
  EXPECT_EQ(b.out, "SERVER:Server=?;UID:User=?;PWD:Password=?;*PORT:Port=?;*DATABASE:Database=?");

  ASSERT_EQ(b.round(server_part() + ";" + user_part()), SQL_NEED_DATA) << all_diagnostics(SQL_HANDLE_DBC, b.dbc);
  EXPECT_EQ(b.out, "PWD:Password=?;*DATABASE:Database=?");

  // Credentials complete: the databases this user sees are offered, optionally.
  ASSERT_EQ(b.round(password_part()), SQL_NEED_DATA) << all_diagnostics(SQL_HANDLE_DBC, b.dbc);
  EXPECT_EQ(b.out.rfind("*DATABASE:Database={", 0), 0u) << b.out;
  EXPECT_NE(b.out.find(test::MariaDbServer::database()), std::string::npos) << b.out;
  EXPECT_NE(b.out.find("information_schema"), std::string::npos) << b.out;
  EXPECT_EQ(b.out.back(), '}') << b.out;

  SQLRETURN rc = b.round("DATABASE=" + test::MariaDbServer::database());
  ASSERT_TRUE(rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO) << rc << all_diagnostics(SQL_HANDLE_DBC, b.dbc);
  EXPECT_NE(b.out.find("DATABASE=" + test::MariaDbServer::database()), std::string::npos) << b.out;
  EXPECT_NE(b.out.find("SERVER=" + world().server.host()), std::string::npos) << b.out;
  EXPECT_EQ(b.database(), test::MariaDbServer::database());
}

TEST(BrowseConnect, EmptyLastRoundConnectsWithoutADatabase) {
  BrowseDbc b;
  ASSERT_EQ(b.round("DRIVER={fabodbc};" + server_part() + ";" + user_part() + ";" + password_part()),
            SQL_NEED_DATA)
      << all_diagnostics(SQL_HANDLE_DBC, b.dbc);
  ASSERT_EQ(b.out.rfind("*DATABASE:Database=", 0), 0u) << b.out;
  ASSERT_TRUE(SQL_SUCCEEDED(b.round(""))) << all_diagnostics(SQL_HANDLE_DBC, b.dbc);
  EXPECT_EQ(b.database(), "(none)");
}

TEST(BrowseConnect, CompleteDsnConnectsInTheFirstRound) {
  BrowseDbc b;
  SQLRETURN rc = b.round(world().dsn_connection_string);
  ASSERT_TRUE(rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO) << rc << all_diagnostics(SQL_HANDLE_DBC, b.dbc);
  EXPECT_NE(b.out.find("DSN=fabodbc_test"), std::string::npos) << b.out;
  EXPECT_EQ(b.database(), test::MariaDbServer::database());
}

TEST(BrowseConnect, WrongPasswordEndsTheBrowseWith28000) {
  BrowseDbc b;
  ASSERT_EQ(b.round("DRIVER={fabodbc};" + server_part() + ";" + user_part()), SQL_NEED_DATA);
  EXPECT_EQ(b.round("PWD=certainly-wrong"), SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, b.dbc), "28000") << all_diagnostics(SQL_HANDLE_DBC, b.dbc);
  EXPECT_EQ(all_diagnostics(SQL_HANDLE_DBC, b.dbc).find("certainly-wrong"), std::string::npos);
  // The browse is over: a new one starts from the beginning.
  ASSERT_EQ(b.round("DRIVER={fabodbc}"), SQL_NEED_DATA) << all_diagnostics(SQL_HANDLE_DBC, b.dbc);
  EXPECT_EQ(b.out.rfind("SERVER:Server=?", 0), 0u) << b.out;
}

TEST(BrowseConnect, DisconnectCancelsABrowseInProgress) {
  BrowseDbc b;
  ASSERT_EQ(b.round("DRIVER={fabodbc};" + server_part()), SQL_NEED_DATA);
  EXPECT_EQ(SQLDisconnect(b.dbc), SQL_SUCCESS) << all_diagnostics(SQL_HANDLE_DBC, b.dbc);
  // Nothing of the cancelled browse remains: UID is asked for again.
  ASSERT_EQ(b.round("DRIVER={fabodbc};" + server_part()), SQL_NEED_DATA);
  EXPECT_EQ(b.out, "UID:User=?;PWD:Password=?;*DATABASE:Database=?");
  EXPECT_EQ(SQLDisconnect(b.dbc), SQL_SUCCESS);
  SQLCHAR out[1024];
  SQLSMALLINT len = 0;
  EXPECT_TRUE(SQL_SUCCEEDED(SQLDriverConnect(b.dbc, nullptr, (SQLCHAR*)world().dsn_connection_string.c_str(),
                                             SQL_NTS, out, sizeof out, &len, SQL_DRIVER_NOPROMPT)))
      << all_diagnostics(SQL_HANDLE_DBC, b.dbc);
}

TEST(BrowseConnect, BadValueIsAnErrorThatNamesTheKeyword) {
  BrowseDbc b;
  ASSERT_EQ(b.round("DRIVER={fabodbc};SERVER=127.0.0.1;PORT=eighty;" + user_part()), SQL_NEED_DATA) << b.out;
  ASSERT_EQ(b.round(password_part()), SQL_ERROR) << b.out;
  EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, b.dbc), "08001");
  EXPECT_NE(diag_message(SQL_HANDLE_DBC, b.dbc).find("PORT"), std::string::npos)
      << all_diagnostics(SQL_HANDLE_DBC, b.dbc);
}

TEST(BrowseConnect, WideFormAndShortBufferTruncate) {
  BrowseDbc b;
  std::u16string in = u"DRIVER={fabodbc}";
  SQLWCHAR out[16] = {0};
  SQLSMALLINT length = 0;
  SQLRETURN rc = SQLBrowseConnectW(b.dbc, reinterpret_cast<SQLWCHAR*>(in.data()), SQL_NTS, out, 16, &length);
  EXPECT_EQ(rc, SQL_NEED_DATA) << all_diagnostics(SQL_HANDLE_DBC, b.dbc);
  const std::string full = "SERVER:Server=?;UID:User=?;PWD:Password=?;*PORT:Port=?;*DATABASE:Database=?";
  EXPECT_EQ(length, static_cast<SQLSMALLINT>(full.size()));  // the whole length, in characters
  std::string got;
  for (int i = 0; out[i] != 0; ++i) got += static_cast<char>(out[i]);
  EXPECT_EQ(got, full.substr(0, 15));
  EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, b.dbc), "01004");
}

TEST(BrowseConnect, GetFunctionsReportsIt) {
  Connection c;
  SQLUSMALLINT supported = SQL_FALSE;
  ASSERT_ODBC_OK(SQLGetFunctions(c.dbc(), SQL_API_SQLBROWSECONNECT, &supported), SQL_HANDLE_DBC, c.dbc());
  EXPECT_EQ(supported, SQL_TRUE);
}

}  // namespace
}  // namespace fabodbc::itest
