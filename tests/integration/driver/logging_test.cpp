// The LOG / LOG_LEVEL keywords through the driver manager: connects, failures and disconnects
// are written with a connection id, and no password ever reaches the file.
#include "tests/integration/driver/odbc_fixture.h"

#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>

namespace fabodbc::itest {
namespace {

std::string log_path(const char* name) {
  return "/tmp/fabodbc-log-itest-" + std::to_string(getpid()) + "-" + name + ".log";
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Logging, ConnectAndDisconnectAreLoggedAndThePasswordNever) {
  const std::string path = log_path("connect");
  unlink(path.c_str());
  {
    Connection c(world().driver_connection_string + ";LOG=" + path + ";LOG_LEVEL=debug");
    Statement s(c);
    EXPECT_EQ(s.scalar("SELECT 1"), "1");
  }
  const std::string text = slurp(path);
  const std::string port = std::to_string(world().server.port());
  EXPECT_TRUE(std::regex_search(text, std::regex(R"(Z INFO \[c\d+\] connect: connected to 127\.0\.0\.1:)" + port +
                                                 R"( as fabodbc, database fabodbc_test, server 10\.)")))
      << text;
  EXPECT_NE(text.find(" DEBUG [c"), std::string::npos) << text;  // the masked connection string
  EXPECT_NE(text.find("PWD=***"), std::string::npos) << text;
  EXPECT_NE(text.find("disconnect: closed the connection to 127.0.0.1:" + port), std::string::npos) << text;
  EXPECT_EQ(text.find(test::MariaDbServer::password()), std::string::npos) << text;
  unlink(path.c_str());
}

TEST(Logging, AFailedLoginIsAnErrorLineWithoutThePassword) {
  const std::string path = log_path("failed");
  unlink(path.c_str());
  // The sandbox must exist before the driver manager's first call (it caches the ini paths).
  const std::string port = std::to_string(world().server.port());
  const std::string cs = "DRIVER=fabodbc;SERVER=127.0.0.1;PORT=" + port +
                         ";UID=fabodbc;PWD=Wrong-Secret-9;LOG=" + path + ";LOG_LEVEL=error";
  {
    UnconnectedDbc h;
    SQLRETURN rc = SQLDriverConnect(h.dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr,
                                    SQL_DRIVER_NOPROMPT);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, h.dbc), "28000");
  }
  const std::string text = slurp(path);
  EXPECT_TRUE(std::regex_search(text, std::regex(R"(Z ERROR \[c\d+\] connect: failed: 28000 )"))) << text;
  EXPECT_EQ(text.find("Wrong-Secret-9"), std::string::npos) << text;
  EXPECT_EQ(text.find(" INFO "), std::string::npos) << "LOG_LEVEL=error must keep info lines out: " << text;
  unlink(path.c_str());
}

TEST(Logging, ABadLogLevelIsAConnectErrorNamingIt) {
  const std::string cs = world().driver_connection_string + ";LOG=" + log_path("bad") + ";LOG_LEVEL=chatty";
  UnconnectedDbc h;
  EXPECT_EQ(SQLDriverConnect(h.dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT),
            SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, h.dbc), "08001");
  EXPECT_NE(diag_message(SQL_HANDLE_DBC, h.dbc).find("LOG_LEVEL"), std::string::npos);
}

}  // namespace
}  // namespace fabodbc::itest
