#include "driver/descriptor/descriptor.h"

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

void Descriptor::set_count(SQLSMALLINT count) {
  if (count < 0) count = 0;
  records_.resize(static_cast<size_t>(count) + 1u);
  for (size_t i = 1; i < records_.size(); ++i) records_[i].bound = records_[i].bound || i == records_.size() - 1;
  if (count == 0) records_.clear();
  ++generation_;
}

}  // namespace fabodbc
