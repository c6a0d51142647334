#include "driver/routing/session_state.h"

#include "driver/error.h"
#include "driver/mysql/session.h"
#include "driver/results/result_set.h"

#include <sql.h>
#include <sqlext.h>

namespace fabodbc::routing {

namespace {
const char* isolation_name(unsigned level) {
  switch (level) {
    case SQL_TXN_READ_UNCOMMITTED: return "READ UNCOMMITTED";
    case SQL_TXN_READ_COMMITTED: return "READ COMMITTED";
    case SQL_TXN_REPEATABLE_READ: return "REPEATABLE READ";
    case SQL_TXN_SERIALIZABLE: return "SERIALIZABLE";
    default: return nullptr;
  }
}
}  // namespace

void apply_state(mysql::Session& session, const SessionState& have, const SessionState& want) {
  if (!want.database.empty() && want.database != have.database) session.select_db(want.database);
  if (want.autocommit != have.autocommit) session.set_autocommit(want.autocommit);
  if (want.isolation != have.isolation) {
    // Back to "server default" cannot be expressed; REPEATABLE READ is MariaDB's default.
    const char* name = isolation_name(want.isolation ? want.isolation : SQL_TXN_REPEATABLE_READ);
    if (name) session.send_query(std::string("SET SESSION TRANSACTION ISOLATION LEVEL ") + name);
  }
}

bool transaction_open(mysql::Session& session, bool autocommit) noexcept {
  if (session.in_transaction()) return true;
  if (autocommit) return false;
  try {
    // MariaDB has @@in_transaction; MySQL shows the session's InnoDB transaction.
    session.send_query(session.is_mariadb()
                           ? "SELECT @@in_transaction"
                           : "SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_mysql_thread_id = "
                             "CONNECTION_ID()");
    auto result = session.store_result();
    if (!result || !result->next()) return true;
    const Cell& c = result->row()[0];
    if (c.kind == Cell::Kind::Text) return !(c.length == 1 && c.data[0] == '0');
    if (c.kind == Cell::Kind::Int) return c.i != 0;
    if (c.kind == Cell::Kind::UInt) return c.u != 0;
    return true;
  } catch (...) {
    return true;
  }
}

}  // namespace fabodbc::routing
