// What every ODBC handle starts with: a magic number and a type tag the C boundary checks
// before it trusts a pointer the application passed (wrong type or freed handle ->
// SQL_INVALID_HANDLE), and the handle's diagnostics.
#pragma once

#include "driver/diagnostics.h"

#include <sql.h>

#include <cstddef>
#include <cstdint>

namespace fabodbc {

class Handle {
 public:
  static constexpr uint32_t kLiveMagic = 0xFAB0DBC5u;

  explicit Handle(SQLSMALLINT type) : magic_(kLiveMagic), type_(type) {}
  ~Handle() { magic_ = 0; }  // a freed handle no longer validates
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  bool is_live(SQLSMALLINT expected_type) const noexcept {
    return magic_ == kLiveMagic && type_ == expected_type;
  }
  SQLSMALLINT handle_type() const noexcept { return type_; }

  Diagnostics& diagnostics() noexcept { return diagnostics_; }

  // Handle memory is recycled, never given back to the allocator: an application that passes
  // a freed handle makes the driver read memory that is still its own (magic cleared), so the
  // check above is well-defined and sanitizers do not report it. A later handle of the same
  // kind may reuse the block.
  static void* operator new(size_t size);
  static void operator delete(void* block, size_t size) noexcept;

 private:
  // First member, so a stale pointer's first word is checked before anything else is read.
  volatile uint32_t magic_;
  SQLSMALLINT type_;
  Diagnostics diagnostics_;
};

}  // namespace fabodbc
