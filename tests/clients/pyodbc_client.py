#!/usr/bin/env python3
"""pyodbc against fabodbc: what a Python application does with the driver, check by check.

Run under fabodbc_with_mariadb (it starts a private server and sets FABODBC_TEST_DSN) with
Debian's /usr/bin/python3, where python3-pyodbc lives. Prints one line per check:
  PASS name | FAIL name: detail | GAP name: reason (detail) | FIXED name: ...
and exits 1 on any FAIL or FIXED. A check named in EXPECTED_GAPS still runs: it reports GAP
while it fails and FIXED (a failure, so the list is kept honest) once it passes.
"""

import datetime
import decimal
import os
import sys

import pyodbc

# Checks that fail today because the driver lacks an issue-5 feature. Emptied as it lands.
EXPECTED_GAPS = {}

DSN = os.environ.get("FABODBC_TEST_DSN", "fabodbc_test")
EMOJI = "h\u00e9llo \U0001F600 \u4e16\u754c"
BLOB = bytes((i * 7 + 3) & 0xFF for i in range(300_000))

results = []


class CheckFailed(Exception):
    pass


def expect(what, got, expected):
    if got != expected or type(got) is not type(expected):
        raise CheckFailed(f"{what}: got {got!r} ({type(got).__name__}), expected {expected!r} "
                          f"({type(expected).__name__})")


def check(name, fn):
    try:
        fn()
        detail = None
    except Exception as e:  # every failure, driver error or wrong value, is a result
        detail = f"{type(e).__name__}: {e}".replace("\n", " ")
    gap = EXPECTED_GAPS.get(name)
    if detail is None and gap is None:
        line = f"PASS {name}"
    elif detail is None:
        line = f"FIXED {name}: passes now; remove it from EXPECTED_GAPS"
    elif gap is None:
        line = f"FAIL {name}: {detail}"
    else:
        line = f"GAP {name}: {gap} ({detail[:200]})"
    results.append(line)
    print(line, flush=True)


def connect(**kw):
    return pyodbc.connect(f"DSN={DSN}", **kw)


cnxn = None


def setup():
    global cnxn
    cnxn = connect(autocommit=True)
    cur = cnxn.cursor()
    cur.execute("DROP TABLE IF EXISTS cl_child")
    cur.execute("DROP TABLE IF EXISTS cl_parent")
    cur.execute("CREATE TABLE cl_parent (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, UNIQUE KEY uq_name (name)) "
                "ENGINE=InnoDB")
    cur.execute("CREATE TABLE cl_child (id INT PRIMARY KEY, parent_id INT, note TEXT, "
                "CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES cl_parent (id)) ENGINE=InnoDB")
    cur.execute("INSERT INTO cl_parent VALUES (1, 'one'), (2, 'two')")


def check_connect():
    expect("SELECT 1", connect().cursor().execute("SELECT 1").fetchone()[0], 1)
    c = pyodbc.connect(os.environ["FABODBC_TEST_CONNSTR"])
    expect("via connection string", c.cursor().execute("SELECT DATABASE()").fetchone()[0],
           os.environ["FABODBC_TEST_DATABASE"])


def check_tables():
    rows = cnxn.cursor().tables(table="cl_%").fetchall()
    expect("names", sorted(r.table_name for r in rows), ["cl_child", "cl_parent"])
    expect("type", {r.table_type for r in rows}, {"TABLE"})


def check_columns():
    rows = cnxn.cursor().columns(table="cl_parent").fetchall()
    expect("names", [r.column_name for r in rows], ["id", "name"])
    expect("id type", rows[0].data_type, pyodbc.SQL_INTEGER)
    expect("name size", rows[1].column_size, 20)
    expect("name nullable", rows[1].nullable, 0)


def check_primary_keys():
    rows = cnxn.cursor().primaryKeys("cl_parent").fetchall()
    expect("pk", [(r.column_name, r.key_seq) for r in rows], [("id", 1)])


