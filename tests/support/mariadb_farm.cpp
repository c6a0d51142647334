#include "tests/support/mariadb_farm.h"

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>

namespace fabodbc::test {
namespace {

std::string uuid_for(unsigned server_id) {
  char b[64];
  std::snprintf(b, sizeof b, "aaaaaaaa-0000-4000-8000-%012u", server_id);
  return b;
}

void make_read_only(const MariaDbServer& s, bool on) {
  s.admin_query(std::string("SET GLOBAL read_only = ") + (on ? "1" : "0"));
}

// The primary side of semi-sync, on the primary only: a secondary with it on would wait for
// acknowledgements of the events it binlogs while applying (log_slave_updates) from replicas it
// does not have, and stall its SQL thread for the whole timeout.
void semi_sync_primary_side(const MariaDbServer& s) {
  s.admin_query("SET GLOBAL rpl_semi_sync_master_wait_point = 'AFTER_SYNC'");
  s.admin_query("SET GLOBAL rpl_semi_sync_master_timeout = 30000");
  s.admin_query("SET GLOBAL rpl_semi_sync_master_enabled = 1");
}

// The sequence number of the last GTID of a one-domain position ("0-3-1234" -> 1234).
unsigned long long last_seq(const std::string& pos) {
  const size_t dash = pos.rfind('-');
  return dash == std::string::npos ? 0 : std::stoull(pos.substr(dash + 1));
}

}  // namespace

const std::string& MariaDbFarm::app_user() {
  static const std::string u = "fabapp";
  return u;
}
const std::string& MariaDbFarm::app_password() {
  static const std::string p = "fabapp-pw";
  return p;
}

std::unique_ptr<MariaDbFarm> MariaDbFarm::start(const std::vector<GroupSpec>& specs) {
  std::unique_ptr<MariaDbFarm> farm(new MariaDbFarm());
  std::vector<MariaDbOptions> options;
  struct Slot {
    size_t group;
    bool primary;
    double weight;
    unsigned server_id;
  };
  std::vector<Slot> slots;
  unsigned next_id = 1;
  for (size_t g = 0; g < specs.size(); ++g) {
    farm->groups_.push_back(FarmGroup{specs[g].id, {}});
    for (unsigned i = 0; i <= specs[g].secondaries; ++i) {
      MariaDbOptions o;
      o.server_id = next_id++;
      o.log_bin = true;
      double weight = 1.0;
      if (i > 0 && i - 1 < specs[g].secondary_weights.size()) weight = specs[g].secondary_weights[i - 1];
      options.push_back(o);
      slots.push_back(Slot{g, i == 0, weight, o.server_id});
    }
  }
  auto servers = MariaDbServer::start_many(options);
  for (size_t i = 0; i < slots.size(); ++i) {
    FarmMember m;
    m.server = std::move(servers[i]);
    m.uuid = uuid_for(slots[i].server_id);
    m.primary = slots[i].primary;
    m.weight = slots[i].weight;
    farm->groups_[slots[i].group].members.push_back(std::move(m));
  }
  const std::string user_sql =
      "CREATE USER IF NOT EXISTS '" + app_user() + "'@'127.0.0.1' IDENTIFIED BY '" + app_password() +
      "'; GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, INDEX, ALTER, CREATE TEMPORARY "
      "TABLES, LOCK TABLES, EXECUTE, CREATE ROUTINE, ALTER ROUTINE, CREATE VIEW, SHOW VIEW ON *.* "
      "TO '" + app_user() + "'@'127.0.0.1'";
  for (auto& g : farm->groups_) {
    // The account is created on the primary only and reaches the secondaries by replication,
    // so the GTID histories stay identical.
    for (size_t i = 1; i < g.members.size(); ++i) {
      make_read_only(*g.members[i].server, true);
      farm->replicate_from(g.members[i], g.members[0]);
    }
    g.members[0].server->admin_query(user_sql);
  }
  for (auto& g : farm->groups_) farm->wait_replicated(g.id);
  return farm;
}

FarmGroup& MariaDbFarm::group(const std::string& id) {
  for (auto& g : groups_)
    if (g.id == id) return g;
  throw std::runtime_error("farm has no group " + id);
}

FarmMember& MariaDbFarm::primary(const std::string& group_id) {
  for (auto& m : group(group_id).members)
    if (m.primary) return m;
  throw std::runtime_error("group " + group_id + " has no primary");
}

FarmMember& MariaDbFarm::member_by_port(unsigned port) {
  for (auto& g : groups_)
    for (auto& m : g.members)
      if (m.server->port() == port) return m;
  throw std::runtime_error("no farm member on port " + std::to_string(port));
}

void MariaDbFarm::replicate_from(FarmMember& secondary, const FarmMember& primary) {
  const MariaDbServer& s = *secondary.server;
  s.admin_query("STOP SLAVE");
  s.admin_query("RESET SLAVE ALL");
  s.admin_query("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" +
                std::to_string(primary.server->port()) + ", MASTER_USER='" + MariaDbServer::user() +
                "', MASTER_PASSWORD='" + MariaDbServer::password() +
                "', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1");
  s.admin_query("START SLAVE");
}

void MariaDbFarm::wait_replicated(const std::string& group_id, double timeout_seconds) {
  FarmMember& p = primary(group_id);
  std::string target = p.server->admin_scalar("SELECT @@gtid_binlog_pos");
  if (target.empty()) return;
  for (auto& m : group(group_id).members) {
    if (m.primary || !m.server->running()) continue;
    // MASTER_GTID_WAIT returns 0 once the position is applied, -1 on timeout.
    std::string r = m.server->admin_scalar("SELECT MASTER_GTID_WAIT('" + target + "', " +
                                           std::to_string(timeout_seconds) + ")");
    if (r != "0")
      throw std::runtime_error("secondary on port " + std::to_string(m.server->port()) +
                               " did not catch up with " + target + " in group " + group_id);
  }
}

size_t MariaDbFarm::promote_after_primary_died(const std::string& group_id, double timeout_seconds) {
  FarmGroup& g = group(group_id);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds);
  size_t best = g.members.size();
  unsigned long long best_seq = 0;
  for (size_t i = 0; i < g.members.size(); ++i) {
    FarmMember& m = g.members[i];
    if (m.primary || !m.server->running()) continue;
    // The SQL thread says so once it has applied the whole relay log (the I/O thread only
    // retries the dead primary from now on).
    while (m.server->admin_scalar("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE STATE LIKE "
                                  "'Slave has read all relay log%'") != "1") {
      if (std::chrono::steady_clock::now() > deadline)
        throw std::runtime_error("secondary on port " + std::to_string(m.server->port()) +
                                 " did not apply its relay log in time");
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const unsigned long long seq = last_seq(m.server->admin_scalar("SELECT @@gtid_slave_pos"));
    if (best == g.members.size() || seq > best_seq) {
      best = i;
      best_seq = seq;
    }
  }
  if (best == g.members.size()) throw std::runtime_error("group " + group_id + " has no running secondary");
  for (auto& m : g.members)
    if (m.primary) m.primary = false;  // dead: promote() must not try to demote it
  promote(group_id, best);
  // Semi-sync moves with the primary role (the new primary's replicas reconnect to it).
  if (g.members[best].server->admin_scalar("SELECT @@rpl_semi_sync_slave_enabled") == "1")
    semi_sync_primary_side(*g.members[best].server);
  return best;
}

void MariaDbFarm::enable_semi_sync(const std::string& group_id, double timeout_seconds) {
  wait_replicated(group_id);
  FarmGroup& g = group(group_id);
  size_t replicas = 0;
  for (auto& m : g.members) {
    if (!m.server->running()) continue;
    m.server->admin_query("SET GLOBAL rpl_semi_sync_slave_enabled = 1");
    if (m.primary) {
      semi_sync_primary_side(*m.server);
      continue;
    }
    ++replicas;
    m.server->admin_query("STOP SLAVE IO_THREAD");  // the replica side takes effect on reconnect
    m.server->admin_query("START SLAVE IO_THREAD");
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds);
  const MariaDbServer& p = *primary(group_id).server;
  while (p.admin_scalar("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = "
                        "'RPL_SEMI_SYNC_MASTER_CLIENTS'") != std::to_string(replicas)) {
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("group " + group_id + ": the secondaries did not become semi-sync replicas");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void MariaDbFarm::promote(const std::string& group_id, size_t index) {
  FarmGroup& g = group(group_id);
  if (index >= g.members.size()) throw std::runtime_error("promote: no member " + std::to_string(index));
  FarmMember& next = g.members[index];
  if (!next.server->running()) throw std::runtime_error("promote: member is not running");
  next.server->admin_query("STOP SLAVE");
  next.server->admin_query("RESET SLAVE ALL");
  make_read_only(*next.server, false);
  for (auto& m : g.members) {
    m.primary = (&m == &next);
    if (m.primary || !m.server->running()) continue;
    make_read_only(*m.server, true);
    replicate_from(m, next);
  }
}

}  // namespace fabodbc::test
