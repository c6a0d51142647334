// FabricError categories -> SQLSTATEs (the contract in README.md).
#include "driver/routing/fabric_route_resolver.h"

#include <gtest/gtest.h>

namespace fabodbc::routing {
namespace {

using C = fabric::ErrorCategory;
const std::string kAddress = "http://fabric.example:32274";

OdbcError map(C c, ResolveMoment m) {
  return FabricRouteResolver::to_odbc_error(fabric::FabricError(c, "detail"), kAddress, m);
}

TEST(ResolverErrors, FabricUnreachableWithoutCache) {
  for (C c : {C::Unreachable, C::Timeout, C::TlsError, C::AuthFailed, C::Forbidden, C::HttpError, C::Fault,
              C::Malformed, C::InBandError, C::Config}) {
    OdbcError at_connect = map(c, ResolveMoment::Connect);
    EXPECT_EQ(at_connect.sqlstate(), "08001") << fabric::to_string(c);
    EXPECT_NE(std::string(at_connect.what()).find(kAddress), std::string::npos) << at_connect.what();
    EXPECT_EQ(map(c, ResolveMoment::Statement).sqlstate(), "08S01") << fabric::to_string(c);
  }
}

TEST(ResolverErrors, NoUsableServer) {
  for (C c : {C::NoPrimary, C::NoServer}) {
    EXPECT_EQ(map(c, ResolveMoment::Connect).sqlstate(), "08001");
    EXPECT_EQ(map(c, ResolveMoment::Statement).sqlstate(), "08S01");
  }
}

TEST(ResolverErrors, BadRoutingInput) {
  for (C c : {C::UnknownGroup, C::UnknownTable, C::KeyBelowLowerBound, C::BadKey, C::TablesInDifferentGroups,
              C::InvalidRequest}) {
    EXPECT_EQ(map(c, ResolveMoment::Connect).sqlstate(), "08001") << fabric::to_string(c);
    OdbcError later = map(c, ResolveMoment::Statement);
    EXPECT_EQ(later.sqlstate(), "HY000") << fabric::to_string(c);
    EXPECT_NE(std::string(later.what()).find("Fabric routing: detail"), std::string::npos);
  }
}

TEST(ResolverErrors, OnlyWhatAnotherAttemptCanMendIsRetried) {
  for (C c : {C::Unreachable, C::HttpError, C::NoPrimary, C::NoServer})
    EXPECT_TRUE(FabricRouteResolver::worth_retrying(c)) << fabric::to_string(c);
  for (C c : {C::Timeout, C::TlsError, C::AuthFailed, C::Forbidden, C::Fault, C::Malformed, C::InBandError, C::Config,
              C::UnknownGroup, C::UnknownTable, C::KeyBelowLowerBound, C::BadKey, C::TablesInDifferentGroups,
              C::InvalidRequest})
    EXPECT_FALSE(FabricRouteResolver::worth_retrying(c)) << fabric::to_string(c);
}

TEST(ResolverErrors, EndpointFromSettings) {
  FabricSettings s;
  s.host = "f1";
  s.port = 4000;
  s.https = true;
  s.user = "u";
  s.password = "p";
  s.report_errors = true;
  s.timeout_seconds = 1;
  fabric::FabricEndpoint e = FabricRouteResolver::endpoint_for(s);
  EXPECT_EQ(e.host, "f1");
  EXPECT_EQ(e.port, 4000);
  EXPECT_EQ(e.protocol, fabric::Protocol::Https);
  EXPECT_TRUE(e.report_errors);
  EXPECT_EQ(e.total_timeout_ms, 1000);
  EXPECT_LE(e.connect_timeout_ms, 1000);
  EXPECT_EQ(e.address().find("p@"), std::string::npos);
}

}  // namespace
}  // namespace fabodbc::routing
