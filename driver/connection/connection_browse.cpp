// SQLBrowseConnect: connecting in rounds, for tools that discover what a data source needs.
//
// Round 1 (the string names DSN= or DRIVER=): the DSN fills what it knows; what is still
// missing among SERVER (or SOCKET / FABRIC_HOST), UID and PWD comes back as SQL_NEED_DATA
// in the browse-result syntax, e.g. "SERVER:Server=?;UID:User=?;PWD:Password=?;*PORT:Port=?".
// Round 2 (credentials complete, no DATABASE yet, direct connection): the driver logs in once
// to list the databases the user can see and offers them as an optional choice,
// "*DATABASE:Database={shop,test}", as the ODBC reference's example does for its catalogs.
// Final round: the connection opens exactly as SQLDriverConnect would, and the out string is
// the completed connection string. An error in any round ends the browse (the connection is
// unconnected again), and SQLDisconnect cancels a browse in progress.
#include "driver/connection/connection.h"
#include "driver/error.h"
#include "driver/mysql/session.h"
#include "driver/convert/cell.h"
#include "driver/results/result_set.h"

namespace fabodbc {

namespace {

// A database name can only be offered when the browse syntax can carry it: "{a,b}" has no
// escapes, so names with these characters are left out of the list (they can still be typed).
bool listable(const std::string& name) {
  return !name.empty() && name.find_first_of(",{}=;") == std::string::npos;
}

}  // namespace

SQLRETURN Connection::browse_connect(std::string_view connection_string, std::string* out) {
  if (connected()) throw OdbcError("08002", "the connection is already open");
  try {
    return browse_round(connection_string, out);
  } catch (...) {
    browse_.reset();  // any error returns the connection to the unconnected state
    throw;
  }
}

SQLRETURN Connection::browse_round(std::string_view connection_string, std::string* out) {
  std::vector<std::string> notes;
  ConnectionOptions given = ConnectionOptions::parse(connection_string, &notes);
  for (const std::string& note : notes) diagnostics().add("01S00", note);
  if (!browse_) {
    browse_ = std::make_unique<BrowseState>();
    browse_->options = std::move(given);
    std::vector<std::string> dsn_notes;
    if (auto dsn = browse_->options.get("DSN"); dsn && !dsn->empty())
      browse_->options.merge_dsn(*dsn, &dsn_notes);
    for (const std::string& note : dsn_notes) diagnostics().add("01S00", note);
  } else {
    for (const auto& [name, value] : given.values()) browse_->options.set(name, value);
  }
  ConnectionOptions& options = browse_->options;

  // What the server connection needs and the application has not said yet.
  const bool located = options.has("SERVER") || options.has("SOCKET") || options.has("FABRIC_HOST");
  std::string needed;
  auto ask = [&](bool required, const char* keyword, const char* label, const std::string& values) {
    if (!needed.empty()) needed += ';';
    if (!required) needed += '*';
    needed.append(keyword).append(":").append(label).append("=").append(values);
  };
  if (!located) ask(true, "SERVER", "Server", "?");
  if (!options.has("UID")) ask(true, "UID", "User", "?");
  if (!options.has("PWD")) ask(true, "PWD", "Password", "?");
  if (!needed.empty()) {
    if (!located && !options.has("PORT")) ask(false, "PORT", "Port", "?");
    if (!options.has("DATABASE")) ask(false, "DATABASE", "Database", "?");
    *out = needed;
    return SQL_NEED_DATA;
  }

  // Everything required is known. A direct connection without a database offers the list once.
  if (!options.has("DATABASE") && !options.has("FABRIC_HOST") && !browse_->databases_offered) {
    std::string list;
    for (const std::string& name : list_databases(options)) {
      if (!listable(name)) continue;
      if (!list.empty()) list += ',';
      list += name;
    }
    browse_->databases_offered = true;
    ask(false, "DATABASE", "Database", list.empty() ? "?" : "{" + list + "}");
    *out = needed;
    return SQL_NEED_DATA;
  }

  std::vector<std::string> open_notes;
  open(options, open_notes);
  *out = options.to_connection_string();
  browse_.reset();
  return SQL_SUCCESS;
}

std::vector<std::string> Connection::list_databases(const ConnectionOptions& options) {
  ConnectSettings settings = ConnectSettings::from(options);
  diagnostics().set_secret(settings.password);
  settings.database.clear();
  mysql::SessionTimeouts timeouts;
  timeouts.connect_seconds = login_timeout_;
  mysql::Session session;
  session.connect(settings, timeouts);  // 28000, 08001, ... as for SQLDriverConnect
  session.send_query("SHOW DATABASES");
  std::vector<std::string> names;
  if (auto result = session.store_result()) {
    while (result->next()) {
      const Cell& cell = result->row()[0];
      if (cell.kind == Cell::Kind::Text) names.emplace_back(cell.data, cell.length);
    }
  }
  session.close();
  return names;
}

bool Connection::cancel_browse() noexcept {
  const bool was_browsing = browse_ != nullptr;
  browse_.reset();
  return was_browsing;
}

}  // namespace fabodbc
