// GTID positions and the read-your-writes bookkeeping: what a read on a secondary must wait
// for, and that a read which needs no wait is decided without a round trip.
#include "driver/routing/gtid_position.h"
#include "driver/routing/read_consistency.h"

#include <gtest/gtest.h>

namespace fabodbc::routing {
namespace {

TEST(GtidPosition, ParsesMergesAndCoversPerDomain) {
  GtidPosition p = GtidPosition::parse("0-1-100");
  EXPECT_EQ(p.to_string(), "0-1-100");
  EXPECT_TRUE(p.merge(GtidPosition::parse("1-2-7, 0-3-101")));
  EXPECT_EQ(p.to_string(), "0-3-101,1-2-7");
  EXPECT_FALSE(p.merge(GtidPosition::parse("0-1-99"))) << "an older GTID adds nothing";
  EXPECT_TRUE(p.covers(GtidPosition::parse("0-1-101")));
  EXPECT_FALSE(p.covers(GtidPosition::parse("0-1-102")));
  EXPECT_FALSE(p.covers(GtidPosition::parse("2-1-1"))) << "another domain";
  EXPECT_TRUE(p.covers(GtidPosition()));
  EXPECT_TRUE(GtidPosition::parse("").empty());
}

TEST(GtidPosition, MySqlSetsAreOpaque) {
  const std::string set = "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77";
  GtidPosition p = GtidPosition::parse(set);
  EXPECT_TRUE(p.opaque());
  EXPECT_EQ(p.to_string(), set);
  GtidPosition q;
  EXPECT_FALSE(q.covers(p));
  EXPECT_TRUE(q.merge(p));
  EXPECT_TRUE(q.covers(p));
}

TEST(ReadConsistency, SessionWaitsOnlyForWhatIsNotKnownToBeThere) {
  ReadConsistency c(Consistency::Session, 1.0, true, nullptr);
  EXPECT_FALSE(c.may_need_wait("s1")) << "nothing committed yet: no check at all";
  c.committed("0-1-10");
  EXPECT_EQ(c.last_committed(), "0-1-10");
  EXPECT_TRUE(c.may_need_wait("s1"));
  auto needed = c.needed_on("s1");
  ASSERT_TRUE(needed);
  EXPECT_EQ(needed->to_string(), "0-1-10");
  c.applied("s1", *needed);
  EXPECT_FALSE(c.may_need_wait("s1")) << "known to be there: the next read costs nothing";
  EXPECT_TRUE(c.may_need_wait("s2"));
  c.committed("0-1-11");
  EXPECT_TRUE(c.may_need_wait("s1"));
  EXPECT_EQ(c.needed_on("s1")->to_string(), "0-1-11");
}

TEST(ReadConsistency, EventualLearnsNothingButHonoursAnExplicitToken) {
  ReadConsistency c(Consistency::Eventual, 1.0, true, nullptr);
  EXPECT_FALSE(c.tracks_commits());
  c.committed("0-1-10");
  EXPECT_FALSE(c.may_need_wait("s1"));
  EXPECT_EQ(c.last_committed(), "");
  c.wait_for("0-1-5");  // SQL_ATTR_FABRIC_WAIT_GTID from another process
  EXPECT_TRUE(c.may_need_wait("s1"));
  EXPECT_EQ(c.needed_on("s1")->to_string(), "0-1-5");
  EXPECT_EQ(c.waiting_for(), "0-1-5");
}

TEST(ReadConsistency, EnvironmentSharesCommitsBetweenConnections) {
  auto env = std::make_shared<SharedPosition>();
  ReadConsistency writer(Consistency::Environment, 1.0, true, env);
  ReadConsistency reader(Consistency::Environment, 1.0, true, env);
  EXPECT_FALSE(reader.may_need_wait("s1"));
  writer.committed("0-1-42");
  EXPECT_TRUE(reader.may_need_wait("s1")) << "the reader sees the writer's commit";
  EXPECT_EQ(reader.needed_on("s1")->to_string(), "0-1-42");
  reader.applied("s1", GtidPosition::parse("0-1-42"));
  EXPECT_FALSE(reader.may_need_wait("s1"));
  // SESSION connections of the same environment do not share.
  ReadConsistency alone(Consistency::Session, 1.0, true, env);
  EXPECT_FALSE(alone.may_need_wait("s1"));
}

}  // namespace
}  // namespace fabodbc::routing
