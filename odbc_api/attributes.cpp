// Connection and statement attributes, SQLEndTran.
#include "odbc_api/dispatch.h"
#include "include/fabodbc.h"
#include "odbc_api/strings.h"

#include <cstdio>

using namespace fabodbc;
using namespace fabodbc::api;

namespace {

const char* string_attribute_name(SQLINTEGER attribute) {
  switch (attribute) {
    case SQL_ATTR_CURRENT_CATALOG: return "SQL_ATTR_CURRENT_CATALOG";
    case SQL_ATTR_TRACEFILE: return "SQL_ATTR_TRACEFILE";
    case SQL_ATTR_TRANSLATE_LIB: return "SQL_ATTR_TRANSLATE_LIB";
    case SQL_ATTR_FABRIC_GROUP: return "SQL_ATTR_FABRIC_GROUP";
    case SQL_ATTR_FABRIC_KEY: return "SQL_ATTR_FABRIC_KEY";
    case SQL_ATTR_FABRIC_TABLES: return "SQL_ATTR_FABRIC_TABLES";
    case SQL_ATTR_FABRIC_WAIT_GTID: return "SQL_ATTR_FABRIC_WAIT_GTID";
    default: return "the attribute";
  }
}

// A NUL or another control character inside a string attribute is refused, never cut or
// passed on: "ha1\0x" must not become the group "ha1", and a shard key with a stray byte
// must not select a shard.
void refuse_control_characters(const std::string& text, SQLINTEGER attribute) {
  for (unsigned char c : text) {
    if (c >= 0x20 && c != 0x7F) continue;
    char code[8];
    std::snprintf(code, sizeof code, "0x%02X", c);
    throw OdbcError("HY024", std::string("Invalid value for ") + string_attribute_name(attribute) +
                                 ": it contains the control character " + code);
  }
}

SQLRETURN set_connect_attr(SQLHDBC handle, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length, bool wide) {
  return call<Connection>(handle, [&](Connection& c) {
    if (Connection::is_string_attribute(attribute)) {
      if (!value) throw OdbcError("HY009", "the attribute value is a null pointer");
      std::string text = wide ? from_wide(static_cast<SQLWCHAR*>(value),
                                          length == SQL_NTS ? SQL_NTS : length / static_cast<SQLINTEGER>(sizeof(SQLWCHAR)))
                              : from_ansi(static_cast<SQLCHAR*>(value), length);
      refuse_control_characters(text, attribute);
      c.set_attr(attribute, value, &text);
    } else {
      c.set_attr(attribute, value, nullptr);
    }
    return SQL_SUCCESS;
  });
}

SQLRETURN get_connect_attr(SQLHDBC handle, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER capacity,
                           SQLINTEGER* length, bool wide) {
  return call<Connection>(handle, [&](Connection& c) {
    ConnectAttrValue v = c.get_attr(attribute);
    if (v.is_string) {
      if (capacity < 0 && value) throw OdbcError("HY090", "BufferLength must not be negative");
      bool truncated = wide ? write_wide(v.text, value, capacity / static_cast<SQLINTEGER>(sizeof(SQLWCHAR)), length, true)
                            : write_ansi(v.text, value, capacity, length);
      note_truncation(c.diagnostics(), truncated);
    } else {
      // Connection attributes are 32-bit (SQLUINTEGER) values.
      if (value) *static_cast<SQLUINTEGER*>(value) = static_cast<SQLUINTEGER>(v.number);
      if (length) *length = sizeof(SQLUINTEGER);
    }
    return SQL_SUCCESS;
  });
}

SQLRETURN set_stmt_attr(SQLHSTMT handle, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length) {
  return call<Statement>(handle, [&](Statement& s) { return s.set_attr(attribute, value, length); });
}

SQLRETURN get_stmt_attr(SQLHSTMT handle, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER* length) {
  return call<Statement>(handle, [&](Statement& s) {
    SQLULEN v = s.get_attr(attribute);
    // Statement attributes are SQLULEN-sized values or pointers (descriptor handles included).
    if (value) *static_cast<SQLULEN*>(value) = v;
    if (length) *length = sizeof(SQLULEN);
    return SQL_SUCCESS;
  });
}

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLSetConnectAttr(SQLHDBC h, SQLINTEGER a, SQLPOINTER v, SQLINTEGER n) {
  return set_connect_attr(h, a, v, n, false);
}
SQLRETURN SQL_API SQLSetConnectAttrW(SQLHDBC h, SQLINTEGER a, SQLPOINTER v, SQLINTEGER n) {
  return set_connect_attr(h, a, v, n, true);
}
SQLRETURN SQL_API SQLGetConnectAttr(SQLHDBC h, SQLINTEGER a, SQLPOINTER v, SQLINTEGER cap, SQLINTEGER* n) {
  return get_connect_attr(h, a, v, cap, n, false);
}
SQLRETURN SQL_API SQLGetConnectAttrW(SQLHDBC h, SQLINTEGER a, SQLPOINTER v, SQLINTEGER cap, SQLINTEGER* n) {
  return get_connect_attr(h, a, v, cap, n, true);
}
SQLRETURN SQL_API SQLSetStmtAttr(SQLHSTMT h, SQLINTEGER a, SQLPOINTER v, SQLINTEGER n) {
  return set_stmt_attr(h, a, v, n);
}
SQLRETURN SQL_API SQLSetStmtAttrW(SQLHSTMT h, SQLINTEGER a, SQLPOINTER v, SQLINTEGER n) {
  return set_stmt_attr(h, a, v, n);
}
SQLRETURN SQL_API SQLGetStmtAttr(SQLHSTMT h, SQLINTEGER a, SQLPOINTER v, SQLINTEGER, SQLINTEGER* n) {
  return get_stmt_attr(h, a, v, n);
}
SQLRETURN SQL_API SQLGetStmtAttrW(SQLHSTMT h, SQLINTEGER a, SQLPOINTER v, SQLINTEGER, SQLINTEGER* n) {
  return get_stmt_attr(h, a, v, n);
}

SQLRETURN SQL_API SQLEndTran(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT completion) {
  if (type == SQL_HANDLE_ENV) {
    return call<Environment>(handle, [&](Environment& e) {
      e.end_transaction(completion);
      return SQL_SUCCESS;
    });
  }
  if (type == SQL_HANDLE_DBC) {
    return call<Connection>(handle, [&](Connection& c) {
      c.end_transaction(completion);
      return SQL_SUCCESS;
    });
  }
  return SQL_INVALID_HANDLE;
}

}  // extern "C"
