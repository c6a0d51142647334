// One farm per test process, described to the Fabric-protocol test server, and a unixODBC
// sandbox whose DSN "fabric_farm" points the built driver at that Fabric:
//   (tests/support/standard_farm.h) global, shard1, shard2: a primary and one secondary each
//   ha: a primary and two secondaries with weights 1 and 2
//   mappings: RANGE db.orders(cid) 1->shard1, 10000->shard2; RANGE_STRING db.words(w)
//             a->shard1, n->shard2; RANGE_DATETIME db.events(day) 2000-01-01->shard1,
//             2010-01-01->shard2; HASH db.users(name) over shard1 and shard2
// Plus a small wrapper over ODBC handles obtained through the driver manager.
#pragma once

#include "tests/support/fabric_test_server.h"
#include "tests/support/mariadb_farm.h"
#include "tests/support/odbc_sandbox.h"

#include <sql.h>
#include <sqlext.h>

#include <memory>
#include <string>

namespace fabodbc::rtest {

struct World {
  ~World();
  std::unique_ptr<test::MariaDbFarm> farm;
  std::unique_ptr<test::TestServerProcess> fabric;
  std::unique_ptr<test::OdbcSandbox> sandbox;
  unsigned port(const std::string& group, size_t member) { return farm->group(group).members[member].server->port(); }
  std::string uuid(const std::string& group, size_t member) { return farm->group(group).members[member].uuid; }
};
World& world();

// "DSN=fabric_farm;" + extra.
std::string dsn(const std::string& extra);

// What a shell command printed (stdout and stderr), for client programs (isql, pyodbc) run
// against the farm's sandbox.
std::string output_of(const std::string& command);

// A connection through the driver manager. Never throws; failures are recorded for asserts.
class Odbc {
 public:
  Odbc();
  ~Odbc();
  Odbc(const Odbc&) = delete;
  Odbc& operator=(const Odbc&) = delete;

  SQLRETURN connect(const std::string& connection_string);
  SQLRETURN exec(const std::string& sql);
  // First column of the first row ("" on error/NULL; see state()).
  std::string scalar(const std::string& sql);
  SQLRETURN set_text(SQLINTEGER attribute, const std::string& value);
  SQLRETURN set_number(SQLINTEGER attribute, SQLULEN value);
  std::string get_text(SQLINTEGER attribute);
  SQLRETURN end_tran(SQLSMALLINT completion);

  // SQLSTATE and message of the last failure (statement first, then connection).
  std::string state() const { return state_; }
  std::string message() const { return message_; }
  SQLHDBC dbc() const { return dbc_; }

 private:
  void record(SQLSMALLINT type, SQLHANDLE handle);
  SQLHENV env_ = SQL_NULL_HENV;
  SQLHDBC dbc_ = SQL_NULL_HDBC;
  std::string state_, message_;
};

}  // namespace fabodbc::rtest
