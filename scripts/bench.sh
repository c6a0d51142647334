#!/usr/bin/env bash
# Builds the benchmarks (Release) and runs them on this machine:
#   fabodbc_bench_driver   fabodbc vs odbc-mariadb vs raw libmysqlclient on one private mariadbd:
#                          one table with ratios and goals, the same figures in
#                          build/bench-results/driver.json (one object per workload)
#   fabric lookup bench    HA / RANGE / HASH lookups at 10, 1,000 and 100,000 shards
#   fabodbc_bench_routing  direct vs routed connect, key switch vs fresh connect
#   fabodbc_bench_fabric_load  Fabric load of 50 processes with and without the shared snapshot
# Extra arguments go to fabodbc_bench_driver (e.g. --rows 200000 --repeat 1).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DFABODBC_BUILD_BENCH=ON >/dev/null
cmake --build build -j"$(nproc)"
mkdir -p build/bench-results
build/tests/bench/fabodbc_bench_driver --json build/bench-results/driver.json "$@"
for b in build/tests/bench/fabric/*bench*; do
  [[ -x "$b" && -f "$b" ]] && "$b"
done
build/tests/bench/fabodbc_bench_routing
build/tests/bench/fabodbc_bench_fabric_load --json build/bench-results/fabric_load.json
