#include "odbc_fixture.h"

#include <cstring>

namespace fabodbc::itest {

World& world() {
  static test::MariaDbServer& server = test::shared_server();
  static test::OdbcSandbox sandbox;
  static World w{server, sandbox, "DSN=" + sandbox.dsn_for(server), sandbox.connection_string_for(server)};
  return w;
}

std::string sqlstate(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT record) {
  SQLCHAR state[6] = {0};
  SQLINTEGER native = 0;
  SQLCHAR text[2048];
  SQLSMALLINT length = 0;
  if (!SQL_SUCCEEDED(SQLGetDiagRec(type, handle, record, state, &native, text, sizeof text, &length))) return "";
  return reinterpret_cast<char*>(state);
}

std::string diag_message(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT record) {
  SQLCHAR state[6] = {0};
  SQLINTEGER native = 0;
  SQLCHAR text[2048];
  SQLSMALLINT length = 0;
  if (!SQL_SUCCEEDED(SQLGetDiagRec(type, handle, record, state, &native, text, sizeof text, &length))) return "";
  return reinterpret_cast<char*>(text);
}

std::string all_diagnostics(SQLSMALLINT type, SQLHANDLE handle) {
  std::string out;
  for (SQLSMALLINT i = 1; i < 10; ++i) {
    std::string s = sqlstate(type, handle, i);
    if (s.empty()) break;
    out += s + ": " + diag_message(type, handle, i) + "\n";
  }
  return out;
}

UnconnectedDbc::UnconnectedDbc() {
  world();  // the sandbox must exist before the first driver-manager call
  SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
  SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
  SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
}

UnconnectedDbc::~UnconnectedDbc() {
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  SQLFreeHandle(SQL_HANDLE_ENV, env);
}

Connection::Connection(const std::string& connection_string) {
  world();
  EXPECT_EQ(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env_), SQL_SUCCESS);
  EXPECT_EQ(SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0), SQL_SUCCESS);
  EXPECT_EQ(SQLAllocHandle(SQL_HANDLE_DBC, env_, &dbc_), SQL_SUCCESS);
  SQLCHAR out[2048];
  SQLSMALLINT len = 0;
  SQLRETURN rc = SQLDriverConnect(dbc_, nullptr, (SQLCHAR*)connection_string.c_str(), SQL_NTS, out, sizeof out, &len,
                                  SQL_DRIVER_NOPROMPT);
  EXPECT_ODBC_OK(rc, SQL_HANDLE_DBC, dbc_);
  if (SQL_SUCCEEDED(rc)) completed_.assign(reinterpret_cast<char*>(out));
}

Connection::~Connection() {
  SQLDisconnect(dbc_);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
  SQLFreeHandle(SQL_HANDLE_ENV, env_);
}

Statement::Statement(const Connection& connection) {
  SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt_);
  EXPECT_ODBC_OK(rc, SQL_HANDLE_DBC, connection.dbc());
}

Statement::~Statement() { SQLFreeHandle(SQL_HANDLE_STMT, stmt_); }

SQLRETURN Statement::try_exec(const std::string& sql) {
  SQLFreeStmt(stmt_, SQL_CLOSE);
  return SQLExecDirect(stmt_, (SQLCHAR*)sql.c_str(), SQL_NTS);
}

void Statement::exec(const std::string& sql) {
  SQLRETURN rc = try_exec(sql);
  EXPECT_TRUE(SQL_SUCCEEDED(rc) || rc == SQL_NO_DATA) << sql << "\n" << diagnostics();
}

std::vector<Row> Statement::rows() {
  std::vector<Row> out;
  SQLSMALLINT columns = 0;
  EXPECT_ODBC_OK(SQLNumResultCols(stmt_, &columns), SQL_HANDLE_STMT, stmt_);
  while (true) {
    SQLRETURN rc = SQLFetch(stmt_);
    if (rc == SQL_NO_DATA) break;
    EXPECT_ODBC_OK(rc, SQL_HANDLE_STMT, stmt_);
    if (!SQL_SUCCEEDED(rc)) break;
    Row row;
    for (SQLUSMALLINT c = 1; c <= columns; ++c) {
      std::string value;
      char buffer[4096];
      SQLLEN indicator = 0;
      bool is_null = false;
      while (true) {
        rc = SQLGetData(stmt_, c, SQL_C_CHAR, buffer, sizeof buffer, &indicator);
        if (rc == SQL_NO_DATA) break;
        EXPECT_ODBC_OK(rc, SQL_HANDLE_STMT, stmt_);
        if (!SQL_SUCCEEDED(rc)) break;
        if (indicator == SQL_NULL_DATA) {
          is_null = true;
          break;
        }
        value.append(buffer, strnlen(buffer, sizeof buffer));
        if (rc == SQL_SUCCESS) break;
      }
      row.push_back(is_null ? std::nullopt : std::optional<std::string>(value));
    }
    out.push_back(std::move(row));
  }
  SQLFreeStmt(stmt_, SQL_CLOSE);
  return out;
}

std::optional<std::string> Statement::scalar(const std::string& sql) {
  exec(sql);
  std::vector<Row> r = rows();
  if (r.empty() || r[0].empty()) return std::nullopt;
  return r[0][0];
}

std::vector<Row> fetch_rows(SQLHSTMT s) {
  std::vector<Row> out;
  SQLSMALLINT columns = 0;
  EXPECT_EQ(SQLNumResultCols(s, &columns), SQL_SUCCESS);
  while (SQLFetch(s) == SQL_SUCCESS) {
    Row row;
    for (SQLUSMALLINT c = 1; c <= columns; ++c) {
      char buffer[256];
      SQLLEN indicator = 0;
      EXPECT_EQ(SQLGetData(s, c, SQL_C_CHAR, buffer, sizeof buffer, &indicator), SQL_SUCCESS);
      row.push_back(indicator == SQL_NULL_DATA ? std::nullopt : std::optional<std::string>(buffer));
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace fabodbc::itest
