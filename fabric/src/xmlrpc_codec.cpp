// XML-RPC codec. Decoding walks the libxml2 DOM by hand with strict checks; see the header
// for the safety rules.
#include "fabric/xmlrpc_codec.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>

#include "base64.h"
#include "fabric/error.h"

namespace fabodbc::fabric::xmlrpc {

namespace {

// ---------------------------------------------------------------- encoding

void append_escaped(std::string& out, std::string_view s) {
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '\r': out += "&#13;"; break;  // a literal CR would be normalised away by the parser
            default: out += c;
        }
    }
}

void append_value(std::string& out, const Value& v) {
    out += "<value>";
    switch (v.type()) {
        case Value::Type::Nil: out += "<nil/>"; break;
        case Value::Type::Int: {
            std::int64_t i = *v.as_int();
            bool fits32 = i >= INT32_MIN && i <= INT32_MAX;
            out += fits32 ? "<int>" : "<i8>";
            out += std::to_string(i);
            out += fits32 ? "</int>" : "</i8>";
            break;
        }
        case Value::Type::Bool: out += *v.as_bool() ? "<boolean>1</boolean>" : "<boolean>0</boolean>"; break;
        case Value::Type::Double: {
            char buf[64];
            auto r = std::to_chars(buf, buf + sizeof buf, *v.as_double());
            out += "<double>";
            out.append(buf, r.ptr);
            out += "</double>";
            break;
        }
        case Value::Type::String:
            out += "<string>";
            append_escaped(out, *v.as_string());
            out += "</string>";
            break;
        case Value::Type::DateTime:
            out += "<dateTime.iso8601>";
            append_escaped(out, v.as_datetime()->text);
            out += "</dateTime.iso8601>";
            break;
        case Value::Type::Base64:
            out += "<base64>";
            out += detail::base64_encode(v.as_base64()->bytes);
            out += "</base64>";
            break;
        case Value::Type::Array:
            out += "<array><data>\n";
            for (const auto& e : *v.as_array()) {
                append_value(out, e);
                out += '\n';
            }
            out += "</data></array>";
            break;
        case Value::Type::Struct:
            out += "<struct>\n";
            for (const auto& m : *v.as_struct()) {
                out += "<member>\n<name>";
                append_escaped(out, m.first);
                out += "</name>\n";
                append_value(out, m.second);
                out += "\n</member>\n";
            }
            out += "</struct>";
            break;
    }
    out += "</value>";
}

// ---------------------------------------------------------------- decoding

[[noreturn]] void malformed(const std::string& why) {
    throw FabricError(ErrorCategory::Malformed, "malformed XML-RPC reply from Fabric: " + why);
}

