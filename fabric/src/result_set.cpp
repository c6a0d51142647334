#include "fabric/result_set.h"

#include <charconv>

#include "fabric/error.h"

namespace fabodbc::fabric {

using xmlrpc::Array;
using xmlrpc::Value;

namespace {

[[noreturn]] void malformed(std::string_view method, const std::string& why) {
    throw FabricError(ErrorCategory::Malformed,
                      "unexpected reply to Fabric call " + std::string(method) + ": " + why);
}

ResultSet parse_result_set(const Value& v, std::string_view method) {
    const Value* info = v.member("info");
    const Value* rows = v.member("rows");
    if (!info || !rows) malformed(method, "result set without info/rows");
    const Value* names = info->member("names");
    if (!names || !names->as_array()) malformed(method, "result set without info.names");
    if (!rows->as_array()) malformed(method, "result set rows is not an array");
    ResultSet rs;
    for (const Value& n : *names->as_array()) {
        if (!n.as_string()) malformed(method, "column name is not a string");
        rs.names.push_back(*n.as_string());
    }
    for (const Value& r : *rows->as_array()) {
        if (!r.as_array()) malformed(method, "row is not an array");
        if (r.as_array()->size() != rs.names.size())
            malformed(method, "row has " + std::to_string(r.as_array()->size()) + " values for " +
                                  std::to_string(rs.names.size()) + " columns");
        rs.rows.push_back(*r.as_array());
    }
    return rs;
}

std::int64_t int_or_zero(const Value& v) {
    if (auto i = v.as_int()) return *i;
    return 0;
}

}  // namespace

int ResultSet::column(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return static_cast<int>(i);
    return -1;
}

std::size_t ResultSet::require(std::string_view name, std::string_view method) const {
    int c = column(name);
    if (c < 0) malformed(method, "column '" + std::string(name) + "' missing");
    return static_cast<std::size_t>(c);
}

CommandResult parse_command_result(const Value& v, std::string_view method,
                                   const std::vector<std::string>& legacy_names) {
    const Array* top = v.as_array();
    if (!top) malformed(method, "return value is a " + std::string(xmlrpc::type_name(v.type())) + ", not an array");
    CommandResult out;

    // 1.5+: [1, uuid, ttl, error, [sets]]  (§2.3)
    if (top->size() == 5 && (*top)[0].as_int()) {
        if (*(*top)[0].as_int() != 1)
            malformed(method, "unknown protocol version " + std::to_string(*(*top)[0].as_int()));
        const Value& uuid = (*top)[1];
        const Value& ttl = (*top)[2];
        const Value& err = (*top)[3];
        const Value& sets = (*top)[4];
        if (!uuid.as_string() || !ttl.as_int() || !err.as_string() || !sets.as_array())
            malformed(method, "1.5 envelope with wrongly typed fields");
        if (!err.as_string()->empty())
            throw FabricError(ErrorCategory::InBandError,
                              "Fabric call " + std::string(method) + " failed: " + *err.as_string());
        out.format_version = 1;
        out.fabric_uuid = *uuid.as_string();
        out.ttl = *ttl.as_int();
        for (const Value& s : *sets.as_array()) out.sets.push_back(parse_result_set(s, method));
        return out;
    }
    // 1.4 dump: [uuid(int 0), token, ttl, rows]
    if (top->size() == 4 && (*top)[3].as_array()) {
        out.format_version = 0;
        out.ttl = (*top)[2].as_int() ? *(*top)[2].as_int() : 0;
        if ((*top)[0].as_string()) out.fabric_uuid = *(*top)[0].as_string();
        else out.fabric_uuid = std::to_string(int_or_zero((*top)[0]));
        ResultSet rs;
        rs.names = legacy_names;
        for (const Value& r : *(*top)[3].as_array()) {
            if (const std::string* s = r.as_string()) {
                // dump.fabric_nodes in 1.4 returns "host:port" strings (§4.3).
                if (legacy_names.size() == 2) {
                    auto colon = s->rfind(':');
                    if (colon == std::string::npos) malformed(method, "node address without port");
                    rs.rows.push_back(Array{Value(s->substr(0, colon)), Value(s->substr(colon + 1))});
                    continue;
                }
                malformed(method, "1.4 row is a string");
            }
            if (!r.as_array()) malformed(method, "1.4 row is not an array");
            if (r.as_array()->size() < legacy_names.size())
                malformed(method, "1.4 row has too few values");
            Array row(r.as_array()->begin(), r.as_array()->begin() + static_cast<long>(legacy_names.size()));
            rs.rows.push_back(std::move(row));
        }
        out.sets.push_back(std::move(rs));
        return out;
    }
    // 1.4 lookup-style: [success, error, value]
    if (top->size() == 3 && (*top)[0].as_bool()) {
        if (!*(*top)[0].as_bool()) {
            std::string msg = (*top)[1].as_string() ? *(*top)[1].as_string() : std::string("(no message)");
            throw FabricError(ErrorCategory::InBandError, "Fabric call " + std::string(method) + " failed: " + msg);
        }
        malformed(method, "1.4 lookup-style reply is not supported for this call");
    }
    malformed(method, "array of " + std::to_string(top->size()) + " elements is neither a 1.5 nor a 1.4 envelope");
}

std::string field_string(const Array& row, std::size_t col, std::string_view column) {
    const Value& v = row.at(col);
    if (auto s = v.as_string()) return *s;
    if (auto i = v.as_int()) return std::to_string(*i);
    throw FabricError(ErrorCategory::Malformed, "Fabric column '" + std::string(column) + "' is a " +
                                                    xmlrpc::type_name(v.type()) + ", expected a string");
}

std::int64_t field_int(const Array& row, std::size_t col, std::string_view column) {
    const Value& v = row.at(col);
    if (auto i = v.as_int()) return *i;
    if (auto b = v.as_bool()) return *b ? 1 : 0;
    if (auto s = v.as_string()) {
        std::int64_t out = 0;
        auto r = std::from_chars(s->data(), s->data() + s->size(), out);
        if (!s->empty() && r.ec == std::errc() && r.ptr == s->data() + s->size()) return out;
    }
    throw FabricError(ErrorCategory::Malformed, "Fabric column '" + std::string(column) + "' is not an integer");
}

double field_double(const Array& row, std::size_t col, std::string_view column) {
    const Value& v = row.at(col);
    if (auto d = v.as_double()) return *d;
    if (auto i = v.as_int()) return static_cast<double>(*i);
    if (auto s = v.as_string()) {
        double out = 0;
        auto r = std::from_chars(s->data(), s->data() + s->size(), out);
        if (!s->empty() && r.ec == std::errc() && r.ptr == s->data() + s->size()) return out;
    }
    throw FabricError(ErrorCategory::Malformed, "Fabric column '" + std::string(column) + "' is not a number");
}

}  // namespace fabodbc::fabric
