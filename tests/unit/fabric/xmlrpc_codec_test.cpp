// XML-RPC codec: every value type, the §4 bodies, faults, and hostile input.
#include <gtest/gtest.h>

#include "fabric/error.h"
#include "fabric/xmlrpc_codec.h"

using namespace fabodbc::fabric;
using namespace fabodbc::fabric::xmlrpc;

namespace {

std::string wrap(const std::string& value_xml) {
    return "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n" + value_xml +
           "\n</param>\n</params>\n</methodResponse>\n";
}

ErrorCategory category_of(const std::string& body, std::size_t cap = kDefaultMaxReplyBytes) {
    try {
        decode_response(body, cap);
    } catch (const FabricError& e) {
        return e.category();
    }
    return ErrorCategory::Config;  // sentinel: "did not throw"
}

}  // namespace

TEST(XmlRpcCodec, DecodesEveryScalarType) {
    auto v = [](const std::string& x) { return decode_response(wrap("<value>" + x + "</value>")).value; };
    EXPECT_EQ(*v("<int>42</int>").as_int(), 42);
    EXPECT_EQ(*v("<i4>-7</i4>").as_int(), -7);
    EXPECT_EQ(*v("<i8>9223372036854775807</i8>").as_int(), INT64_MAX);
    EXPECT_EQ(*v("<boolean>1</boolean>").as_bool(), true);
    EXPECT_EQ(*v("<boolean>0</boolean>").as_bool(), false);
    EXPECT_EQ(*v("<string> a &amp; b &lt;c&gt; </string>").as_string(), " a & b <c> ");
    EXPECT_EQ(*v("plain text").as_string(), "plain text");
    EXPECT_EQ(*v("<string></string>").as_string(), "");
    EXPECT_DOUBLE_EQ(*v("<double>1.5</double>").as_double(), 1.5);
    EXPECT_DOUBLE_EQ(*v("<double>-0.25</double>").as_double(), -0.25);
    EXPECT_EQ(v("<dateTime.iso8601>20150910T12:00:00</dateTime.iso8601>").as_datetime()->text, "20150910T12:00:00");
    EXPECT_EQ(v("<base64>aGVsbG8gd29ybGQ=</base64>").as_base64()->bytes, "hello world");
    EXPECT_TRUE(v("<nil/>").is(Value::Type::Nil));
    EXPECT_EQ(*v("<string>\xc3\xa9</string>").as_string(), "\xc3\xa9");
}

TEST(XmlRpcCodec, DecodesArraysAndStructs) {
    Value v = decode_response(wrap(
                                  "<value><array><data>\n<value><int>1</int></value>\n"
                                  "<value><struct><member><name>a</name><value><string>x</string></value></member>"
                                  "<member><name>b</name><value><array><data></data></array></value></member>"
                                  "</struct></value>\n</data></array></value>"))
                  .value;
    ASSERT_TRUE(v.as_array());
    ASSERT_EQ(v.as_array()->size(), 2u);
    EXPECT_EQ(*(*v.as_array())[0].as_int(), 1);
    const Value& s = (*v.as_array())[1];
    ASSERT_TRUE(s.member("a"));
    EXPECT_EQ(*s.member("a")->as_string(), "x");
    ASSERT_TRUE(s.member("b")->as_array());
    EXPECT_TRUE(s.member("b")->as_array()->empty());
    EXPECT_EQ(s.member("zzz"), nullptr);
}

TEST(XmlRpcCodec, DecodesFaultOfSection45) {
    const std::string body =
        "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n"
        "<value><int>1</int></value>\n</member>\n<member>\n<name>faultString</name>\n"
        "<value><string>&lt;type 'exceptions.Exception'&gt;:method \"_some_nonexisting_method\" is not "
        "supported</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n";
    Response r = decode_response(body);
    ASSERT_TRUE(r.is_fault);
    EXPECT_EQ(r.fault.code, 1);
    EXPECT_EQ(r.fault.message,
              "<type 'exceptions.Exception'>:method \"_some_nonexisting_method\" is not supported");
}

