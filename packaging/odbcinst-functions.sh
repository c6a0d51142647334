# Shell functions that register and unregister the fabodbc driver in odbcinst.ini through
# unixODBC's `odbcinst` tool. They are pasted into the Debian postinst/prerm scripts at build
# time and sourced by the packaging test; odbcinst honours ODBCSYSINI/ODBCINSTINI, so the test
# runs exactly this code against a private directory.
#
# Idempotent: `odbcinst -i` raises UsageCount on every call, so an entry that already names the
# same libraries is left alone (reinstall, upgrade), and a stale one is replaced, never stacked.

FABODBC_DRIVER_NAME=${FABODBC_DRIVER_NAME:-fabodbc}

fabodbc_registered() {
  odbcinst -q -d -n "$FABODBC_DRIVER_NAME" >/dev/null 2>&1
}

# fabodbc_registered_value KEY: the value of KEY in the driver's odbcinst.ini entry, or "".
fabodbc_registered_value() {
  odbcinst -q -d -n "$FABODBC_DRIVER_NAME" 2>/dev/null | sed -n "s/^$1[[:space:]]*=[[:space:]]*//p" | head -n 1
}

fabodbc_unregister() {
  # Each -u lowers UsageCount by one and deletes the entry at zero; bounded in case of a
  # hand-edited count.
  n=0
  while fabodbc_registered && [ "$n" -lt 50 ]; do
    odbcinst -u -d -n "$FABODBC_DRIVER_NAME" >/dev/null 2>&1 || return 1
    n=$((n + 1))
  done
  ! fabodbc_registered
}

# fabodbc_register DRIVER_LIBRARY SETUP_LIBRARY
fabodbc_register() {
  driver=$1
  setup=$2
  if fabodbc_registered; then
    if [ "$(fabodbc_registered_value Driver)" = "$driver" ] && [ "$(fabodbc_registered_value Setup)" = "$setup" ]; then
      return 0
    fi
    fabodbc_unregister || return 1
  fi
  odbcinst -i -d -r >/dev/null <<EOF_TEMPLATE
[$FABODBC_DRIVER_NAME]
Description=fabodbc: ODBC 3.x driver for MySQL/MariaDB with MySQL Fabric routing
Driver=$driver
Setup=$setup
Threading=0
EOF_TEMPLATE
}
