#include "driver/sqlstate_map.h"

#include <cstddef>

namespace fabodbc {
namespace {

struct Mapping {
  unsigned error_number;
  const char* sqlstate;
};

// Client (2xxx) and server error numbers whose SQLSTATE ODBC applications test for. Server
// errors not listed keep the SQLSTATE the server sent.
constexpr Mapping kMappings[] = {
    {1045, "28000"},  // ER_ACCESS_DENIED_ERROR: wrong user/password
    {1044, "42000"},  // ER_DBACCESS_DENIED_ERROR
    {1049, "42000"},  // ER_BAD_DB_ERROR
    {1142, "42000"}, {1143, "42000"}, {1227, "42000"},  // privilege errors
    {2002, "08001"},  // CR_CONNECTION_ERROR (socket)
    {2003, "08001"},  // CR_CONN_HOST_ERROR (TCP)
    {2005, "08001"},  // CR_UNKNOWN_HOST
    {2026, "08001"},  // CR_SSL_CONNECTION_ERROR
    {2006, "08S01"},  // CR_SERVER_GONE_ERROR
    {2013, "08S01"},  // CR_SERVER_LOST
    {2055, "08S01"},  // CR_SERVER_LOST_EXTENDED
    {1927, "08S01"},  // ER_CONNECTION_KILLED
    {1064, "42000"},  // ER_PARSE_ERROR
    {1149, "42000"},  // ER_SYNTAX_ERROR
    {1146, "42S02"},  // ER_NO_SUCH_TABLE
    {1051, "42S02"},  // ER_BAD_TABLE_ERROR
    {1050, "42S01"},  // ER_TABLE_EXISTS_ERROR
    {1054, "42S22"},  // ER_BAD_FIELD_ERROR
    {1060, "42S21"},  // ER_DUP_FIELDNAME
    {1061, "42S11"},  // ER_DUP_KEYNAME
    {1091, "42S12"},  // ER_CANT_DROP_FIELD_OR_KEY
    {1062, "23000"},  // ER_DUP_ENTRY
    {1048, "23000"},  // ER_BAD_NULL_ERROR
    {1451, "23000"},  // ER_ROW_IS_REFERENCED_2
    {1452, "23000"},  // ER_NO_REFERENCED_ROW_2
    {1216, "23000"}, {1217, "23000"}, {1557, "23000"}, {1586, "23000"},
    {1213, "40001"},  // ER_LOCK_DEADLOCK
    {1205, "HYT00"},  // ER_LOCK_WAIT_TIMEOUT
    {1969, "HYT00"},  // ER_STATEMENT_TIMEOUT (MariaDB max_statement_time)
    {3024, "HYT00"},  // ER_QUERY_TIMEOUT (MySQL MAX_EXECUTION_TIME)
    {1317, "HY008"},  // ER_QUERY_INTERRUPTED (KILL QUERY from SQLCancel)
    {1406, "22001"},  // ER_DATA_TOO_LONG
    {1264, "22003"},  // ER_WARN_DATA_OUT_OF_RANGE
    {1690, "22003"},  // ER_DATA_OUT_OF_RANGE
    {1292, "22007"},  // ER_TRUNCATED_WRONG_VALUE (bad datetime)
    {1366, "HY000"},  // ER_TRUNCATED_WRONG_VALUE_FOR_FIELD
    {1365, "22012"},  // ER_DIVISION_BY_ZERO
    {2014, "HY010"},  // CR_COMMANDS_OUT_OF_SYNC: a driver bug if it ever shows
    {2008, "HY001"},  // CR_OUT_OF_MEMORY
};

}  // namespace

std::string_view sqlstate_for_mysql_error(unsigned error_number, std::string_view server_sqlstate) {
  for (const Mapping& m : kMappings) {
    if (m.error_number == error_number) return m.sqlstate;
  }
  if (server_sqlstate.size() == 5 && server_sqlstate != "00000") return server_sqlstate;
  return "HY000";
}

MySqlErrorClass classify_mysql_error(unsigned error_number) {
  switch (error_number) {
    case 2006: case 2013: case 2055: case 1927: case 2002: case 2003:
      return MySqlErrorClass::ConnectionLost;
    case 1290: case 1792: case 1836:
      return MySqlErrorClass::ReadOnly;
    default:
      return MySqlErrorClass::Sql;
  }
}

}  // namespace fabodbc
