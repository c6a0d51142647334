#include "fabric/http_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>

#include "fabric/error.h"

namespace fabodbc::fabric {

namespace {

void global_init_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
struct UrlDeleter {
    void operator()(CURLU* u) const { curl_url_cleanup(u); }
};

// <scheme>://host:port/RPC2 through libcurl's URL API, never by pasting strings: a host holding
// '@', '/', '#', spaces or control characters is refused instead of naming another target.
std::unique_ptr<CURLU, UrlDeleter> fabric_url(bool https, const std::string& host, int port, const std::string& node) {
    std::unique_ptr<CURLU, UrlDeleter> url(curl_url());
    if (!url) throw FabricError(ErrorCategory::Unreachable, "cannot initialise libcurl for Fabric at " + node);
    // A bare IPv6 literal gets its brackets here; the URL API wants them.
    const std::string h = host.find(':') != std::string::npos && host.front() != '[' ? "[" + host + "]" : host;
    const std::string p = std::to_string(port);
    if (curl_url_set(url.get(), CURLUPART_SCHEME, https ? "https" : "http", 0) != CURLUE_OK ||
        curl_url_set(url.get(), CURLUPART_HOST, h.c_str(), 0) != CURLUE_OK ||
        curl_url_set(url.get(), CURLUPART_PORT, p.c_str(), 0) != CURLUE_OK ||
        curl_url_set(url.get(), CURLUPART_PATH, "/RPC2", 0) != CURLUE_OK)
        throw FabricError(ErrorCategory::Config, "the Fabric host is not a valid host name or address");
    return url;
}

struct Sink {
    std::string* body;
    std::size_t cap;
    bool overflow = false;
    std::string* www_authenticate;
};

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
    auto* s = static_cast<Sink*>(user);
    const std::size_t len = size * n;
    if (s->body->size() + len > s->cap) {
        s->overflow = true;
        return 0;  // aborts the transfer with CURLE_WRITE_ERROR
    }
    s->body->append(data, len);
    return len;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
    auto* s = static_cast<Sink*>(user);
    const std::size_t len = size * n;
    std::string_view line(data, len);
    constexpr std::string_view kName = "www-authenticate:";
    if (line.size() > kName.size()) {
        bool match = true;
        for (std::size_t i = 0; i < kName.size() && match; ++i) {
            char c = line[i];
            if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
            match = c == kName[i];
        }
        if (match) {
            std::string_view v = line.substr(kName.size());
            // Keep the Digest challenge (a server may send several WWW-Authenticate headers).
            auto first = v.find_first_not_of(" \t");
            if (first != std::string_view::npos) v.remove_prefix(first);
            if (s->www_authenticate->empty() || v.substr(0, 6) == "Digest" || v.substr(0, 6) == "digest")
                s->www_authenticate->assign(v);
        }
    }
    return len;
}

std::string in_method(std::string_view method) {
    return method.empty() ? std::string() : " (method " + std::string(method) + ")";
}

}  // namespace

HttpTransport::HttpTransport(FabricEndpoint cfg) : cfg_(std::move(cfg)) { global_init_once(); }

