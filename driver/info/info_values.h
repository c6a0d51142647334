// SQLGetInfo answers, from one table. Values that depend on the live connection come from
// InfoContext; everything else is static and truthful about what the driver implements.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <cstdint>
#include <optional>
#include <string>

namespace fabodbc {

struct InfoContext {
  std::string dbms_name = "MySQL";  // "MariaDB" or "MySQL", from the server version string
  std::string dbms_version;         // "10.11.19-MariaDB-..." as the server reports it
  std::string database;             // current catalog
  std::string user;
  std::string dsn;
  std::string server_host;          // SQL_SERVER_NAME
  std::string driver_file = "libfabodbc.so";
  bool read_only = false;           // SQL_DATA_SOURCE_READ_ONLY
  bool streaming = true;            // forward-only results stream: SQL_MAX_CONCURRENT_ACTIVITIES 1
  bool multi_statements = false;    // MULTI_STATEMENTS on: explicit batches (SQL_BATCH_SUPPORT)
  bool forward_only = false;        // FORWARD_CURSOR: only forward-only cursors (SQL_SCROLL_OPTIONS)
  bool ansi_quotes = false;         // sql_mode ANSI_QUOTES: identifiers quoted with '"'

};

struct InfoValue {
  enum class Kind : uint8_t { String, UInt16, UInt32, ULen };
  Kind kind = Kind::String;
  std::string text;   // Kind::String
  uint64_t number = 0;
};

// nullopt: the info type is not one this driver knows (the caller reports HY096). Handle-valued
// types (SQL_DRIVER_HENV/HDBC/HSTMT/HDESC/HLIB) and SQL_DM_VER belong to the caller / the
// driver manager and also return nullopt here.
std::optional<InfoValue> get_info_value(SQLUSMALLINT info_type, const InfoContext& context);

}  // namespace fabodbc
