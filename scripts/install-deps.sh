#!/usr/bin/env bash
# Installs everything fabodbc needs to build, demo and test on Debian 12 (run as root).
# Idempotent: packages already present are left alone.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
PKGS=(
  build-essential cmake pkg-config git dpkg-dev
  unixodbc unixodbc-dev odbcinst
  default-libmysqlclient-dev
  libcurl4-openssl-dev libxml2-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  mariadb-server mariadb-client
  odbc-mariadb
  python3 python3-pyodbc openssl libdbd-odbc-perl php-cli php-odbc
  clang libclang-rt-14-dev
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# The Debian mariadb-server package may start a system server; fabodbc tests use private
# servers on their own ports and datadirs, so the system one is not needed.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet mariadb 2>/dev/null; then
  systemctl stop mariadb || true
fi
