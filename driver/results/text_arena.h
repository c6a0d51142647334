// Stable storage for the bytes that Text cells of an in-memory result point to. Bytes are
// appended to blocks that never move or shrink, so a view handed out stays valid for as long
// as the arena lives. One memcpy per value instead of one std::string (and often one malloc)
// per value: a catalog answer of 1,500 rows stores ~9,000 short texts.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace fabodbc {

class TextArena {
 public:
  // Copies `text` into the arena; the returned view points to the copy. Empty text gives a
  // view of a static empty string (never a null pointer).
  std::string_view store(std::string_view text);
  // Forgets every stored text (views handed out become invalid).
  void clear() noexcept {
    blocks_.clear();
    next_ = nullptr;
    left_ = 0;
  }

 private:
  static constexpr size_t kBlockSize = 16 * 1024;
  // Values larger than this get a block of their own, so a few long COLUMN_DEFAULTs or
  // comments do not waste the rest of a shared block.
  static constexpr size_t kOwnBlockAbove = kBlockSize / 4;

  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;  // free space in the current shared block
  size_t left_ = 0;
};

}  // namespace fabodbc
