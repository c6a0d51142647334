// A small, bounded LRU of idle sessions of ONE connection, keyed by Fabric server uuid, so
// switching back to a shard used a moment ago costs no reconnect. Each entry carries the
// connection state that was applied on it (`Extra`), so only differences are re-applied.
//
// A session is checked before it is handed out: its lost() flag, the peer-closed probe
// (no round trip), and a ping() only when it sat idle longer than `ping_after` (a server that
// went away silently, e.g. behind a dead network, is not seen by the probe). Invalid sessions
// are dropped. S needs: bool lost() const, bool closed_by_peer() const, bool ping().
#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <memory>
#include <string>
#include <utility>

namespace fabodbc::routing {

template <class S, class Extra>
class SessionPool {
 public:
  using Clock = std::chrono::steady_clock;

  struct Taken {
    std::unique_ptr<S> session;  // null: nothing usable pooled for that server
    Extra extra{};
  };

  explicit SessionPool(std::size_t capacity = 4, std::chrono::milliseconds ping_after = std::chrono::seconds(5))
      : capacity_(capacity), ping_after_(ping_after) {}

  // Keeps `session` for later; the least recently used entry goes when the pool is full.
  // A session for the same server already pooled is replaced.
  void put(const std::string& uuid, std::unique_ptr<S> session, Extra extra, Clock::time_point now = Clock::now()) {
    if (!session || capacity_ == 0) return;
    remove(uuid);
    entries_.push_front(Entry{uuid, std::move(session), std::move(extra), now});
    while (entries_.size() > capacity_) entries_.pop_back();
  }

  // The pooled session for `uuid`, validated; removed from the pool either way.
  Taken take(const std::string& uuid, Clock::time_point now = Clock::now()) {
    Taken out;
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->uuid != uuid) continue;
      Entry e = std::move(*it);
      entries_.erase(it);
      if (e.session->lost() || e.session->closed_by_peer()) return out;
      if (now - e.idle_since > ping_after_ && !e.session->ping()) return out;
      out.session = std::move(e.session);
      out.extra = std::move(e.extra);
      return out;
    }
    return out;
  }

  void remove(const std::string& uuid) {
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->uuid == uuid) {
        entries_.erase(it);
        return;
      }
    }
  }
  void clear() { entries_.clear(); }
  std::size_t size() const { return entries_.size(); }
  std::size_t capacity() const { return capacity_; }
  bool contains(const std::string& uuid) const {
    for (const Entry& e : entries_) {
      if (e.uuid == uuid) return true;
    }
    return false;
  }

 private:
  struct Entry {
    std::string uuid;
    std::unique_ptr<S> session;
    Extra extra;
    Clock::time_point idle_since;
  };
  std::size_t capacity_;
  std::chrono::milliseconds ping_after_;
  std::list<Entry> entries_;  // most recently used first
};

}  // namespace fabodbc::routing
