// The replay log: what makes a transaction unreplayable, what counts as a commit, the bounds,
// and the row checksums the replay compares.
#include "driver/routing/replay_log.h"

#include <gtest/gtest.h>

namespace fabodbc::routing {
namespace {

ReplayEntry entry(const std::string& sql) {
  ReplayEntry e;
  e.sql = sql;
  return e;
}

TEST(ReplayLog, ReplayableStatements) {
  for (const char* sql : {"INSERT INTO t VALUES (1, 'NOW()')", "UPDATE t SET v = v + 1 WHERE id = 3",
                          "SELECT NOW(), RAND() FROM t FOR UPDATE", "DELETE FROM t WHERE id = ?",
                          "select @@autocommit", "/* fabric: key=5 */ INSERT INTO t VALUES (2)",
                          "INSERT INTO `now` VALUES (1) -- NOW()\n"})
    EXPECT_EQ(ReplayLog::unreplayable_because(sql), "") << sql;
}

TEST(ReplayLog, StatementsAReplayCannotReproduce) {
  for (const char* sql : {"CREATE TABLE x (i INT)", "set @a = 1", "LOCK TABLES t WRITE", "XA START 'x'",
                          "CALL p()", "INSERT INTO t VALUES (NOW())", "UPDATE t SET v = RAND()",
                          "INSERT INTO t SELECT uuid()", "SELECT GET_LOCK('x', 1)", "CREATE TEMPORARY TABLE t (i INT)",
                          "INSERT INTO t VALUES (@v)", "SELECT SQL_CALC_FOUND_ROWS * FROM t",
                          "INSERT INTO t VALUES (LAST_INSERT_ID())"})
    EXPECT_NE(ReplayLog::unreplayable_because(sql), "") << sql;
}

TEST(ReplayLog, Commits) {
  for (const char* sql : {"COMMIT", "commit work", "CREATE TABLE t (i INT)", "SET autocommit = 1", "BEGIN",
                          "START TRANSACTION", "/* c */ DROP TABLE t"})
    EXPECT_TRUE(ReplayLog::commits(sql)) << sql;
  for (const char* sql : {"INSERT INTO commit_log VALUES (1)", "SELECT 1", "ROLLBACK TO SAVEPOINT s"})
    EXPECT_FALSE(ReplayLog::commits(sql)) << sql;
}

TEST(ReplayLog, BoundsAndPoisonAndGenerations) {
  ReplayLog log(true, 2, 1000);
  EXPECT_EQ(log.add(entry("INSERT INTO t VALUES (1)"), "T___W___"), 0u);
  EXPECT_EQ(log.add(entry("INSERT INTO t VALUES (2)"), "T___W___"), 1u);
  EXPECT_TRUE(log.replayable());
  EXPECT_EQ(log.add(entry("INSERT INTO t VALUES (3)"), "T___W___"), ReplayLog::npos);
  EXPECT_FALSE(log.replayable());
  EXPECT_NE(log.why_not().find("FABRIC_REPLAY_MAX_STATEMENTS"), std::string::npos);
  log.clear();  // the next transaction starts afresh
  EXPECT_EQ(log.add(entry("INSERT INTO t VALUES (4)"), "T___W___"), 0u);
  // A write to a non-transactional table, as the server's transaction state says.
  EXPECT_EQ(log.add(entry("INSERT INTO m VALUES (1)"), "T__wW___"), ReplayLog::npos);
  EXPECT_NE(log.why_not().find("non-transactional"), std::string::npos);
  ReplayLog off(false, 10, 1000);
  EXPECT_EQ(off.add(entry("INSERT INTO t VALUES (1)"), ""), ReplayLog::npos);
}

TEST(ReplayLog, RowChecksumsBelongToTheirTransaction) {
  ReplayLog log(true, 10, 100000);
  const size_t i = log.add(entry("SELECT v FROM t"), "T_R_____");
  const uint64_t g = log.generation();
  const char a[] = "10", b[] = "11";
  Cell row_a = Cell::text(a, 2), row_b = Cell::text(b, 2);
  log.add_row(i, g, &row_a, 1);
  const uint64_t one_row = log.entries()[i].checksum;
  EXPECT_EQ(log.entries()[i].rows, 1u);
  EXPECT_EQ(one_row, ReplayLog::hash_row(ReplayLog::kEmpty, &row_a, 1));
  EXPECT_NE(ReplayLog::hash_row(ReplayLog::kEmpty, &row_a, 1), ReplayLog::hash_row(ReplayLog::kEmpty, &row_b, 1));
  log.clear();
  log.add_row(i, g, &row_b, 1);  // a statement of an ended transaction adds nothing
  EXPECT_TRUE(log.entries().empty());
}

}  // namespace
}  // namespace fabodbc::routing
