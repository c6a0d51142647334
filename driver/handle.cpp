#include "driver/handle.h"

#include <cstdlib>
#include <mutex>
#include <new>
#include <utility>
#include <vector>

namespace fabodbc {

namespace {

// Free blocks by size (one size per handle class, so a handful of lists).
struct HandlePool {
  std::mutex mutex;
  std::vector<std::pair<size_t, std::vector<void*>>> free_lists;

  std::vector<void*>& list_for(size_t size) {
    for (auto& entry : free_lists) {
      if (entry.first == size) return entry.second;
    }
    free_lists.emplace_back(size, std::vector<void*>());
    return free_lists.back().second;
  }
};

HandlePool& pool() {
  static HandlePool* p = new HandlePool();  // never destroyed: handles may outlive static destruction
  return *p;
}

}  // namespace

void* Handle::operator new(size_t size) {
  {
    HandlePool& p = pool();
    std::lock_guard<std::mutex> lock(p.mutex);
    std::vector<void*>& list = p.list_for(size);
    if (!list.empty()) {
      void* block = list.back();
      list.pop_back();
      return block;
    }
  }
  void* block = std::malloc(size);
  if (!block) throw std::bad_alloc();
  return block;
}

void Handle::operator delete(void* block, size_t size) noexcept {
  if (!block) return;
  HandlePool& p = pool();
  std::lock_guard<std::mutex> lock(p.mutex);
  try {
    p.list_for(size).push_back(block);
  } catch (...) {
    // Could not remember the block: leak it rather than hand it back (stale handles still
    // point at it).
  }
}

}  // namespace fabodbc
