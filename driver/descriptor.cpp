#include "driver/descriptor.h"

namespace fabodbc {

SQLSMALLINT Descriptor::count() const noexcept {
  for (size_t i = records_.size(); i-- > 1;) {
    if (records_[i].bound) return static_cast<SQLSMALLINT>(i);
  }
  return 0;
}

void Descriptor::unbind(SQLUSMALLINT number) noexcept {
  if (number < records_.size()) {
    records_[number] = DescRecord{};
    ++generation_;
  }
}

}  // namespace fabodbc
