#include "driver/error.h"
#include "driver/log/log.h"
#include "driver/options/connection_options.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace fabodbc::log {
namespace {

std::string temp_path(const char* name) {
  return "/tmp/fabodbc-log-test-" + std::to_string(getpid()) + "-" + name;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

ConnectionOptions options(const std::string& text) { return ConnectionOptions::parse(text, nullptr); }

TEST(LogLevel, ParsesTheFourNamesInAnyCase) {
  Level l{};
  EXPECT_TRUE(parse_level("DEBUG", &l));
  EXPECT_EQ(l, Level::Debug);
  EXPECT_TRUE(parse_level("warn", &l));
  EXPECT_EQ(l, Level::Warn);
  EXPECT_TRUE(parse_level("Info", &l));
  EXPECT_EQ(l, Level::Info);
  EXPECT_TRUE(parse_level("error", &l));
  EXPECT_EQ(l, Level::Error);
  EXPECT_FALSE(parse_level("verbose", &l));
  EXPECT_FALSE(parse_level("", &l));
}

TEST(ConnectionLog, OffWithoutLogKeyword) {
  ConnectionLog log = ConnectionLog::from(options("SERVER=x;LOG_LEVEL=debug"), 3);
  EXPECT_FALSE(log.enabled(Level::Error));
  EXPECT_FALSE(log.enabled(Level::Debug));
}

TEST(ConnectionLog, FiltersByLevelAndFormatsLines) {
  std::string path = temp_path("levels");
  unlink(path.c_str());
  {
    ConnectionLog log = ConnectionLog::from(options("LOG=" + path + ";LOG_LEVEL=warn"), 42);
    EXPECT_TRUE(log.enabled(Level::Error));
    EXPECT_TRUE(log.enabled(Level::Warn));
    EXPECT_FALSE(log.enabled(Level::Info));
    log.info("connect", "not written");
    log.warn("route", "Fabric unreachable, using cached topology");
    log.error("failover", "lost connection\nto 127.0.0.1:3306");
  }
  std::string text = read_file(path);
  EXPECT_EQ(text.find("not written"), std::string::npos);
  std::regex line(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z WARN \[c42\] route: Fabric unreachable, using cached topology\n)");
  EXPECT_TRUE(std::regex_search(text, line)) << text;
  // Embedded newlines are folded so every event stays one line.
  EXPECT_NE(text.find("ERROR [c42] failover: lost connection to 127.0.0.1:3306\n"), std::string::npos) << text;
  unlink(path.c_str());
}

TEST(ConnectionLog, DefaultLevelIsError) {
  std::string path = temp_path("default");
  unlink(path.c_str());
  ConnectionLog log = ConnectionLog::from(options("LOG=" + path), 1);
  EXPECT_TRUE(log.enabled(Level::Error));
  EXPECT_FALSE(log.enabled(Level::Warn));
  unlink(path.c_str());
}

TEST(ConnectionLog, ScrubsEveryPasswordKeywordValue) {
  std::string path = temp_path("secrets");
  unlink(path.c_str());
  {
    ConnectionLog log = ConnectionLog::from(
        options("LOG=" + path + ";LOG_LEVEL=debug;PWD={s3cr3t-Pw};FABRIC_PASSWORD=fab-Secret"), 9);
    log.info("connect", "a careless message with s3cr3t-Pw and fab-Secret and s3cr3t-Pw again");
  }
  std::string text = read_file(path);
  EXPECT_EQ(text.find("s3cr3t-Pw"), std::string::npos) << text;
  EXPECT_EQ(text.find("fab-Secret"), std::string::npos) << text;
  EXPECT_NE(text.find("with *** and *** and *** again"), std::string::npos) << text;
  unlink(path.c_str());
}

TEST(ConnectionLog, BadLevelOrUnopenableFileIsAConnectError) {
  try {
    ConnectionLog::from(options("LOG=/tmp/x.log;LOG_LEVEL=loud"), 1);
    FAIL() << "no error for a bad LOG_LEVEL";
  } catch (const OdbcError& e) {
    EXPECT_EQ(e.sqlstate(), "08001");
    EXPECT_NE(std::string(e.what()).find("LOG_LEVEL"), std::string::npos);
  }
  try {
    ConnectionLog::from(options("LOG=/nonexistent-dir/fabodbc.log"), 1);
    FAIL() << "no error for an unopenable log file";
  } catch (const OdbcError& e) {
    EXPECT_EQ(e.sqlstate(), "08001");
    EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/fabodbc.log"), std::string::npos);
  }
}

TEST(ConnectionIds, AreUniqueAndIncreasing) {
  uint64_t a = next_connection_id(), b = next_connection_id();
  EXPECT_GT(b, a);
}

}  // namespace
}  // namespace fabodbc::log
