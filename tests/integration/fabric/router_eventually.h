// Resolves through a Router until a route satisfies a predicate, bounded in time: the Fabric
// HTTP tests wait so for a TTL expiry or a topology change to show.
#pragma once

#include <chrono>
#include <thread>

#include "fabric/router.h"

namespace fabodbc::fabric::test {

template <class Pred>
bool eventually(Router& r, const RouteRequest& req, Pred pred, std::chrono::milliseconds limit = std::chrono::seconds(5)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    Route route = r.resolve(req);
    if (pred(route)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace fabodbc::fabric::test
