// A connected ODBC environment + connection for the benchmark variants, with error checks
// that name the failing call and carry the driver's diagnostic.
#pragma once

#include "tests/bench/bench_common.h"

#include <sql.h>
#include <sqlext.h>

#include <cstdint>
#include <string>

namespace fabodbc::bench {

// Throws std::runtime_error with the first diagnostic record when rc is not a success.
void check(SQLRETURN rc, SQLSMALLINT handle_type, SQLHANDLE handle, const char* what);

class OdbcSession {
 public:
  explicit OdbcSession(const Target& t);
  ~OdbcSession();
  OdbcSession(const OdbcSession&) = delete;
  OdbcSession& operator=(const OdbcSession&) = delete;

  SQLHDBC dbc() const { return dbc_; }
  SQLHSTMT new_statement();
  void exec(const char* sql);
  uint64_t scalar_u64(const char* sql);

 private:
  SQLHENV env_ = SQL_NULL_HENV;
  SQLHDBC dbc_ = SQL_NULL_HDBC;
};

}  // namespace fabodbc::bench
