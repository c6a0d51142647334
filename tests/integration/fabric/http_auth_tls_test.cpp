// Digest authentication (on, off, wrong, forbidden) and HTTPS with a CA made by the test.
#include <gtest/gtest.h>

#include <cstdlib>

#include "fabric/error.h"
#include "fabric/router.h"
#include "tests/support/fabric_test_server.h"

using namespace fabodbc::fabric;
using fabodbc::test::TestServerProcess;

namespace {

ErrorCategory load_error(const FabricEndpoint& e) {
    try {
        Router r(e);
        r.resolve(RouteRequest::for_group("ha1"));
    } catch (const FabricError& err) {
        EXPECT_EQ(std::string(err.what()).find("secret"), std::string::npos) << "password leaked: " << err.what();
        return err.category();
    }
    return ErrorCategory::Config;
}

TestServerProcess::Options with_users() {
    TestServerProcess::Options o;
    o.users = {"connector:secret", "admin:adminpw:superadmin", "nobody:pw:none"};
    return o;
}

}  // namespace

TEST(FabricHttpAuth, DigestWithRightCredentialsAndNonceReuse) {
    TestServerProcess server(with_users());
    FabricEndpoint e = server.endpoint();
    e.user = "connector";
    e.password = "secret";
    Router router(e);
    EXPECT_EQ(router.resolve(RouteRequest::for_group("ha1")).server->uuid, "ha1-a");
    // Several more calls reuse the nonce with an increasing count (or re-challenge).
    for (int i = 0; i < 3; ++i) {
        router.reset_all();
        EXPECT_EQ(router.resolve(RouteRequest::for_group("ha1")).server->uuid, "ha1-a");
    }
    const std::string calls = server.control("calls");
    EXPECT_GE(fabodbc::test::count_of(calls, "\"user\": \"connector\""), 8u) << calls;
}

TEST(FabricHttpAuth, WrongPasswordMissingCredentialsAndForbiddenAreDistinct) {
    TestServerProcess server(with_users());
    FabricEndpoint e = server.endpoint();
    e.user = "connector";
    e.password = "wrong-secret";
    EXPECT_EQ(load_error(e), ErrorCategory::AuthFailed);
    e.user = "stranger";
    EXPECT_EQ(load_error(e), ErrorCategory::AuthFailed);
    e.user.clear();
    e.password.clear();
    EXPECT_EQ(load_error(e), ErrorCategory::AuthFailed);
    e.user = "nobody";
    e.password = "pw";
    EXPECT_EQ(load_error(e), ErrorCategory::Forbidden);
    e.user = "admin";
    e.password = "adminpw";
    EXPECT_EQ(load_error(e), ErrorCategory::Config);  // i.e. no error
}

TEST(FabricHttpAuth, CredentialsAgainstAServerWithoutAuthStillWork) {
    TestServerProcess server;
    FabricEndpoint e = server.endpoint();
    e.user = "connector";
    e.password = "secret";
    Router router(e);
    EXPECT_EQ(router.resolve(RouteRequest::for_group("ha1")).server->uuid, "ha1-a");
}

class FabricHttpTls : public ::testing::Test {
protected:
    static std::string dir;
    static void SetUpTestSuite() {
        dir = fabodbc::test::make_temp_dir();
        const std::string o = std::string(OPENSSL_EXE);
        const std::string q = " >/dev/null 2>&1";
        const std::string script =
            "cd " + dir + " && " + o +
            " req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj '/CN=fabodbc test CA'" + q +
            " && " + o +
            " req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other-ca.pem -days 2 -subj '/CN=other CA'" + q +
            " && " + o + " req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj '/CN=127.0.0.1'" + q +
            " && printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\nbasicConstraints=CA:FALSE\\n' > ext.cnf && " + o +
            " x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile ext.cnf" + q +
            " && printf 'subjectAltName=DNS:fabric.invalid\\n' > ext2.cnf && " + o +
            " x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out wrongname.pem -days 2 -extfile ext2.cnf" +
            q;
        ASSERT_EQ(std::system(script.c_str()), 0) << "openssl failed";
    }
    TestServerProcess::Options tls() {
        TestServerProcess::Options o;
        o.ssl_cert = dir + "/server.pem";
        o.ssl_key = dir + "/server.key";
        return o;
    }
};
std::string FabricHttpTls::dir;

TEST_F(FabricHttpTls, VerifiesTheServerAgainstTheGivenCa) {
    TestServerProcess server(tls());
    FabricEndpoint e = server.endpoint();
    e.protocol = Protocol::Https;
    e.ssl_ca = dir + "/ca.pem";
    Router router(e);
    EXPECT_EQ(router.resolve(RouteRequest::for_group("ha1")).server->uuid, "ha1-a");
    EXPECT_EQ(e.address().rfind("https://", 0), 0u);
}

TEST_F(FabricHttpTls, WrongCaOrHostnameIsATlsError) {
    TestServerProcess server(tls());
    FabricEndpoint e = server.endpoint();
    e.protocol = Protocol::Https;
    e.ssl_ca = dir + "/other-ca.pem";
    EXPECT_EQ(load_error(e), ErrorCategory::TlsError);
    // Right CA, but a certificate for another name.
    auto o = tls();
    o.ssl_cert = dir + "/wrongname.pem";
    TestServerProcess misnamed(o);
    FabricEndpoint m = misnamed.endpoint();
    m.protocol = Protocol::Https;
    m.ssl_ca = dir + "/ca.pem";
    EXPECT_EQ(load_error(m), ErrorCategory::TlsError);
    // Verification can be switched off explicitly.
    e.ssl_ca = dir + "/other-ca.pem";
    e.verify_server_cert = false;
    EXPECT_EQ(load_error(e), ErrorCategory::Config);  // no error
}

TEST_F(FabricHttpTls, HttpsWithDigestAuth) {
    auto o = tls();
    o.users = {"connector:secret"};
    TestServerProcess server(o);
    FabricEndpoint e = server.endpoint();
    e.protocol = Protocol::Https;
    e.ssl_ca = dir + "/ca.pem";
    e.user = "connector";
    e.password = "secret";
    // A client certificate is optional; Fabric never asks for one, but offering it must work.
    e.ssl_cert = dir + "/server.pem";
    e.ssl_key = dir + "/server.key";
    Router router(e);
    EXPECT_EQ(router.resolve(RouteRequest::for_shard({"db.orders"}, "5")).server->uuid, "s1");
    e.ssl_key = dir + "/missing.key";
    EXPECT_EQ(load_error(e), ErrorCategory::TlsError);
}