def check_foreign_keys():
    rows = cnxn.cursor().foreignKeys(foreignTable="cl_child").fetchall()
    expect("fk", [(r.pktable_name, r.pkcolumn_name, r.fkcolumn_name) for r in rows],
           [("cl_parent", "id", "parent_id")])


def check_statistics():
    rows = [r for r in cnxn.cursor().statistics("cl_parent").fetchall() if r.index_name]
    expect("indexes", sorted((r.index_name, r.column_name, r.non_unique) for r in rows),
           [("PRIMARY", "id", 0), ("uq_name", "name", 0)])


# name, column type, value written, value expected back
TYPES = [
    ("TINYINT", "TINYINT", -128, -128),
    ("TINYINT UNSIGNED", "TINYINT UNSIGNED", 255, 255),
    ("SMALLINT", "SMALLINT", -32768, -32768),
    ("SMALLINT UNSIGNED", "SMALLINT UNSIGNED", 65535, 65535),
    ("MEDIUMINT", "MEDIUMINT", -8388608, -8388608),
    ("INT", "INT", -2147483648, -2147483648),
    ("INT UNSIGNED", "INT UNSIGNED", 2147483647, 2147483647),
    ("INT UNSIGNED max", "INT UNSIGNED", 4294967295, 4294967295),
    ("BIGINT", "BIGINT", -9223372036854775808, -9223372036854775808),
    ("BIGINT UNSIGNED", "BIGINT UNSIGNED", 9223372036854775807, 9223372036854775807),
    ("DECIMAL", "DECIMAL(20,4)", decimal.Decimal("-1234567890123456.7891"), decimal.Decimal("-1234567890123456.7891")),
    ("FLOAT", "FLOAT", 1.5, 1.5),
    ("DOUBLE", "DOUBLE", -2.25e100, -2.25e100),
    ("CHAR", "CHAR(10)", "abc", "abc"),
    ("VARCHAR emoji", "VARCHAR(40)", EMOJI, EMOJI),
    ("TEXT emoji", "TEXT", EMOJI * 500, EMOJI * 500),
    ("BINARY", "BINARY(4)", b"\x00\x01\xfe\xff", b"\x00\x01\xfe\xff"),
    ("VARBINARY", "VARBINARY(10)", b"\x00ab\x00", b"\x00ab\x00"),
    ("BLOB", "MEDIUMBLOB", BLOB, BLOB),
    ("DATE", "DATE", datetime.date(2024, 2, 29), datetime.date(2024, 2, 29)),
    ("TIME", "TIME", datetime.time(23, 59, 58), datetime.time(23, 59, 58)),
    ("DATETIME(6)", "DATETIME(6)", datetime.datetime(2024, 2, 29, 1, 2, 3, 456789),
     datetime.datetime(2024, 2, 29, 1, 2, 3, 456789)),
    ("TIMESTAMP", "TIMESTAMP NULL", datetime.datetime(2001, 2, 3, 4, 5, 6), datetime.datetime(2001, 2, 3, 4, 5, 6)),
    ("YEAR", "YEAR", 2024, 2024),
    ("BIT", "BIT(8)", b"\xa5", b"\xa5"),
    ("ENUM", "ENUM('red','green')", "green", "green"),
    ("SET", "SET('a','b','c')", "a,c", "a,c"),
    ("JSON", "JSON", '{"k": [1, "\u00e9"]}', '{"k": [1, "\u00e9"]}'),
]


def type_check(index, name, sqltype, value, expected):
    def run():
        cur = cnxn.cursor()
        table = f"cl_type_{index}"
        cur.execute(f"CREATE OR REPLACE TABLE {table} (id INT PRIMARY KEY, v {sqltype}) DEFAULT CHARSET=utf8mb4")
        cur.execute(f"INSERT INTO {table} VALUES (?, ?)", 1, value)
        cur.execute(f"INSERT INTO {table} VALUES (2, NULL)")
        # Text protocol (no parameters) and binary protocol (prepared, one parameter).
        expect("text", cur.execute(f"SELECT v FROM {table} WHERE id = 1").fetchone()[0], expected)
        expect("prepared", cur.execute(f"SELECT v FROM {table} WHERE id = ?", 1).fetchone()[0], expected)
        expect("NULL", cur.execute(f"SELECT v FROM {table} WHERE id = ?", 2).fetchone()[0], None)
    return run


