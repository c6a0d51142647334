#!/bin/sh
# isql (unixODBC's command-line client) against the DSN fabodbc_test: SELECT, INSERT, `help`
# (SQLTables) and `help <table>` (SQLColumns), and an error shown with its SQLSTATE.
# Run under fabodbc_with_mariadb, which provides the server and the DSN.
set -u

fail() { echo "FAIL: $1"; echo "----- output -----"; echo "$out"; exit 1; }
expect() { printf '%s\n' "$out" | grep -q -- "$1" || fail "expected '$1'"; }
reject() { if printf '%s\n' "$out" | grep -q -- "$1"; then fail "did not expect '$1'"; fi; }

out=$(isql -v -b fabodbc_test 2>&1 <<'SQL'
CREATE OR REPLACE TABLE isql_t (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(8,2))
INSERT INTO isql_t VALUES (1, 'alpha', 1.50), (2, 'beta', NULL)
SELECT id, name, price FROM isql_t ORDER BY id
help
help isql_t
SQL
)
status=$?
[ "$status" -eq 0 ] || fail "isql exited with $status"
reject "ERROR"
expect "alpha"
expect "beta"
expect "1.50"
expect "SQLRowCount returns 2"
expect "2 rows fetched"
expect "TABLE_NAME"
expect "isql_t"
expect "COLUMN_NAME"
expect "price"

out=$(echo "SELEC 1" | isql -v -b fabodbc_test 2>&1)
# isql is an ODBC 2 application: the driver manager shows 42000 as its ODBC 2 twin 37000.
expect "\[\(42000\|37000\)\]"
expect "\[fabodbc\]"
expect "SQL syntax"

out=$(echo "SELECT 'ok' AS answer" | isql -v -b fabodbc_test wrong-user wrong-password 2>&1)
expect "28000"
reject "wrong-password"

echo "isql checks passed"
