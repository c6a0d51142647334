// Connection-string grammar: braces, '}}', aliases, case, unknown keys, malformed input,
// duplicates, DSN/DRIVER precedence, output and masking.
#include "driver/error.h"
#include "driver/options/connection_options.h"
#include "driver/options/keywords.h"

#include <gtest/gtest.h>

namespace fabodbc {
namespace {

std::string state_of_parse(const std::string& s, std::string* message = nullptr) {
  try {
    ConnectionOptions::parse(s, nullptr);
    return "";
  } catch (const OdbcError& e) {
    if (message) *message = e.what();
    return e.sqlstate();
  }
}

TEST(ConnectionString, SimplePairsAndTrailingSemicolon) {
  std::vector<std::string> notes;
  auto o = ConnectionOptions::parse("SERVER=db1;PORT=3307;DATABASE=shop;", &notes);
  EXPECT_EQ(o.get("SERVER"), "db1");
  EXPECT_EQ(o.get("PORT"), "3307");
  EXPECT_EQ(o.get("DATABASE"), "shop");
  EXPECT_TRUE(notes.empty());
  EXPECT_EQ(o.values().size(), 3u);
}

TEST(ConnectionString, EmptyAndBlankSegments) {
  EXPECT_TRUE(ConnectionOptions::parse("", nullptr).values().empty());
  EXPECT_TRUE(ConnectionOptions::parse(" ; ;", nullptr).values().empty());
  EXPECT_EQ(ConnectionOptions::parse(";;UID=a;;", nullptr).get("UID"), "a");
}

TEST(ConnectionString, WhitespaceAroundKeysAndValuesTrimmed) {
  auto o = ConnectionOptions::parse("  server =  db1  ; uid= bob ", nullptr);
  EXPECT_EQ(o.get("SERVER"), "db1");
  EXPECT_EQ(o.get("UID"), "bob");
}

TEST(ConnectionString, BracedValuesKeepSemicolonsAndEscapedBraces) {
  auto o = ConnectionOptions::parse("PWD={a;b=c}}d};UID={ spaced };INITSTMT={SET @x='{}}'}", nullptr);
  EXPECT_EQ(o.get("PWD"), "a;b=c}d");
  EXPECT_EQ(o.get("UID"), " spaced ");
  EXPECT_EQ(o.get("INITSTMT"), "SET @x='{}'");
}

TEST(ConnectionString, AliasesAndCaseBecomeCanonical) {
  auto o = ConnectionOptions::parse("db=shop;User=bob;password=secret;ssl_mode=required;Options=3", nullptr);
  EXPECT_EQ(o.get("DATABASE"), "shop");
  EXPECT_EQ(o.get("UID"), "bob");
  EXPECT_EQ(o.get("PWD"), "secret");
  EXPECT_EQ(o.get("SSLMODE"), "required");
  EXPECT_EQ(o.get("OPTION"), "3");
  EXPECT_EQ(o.get("db"), "shop");  // lookups accept aliases too
  EXPECT_EQ(o.values().count("DATABASE"), 1u);
}

TEST(ConnectionString, UnknownKeywordsBecomeNotes) {
  std::vector<std::string> notes;
  auto o = ConnectionOptions::parse("FOO=1;SERVER=x;Bar={2}", &notes);
  EXPECT_FALSE(o.has("FOO"));
  EXPECT_EQ(o.values().size(), 1u);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_NE(notes[0].find("FOO"), std::string::npos);
  EXPECT_NE(notes[1].find("Bar"), std::string::npos);
}

TEST(ConnectionString, LastOccurrenceWinsAsForTheIncumbents) {
  auto o = ConnectionOptions::parse("UID=first;USER=second;uid=third", nullptr);
  EXPECT_EQ(o.get("UID"), "third");
}

TEST(ConnectionString, DsnAndDriverFirstOneWins) {
  std::vector<std::string> notes;
  auto o = ConnectionOptions::parse("DSN=mydsn;DRIVER={fabodbc};SERVER=x", &notes);
  EXPECT_EQ(o.get("DSN"), "mydsn");
  EXPECT_FALSE(o.has("DRIVER"));
  EXPECT_EQ(notes.size(), 1u);
  auto o2 = ConnectionOptions::parse("DRIVER={fabodbc};DSN=mydsn", nullptr);
  EXPECT_EQ(o2.get("DRIVER"), "fabodbc");
  EXPECT_FALSE(o2.has("DSN"));
}

TEST(ConnectionString, MalformedInputIs08001WithPosition) {
  std::string msg;
  EXPECT_EQ(state_of_parse("SERVER=x;PWD={abc", &msg), "08001");
  EXPECT_NE(msg.find("PWD"), std::string::npos);
  EXPECT_NE(msg.find("position 14"), std::string::npos);
  EXPECT_EQ(state_of_parse("SERVER=x;NOEQUALS;UID=a", &msg), "08001");
  EXPECT_NE(msg.find("position 10"), std::string::npos);
  EXPECT_EQ(state_of_parse("=value", &msg), "08001");
  EXPECT_EQ(state_of_parse("UID={a}b;", &msg), "08001");
}

TEST(ConnectionString, MalformedMessageDoesNotLeakUnbracedPasswordTail) {
  std::string msg;
  EXPECT_EQ(state_of_parse("UID=bob;PWD=se;cr3t;SERVER=x", &msg), "08001");
  EXPECT_EQ(msg.find("cr3t"), std::string::npos);
}

TEST(ConnectionString, OutputBracesWhatNeedsIt) {
  ConnectionOptions o;
  o.set("SERVER", "db1");
  o.set("PWD", "a;b}c");
  o.set("UID", " bob");
  o.set("DSN", "x");
  const std::string s = o.to_connection_string();
  EXPECT_EQ(s, "DSN=x;SERVER=db1;UID={ bob};PWD={a;b}}c}");
  // Round trip.
  auto back = ConnectionOptions::parse(s, nullptr);
  EXPECT_EQ(back.values(), o.values());
}

TEST(ConnectionString, MaskingHidesPasswords) {
  auto o = ConnectionOptions::parse("UID=bob;PWD={s3cr;et};FABRIC_PASSWORD=fp4ss;FABRIC_USER=admin", nullptr);
  const std::string masked = o.to_masked_string();
  EXPECT_EQ(masked.find("s3cr"), std::string::npos);
  EXPECT_EQ(masked.find("fp4ss"), std::string::npos);
  EXPECT_NE(masked.find("PWD=***"), std::string::npos);
  EXPECT_NE(masked.find("FABRIC_PASSWORD=***"), std::string::npos);
  EXPECT_NE(masked.find("UID=bob"), std::string::npos);
  EXPECT_NE(o.to_connection_string().find("s3cr;et"), std::string::npos);
}

TEST(ConnectionString, SetGetErase) {
  ConnectionOptions o;
  o.set("database", "a");
  EXPECT_EQ(o.get("DB"), "a");
  o.erase("Database");
  EXPECT_FALSE(o.has("DATABASE"));
}

TEST(Keywords, TableIsConsistent) {
  ASSERT_GT(keyword_count(), 40u);
  const KeywordDef* t = keyword_table();
  for (size_t i = 0; i < keyword_count(); ++i) {
    SCOPED_TRACE(std::string(t[i].name));
    EXPECT_EQ(find_keyword(t[i].name), &t[i]);
    EXPECT_FALSE(t[i].help.empty());
    EXPECT_FALSE(t[i].group.empty());
    EXPECT_EQ(t[i].type == KeywordType::Choice, !t[i].choices.empty());
    char buf[128];
    // Every default must be a valid value of its own keyword.
    EXPECT_TRUE(validate_keyword_value(t[i], t[i].default_value, buf, sizeof buf).empty());
    for (size_t j = i + 1; j < keyword_count(); ++j) EXPECT_NE(t[i].name, t[j].name);
  }
  EXPECT_EQ(find_keyword("ssl_ca"), find_keyword("SSLCA"));
  EXPECT_EQ(find_keyword("nope"), nullptr);
  EXPECT_EQ(find_keyword("PORT")->default_value, "3306");
  EXPECT_EQ(find_keyword("FABRIC_PORT")->default_value, "32274");
  EXPECT_EQ(find_keyword("PWD")->type, KeywordType::Password);
  EXPECT_EQ(find_keyword("FABRIC_PASSWORD")->type, KeywordType::Password);
}

TEST(Keywords, Validation) {
  char buf[256];
  EXPECT_TRUE(validate_keyword_value(*find_keyword("PORT"), "3306", buf, sizeof buf).empty());
  auto m = validate_keyword_value(*find_keyword("PORT"), "33o6", buf, sizeof buf);
  EXPECT_NE(m.find("PORT"), std::string_view::npos);
  EXPECT_NE(m.find("33o6"), std::string_view::npos);
  EXPECT_FALSE(validate_keyword_value(*find_keyword("PORT"), "-1", buf, sizeof buf).empty());
  EXPECT_FALSE(validate_keyword_value(*find_keyword("OPTION"), "99999999999", buf, sizeof buf).empty());
  EXPECT_TRUE(validate_keyword_value(*find_keyword("SSLMODE"), "verify_ca", buf, sizeof buf).empty());
  m = validate_keyword_value(*find_keyword("SSLMODE"), "sometimes", buf, sizeof buf);
  EXPECT_NE(m.find("SSLMODE"), std::string_view::npos);
  EXPECT_NE(m.find("VERIFY_IDENTITY"), std::string_view::npos);
  EXPECT_TRUE(validate_keyword_value(*find_keyword("NO_CACHE"), "yes", buf, sizeof buf).empty());
  EXPECT_FALSE(validate_keyword_value(*find_keyword("NO_CACHE"), "maybe", buf, sizeof buf).empty());
  EXPECT_TRUE(validate_keyword_value(*find_keyword("PWD"), "anything ;{}", buf, sizeof buf).empty());
  // A tiny buffer still yields a terminated (cut) message.
  char tiny[8];
  m = validate_keyword_value(*find_keyword("PORT"), "x", tiny, sizeof tiny);
  EXPECT_EQ(m.size(), 7u);
}

}  // namespace
}  // namespace fabodbc