def check_executemany():
    cur = cnxn.cursor()
    cur.execute("CREATE OR REPLACE TABLE cl_many (id INT PRIMARY KEY, name VARCHAR(20), amount DECIMAL(10,2))")
    rows = [(i, f"n{i}", decimal.Decimal(i) / 4) for i in range(200)]
    cur.executemany("INSERT INTO cl_many VALUES (?, ?, ?)", rows)
    expect("count", tuple(cur.execute("SELECT COUNT(*), SUM(amount) FROM cl_many").fetchone()),
           (200, decimal.Decimal("4975.00")))


def check_fast_executemany():
    cur = cnxn.cursor()
    cur.execute("CREATE OR REPLACE TABLE cl_fast (id INT PRIMARY KEY, name VARCHAR(20), d DATE) "
                "DEFAULT CHARSET=utf8mb4")
    cur.fast_executemany = True
    rows = [(i, f"n{i}\u00e9", datetime.date(2024, 1, 1) + datetime.timedelta(days=i)) for i in range(1000)]
    cur.executemany("INSERT INTO cl_fast VALUES (?, ?, ?)", rows)
    expect("count", tuple(cur.execute("SELECT COUNT(*), SUM(id) FROM cl_fast").fetchone()), (1000, decimal.Decimal(499500)))
    expect("row 999", tuple(cur.execute("SELECT * FROM cl_fast WHERE id = 999").fetchone()), rows[999])


def check_fast_executemany_decimal():
    cur = cnxn.cursor()
    cur.execute("CREATE OR REPLACE TABLE cl_fast_dec (id INT PRIMARY KEY, amount DECIMAL(10,2))")
    cur.fast_executemany = True
    cur.executemany("INSERT INTO cl_fast_dec VALUES (?, ?)", [(1, decimal.Decimal("1.25"))])
    expect("value", cur.execute("SELECT amount FROM cl_fast_dec").fetchone()[0], decimal.Decimal("1.25"))


def check_readonly_connect():
    c = connect(readonly=True)
    expect("select", c.cursor().execute("SELECT name FROM cl_parent WHERE id = 2").fetchone()[0], "two")


def check_readonly_refuses_writes():
    c = connect(readonly=True, autocommit=True)
    try:
        c.cursor().execute("INSERT INTO cl_parent VALUES (99, 'ninety-nine')")
    except pyodbc.Error:
        return
    finally:
        cnxn.cursor().execute("DELETE FROM cl_parent WHERE id = 99")
    raise CheckFailed("an INSERT succeeded on a readonly=True connection")


def check_transactions():
    c = connect(autocommit=False)
    cur = c.cursor()
    cur.execute("DELETE FROM cl_parent WHERE id = 2")
    c.rollback()
    expect("after rollback", cur.execute("SELECT COUNT(*) FROM cl_parent").fetchone()[0], 2)


def check_close_while_streaming():
    # Own connection: a failure leaves it unusable.
    c = connect(autocommit=True)
    s1 = c.cursor()
    s1.execute("INSERT INTO cl_parent VALUES (?, ?)", 50, "fifty")  # prepared: parameters
    s2 = c.cursor()
    s2.execute("SELECT id FROM cl_parent ORDER BY id")              # streamed, left unfinished
    s2.fetchone()
    s1.close()
    s2.close()
    c.autocommit = False
    expect("next statement", c.cursor().execute("SELECT 42").fetchone()[0], 42)
    c.close()


def check_error():
    try:
        cnxn.cursor().execute("SELECT * FROM cl_no_such_table")
    except pyodbc.ProgrammingError as e:
        if "42S02" not in str(e):
            raise CheckFailed(f"SQLSTATE: {e}")
        return
    raise CheckFailed("no error for a missing table")


