// SQLExecDirect of a row-returning statement without parameters through the binary protocol.
//
// Why: with the text protocol the server formats every number and date as text and the
// driver parses it back; the binary protocol sends them as they are stored (the 1M-row fetch
// benchmark: ~0.65M rows/s as text, ~2M as binary on the raw library). Connector/C's
// mariadb_stmt_execute_direct sends COM_STMT_PREPARE and COM_STMT_EXECUTE together, so a
// point query still costs one round trip; the server-side statement is closed when this
// statement handle executes again or is freed (drop_prepared).
//
// A SELECT whose shape returned few rows last time goes as text instead (direct_protocol.h):
// a point query then costs what the raw text protocol costs.
//
// What stays on the text protocol: statements that are not SELECT/WITH/VALUES (nothing to
// gain without rows; SHOW answers are small), batches (a ';' outside quotes and comments)
// and CALL (several results), a query timeout (its SET STATEMENT prefix), MySQL servers (no execute-direct),
// and whatever the server refuses to prepare (errno 1295 and the like): the prepare step
// failed, so the statement has not run and is sent again as text.
#include "driver/connection/connection.h"
#include "driver/mysql/session.h"
#include "driver/statement/direct_protocol.h"
#include "driver/statement/parameter_markers.h"
#include "driver/statement/statement.h"

namespace fabodbc {

namespace {

// True when `sql` holds one statement: no ';' outside quotes, backticks and comments (a
// trailing ';' counts too; the text protocol takes care of those rare cases).
bool single_statement(std::string_view sql, bool backslash_escapes) {
  const size_t n = sql.size();
  for (size_t i = 0; i < n; ++i) {
    const char c = sql[i];
    if (c == ';') return false;
    if (c == '\'' || c == '"' || c == '`') {
      for (++i; i < n; ++i) {
        if (backslash_escapes && sql[i] == '\\' && c != '`') {
          ++i;
        } else if (sql[i] == c) {
          if (i + 1 < n && sql[i + 1] == c) {
            ++i;  // doubled quote
          } else {
            break;
          }
        }
      }
    } else if (c == '#' || (c == '-' && i + 2 < n && sql[i + 1] == '-' && (sql[i + 2] == ' ' || sql[i + 2] == '\t'))) {
      while (i < n && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      // An executable comment (/*! ... */, /*M! ... */) is code to the server: leave it to text.
      if (i + 2 < n && (sql[i + 2] == '!' || sql[i + 2] == 'M')) return false;
      size_t end = sql.find("*/", i + 2);
      if (end == std::string_view::npos) return false;
      i = end + 1;
    }
  }
  return true;
}

bool returns_rows(const std::string& keyword) {
  return keyword == "SELECT" || keyword == "WITH" || keyword == "VALUES";
}

}  // namespace

std::optional<SQLRETURN> Statement::run_direct_binary() {
  if (query_timeout_ != 0 || is_call_) return std::nullopt;
  mysql::Session& session = connection_.session();
  if (!session.is_mariadb() || !returns_rows(first_keyword(sql_)) ||
      !single_statement(sql_, !session.no_backslash_escapes())) {
    return std::nullopt;
  }
  direct_shape_ = direct_protocol::shape_of(sql_);
  if (direct_protocol::prefers_text(direct_shape_)) return std::nullopt;  // small last time: text
  executing_.store(true);
  try {
    prepared_ = session.execute_direct(sql_);
  } catch (const mysql::Session::PrepareFailed&) {
    executing_.store(false);
    prepared_.reset();
    check_cancelled();
    return std::nullopt;  // not run: the text protocol gets it
  } catch (...) {
    executing_.store(false);
    prepared_.reset();
    connection_.set_streaming_owner(this);
    check_cancelled();
    throw;
  }
  executing_.store(false);
  replay_protocol_ = 1;  // ReplayProtocol::Direct
  return take_binary_outcome();
}

void Statement::remember_direct_rows(uint64_t rows) noexcept {
  if (direct_shape_ == 0) return;
  direct_protocol::remember(direct_shape_, rows);
  direct_shape_ = 0;
}

void Statement::remember_direct_rows_before_close() noexcept {
  if (direct_shape_ == 0 || !result_ || !result_->streaming()) return;
  try {
    uint64_t rows = rows_fetched_;
    while (rows <= direct_protocol::kSmallResultRows && result_->next()) ++rows;
    remember_direct_rows(rows);
  } catch (...) {
    direct_shape_ = 0;  // the close reports nothing either; the shape keeps what it had
  }
}

}  // namespace fabodbc
