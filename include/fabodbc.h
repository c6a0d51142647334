/*
 * fabodbc.h: public definitions of the fabodbc ODBC driver for applications.
 *
 * Connection attributes (SQLSetConnectAttr / SQLGetConnectAttr) that control MySQL Fabric
 * routing on a connection. Setting a routing attribute inside an open transaction fails with
 * SQLSTATE 25000; the route changes at the next statement after the transaction ends.
 *
 * Installed as <fabodbc.h>. The driver itself uses this header, so the numbers cannot drift.
 * A connection without Fabric routing (no FABRIC_HOST) reports the routing attributes as
 * empty / default and refuses to set them (HYC00).
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
   Fabric; the next statement re-resolves the route (reading it answers 0). */
#define SQL_ATTR_FABRIC_RESET_CACHE    0x4F08
/* Read-only SQLCHAR*: the GTID position of the transactions this connection committed
   ("0-1-100" on MariaDB; empty before the first commit). Needs FABRIC_CONSISTENCY=SESSION or
   ENVIRONMENT (the servers then name each commit's GTID in their replies). Carry it to another
   process and set it there as SQL_ATTR_FABRIC_WAIT_GTID to read your own writes there too. */
#define SQL_ATTR_FABRIC_LAST_GTID      0x4F09
/* SQLCHAR*: a GTID position that reads on a secondary must see first (in any
   FABRIC_CONSISTENCY mode); positions set add up. Reading it answers what is waited for. */
#define SQL_ATTR_FABRIC_WAIT_GTID      0x4F0A

#endif /* FABODBC_H */
