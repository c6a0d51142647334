// Handle validation through the C entry points: null, wrong-type and freed handles answer
// SQL_INVALID_HANDLE and never crash.
#include "test_util.h"

#include <gtest/gtest.h>

namespace {

using fabodbc::test::sqlstate;

SQLHENV new_env(SQLINTEGER version = SQL_OV_ODBC3) {
  SQLHENV env = SQL_NULL_HENV;
  EXPECT_EQ(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env), SQL_SUCCESS);
  if (version) {
    EXPECT_EQ(SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(static_cast<SQLLEN>(version)), 0),
              SQL_SUCCESS);
  }
  return env;
}

TEST(Handles, NullHandlesAreInvalid) {
  EXPECT_EQ(SQLSetEnvAttr(nullptr, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0),
            SQL_INVALID_HANDLE);
  EXPECT_EQ(SQLDisconnect(nullptr), SQL_INVALID_HANDLE);
  EXPECT_EQ(SQLFetch(nullptr), SQL_INVALID_HANDLE);
  EXPECT_EQ(SQLExecDirect(nullptr, (SQLCHAR*)"SELECT 1", SQL_NTS), SQL_INVALID_HANDLE);
  EXPECT_EQ(SQLCancel(nullptr), SQL_INVALID_HANDLE);
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_STMT, nullptr), SQL_INVALID_HANDLE);
  SQLHANDLE out = nullptr;
  EXPECT_EQ(SQLAllocHandle(SQL_HANDLE_DBC, nullptr, &out), SQL_INVALID_HANDLE);
  SQLCHAR state[6];
  SQLINTEGER native;
  SQLCHAR text[64];
  SQLSMALLINT len;
  EXPECT_EQ(SQLGetDiagRec(SQL_HANDLE_ENV, nullptr, 1, state, &native, text, sizeof text, &len), SQL_INVALID_HANDLE);
}

TEST(Handles, WrongHandleTypeIsInvalid) {
  SQLHENV env = new_env();
  SQLHDBC dbc = SQL_NULL_HDBC;
  ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc), SQL_SUCCESS);
  // An environment where a connection or statement is expected, and the reverse.
  EXPECT_EQ(SQLDisconnect(env), SQL_INVALID_HANDLE);
  EXPECT_EQ(SQLFetch(env), SQL_INVALID_HANDLE);
  EXPECT_EQ(SQLFetch(dbc), SQL_INVALID_HANDLE);
  EXPECT_EQ(SQLSetEnvAttr(dbc, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0),
            SQL_INVALID_HANDLE);
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_ENV, dbc), SQL_INVALID_HANDLE);
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_STMT, dbc), SQL_INVALID_HANDLE);
  EXPECT_EQ(SQLFreeHandle(77, dbc), SQL_INVALID_HANDLE);
  // A pointer that was never a handle.
  long long not_a_handle[8] = {0};
  EXPECT_EQ(SQLDisconnect(not_a_handle), SQL_INVALID_HANDLE);
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_DBC, dbc), SQL_SUCCESS);
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_ENV, env), SQL_SUCCESS);
}

TEST(Handles, FreedHandleIsInvalid) {
  SQLHENV env = new_env();
  SQLHDBC dbc = SQL_NULL_HDBC;
  ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc), SQL_SUCCESS);
  ASSERT_EQ(SQLFreeHandle(SQL_HANDLE_DBC, dbc), SQL_SUCCESS);
  // Reading the stale pointer is what the check is for: the magic was cleared on free.
  EXPECT_EQ(SQLDisconnect(dbc), SQL_INVALID_HANDLE);
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_DBC, dbc), SQL_INVALID_HANDLE);
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_ENV, env), SQL_SUCCESS);
}

TEST(Handles, ConnectionNeedsOdbcVersionFirst) {
  SQLHENV env = new_env(0);
  SQLHDBC dbc = SQL_NULL_HDBC;
  EXPECT_EQ(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc), SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_ENV, env), "HY010");
  EXPECT_EQ(dbc, nullptr);
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_ENV, env), SQL_SUCCESS);
}

