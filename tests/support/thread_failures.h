// What went wrong in a test's threads, collected for the main thread to report (an ASSERT in
// a thread would only leave that thread's lambda). Keeps the first 20 messages and counts all.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

namespace fabodbc::test {

class ThreadFailures {
 public:
  void add(const std::string& what) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (list_.size() < 20) list_.push_back(what);
    ++count_;
  }
  size_t count() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return count_;
  }
  std::string text() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string out;
    for (const std::string& s : list_) out += s + "\n";
    return out;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> list_;
  size_t count_ = 0;
};

}  // namespace fabodbc::test
