#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in a separate build directory and runs each one
# for a bounded time on a copy of the committed seed corpus. Exits non-zero on a finding.
#
#   FUZZ_SECONDS=30      seconds per target (default 30)
#   FUZZ_BUILD_DIR=...   build directory (default <repo>/build-fuzz)
#   FABODBC_SOURCE_DIR   source tree to configure (default: this repository)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="${FABODBC_SOURCE_DIR:-$ROOT}"
BUILD="${FUZZ_BUILD_DIR:-$ROOT/build-fuzz}"
SECONDS_PER_TARGET="${FUZZ_SECONDS:-30}"
TARGETS=(fuzz_xmlrpc_decoder fuzz_digest_challenge fuzz_connection_string fuzz_odbc_escapes fuzz_shard_keys)
declare -A CORPUS=([fuzz_xmlrpc_decoder]=xmlrpc [fuzz_digest_challenge]=digest
                   [fuzz_connection_string]=connection_string [fuzz_odbc_escapes]=odbc_escapes
                   [fuzz_shard_keys]=shard_keys)

if ! command -v clang++ >/dev/null 2>&1 || ! command -v clang >/dev/null 2>&1; then
  echo "run-fuzzers: clang/clang++ not found, fuzzers skipped"
  exit 0
fi

CC=clang CXX=clang++ cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFABODBC_FUZZ=ON -DFABODBC_BUILD_BENCH=OFF -DFABODBC_SANITIZE=OFF -DFABODBC_TSAN=OFF >/dev/null
cmake --build "$BUILD" -j"${JOBS:-2}" --target "${TARGETS[@]}"

status=0
for t in "${TARGETS[@]}"; do
  bin="$BUILD/tests/fuzz/$t"
  work="$(mktemp -d "${TMPDIR:-/tmp}/$t.XXXXXX")"
  cp "$ROOT/tests/fuzz/corpus/${CORPUS[$t]}/"* "$work/"   # never grow the committed corpus
  echo "run-fuzzers: $t for ${SECONDS_PER_TARGET}s"
  if ! (cd "$work" && "$bin" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -timeout=10 \
          -rss_limit_mb=2048 -print_final_stats=1 "$work" 2>"$work/log.txt"); then
    echo "run-fuzzers: $t FAILED; crash input and log in $work" >&2
    tail -40 "$work/log.txt" >&2
    status=1
  else
    grep -E "stat::number_of_executed_units|Done" "$work/log.txt" | tail -2 || true
    rm -rf "$work"
  fi
done
exit $status
