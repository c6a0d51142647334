// ConnectSettings::from: defaults, typed values, OPTION bits vs named keywords, and error
// messages that name the keyword but never contain a password.
#include "driver/error.h"
#include "driver/options/connection_options.h"

#include <gtest/gtest.h>

namespace fabodbc {
namespace {

ConnectSettings settings(const std::string& s) { return ConnectSettings::from(ConnectionOptions::parse(s, nullptr)); }

std::string error_of(const std::string& s, std::string* state = nullptr) {
  try {
    settings(s);
  } catch (const OdbcError& e) {
    if (state) *state = e.sqlstate();
    return e.what();
  }
  return "";
}

TEST(ConnectSettings, Defaults) {
  const auto s = settings("");
  EXPECT_EQ(s.server, "localhost");
  EXPECT_EQ(s.port, 3306u);
  EXPECT_EQ(s.charset, "utf8mb4");
  EXPECT_EQ(s.ssl_mode, SslMode::Preferred);
  EXPECT_FALSE(s.multi_statements);
  EXPECT_FALSE(s.no_cache);
  EXPECT_EQ(s.option, 0u);
}

TEST(ConnectSettings, TypedValues) {
  const auto s = settings(
      "SERVER=db1;PORT=3310;DB=shop;USER=bob;PASSWORD=pw;CHARSET=latin1;INITSTMT={SET NAMES utf8mb4; SET @a=1};"
      "CONNECT_TIMEOUT=5;READ_TIMEOUT=30;WRITE_TIMEOUT=31;SSL_MODE=verify_identity;SSL_CA=/ca.pem;SSLCERT=/c.pem;"
      "SSL_KEY=/k.pem;SOCKET=/tmp/my.sock");
  EXPECT_EQ(s.server, "db1");
  EXPECT_EQ(s.port, 3310u);
  EXPECT_EQ(s.database, "shop");
  EXPECT_EQ(s.user, "bob");
  EXPECT_EQ(s.password, "pw");
  EXPECT_EQ(s.charset, "latin1");
  EXPECT_EQ(s.init_statement, "SET NAMES utf8mb4; SET @a=1");
  EXPECT_EQ(s.connect_timeout, 5u);
  EXPECT_EQ(s.read_timeout, 30u);
  EXPECT_EQ(s.write_timeout, 31u);
  EXPECT_EQ(s.ssl_mode, SslMode::VerifyIdentity);
  EXPECT_EQ(s.ssl_ca, "/ca.pem");
  EXPECT_EQ(s.ssl_cert, "/c.pem");
  EXPECT_EQ(s.ssl_key, "/k.pem");
  EXPECT_EQ(s.socket, "/tmp/my.sock");
  EXPECT_EQ(settings("SSLMODE=DISABLED").ssl_mode, SslMode::Disabled);
  EXPECT_EQ(settings("SSLMODE=Required").ssl_mode, SslMode::Required);
  EXPECT_EQ(settings("SSLMODE=VERIFY_CA").ssl_mode, SslMode::VerifyCa);
}

TEST(ConnectSettings, OptionBitsMapToFlags) {
  const unsigned long bits = option_bits::kMultiStatements | option_bits::kNoCache | option_bits::kFoundRows |
                             option_bits::kAutoIsNull | option_bits::kCompressedProto | option_bits::kIgnoreSpace |
                             option_bits::kNoBigint;
  const auto s = settings("OPTION=" + std::to_string(bits));
  EXPECT_EQ(s.option, bits);
  EXPECT_TRUE(s.multi_statements);
  EXPECT_TRUE(s.no_cache);
  EXPECT_TRUE(s.found_rows);
  EXPECT_TRUE(s.auto_is_null);
  EXPECT_TRUE(s.compressed);
  EXPECT_TRUE(s.ignore_space);
  EXPECT_TRUE(s.no_bigint);
  const auto only = settings("OPTION=2");
  EXPECT_TRUE(only.found_rows);
  EXPECT_FALSE(only.multi_statements);
}

TEST(ConnectSettings, ExplicitKeywordOverridesBit) {
  const auto s = settings("OPTION=67108864;MULTI_STATEMENTS=0;NO_CACHE=yes");
  EXPECT_FALSE(s.multi_statements);
  EXPECT_TRUE(s.no_cache);
}

TEST(ConnectSettings, BadValuesName08001AndTheKeyword) {
  std::string state;
  std::string m = error_of("PORT=abc", &state);
  EXPECT_EQ(state, "08001");
  EXPECT_NE(m.find("PORT"), std::string::npos);
  EXPECT_NE(m.find("abc"), std::string::npos);
  m = error_of("PORT=70000", &state);
  EXPECT_EQ(state, "08001");
  EXPECT_NE(m.find("PORT"), std::string::npos);
  m = error_of("SSLMODE=always", &state);
  EXPECT_EQ(state, "08001");
  EXPECT_NE(m.find("SSLMODE"), std::string::npos);
  EXPECT_NE(m.find("always"), std::string::npos);
  m = error_of("OPTION=-5", &state);
  EXPECT_NE(m.find("OPTION"), std::string::npos);
  m = error_of("MULTI_STATEMENTS=perhaps", &state);
  EXPECT_NE(m.find("MULTI_STATEMENTS"), std::string::npos);
}

TEST(ConnectSettings, ControlCharactersAreRefusedNamingTheKeyword) {
  for (const std::string bad : {std::string("SERVER=db1\x01"), std::string("UID=a\nb"), std::string("DATABASE=x\ty"),
                                std::string("FABRIC_HOST=127.0.0.1\x7f"), std::string("SERVER=db1\0evil", 15)}) {
    std::string state;
    const std::string message = error_of(bad, &state);
    EXPECT_EQ(state, "08001") << bad;
    EXPECT_NE(message.find("Invalid value for " + bad.substr(0, bad.find('='))), std::string::npos) << message;
    EXPECT_NE(message.find("control character 0x"), std::string::npos) << message;
  }
  std::string state;
  const std::string password = error_of("PWD=se\rcret", &state);
  EXPECT_EQ(state, "08001");
  EXPECT_NE(password.find("Invalid value for PWD: it contains the control character 0x0D"), std::string::npos)
      << password;
  EXPECT_EQ(password.find("se"), std::string::npos) << "the password was echoed: " << password;
  // SQL text may hold tabs and line breaks.
  EXPECT_EQ(error_of("INITSTMT={SET\t@a\r\n=1}"), "");
  EXPECT_NE(error_of("INITSTMT={SET @a=1\x01}"), "");
}

TEST(ConnectSettings, PasswordsNeverInMessages) {
  const std::string secret = "Tr0ub4dor&3";
  for (const char* bad : {"PORT=x", "SSLMODE=x", "OPTION=x", "NO_CACHE=x", "FABRIC_PORT=x"}) {
    const std::string m = error_of("PWD=" + secret + ";FABRIC_PASSWORD=" + secret + ";" + std::string(bad));
    ASSERT_FALSE(m.empty()) << bad;
    EXPECT_EQ(m.find(secret), std::string::npos) << m;
  }
  // A valid string with passwords does not throw at all.
  EXPECT_EQ(error_of("PWD={" + secret + ";x}"), "");
}

}  // namespace
}  // namespace fabodbc

