// MD5 helpers (digest authentication and HASH sharding). Allocation-free forms for the hot
// HASH lookup path.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace fabodbc::fabric {

using Md5Digest = std::array<std::uint8_t, 16>;

Md5Digest md5(std::string_view data) noexcept;
std::string md5_hex_lower(std::string_view data);  // RFC 2617 digests use lower-case hex
std::string to_hex_upper(const Md5Digest& d);      // Fabric's HEX(...) form

}  // namespace fabodbc::fabric
