// SQL_ATTR_RESET_CONNECTION: unixODBC's pool sets it before handing a connection to the next
// application, which must find it as a fresh SQLDriverConnect left it. The session is reset
// on the server (COM_RESET_CONNECTION: transaction rolled back, temporary tables, user
// variables and server-side prepared statements gone, session variables back to the global
// values), the connect-time character set, INITSTMT and database are applied again, and the
// connection attributes return to their defaults (autocommit on, server isolation, read-write).
// Statements still allocated keep their handles but lose their cursors; one that was prepared
// on the server must be prepared again (the pool frees statements first, so this is rare).
#include "driver/connection/connection.h"
#include "driver/error.h"
#include "driver/mysql/session.h"
#include "driver/statement/statement.h"

namespace fabodbc {

void Connection::reset_connection() {
  if (!connected()) throw OdbcError("08003", "the connection is not open");
  for (Statement* s : statements_) s->close_cursor_quietly();
  claim_session(nullptr);
  streaming_owner_ = nullptr;
  session_->reset(settings_.charset, settings_.init_statement);
  if (!settings_.database.empty()) session_->select_db(settings_.database);
  session_->set_autocommit(true);  // ODBC's default, whatever the server's global value is
  autocommit_ = true;
  txn_isolation_ = 0;  // the server's default again; read on demand
  access_mode_ = SQL_MODE_READ_WRITE;
  metadata_id_ = SQL_FALSE;
  current_catalog_ = settings_.database;
  note_activity();
}

}  // namespace fabodbc
