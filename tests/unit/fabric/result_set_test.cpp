// Envelope parsing with the literal bodies of fabric-protocol.md §4.2, §4.3, §4.4.
#include <gtest/gtest.h>

#include "fabric/error.h"
#include "fabric/result_set.h"
#include "fabric/xmlrpc_codec.h"

using namespace fabodbc::fabric;

namespace {

const char* kSection42 = R"(<?xml version='1.0'?>
<methodResponse>
<params>
<param>
<value><array><data>
<value><int>1</int></value>
<value><string>5ca1ab1e-a007-feed-f00d-cab3fe13249e</string></value>
<value><int>1</int></value>
<value><string></string></value>
<value><array><data>
<value><struct>
<member>
<name>info</name>
<value><struct>
<member>
<name>names</name>
<value><array><data>
<value><string>server_uuid</string></value>
<value><string>group_id</string></value>
<value><string>host</string></value>
<value><string>port</string></value>
<value><string>mode</string></value>
<value><string>status</string></value>
<value><string>weight</string></value>
</data></array></value>
</member>
</struct></value>
</member>
<member>
<name>rows</name>
<value><array><data>
<value><array><data>
<value><string>a6ac2895-574f-11e3-bc32-bcaec56cc4a7</string></value>
<value><string>group_id-1</string></value>
<value><string>192.168.0.11</string></value>
<value><int>3306</int></value>
<value><int>3</int></value>
<value><int>3</int></value>
<value><double>1.0</double></value>
</data></array></value>
<value><array><data>
<value><string>b7bd3906-574f-11e3-bc32-bcaec56cc4a7</string></value>
<value><string>group_id-1</string></value>
<value><string>192.168.0.12</string></value>
<value><int>3306</int></value>
<value><int>1</int></value>
<value><int>2</int></value>
<value><double>1.0</double></value>
</data></array></value>
</data></array></value>
</member>
</struct></value>
</data></array></value>
</data></array></value>
</param>
</params>
</methodResponse>
)";

const char* kSection43 = R"(<?xml version='1.0'?>
<methodResponse>
<params>
<param>
<value><array><data>
<value><int>0</int></value>
<value><int>0</int></value>
<value><int>0</int></value>
<value><array><data>
<value><array><data>
<value><string>a6ac2895-574f-11e3-bc32-bcaec56cc4a7</string></value>
<value><string>group_id-1</string></value>
<value><string>192.168.0.11</string></value>
<value><string>3306</string></value>
<value><int>3</int></value>
<value><int>3</int></value>
<value><double>1.0</double></value>
</data></array></value>
</data></array></value>
</data></array></value>
</param>
</params>
</methodResponse>
)";

const char* kSection44 = R"(<?xml version='1.0'?>
<methodResponse>
<params>
<param>
<value><array><data>
<value><int>1</int></value>
<value><string>5ca1ab1e-a007-feed-f00d-cab3fe13249e</string></value>
<value><int>1</int></value>
<value><string>Group (nosuch) does not exist.</string></value>
<value><array><data>
</data></array></value>
</data></array></value>
</param>
</params>
</methodResponse>
)";

const std::vector<std::string> kServerCols{"server_uuid", "group_id", "host", "port", "mode", "status", "weight"};

}  // namespace

