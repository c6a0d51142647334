#include "driver/routing/session_pool.h"

#include <gtest/gtest.h>

namespace fabodbc::routing {
namespace {

struct FakeSession {
  int id = 0;
  bool is_lost = false, peer_closed = false, ping_ok = true;
  int* pings = nullptr;
  bool lost() const { return is_lost; }
  bool closed_by_peer() const { return peer_closed; }
  bool ping() {
    if (pings) ++*pings;
    return ping_ok;
  }
};

using Pool = SessionPool<FakeSession, int>;
using Clock = Pool::Clock;

std::unique_ptr<FakeSession> session(int id) {
  auto s = std::make_unique<FakeSession>();
  s->id = id;
  return s;
}

TEST(SessionPool, TakeGivesBackTheSessionAndItsState) {
  Pool pool(4);
  pool.put("a", session(1), 11);
  EXPECT_TRUE(pool.contains("a"));
  Pool::Taken t = pool.take("a");
  ASSERT_TRUE(t.session);
  EXPECT_EQ(t.session->id, 1);
  EXPECT_EQ(t.extra, 11);
  EXPECT_FALSE(pool.contains("a"));
  EXPECT_FALSE(pool.take("a").session);
  EXPECT_FALSE(pool.take("other").session);
}

TEST(SessionPool, BoundedLeastRecentlyUsedGoesFirst) {
  Pool pool(2);
  const auto t0 = Clock::now();
  pool.put("a", session(1), 0, t0);
  pool.put("b", session(2), 0, t0);
  pool.put("c", session(3), 0, t0);
  EXPECT_EQ(pool.size(), 2u);
  EXPECT_FALSE(pool.contains("a"));
  EXPECT_TRUE(pool.contains("b"));
  EXPECT_TRUE(pool.contains("c"));
  // Re-putting b makes it the most recent: d evicts c.
  pool.put("b", pool.take("b", t0).session, 0, t0);
  pool.put("d", session(4), 0, t0);
  EXPECT_TRUE(pool.contains("b"));
  EXPECT_FALSE(pool.contains("c"));
}

TEST(SessionPool, SameServerReplaces) {
  Pool pool(4);
  pool.put("a", session(1), 0);
  pool.put("a", session(2), 0);
  EXPECT_EQ(pool.size(), 1u);
  EXPECT_EQ(pool.take("a").session->id, 2);
}

TEST(SessionPool, LostOrClosedSessionsAreDropped) {
  Pool pool(4);
  auto lost = session(1);
  lost->is_lost = true;
  pool.put("a", std::move(lost), 0);
  EXPECT_FALSE(pool.take("a").session);
  EXPECT_EQ(pool.size(), 0u);
  auto closed = session(2);
  closed->peer_closed = true;
  pool.put("b", std::move(closed), 0);
  EXPECT_FALSE(pool.take("b").session);
}

TEST(SessionPool, PingOnlyAfterLongIdle) {
  Pool pool(4, std::chrono::seconds(5));
  int pings = 0;
  const auto t0 = Clock::now();
  auto s = session(1);
  s->pings = &pings;
  pool.put("a", std::move(s), 0, t0);
  Pool::Taken fresh = pool.take("a", t0 + std::chrono::seconds(1));
  ASSERT_TRUE(fresh.session);
  EXPECT_EQ(pings, 0);
  pool.put("a", std::move(fresh.session), 0, t0);
  Pool::Taken idle = pool.take("a", t0 + std::chrono::seconds(6));
  ASSERT_TRUE(idle.session);
  EXPECT_EQ(pings, 1);
  idle.session->ping_ok = false;
  pool.put("a", std::move(idle.session), 0, t0);
  EXPECT_FALSE(pool.take("a", t0 + std::chrono::seconds(6)).session);
  EXPECT_EQ(pings, 2);
}

TEST(SessionPool, ZeroCapacityKeepsNothing) {
  Pool pool(0);
  pool.put("a", session(1), 0);
  EXPECT_EQ(pool.size(), 0u);
}

}  // namespace
}  // namespace fabodbc::routing
