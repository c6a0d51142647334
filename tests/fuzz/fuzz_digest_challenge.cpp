// libFuzzer: arbitrary WWW-Authenticate values into the Digest challenge parser, and the
// Authorization header built from whatever it accepts.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fabric/digest_auth.h"

using namespace fabodbc::fabric;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    auto ch = parse_digest_challenge(in);
    if (ch) {
        if (ch->nonce.empty()) __builtin_trap();  // the parser promises a nonce
        const std::string h = digest_authorization("connector", "secret", *ch, 1, "0a4f113b");
        if (h.rfind("Digest username=\"connector\"", 0) != 0) __builtin_trap();
        // What we send must parse back as a Digest value with the same nonce.
        auto back = parse_digest_challenge(h);
        if (!back || back->nonce != ch->nonce) __builtin_trap();
    }
    return 0;
}