TEST(ResultSet, Parses15EnvelopeOfSection42ByColumnName) {
    auto r = xmlrpc::decode_response(kSection42);
    ASSERT_FALSE(r.is_fault);
    CommandResult cr = parse_command_result(r.value, "dump.servers", kServerCols);
    EXPECT_EQ(cr.format_version, 1);
    EXPECT_EQ(cr.fabric_uuid, "5ca1ab1e-a007-feed-f00d-cab3fe13249e");
    EXPECT_EQ(cr.ttl, 1);
    ASSERT_EQ(cr.sets.size(), 1u);
    const ResultSet& rs = cr.sets[0];
    ASSERT_EQ(rs.rows.size(), 2u);
    auto host = rs.require("host", "dump.servers");
    auto port = rs.require("port", "dump.servers");
    auto status = rs.require("status", "dump.servers");
    auto weight = rs.require("weight", "dump.servers");
    EXPECT_EQ(field_string(rs.rows[1], host, "host"), "192.168.0.12");
    EXPECT_EQ(field_int(rs.rows[0], port, "port"), 3306);
    EXPECT_EQ(field_int(rs.rows[0], status, "status"), 3);
    EXPECT_EQ(field_int(rs.rows[1], status, "status"), 2);
    EXPECT_DOUBLE_EQ(field_double(rs.rows[1], weight, "weight"), 1.0);
    EXPECT_EQ(rs.column("nope"), -1);
    EXPECT_THROW(rs.require("nope", "dump.servers"), FabricError);
}

TEST(ResultSet, Parses14DumpOfSection43WithStringPort) {
    CommandResult cr = parse_command_result(xmlrpc::decode_response(kSection43).value, "dump.servers", kServerCols);
    EXPECT_EQ(cr.format_version, 0);
    EXPECT_EQ(cr.ttl, 0);
    ASSERT_EQ(cr.sets.size(), 1u);
    const ResultSet& rs = cr.sets[0];
    ASSERT_EQ(rs.rows.size(), 1u);
    EXPECT_EQ(field_int(rs.rows[0], rs.require("port", "x"), "port"), 3306);
    EXPECT_EQ(field_string(rs.rows[0], rs.require("server_uuid", "x"), "server_uuid"),
              "a6ac2895-574f-11e3-bc32-bcaec56cc4a7");
}

TEST(ResultSet, Parses14FabricNodesStrings) {
    using namespace xmlrpc;
    Value v(Array{Value(0), Value(0), Value(0), Value(Array{Value("localhost:32274")})});
    CommandResult cr = parse_command_result(v, "dump.fabric_nodes", {"host", "port"});
    ASSERT_EQ(cr.sets.at(0).rows.size(), 1u);
    EXPECT_EQ(field_string(cr.sets[0].rows[0], 0, "host"), "localhost");
    EXPECT_EQ(field_int(cr.sets[0].rows[0], 1, "port"), 32274);
}

TEST(ResultSet, InBandErrorOfSection44IsSurfaced) {
    try {
        parse_command_result(xmlrpc::decode_response(kSection44).value, "group.lookup_servers", {});
        FAIL() << "no exception";
    } catch (const FabricError& e) {
        EXPECT_EQ(e.category(), ErrorCategory::InBandError);
        EXPECT_NE(std::string(e.what()).find("Group (nosuch) does not exist."), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("group.lookup_servers"), std::string::npos);
    }
}

TEST(ResultSet, RejectsUnknownVersionsAndShapes) {
    using namespace xmlrpc;
    auto cat = [](const Value& v) {
        try {
            parse_command_result(v, "m", {"a"});
        } catch (const FabricError& e) {
            return e.category();
        }
        return ErrorCategory::Config;
    };
    EXPECT_EQ(cat(Value(Array{Value(2), Value("u"), Value(1), Value(""), Value(Array{})})), ErrorCategory::Malformed);
    EXPECT_EQ(cat(Value("x")), ErrorCategory::Malformed);
    EXPECT_EQ(cat(Value(Array{Value(1), Value(2)})), ErrorCategory::Malformed);
    // Row length differs from names.
    Struct rs{{"info", Value(Struct{{"names", Value(Array{Value("a"), Value("b")})}})},
              {"rows", Value(Array{Value(Array{Value(1)})})}};
    EXPECT_EQ(cat(Value(Array{Value(1), Value("u"), Value(1), Value(""), Value(Array{Value(rs)})})),
              ErrorCategory::Malformed);
    // 1.4 lookup failure.
    EXPECT_EQ(cat(Value(Array{Value(false), Value("boom"), Value(true)})), ErrorCategory::InBandError);
}
