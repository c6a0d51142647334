#include "fabric/md5.h"

// MD5() is deprecated in OpenSSL 3 in favour of EVP, but EVP_MD_CTX_new allocates on every
// call; the one-shot legacy function works on the stack, which the HASH lookup needs.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/md5.h>

namespace fabodbc::fabric {

Md5Digest md5(std::string_view data) noexcept {
    Md5Digest out{};
    MD5(reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data());
    return out;
}

namespace {
std::string to_hex(const Md5Digest& d, const char* digits) {
    std::string s(32, '0');
    for (std::size_t i = 0; i < d.size(); ++i) {
        s[2 * i] = digits[d[i] >> 4];
        s[2 * i + 1] = digits[d[i] & 15];
    }
    return s;
}
}  // namespace

std::string md5_hex_lower(std::string_view data) { return to_hex(md5(data), "0123456789abcdef"); }
std::string to_hex_upper(const Md5Digest& d) { return to_hex(d, "0123456789ABCDEF"); }

}  // namespace fabodbc::fabric