namespace fabodbc {
namespace {

FabricSettings fabric(const std::string& s) { return FabricSettings::from(ConnectionOptions::parse(s, nullptr)); }

TEST(FabricSettings, DefaultsMeanOff) {
  const auto f = fabric("SERVER=x");
  EXPECT_FALSE(f.enabled());
  EXPECT_EQ(f.port, 32274u);
  EXPECT_FALSE(f.https);
  EXPECT_EQ(f.attempts, 3u);
  EXPECT_DOUBLE_EQ(f.attempt_delay_seconds, 1.0);
  EXPECT_FALSE(f.global_scope);
  EXPECT_FALSE(f.read_only);
}

TEST(FabricSettings, TypedValues) {
  const auto f = fabric(
      "FABRIC_HOST=fab1;FABRIC_PORT=8080;FABRIC_PROTOCOL=https;FABRIC_USER=admin;FABRIC_PASSWORD=pw;"
      "FABRIC_GROUP=g1;FABRIC_TABLES={db.t1,db.t2};FABRIC_KEY=42;FABRIC_SCOPE=global;FABRIC_MODE=read_only;"
      "FABRIC_ATTEMPTS=5;FABRIC_ATTEMPT_DELAY=0.25;FABRIC_REPORT_ERRORS=1;FABRIC_TIMEOUT=7;FABRIC_SSL_CA=/ca");
  EXPECT_TRUE(f.enabled());
  EXPECT_EQ(f.host, "fab1");
  EXPECT_EQ(f.port, 8080u);
  EXPECT_TRUE(f.https);
  EXPECT_EQ(f.user, "admin");
  EXPECT_EQ(f.password, "pw");
  EXPECT_EQ(f.group, "g1");
  EXPECT_EQ(f.tables, "db.t1,db.t2");
  EXPECT_EQ(f.key, "42");
  EXPECT_TRUE(f.global_scope);
  EXPECT_TRUE(f.read_only);
  EXPECT_EQ(f.attempts, 5u);
  EXPECT_DOUBLE_EQ(f.attempt_delay_seconds, 0.25);
  EXPECT_TRUE(f.report_errors);
  EXPECT_EQ(f.timeout_seconds, 7u);
  EXPECT_EQ(f.ssl_ca, "/ca");
}

TEST(FabricSettings, BadValuesAre08001WithoutPassword) {
  for (const char* bad : {"FABRIC_PORT=0", "FABRIC_PORT=abc", "FABRIC_PROTOCOL=ftp", "FABRIC_SCOPE=x",
                          "FABRIC_MODE=x", "FABRIC_ATTEMPT_DELAY=-1", "FABRIC_ATTEMPT_DELAY=soon",
                          "FABRIC_REPORT_ERRORS=2"}) {
    try {
      fabric(std::string("FABRIC_PASSWORD=hunter22;") + bad);
      ADD_FAILURE() << bad;
    } catch (const OdbcError& e) {
      EXPECT_EQ(e.sqlstate(), "08001") << bad;
      const std::string m = e.what();
      EXPECT_EQ(m.find("hunter22"), std::string::npos);
      const std::string key(bad, std::string(bad).find('='));
      EXPECT_NE(m.find(key), std::string::npos) << m;
    }
  }
}

}  // namespace
}  // namespace fabodbc
