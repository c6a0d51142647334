// FabricRouting::replay_transaction: the kept statements of a lost transaction run again, in
// order and through the same protocol, on the new session; each must report what it reported
// the first time (row count, or the checksum of the rows the application fetched).
#include "driver/mysql/prepared_statement.h"
#include "driver/mysql/session.h"
#include "driver/routing/fabric_routing.h"

namespace fabodbc::routing {

namespace {

// Checksum of a result as the log keeps it: the first `rows` rows, or every row.
bool same_rows(ResultSet& result, const ReplayEntry& e, std::string* why) {
  uint64_t h = ReplayLog::kEmpty, n = 0;
  const size_t columns = result.columns().size();
  while ((e.whole_result || n < e.rows) && result.next()) {
    h = ReplayLog::hash_row(h, result.row(), columns);
    ++n;
  }
  result.discard_rest();
  if (n != e.rows || h != e.checksum) {
    *why = "a replayed result differs (" + std::to_string(n) + " rows checked, " + std::to_string(e.rows) +
           " the first time): \"" + e.sql.substr(0, 80) + "\"";
    return false;
  }
  return true;
}

bool same_count(int64_t now, const ReplayEntry& e, std::string* why) {
  if (now == e.affected) return true;
  *why = "a replayed statement changed " + std::to_string(now) + " rows, " + std::to_string(e.affected) +
         " the first time: \"" + e.sql.substr(0, 80) + "\"";
  return false;
}

}  // namespace

bool FabricRouting::replay_transaction(mysql::Session& session, std::string* why) {
  try {
    for (const ReplayEntry& e : replay_.entries()) {
      switch (e.protocol) {
        case ReplayProtocol::Text: {
          session.send_query(e.sql);
          std::unique_ptr<ResultSet> r = session.use_result();
          if (e.has_result != (r != nullptr)) {
            *why = "a replayed statement answered differently: \"" + e.sql.substr(0, 80) + "\"";
            return false;
          }
          if (r ? !same_rows(*r, e, why) : !same_count(session.affected_rows(), e, why)) return false;
          break;
        }
        case ReplayProtocol::Direct:
        case ReplayProtocol::Prepared: {
          std::unique_ptr<mysql::PreparedStatement> ps;
          if (e.protocol == ReplayProtocol::Direct) {
            ps = session.execute_direct(e.sql);
          } else {
            ps = session.prepare(e.sql);
            ps->execute(e.params);
          }
          std::unique_ptr<ResultSet> r = ps->result();
          if (e.has_result != (r != nullptr)) {
            *why = "a replayed statement answered differently: \"" + e.sql.substr(0, 80) + "\"";
            return false;
          }
          if (r ? !same_rows(*r, e, why) : !same_count(ps->affected_rows(), e, why)) return false;
          break;
        }
      }
    }
  } catch (const OdbcError& err) {
    *why = std::string("a replayed statement failed: ") + err.sqlstate() + " " + err.what();
    return false;
  }
  return true;
}

}  // namespace fabodbc::routing
