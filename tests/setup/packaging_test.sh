#!/usr/bin/env bash
# Packaging test: builds the .deb with CPack, checks its metadata and contents, extracts it into
# a throwaway root (dpkg-deb -x), runs the package's own postinst/prerm (paths pointed at that
# root) against a private ODBCSYSINI, and checks that:
#   odbcinst -q -d lists fabodbc, installing twice keeps one entry (UsageCount 1), other
#   drivers are untouched, a DSN made with the extracted `fabodbc dsn add` connects with isql,
#   and removal unregisters the driver.
# Usage (CTest runs it under fabodbc_with_mariadb, which provides the server):
#   fabodbc_with_mariadb -- bash packaging_test.sh BUILD_DIR
set -euo pipefail
BUILD=${1:?usage: packaging_test.sh BUILD_DIR}
: "${FABODBC_TEST_HOST:?run under fabodbc_with_mariadb}"
WORK=$(mktemp -d /tmp/fabodbc-pkg-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
ROOT=$WORK/root
ETC=$WORK/etc
mkdir -p "$ROOT" "$ETC"

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }
registered_count() { grep -c '^\[fabodbc\]' "$ETC/odbcinst.ini" 2>/dev/null || true; }

step "cpack -G DEB"
# The project's CPack configuration (metadata, maintainer scripts, dpkg-shlibdeps), staged from
# the build tree as it is: plain `cpack` first runs the `preinstall` target, which rebuilds the
# whole tree, and a test must test what was built, not build.
PREFIX=$(sed -n 's/^set(CPACK_PACKAGING_INSTALL_PREFIX "\(.*\)")$/\1/p' "$BUILD/CPackConfig.cmake")
[[ -n "$PREFIX" ]] || fail "no CPACK_PACKAGING_INSTALL_PREFIX in $BUILD/CPackConfig.cmake"
cat >"$WORK/stage.cmake" <<EOF_STAGE
if(DEFINED ENV{DESTDIR} AND NOT "\$ENV{DESTDIR}" STREQUAL "")
  set(CMAKE_INSTALL_PREFIX "$PREFIX")
endif()
set(CMAKE_INSTALL_DO_STRIP 1)
include("$BUILD/cmake_install.cmake")
EOF_STAGE
(cd "$BUILD" && cpack -G DEB -B "$WORK/out" -D CPACK_INSTALL_CMAKE_PROJECTS= \
   -D CPACK_INSTALL_SCRIPTS="$WORK/stage.cmake" >"$WORK/cpack.log" 2>&1) || { cat "$WORK/cpack.log"; fail "cpack failed"; }
DEB=$(ls "$WORK"/out/fabodbc_*.deb 2>/dev/null | head -n 1)
[[ -f "$DEB" ]] || { cat "$WORK/cpack.log"; fail "no fabodbc_*.deb produced"; }
echo "built $(basename "$DEB")"

step "control fields"
[[ "$(dpkg-deb -f "$DEB" Package)" == fabodbc ]] || fail "package name"
[[ -n "$(dpkg-deb -f "$DEB" Maintainer)" ]] || fail "no Maintainer"
DEPENDS=$(dpkg-deb -f "$DEB" Depends)
echo "Depends: $DEPENDS"
for dep in odbcinst libodbc libodbcinst libmariadb3 libcurl4 libxml2 libssl3; do
  grep -q "$dep" <<<"$DEPENDS" || fail "Depends lacks $dep"
done

step "contents"
dpkg-deb -c "$DEB" >"$WORK/contents"
for f in usr/bin/fabodbc /odbc/libfabodbc.so /odbc/libfabodbcS.so usr/include/fabodbc.h \
         usr/share/doc/fabodbc/user-guide.md usr/share/doc/fabodbc/keywords.md \
         usr/share/doc/fabodbc/odbc.ini.example usr/share/doc/fabodbc/fabodbc.tdc; do
  grep -q -- "$f" "$WORK/contents" || { cat "$WORK/contents"; fail "package lacks $f"; }
done

step "maintainer scripts"
dpkg-deb -e "$DEB" "$WORK/control"
for s in postinst prerm; do
  [[ -x "$WORK/control/$s" ]] || fail "$s missing or not executable"
  sh -n "$WORK/control/$s" || fail "$s is not valid sh"
