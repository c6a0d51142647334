#!/usr/bin/env bash
# Runs inside fabodbc_with_mariadb: ODBCSYSINI/ODBCINI point at a private configuration with the
# driver registered; FABODBC_TEST_* describe the freshly started server. The DSN is made with the CLI.
set -euo pipefail
DSN=demo
echo "== The driver is registered in $ODBCSYSINI/odbcinst.ini; create a DSN with the fabodbc CLI"
fabodbc dsn add "$DSN" DESCRIPTION="fabodbc demo" SERVER="$FABODBC_TEST_HOST" PORT="$FABODBC_TEST_PORT" \
  UID="$FABODBC_TEST_USER" PWD="$FABODBC_TEST_PASSWORD" DATABASE="$FABODBC_TEST_DATABASE"
fabodbc dsn show "$DSN"
echo
echo "== fabodbc test $DSN"
fabodbc test "$DSN"
echo
echo "== isql: create, insert, select"
isql -v -b "$DSN" <<'SQL'
CREATE TABLE demo (id INT PRIMARY KEY, name VARCHAR(40), price DECIMAL(8,2), added DATETIME(3))
INSERT INTO demo VALUES (1, 'espresso ☕', 2.40, '2026-11-21 08:00:00.125'), (2, 'croissant 🥐', 1.90, NOW(3))
SELECT id, name, price, added FROM demo ORDER BY id
SELECT VERSION() AS server, @@port AS port, DATABASE() AS db
SQL
echo
echo "== isql: help (SQLTables) and help demo (SQLColumns)"
printf 'help\nhelp demo\n' | isql -v -b "$DSN"
echo
echo "== pyodbc"
/usr/bin/python3 - <<'PY'
import os, pyodbc
cn = pyodbc.connect("DSN=demo", autocommit=True)
for row in cn.cursor().execute("SELECT id, name, price FROM demo ORDER BY id"):
    print(tuple(row))
print("driver:", cn.getinfo(pyodbc.SQL_DRIVER_NAME), cn.getinfo(pyodbc.SQL_DRIVER_ODBC_VER),
      "dbms:", cn.getinfo(pyodbc.SQL_DBMS_NAME), cn.getinfo(pyodbc.SQL_DBMS_VER))
PY
