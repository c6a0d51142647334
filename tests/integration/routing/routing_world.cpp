#include "tests/integration/routing/routing_world.h"

#include "tests/support/fabric_topology.h"
#include "tests/support/standard_farm.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace fabodbc::rtest {

World::~World() {
  // The data is disposable: SIGKILL every server at once (a clean shutdown of nine servers one
  // after the other would add seconds to every test process); their destructors then remove
  // the data directories.
  if (farm) {
    for (test::FarmGroup& g : farm->groups()) {
      for (test::FarmMember& m : g.members) {
        if (m.server->running()) m.server->kill_hard();
      }
    }
  }
}

namespace {
World* the_world = nullptr;
void destroy_world() {
  delete the_world;
  the_world = nullptr;
}
}  // namespace

World& world() {
  static World* w = [] {
    auto* w = the_world = new World;
    // Torn down at exit, so no server outlives the test process and no data directory is left.
    std::atexit(destroy_world);
    w->farm = test::MariaDbFarm::start(test::standard_farm_groups());
    test::TestServerProcess::Options o;
    o.topology_json = test::farm_topology_json(*w->farm, test::standard_shard_mappings(), 1);
    w->fabric = std::make_unique<test::TestServerProcess>(o);
    w->sandbox = std::make_unique<test::OdbcSandbox>();
    // The shared topology snapshot stays within this test process: another test process may
    // get the same Fabric port later, with another farm behind it.
    w->sandbox->add_dsn("fabric_farm", {{"FABRIC_CACHE_DIR", w->sandbox->dir() + "/fabric-cache"},
                                        {"FABRIC_HOST", "127.0.0.1"},
                                        {"FABRIC_PORT", std::to_string(w->fabric->fabric_port())},
                                        {"UID", test::MariaDbFarm::app_user()},
                                        {"PWD", test::MariaDbFarm::app_password()},
                                        {"FABRIC_ATTEMPT_DELAY", "0.2"},
                                        {"FABRIC_TIMEOUT", "2"}});
    return w;
  }();
  return *w;
}

std::string dsn(const std::string& extra) {
  world();
  return "DSN=fabric_farm;" + extra;
}

std::string output_of(const std::string& command) {
  std::string out;
  if (FILE* pipe = popen((command + " 2>&1").c_str(), "r")) {
    char buf[512];
    while (fgets(buf, sizeof buf, pipe)) out += buf;
    pclose(pipe);
  }
  return out;
}

Odbc::Odbc() {
  world();  // the sandbox's ODBCSYSINI/ODBCINI must be set before the driver manager starts
  SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env_);
  SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
  SQLAllocHandle(SQL_HANDLE_DBC, env_, &dbc_);
}

Odbc::~Odbc() {
  SQLDisconnect(dbc_);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
  SQLFreeHandle(SQL_HANDLE_ENV, env_);
}

void Odbc::record(SQLSMALLINT type, SQLHANDLE handle) {
  SQLCHAR st[6] = {0}, msg[1024] = {0};
  SQLINTEGER native = 0;
  SQLSMALLINT len = 0;
  if (SQL_SUCCEEDED(SQLGetDiagRec(type, handle, 1, st, &native, msg, sizeof msg, &len))) {
    state_ = reinterpret_cast<char*>(st);
    message_ = reinterpret_cast<char*>(msg);
  } else {
    state_.clear();
    message_.clear();
  }
}

SQLRETURN Odbc::connect(const std::string& cs) {
  SQLCHAR out[2048];
  SQLSMALLINT out_len = 0;
  SQLRETURN rc = SQLDriverConnect(dbc_, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, out, sizeof out, &out_len,
                                  SQL_DRIVER_NOPROMPT);
  record(SQL_HANDLE_DBC, dbc_);
  return rc;
}

SQLRETURN Odbc::exec(const std::string& sql) {
  SQLHSTMT st = SQL_NULL_HSTMT;
  SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_STMT, dbc_, &st);
  if (!SQL_SUCCEEDED(rc)) {
    record(SQL_HANDLE_DBC, dbc_);
    return rc;
  }
  rc = SQLExecDirect(st, (SQLCHAR*)sql.c_str(), SQL_NTS);
  record(SQL_HANDLE_STMT, st);
  SQLFreeHandle(SQL_HANDLE_STMT, st);
  return rc;
}

std::string Odbc::scalar(const std::string& sql) {
  SQLHSTMT st = SQL_NULL_HSTMT;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc_, &st))) {
    record(SQL_HANDLE_DBC, dbc_);
    return "";
  }
  std::string out;
  SQLRETURN rc = SQLExecDirect(st, (SQLCHAR*)sql.c_str(), SQL_NTS);
  record(SQL_HANDLE_STMT, st);
  if (SQL_SUCCEEDED(rc) && SQL_SUCCEEDED(SQLFetch(st))) {
    char buf[512] = {0};
    SQLLEN ind = 0;
    if (SQL_SUCCEEDED(SQLGetData(st, 1, SQL_C_CHAR, buf, sizeof buf, &ind)) && ind != SQL_NULL_DATA) out = buf;
  }
  SQLFreeHandle(SQL_HANDLE_STMT, st);
  return out;
}

SQLRETURN Odbc::set_text(SQLINTEGER attribute, const std::string& value) {
  SQLRETURN rc = SQLSetConnectAttr(dbc_, attribute, (SQLPOINTER)value.c_str(), SQL_NTS);
  record(SQL_HANDLE_DBC, dbc_);
  return rc;
}

SQLRETURN Odbc::set_number(SQLINTEGER attribute, SQLULEN value) {
  SQLRETURN rc = SQLSetConnectAttr(dbc_, attribute, reinterpret_cast<SQLPOINTER>(value), 0);
  record(SQL_HANDLE_DBC, dbc_);
  return rc;
}

std::string Odbc::get_text(SQLINTEGER attribute) {
  SQLCHAR buf[512] = {0};
  SQLINTEGER len = 0;
  SQLRETURN rc = SQLGetConnectAttr(dbc_, attribute, buf, sizeof buf, &len);
  record(SQL_HANDLE_DBC, dbc_);
  return SQL_SUCCEEDED(rc) ? std::string(reinterpret_cast<char*>(buf)) : std::string("<error>");
}

SQLRETURN Odbc::end_tran(SQLSMALLINT completion) {
  SQLRETURN rc = SQLEndTran(SQL_HANDLE_DBC, dbc_, completion);
  record(SQL_HANDLE_DBC, dbc_);
  return rc;
}

}  // namespace fabodbc::rtest
