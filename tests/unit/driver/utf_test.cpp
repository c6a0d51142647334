// UTF-8 <-> UTF-16: valid text round-trips, invalid input becomes U+FFFD, surrogates are
// never split or left unpaired in the output.
#include "driver/convert/utf.h"

#include <gtest/gtest.h>

#include <sql.h>

namespace fabodbc {
namespace {

TEST(Utf, AsciiRoundTrip) {
  EXPECT_EQ(utf8_to_utf16("hello"), u"hello");
  EXPECT_EQ(utf16_to_utf8(u"hello"), "hello");
  EXPECT_EQ(utf8_to_utf16(""), u"");
}

TEST(Utf, MultiByteAndEmoji) {
  const std::string s = "h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80";  // é € 😀
  const std::u16string w = utf8_to_utf16(s);
  EXPECT_EQ(w, u"h\u00e9llo \u20ac \U0001F600");
  EXPECT_EQ(w.size(), 10u);  // the emoji is a surrogate pair
  EXPECT_EQ(w[8], 0xD83D);
  EXPECT_EQ(w[9], 0xDE00);
  EXPECT_EQ(utf16_to_utf8(w), s);
  EXPECT_EQ(utf16_length_of_utf8(s), 10u);
}

TEST(Utf, InvalidUtf8BecomesReplacement) {
  EXPECT_EQ(utf8_to_utf16("a\xFF" "b"), u"a\uFFFDb");
  EXPECT_EQ(utf8_to_utf16("\xC0\xAF"), u"\uFFFD\uFFFD");           // overlong '/'
  EXPECT_EQ(utf8_to_utf16("\xED\xA0\x80"), u"\uFFFD\uFFFD\uFFFD");  // encoded surrogate
  EXPECT_EQ(utf8_to_utf16("\xF4\x90\x80\x80"), u"\uFFFD\uFFFD\uFFFD\uFFFD");  // > U+10FFFF
  EXPECT_EQ(utf8_to_utf16("x\xE2\x82"), u"x\uFFFD");                // truncated at the end
  EXPECT_EQ(utf8_to_utf16("\xE2\x82" "A"), u"\uFFFDA");             // truncated in the middle
  EXPECT_EQ(utf16_length_of_utf8("x\xE2\x82"), 2u);
}

TEST(Utf, LoneSurrogatesBecomeReplacement) {
  const char16_t lone_high[] = {u'a', 0xD800, u'b', 0};
  EXPECT_EQ(utf16_to_utf8(lone_high), "a\xEF\xBF\xBD" "b");
  const char16_t lone_low[] = {0xDC00, 0};
  EXPECT_EQ(utf16_to_utf8(lone_low), "\xEF\xBF\xBD");
  const char16_t high_at_end[] = {u'z', 0xDBFF, 0};
  EXPECT_EQ(utf16_to_utf8(high_at_end), "z\xEF\xBF\xBD");
}

TEST(Utf, WideViewHonoursNtsAndLength) {
  const SQLWCHAR s[] = {'a', 'b', 'c', 0, 'x'};
  EXPECT_EQ(wide_view(s, SQL_NTS).size(), 3u);
  EXPECT_EQ(wide_view(s, 2), std::u16string_view(u"ab"));
  EXPECT_EQ(wide_view(s, 5).size(), 5u);
  EXPECT_TRUE(wide_view(nullptr, SQL_NTS).empty());
  EXPECT_TRUE(wide_view(s, -7).empty());
}

TEST(Utf, EncodeIntoNeverSplitsSurrogatePair) {
  const std::string s = "ab\xF0\x9F\x98\x80" "c";
  char16_t out[8];
  size_t consumed = 0;
  EXPECT_EQ(utf8_to_utf16_into(s, out, 3, &consumed), 2u);  // room for 'a','b' and half an emoji
  EXPECT_EQ(consumed, 2u);
  EXPECT_EQ(utf8_to_utf16_into(s, out, 4, &consumed), 4u);
  EXPECT_EQ(consumed, 6u);
  EXPECT_EQ(out[2], 0xD83D);
  EXPECT_EQ(out[3], 0xDE00);
}

TEST(Utf, BoundaryPrefixBacksOffToCharacterStart) {
  const std::string s = "a\xE2\x82\xAC" "b";  // a € b
  EXPECT_EQ(utf8_boundary_prefix(s, 1), 1u);
  EXPECT_EQ(utf8_boundary_prefix(s, 2), 1u);
  EXPECT_EQ(utf8_boundary_prefix(s, 3), 1u);
  EXPECT_EQ(utf8_boundary_prefix(s, 4), 4u);
  EXPECT_EQ(utf8_boundary_prefix(s, 99), 5u);
}

}  // namespace
}  // namespace fabodbc
