<?php
// PHP's odbc extension against fabodbc: catalog calls, odbc_exec + odbc_fetch_array with the
// extension's default static cursor, prepared statements, long data, errors.
// Run under fabodbc_with_mariadb (FABODBC_TEST_DSN). Prints PASS/FAIL/GAP/FIXED lines like the
// other client scripts and exits 1 on any FAIL or FIXED. A check named in EXPECTED_GAPS still
// runs: GAP while it fails, FIXED (a failure, so the list is kept honest) once it passes.

// Checks that fail today because the driver lacks an issue-5 feature. Emptied as it lands.
const EXPECTED_GAPS = [
];

$dsn = getenv('FABODBC_TEST_DSN') ?: 'fabodbc_test';
$results = [];
$seen = [];

class CheckFailed extends Exception {}

function expect_eq($what, $got, $expected) {
    if ($got !== $expected) {
        throw new CheckFailed("$what: got " . var_export($got, true) . ", expected " . var_export($expected, true));
    }
}

function check($name, callable $fn) {
    global $results, $seen;
    $seen[$name] = true;
    $detail = null;
    // Warnings become failures, except those silenced with @ (error_reporting() is then reduced).
    set_error_handler(function ($no, $str) {
        if (!(error_reporting() & $no)) return false;
        throw new ErrorException($str, 0, $no);
    });
    try {
        $fn();
    } catch (Throwable $e) {
        $detail = preg_replace('/\s+/', ' ', get_class($e) . ': ' . $e->getMessage());
    }
    restore_error_handler();
    $gap = EXPECTED_GAPS[$name] ?? null;
    if ($detail === null && $gap === null) $line = "PASS $name";
    elseif ($detail === null) $line = "FIXED $name: passes now; remove it from EXPECTED_GAPS";
    elseif ($gap === null) $line = "FAIL $name: $detail";
    else $line = "GAP $name: $gap (" . substr($detail, 0, 200) . ")";
    $results[] = $line;
    echo "$line\n";
}

function rows($result) {
    $out = [];
    while ($row = odbc_fetch_array($result)) $out[] = $row;
    return $out;
}

function must($value, $conn, $what) {
    if ($value === false) throw new CheckFailed("$what failed: " . odbc_error($conn) . ' ' . odbc_errormsg($conn));
    return $value;
}

$conn = odbc_connect($dsn, '', '');
if (!$conn) {
    echo "FAIL connect: " . odbc_errormsg() . "\n";
    exit(1);
}
foreach ([
    'DROP TABLE IF EXISTS php_child',
    'DROP TABLE IF EXISTS php_parent',
    'CREATE TABLE php_parent (id INT PRIMARY KEY, name VARCHAR(30) NOT NULL, price DECIMAL(8,2), born DATE, '
        . 'UNIQUE KEY uq_name (name)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4',
    'CREATE TABLE php_child (id INT PRIMARY KEY, parent_id INT, body LONGBLOB, '
        . 'CONSTRAINT fk_php FOREIGN KEY (parent_id) REFERENCES php_parent (id)) ENGINE=InnoDB',
    "INSERT INTO php_parent VALUES (1, 'one', 1.50, '2024-02-29'), (2, 'tw\u{e9} \u{1F600}', NULL, NULL), "
        . "(3, 'three', 3.00, '1999-12-31')",
] as $sql) {
    if (!odbc_exec($conn, $sql)) { echo "FAIL setup: $sql: " . odbc_errormsg($conn) . "\n"; exit(1); }
}

check('connect', function () use ($dsn) {
    $c = odbc_connect($dsn, '', '');
    if (!$c) throw new CheckFailed(odbc_errormsg());
    expect_eq('SELECT 1', odbc_result(odbc_exec($c, 'SELECT 1'), 1), '1');
    odbc_close($c);
});

check('odbc_tables', function () use ($conn) {
    $r = rows(must(odbc_tables($conn, null, null, 'php_%', 'TABLE'), $conn, 'odbc_tables'));
    $names = array_column($r, 'TABLE_NAME');
    sort($names);
    expect_eq('tables', $names, ['php_child', 'php_parent']);
    expect_eq('types', array_unique(array_column($r, 'TABLE_TYPE')), ['TABLE']);
});

