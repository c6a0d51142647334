// XML-RPC encoding (requests) and decoding (responses) on libxml2.
//
// Decoding is defensive: size cap before parsing, no DTD (documents carrying one are
// rejected, so no entity expansion and no external entity can ever be loaded), no network,
// a nesting depth cap, strict scalar parsing. Every malformed input ends in a
// FabricError(Malformed); never a crash.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "fabric/xmlrpc_value.h"

namespace fabodbc::fabric::xmlrpc {

inline constexpr std::size_t kDefaultMaxReplyBytes = 16u * 1024u * 1024u;
inline constexpr int kMaxNestingDepth = 64;

// <methodCall> with one <param> per argument. The method name stays on one line because
// Fabric extracts it with a regex before parsing (fabric-protocol.md §1.1).
std::string encode_call(std::string_view method, const Array& params);

// Encodes one value as <value>...</value> (exposed for the test server fixtures/tests).
std::string encode_value(const Value& v);

struct Fault {
    std::int64_t code = 0;
    std::string message;
};

// Result of decoding a <methodResponse>: either the single return value or a fault.
struct Response {
    bool is_fault = false;
    Value value;  // valid when !is_fault
    Fault fault;  // valid when is_fault
};

// Throws FabricError(Malformed) on anything that is not a well-formed methodResponse.
Response decode_response(std::string_view body, std::size_t max_bytes = kDefaultMaxReplyBytes);

// Decodes a <methodCall> (used by tests and the fuzzer; the driver never receives calls).
struct Call {
    std::string method;
    Array params;
};
Call decode_call(std::string_view body, std::size_t max_bytes = kDefaultMaxReplyBytes);

}  // namespace fabodbc::fabric::xmlrpc
