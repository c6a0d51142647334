"""pyodbc through the driver manager: readonly=True (SQL_ATTR_ACCESS_MODE read-only) must read
from a secondary of the Fabric group; without it, from the primary.

usage: pyodbc_readonly.py CONNECTION_STRING PRIMARY_PORT SECONDARY_PORT[,SECONDARY_PORT...]
Exit 0 when every check passes; prints FAIL lines otherwise.
"""
import sys

import pyodbc

conn_str, primary, secondaries = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
failures = []

ro = pyodbc.connect(conn_str, readonly=True, autocommit=True)
port = str(ro.cursor().execute("SELECT @@port").fetchone()[0])
if port not in secondaries:
    failures.append("readonly=True read from port %s, expected one of %s" % (port, secondaries))
ro.close()

rw = pyodbc.connect(conn_str, autocommit=True)
port = str(rw.cursor().execute("SELECT @@port").fetchone()[0])
if port != primary:
    failures.append("read-write connection on port %s, expected the primary %s" % (port, primary))
rw.close()

for f in failures:
    print("FAIL", f)
print("OK" if not failures else "FAILED")
sys.exit(1 if failures else 0)
