/*
 * fabodbc.h: public definitions of the fabodbc ODBC driver for applications.
 *
 * Connection attributes (SQLSetConnectAttr / SQLGetConnectAttr) that control MySQL Fabric
 * routing on a connection. Setting a routing attribute inside an open transaction fails with
 * SQLSTATE 25000; the route changes at the next statement after the transaction ends.
 *
 * This header lives in setup/ for now and is installed as <fabodbc.h>; it moves next to the
 * driver's entry points once Fabric routing lands there.
 */
#ifndef FABODBC_H
#define FABODBC_H

/* SQLCHAR*: the high-availability group to use (HA routing). */
#define SQL_ATTR_FABRIC_GROUP          0x4F01
/* SQLCHAR*: the shard key; with SQL_ATTR_FABRIC_TABLES selects the shard group. */
#define SQL_ATTR_FABRIC_KEY            0x4F02
/* SQLCHAR*: sharded tables the key applies to, "db.table[,db.table2]". */
#define SQL_ATTR_FABRIC_TABLES         0x4F03
/* SQLUINTEGER: SQL_FABRIC_SCOPE_LOCAL (the key's shard) or SQL_FABRIC_SCOPE_GLOBAL. */
#define SQL_ATTR_FABRIC_SCOPE          0x4F04
#define SQL_FABRIC_SCOPE_LOCAL         0
#define SQL_FABRIC_SCOPE_GLOBAL        1
/* SQLUINTEGER: SQL_FABRIC_MODE_READ_ONLY (a secondary) or SQL_FABRIC_MODE_READ_WRITE. */
#define SQL_ATTR_FABRIC_MODE           0x4F05
#define SQL_FABRIC_MODE_READ_ONLY      1
#define SQL_FABRIC_MODE_READ_WRITE     3
/* Read-only SQLCHAR*: UUID of the server the connection currently uses. */
#define SQL_ATTR_FABRIC_SERVER_UUID    0x4F06
/* Read-only SQLCHAR*: "host:port" of the server the connection currently uses. */
#define SQL_ATTR_FABRIC_SERVER_ADDRESS 0x4F07
/* SQLUINTEGER, write-only: any value drops the cached Fabric topology of this connection's
   Fabric; the next route reloads it. */
#define SQL_ATTR_FABRIC_RESET_CACHE    0x4F08

#endif /* FABODBC_H */
