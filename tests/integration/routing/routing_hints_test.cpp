// Routing from SQL for clients that only send SQL: /* fabric: ... */ hints through isql and
// pyodbc land on the right server (@@port), a "set" hint moves the connection, inside a
// transaction a hint to another server is refused with 25000, and a malformed hint gives 42000.
#include "tests/integration/routing/routing_world.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <regex>
#include <sstream>
#include <vector>

namespace fabodbc::rtest {
namespace {

std::string p(const std::string& group, size_t member = 0) { return std::to_string(world().port(group, member)); }

void add_orders_dsn() {
  World& w = world();
  w.sandbox->add_dsn("fabric_orders", {{"FABRIC_CACHE_DIR", w.sandbox->dir() + "/fabric-cache"},
                                       {"FABRIC_HOST", "127.0.0.1"},
                                       {"FABRIC_PORT", std::to_string(w.fabric->fabric_port())},
                                       {"FABRIC_TABLES", "db.orders"},
                                       {"FABRIC_KEY", "5"},
                                       {"UID", test::MariaDbFarm::app_user()},
                                       {"PWD", test::MariaDbFarm::app_password()}});
}

// isql in batch mode: one statement per line; what it printed.
std::string isql(const std::vector<std::string>& lines) {
  const std::string input = "/tmp/fabodbc-hints-" + std::to_string(getpid()) + ".sql";
  {
    FILE* f = std::fopen(input.c_str(), "w");
    for (const auto& l : lines) std::fprintf(f, "%s\n", l.c_str());
    std::fclose(f);
  }
  const std::string out = output_of("isql -b -v -d'|' fabric_orders < " + input);
  unlink(input.c_str());
  return out;
}

// The numbers isql printed on lines of their own ("| 3306 |" style result rows, -d'|').
std::vector<std::string> ports_in(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  static const std::regex row(R"(^\s*(\d{4,5})\s*$)");
  std::smatch m;
  while (std::getline(in, line))
    if (std::regex_match(line, m, row)) out.push_back(m[1]);
  return out;
}

TEST(RoutingHints, IsqlSwitchesShardsAndModesWithHints) {
  add_orders_dsn();
  const std::string out = isql({
      "SELECT @@port",                                                  // the DSN's key 5: shard1
      "/* fabric: key=10005 */ SELECT @@port",                          // this statement: shard2
      "SELECT @@port",                                                  // back to the DSN's route
      "/* fabric: set key=10005 */",                                    // the session's route now
      "SELECT @@port",                                                  // shard2
      "/* fabric: group=ha mode=read_only */ SELECT @@port",            // a secondary of ha
      "/* fabric: scope=global */ SELECT @@port",                       // the global group
      "/* fabric: set key=5 */",
      "SELECT @@port",
  });
  const std::vector<std::string> ports = ports_in(out);
  ASSERT_EQ(ports.size(), 7u) << out;
  EXPECT_EQ(ports[0], p("shard1")) << out;
  EXPECT_EQ(ports[1], p("shard2")) << out;
  EXPECT_EQ(ports[2], p("shard1")) << out;
  EXPECT_EQ(ports[3], p("shard2")) << out;
  EXPECT_TRUE(ports[4] == p("ha", 1) || ports[4] == p("ha", 2)) << out;
  EXPECT_EQ(ports[5], p("global")) << out;
  EXPECT_EQ(ports[6], p("shard1")) << out;
  EXPECT_EQ(out.find("[ISQL]ERROR"), std::string::npos) << out;
}

TEST(RoutingHints, InsideATransactionAHintToAnotherServerIsRefused) {
  add_orders_dsn();
  const std::string out = isql({
      "BEGIN",
      "SELECT @@port",
      "/* fabric: key=10005 */ SELECT @@port",  // another shard: 25000, nothing ran
      "/* fabric: key=6 */ SELECT @@port",      // the same shard: allowed
      "/* fabric: set key=10005 */",            // a route change: 25000
      "ROLLBACK",
      "/* fabric: key=10005 */ SELECT @@port",  // after the transaction: fine
  });
  EXPECT_NE(out.find("25000"), std::string::npos) << out;
  const std::vector<std::string> ports = ports_in(out);
  ASSERT_EQ(ports.size(), 3u) << out;
  EXPECT_EQ(ports[0], p("shard1"));
  EXPECT_EQ(ports[1], p("shard1"));
  EXPECT_EQ(ports[2], p("shard2"));
}

TEST(RoutingHints, MalformedHintsAreErrors) {
  add_orders_dsn();
  const std::string out = isql({"/* fabric: colour=red */ SELECT @@port", "/* fabric: key */ SELECT 1",
                                "/* fabric: scope=sideways */ SELECT 1", "SELECT @@port"});
  // isql declares ODBC 2, so the driver manager reports 42000 as its ODBC 2 code 37000.
  EXPECT_TRUE(out.find("42000") != std::string::npos || out.find("37000") != std::string::npos) << out;
  EXPECT_NE(out.find("scope must be"), std::string::npos) << out;
  EXPECT_NE(out.find("unknown name 'colour'"), std::string::npos) << out;
  EXPECT_NE(out.find("needs a value"), std::string::npos) << out;
  const std::vector<std::string> ports = ports_in(out);
  ASSERT_EQ(ports.size(), 1u) << "nothing of the bad ones ran: " << out;
  EXPECT_EQ(ports[0], p("shard1"));
}

TEST(RoutingHints, PyodbcHints) {
  if (access("/usr/bin/python3", X_OK) != 0 ||
      std::system("/usr/bin/python3 -c 'import pyodbc' >/dev/null 2>&1") != 0) {
    FAIL() << "/usr/bin/python3 with pyodbc is needed (scripts/install-deps.sh installs python3-pyodbc)";
  }
  add_orders_dsn();
  const std::string script =
      "import pyodbc,sys\n"
      "c = pyodbc.connect('DSN=fabric_orders', autocommit=True)\n"
      "q = lambda s: str(c.cursor().execute(s).fetchone()[0])\n"
      "print(q('SELECT @@port'), q('/* fabric: key=10005 */ SELECT @@port'), q('SELECT @@port'))\n"
      "c.cursor().execute('/* fabric: set key=10005 mode=read_only */')\n"
      "print(q('SELECT @@port'))\n"
      "try:\n"
      "    q('/* fabric: mode=sideways */ SELECT 1')\n"
      "except pyodbc.Error as e:\n"
      "    print(e.args[0])\n";
  const std::string path = "/tmp/fabodbc-hints-" + std::to_string(getpid()) + ".py";
  FILE* f = std::fopen(path.c_str(), "w");
  std::fputs(script.c_str(), f);
  std::fclose(f);
  const std::string out = output_of("/usr/bin/python3 " + path);
  unlink(path.c_str());
  EXPECT_NE(out.find(p("shard1") + " " + p("shard2") + " " + p("shard1")), std::string::npos) << out;
  EXPECT_NE(out.find("42000"), std::string::npos) << out;
  std::istringstream in(out);
  std::string first, second;
  std::getline(in, first);
  std::getline(in, second);
  // shard2 has one secondary: member 1.
  EXPECT_EQ(second, p("shard2", 1)) << out;
}

}  // namespace
}  // namespace fabodbc::rtest
