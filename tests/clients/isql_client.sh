#!/bin/bash
# unixODBC's isql and iusql against fabodbc: DSN and driver-connect logins, values, row counts,
# `help` (SQLTables/SQLColumns), several result sets, errors, the wide (W) API.
# Run under fabodbc_with_mariadb (FABODBC_TEST_DSN, FABODBC_TEST_CONNSTR). Prints
# PASS/FAIL/GAP/FIXED lines like the other client scripts and exits 1 on any FAIL or FIXED.
# A check named in EXPECTED_GAPS still runs: GAP while it fails, FIXED once it passes.
set -u

# Checks that fail today because the driver lacks an issue-5 feature ("name|reason" lines).
EXPECTED_GAPS=''

DSN=${FABODBC_TEST_DSN:-fabodbc_test}
pass=0 gap=0 bad=0 seen=''

gap_reason() { printf '%s\n' "$EXPECTED_GAPS" | awk -F'|' -v n="$1" '$1 == n { print $2 }'; }

# report NAME DETAIL: DETAIL empty means the check passed.
report() {
  local name=$1 detail=$2 reason
  reason=$(gap_reason "$name")
  seen="$seen|$name|"
  if [ -z "$detail" ] && [ -z "$reason" ]; then echo "PASS $name"; pass=$((pass + 1))
  elif [ -z "$detail" ]; then echo "FIXED $name: passes now; remove it from EXPECTED_GAPS"; bad=$((bad + 1))
  elif [ -z "$reason" ]; then echo "FAIL $name: $detail"; bad=$((bad + 1))
  else echo "GAP $name: $reason (${detail:0:200})"; gap=$((gap + 1))
  fi
}

# expect NAME OUTPUT PATTERN...: every grep pattern must match the output.
expect() {
  local name=$1 out=$2 detail='' p
  shift 2
  for p in "$@"; do
    printf '%s\n' "$out" | grep -q -- "$p" || { detail="expected '$p' in: $(printf '%s' "$out" | tr '\n' ' ' | cut -c1-300)"; break; }
  done
  report "$name" "$detail"
}

run_isql() { isql -b -d'|' -c "$@" 2>&1; }

isql -b "$DSN" >/dev/null 2>&1 <<'SQL'
CREATE OR REPLACE TABLE isql_c (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(8,2)) DEFAULT CHARSET=utf8mb4
CREATE OR REPLACE PROCEDURE isql_two() BEGIN SELECT 1 AS first_set; SELECT 2 AS second_set; END
SQL

out=$(echo "SELECT 1 AS a, NULL AS b, _utf8mb4 0x68C3A9F09F9880 AS c, 2.50 AS d" | run_isql "$DSN")
expect "select values" "$out" '^a|b|c|d$' "^1||hé😀|2.50$"

out=$(echo "SELECT DATABASE() AS db" | run_isql -k "$FABODBC_TEST_CONNSTR")
expect "driver connect" "$out" "^db$" "^${FABODBC_TEST_DATABASE}$"

out=$(echo "INSERT INTO isql_c VALUES (1, 'alpha', 1.50), (2, 'beta', NULL)" | isql -b -v "$DSN" 2>&1)
expect "insert row count" "$out" "SQLRowCount returns 2"

out=$(echo "help" | run_isql "$DSN")
expect "help (SQLTables)" "$out" "^TABLE_CAT|TABLE_SCHEM|TABLE_NAME|TABLE_TYPE|REMARKS" "|isql_c|TABLE|"

out=$(echo "help isql_c" | run_isql "$DSN")
expect "help table (SQLColumns)" "$out" "COLUMN_NAME" "|isql_c|id|4|" "|isql_c|price|3|"

out=$(echo "CALL isql_two()" | run_isql "$DSN")
expect "several result sets" "$out" "^first_set$" "^second_set$" "^2$"

out=$(echo "SELEC 1" | isql -b -v "$DSN" 2>&1)
# isql is an ODBC 2 application: the driver manager shows 42000 as its ODBC 2 twin 37000.
expect "error SQLSTATE" "$out" "\[\(42000\|37000\)\]\[fabodbc\]" "SQL syntax"

out=$(echo "SELECT 'ok'" | isql -b -v "$DSN" wrong-user wrong-password 2>&1)
expect "login error" "$out" "28000"

# iusql calls the W entry points. It prints each UTF-16 unit's low byte, so é (U+00E9) shows as
# the byte 0xE9: proof that the driver returned U+00E9, not its UTF-8 bytes.
out=$(echo "SELECT _utf8mb4 0x68C3A9 AS w" | iusql -b -d'|' -c "$DSN" 2>&1 | LC_ALL=C od -An -c | tr -s ' ')
expect "iusql (W API)" "$out" "h 351"

out=$(echo "SELECT {fn CONVERT('12', SQL_INTEGER)} AS n" | run_isql "$DSN")
expect "escape {fn CONVERT}" "$out" "^n$" "^12$"

while IFS='|' read -r name _; do
  [ -n "$name" ] || continue
  case "$seen" in *"|$name|"*) ;; *) echo "FAIL EXPECTED_GAPS: no check named '$name'"; bad=$((bad + 1)) ;; esac
done <<< "$EXPECTED_GAPS"
echo "isql: $pass pass, $gap gap, $bad fail"
[ "$bad" -eq 0 ]
