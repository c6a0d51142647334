// The fabodbc CLI's dsn, keywords and help commands: output, files written and exit codes,
// bad input included. Each test runs the built binary in a private ODBCSYSINI/ODBCINI.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "driver/options/keywords.h"
#include "tests/setup/setup_test_util.h"

using namespace fabodbc::setup_test;

namespace {

class Cli : public ::testing::Test {
 protected:
  IniDir ini;

  RunResult cli(std::vector<std::string> args) {
    args.insert(args.begin(), FABODBC_CLI);
    return run(args);
  }
  static bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
};

TEST_F(Cli, AddWritesTheUserFileWithCanonicalNames) {
  auto r = cli({"dsn", "add", "shop", "SERVER=db1.example.com", "User=app", "password=s3cret", "PORT=3307"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "Added data source 'shop'")) << r.out;
  auto s = ini_section(ini.user_ini(), "shop");
  EXPECT_EQ(s["Driver"], "fabodbc");
  EXPECT_EQ(s["SERVER"], "db1.example.com");
  EXPECT_EQ(s["UID"], "app");
  EXPECT_EQ(s["PWD"], "s3cret");
  EXPECT_EQ(s["PORT"], "3307");
  EXPECT_FALSE(ini_has_section(ini.system_ini(), "shop"));
}

TEST_F(Cli, AddSystemAndCustomDriver) {
  auto r = cli({"--system", "dsn", "add", "sys1", "SERVER=10.0.0.9", "--driver", "other"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ini_section(ini.system_ini(), "sys1")["Driver"], "other");
  EXPECT_TRUE(has(r.err, "warning: driver 'other' is not registered")) << r.err;
  EXPECT_FALSE(ini_has_section(ini.user_ini(), "sys1"));
}

TEST_F(Cli, AddTakesTheDriverFromDriverKeyword) {
  auto r = cli({"dsn", "add", "viakw", "DRIVER=fabodbc_debug", "SERVER=x"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto s = ini_section(ini.user_ini(), "viakw");
  EXPECT_EQ(s["Driver"], "fabodbc_debug");
  EXPECT_EQ(s.count("DRIVER"), 0u) << "one Driver entry";
  EXPECT_EQ(cli({"dsn", "add", "both", "DRIVER=a", "--driver", "b"}).status, 2);
}

TEST_F(Cli, AddRefusesBadInputWithExitCodes) {
  auto r = cli({"dsn", "add", "shop", "PORT=abc", "PWD=hunter2"});
  EXPECT_EQ(r.status, 3);
  EXPECT_TRUE(has(r.err, "Invalid value 'abc' for PORT")) << r.err;
  EXPECT_FALSE(has(r.err + r.out, "hunter2"));
  EXPECT_FALSE(ini_has_section(ini.user_ini(), "shop"));

  r = cli({"dsn", "add", "shop", "SERVRE=db1"});
  EXPECT_EQ(r.status, 3);
  EXPECT_TRUE(has(r.err, "Unknown keyword 'SERVRE'")) << r.err;

  r = cli({"dsn", "add", "shop", "SSLMODE=maybe"});
  EXPECT_EQ(r.status, 3);
  EXPECT_TRUE(has(r.err, "SSLMODE")) << r.err;

  r = cli({"dsn", "add", "shop", "SERVER"});  // not KEY=VALUE
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r.err, "expected KEY=VALUE")) << r.err;

  r = cli({"dsn", "add"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r.err, "needs a data source NAME")) << r.err;

  r = cli({"dsn", "add", "bad;name", "SERVER=x"});
  EXPECT_EQ(r.status, 3);
  EXPECT_TRUE(has(r.err, "Invalid data source name")) << r.err;

  r = cli({"dsn", "add", "shop", "DSN=other"});
  EXPECT_EQ(r.status, 2);

  r = cli({"dsn", "add", "shop", "--all"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r.err, "--all is not valid")) << r.err;
}

TEST_F(Cli, AddTwiceIsAConfigurationError) {
  ASSERT_EQ(cli({"dsn", "add", "shop", "SERVER=db1"}).status, 0);
  auto r = cli({"dsn", "add", "shop", "SERVER=db2"});
  EXPECT_EQ(r.status, 3);
  EXPECT_TRUE(has(r.err, "already exists")) << r.err;
  EXPECT_EQ(ini_section(ini.user_ini(), "shop")["SERVER"], "db1");
}

TEST_F(Cli, EditChangesAndRemovesKeywords) {
  ASSERT_EQ(cli({"dsn", "add", "shop", "SERVER=db1", "PORT=3306", "DATABASE=shop"}).status, 0);
  auto r = cli({"dsn", "edit", "shop", "PORT=", "SSLMODE=REQUIRED", "DB=sales"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto s = ini_section(ini.user_ini(), "shop");
  EXPECT_EQ(s.count("PORT"), 0u);
  EXPECT_EQ(s["SSLMODE"], "REQUIRED");
  EXPECT_EQ(s["DATABASE"], "sales");
  EXPECT_EQ(s["SERVER"], "db1");

  EXPECT_EQ(cli({"dsn", "edit", "shop"}).status, 2);
  r = cli({"dsn", "edit", "nosuch", "PORT=1"});
  EXPECT_EQ(r.status, 3);
  EXPECT_TRUE(has(r.err, "not found")) << r.err;
  EXPECT_EQ(cli({"dsn", "edit", "shop", "NO_CACHE=perhaps"}).status, 3);
  EXPECT_EQ(cli({"--system", "dsn", "edit", "shop", "PORT=1"}).status, 3) << "shop is a user DSN";
}

TEST_F(Cli, EditFindsSystemDsns) {
  ASSERT_EQ(cli({"--system", "dsn", "add", "sys1", "SERVER=a"}).status, 0);
  ASSERT_EQ(cli({"dsn", "edit", "sys1", "SERVER=b"}).status, 0);
  EXPECT_EQ(ini_section(ini.system_ini(), "sys1")["SERVER"], "b");
}

TEST_F(Cli, ShowMasksPasswords) {
  ASSERT_EQ(cli({"dsn", "add", "shop", "SERVER=db1", "PWD=s3cret", "FABRIC_HOST=f1", "FABRIC_PASSWORD=fabpw"}).status, 0);
  auto r = cli({"dsn", "show", "shop"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_FALSE(has(r.out, "s3cret"));
  EXPECT_FALSE(has(r.out, "fabpw"));
  EXPECT_TRUE(has(r.out, "********"));
  EXPECT_TRUE(has(r.out, "db1"));
  EXPECT_TRUE(has(r.out, "[shop] in the user odbc.ini"));

  r = cli({"--json", "dsn", "show", "shop"});
  ASSERT_EQ(r.status, 0);
  EXPECT_TRUE(has(r.out, "\"PWD\": \"********\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"FABRIC_PASSWORD\": \"********\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"SERVER\": \"db1\""));
  EXPECT_TRUE(has(r.out, "\"scope\": \"user\""));
  EXPECT_FALSE(has(r.out, "s3cret"));

  // A password written by another tool under the alias is masked too; unknown keys are flagged.
  write_file(ini.user_ini(), read_file(ini.user_ini()) + "\n[other]\nDriver=fabodbc\nPassword=pw2\nFOO=bar\n");
  r = cli({"dsn", "show", "other"});
  EXPECT_FALSE(has(r.out, "pw2"));
  EXPECT_TRUE(has(r.out, "unknown keyword")) << r.out;

  r = cli({"dsn", "show", "nosuch"});
  EXPECT_EQ(r.status, 3);
  r = cli({"--json", "dsn", "show", "nosuch"});
  EXPECT_EQ(r.status, 3);
  EXPECT_TRUE(has(r.out, "\"ok\": false")) << r.out;
  EXPECT_TRUE(has(r.out, "\"kind\": \"configuration\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"code\": 3")) << r.out;
}

TEST_F(Cli, ListShowsFabodbcDsnsOfBothScopes) {
  write_file(ini.user_ini(), "[ODBC]\nTrace=No\n\n[mine]\nDriver=fabodbc\nDescription=my shop\n\n"
                             "[maria]\nDriver=MariaDB\n\n[bypath]\nDriver=/usr/lib/x86_64-linux-gnu/odbc/libfabodbc.so\n");
  ASSERT_EQ(cli({"--system", "dsn", "add", "sys1", "SERVER=x"}).status, 0);
  auto r = cli({"dsn", "list"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "NAME")) << r.out;
  EXPECT_TRUE(has(r.out, "mine    user    fabodbc")) << r.out;
  EXPECT_TRUE(has(r.out, "my shop"));
  EXPECT_TRUE(has(r.out, "bypath"));
  EXPECT_TRUE(has(r.out, "sys1    system")) << r.out;
  EXPECT_FALSE(has(r.out, "maria"));
  EXPECT_FALSE(has(r.out, "ODBC "));

  r = cli({"dsn", "list", "--all"});
  EXPECT_TRUE(has(r.out, "maria")) << r.out;

  r = cli({"--json", "--system", "dsn", "list"});
  ASSERT_EQ(r.status, 0);
  EXPECT_TRUE(has(r.out, "\"name\": \"sys1\"")) << r.out;
  EXPECT_FALSE(has(r.out, "\"name\": \"mine\""));

  EXPECT_EQ(cli({"dsn", "list", "extra"}).status, 2);
}

TEST_F(Cli, ListWhenEmpty) {
  auto r = cli({"dsn", "list"});
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(has(r.out, "No fabodbc data sources")) << r.out;
  r = cli({"--json", "dsn", "list"});
  EXPECT_TRUE(has(r.out, "\"dsns\": []")) << r.out;
}

TEST_F(Cli, RemoveDeletesOnlyThatDsn) {
  ASSERT_EQ(cli({"dsn", "add", "a", "SERVER=1"}).status, 0);
  ASSERT_EQ(cli({"dsn", "add", "b", "SERVER=2"}).status, 0);
  auto r = cli({"--json", "dsn", "remove", "a"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "\"action\": \"remove\""));
  EXPECT_FALSE(ini_has_section(ini.user_ini(), "a"));
  EXPECT_TRUE(ini_has_section(ini.user_ini(), "b"));
  EXPECT_EQ(cli({"dsn", "remove", "a"}).status, 3);
  EXPECT_EQ(cli({"dsn", "remove"}).status, 2);
  EXPECT_EQ(cli({"dsn", "remove", "b", "c"}).status, 2);
}

TEST_F(Cli, KeywordsListsTheWholeTable) {
  auto r = cli({"keywords"});
  ASSERT_EQ(r.status, 0);
  const fabodbc::KeywordDef* table = fabodbc::keyword_table();
  for (size_t i = 0; i < fabodbc::keyword_count(); ++i)
    EXPECT_TRUE(has(r.out, std::string(table[i].name))) << table[i].name;
  EXPECT_TRUE(has(r.out, "Fabric:"));
  r = cli({"--json", "keywords"});
  ASSERT_EQ(r.status, 0);
  size_t count = 0;
  for (size_t p = r.out.find("\"name\":"); p != std::string::npos; p = r.out.find("\"name\":", p + 1)) ++count;
  EXPECT_EQ(count, fabodbc::keyword_count());
  EXPECT_TRUE(has(r.out, "\"choices\": \"DISABLED|PREFERRED|REQUIRED|VERIFY_CA|VERIFY_IDENTITY\""));
}

TEST_F(Cli, HelpAndUsageErrors) {
  auto r = cli({"--help"});
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(has(r.out, "Exit codes:"));
  EXPECT_TRUE(has(r.out, "5  routing error"));
  for (const char* topic : {"dsn", "test", "route", "topology", "keywords"}) {
    r = cli({"help", topic});
    EXPECT_EQ(r.status, 0) << topic;
    EXPECT_TRUE(has(r.out, "Usage:")) << topic;
    r = cli({topic, "--help"});
    EXPECT_EQ(r.status, 0) << topic;
    EXPECT_TRUE(has(r.out, std::string("fabodbc ") + topic)) << topic;
  }
  EXPECT_EQ(cli({"help", "nosuch"}).status, 2);
  r = cli({"--json", "help", "route"});
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(has(r.out, "\"topic\": \"route\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"help\": \"Usage: fabodbc route")) << r.out;

  r = cli({});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r.err, "Usage:"));
  r = cli({"frobnicate"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r.err, "unknown command 'frobnicate'"));
  r = cli({"--json", "frobnicate"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r.out, "\"kind\": \"usage\"")) << r.out;
  EXPECT_EQ(cli({"dsn"}).status, 2);
  EXPECT_EQ(cli({"dsn", "rename", "x"}).status, 2);
  EXPECT_EQ(cli({"--user", "--system", "dsn", "list"}).status, 2);
  EXPECT_EQ(cli({"dsn", "list", "--bogus"}).status, 2);
  EXPECT_EQ(cli({"route", "x", "--group"}).status, 2) << "option without its value";
  r = cli({"--version"});
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(has(r.out, "fabodbc " FABODBC_VERSION_STRING));
}

}  // namespace
