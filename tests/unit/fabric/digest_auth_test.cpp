// Digest authentication: the worked example of fabric-protocol.md §4.0 and the parser.
#include <gtest/gtest.h>

#include "fabric/digest_auth.h"
#include "fabric/md5.h"

using namespace fabodbc::fabric;

TEST(DigestAuth, Section40Vector) {
    EXPECT_EQ(md5_hex_lower("connector:MySQL Fabric:secret"), "8ed4a7ea9b80de4c94bcbfc1ad582c54");
    EXPECT_EQ(md5_hex_lower("POST:/RPC2"), "4823bbbf048df5b7cac8be11cf5152df");
    const char* nonce = "MjAxNS0wOS0xMFQxMjowMDowMC4wMDAwMDA7OzFhMmIz";
    EXPECT_EQ(digest_response("connector", "MySQL Fabric", "secret", nonce, 1, "0a4f113b"),
              "ed506ddbe3495b3f27803ed044c4ec3b");
    EXPECT_EQ(digest_response("connector", "MySQL Fabric", "secret", nonce, 2, "0a4f113b"),
              "ebaa3ec3e65508484aaf00a52337fcb1");
}

TEST(DigestAuth, ParsesFabricChallengeIncludingStrayCrlf) {
    auto ch = parse_digest_challenge(
        "Digest realm=\"MySQL Fabric\", nonce=\"MjAxNS0wOS0xMFQxMjowMDowMC4wMDAwMDA7OzFhMmIz\", "
        "algorithm=\"MD5\", opaque=\"3f1c\", qop=\"auth\"\r\n");
    ASSERT_TRUE(ch);
    EXPECT_EQ(ch->realm, "MySQL Fabric");
    EXPECT_EQ(ch->nonce, "MjAxNS0wOS0xMFQxMjowMDowMC4wMDAwMDA7OzFhMmIz");
    EXPECT_EQ(ch->opaque, "3f1c");
    EXPECT_TRUE(ch->qop_auth);
}

TEST(DigestAuth, ParserRejectsGarbage) {
    EXPECT_FALSE(parse_digest_challenge(""));
    EXPECT_FALSE(parse_digest_challenge("Basic realm=\"x\""));
    EXPECT_FALSE(parse_digest_challenge("Digest realm=\"x\""));             // no nonce
    EXPECT_FALSE(parse_digest_challenge("Digest nonce=\"abc"));              // unterminated
    EXPECT_FALSE(parse_digest_challenge("Digest nonce=\"a\", algorithm=SHA-256"));
    EXPECT_FALSE(parse_digest_challenge("Digest nonce=\"a\" realm=\"b\""));  // missing comma
    EXPECT_FALSE(parse_digest_challenge("Digest =x"));
    auto ok = parse_digest_challenge("digest NONCE=abc,qop=\"auth-int, auth\"");
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->nonce, "abc");
    EXPECT_TRUE(ok->qop_auth);
    auto esc = parse_digest_challenge(R"(Digest realm="a\"b", nonce="n")");
    ASSERT_TRUE(esc);
    EXPECT_EQ(esc->realm, "a\"b");
}

TEST(DigestAuth, AuthorizationHeaderUsesRpc2AndOnlyKnownAttributes) {
    DigestChallenge ch;
    ch.realm = "MySQL Fabric";
    ch.nonce = "MjAxNS0wOS0xMFQxMjowMDowMC4wMDAwMDA7OzFhMmIz";
    ch.opaque = "3f1c";
    std::string h = digest_authorization("connector", "secret", ch, 1, "0a4f113b");
    EXPECT_EQ(h,
              "Digest username=\"connector\", realm=\"MySQL Fabric\", "
              "nonce=\"MjAxNS0wOS0xMFQxMjowMDowMC4wMDAwMDA7OzFhMmIz\", uri=\"/RPC2\", "
              "response=\"ed506ddbe3495b3f27803ed044c4ec3b\", opaque=\"3f1c\", algorithm=\"MD5\", qop=auth, "
              "nc=00000001, cnonce=\"0a4f113b\"");
    EXPECT_EQ(h.find("secret"), std::string::npos);
    EXPECT_EQ(make_cnonce().size(), 16u);
    EXPECT_NE(make_cnonce(), make_cnonce());
}