HttpTransport::Reply HttpTransport::perform(const std::string& host, int port, const std::string& node,
                                            const std::string& body, const std::string& authorization,
                                            long timeout_ms) {
    const auto url = fabric_url(cfg_.protocol == Protocol::Https, host, port, node);
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) throw FabricError(ErrorCategory::Unreachable, "cannot initialise libcurl for Fabric at " + node);
    CURL* c = curl.get();
    Reply reply;
    Sink sink{&reply.body, cfg_.max_reply_bytes, false, &reply.www_authenticate};
    char errbuf[CURL_ERROR_SIZE] = {0};

    curl_slist* raw = nullptr;
    raw = curl_slist_append(raw, "Content-Type: text/xml");
    raw = curl_slist_append(raw, "Expect:");  // no 100-continue dance with a Python server
    if (!authorization.empty()) raw = curl_slist_append(raw, ("Authorization: " + authorization).c_str());
    std::unique_ptr<curl_slist, SlistDeleter> headers(raw);

    curl_easy_setopt(c, CURLOPT_CURLU, url.get());
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_USERAGENT, "fabodbc-fabric/0.1");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM-based DNS timeouts
    curl_easy_setopt(c, CURLOPT_PROXY, "");     // Fabric is reached directly, never via *_proxy env
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, std::min(cfg_.connect_timeout_ms, timeout_ms));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &sink);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    if (cfg_.protocol == Protocol::Https) {
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, cfg_.verify_server_cert ? 1L : 0L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, cfg_.verify_server_cert ? 2L : 0L);
        if (!cfg_.ssl_ca.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, cfg_.ssl_ca.c_str());
        if (!cfg_.ssl_cert.empty()) curl_easy_setopt(c, CURLOPT_SSLCERT, cfg_.ssl_cert.c_str());
        if (!cfg_.ssl_key.empty()) curl_easy_setopt(c, CURLOPT_SSLKEY, cfg_.ssl_key.c_str());
    }

    reply.curl_code = curl_easy_perform(c);
    reply.overflow = sink.overflow;
    if (reply.curl_code != CURLE_OK) {
        reply.curl_detail = errbuf[0] ? errbuf : curl_easy_strerror(static_cast<CURLcode>(reply.curl_code));
        return reply;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
    return reply;
}

namespace {

// The connection was accepted and then dropped without a (complete) reply: what Fabric 1.5.6
// does to a request whose digest nonce it has purged.
bool dropped_without_reply(int curl_code) {
    return curl_code == CURLE_GOT_NOTHING || curl_code == CURLE_RECV_ERROR || curl_code == CURLE_SEND_ERROR ||
           curl_code == CURLE_PARTIAL_FILE;
}

}  // namespace

[[noreturn]] void HttpTransport::raise_transfer_error(const Reply& r, const std::string& node,
                                                      std::string_view method) const {
    const std::string& detail = r.curl_detail;
    if (r.overflow)
        throw FabricError(ErrorCategory::Malformed, "reply from Fabric at " + node + in_method(method) +
                                                        " exceeds the size cap of " +
                                                        std::to_string(cfg_.max_reply_bytes) + " bytes");
    switch (r.curl_code) {
        case CURLE_OPERATION_TIMEDOUT:
            throw FabricError(ErrorCategory::Timeout, "Fabric at " + node + " did not answer in time" +
                                                          in_method(method) + ": " + detail);
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_INVALIDCERTSTATUS:
        case CURLE_SSL_ENGINE_NOTFOUND:
        case CURLE_SSL_ENGINE_SETFAILED:
        case CURLE_USE_SSL_FAILED:
            throw FabricError(ErrorCategory::TlsError, "TLS with Fabric at " + node + " failed: " + detail);
        case CURLE_WEIRD_SERVER_REPLY:
        case CURLE_UNSUPPORTED_PROTOCOL:
        case CURLE_HTTP2:
        case CURLE_BAD_CONTENT_ENCODING:
            // Something answered, but not with HTTP: e.g. FABRIC_PORT names a MySQL port.
            throw FabricError(ErrorCategory::Malformed, "the server at " + node + " does not speak HTTP" +
                                                            in_method(method) + " (" + detail +
                                                            "): is this the XML-RPC port of MySQL Fabric?");
        default:
            throw FabricError(ErrorCategory::Unreachable, "cannot reach Fabric at " + node + in_method(method) +
                                                              ": " + detail);
    }
}

