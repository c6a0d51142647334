// Statement::for_each_catalog_row, shared by the catalog files (catalog.cpp, catalog_procedures.cpp,
// catalog_privileges.cpp): run one INFORMATION_SCHEMA query and hand every row to a callback.
#pragma once

#include "driver/connection/connection.h"
#include "driver/mysql/session.h"
#include "driver/statement/statement.h"

#include <memory>
#include <string>

namespace fabodbc {

template <class F>
void Statement::for_each_catalog_row(const std::string& sql, F&& row) {
  mysql::Session& session = connection_.session();
  session.send_query(sql);
  std::unique_ptr<ResultSet> rows = session.store_result();
  while (rows && rows->next()) row(rows->row());
}

}  // namespace fabodbc
