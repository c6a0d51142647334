#include "fabric/xmlrpc_value.h"

namespace fabodbc::fabric::xmlrpc {

const Value* Value::member(std::string_view name) const noexcept {
    const Struct* s = as_struct();
    if (!s) return nullptr;
    for (const auto& m : *s)
        if (m.first == name) return &m.second;
    return nullptr;
}

const char* type_name(Value::Type t) noexcept {
    switch (t) {
        case Value::Type::Nil: return "nil";
        case Value::Type::Int: return "int";
        case Value::Type::Bool: return "boolean";
        case Value::Type::Double: return "double";
        case Value::Type::String: return "string";
        case Value::Type::DateTime: return "dateTime.iso8601";
        case Value::Type::Base64: return "base64";
        case Value::Type::Array: return "array";
        case Value::Type::Struct: return "struct";
    }
    return "?";
}

}  // namespace fabodbc::fabric::xmlrpc
