// Reading a DSN from odbc.ini through unixODBC's odbcinst, with a private ODBCINI/ODBCSYSINI.
#include "driver/error.h"
#include "driver/options/connection_options.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

namespace fabodbc {
namespace {

class DsnMerge : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/fabodbc-dsn-XXXXXX";
    dir_ = mkdtemp(tmpl);
    std::ofstream(dir_ + "/user.ini") << "[userdsn]\n"
                                         "Driver = fabodbc\n"
                                         "Server = user-host\n"
                                         "Port = 3307\n"
                                         "Database = shopdb\n"
                                         "User = bob\n"
                                         "Password = from-ini\n"
                                         "SSL_MODE = REQUIRED\n"
                                         "FABRIC_GROUP = g1\n"
                                         "\n[bothspellings]\n"
                                         "Driver = fabodbc\n"
                                         "DB = alias-db\n"
                                         "DATABASE = canonical-db\n"
                                         "PASSWORD = alias-pw\n"
                                         "Trace = Yes\n";
    std::ofstream(dir_ + "/odbc.ini") << "[sysdsn]\n"
                                         "Driver = fabodbc\n"
                                         "SERVER = sys-host\n"
                                         "NO_CACHE = 1\n";
    std::ofstream(dir_ + "/odbcinst.ini") << "[fabodbc]\nDriver = /nonexistent/libfabodbc.so\n";
    setenv("ODBCINI", (dir_ + "/user.ini").c_str(), 1);
    setenv("ODBCSYSINI", dir_.c_str(), 1);
  }
  static void TearDownTestSuite() {
    unlink((dir_ + "/user.ini").c_str());
    unlink((dir_ + "/odbc.ini").c_str());
    unlink((dir_ + "/odbcinst.ini").c_str());
    rmdir(dir_.c_str());
  }
  static std::string dir_;
};
std::string DsnMerge::dir_;

TEST_F(DsnMerge, UserDsnFillsMissingKeywordsUnderCanonicalNames) {
  auto o = ConnectionOptions::parse("DSN=userdsn;PORT=4000", nullptr);
  o.merge_dsn("userdsn", nullptr);
  EXPECT_EQ(o.get("SERVER"), "user-host");
  EXPECT_EQ(o.get("PORT"), "4000");  // the connection string wins
  EXPECT_EQ(o.get("DATABASE"), "shopdb");
  EXPECT_EQ(o.get("UID"), "bob");
  EXPECT_EQ(o.get("PWD"), "from-ini");
  EXPECT_EQ(o.get("SSLMODE"), "REQUIRED");
  EXPECT_EQ(o.get("FABRIC_GROUP"), "g1");
  EXPECT_FALSE(o.has("SOCKET"));
  const auto s = ConnectSettings::from(o);
  EXPECT_EQ(s.port, 4000u);
  EXPECT_EQ(s.ssl_mode, SslMode::Required);
}

TEST_F(DsnMerge, CanonicalSpellingBeatsAnAliasAndForeignEntriesAreIgnored) {
  ConnectionOptions o;
  o.merge_dsn("bothspellings", nullptr);
  EXPECT_EQ(o.get("DATABASE"), "canonical-db");  // although DB comes first in the section
  EXPECT_EQ(o.get("PWD"), "alias-pw");           // an alias alone still counts
  EXPECT_FALSE(o.has("TRACE"));                  // the DM's own entry, not a fabodbc keyword
  EXPECT_FALSE(o.has("DRIVER"));
}

TEST_F(DsnMerge, SystemDsnIsFound) {
  ConnectionOptions o;
  o.merge_dsn("sysdsn", nullptr);
  EXPECT_EQ(o.get("SERVER"), "sys-host");
  EXPECT_EQ(o.get("NO_CACHE"), "1");
  EXPECT_TRUE(ConnectSettings::from(o).no_cache);
}

TEST_F(DsnMerge, MissingDsnIsIM002) {
  ConnectionOptions o;
  try {
    o.merge_dsn("nosuchdsn", nullptr);
    FAIL() << "expected IM002";
  } catch (const OdbcError& e) {
    EXPECT_EQ(e.sqlstate(), "IM002");
    EXPECT_NE(std::string(e.what()).find("nosuchdsn"), std::string::npos);
  }
  EXPECT_THROW(o.merge_dsn("", nullptr), OdbcError);
}

TEST_F(DsnMerge, ANameWithANulByteIsNoDsn) {
  // odbcinst takes names as C strings: "sysdsn\0x" would read [sysdsn], a section the
  // application did not name (SQLConnect's DSN comes with a length and may hold any byte).
  ConnectionOptions o;
  try {
    o.merge_dsn(std::string("sysdsn\0x", 8), nullptr);
    FAIL() << "expected IM002";
  } catch (const OdbcError& e) {
    EXPECT_EQ(e.sqlstate(), "IM002");
    EXPECT_NE(std::string(e.what()).find("NUL"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(o.has("SERVER"));
}

}  // namespace
}  // namespace fabodbc
