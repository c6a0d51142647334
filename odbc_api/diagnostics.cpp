// SQLGetDiagRec / SQLGetDiagField. They read the records the last call left and must not
// clear them, so they bypass the usual dispatcher.
#include "driver/mysql/session.h"
#include "odbc_api/dispatch.h"
#include "odbc_api/strings.h"

using namespace fabodbc;
using namespace fabodbc::api;

namespace {

// The handle's diagnostics and the lock that guards them; nullptr for an invalid handle.
struct Target {
  Diagnostics* diagnostics = nullptr;
  std::mutex* mutex = nullptr;
  Connection* connection = nullptr;
  bool is_statement = false;
};

Target target_of(SQLSMALLINT type, SQLHANDLE handle) {
  Target t;
  switch (type) {
    case SQL_HANDLE_ENV:
      if (auto* e = lookup<Environment>(handle)) { t.diagnostics = &e->diagnostics(); t.mutex = &e->mutex(); }
      break;
    case SQL_HANDLE_DBC:
      if (auto* c = lookup<Connection>(handle)) {
        t.diagnostics = &c->diagnostics(); t.mutex = &c->mutex(); t.connection = c;
      }
      break;
    case SQL_HANDLE_STMT:
      if (auto* s = lookup<Statement>(handle)) {
        t.diagnostics = &s->diagnostics(); t.mutex = &s->connection().mutex(); t.connection = &s->connection();
        t.is_statement = true;
      }
      break;
    case SQL_HANDLE_DESC:
      if (auto* d = lookup<Descriptor>(handle)) {
        t.diagnostics = &d->diagnostics(); t.mutex = &d->connection().mutex(); t.connection = &d->connection();
      }
      break;
    default:
      break;
  }
  return t;
}

SQLRETURN get_diag_rec(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT number, void* state, SQLINTEGER* native,
                       void* message, SQLSMALLINT capacity, SQLSMALLINT* length, bool wide) noexcept {
  Target t = target_of(type, handle);
  if (!t.diagnostics) return SQL_INVALID_HANDLE;
  try {
    std::lock_guard<std::mutex> lock(*t.mutex);
    if (number < 1 || capacity < 0) return SQL_ERROR;
    if (static_cast<size_t>(number) > t.diagnostics->count()) return SQL_NO_DATA;
    const DiagRecord& r = t.diagnostics->record(static_cast<size_t>(number));
    if (state) {
      if (wide) {
        write_wide(r.sqlstate, state, 6, static_cast<SQLSMALLINT*>(nullptr), false);
      } else {
        write_ansi(r.sqlstate, state, 6, static_cast<SQLSMALLINT*>(nullptr));
      }
    }
    if (native) *native = r.native;
    bool truncated = wide ? write_wide(r.message, message, capacity, length, false)
                          : write_ansi(r.message, message, capacity, length);
    if (!message) {
      // Only the length was asked for (a null buffer, usually with BufferLength 0): the message
      // does not fit what was given, so SQL_SUCCESS_WITH_INFO, as for a buffer too small.
      const size_t units = wide ? utf8_to_utf16(r.message).size() : r.message.size();
      truncated = units >= static_cast<size_t>(capacity);
    }
    return truncated ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
  } catch (...) {
    return SQL_ERROR;
  }
}

SQLRETURN get_diag_field(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT number, SQLSMALLINT field, void* value,
                         SQLSMALLINT capacity, SQLSMALLINT* length, bool wide) noexcept {
  Target t = target_of(type, handle);
  if (!t.diagnostics) return SQL_INVALID_HANDLE;
  try {
    std::lock_guard<std::mutex> lock(*t.mutex);
    const Diagnostics& d = *t.diagnostics;
    auto string_field = [&](const std::string& text) -> SQLRETURN {
      if (capacity < 0 && value) return SQL_ERROR;
      // SQLGetDiagFieldW: BufferLength and *StringLengthPtr count bytes.
      bool truncated = wide ? write_wide(text, value, capacity / static_cast<SQLSMALLINT>(sizeof(SQLWCHAR)), length, true)
                            : write_ansi(text, value, capacity, length);
      return truncated ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
    };
    // Header fields.
    switch (field) {
      case SQL_DIAG_NUMBER:
        if (value) *static_cast<SQLINTEGER*>(value) = static_cast<SQLINTEGER>(d.count());
        return SQL_SUCCESS;
      case SQL_DIAG_RETURNCODE:
        if (value) *static_cast<SQLRETURN*>(value) = d.return_code();
        return SQL_SUCCESS;
      case SQL_DIAG_ROW_COUNT:
      case SQL_DIAG_CURSOR_ROW_COUNT:
        if (!t.is_statement) return SQL_ERROR;
        if (value) *static_cast<SQLLEN*>(value) = field == SQL_DIAG_ROW_COUNT ? d.row_count() : -1;
        return SQL_SUCCESS;
      case SQL_DIAG_DYNAMIC_FUNCTION:
        if (!t.is_statement) return SQL_ERROR;
        return string_field("");
      case SQL_DIAG_DYNAMIC_FUNCTION_CODE:
        if (!t.is_statement) return SQL_ERROR;
        if (value) *static_cast<SQLINTEGER*>(value) = SQL_DIAG_UNKNOWN_STATEMENT;
        return SQL_SUCCESS;
      default:
        break;
    }
    // Record fields.
    if (number < 1) return SQL_ERROR;
    if (static_cast<size_t>(number) > d.count()) return SQL_NO_DATA;
    const DiagRecord& r = d.record(static_cast<size_t>(number));
    switch (field) {
      case SQL_DIAG_SQLSTATE: return string_field(r.sqlstate);
      case SQL_DIAG_NATIVE:
        if (value) *static_cast<SQLINTEGER*>(value) = r.native;
        return SQL_SUCCESS;
      case SQL_DIAG_MESSAGE_TEXT: return string_field(r.message);
      case SQL_DIAG_CLASS_ORIGIN: return string_field(Diagnostics::class_origin(r.sqlstate));
      case SQL_DIAG_SUBCLASS_ORIGIN: return string_field(Diagnostics::subclass_origin(r.sqlstate));
      case SQL_DIAG_CONNECTION_NAME: return string_field("");
      case SQL_DIAG_SERVER_NAME:
        return string_field(t.connection ? t.connection->settings().server : std::string());
      case SQL_DIAG_ROW_NUMBER:
        if (!t.is_statement) return SQL_ERROR;
        if (value) *static_cast<SQLLEN*>(value) = r.row_number;
        return SQL_SUCCESS;
      case SQL_DIAG_COLUMN_NUMBER:
        if (!t.is_statement) return SQL_ERROR;
        if (value) *static_cast<SQLINTEGER*>(value) = r.column_number;
        return SQL_SUCCESS;
      default:
        return SQL_ERROR;
    }
  } catch (...) {
    return SQL_ERROR;
  }
}

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLGetDiagRec(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT number, SQLCHAR* state,
                                SQLINTEGER* native, SQLCHAR* message, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return get_diag_rec(type, handle, number, state, native, message, capacity, length, false);
}

SQLRETURN SQL_API SQLGetDiagRecW(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT number, SQLWCHAR* state,
                                 SQLINTEGER* native, SQLWCHAR* message, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return get_diag_rec(type, handle, number, state, native, message, capacity, length, true);
}

SQLRETURN SQL_API SQLGetDiagField(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT number, SQLSMALLINT field,
                                  SQLPOINTER value, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return get_diag_field(type, handle, number, field, value, capacity, length, false);
}

SQLRETURN SQL_API SQLGetDiagFieldW(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT number, SQLSMALLINT field,
                                   SQLPOINTER value, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return get_diag_field(type, handle, number, field, value, capacity, length, true);
}

}  // extern "C"
