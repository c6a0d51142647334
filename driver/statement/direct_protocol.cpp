#include "driver/statement/direct_protocol.h"

#include <array>
#include <atomic>

namespace fabodbc::direct_protocol {

namespace {

// 4,096 slots of (shape with its lowest bit replaced by "small"): a shape that collides with
// another just falls back to the binary protocol until it is seen again.
constexpr size_t kSlots = 4096;
std::array<std::atomic<uint64_t>, kSlots> g_slots{};

constexpr uint64_t kFnvOffset = 1469598103934665603ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

inline uint64_t mix(uint64_t h, unsigned char c) noexcept { return (h ^ c) * kFnvPrime; }

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_word(char c) noexcept {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t slot_of(uint64_t shape) noexcept { return static_cast<size_t>((shape >> 1) % kSlots); }

}  // namespace

uint64_t shape_of(std::string_view sql) noexcept {
  uint64_t h = kFnvOffset;
  const size_t n = sql.size();
  size_t i = 0;
  while (i < n) {
    const char c = sql[i];
    if (is_space(c)) {
      while (i < n && is_space(sql[i])) ++i;
      h = mix(h, ' ');
    } else if (c == '\'' || c == '"') {
      // A literal (or, under ANSI_QUOTES, an identifier: only the guess gets coarser). A
      // backslash or a doubled quote does not end it.
      for (++i; i < n; ++i) {
        if (sql[i] == '\\') {
          ++i;
        } else if (sql[i] == c) {
          if (i + 1 < n && sql[i + 1] == c) {
            ++i;
          } else {
            break;
          }
        }
      }
      ++i;
      h = mix(h, '?');
    } else if (is_digit(c) || (c == '.' && i + 1 < n && is_digit(sql[i + 1]))) {
      // A number (1, 2.5, 1e-3, 0x1F): letters inside a word that starts with a digit are its own.
      while (i < n && (is_word(sql[i]) || sql[i] == '.' ||
                       ((sql[i] == '-' || sql[i] == '+') && (sql[i - 1] == 'e' || sql[i - 1] == 'E')))) {
        ++i;
      }
      h = mix(h, '?');
    } else if (is_word(c)) {
      // A word keeps its digits (t1, col2): only a word that starts with a digit is a number.
      while (i < n && is_word(sql[i])) h = mix(h, static_cast<unsigned char>(sql[i++]));
    } else {
      h = mix(h, static_cast<unsigned char>(c));
      ++i;
    }
  }
  return h | 2;  // never 0, whatever the lowest bit becomes
}

bool prefers_text(uint64_t shape) noexcept {
  const uint64_t e = g_slots[slot_of(shape)].load(std::memory_order_relaxed);
  return (e & ~1ull) == (shape & ~1ull) && (e & 1) != 0;
}

void remember(uint64_t shape, uint64_t rows) noexcept {
  g_slots[slot_of(shape)].store((shape & ~1ull) | (rows <= kSmallResultRows ? 1 : 0), std::memory_order_relaxed);
}

}  // namespace fabodbc::direct_protocol
