// Helpers shared by the translator tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "driver/error.h"
#include "driver/sql/escape_translator.h"

namespace fabodbc::test {

inline std::string tr(const std::string& sql, EscapeOptions options = {}) { return translate_escapes(sql, options); }

// The SQLSTATE an OdbcError carried, "" if the call succeeded, "other" for another exception.
template <typename F>
std::string sqlstate_of(F&& f, std::string* message = nullptr) {
  try {
    f();
    return "";
  } catch (const OdbcError& e) {
    if (message) *message = e.what();
    return e.sqlstate();
  } catch (...) {
    return "other";
  }
}

inline std::string state(const std::string& sql, std::string* message = nullptr) {
  return sqlstate_of([&] { translate_escapes(sql); }, message);
}

}  // namespace fabodbc::test