struct DocDeleter {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

void init_libxml_once() {
    static std::once_flag once;
    std::call_once(once, [] { xmlInitParser(); });
}

DocPtr parse_document(std::string_view body, std::size_t max_bytes) {
    if (body.size() > max_bytes)
        malformed("reply of " + std::to_string(body.size()) + " bytes exceeds the cap of " +
                  std::to_string(max_bytes) + " bytes");
    if (body.empty()) malformed("empty body");
    if (body.size() > static_cast<std::size_t>(INT32_MAX)) malformed("reply too large");
    init_libxml_once();
    // No XML_PARSE_NOENT (no entity substitution), no XML_PARSE_DTDLOAD/DTDATTR (no external
    // DTD), XML_PARSE_NONET (no network even if something tried). Errors are reported to us,
    // not printed.
    const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
    DocPtr doc(xmlReadMemory(body.data(), static_cast<int>(body.size()), "fabric-reply.xml", nullptr, options));
    if (!doc) malformed("not well-formed XML");
    // Any DTD (internal or external subset) is refused outright: XML-RPC never needs one, and
    // refusing it rules out entity tricks (billion laughs, XXE).
    if (doc->intSubset || doc->extSubset) malformed("document type declarations are not allowed");
    return doc;
}

bool is_blank(const xmlChar* s) {
    if (!s) return true;
    for (; *s; ++s)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return false;
    return true;
}

std::string_view name_of(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

// Element children of `parent`, rejecting any non-blank text or unexpected node kinds
// between them (comments and processing instructions are tolerated).
std::vector<const xmlNode*> element_children(const xmlNode* parent) {
    std::vector<const xmlNode*> out;
    for (const xmlNode* c = parent->children; c; c = c->next) {
        switch (c->type) {
            case XML_ELEMENT_NODE: out.push_back(c); break;
            case XML_TEXT_NODE:
            case XML_CDATA_SECTION_NODE:
                if (!is_blank(c->content)) malformed("unexpected text inside <" + std::string(name_of(parent)) + ">");
                break;
            case XML_COMMENT_NODE:
            case XML_PI_NODE: break;
            default: malformed("unexpected node inside <" + std::string(name_of(parent)) + ">");
        }
    }
    return out;
}

// Text content of a scalar element: text/CDATA only; an element child is an error.
std::string text_of(const xmlNode* n) {
    std::string out;
    for (const xmlNode* c = n->children; c; c = c->next) {
        switch (c->type) {
            case XML_TEXT_NODE:
            case XML_CDATA_SECTION_NODE:
                if (c->content) out += reinterpret_cast<const char*>(c->content);
                break;
            case XML_COMMENT_NODE:
            case XML_PI_NODE: break;
            default: malformed("unexpected child inside <" + std::string(name_of(n)) + ">");
        }
    }
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::int64_t parse_int(std::string_view text, std::string_view tag) {
    std::string_view t = trim(text);
    if (!t.empty() && t.front() == '+') t.remove_prefix(1);
    std::int64_t v = 0;
    auto r = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || r.ec != std::errc() || r.ptr != t.data() + t.size())
        malformed("bad <" + std::string(tag) + "> value '" + std::string(text.substr(0, 64)) + "'");
    if (tag != "i8" && (v < INT32_MIN || v > INT32_MAX)) {
        // Python's marshaller never emits <int> outside 32 bits, but accepting it is harmless.
    }
    return v;
}

double parse_double(std::string_view text) {
    std::string_view t = trim(text);
    if (!t.empty() && t.front() == '+') t.remove_prefix(1);
    double v = 0;
    auto r = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || r.ec != std::errc() || r.ptr != t.data() + t.size() || !std::isfinite(v))
        malformed("bad <double> value '" + std::string(text.substr(0, 64)) + "'");
    return v;
}

Value decode_value(const xmlNode* value_elem, int depth);

Value decode_typed(const xmlNode* t, int depth) {
    std::string_view tag = name_of(t);
    if (tag == "int" || tag == "i4" || tag == "i8") return Value(parse_int(text_of(t), tag));
    if (tag == "string") return Value(text_of(t));
    if (tag == "boolean") {
        const std::string text = text_of(t);  // keep the text alive: trim() returns a view
        std::string_view s = trim(text);
        if (s == "1" || s == "true") return Value(true);
        if (s == "0" || s == "false") return Value(false);
        malformed("bad <boolean> value");
    }
    if (tag == "double") return Value(parse_double(text_of(t)));
    if (tag == "dateTime.iso8601") return Value(DateTime{std::string(trim(text_of(t)))});
    if (tag == "base64") {
        auto bytes = detail::base64_decode(text_of(t));
        if (!bytes) malformed("bad <base64> value");
        return Value(Base64{std::move(*bytes)});
    }
    if (tag == "nil") {
        if (!is_blank(reinterpret_cast<const xmlChar*>(text_of(t).c_str()))) malformed("<nil/> with content");
        return Value(Nil{});
    }
    if (tag == "array") {
        auto kids = element_children(t);
        if (kids.size() != 1 || name_of(kids[0]) != "data") malformed("<array> without exactly one <data>");
        Array arr;
        for (const xmlNode* v : element_children(kids[0])) {
            if (name_of(v) != "value") malformed("<data> child is not <value>");
            arr.push_back(decode_value(v, depth + 1));
        }
        return Value(std::move(arr));
    }
    if (tag == "struct") {
        Struct st;
        for (const xmlNode* m : element_children(t)) {
            if (name_of(m) != "member") malformed("<struct> child is not <member>");
            auto parts = element_children(m);
            if (parts.size() != 2 || name_of(parts[0]) != "name" || name_of(parts[1]) != "value")
                malformed("<member> must hold <name> then <value>");
            st.emplace_back(text_of(parts[0]), decode_value(parts[1], depth + 1));
        }
        return Value(std::move(st));
    }
    malformed("unknown value type <" + std::string(tag.substr(0, 64)) + ">");
}

Value decode_value(const xmlNode* v, int depth) {
    if (depth > kMaxNestingDepth) malformed("values nested deeper than " + std::to_string(kMaxNestingDepth));
    // A <value> holds either one typed element or bare text (= string).
    const xmlNode* typed = nullptr;
    bool has_text = false;
    for (const xmlNode* c = v->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            if (typed) malformed("<value> with more than one element");
            typed = c;
        } else if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (!is_blank(c->content)) has_text = true;
        } else if (c->type != XML_COMMENT_NODE && c->type != XML_PI_NODE) {
            malformed("unexpected node inside <value>");
        }
    }
    if (typed) {
        if (has_text) malformed("<value> mixes text and an element");
        return decode_typed(typed, depth);
    }
    return Value(text_of(v));  // untyped: string, whitespace preserved
}

