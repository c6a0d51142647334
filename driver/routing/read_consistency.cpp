#include "driver/routing/read_consistency.h"

namespace fabodbc::routing {

void SharedPosition::merge(const GtidPosition& p) {
  std::lock_guard<std::mutex> lk(mu_);
  if (position_.merge(p)) version_.fetch_add(1, std::memory_order_acq_rel);
}

GtidPosition SharedPosition::get() const {
  std::lock_guard<std::mutex> lk(mu_);
  return position_;
}

ReadConsistency::ReadConsistency(Consistency mode, double timeout_seconds, bool fall_back_to_primary,
                                 std::shared_ptr<SharedPosition> environment)
    : mode_(mode),
      timeout_(timeout_seconds),
      fallback_primary_(fall_back_to_primary),
      environment_(mode == Consistency::Environment ? std::move(environment) : nullptr) {}

void ReadConsistency::committed(std::string_view gtid) {
  if (mode_ == Consistency::Eventual) return;
  const GtidPosition p = GtidPosition::parse(gtid);
  if (own_.merge(p)) ++version_;
  if (environment_) environment_->merge(p);
}

void ReadConsistency::wait_for(std::string_view text) {
  if (requested_.merge(GtidPosition::parse(text))) ++version_;
}

GtidPosition ReadConsistency::target() const {
  GtidPosition t = requested_;
  if (mode_ != Consistency::Eventual) t.merge(own_);
  if (environment_) t.merge(environment_->get());
  return t;
}

bool ReadConsistency::may_need_wait(const std::string& server_uuid) const noexcept {
  if (version_ == 0 && env_version() == 0) return false;  // nothing committed or asked for yet
  const auto it = servers_.find(server_uuid);
  return it == servers_.end() || it->second.version != version_ || it->second.env_version != env_version();
}

std::optional<GtidPosition> ReadConsistency::needed_on(const std::string& server_uuid) {
  const std::uint64_t v = version_, ev = env_version();
  const GtidPosition t = target();
  Known& k = servers_[server_uuid];
  if (k.applied.covers(t)) {
    k.version = v;
    k.env_version = ev;
    return std::nullopt;
  }
  return t;
}

void ReadConsistency::applied(const std::string& server_uuid, const GtidPosition& position) {
  Known& k = servers_[server_uuid];
  k.applied.merge(position);
  if (k.applied.covers(target())) {
    k.version = version_;
    k.env_version = env_version();
  }
}

}  // namespace fabodbc::routing
