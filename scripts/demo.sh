#!/usr/bin/env bash
# The first command of the README: on a fresh Debian 12 machine (as root) installs what fabodbc
# needs, builds the driver, starts a private MariaDB on loopback, registers the driver and a DSN
# in a private odbc.ini with the fabodbc CLI, and runs queries through the unixODBC driver manager with isql and
# pyodbc. Nothing outside build/ and /tmp is touched; the server is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target fabodbc fabodbcS fabodbc_cli fabodbc_with_mariadb
export PATH="$PWD/build/setup:$PATH"
exec build/tests/support/fabodbc_with_mariadb -- bash scripts/demo-session.sh
