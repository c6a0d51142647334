#include "setup/cli/json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace fabodbc::cli {

Json& Json::set(const std::string& key, Json value) {
  for (auto& [k, v] : fields_)
    if (k == key) {
      v = std::move(value);
      return *this;
    }
  fields_.emplace_back(key, std::move(value));
  return *this;
}

Json& Json::push(Json value) {
  items_.push_back(std::move(value));
  return *this;
}

std::string json_escape(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string Json::dump(int indent) const {
  std::string out;
  write(out, indent, 0);
  return out;
}

void Json::write(std::string& out, int indent, int depth) const {
  const auto newline = [&](int d) {
    if (indent <= 0) return;
    out += '\n';
    out.append(static_cast<size_t>(indent * d), ' ');
  };
  switch (kind_) {
    case Kind::Null: out += "null"; break;
    case Kind::Bool: out += bool_ ? "true" : "false"; break;
    case Kind::Int: out += std::to_string(int_); break;
    case Kind::Double: {
      if (!std::isfinite(double_)) {
        out += "null";
        break;
      }
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", double_);
      // Shortest form that reads back the same value, for readable weights like 1.5.
      for (int p = 1; p <= 17; ++p) {
        char t[64];
        std::snprintf(t, sizeof t, "%.*g", p, double_);
        if (std::strtod(t, nullptr) == double_) {
          std::snprintf(buf, sizeof buf, "%s", t);
          break;
        }
      }
      out += buf;
      break;
    }
    case Kind::String: out += json_escape(string_); break;
    case Kind::Array:
      if (items_.empty()) {
        out += "[]";
        break;
      }
      out += '[';
      for (size_t i = 0; i < items_.size(); ++i) {
        if (i) out += ',';
        newline(depth + 1);
        items_[i].write(out, indent, depth + 1);
      }
      newline(depth);
      out += ']';
      break;
    case Kind::Object:
      if (fields_.empty()) {
        out += "{}";
        break;
      }
      out += '{';
      for (size_t i = 0; i < fields_.size(); ++i) {
        if (i) out += ',';
        newline(depth + 1);
        out += json_escape(fields_[i].first);
        out += indent > 0 ? ": " : ":";
        fields_[i].second.write(out, indent, depth + 1);
      }
      newline(depth);
      out += '}';
      break;
  }
}

}  // namespace fabodbc::cli