check('odbc_columns', function () use ($conn) {
    $r = rows(must(odbc_columns($conn, null, null, 'php_parent', '%'), $conn, 'odbc_columns'));
    expect_eq('columns', array_column($r, 'COLUMN_NAME'), ['id', 'name', 'price', 'born']);
    expect_eq('price digits', $r[2]['DECIMAL_DIGITS'], '2');
    expect_eq('name nullable', $r[1]['NULLABLE'], '0');
});

check('odbc_primarykeys', function () use ($conn) {
    $r = rows(must(odbc_primarykeys($conn, null, '', 'php_parent'), $conn, 'odbc_primarykeys'));
    expect_eq('pk', array_column($r, 'COLUMN_NAME'), ['id']);
});

check('odbc_foreignkeys', function () use ($conn) {
    $r = rows(must(odbc_foreignkeys($conn, null, '', '', null, '', 'php_child'), $conn, 'odbc_foreignkeys'));
    expect_eq('fk', array_map(fn($x) => "$x[PKTABLE_NAME].$x[PKCOLUMN_NAME]->$x[FKCOLUMN_NAME]", $r),
              ['php_parent.id->parent_id']);
});

check('odbc_statistics', function () use ($conn) {
    $r = rows(must(odbc_statistics($conn, null, '', 'php_parent', SQL_INDEX_UNIQUE, SQL_QUICK), $conn, 'odbc_statistics'));
    $idx = array_map(fn($x) => "$x[INDEX_NAME].$x[COLUMN_NAME]", array_filter($r, fn($x) => $x['INDEX_NAME'] !== null));
    sort($idx);
    expect_eq('indexes', $idx, ['PRIMARY.id', 'uq_name.name']);
});

check('odbc_exec + odbc_fetch_array', function () use ($conn) {
    // odbc_exec asks for odbc.default_cursortype (3 = SQL_CURSOR_STATIC) on every statement.
    $r = rows(must(odbc_exec($conn, 'SELECT id, name, price, born FROM php_parent ORDER BY id'), $conn, 'odbc_exec'));
    expect_eq('rows', count($r), 3);
    expect_eq('row 1', $r[0], ['id' => '1', 'name' => 'one', 'price' => '1.50', 'born' => '2024-02-29']);
    expect_eq('unicode', $r[1]['name'], "tw\u{e9} \u{1F600}");
    expect_eq('NULL', $r[1]['price'], null);
});

check('odbc_num_rows static', function () use ($conn) {
    $res = must(odbc_exec($conn, 'SELECT id FROM php_parent'), $conn, 'odbc_exec');
    expect_eq('num rows', odbc_num_rows($res), 3);
});

check('odbc_fetch_row absolute', function () use ($conn) {
    $res = must(odbc_exec($conn, 'SELECT id FROM php_parent ORDER BY id'), $conn, 'odbc_exec');
    if (!odbc_fetch_row($res, 3)) throw new CheckFailed('odbc_fetch_row($res, 3) returned false: ' . odbc_errormsg($conn));
    expect_eq('row 3', odbc_result($res, 'id'), '3');
    if (!odbc_fetch_row($res, 1)) throw new CheckFailed('odbc_fetch_row($res, 1) returned false');
    expect_eq('row 1', odbc_result($res, 'id'), '1');
});

check('odbc_prepare + odbc_execute', function () use ($conn) {
    $ins = must(odbc_prepare($conn, 'INSERT INTO php_parent (id, name, price) VALUES (?, ?, ?)'), $conn, 'odbc_prepare');
    for ($i = 10; $i < 20; $i++) must(odbc_execute($ins, [$i, "p$i", "$i.25"]), $conn, 'odbc_execute');
    $sel = must(odbc_prepare($conn, 'SELECT name, price FROM php_parent WHERE id = ?'), $conn, 'odbc_prepare');
    must(odbc_execute($sel, [17]), $conn, 'odbc_execute');
    expect_eq('row', odbc_fetch_array($sel), ['name' => 'p17', 'price' => '17.25']);
    expect_eq('count', odbc_result(odbc_exec($conn, 'SELECT COUNT(*) FROM php_parent WHERE id >= 10'), 1), '10');
});

