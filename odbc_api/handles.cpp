// Handle allocation and release, environment attributes.
#include "odbc_api/dispatch.h"

using namespace fabodbc;
using namespace fabodbc::api;

namespace {

SQLRETURN free_environment(SQLHANDLE handle) noexcept {
  Environment* env = lookup<Environment>(handle);
  if (!env) return SQL_INVALID_HANDLE;
  {
    std::lock_guard<std::mutex> lock(env->mutex());
    if (env->has_connections()) {
      env->diagnostics().clear();
      env->diagnostics().add("HY010", "connections are still allocated on this environment");
      return SQL_ERROR;
    }
  }
  delete env;
  return SQL_SUCCESS;
}

SQLRETURN free_connection(SQLHANDLE handle) noexcept {
  Connection* conn = lookup<Connection>(handle);
  if (!conn) return SQL_INVALID_HANDLE;
  Environment& env = conn->environment();
  std::lock_guard<std::mutex> env_lock(env.mutex());
  SQLRETURN rc = SQL_ERROR;
  {
    std::lock_guard<std::mutex> lock(conn->mutex());
    rc = run_with_diagnostics(conn->diagnostics(), [&] {
      if (conn->connected()) throw OdbcError("HY010", "the connection is still open: call SQLDisconnect first");
      return SQL_SUCCESS;
    });
  }
  if (rc != SQL_SUCCESS) return rc;
  try {
    env.free_connection(conn);
  } catch (...) {
    return SQL_ERROR;
  }
  return SQL_SUCCESS;
}

SQLRETURN free_statement(SQLHANDLE handle) noexcept {
  Statement* stmt = lookup<Statement>(handle);
  if (!stmt) return SQL_INVALID_HANDLE;
  Connection& conn = stmt->connection();
  std::lock_guard<std::mutex> lock(conn.mutex());
  conn.free_statement(stmt);
  return SQL_SUCCESS;
}

SQLRETURN free_descriptor(SQLHANDLE handle) noexcept {
  Descriptor* desc = lookup<Descriptor>(handle);
  if (!desc) return SQL_INVALID_HANDLE;
  Connection& conn = desc->connection();
  std::lock_guard<std::mutex> lock(conn.mutex());
  if (desc->is_implicit()) {
    desc->diagnostics().clear();
    desc->diagnostics().add("HY017", "an implicitly allocated descriptor cannot be freed");
    return SQL_ERROR;
  }
  conn.free_descriptor(desc);
  return SQL_SUCCESS;
}

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLAllocHandle(SQLSMALLINT type, SQLHANDLE input, SQLHANDLE* output) {
  switch (type) {
    case SQL_HANDLE_ENV: {
      if (!output) return SQL_ERROR;
      *output = SQL_NULL_HENV;
      try {
        *output = static_cast<Handle*>(new Environment());
      } catch (...) {
        return SQL_ERROR;
      }
      return SQL_SUCCESS;
    }
    case SQL_HANDLE_DBC:
      return call<Environment>(input, [&](Environment& env) {
        if (!output) throw OdbcError("HY009", "OutputHandlePtr is null");
        *output = SQL_NULL_HDBC;
        *output = static_cast<Handle*>(env.allocate_connection());
        return SQL_SUCCESS;
      });
    case SQL_HANDLE_STMT:
      return call<Connection>(input, [&](Connection& conn) {
        if (!output) throw OdbcError("HY009", "OutputHandlePtr is null");
        *output = SQL_NULL_HSTMT;
        *output = static_cast<Handle*>(conn.allocate_statement());
        return SQL_SUCCESS;
      });
    case SQL_HANDLE_DESC:
      return call<Connection>(input, [&](Connection& conn) {
        if (!output) throw OdbcError("HY009", "OutputHandlePtr is null");
        *output = SQL_NULL_HDESC;
        *output = static_cast<Handle*>(conn.allocate_descriptor());
        return SQL_SUCCESS;
      });
    default:
      return SQL_ERROR;
  }
}

SQLRETURN SQL_API SQLFreeHandle(SQLSMALLINT type, SQLHANDLE handle) {
  switch (type) {
    case SQL_HANDLE_ENV: return free_environment(handle);
    case SQL_HANDLE_DBC: return free_connection(handle);
    case SQL_HANDLE_STMT: return free_statement(handle);
    case SQL_HANDLE_DESC: return free_descriptor(handle);
    default: return SQL_INVALID_HANDLE;
  }
}

SQLRETURN SQL_API SQLFreeStmt(SQLHSTMT handle, SQLUSMALLINT option) {
  if (option == SQL_DROP) return free_statement(handle);
  return call<Statement>(handle, [&](Statement& s) {
    switch (option) {
      case SQL_CLOSE: s.close_cursor(false); break;
      case SQL_UNBIND: s.unbind_columns(); break;
      case SQL_RESET_PARAMS: s.reset_params(); break;
      default: throw OdbcError("HY092", "invalid SQLFreeStmt option");
    }
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLSetEnvAttr(SQLHENV handle, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length) {
  return call<Environment>(handle, [&](Environment& env) {
    env.set_attr(attribute, value, length);
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLGetEnvAttr(SQLHENV handle, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER,
                                SQLINTEGER* length) {
  return call<Environment>(handle, [&](Environment& env) {
    SQLINTEGER v = env.get_attr(attribute);
    if (value) *static_cast<SQLINTEGER*>(value) = v;
    if (length) *length = sizeof(SQLINTEGER);
    return SQL_SUCCESS;
  });
}

}  // extern "C"
