// SQLGetDiagRec / SQLGetDiagRecW asked only for the message's length (a null buffer, BufferLength
// 0), as applications do to size their buffer: the length in characters, SQL_SUCCESS_WITH_INFO
// (the message does not fit), the SQLSTATE still written, the record kept for the real call.
#include "test_util.h"

#include <gtest/gtest.h>

#include <cstring>

namespace {

struct EnvWithError {
  SQLHENV env = SQL_NULL_HENV;
  EnvWithError() {
    EXPECT_EQ(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env), SQL_SUCCESS);
    // An attribute no environment has: an error record to read.
    EXPECT_EQ(SQLSetEnvAttr(env, 31999, reinterpret_cast<SQLPOINTER>(1), 0), SQL_ERROR);
  }
  ~EnvWithError() { SQLFreeHandle(SQL_HANDLE_ENV, env); }
};

TEST(DiagRec, NullBufferWithLengthZeroGivesTheLength) {
  EnvWithError e;
  SQLCHAR state[6] = {0};
  SQLINTEGER native = -1;
  SQLSMALLINT length = -1;
  EXPECT_EQ(SQLGetDiagRec(SQL_HANDLE_ENV, e.env, 1, state, &native, nullptr, 0, &length), SQL_SUCCESS_WITH_INFO);
  ASSERT_GT(length, 0);
  EXPECT_EQ(std::strlen(reinterpret_cast<char*>(state)), 5u);
  // The record is still there, and the length was the whole message's.
  std::string text(static_cast<size_t>(length) + 1, 'x');
  SQLSMALLINT again = -1;
  EXPECT_EQ(SQLGetDiagRec(SQL_HANDLE_ENV, e.env, 1, state, &native, reinterpret_cast<SQLCHAR*>(text.data()),
                          static_cast<SQLSMALLINT>(text.size()), &again),
            SQL_SUCCESS);
  EXPECT_EQ(again, length);
  EXPECT_EQ(std::strlen(text.c_str()), static_cast<size_t>(length));
  // A non-null buffer of length 0 is untouched, and the same answer.
  SQLCHAR untouched[4] = {'a', 'b', 'c', 0};
  EXPECT_EQ(SQLGetDiagRec(SQL_HANDLE_ENV, e.env, 1, state, &native, untouched, 0, &length), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(untouched[0], 'a');
  // A null length pointer as well.
  EXPECT_EQ(SQLGetDiagRec(SQL_HANDLE_ENV, e.env, 1, nullptr, nullptr, nullptr, 0, nullptr), SQL_SUCCESS_WITH_INFO);
  // A null buffer said to be large enough: the message would fit.
  EXPECT_EQ(SQLGetDiagRec(SQL_HANDLE_ENV, e.env, 1, state, &native, nullptr, 1000, &length), SQL_SUCCESS);
  // No such record.
  EXPECT_EQ(SQLGetDiagRec(SQL_HANDLE_ENV, e.env, 2, state, &native, nullptr, 0, &length), SQL_NO_DATA);
}

TEST(DiagRec, WideNullBufferWithLengthZeroGivesTheLengthInCharacters) {
  EnvWithError e;
  SQLSMALLINT narrow = -1;
  EXPECT_EQ(SQLGetDiagRec(SQL_HANDLE_ENV, e.env, 1, nullptr, nullptr, nullptr, 0, &narrow), SQL_SUCCESS_WITH_INFO);
  SQLWCHAR state[6] = {0};
  SQLINTEGER native = -1;
  SQLSMALLINT length = -1;
  EXPECT_EQ(SQLGetDiagRecW(SQL_HANDLE_ENV, e.env, 1, state, &native, nullptr, 0, &length), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(length, narrow);  // an ASCII message: as many characters as bytes
  EXPECT_NE(state[0], 0);
  std::u16string text(static_cast<size_t>(length) + 1, u'x');
  EXPECT_EQ(SQLGetDiagRecW(SQL_HANDLE_ENV, e.env, 1, state, &native, reinterpret_cast<SQLWCHAR*>(text.data()),
                           static_cast<SQLSMALLINT>(text.size()), &length),
            SQL_SUCCESS);
  EXPECT_EQ(text[static_cast<size_t>(length)], u'\0');
}

}  // namespace
