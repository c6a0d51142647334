// libFuzzer: arbitrary bytes into the XML-RPC response/call decoders and the Fabric envelope
// parser. Any FabricError is an expected outcome; anything else (crash, leak, UB, other
// exception) is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fabric/error.h"
#include "fabric/result_set.h"
#include "fabric/xmlrpc_codec.h"

using namespace fabodbc::fabric;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    try {
        xmlrpc::Response r = xmlrpc::decode_response(in, 1u << 20);
        if (!r.is_fault) {
            // Round trip: what we decoded must encode and decode to the same tree.
            const std::string again = "<methodResponse><params><param>" + xmlrpc::encode_value(r.value) +
                                      "</param></params></methodResponse>";
            xmlrpc::Response r2 = xmlrpc::decode_response(again, 1u << 24);
            if (r2.is_fault || !(r2.value == r.value)) __builtin_trap();
            try {
                parse_command_result(r.value, "fuzz", {"a", "b"});
            } catch (const FabricError&) {
            }
        }
    } catch (const FabricError&) {
    }
    try {
        xmlrpc::decode_call(in, 1u << 20);
    } catch (const FabricError&) {
    }
    return 0;
}
