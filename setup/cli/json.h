// A small JSON value for the --json output of every command: ordered objects (fields appear in
// the order they were set, so output is stable), arrays, strings, numbers, booleans, null.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace fabodbc::cli {

class Json {
 public:
  enum class Kind { Null, Bool, Int, Double, String, Array, Object };

  Json() = default;
  Json(std::nullptr_t) {}
  Json(bool b) : kind_(Kind::Bool), bool_(b) {}
  Json(int v) : kind_(Kind::Int), int_(v) {}
  Json(long v) : kind_(Kind::Int), int_(v) {}
  Json(long long v) : kind_(Kind::Int), int_(v) {}
  Json(unsigned v) : kind_(Kind::Int), int_(v) {}
  Json(unsigned long v) : kind_(Kind::Int), int_(static_cast<std::int64_t>(v)) {}
  Json(unsigned long long v) : kind_(Kind::Int), int_(static_cast<std::int64_t>(v)) {}
  Json(double v) : kind_(Kind::Double), double_(v) {}
  Json(const char* s) : kind_(Kind::String), string_(s ? s : "") {}
  Json(std::string s) : kind_(Kind::String), string_(std::move(s)) {}

  static Json object() { Json j; j.kind_ = Kind::Object; return j; }
  static Json array() { Json j; j.kind_ = Kind::Array; return j; }

  // Object: sets (or replaces) a field. Array: appends.
  Json& set(const std::string& key, Json value);
  Json& push(Json value);

  std::string dump(int indent = 2) const;

 private:
  void write(std::string& out, int indent, int depth) const;

  Kind kind_ = Kind::Null;
  bool bool_ = false;
  std::int64_t int_ = 0;
  double double_ = 0;
  std::string string_;
  std::vector<Json> items_;
  std::vector<std::pair<std::string, Json>> fields_;
};

std::string json_escape(const std::string& s);

}  // namespace fabodbc::cli
