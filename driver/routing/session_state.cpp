#include "driver/routing/session_state.h"

#include "driver/error.h"
#include "driver/mysql/session.h"

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

}  // namespace fabodbc::routing
