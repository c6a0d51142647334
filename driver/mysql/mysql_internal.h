// Shared by the .cpp files of driver/mysql/ only: the definitions behind the opaque Impls and
// small helpers over mysql.h types.
#pragma once

#include "driver/convert/cell.h"
#include "driver/error.h"
#include "driver/mysql/session.h"

#include <mysql.h>

#include <string>

namespace fabodbc::mysql {

struct Session::Impl {
  MYSQL mysql;
  bool initialized = false;
  bool open = false;
  bool mariadb = false;
  unsigned mbmaxlen = 4;
  bool wide_text = true;  // ConnectSettings::wide_text: text columns as SQL_W* types
  CancelTarget cancel;
  GtidObserver* gtid_observer = nullptr;  // set while read-your-writes needs commit GTIDs
};

// After a successful command: hands the GTID the reply's session tracker names (if any) to
// `observer`. A few pointer reads when the reply tracks nothing.
void report_tracked_gtid(MYSQL* mysql, GtidObserver* observer) noexcept;

// A neutral copy of a MYSQL_FIELD.
FieldDesc to_field_desc(const MYSQL_FIELD& field);

// OdbcError for the last error on a connection / a statement.
OdbcError connection_error(MYSQL* mysql);
OdbcError statement_error(MYSQL_STMT* stmt);

// Column descriptions for a result's fields, computed once per result.
std::vector<ColumnInfo> describe_fields(MYSQL_FIELD* fields, unsigned count, unsigned mbmaxlen, bool wide_text);

}  // namespace fabodbc::mysql
