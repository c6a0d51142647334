// find_current_of: the WHERE CURRENT OF clause of a positioned UPDATE / DELETE.
#include "driver/sql/current_of.h"

#include <gtest/gtest.h>

namespace fabodbc::sql {
namespace {

const LexRules kRules;

TEST(CurrentOf, UpdateAndDeleteWithTheClauseLast) {
  const std::string update = "UPDATE t SET a = 1, b = ? WHERE CURRENT OF venu_cur";
  auto u = find_current_of(update, kRules);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->cursor, "venu_cur");
  EXPECT_EQ(update.substr(0, u->where), "UPDATE t SET a = 1, b = ? ");
  auto d = find_current_of("  delete from t where current of `my``cur` ;", kRules);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->cursor, "my`cur");
  EXPECT_EQ(d->where, 16u);
  auto c = find_current_of("DELETE FROM t /* x */ WHERE /* y */ CURRENT\nOF c1 -- end", kRules);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->cursor, "c1");
}

TEST(CurrentOf, AnythingElseIsLeftToTheServer) {
  for (const char* sql : {
           "UPDATE t SET a = 1 WHERE CURRENT OF",             // no name
           "DELETE FROM t WHERE CURRENT OF c curs",          // words after it
           "DELETE FROM t WHERE ONE CURRENT OF c",           // not the clause
           "DfffELETE FROM t WHERE CURRENT OF c",            // not UPDATE/DELETE
           "SELECT * FROM t WHERE CURRENT OF c",
           "UPDATE t SET a = 'WHERE CURRENT OF c'",          // inside a string
           "UPDATE t SET a = 1 -- WHERE CURRENT OF c",       // inside a comment
           "UPDATE t SET a = 'unclosed WHERE CURRENT OF c",  // the server reports the quote
       }) {
    EXPECT_FALSE(find_current_of(sql, kRules)) << sql;
  }
}

}  // namespace
}  // namespace fabodbc::sql