const xmlNode* root_named(xmlDoc* doc, std::string_view want) {
    const xmlNode* root = xmlDocGetRootElement(doc);
    if (!root || name_of(root) != want) malformed("root element is not <" + std::string(want) + ">");
    return root;
}

}  // namespace

std::string encode_value(const Value& v) {
    std::string out;
    append_value(out, v);
    return out;
}

std::string encode_call(std::string_view method, const Array& params) {
    std::string out = "<?xml version='1.0'?>\n<methodCall>\n<methodName>";
    append_escaped(out, method);
    out += "</methodName>\n<params>\n";
    for (const auto& p : params) {
        out += "<param>\n";
        append_value(out, p);
        out += "\n</param>\n";
    }
    out += "</params>\n</methodCall>\n";
    return out;
}

Response decode_response(std::string_view body, std::size_t max_bytes) {
    DocPtr doc = parse_document(body, max_bytes);
    const xmlNode* root = root_named(doc.get(), "methodResponse");
    auto kids = element_children(root);
    if (kids.size() != 1) malformed("<methodResponse> must hold exactly one of <params>/<fault>");
    Response r;
    if (name_of(kids[0]) == "params") {
        auto params = element_children(kids[0]);
        if (params.size() != 1 || name_of(params[0]) != "param") malformed("<params> must hold exactly one <param>");
        auto vals = element_children(params[0]);
        if (vals.size() != 1 || name_of(vals[0]) != "value") malformed("<param> must hold exactly one <value>");
        r.value = decode_value(vals[0], 0);
        return r;
    }
    if (name_of(kids[0]) == "fault") {
        auto vals = element_children(kids[0]);
        if (vals.size() != 1 || name_of(vals[0]) != "value") malformed("<fault> must hold exactly one <value>");
        Value fv = decode_value(vals[0], 0);
        const Value* code = fv.member("faultCode");
        const Value* msg = fv.member("faultString");
        if (!code || !code->as_int() || !msg || !msg->as_string()) malformed("<fault> without faultCode/faultString");
        r.is_fault = true;
        r.fault.code = *code->as_int();
        r.fault.message = *msg->as_string();
        return r;
    }
    malformed("unexpected <" + std::string(name_of(kids[0])) + "> in <methodResponse>");
}

Call decode_call(std::string_view body, std::size_t max_bytes) {
    DocPtr doc = parse_document(body, max_bytes);
    const xmlNode* root = root_named(doc.get(), "methodCall");
    Call call;
    bool have_name = false;
    for (const xmlNode* k : element_children(root)) {
        if (name_of(k) == "methodName" && !have_name) {
            call.method = std::string(trim(text_of(k)));
            have_name = true;
        } else if (name_of(k) == "params") {
            for (const xmlNode* p : element_children(k)) {
                if (name_of(p) != "param") malformed("<params> child is not <param>");
                auto vals = element_children(p);
                if (vals.size() != 1 || name_of(vals[0]) != "value") malformed("<param> must hold one <value>");
                call.params.push_back(decode_value(vals[0], 0));
            }
        } else {
            malformed("unexpected element in <methodCall>");
        }
    }
    if (!have_name || call.method.empty()) malformed("<methodCall> without <methodName>");
    return call;
}

}  // namespace fabodbc::fabric::xmlrpc
