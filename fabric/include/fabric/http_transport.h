// HTTP/HTTPS POST of XML-RPC bodies to one Fabric node, with libcurl.
//
// Digest authentication is done here rather than by libcurl because Fabric only accepts a
// digest computed over uri "/RPC2" with qop=auth and a strict nonce count, and answers a
// count mismatch with a fresh 401 (fabric-protocol.md §1.3). A nonce is reused with an
// increasing count; any 401 triggers one re-challenge. The real Fabric 1.5.6 purges its nonce
// records every 120 s and then drops a request that reuses one without any reply (docs/
// fabric-protocol-notes.md): a nonce is forgotten after any failed exchange, and a request
// with a cached nonce that gets no reply is retried once with a fresh challenge.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "fabric/deadline.h"
#include "fabric/digest_auth.h"
#include "fabric/endpoint.h"

namespace fabodbc::fabric {

class HttpTransport {
public:
    explicit HttpTransport(FabricEndpoint cfg);

    // POSTs `body` to <protocol>://host:port/RPC2 and returns the body of the 200 reply, all
    // requests of the exchange (digest challenge, retry) before `deadline`. `method` only
    // serves error messages. Throws FabricError: Unreachable, Timeout, TlsError, AuthFailed,
    // Forbidden, HttpError, Malformed (reply over the size cap, or not HTTP at all), Config (a
    // host libcurl's URL parser refuses).
    std::string post(const std::string& host, int port, std::string_view method, const std::string& body,
                     const Deadline& deadline);

    const FabricEndpoint& config() const noexcept { return cfg_; }

private:
    struct Reply {
        long status = 0;
        std::string body;
        std::string www_authenticate;
        int curl_code = 0;  // CURLcode; 0 = a complete HTTP reply
        std::string curl_detail;
        bool overflow = false;  // the body passed max_reply_bytes
    };
    // One request; transfer failures are returned in the Reply, not thrown.
    Reply perform(const std::string& host, int port, const std::string& node, const std::string& body,
                  const std::string& authorization, long timeout_ms);
    [[noreturn]] void raise_transfer_error(const Reply& r, const std::string& node, std::string_view method) const;

    FabricEndpoint cfg_;
    struct NonceState {
        DigestChallenge challenge;
        std::uint32_t nc = 0;
    };
    std::mutex mu_;
    std::map<std::string, NonceState> nonces_;  // per node "host:port"
};

}  // namespace fabodbc::fabric
