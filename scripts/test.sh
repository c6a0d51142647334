#!/usr/bin/env bash
# Builds fabodbc and runs every test on a Debian 12 machine (as root; installs what it needs):
#   1. the whole suite (unit, Fabric-over-HTTP, integration against real mariadbd servers,
#      client scripts) in a Release build;
#   2. the unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer, building only
#      their executables and what they load;
#   3. the tests labelled "concurrency" (several threads at once) again under ThreadSanitizer,
#      building only their executables and the driver;
#   4. the libFuzzer targets for a bounded time, when clang is installed.
# Ends with one line "N passed, N failed" over all of it, and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
bash scripts/install-deps.sh || { echo "dependency install failed"; exit 1; }

JOBS=${JOBS:-$(nproc)}
LOGDIR=${FABODBC_TEST_LOGS:-$ROOT/build/test-logs}
mkdir -p "$LOGDIR"
passed=0
failed=0
status=0

# Runs ctest and adds its counts to the totals (ctest prints "X tests failed out of Y").
run_ctest() {
  local name=$1
  shift
  local log="$LOGDIR/$name.log"
  ctest "$@" --output-on-failure --timeout 900 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local line total fail
  line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -1)
  if [[ -n "$line" ]]; then
    fail=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$line")
    total=$(sed -E 's/.* tests failed out of ([0-9]+).*/\1/' <<<"$line")
    passed=$((passed + total - fail))
    failed=$((failed + fail))
  elif ((rc != 0)); then
    failed=$((failed + 1))
  fi
  ((rc == 0)) || status=1
}

echo "== Release build and full suite"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DFABODBC_BUILD_BENCH=ON >"$LOGDIR/configure.log" 2>&1 \
  || { cat "$LOGDIR/configure.log"; exit 1; }
cmake --build build -j"$JOBS" || exit 1
run_ctest full --test-dir build -j2

echo "== Unit tests under ASan + UBSan"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DFABODBC_SANITIZE=ON -DFABODBC_BUILD_BENCH=OFF \
  >"$LOGDIR/configure-asan.log" 2>&1 || { cat "$LOGDIR/configure-asan.log"; exit 1; }
cmake --build build-asan -j"$JOBS" --target unit_tests || exit 1
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_ctest asan --test-dir build-asan -L unit -j2

echo "== Concurrency tests under ThreadSanitizer"
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DFABODBC_TSAN=ON -DFABODBC_BUILD_BENCH=OFF \
  >"$LOGDIR/configure-tsan.log" 2>&1 || { cat "$LOGDIR/configure-tsan.log"; exit 1; }
cmake --build build-tsan -j"$JOBS" --target concurrency_tests || exit 1
# tests/tsan.supp: races inside uninstrumented system libraries only, each with its reason.
TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$ROOT/tests/tsan.supp" \
  run_ctest tsan --test-dir build-tsan -L concurrency -j2

if [[ -x scripts/run-fuzzers.sh ]] && command -v clang++ >/dev/null; then
  echo "== Fuzzers (bounded)"
  if scripts/run-fuzzers.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
fi

echo
echo "$passed passed, $failed failed"
exit $status
