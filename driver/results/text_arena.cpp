#include "driver/results/text_arena.h"

#include <cstring>

namespace fabodbc {

std::string_view TextArena::store(std::string_view text) {
  if (text.empty()) return std::string_view("", 0);
  const size_t n = text.size();
  if (n > kOwnBlockAbove) {
    // The current shared block stays current: a big value does not end it early.
    blocks_.emplace_back(new char[n]);  // not zeroed: every byte is written next
    std::memcpy(blocks_.back().get(), text.data(), n);
    return std::string_view(blocks_.back().get(), n);
  }
  if (n > left_) {
    blocks_.emplace_back(new char[kBlockSize]);
    next_ = blocks_.back().get();
    left_ = kBlockSize;
  }
  char* at = next_;
  std::memcpy(at, text.data(), n);
  next_ += n;
  left_ -= n;
  return std::string_view(at, n);
}

}  // namespace fabodbc
