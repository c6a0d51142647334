// The environment handle: ODBC version and the connections allocated under it.
#pragma once

#include "driver/handle.h"

#include <sql.h>
#include <sqlext.h>

#include <memory>
#include <mutex>
#include <vector>

namespace fabodbc {

class Connection;
namespace routing {
class SharedPosition;
}

class Environment : public Handle {
 public:
  Environment();
  ~Environment();

  std::mutex& mutex() noexcept { return mutex_; }

  void set_attr(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length);
  // Integer attributes only (every environment attribute is one).
  SQLINTEGER get_attr(SQLINTEGER attribute) const;

  SQLINTEGER odbc_version() const noexcept { return odbc_version_; }

  Connection* allocate_connection();
  // HY010 when the connection is still connected.
  void free_connection(Connection* connection);
  bool has_connections() const noexcept { return !connections_.empty(); }

  // SQLEndTran on the environment: every connected connection.
  void end_transaction(SQLSMALLINT completion);

  // What the Fabric connections of this environment committed, for reads on secondaries with
  // FABRIC_CONSISTENCY=ENVIRONMENT (shared by them; thread-safe itself).
  const std::shared_ptr<routing::SharedPosition>& committed_position() const noexcept { return committed_; }

 private:
  std::mutex mutex_;
  SQLINTEGER odbc_version_ = 0;  // unset until SQLSetEnvAttr(SQL_ATTR_ODBC_VERSION)
  SQLINTEGER connection_pooling_ = SQL_CP_OFF;
  SQLINTEGER cp_match_ = SQL_CP_STRICT_MATCH;
  std::vector<Connection*> connections_;
  std::shared_ptr<routing::SharedPosition> committed_;
};

}  // namespace fabodbc
