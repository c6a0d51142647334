// fabodbc test DSN: connect through the driver manager like an application, and report.
#include <sql.h>
#include <sqlext.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "setup/cli/cli.h"
#include "setup/cli/json.h"
#include "setup/cli/table.h"
#include "include/fabodbc.h"

namespace fabodbc::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct Handles {
  SQLHENV env = SQL_NULL_HENV;
  SQLHDBC dbc = SQL_NULL_HDBC;
  bool connected = false;
  ~Handles() {
    if (connected) SQLDisconnect(dbc);
    if (dbc) SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    if (env) SQLFreeHandle(SQL_HANDLE_ENV, env);
  }
};

// First diagnostic record: "SQLSTATE: message".
std::string diagnostic(SQLSMALLINT type, SQLHANDLE h, std::string* state_out = nullptr) {
  SQLCHAR state[6] = {0};
  SQLCHAR msg[1024] = {0};
  SQLINTEGER native = 0;
  SQLSMALLINT len = 0;
  if (!SQL_SUCCEEDED(SQLGetDiagRec(type, h, 1, state, &native, msg, sizeof msg, &len))) return "no diagnostic";
  if (state_out) *state_out = reinterpret_cast<char*>(state);
  return std::string(reinterpret_cast<char*>(state)) + ": " + reinterpret_cast<char*>(msg);
}

std::string info(SQLHDBC dbc, SQLUSMALLINT what) {
  SQLCHAR buf[512] = {0};
  SQLSMALLINT len = 0;
  if (!SQL_SUCCEEDED(SQLGetInfo(dbc, what, buf, sizeof buf, &len))) return "";
  return reinterpret_cast<char*>(buf);
}

// Runs a query and returns the first row's columns (empty for no row); throws on error.
std::vector<std::string> first_row(SQLHDBC dbc, const char* sql) {
  SQLHSTMT st = SQL_NULL_HSTMT;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st)))
    throw CliError(kConnection, "cannot allocate a statement: " + diagnostic(SQL_HANDLE_DBC, dbc));
  std::vector<std::string> row;
  SQLRETURN rc = SQLExecDirect(st, (SQLCHAR*)sql, SQL_NTS);
  if (!SQL_SUCCEEDED(rc)) {
    const std::string d = diagnostic(SQL_HANDLE_STMT, st);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    throw CliError(kConnection, std::string("'") + sql + "' failed: " + d);
  }
  SQLSMALLINT cols = 0;
  SQLNumResultCols(st, &cols);
  if (SQL_SUCCEEDED(SQLFetch(st))) {
    for (SQLSMALLINT c = 1; c <= cols; ++c) {
      SQLCHAR buf[1024] = {0};
      SQLLEN ind = 0;
      if (SQL_SUCCEEDED(SQLGetData(st, static_cast<SQLUSMALLINT>(c), SQL_C_CHAR, buf, sizeof buf, &ind)) &&
          ind != SQL_NULL_DATA)
        row.emplace_back(reinterpret_cast<char*>(buf));
      else
        row.emplace_back();
    }
  }
  SQLFreeHandle(SQL_HANDLE_STMT, st);
  return row;
}

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

double round1(double v) { return static_cast<double>(static_cast<long long>(v * 10 + 0.5)) / 10; }

}  // namespace

