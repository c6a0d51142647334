// The XML-RPC value tree: what the codec produces and consumes.
//
// Plain value type (no network, no XML). `int`, `i4` and `i8` all decode to Int (64-bit),
// so callers never care which spelling a server used.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace fabodbc::fabric::xmlrpc {

class Value;
using Array = std::vector<Value>;
using Member = std::pair<std::string, Value>;
using Struct = std::vector<Member>;  // keeps wire order; lookups are linear (structs are tiny)

struct Nil {
    bool operator==(const Nil&) const { return true; }
};
struct DateTime {  // dateTime.iso8601, kept as the text the server sent
    std::string text;
    bool operator==(const DateTime& o) const { return text == o.text; }
};
struct Base64 {  // decoded bytes
    std::string bytes;
    bool operator==(const Base64& o) const { return bytes == o.bytes; }
};

class Value {
public:
    enum class Type { Nil, Int, Bool, Double, String, DateTime, Base64, Array, Struct };

    Value() : v_(Nil{}) {}
    Value(Nil) : v_(Nil{}) {}
    Value(int i) : v_(std::int64_t{i}) {}
    Value(std::int64_t i) : v_(i) {}
    Value(bool b) : v_(b) {}
    Value(double d) : v_(d) {}
    Value(const char* s) : v_(std::string(s)) {}
    Value(std::string s) : v_(std::move(s)) {}
    Value(std::string_view s) : v_(std::string(s)) {}
    Value(DateTime d) : v_(std::move(d)) {}
    Value(Base64 b) : v_(std::move(b)) {}
    Value(Array a) : v_(std::move(a)) {}
    Value(Struct s) : v_(std::move(s)) {}

    Type type() const noexcept { return static_cast<Type>(v_.index()); }
    bool is(Type t) const noexcept { return type() == t; }

    // Typed accessors: return nullptr when the value has another type.
    const std::int64_t* as_int() const noexcept { return std::get_if<std::int64_t>(&v_); }
    const bool* as_bool() const noexcept { return std::get_if<bool>(&v_); }
    const double* as_double() const noexcept { return std::get_if<double>(&v_); }
    const std::string* as_string() const noexcept { return std::get_if<std::string>(&v_); }
    const DateTime* as_datetime() const noexcept { return std::get_if<DateTime>(&v_); }
    const Base64* as_base64() const noexcept { return std::get_if<Base64>(&v_); }
    const Array* as_array() const noexcept { return std::get_if<Array>(&v_); }
    const Struct* as_struct() const noexcept { return std::get_if<Struct>(&v_); }

    // Struct member by name (first match), nullptr if absent or not a struct.
    const Value* member(std::string_view name) const noexcept;

    bool operator==(const Value& o) const { return v_ == o.v_; }
    bool operator!=(const Value& o) const { return !(v_ == o.v_); }

private:
    // Order must match Type.
    std::variant<Nil, std::int64_t, bool, double, std::string, DateTime, Base64, Array, Struct> v_;
};

const char* type_name(Value::Type t) noexcept;

}  // namespace fabodbc::fabric::xmlrpc