check('long data (odbc_longreadlen)', function () use ($conn) {
    $blob = '';
    for ($i = 0; $i < 200000; $i++) $blob .= chr(($i * 31 + 7) % 256);
    $ins = must(odbc_prepare($conn, 'INSERT INTO php_child (id, parent_id, body) VALUES (1, 1, ?)'), $conn, 'odbc_prepare');
    must(odbc_execute($ins, [$blob]), $conn, 'odbc_execute');
    $res = must(odbc_exec($conn, 'SELECT body FROM php_child WHERE id = 1'), $conn, 'odbc_exec');
    odbc_binmode($res, ODBC_BINMODE_RETURN);
    odbc_longreadlen($res, 1 << 20);
    odbc_fetch_row($res);
    $got = odbc_result($res, 1);
    expect_eq('length', strlen($got), strlen($blob));
    expect_eq('bytes', md5($got), md5($blob));
    // With the default odbc.defaultlrl (4096) PHP reads only the first 4096 bytes.
    $res = must(odbc_exec($conn, 'SELECT body FROM php_child WHERE id = 1'), $conn, 'odbc_exec');
    odbc_binmode($res, ODBC_BINMODE_RETURN);
    odbc_fetch_row($res);
    expect_eq('default prefix', odbc_result($res, 1), substr($blob, 0, 4096));
    odbc_free_result($res);  // before $ins goes: see the check below
});

check('free a statement while another streams', function () use ($dsn) {
    // A prepared statement freed while another statement's result is still being read; the
    // connection must stay usable afterwards. Own connection: a failure here leaves it broken.
    $conn = odbc_connect($dsn, '', '');
    $ins = must(odbc_prepare($conn, 'INSERT INTO php_child (id, parent_id) VALUES (?, 1)'), $conn, 'odbc_prepare');
    must(odbc_execute($ins, [2]), $conn, 'odbc_execute');
    $res = must(odbc_exec($conn, 'SELECT id FROM php_parent ORDER BY id'), $conn, 'odbc_exec');
    odbc_fetch_row($res);
    odbc_free_result($ins);
    odbc_free_result($res);
    expect_eq('next statement', odbc_result(must(odbc_exec($conn, 'SELECT 42'), $conn, 'odbc_exec'), 1), '42');
    odbc_close($conn);
});

check('transactions', function () use ($conn) {
    odbc_autocommit($conn, false);
    must(odbc_exec($conn, 'DELETE FROM php_parent WHERE id >= 10'), $conn, 'odbc_exec');
    odbc_rollback($conn);
    odbc_autocommit($conn, true);
    expect_eq('after rollback', odbc_result(odbc_exec($conn, 'SELECT COUNT(*) FROM php_parent WHERE id >= 10'), 1), '10');
});

check('error SQLSTATE', function () use ($conn) {
    $res = @odbc_exec($conn, 'SELECT * FROM php_no_such_table');
    expect_eq('result', $res, false);
    // PHP's odbc is an ODBC 2 application: the driver manager shows 42S02 as its ODBC 2 twin S0002.
    if (!in_array(odbc_error($conn), ['42S02', 'S0002'], true)) throw new CheckFailed('state ' . odbc_error($conn));
    if (strpos(odbc_errormsg($conn), '[fabodbc]') === false) throw new CheckFailed('message: ' . odbc_errormsg($conn));
});

foreach (array_keys(EXPECTED_GAPS) as $name) {  // a gap entry naming no check would never be noticed otherwise
    if (!isset($seen[$name])) { $results[] = "FAIL EXPECTED_GAPS: no check named '$name'"; echo end($results), "\n"; }
}
$bad = count(array_filter($results, fn($l) => preg_match('/^(FAIL|FIXED)/', $l)));
printf("php odbc: %d pass, %d gap, %d fail\n", count(array_filter($results, fn($l) => str_starts_with($l, 'PASS'))),
       count(array_filter($results, fn($l) => str_starts_with($l, 'GAP'))), $bad);
exit($bad ? 1 : 0);
