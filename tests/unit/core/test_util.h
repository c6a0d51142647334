// Helpers for unit tests that call the entry points directly.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <string>

namespace fabodbc::test {

inline std::string sqlstate(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT record = 1) {
  SQLCHAR state[6] = {0};
  SQLINTEGER native = 0;
  SQLCHAR message[512];
  SQLSMALLINT length = 0;
  if (!SQL_SUCCEEDED(SQLGetDiagRec(type, handle, record, state, &native, message, sizeof message, &length))) {
    return "";
  }
  return reinterpret_cast<char*>(state);
}

inline std::string message(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT record = 1) {
  SQLCHAR state[6] = {0};
  SQLINTEGER native = 0;
  SQLCHAR text[1024];
  SQLSMALLINT length = 0;
  if (!SQL_SUCCEEDED(SQLGetDiagRec(type, handle, record, state, &native, text, sizeof text, &length))) return "";
  return reinterpret_cast<char*>(text);
}

}  // namespace fabodbc::test