int cmd_test(Context& ctx) {
  const Args& a = ctx.args;
  a.allow_only({"--timeout"}, "test");
  if (a.words.size() != 2) throw CliError(kUsage, "test takes exactly one DSN");
  const std::string dsn = a.words[1];
  long timeout = 0;
  if (auto t = a.option("--timeout")) {
    char* end = nullptr;
    timeout = std::strtol(t->c_str(), &end, 10);
    if (t->empty() || *end || timeout < 0 || timeout > 3600)
      throw CliError(kUsage, "--timeout must be a number of seconds (0-3600)");
  }
  {  // an unknown DSN is a configuration problem, not a connection failure
    bool found = false;
    for (setup::Scope s : {setup::Scope::User, setup::Scope::System}) {
      setup::ConfigModeGuard mode(s);
      found = found || setup::dsn_exists(dsn);
    }
    if (!found) throw CliError(kConfig, "data source '" + dsn + "' not found in the user or system odbc.ini");
  }

  Handles h;
  SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &h.env);
  SQLSetEnvAttr(h.env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
  SQLAllocHandle(SQL_HANDLE_DBC, h.env, &h.dbc);
  if (timeout > 0) SQLSetConnectAttr(h.dbc, SQL_ATTR_LOGIN_TIMEOUT, (SQLPOINTER)(intptr_t)timeout, 0);

  const std::string in = "DSN=" + dsn + ";";
  SQLCHAR out[2048] = {0};
  SQLSMALLINT out_len = 0;
  const auto t0 = Clock::now();
  SQLRETURN rc = SQLDriverConnect(h.dbc, nullptr, (SQLCHAR*)in.c_str(), SQL_NTS, out, sizeof out, &out_len,
                                  SQL_DRIVER_NOPROMPT);
  const double connect_ms = ms_since(t0);
  if (!SQL_SUCCEEDED(rc)) {
    // The driver manager's own failures (IM0xx: bad DSN/driver entry; 01000 "Can't open lib":
    // the driver library cannot be loaded) are configuration problems, not connection errors.
    int code = kConnection;
    std::string message;
    for (SQLSMALLINT i = 1; i <= 5; ++i) {
      SQLCHAR state[6] = {0};
      SQLCHAR msg[1024] = {0};
      SQLINTEGER native = 0;
      SQLSMALLINT len = 0;
      if (!SQL_SUCCEEDED(SQLGetDiagRec(SQL_HANDLE_DBC, h.dbc, i, state, &native, msg, sizeof msg, &len))) break;
      const std::string st = reinterpret_cast<char*>(state), text = reinterpret_cast<char*>(msg);
      if (st.rfind("IM", 0) == 0 || (st == "01000" && text.find("Can't open lib") != std::string::npos)) code = kConfig;
      message += (message.empty() ? "" : "; ") + st + ": " + text;
    }
    throw CliError(code, "cannot connect to '" + dsn + "': " + (message.empty() ? "no diagnostic" : message));
  }
  h.connected = true;

  const std::string dbms = info(h.dbc, SQL_DBMS_NAME);
  const std::string version = info(h.dbc, SQL_DBMS_VER);
  const std::string driver = info(h.dbc, SQL_DRIVER_NAME);
  const std::string driver_ver = info(h.dbc, SQL_DRIVER_VER);
  std::string server = info(h.dbc, SQL_SERVER_NAME);
  const std::string database = info(h.dbc, SQL_DATABASE_NAME);
  std::string hostname;
  {  // Fabric connections: the server the route chose (fabodbc.h); other drivers just fail here
    SQLCHAR buf[512] = {0};
    SQLINTEGER len = 0;
    if (SQL_SUCCEEDED(SQLGetConnectAttr(h.dbc, SQL_ATTR_FABRIC_SERVER_ADDRESS, buf, sizeof buf, &len)) && buf[0])
      server = reinterpret_cast<char*>(buf);
  }
  {  // the port (and the server's own host name) tell replicas behind one address apart
    const auto where = first_row(h.dbc, "SELECT @@port, @@hostname");
    if (!where.empty() && !where[0].empty() && server.find(':') == std::string::npos) server += ":" + where[0];
    if (where.size() > 1 && !where[1].empty()) hostname = where[1];
  }
  const auto t1 = Clock::now();
  const auto one = first_row(h.dbc, "SELECT 1");
  const double query_ms = ms_since(t1);
  if (one.empty() || one[0] != "1") throw CliError(kConnection, "SELECT 1 did not return 1");
  const auto cipher_row = first_row(h.dbc, "SHOW SESSION STATUS LIKE 'Ssl_cipher'");
  const auto version_row = first_row(h.dbc, "SHOW SESSION STATUS LIKE 'Ssl_version'");
  const std::string cipher = cipher_row.size() > 1 ? cipher_row[1] : "";
  const std::string tls_version = version_row.size() > 1 ? version_row[1] : "";
  const bool tls = !cipher.empty();

  if (ctx.json) {
    std::cout << Json::object()
                     .set("ok", true)
                     .set("dsn", dsn)
                     .set("server", server)
                     .set("hostname", hostname)
                     .set("dbms", dbms)
                     .set("version", version)
                     .set("database", database)
                     .set("driver", driver)
                     .set("driver_version", driver_ver)
                     .set("connect_ms", round1(connect_ms))
                     .set("query_ms", round1(query_ms))
                     .set("tls", Json::object().set("enabled", tls).set("cipher", cipher).set("version", tls_version))
                     .dump()
              << std::endl;
    return kOk;
  }
  std::cout << "Connected to '" << dsn << "'\n";
  TextTable t({"", ""});
  t.add({"server", server + (hostname.empty() ? "" : " (" + hostname + ")")});
  t.add({"dbms", dbms + " " + version});
  t.add({"database", database.empty() ? "(none)" : database});
  t.add({"driver", driver + " " + driver_ver});
  t.add({"connect", format_number(round1(connect_ms)) + " ms"});
  t.add({"SELECT 1", format_number(round1(query_ms)) + " ms"});
  t.add({"TLS", tls ? "yes (" + tls_version + ", " + cipher + ")" : "no (connection is not encrypted)"});
  std::string r = t.render();
  std::cout << r.substr(r.find('\n') + 1);  // no header line for a key/value list
  return kOk;
}

}  // namespace fabodbc::cli
