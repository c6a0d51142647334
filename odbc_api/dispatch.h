// The one way into the driver from the C ABI: validate the handle (type tag + magic; a wrong
// type or freed handle answers SQL_INVALID_HANDLE), lock the handle's connection, clear its
// diagnostics, run the body, and turn every exception into a diagnostic record. Nothing
// throws past this point.
#pragma once

#include "driver/connection/connection.h"
#include "driver/descriptor/descriptor.h"
#include "driver/environment.h"
#include "driver/error.h"
#include "driver/statement/statement.h"

#include <sql.h>
#include <sqlext.h>

#include <exception>
#include <mutex>
#include <new>

namespace fabodbc::api {

template <class T> constexpr SQLSMALLINT handle_type_of();
template <> constexpr SQLSMALLINT handle_type_of<Environment>() { return SQL_HANDLE_ENV; }
template <> constexpr SQLSMALLINT handle_type_of<Connection>() { return SQL_HANDLE_DBC; }
template <> constexpr SQLSMALLINT handle_type_of<Statement>() { return SQL_HANDLE_STMT; }
template <> constexpr SQLSMALLINT handle_type_of<Descriptor>() { return SQL_HANDLE_DESC; }

inline std::mutex& mutex_of(Environment& e) { return e.mutex(); }
inline std::mutex& mutex_of(Connection& c) { return c.mutex(); }
inline std::mutex& mutex_of(Statement& s) { return s.connection().mutex(); }
inline std::mutex& mutex_of(Descriptor& d) { return d.connection().mutex(); }

// The object behind a handle, or nullptr when the handle is null, freed or of another type.
template <class T>
T* lookup(SQLHANDLE handle) noexcept {
  if (!handle) return nullptr;
  auto* base = static_cast<Handle*>(handle);
  if (!base->is_live(handle_type_of<T>())) return nullptr;
  return static_cast<T*>(base);
}

// Runs `body` and records what it threw on `diagnostics`. The caller holds the lock.
template <class F>
SQLRETURN run_with_diagnostics(Diagnostics& diagnostics, F&& body) noexcept {
  SQLRETURN rc = SQL_ERROR;
  try {
    diagnostics.clear();
    rc = body();
    if (rc == SQL_SUCCESS && diagnostics.count() > 0) rc = SQL_SUCCESS_WITH_INFO;
  } catch (const OdbcError& e) {
    try { diagnostics.add(e); } catch (...) {}
    rc = SQL_ERROR;
  } catch (const std::bad_alloc&) {
    try { diagnostics.add("HY001", "memory allocation error"); } catch (...) {}
    rc = SQL_ERROR;
  } catch (const std::exception& e) {
    try { diagnostics.add("HY000", e.what()); } catch (...) {}
    rc = SQL_ERROR;
  } catch (...) {
    try { diagnostics.add("HY000", "unexpected internal error"); } catch (...) {}
    rc = SQL_ERROR;
  }
  diagnostics.set_return_code(rc);
  return rc;
}

// The usual entry: body(T&) -> SQLRETURN, under the connection (or environment) lock.
template <class T, class F>
SQLRETURN call(SQLHANDLE handle, F&& body) noexcept {
  T* object = lookup<T>(handle);
  if (!object) return SQL_INVALID_HANDLE;
  try {
    std::lock_guard<std::mutex> lock(mutex_of(*object));
    return run_with_diagnostics(object->diagnostics(), [&] { return body(*object); });
  } catch (...) {  // std::system_error from the mutex
    return SQL_ERROR;
  }
}

}  // namespace fabodbc::api