TEST(Handles, EnvironmentAttributes) {
  SQLHENV env = new_env(SQL_OV_ODBC3_80);
  SQLINTEGER v = 0;
  EXPECT_EQ(SQLGetEnvAttr(env, SQL_ATTR_ODBC_VERSION, &v, 0, nullptr), SQL_SUCCESS);
  EXPECT_EQ(v, SQL_OV_ODBC3_80);
  EXPECT_EQ(SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(99), 0), SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_ENV, env), "HY024");
  EXPECT_EQ(SQLSetEnvAttr(env, 12345, nullptr, 0), SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_ENV, env), "HY092");
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_ENV, env), SQL_SUCCESS);
}

TEST(Handles, EnvironmentWithConnectionsCannotBeFreed) {
  SQLHENV env = new_env();
  SQLHDBC dbc = SQL_NULL_HDBC;
  ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc), SQL_SUCCESS);
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_ENV, env), SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_ENV, env), "HY010");
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_DBC, dbc), SQL_SUCCESS);
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_ENV, env), SQL_SUCCESS);
}

TEST(Handles, StatementNeedsAnOpenConnection) {
  SQLHENV env = new_env();
  SQLHDBC dbc = SQL_NULL_HDBC;
  ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc), SQL_SUCCESS);
  SQLHSTMT stmt = SQL_NULL_HSTMT;
  EXPECT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt), SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, dbc), "08003");
  EXPECT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, dbc, nullptr), SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, dbc), "HY009");
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_DBC, dbc), SQL_SUCCESS);
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_ENV, env), SQL_SUCCESS);
}

TEST(Handles, DiagnosticsHeaderAndRecordFields) {
  SQLHENV env = new_env();
  EXPECT_EQ(SQLSetEnvAttr(env, 12345, nullptr, 0), SQL_ERROR);
  SQLINTEGER number = 0;
  EXPECT_EQ(SQLGetDiagField(SQL_HANDLE_ENV, env, 0, SQL_DIAG_NUMBER, &number, 0, nullptr), SQL_SUCCESS);
  EXPECT_EQ(number, 1);
  SQLRETURN rc = 0;
  EXPECT_EQ(SQLGetDiagField(SQL_HANDLE_ENV, env, 0, SQL_DIAG_RETURNCODE, &rc, 0, nullptr), SQL_SUCCESS);
  EXPECT_EQ(rc, SQL_ERROR);
  SQLCHAR text[64];
  SQLSMALLINT len = 0;
  EXPECT_EQ(SQLGetDiagField(SQL_HANDLE_ENV, env, 1, SQL_DIAG_SQLSTATE, text, sizeof text, &len), SQL_SUCCESS);
  EXPECT_STREQ(reinterpret_cast<char*>(text), "HY092");
  EXPECT_EQ(SQLGetDiagField(SQL_HANDLE_ENV, env, 1, SQL_DIAG_CLASS_ORIGIN, text, sizeof text, &len), SQL_SUCCESS);
  EXPECT_STREQ(reinterpret_cast<char*>(text), "ISO 9075");
  EXPECT_EQ(SQLGetDiagField(SQL_HANDLE_ENV, env, 1, SQL_DIAG_MESSAGE_TEXT, text, sizeof text, &len), SQL_SUCCESS);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(text)).rfind("[fabodbc] ", 0), 0u);
  // Truncated message: SQL_SUCCESS_WITH_INFO and the full length.
  SQLCHAR small[5];
  EXPECT_EQ(SQLGetDiagField(SQL_HANDLE_ENV, env, 1, SQL_DIAG_MESSAGE_TEXT, small, sizeof small, &len),
            SQL_SUCCESS_WITH_INFO);
  EXPECT_GT(len, 5);
  EXPECT_EQ(SQLGetDiagField(SQL_HANDLE_ENV, env, 2, SQL_DIAG_SQLSTATE, text, sizeof text, &len), SQL_NO_DATA);
  // Reading diagnostics does not clear them.
  EXPECT_EQ(sqlstate(SQL_HANDLE_ENV, env), "HY092");
  // The next call on the handle does.
  SQLINTEGER v;
  EXPECT_EQ(SQLGetEnvAttr(env, SQL_ATTR_ODBC_VERSION, &v, 0, nullptr), SQL_SUCCESS);
  EXPECT_EQ(sqlstate(SQL_HANDLE_ENV, env), "");
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_ENV, env), SQL_SUCCESS);
}

}  // namespace
