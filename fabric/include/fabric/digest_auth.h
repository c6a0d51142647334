// HTTP Digest authentication (RFC 2617, MD5, qop=auth) the way MySQL Fabric checks it
// (fabric-protocol.md §1.3): HA2 is always MD5("POST:/RPC2") whatever path we POST to, and
// only the ten attribute names Fabric accepts are ever sent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fabodbc::fabric {

struct DigestChallenge {
    std::string realm;
    std::string nonce;
    std::string opaque;     // empty when the server sent none
    std::string algorithm;  // "MD5" or empty
    bool qop_auth = false;  // server offers qop "auth"
    bool stale = false;
};

// Parses one WWW-Authenticate header value ("Digest realm=..., nonce=..."). Returns nullopt
// if the scheme is not Digest or the value is malformed (no nonce, bad quoting, ...).
// Never throws, never reads out of bounds: it is fuzzed.
std::optional<DigestChallenge> parse_digest_challenge(std::string_view header_value);

// The `response` attribute: MD5(HA1:nonce:nc:cnonce:qop:HA2) with HA1 = MD5(user:realm:password)
// and HA2 = MD5("POST:/RPC2").
std::string digest_response(std::string_view user, std::string_view realm, std::string_view password,
                            std::string_view nonce, std::uint32_t nc, std::string_view cnonce);

// Full Authorization header value for the given challenge and nonce count.
std::string digest_authorization(std::string_view user, std::string_view password, const DigestChallenge& ch,
                                 std::uint32_t nc, std::string_view cnonce);

std::string format_nonce_count(std::uint32_t nc);  // 8 lower-case hex digits
std::string make_cnonce();                         // 16 random hex digits

}  // namespace fabodbc::fabric
