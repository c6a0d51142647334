#include "driver/environment.h"

#include "driver/connection/connection.h"
#include "driver/error.h"
#include "driver/mysql/session.h"
#include "driver/routing/read_consistency.h"

#include <algorithm>

namespace fabodbc {

Environment::Environment()
    : Handle(SQL_HANDLE_ENV), committed_(std::make_shared<routing::SharedPosition>()) {
  mysql::Session::global_init();
}

Environment::~Environment() {
  for (Connection* c : connections_) delete c;
}

void Environment::set_attr(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER) {
  const auto number = static_cast<SQLINTEGER>(reinterpret_cast<SQLLEN>(value));
  switch (attribute) {
    case SQL_ATTR_ODBC_VERSION:
      if (number != SQL_OV_ODBC2 && number != SQL_OV_ODBC3 && number != SQL_OV_ODBC3_80) {
        throw OdbcError("HY024", "SQL_ATTR_ODBC_VERSION must be SQL_OV_ODBC2, SQL_OV_ODBC3 or SQL_OV_ODBC3_80");
      }
      if (!connections_.empty()) throw OdbcError("HY010", "SQL_ATTR_ODBC_VERSION cannot change while connections exist");
      odbc_version_ = number;
      return;
    case SQL_ATTR_CONNECTION_POOLING:
      // Pooling is the driver manager's business; the value is kept so it reads back.
      if (number != SQL_CP_OFF && number != SQL_CP_ONE_PER_DRIVER && number != SQL_CP_ONE_PER_HENV) {
        throw OdbcError("HY024", "invalid SQL_ATTR_CONNECTION_POOLING value");
      }
      connection_pooling_ = number;
      return;
    case SQL_ATTR_CP_MATCH:
      if (number != SQL_CP_STRICT_MATCH && number != SQL_CP_RELAXED_MATCH) {
        throw OdbcError("HY024", "invalid SQL_ATTR_CP_MATCH value");
      }
      cp_match_ = number;
      return;
    case SQL_ATTR_OUTPUT_NTS:
      if (number != SQL_TRUE) throw OdbcError("HYC00", "SQL_ATTR_OUTPUT_NTS=SQL_FALSE is not supported");
      return;
    default:
      throw OdbcError("HY092", "unknown environment attribute " + std::to_string(attribute));
  }
}

SQLINTEGER Environment::get_attr(SQLINTEGER attribute) const {
  switch (attribute) {
    case SQL_ATTR_ODBC_VERSION: return odbc_version_ ? odbc_version_ : SQL_OV_ODBC3;
    case SQL_ATTR_CONNECTION_POOLING: return connection_pooling_;
    case SQL_ATTR_CP_MATCH: return cp_match_;
    case SQL_ATTR_OUTPUT_NTS: return SQL_TRUE;
    default:
      throw OdbcError("HY092", "unknown environment attribute " + std::to_string(attribute));
  }
}

Connection* Environment::allocate_connection() {
  if (odbc_version_ == 0) {
    throw OdbcError("HY010", "SQL_ATTR_ODBC_VERSION must be set before allocating a connection");
  }
  auto connection = std::make_unique<Connection>(*this);
  connections_.push_back(connection.get());
  return connection.release();
}

void Environment::free_connection(Connection* connection) {
  if (connection->connected()) throw OdbcError("HY010", "the connection is still open: call SQLDisconnect first");
  connections_.erase(std::remove(connections_.begin(), connections_.end(), connection), connections_.end());
  delete connection;
}

void Environment::end_transaction(SQLSMALLINT completion) {
  for (Connection* c : connections_) {
    std::lock_guard<std::mutex> lock(c->mutex());
    if (c->connected()) c->end_transaction(completion);
  }
}

}  // namespace fabodbc
