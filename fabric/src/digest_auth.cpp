#include "fabric/digest_auth.h"

#include <openssl/rand.h>

#include <cstdio>
#include <random>

#include "fabric/md5.h"

namespace fabodbc::fabric {

namespace {

constexpr std::string_view kDigestUri = "/RPC2";  // see header: Fabric hashes this, always

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = char(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

bool is_token_char(char c) {
    return c > 32 && c < 127 && c != '=' && c != ',' && c != '"' && c != ';';
}

void append_quoted(std::string& out, std::string_view v) {
    out += '"';
    for (char c : v) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

}  // namespace

std::optional<DigestChallenge> parse_digest_challenge(std::string_view h) {
    std::size_t i = 0;
    auto skip_ws = [&] {
        while (i < h.size() && is_space(h[i])) ++i;
    };
    skip_ws();
    std::size_t s = i;
    while (i < h.size() && is_token_char(h[i])) ++i;
    if (!iequals(h.substr(s, i - s), "Digest")) return std::nullopt;

    DigestChallenge ch;
    bool have_nonce = false;
    bool saw_qop = false;
    while (true) {
        skip_ws();
        while (i < h.size() && h[i] == ',') {
            ++i;
            skip_ws();
        }
        if (i >= h.size()) break;
        std::size_t ks = i;
        while (i < h.size() && is_token_char(h[i])) ++i;
        std::string_view key = h.substr(ks, i - ks);
        if (key.empty()) return std::nullopt;
        skip_ws();
        if (i >= h.size() || h[i] != '=') return std::nullopt;
        ++i;
        skip_ws();
        std::string value;
        if (i < h.size() && h[i] == '"') {
            ++i;
            bool closed = false;
            while (i < h.size()) {
                char c = h[i++];
                if (c == '\\') {
                    if (i >= h.size()) return std::nullopt;
                    value += h[i++];
                } else if (c == '"') {
                    closed = true;
                    break;
                } else {
                    value += c;
                }
            }
            if (!closed) return std::nullopt;
        } else {
            std::size_t vs = i;
            while (i < h.size() && is_token_char(h[i])) ++i;
            value.assign(h.substr(vs, i - vs));
        }
        if (iequals(key, "realm")) ch.realm = value;
        else if (iequals(key, "nonce")) { ch.nonce = value; have_nonce = true; }
        else if (iequals(key, "opaque")) ch.opaque = value;
        else if (iequals(key, "algorithm")) ch.algorithm = value;
        else if (iequals(key, "stale")) ch.stale = iequals(value, "true");
        else if (iequals(key, "qop")) {
            saw_qop = true;
            // comma-separated list inside the quotes: "auth,auth-int"
            std::size_t p = 0;
            while (p <= value.size()) {
                std::size_t q = value.find(',', p);
                if (q == std::string::npos) q = value.size();
                std::string_view item = std::string_view(value).substr(p, q - p);
                while (!item.empty() && is_space(item.front())) item.remove_prefix(1);
                while (!item.empty() && is_space(item.back())) item.remove_suffix(1);
                if (iequals(item, "auth")) ch.qop_auth = true;
                p = q + 1;
            }
        }
        skip_ws();
        if (i < h.size() && h[i] != ',') return std::nullopt;
    }
    if (!have_nonce || ch.nonce.empty()) return std::nullopt;
    if (!ch.algorithm.empty() && !iequals(ch.algorithm, "MD5")) return std::nullopt;
    // Fabric's no-qop branch is broken (§1.3): we always answer with qop=auth, so a server
    // that did not offer it still gets qop=auth (Fabric always offers it).
    if (!saw_qop) ch.qop_auth = true;
    return ch;
}

std::string format_nonce_count(std::uint32_t nc) {
    char buf[9];
    std::snprintf(buf, sizeof buf, "%08x", nc);
    return buf;
}

std::string make_cnonce() {
    unsigned char raw[8];
    if (RAND_bytes(raw, sizeof raw) != 1) {
        std::random_device rd;
        for (auto& b : raw) b = static_cast<unsigned char>(rd());
    }
    static const char* digits = "0123456789abcdef";
    std::string s;
    for (unsigned char b : raw) {
        s += digits[b >> 4];
        s += digits[b & 15];
    }
    return s;
}

std::string digest_response(std::string_view user, std::string_view realm, std::string_view password,
                            std::string_view nonce, std::uint32_t nc, std::string_view cnonce) {
    std::string a1;
    a1.append(user).append(":").append(realm).append(":").append(password);
    const std::string ha1 = md5_hex_lower(a1);
    const std::string ha2 = md5_hex_lower(std::string("POST:").append(kDigestUri));
    std::string k;
    k.append(ha1).append(":").append(nonce).append(":").append(format_nonce_count(nc)).append(":");
    k.append(cnonce).append(":auth:").append(ha2);
    return md5_hex_lower(k);
}

std::string digest_authorization(std::string_view user, std::string_view password, const DigestChallenge& ch,
                                 std::uint32_t nc, std::string_view cnonce) {
    std::string out = "Digest username=";
    append_quoted(out, user);
    out += ", realm=";
    append_quoted(out, ch.realm);
    out += ", nonce=";
    append_quoted(out, ch.nonce);
    out += ", uri=";
    append_quoted(out, kDigestUri);
    out += ", response=";
    append_quoted(out, digest_response(user, ch.realm, password, ch.nonce, nc, cnonce));
    if (!ch.opaque.empty()) {
        out += ", opaque=";
        append_quoted(out, ch.opaque);
    }
    out += ", algorithm=\"MD5\", qop=auth, nc=";
    out += format_nonce_count(nc);
    out += ", cnonce=";
    append_quoted(out, cnonce);
    return out;
}

}  // namespace fabodbc::fabric
