// Base64 (RFC 4648, standard alphabet) for XML-RPC <base64> values. Internal header.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fabodbc::fabric::detail {

std::string base64_encode(std::string_view bytes);
// Whitespace is ignored (XML-RPC servers wrap lines); anything else invalid -> nullopt.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace fabodbc::fabric::detail
