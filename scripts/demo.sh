#!/usr/bin/env bash
# The first command of the README: on a fresh Debian 12 machine (as root) installs what fabodbc
# needs and builds it, then
#   1. starts a private MariaDB on loopback, creates a DSN with the fabodbc CLI and runs
#      queries through the unixODBC driver manager with isql and pyodbc;
#   2. starts a MySQL Fabric farm on loopback (nine MariaDB servers in a global group, two
#      shard groups and an HA group, under GTID replication, behind the Fabric-protocol test
#      server) and shows queries landing on the right server by shard key and mode.
# Nothing outside build/ and /tmp is touched; every server is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target fabodbc fabodbcS fabodbc_cli fabodbc_with_mariadb fabodbc_with_farm
export PATH="$PWD/build/setup:$PATH"
echo "######## 1. One server"
build/tests/support/fabodbc_with_mariadb -- bash scripts/demo-session.sh
echo
echo "######## 2. Routing through MySQL Fabric"
build/tests/support/fabodbc_with_farm -- bash scripts/demo-routing.sh
