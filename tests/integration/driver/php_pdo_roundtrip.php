<?php
// PHP PDO_ODBC against DSN fabodbc_test (run under fabodbc_with_mariadb). PDO_ODBC asks for
// the cursor library "if needed" and sends every parameter as data-at-execution
// (SQLParamData/SQLPutData), so this covers both paths. Exit 77 = skipped (no pdo_odbc).
if (!extension_loaded('pdo_odbc')) { fwrite(STDERR, "pdo_odbc not available\n"); exit(77); }
$failures = [];
function check($what, $got, $expected) {
  global $failures;
  if ($got !== $expected) $failures[] = "$what: got " . var_export($got, true) . ", expected " . var_export($expected, true);
}
$pdo = new PDO("odbc:fabodbc_test", null, null, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
$pdo->exec("CREATE OR REPLACE TABLE pdo_t (id INT PRIMARY KEY, name VARCHAR(30), n DECIMAL(6,2)) DEFAULT CHARSET=utf8mb4");
$emoji = "h\u{e9}llo \u{1F600}";
$st = $pdo->prepare("INSERT INTO pdo_t VALUES (?, ?, ?)");
$st->execute([1, $emoji, "12.50"]);
$st->execute([2, null, null]);
$rows = $pdo->query("SELECT id, name, n FROM pdo_t ORDER BY id")->fetchAll(PDO::FETCH_NUM);
check("row count", count($rows), 2);
check("name", $rows[0][1], $emoji);
check("decimal", $rows[0][2], "12.50");
check("null name", $rows[1][1], null);
$q = $pdo->prepare("SELECT name FROM pdo_t WHERE id = ?");
$q->execute([1]);
check("prepared select", $q->fetchColumn(), $emoji);
$pdo->beginTransaction();
$pdo->exec("DELETE FROM pdo_t");
$pdo->rollBack();
check("rows after rollback", $pdo->query("SELECT COUNT(*) FROM pdo_t")->fetchColumn(), "2");
// PDO_ODBC binds LOB columns as SQL_C_CHAR: the bytes must come back as they went in
// (as with MySQL/MariaDB Connector/ODBC), not as twice as many hex digits.
$pdo->exec("CREATE OR REPLACE TABLE pdo_blob (id INT PRIMARY KEY, body LONGBLOB)");
$blob = '';
for ($i = 0; $i < 120000; $i++) $blob .= chr(($i * 31 + 7) % 256);
$ins = $pdo->prepare("INSERT INTO pdo_blob VALUES (1, ?)");
$ins->bindParam(1, $blob, PDO::PARAM_LOB);
$ins->execute();
$got = $pdo->query("SELECT body FROM pdo_blob WHERE id = 1")->fetchColumn();
if (is_resource($got)) $got = stream_get_contents($got);
check("blob length", strlen($got), 120000);
check("blob bytes", md5($got), md5($blob));
try {
  $pdo->query("SELECT * FROM no_such_table_php");
  $failures[] = "missing table did not throw";
} catch (PDOException $e) {
  check("SQLSTATE", $e->getCode(), "42S02");
  if (strpos($e->getMessage(), "[fabodbc]") === false) $failures[] = "message without prefix: " . $e->getMessage();
}
if ($failures) { echo implode("\n", $failures), "\n"; exit(1); }
echo "PHP PDO_ODBC round trip passed\n";