TEST(XmlRpcCodec, RoundTripsAllTypes) {
    Array params{Value(0), Value(std::int64_t{1} << 40), Value(true), Value(2.5), Value("a<b&c"),
                 Value(DateTime{"20200101T00:00:00"}), Value(Base64{std::string("\x00\xff", 2)}), Value(Nil{}),
                 Value(Array{Value(1), Value("x")}), Value(Struct{{"k", Value(3)}})};
    Call c = decode_call(encode_call("dump.servers", params));
    EXPECT_EQ(c.method, "dump.servers");
    ASSERT_EQ(c.params.size(), params.size());
    for (std::size_t i = 0; i < params.size(); ++i) EXPECT_EQ(c.params[i], params[i]) << i;
}

TEST(XmlRpcCodec, EncodesSection41Layout) {
    std::string body = encode_call("dump.servers", Array{Value(0), Value("group_id-1")});
    EXPECT_NE(body.find("<methodName>dump.servers</methodName>"), std::string::npos);
    EXPECT_NE(body.find("<value><int>0</int></value>"), std::string::npos);
    EXPECT_NE(body.find("<value><string>group_id-1</string></value>"), std::string::npos);
}

TEST(XmlRpcCodec, DecodesJavaStyleSingleLineCall) {
    Call c = decode_call(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodCall>\t<methodName>dump.servers</methodName><params>"
        "<param><value><int>0</int></value></param><param><value><string></string></value></param></params>"
        "</methodCall>");
    EXPECT_EQ(c.method, "dump.servers");
    ASSERT_EQ(c.params.size(), 2u);
    EXPECT_EQ(*c.params[1].as_string(), "");
}

TEST(XmlRpcCodec, MalformedInputIsAnErrorNotACrash) {
    const char* bad[] = {
        "",
        "not xml",
        "<methodResponse>",
        "<methodResponse></methodResponse>",
        "<methodCall/>",
        "<methodResponse><params><param><value><int>x</int></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><int>99999999999999999999</int></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><boolean>2</boolean></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><double>1e</double></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><base64>!!</base64></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><foo/></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><array><value/></array></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><struct><member><value/></member></struct></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><int>1</int><int>2</int></value></param></params></methodResponse>",
        "<methodResponse><params></params></methodResponse>",
        "<methodResponse><fault><value><struct></struct></value></fault></methodResponse>",
        "<methodResponse><params><param><value>x<int>1</int></value></param></params></methodResponse>",
    };
    for (const char* b : bad) EXPECT_EQ(category_of(b), ErrorCategory::Malformed) << b;
}

TEST(XmlRpcCodec, RejectsDtdsAndExternalEntities) {
    const std::string xxe =
        "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        "<methodResponse><params><param><value><string>&x;</string></value></param></params></methodResponse>";
    EXPECT_EQ(category_of(xxe), ErrorCategory::Malformed);
    const std::string laughs =
        "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
        "<methodResponse><params><param><value><string>&b;</string></value></param></params></methodResponse>";
    EXPECT_EQ(category_of(laughs), ErrorCategory::Malformed);
}

TEST(XmlRpcCodec, EnforcesSizeCapAndDepthCap) {
    std::string big = wrap("<value><string>" + std::string(5000, 'x') + "</string></value>");
    EXPECT_EQ(category_of(big, 1000), ErrorCategory::Malformed);
    EXPECT_NO_THROW(decode_response(big, 100000));
    std::string deep;
    for (int i = 0; i < 100; ++i) deep += "<value><array><data>";
    deep += "<value><int>1</int></value>";
    for (int i = 0; i < 100; ++i) deep += "</data></array></value>";
    EXPECT_EQ(category_of(wrap(deep)), ErrorCategory::Malformed);
}
