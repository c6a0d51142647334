// The one table that turns MySQL/MariaDB error numbers into ODBC SQLSTATEs, and the coarse
// error classes the failover policy needs. Plain numbers: no mysql.h here.
#pragma once

#include <string_view>

namespace fabodbc {

// What kind of failure a server/client error number means for the connection.
enum class MySqlErrorClass {
  ConnectionLost,  // the session is gone (2006, 2013, ...): a retry needs a new connection
  ReadOnly,        // the server refuses writes (1290 --read-only, 1792, 1836)
  Sql,             // everything else: the statement failed, the session is fine
};

// SQLSTATE for an error number. `server_sqlstate` is what the server sent (may be empty or
// "HY000"); it is used when the table has no entry for the number.
std::string_view sqlstate_for_mysql_error(unsigned error_number, std::string_view server_sqlstate);

MySqlErrorClass classify_mysql_error(unsigned error_number);

}  // namespace fabodbc