def check_getinfo_function_masks():
    # What the escape translator (driver/sql) accepts, once SQLGetInfo derives its masks from it.
    SQL_FN_CVT_CONVERT, SQL_FN_TSI_FRAC_SECOND, SQL_TIMEDATE_ADD_INTERVALS = 0x1, 0x1, 109
    expect("CONVERT advertised", cnxn.getinfo(pyodbc.SQL_CONVERT_FUNCTIONS) & SQL_FN_CVT_CONVERT, SQL_FN_CVT_CONVERT)
    expect("FRAC_SECOND advertised", cnxn.getinfo(SQL_TIMEDATE_ADD_INTERVALS) & SQL_FN_TSI_FRAC_SECOND,
           SQL_FN_TSI_FRAC_SECOND)


def check_escape_server_native():
    # {d}, {ts}, {fn UCASE} and TIMESTAMPADD(SQL_TSI_*) are understood by the server's own parser.
    row = cnxn.cursor().execute("SELECT {d '2024-01-02'}, {fn UCASE('ab')}").fetchone()
    expect("values", (str(row[0]), row[1]), ("2024-01-02", "AB"))


def check_escape_convert():
    expect("CONVERT", cnxn.cursor().execute("SELECT {fn CONVERT('12', SQL_INTEGER)}").fetchone()[0], 12)


def check_escape_length():
    expect("LENGTH", cnxn.cursor().execute("SELECT {fn LENGTH('ab  ')}").fetchone()[0], 2)


def check_escape_timestampadd():
    got = cnxn.cursor().execute(
        "SELECT {fn TIMESTAMPADD(SQL_TSI_DAY, 1, {ts '2024-02-28 00:00:00'})}").fetchone()[0]
    expect("TIMESTAMPADD", got, datetime.datetime(2024, 2, 29))


def check_escape_call():
    cur = cnxn.cursor()
    cur.execute("CREATE OR REPLACE PROCEDURE cl_twice(x INT) SELECT x * 2 AS r")
    expect("call", cur.execute("{call cl_twice(?)}", 21).fetchone()[0], 42)


def check_getinfo():
    expect("DBMS", cnxn.getinfo(pyodbc.SQL_DBMS_NAME), "MariaDB")
    expect("quote", cnxn.getinfo(pyodbc.SQL_IDENTIFIER_QUOTE_CHAR), "`")


def main():
    setup()
    check("connect", check_connect)
    check("tables", check_tables)
    check("columns", check_columns)
    check("primaryKeys", check_primary_keys)
    check("foreignKeys", check_foreign_keys)
    check("statistics", check_statistics)
    for i, (name, sqltype, value, expected) in enumerate(TYPES):
        check(f"type {name}", type_check(i, name, sqltype, value, expected))
    check("executemany", check_executemany)
    check("fast_executemany", check_fast_executemany)
    check("fast_executemany DECIMAL", check_fast_executemany_decimal)
    check("readonly connect", check_readonly_connect)
    check("readonly refuses writes", check_readonly_refuses_writes)
    check("transactions", check_transactions)
    check("error SQLSTATE", check_error)
    check("close a statement while another streams", check_close_while_streaming)
    check("getinfo", check_getinfo)
    check("getinfo scalar-function masks", check_getinfo_function_masks)
    check("escape server-native", check_escape_server_native)
    check("escape {fn CONVERT}", check_escape_convert)
    check("escape {fn TIMESTAMPADD SQL_TSI}", check_escape_timestampadd)
    check("escape {fn LENGTH}", check_escape_length)
    check("escape {call}", check_escape_call)
    unknown = set(EXPECTED_GAPS) - {line.split(" ", 1)[1].split(":")[0] for line in results}
    for name in sorted(unknown):  # a gap entry naming no check would never be noticed otherwise
        print(f"FAIL EXPECTED_GAPS: no check named {name!r}")
    bad = [r for r in results if r.startswith(("FAIL", "FIXED"))]
    print(f"pyodbc: {sum(r.startswith('PASS') for r in results)} pass, "
          f"{sum(r.startswith('GAP') for r in results)} gap, {len(bad)} fail")
    return 1 if bad or unknown else 0


if __name__ == "__main__":
    sys.exit(main())