done
DRIVER_PATH=$(sed -n 's/^ *fabodbc_register "\([^"]*\)" .*/\1/p' "$WORK/control/postinst")
[[ "$DRIVER_PATH" == /usr/*/odbc/libfabodbc.so ]] || fail "postinst registers '$DRIVER_PATH'"
grep -q -- "odbcinst -i -d" "$WORK/control/postinst" || fail "postinst does not use odbcinst -i -d"
grep -q -- "odbcinst -u -d" "$WORK/control/prerm" || fail "prerm does not use odbcinst -u -d"

step "extract into a throwaway root"
dpkg-deb -x "$DEB" "$ROOT"
# The package's own scripts, with the library paths pointed into the extracted root.
sed "s#\"/usr/#\"$ROOT/usr/#g" "$WORK/control/postinst" >"$WORK/postinst"
sed "s#\"/usr/#\"$ROOT/usr/#g" "$WORK/control/prerm" >"$WORK/prerm"
grep -q "$ROOT/usr/" "$WORK/postinst" || fail "could not relocate postinst"

# A private unixODBC configuration that already knows another driver.
export ODBCSYSINI=$ETC ODBCINSTINI=odbcinst.ini ODBCINI=$ETC/user.ini
printf '[OtherDriver]\nDescription=another driver\nDriver=/usr/lib/libother.so\nUsageCount=1\n\n' >"$ETC/odbcinst.ini"

step "postinst configure (register)"
sh "$WORK/postinst" configure
odbcinst -q -d | grep -qx '\[fabodbc\]' || { cat "$ETC/odbcinst.ini"; fail "odbcinst -q -d does not list fabodbc"; }
odbcinst -q -d -n fabodbc | grep -qx "Driver=$ROOT$DRIVER_PATH" || { odbcinst -q -d -n fabodbc; fail "Driver path"; }
odbcinst -q -d -n fabodbc | grep -q "^Setup=$ROOT/.*/odbc/libfabodbcS.so$" || fail "Setup path"
odbcinst -q -d -n fabodbc | grep -qx "UsageCount=1" || fail "UsageCount after first install"

step "postinst configure again (reinstall keeps one entry)"
sh "$WORK/postinst" configure
[[ "$(registered_count)" == 1 ]] || { cat "$ETC/odbcinst.ini"; fail "two [fabodbc] entries"; }
odbcinst -q -d -n fabodbc | grep -qx "UsageCount=1" || { cat "$ETC/odbcinst.ini"; fail "UsageCount grew on reinstall"; }
odbcinst -q -d -n OtherDriver | grep -qx "Driver=/usr/lib/libother.so" || fail "other driver damaged"

step "fabodbc dsn add (extracted CLI) + isql"
CLI=$ROOT/usr/bin/fabodbc
"$CLI" --version | grep -q "^fabodbc " || fail "extracted CLI does not run"
"$CLI" dsn add pkgtest SERVER="$FABODBC_TEST_HOST" PORT="$FABODBC_TEST_PORT" UID="$FABODBC_TEST_USER" \
  PWD="$FABODBC_TEST_PASSWORD" DATABASE="$FABODBC_TEST_DATABASE" || fail "dsn add"
"$CLI" dsn list | grep -q '^pkgtest ' || fail "dsn list does not show pkgtest"
printf 'SELECT 40+2 AS answer\n' | isql -b -v pkgtest >"$WORK/isql.out" 2>&1 || { cat "$WORK/isql.out"; fail "isql could not connect/query"; }
grep -q '42' "$WORK/isql.out" || { cat "$WORK/isql.out"; fail "isql did not print the result"; }
"$CLI" test pkgtest >"$WORK/test.out" 2>&1 || { cat "$WORK/test.out"; fail "fabodbc test failed"; }
grep -q "Connected to 'pkgtest'" "$WORK/test.out" || { cat "$WORK/test.out"; fail "fabodbc test output"; }

step "prerm upgrade keeps the registration"
sh "$WORK/prerm" upgrade
odbcinst -q -d -n fabodbc >/dev/null 2>&1 || fail "prerm upgrade unregistered the driver"

step "prerm remove (unregister)"
sh "$WORK/prerm" remove
if odbcinst -q -d -n fabodbc >/dev/null 2>&1; then cat "$ETC/odbcinst.ini"; fail "fabodbc still registered after remove"; fi
[[ "$(registered_count)" == 0 ]] || fail "[fabodbc] still in odbcinst.ini"
odbcinst -q -d -n OtherDriver | grep -qx "Driver=/usr/lib/libother.so" || fail "other driver removed"
sh "$WORK/prerm" remove  # removing again is harmless
sh "$WORK/postinst" configure  # and a later install registers it again, once
[[ "$(registered_count)" == 1 ]] || fail "re-register after remove"

echo "packaging test passed"