std::string HttpTransport::post(const std::string& host, int port, std::string_view method, const std::string& body,
                                const Deadline& deadline) {
    const std::string hostpart = host.find(':') != std::string::npos && host.front() != '[' ? "[" + host + "]" : host;
    const std::string node = hostpart + ":" + std::to_string(port);  // for messages and the nonce map
    const std::string scheme = cfg_.protocol == Protocol::Https ? "https://" : "http://";
    const std::string where = scheme + node;
    const bool have_credentials = !cfg_.user.empty();
    auto forget_nonce = [&] {
        std::lock_guard<std::mutex> lk(mu_);
        nonces_.erase(node);
    };

    // At most: a request with the cached nonce; if Fabric dropped it (connection closed with no
    // reply, as 1.5.6 does once it purged its nonce records) or answered 401, one without
    // credentials to get a fresh challenge, and the request with that challenge (nc=1). All of
    // it before the caller's deadline: a retry never starts the clock again.
    bool fresh_challenge = false;  // a challenge was received in this exchange
    bool retried_dropped = false;
    for (int request = 0; request < 4; ++request) {
        const long left_ms = deadline.remaining_ms();
        if (left_ms <= 0)
            throw FabricError(ErrorCategory::Timeout, "Fabric at " + where + " did not answer within " +
                                                          std::to_string(deadline.budget_ms()) + " ms" + in_method(method));
        std::string authorization;
        bool cached_nonce = false;  // the nonce came from an earlier exchange
        if (have_credentials) {
            std::lock_guard<std::mutex> lk(mu_);
            auto it = nonces_.find(node);
            if (it != nonces_.end()) {
                ++it->second.nc;
                cached_nonce = !fresh_challenge;
                authorization =
                    digest_authorization(cfg_.user, cfg_.password, it->second.challenge, it->second.nc, make_cnonce());
            }
        }
        Reply r = perform(host, port, where, body, authorization, left_ms);
        if (r.curl_code != CURLE_OK) {
            // Never keep a nonce across a failed exchange: the server may have forgotten it.
            if (have_credentials) forget_nonce();
            if (cached_nonce && !retried_dropped && dropped_without_reply(r.curl_code)) {
                retried_dropped = true;  // the nonce was purged: ask for a fresh challenge, once
                continue;
            }
            raise_transfer_error(r, where, method);
        }
        if (r.status == 200) return std::move(r.body);
        if (r.status == 401) {
            if (!have_credentials)
                throw FabricError(ErrorCategory::AuthFailed,
                                  "Fabric at " + where + " requires authentication; set the Fabric user and password");
            auto ch = parse_digest_challenge(r.www_authenticate);
            if (!ch) {
                forget_nonce();
                throw FabricError(ErrorCategory::AuthFailed,
                                  "Fabric at " + where + " answered 401 without a usable Digest challenge");
            }
            if (fresh_challenge && !authorization.empty()) {  // a fresh challenge answered with 401 again
                forget_nonce();
                throw FabricError(ErrorCategory::AuthFailed, "Fabric at " + where + " rejected the credentials of user '" +
                                                                 cfg_.user + "' (HTTP 401)");
            }
            std::lock_guard<std::mutex> lk(mu_);
            nonces_[node] = NonceState{*ch, 0};
            fresh_challenge = true;  // the next request uses it with nc=1; a 401 to that is final
            continue;
        }
        if (have_credentials) forget_nonce();
        // Fabric answers a wrong digest or an unknown user with 400 (empty body), not 401 (§1.3).
        if (r.status == 400 && have_credentials)
            throw FabricError(ErrorCategory::AuthFailed, "Fabric at " + where + " rejected the credentials of user '" +
                                                             cfg_.user + "' (HTTP 400: wrong password or unknown user)");
        if (r.status == 403)
            throw FabricError(ErrorCategory::Forbidden, "Fabric at " + where + " refused" + in_method(method) +
                                                            " for user '" + cfg_.user + "' (HTTP 403)");
        throw FabricError(ErrorCategory::HttpError, "Fabric at " + where + " answered HTTP " +
                                                        std::to_string(r.status) + in_method(method));
    }
    forget_nonce();
    throw FabricError(ErrorCategory::AuthFailed, "Fabric at " + where + " kept asking for authentication");
}

}  // namespace fabodbc::fabric
