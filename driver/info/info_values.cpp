// SQLGetInfo answers. Every value describes what the driver does today: forward-only
// streaming cursors and static (client-buffered, read-only) scrollable cursors, SQLGetData on
// any column in any order, transactions, no bookmarks, SQLSetPos, parameter arrays or async
// yet (raise them when they land).
// Scalar functions are the server's own: MySQL and MariaDB parse the ODBC "{fn f(...)}"
// escape and provide the ODBC function names natively.
#include "driver/info/info_values.h"

#include <cstdio>
#include <cstdlib>

#ifndef FABODBC_VERSION
#define FABODBC_VERSION "0.1.0"
#endif

namespace fabodbc {
namespace {

InfoValue str(std::string s) {
  InfoValue v;
  v.kind = InfoValue::Kind::String;
  v.text = std::move(s);
  return v;
}
InfoValue u16(uint64_t n) {
  InfoValue v;
  v.kind = InfoValue::Kind::UInt16;
  v.number = n;
  return v;
}
InfoValue u32(uint64_t n) {
  InfoValue v;
  v.kind = InfoValue::Kind::UInt32;
  v.number = n;
  return v;
}
InfoValue yes_no(bool b) { return str(b ? "Y" : "N"); }

// "major.minor.patch..." -> "MM.mm.pppp" (the form SQL_DRIVER_VER and SQL_DBMS_VER require).
bool odbc_version(const std::string& v, char out[16]) {
  long part[3] = {0, 0, 0};
  const char* p = v.c_str();
  for (int k = 0; k < 3; ++k) {
    if (*p < '0' || *p > '9') {
      if (k == 0) return false;
      break;
    }
    char* end;
    part[k] = std::strtol(p, &end, 10);
    p = end;
    if (*p != '.') break;
    ++p;
  }
  std::snprintf(out, 16, "%02ld.%02ld.%04ld", part[0] % 100, part[1] % 100, part[2] % 10000);
  return true;
}

std::string driver_version() {
  char buf[16];
  return odbc_version(FABODBC_VERSION, buf) ? buf : "00.00.0000";
}

// ODBC: "##.##.####" first, optionally followed by the product's own version string.
std::string dbms_version(const std::string& raw) {
  char buf[16];
  if (raw.empty() || !odbc_version(raw, buf)) return raw;
  return std::string(buf) + " " + raw;
}

// Conversions the server's CONVERT/CAST can do, by source category.
constexpr uint32_t kCvtChars = SQL_CVT_CHAR | SQL_CVT_VARCHAR | SQL_CVT_LONGVARCHAR | SQL_CVT_WCHAR |
                               SQL_CVT_WVARCHAR | SQL_CVT_WLONGVARCHAR;
constexpr uint32_t kCvtNumbers = SQL_CVT_NUMERIC | SQL_CVT_DECIMAL | SQL_CVT_INTEGER | SQL_CVT_SMALLINT |
                                 SQL_CVT_FLOAT | SQL_CVT_REAL | SQL_CVT_DOUBLE | SQL_CVT_TINYINT | SQL_CVT_BIGINT |
                                 SQL_CVT_BIT;
constexpr uint32_t kCvtBinary = SQL_CVT_BINARY | SQL_CVT_VARBINARY | SQL_CVT_LONGVARBINARY;
constexpr uint32_t kCvtDates = SQL_CVT_DATE | SQL_CVT_TIME | SQL_CVT_TIMESTAMP;
constexpr uint32_t kCvtFromText = kCvtChars | kCvtNumbers | kCvtBinary | kCvtDates;
constexpr uint32_t kCvtFromNumber = kCvtChars | kCvtNumbers | kCvtBinary;
constexpr uint32_t kCvtFromBinary = kCvtChars | kCvtNumbers | kCvtBinary;

// Words MySQL/MariaDB reserve beyond ODBC's own list (which applications already know).
constexpr const char* kKeywords =
    "ACCESSIBLE,ANALYZE,ASENSITIVE,BEFORE,BIGINT,BINARY,BLOB,CALL,CHANGE,CONDITION,DATABASE,DATABASES,"
    "DAY_HOUR,DAY_MICROSECOND,DAY_MINUTE,DAY_SECOND,DELAYED,DETERMINISTIC,DISTINCTROW,DIV,DUAL,EACH,ELSEIF,"
    "ENCLOSED,ESCAPED,EXIT,EXPLAIN,FLOAT4,FLOAT8,FORCE,FULLTEXT,HIGH_PRIORITY,HOUR_MICROSECOND,HOUR_MINUTE,"
    "HOUR_SECOND,IF,IGNORE,INFILE,INOUT,INT1,INT2,INT3,INT4,INT8,ITERATE,KEYS,KILL,LEAVE,LIMIT,LINEAR,LINES,"
    "LOAD,LOCALTIME,LOCALTIMESTAMP,LOCK,LONG,LONGBLOB,LONGTEXT,LOOP,LOW_PRIORITY,MEDIUMBLOB,MEDIUMINT,"
    "MEDIUMTEXT,MIDDLEINT,MINUTE_MICROSECOND,MINUTE_SECOND,MOD,MODIFIES,NO_WRITE_TO_BINLOG,OPTIMIZE,"
    "OPTIONALLY,OUT,OUTFILE,PURGE,RANGE,READS,REGEXP,RELEASE,RENAME,REPEAT,REPLACE,REQUIRE,RESIGNAL,RETURN,"
    "RLIKE,SCHEMAS,SECOND_MICROSECOND,SENSITIVE,SEPARATOR,SHOW,SIGNAL,SPATIAL,SPECIFIC,SQLEXCEPTION,"
    "SQLWARNING,SQL_BIG_RESULT,SQL_CALC_FOUND_ROWS,SQL_SMALL_RESULT,SSL,STARTING,STRAIGHT_JOIN,TERMINATED,"
    "TINYBLOB,TINYINT,TINYTEXT,TRIGGER,UNDO,UNLOCK,UNSIGNED,USE,UTC_DATE,UTC_TIME,UTC_TIMESTAMP,VARBINARY,"
    "VARCHARACTER,WHILE,XOR,YEAR_MONTH,ZEROFILL";

}  // namespace

std::optional<InfoValue> get_info_value(SQLUSMALLINT type, const InfoContext& c) {
  switch (type) {
    // --- Driver information -----------------------------------------------------------
    case SQL_ACTIVE_ENVIRONMENTS: return u16(0);
    case SQL_ASYNC_DBC_FUNCTIONS: return u32(SQL_ASYNC_DBC_NOT_CAPABLE);
    case SQL_ASYNC_MODE: return u32(SQL_AM_NONE);
    case SQL_ASYNC_NOTIFICATION: return u32(SQL_ASYNC_NOTIFICATION_NOT_CAPABLE);
    case SQL_BATCH_ROW_COUNT: return u32(c.multi_statements ? SQL_BRC_EXPLICIT : 0);
    case SQL_BATCH_SUPPORT:
      return u32(c.multi_statements ? (SQL_BS_SELECT_EXPLICIT | SQL_BS_ROW_COUNT_EXPLICIT) : 0);
    case SQL_DATA_SOURCE_NAME: return str(c.dsn);
    case SQL_DRIVER_AWARE_POOLING_SUPPORTED: return u32(SQL_DRIVER_AWARE_POOLING_NOT_CAPABLE);
    case SQL_DRIVER_NAME: return str(c.driver_file);
    case SQL_DRIVER_ODBC_VER: return str("03.80");
    case SQL_DRIVER_VER: return str(driver_version());
    case SQL_DYNAMIC_CURSOR_ATTRIBUTES1: return u32(0);
    case SQL_DYNAMIC_CURSOR_ATTRIBUTES2: return u32(0);
    // Forward-only cursors stream: SQLSetPos positions, refreshes and changes rows within the
    // current rowset (as both incumbent drivers do), and SQLBulkOperations adds rows.
    case SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1:
      return u32(SQL_CA1_NEXT | SQL_CA1_LOCK_NO_CHANGE | SQL_CA1_POS_POSITION | SQL_CA1_POS_REFRESH |
                 SQL_CA1_POS_UPDATE | SQL_CA1_POS_DELETE | SQL_CA1_BULK_ADD);
    case SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2:
      return u32(SQL_CA2_READ_ONLY_CONCURRENCY | SQL_CA2_OPT_VALUES_CONCURRENCY | SQL_CA2_SIMULATE_UNIQUE);
    case SQL_FILE_USAGE: return u16(SQL_FILE_NOT_SUPPORTED);
    case SQL_GETDATA_EXTENSIONS: return u32(SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER | SQL_GD_BOUND | SQL_GD_BLOCK);
    case SQL_INFO_SCHEMA_VIEWS:
      return u32(SQL_ISV_CHARACTER_SETS | SQL_ISV_COLLATIONS | SQL_ISV_COLUMN_PRIVILEGES | SQL_ISV_COLUMNS |
                 SQL_ISV_KEY_COLUMN_USAGE | SQL_ISV_REFERENTIAL_CONSTRAINTS | SQL_ISV_SCHEMATA |
                 SQL_ISV_TABLE_CONSTRAINTS | SQL_ISV_TABLE_PRIVILEGES | SQL_ISV_TABLES | SQL_ISV_VIEWS);
    case SQL_KEYSET_CURSOR_ATTRIBUTES1: return u32(0);
    case SQL_KEYSET_CURSOR_ATTRIBUTES2: return u32(0);
    case SQL_MAX_ASYNC_CONCURRENT_STATEMENTS: return u32(0);
    case SQL_MAX_CONCURRENT_ACTIVITIES: return u16(c.streaming ? 1 : 0);  // 0 = no limit
    case SQL_MAX_DRIVER_CONNECTIONS: return u16(0);
    case SQL_ODBC_INTERFACE_CONFORMANCE: return u32(SQL_OIC_CORE);
    case SQL_ODBC_VER: return str("03.80");
    case SQL_PARAM_ARRAY_ROW_COUNTS: return u32(SQL_PARC_NO_BATCH);
    case SQL_PARAM_ARRAY_SELECTS: return u32(SQL_PAS_NO_SELECT);
    case SQL_ROW_UPDATES: return yes_no(false);
    case SQL_SEARCH_PATTERN_ESCAPE: return str("\\");
    case SQL_SERVER_NAME: return str(c.server_host);
    // Static cursors: SQLSetPos and SQLBulkOperations change rows with generated SQL
    // (driver/statement/statement_positioned.cpp), optimistic by values, one row at most each;
    // the cursor sees its own updates, its own deletions stay as holes, and its additions only
    // when it can find them again by a key (so SQL_CA2_SENSITIVITY_ADDITIONS is not promised).
    case SQL_STATIC_CURSOR_ATTRIBUTES1:
      return u32(SQL_CA1_NEXT | SQL_CA1_ABSOLUTE | SQL_CA1_RELATIVE | SQL_CA1_BOOKMARK | SQL_CA1_LOCK_NO_CHANGE |
                 SQL_CA1_POS_POSITION | SQL_CA1_POS_REFRESH | SQL_CA1_POS_UPDATE | SQL_CA1_POS_DELETE |
                 SQL_CA1_BULK_ADD | SQL_CA1_BULK_UPDATE_BY_BOOKMARK | SQL_CA1_BULK_DELETE_BY_BOOKMARK |
                 SQL_CA1_BULK_FETCH_BY_BOOKMARK);
    case SQL_STATIC_CURSOR_ATTRIBUTES2:
      return u32(SQL_CA2_READ_ONLY_CONCURRENCY | SQL_CA2_OPT_VALUES_CONCURRENCY | SQL_CA2_SENSITIVITY_UPDATES |
                 SQL_CA2_SIMULATE_UNIQUE);

    // --- DBMS product information ------------------------------------------------------
    case SQL_DATABASE_NAME: return str(c.database);
    case SQL_DBMS_NAME: return str(c.dbms_name);
    case SQL_DBMS_VER: return str(dbms_version(c.dbms_version));

    // --- Data source information -------------------------------------------------------
    case SQL_ACCESSIBLE_PROCEDURES: return yes_no(false);
    case SQL_ACCESSIBLE_TABLES: return yes_no(false);
    // Row positions of a buffered result: rows updated or deleted through the cursor keep them.
    case SQL_BOOKMARK_PERSISTENCE: return u32(SQL_BP_SCROLL | SQL_BP_UPDATE | SQL_BP_DELETE);
    case SQL_CATALOG_TERM: return str("database");
    case SQL_COLLATION_SEQ: return str("");  // per column in MySQL; no single answer
    case SQL_CONCAT_NULL_BEHAVIOR: return u16(SQL_CB_NULL);
    case SQL_CURSOR_COMMIT_BEHAVIOR: return u16(SQL_CB_PRESERVE);
    case SQL_CURSOR_ROLLBACK_BEHAVIOR: return u16(SQL_CB_PRESERVE);
    case SQL_CURSOR_SENSITIVITY: return u32(SQL_UNSPECIFIED);
    case SQL_DATA_SOURCE_READ_ONLY: return yes_no(c.read_only);
    case SQL_DEFAULT_TXN_ISOLATION: return u32(SQL_TXN_REPEATABLE_READ);
    case SQL_DESCRIBE_PARAMETER: return yes_no(false);
    case SQL_MULT_RESULT_SETS: return yes_no(true);
    case SQL_MULTIPLE_ACTIVE_TXN: return yes_no(true);
    case SQL_NEED_LONG_DATA_LEN: return yes_no(false);
    case SQL_NULL_COLLATION: return u16(SQL_NC_LOW);  // NULLs sort first ascending
    case SQL_PROCEDURE_TERM: return str("stored procedure");
    case SQL_SCHEMA_TERM: return str("");
    case SQL_SCROLL_OPTIONS: return u32(c.forward_only ? SQL_SO_FORWARD_ONLY : SQL_SO_FORWARD_ONLY | SQL_SO_STATIC);
    case SQL_TABLE_TERM: return str("table");
    case SQL_TXN_CAPABLE: return u16(SQL_TC_DDL_COMMIT);
    case SQL_TXN_ISOLATION_OPTION:
      return u32(SQL_TXN_READ_UNCOMMITTED | SQL_TXN_READ_COMMITTED | SQL_TXN_REPEATABLE_READ | SQL_TXN_SERIALIZABLE);
    case SQL_USER_NAME: return str(c.user);

    // --- Supported SQL -----------------------------------------------------------------
    case SQL_AGGREGATE_FUNCTIONS:
      return u32(SQL_AF_ALL | SQL_AF_AVG | SQL_AF_COUNT | SQL_AF_DISTINCT | SQL_AF_MAX | SQL_AF_MIN | SQL_AF_SUM);
    case SQL_ALTER_DOMAIN: return u32(0);
    case SQL_ALTER_TABLE:
      return u32(SQL_AT_ADD_COLUMN | SQL_AT_DROP_COLUMN | SQL_AT_ADD_CONSTRAINT | SQL_AT_ADD_COLUMN_SINGLE |
                 SQL_AT_ADD_COLUMN_DEFAULT | SQL_AT_ADD_COLUMN_COLLATION | SQL_AT_SET_COLUMN_DEFAULT |
                 SQL_AT_DROP_COLUMN_DEFAULT | SQL_AT_ADD_TABLE_CONSTRAINT | SQL_AT_CONSTRAINT_NAME_DEFINITION);
    case SQL_CATALOG_LOCATION: return u16(SQL_CL_START);
    case SQL_CATALOG_NAME: return yes_no(true);
    case SQL_CATALOG_NAME_SEPARATOR: return str(".");
    case SQL_CATALOG_USAGE:
      return u32(SQL_CU_DML_STATEMENTS | SQL_CU_PROCEDURE_INVOCATION | SQL_CU_TABLE_DEFINITION |
                 SQL_CU_INDEX_DEFINITION | SQL_CU_PRIVILEGE_DEFINITION);
    case SQL_COLUMN_ALIAS: return yes_no(true);
    case SQL_CORRELATION_NAME: return u16(SQL_CN_ANY);
    case SQL_CREATE_ASSERTION: return u32(0);
    case SQL_CREATE_CHARACTER_SET: return u32(0);
    case SQL_CREATE_COLLATION: return u32(0);
    case SQL_CREATE_DOMAIN: return u32(0);
    case SQL_CREATE_SCHEMA: return u32(0);
    case SQL_CREATE_TABLE:
      return u32(SQL_CT_CREATE_TABLE | SQL_CT_LOCAL_TEMPORARY | SQL_CT_COLUMN_CONSTRAINT | SQL_CT_COLUMN_DEFAULT |
                 SQL_CT_COLUMN_COLLATION | SQL_CT_TABLE_CONSTRAINT | SQL_CT_CONSTRAINT_NAME_DEFINITION);
    case SQL_CREATE_TRANSLATION: return u32(0);
    case SQL_CREATE_VIEW: return u32(SQL_CV_CREATE_VIEW | SQL_CV_CHECK_OPTION | SQL_CV_CASCADED | SQL_CV_LOCAL);
    case SQL_DDL_INDEX: return u32(SQL_DI_CREATE_INDEX | SQL_DI_DROP_INDEX);
    case SQL_DROP_ASSERTION: return u32(0);
    case SQL_DROP_CHARACTER_SET: return u32(0);
    case SQL_DROP_COLLATION: return u32(0);
    case SQL_DROP_DOMAIN: return u32(0);
    case SQL_DROP_SCHEMA: return u32(0);
    case SQL_DROP_TABLE: return u32(SQL_DT_DROP_TABLE | SQL_DT_RESTRICT | SQL_DT_CASCADE);
    case SQL_DROP_TRANSLATION: return u32(0);
    case SQL_DROP_VIEW: return u32(SQL_DV_DROP_VIEW | SQL_DV_RESTRICT | SQL_DV_CASCADE);
    case SQL_EXPRESSIONS_IN_ORDERBY: return yes_no(true);
    case SQL_GROUP_BY: return u16(SQL_GB_NO_RELATION);
    case SQL_IDENTIFIER_CASE: return u16(SQL_IC_MIXED);
    case SQL_IDENTIFIER_QUOTE_CHAR: return str(c.ansi_quotes ? "\"" : "`");
    case SQL_INDEX_KEYWORDS: return u32(SQL_IK_ALL);
    case SQL_INSERT_STATEMENT: return u32(SQL_IS_INSERT_LITERALS | SQL_IS_INSERT_SEARCHED);
    case SQL_INTEGRITY: return yes_no(false);
    case SQL_KEYWORDS: return str(kKeywords);
    case SQL_LIKE_ESCAPE_CLAUSE: return yes_no(true);
    case SQL_NON_NULLABLE_COLUMNS: return u16(SQL_NNC_NON_NULL);
    case SQL_OJ_CAPABILITIES:
      return u32(SQL_OJ_LEFT | SQL_OJ_RIGHT | SQL_OJ_NESTED | SQL_OJ_NOT_ORDERED | SQL_OJ_INNER |
                 SQL_OJ_ALL_COMPARISON_OPS);
    case SQL_ORDER_BY_COLUMNS_IN_SELECT: return yes_no(false);
    case SQL_OUTER_JOINS: return yes_no(true);
    case SQL_PROCEDURES: return yes_no(true);
    case SQL_QUOTED_IDENTIFIER_CASE: return u16(SQL_IC_SENSITIVE);
    case SQL_SCHEMA_USAGE: return u32(0);
    case SQL_SPECIAL_CHARACTERS: return str("$");
    case SQL_SQL_CONFORMANCE: return u32(SQL_SC_SQL92_ENTRY);
    case SQL_SUBQUERIES:
      return u32(SQL_SQ_CORRELATED_SUBQUERIES | SQL_SQ_COMPARISON | SQL_SQ_EXISTS | SQL_SQ_IN | SQL_SQ_QUANTIFIED);
    case SQL_UNION: return u32(SQL_U_UNION | SQL_U_UNION_ALL);

    // --- SQL limits (0 = no fixed limit / depends on max_allowed_packet) --------------------
    case SQL_MAX_BINARY_LITERAL_LEN: return u32(0);
    case SQL_MAX_CATALOG_NAME_LEN: return u16(64);
    case SQL_MAX_CHAR_LITERAL_LEN: return u32(0);
    // A table's column names have at most 64 characters, but a result column's alias 256
    // (the server's limit), and SQLDescribeCol hands back names as long.
    case SQL_MAX_COLUMN_NAME_LEN: return u16(256);
    case SQL_MAX_COLUMNS_IN_GROUP_BY: return u16(0);
    case SQL_MAX_COLUMNS_IN_INDEX: return u16(16);
    case SQL_MAX_COLUMNS_IN_ORDER_BY: return u16(0);
    case SQL_MAX_COLUMNS_IN_SELECT: return u16(0);
    case SQL_MAX_COLUMNS_IN_TABLE: return u16(4096);
    case SQL_MAX_CURSOR_NAME_LEN: return u16(64);
    case SQL_MAX_IDENTIFIER_LEN: return u16(64);
    case SQL_MAX_INDEX_SIZE: return u32(3072);
    case SQL_MAX_PROCEDURE_NAME_LEN: return u16(64);
    case SQL_MAX_ROW_SIZE: return u32(65535);
    case SQL_MAX_ROW_SIZE_INCLUDES_LONG: return yes_no(false);
    case SQL_MAX_SCHEMA_NAME_LEN: return u16(0);
    case SQL_MAX_STATEMENT_LEN: return u32(0);
    case SQL_MAX_TABLE_NAME_LEN: return u16(64);
    case SQL_MAX_TABLES_IN_SELECT: return u16(61);
    case SQL_MAX_USER_NAME_LEN: return u16(c.dbms_name == "MariaDB" ? 80 : 32);

    // --- Scalar functions ------------------------------------------------------------
    case SQL_CONVERT_FUNCTIONS: return u32(SQL_FN_CVT_CAST);
    case SQL_NUMERIC_FUNCTIONS:
      return u32(SQL_FN_NUM_ABS | SQL_FN_NUM_ACOS | SQL_FN_NUM_ASIN | SQL_FN_NUM_ATAN | SQL_FN_NUM_ATAN2 |
                 SQL_FN_NUM_CEILING | SQL_FN_NUM_COS | SQL_FN_NUM_COT | SQL_FN_NUM_EXP | SQL_FN_NUM_FLOOR |
                 SQL_FN_NUM_LOG | SQL_FN_NUM_MOD | SQL_FN_NUM_SIGN | SQL_FN_NUM_SIN | SQL_FN_NUM_SQRT | SQL_FN_NUM_TAN |
                 SQL_FN_NUM_PI | SQL_FN_NUM_RAND | SQL_FN_NUM_DEGREES | SQL_FN_NUM_LOG10 | SQL_FN_NUM_POWER |
                 SQL_FN_NUM_RADIANS | SQL_FN_NUM_ROUND | SQL_FN_NUM_TRUNCATE);
    case SQL_STRING_FUNCTIONS:
      return u32(SQL_FN_STR_CONCAT | SQL_FN_STR_INSERT | SQL_FN_STR_LEFT | SQL_FN_STR_LTRIM | SQL_FN_STR_LENGTH |
                 SQL_FN_STR_LOCATE | SQL_FN_STR_LCASE | SQL_FN_STR_REPEAT | SQL_FN_STR_REPLACE | SQL_FN_STR_RIGHT |
                 SQL_FN_STR_RTRIM | SQL_FN_STR_SUBSTRING | SQL_FN_STR_UCASE | SQL_FN_STR_ASCII | SQL_FN_STR_CHAR |
                 SQL_FN_STR_SOUNDEX | SQL_FN_STR_SPACE | SQL_FN_STR_LOCATE_2 | SQL_FN_STR_BIT_LENGTH |
                 SQL_FN_STR_CHAR_LENGTH | SQL_FN_STR_CHARACTER_LENGTH | SQL_FN_STR_OCTET_LENGTH |
                 SQL_FN_STR_POSITION);
    case SQL_SYSTEM_FUNCTIONS: return u32(SQL_FN_SYS_USERNAME | SQL_FN_SYS_DBNAME | SQL_FN_SYS_IFNULL);
    case SQL_TIMEDATE_FUNCTIONS:
      return u32(SQL_FN_TD_NOW | SQL_FN_TD_CURDATE | SQL_FN_TD_DAYOFMONTH | SQL_FN_TD_DAYOFWEEK |
                 SQL_FN_TD_DAYOFYEAR | SQL_FN_TD_MONTH | SQL_FN_TD_QUARTER | SQL_FN_TD_WEEK | SQL_FN_TD_YEAR |
                 SQL_FN_TD_CURTIME | SQL_FN_TD_HOUR | SQL_FN_TD_MINUTE | SQL_FN_TD_SECOND | SQL_FN_TD_TIMESTAMPADD |
                 SQL_FN_TD_TIMESTAMPDIFF | SQL_FN_TD_DAYNAME | SQL_FN_TD_MONTHNAME | SQL_FN_TD_CURRENT_DATE |
                 SQL_FN_TD_CURRENT_TIME | SQL_FN_TD_CURRENT_TIMESTAMP | SQL_FN_TD_EXTRACT);
    case SQL_TIMEDATE_ADD_INTERVALS:
    case SQL_TIMEDATE_DIFF_INTERVALS:
      // MySQL has no FRAC_SECOND unit (its MICROSECOND is not the ODBC nanosecond unit).
      return u32(SQL_FN_TSI_SECOND | SQL_FN_TSI_MINUTE | SQL_FN_TSI_HOUR | SQL_FN_TSI_DAY | SQL_FN_TSI_WEEK |
                 SQL_FN_TSI_MONTH | SQL_FN_TSI_QUARTER | SQL_FN_TSI_YEAR);
    case SQL_DATETIME_LITERALS: return u32(SQL_DL_SQL92_DATE | SQL_DL_SQL92_TIME | SQL_DL_SQL92_TIMESTAMP);

    // --- SQL-92 details ----------------------------------------------------------------
    case SQL_SQL92_DATETIME_FUNCTIONS: return u32(SQL_SDF_CURRENT_DATE | SQL_SDF_CURRENT_TIME | SQL_SDF_CURRENT_TIMESTAMP);
    case SQL_SQL92_FOREIGN_KEY_DELETE_RULE:
    case SQL_SQL92_FOREIGN_KEY_UPDATE_RULE:
      return u32(SQL_SFKD_CASCADE | SQL_SFKD_NO_ACTION | SQL_SFKD_SET_NULL);  // InnoDB rejects SET DEFAULT
    case SQL_SQL92_GRANT:
      return u32(SQL_SG_DELETE_TABLE | SQL_SG_INSERT_COLUMN | SQL_SG_INSERT_TABLE | SQL_SG_REFERENCES_TABLE |
                 SQL_SG_REFERENCES_COLUMN | SQL_SG_SELECT_TABLE | SQL_SG_UPDATE_COLUMN | SQL_SG_UPDATE_TABLE |
                 SQL_SG_WITH_GRANT_OPTION);
    case SQL_SQL92_NUMERIC_VALUE_FUNCTIONS:
      return u32(SQL_SNVF_BIT_LENGTH | SQL_SNVF_CHAR_LENGTH | SQL_SNVF_CHARACTER_LENGTH | SQL_SNVF_EXTRACT |
                 SQL_SNVF_OCTET_LENGTH | SQL_SNVF_POSITION);
    case SQL_SQL92_PREDICATES:
      return u32(SQL_SP_BETWEEN | SQL_SP_COMPARISON | SQL_SP_EXISTS | SQL_SP_IN | SQL_SP_ISNOTNULL |
                 SQL_SP_ISNULL | SQL_SP_LIKE | SQL_SP_QUANTIFIED_COMPARISON);
    case SQL_SQL92_RELATIONAL_JOIN_OPERATORS:
      return u32(SQL_SRJO_CROSS_JOIN | SQL_SRJO_INNER_JOIN | SQL_SRJO_LEFT_OUTER_JOIN | SQL_SRJO_NATURAL_JOIN |
                 SQL_SRJO_RIGHT_OUTER_JOIN);
    case SQL_SQL92_REVOKE:
      return u32(SQL_SR_DELETE_TABLE | SQL_SR_INSERT_COLUMN | SQL_SR_INSERT_TABLE | SQL_SR_REFERENCES_TABLE |
                 SQL_SR_REFERENCES_COLUMN | SQL_SR_SELECT_TABLE | SQL_SR_UPDATE_COLUMN | SQL_SR_UPDATE_TABLE);
    case SQL_SQL92_ROW_VALUE_CONSTRUCTOR:
      return u32(SQL_SRVC_VALUE_EXPRESSION | SQL_SRVC_NULL | SQL_SRVC_DEFAULT | SQL_SRVC_ROW_SUBQUERY);
    case SQL_SQL92_STRING_FUNCTIONS:
      return u32(SQL_SSF_LOWER | SQL_SSF_UPPER | SQL_SSF_SUBSTRING | SQL_SSF_TRIM_BOTH | SQL_SSF_TRIM_LEADING |
                 SQL_SSF_TRIM_TRAILING);
    case SQL_SQL92_VALUE_EXPRESSIONS: return u32(SQL_SVE_CASE | SQL_SVE_CAST | SQL_SVE_COALESCE | SQL_SVE_NULLIF);
    case SQL_STANDARD_CLI_CONFORMANCE: return u32(SQL_SCC_XOPEN_CLI_VERSION1 | SQL_SCC_ISO92_CLI);
    case SQL_XOPEN_CLI_YEAR: return str("1995");

    // --- CONVERT bitmasks (Qt looks for SQL_CVT_W* to detect a Unicode driver) --------------
    case SQL_CONVERT_CHAR: case SQL_CONVERT_VARCHAR: case SQL_CONVERT_LONGVARCHAR:
    case SQL_CONVERT_WCHAR: case SQL_CONVERT_WVARCHAR: case SQL_CONVERT_WLONGVARCHAR:
      return u32(kCvtFromText);
    case SQL_CONVERT_NUMERIC: case SQL_CONVERT_DECIMAL: case SQL_CONVERT_INTEGER: case SQL_CONVERT_SMALLINT:
    case SQL_CONVERT_FLOAT: case SQL_CONVERT_REAL: case SQL_CONVERT_DOUBLE: case SQL_CONVERT_TINYINT:
    case SQL_CONVERT_BIGINT: case SQL_CONVERT_BIT:
      return u32(kCvtFromNumber);
    case SQL_CONVERT_BINARY: case SQL_CONVERT_VARBINARY: case SQL_CONVERT_LONGVARBINARY:
      return u32(kCvtFromBinary);
    case SQL_CONVERT_DATE: return u32(kCvtChars | kCvtBinary | SQL_CVT_DATE | SQL_CVT_TIMESTAMP);
    case SQL_CONVERT_TIME: return u32(kCvtChars | kCvtBinary | SQL_CVT_TIME | SQL_CVT_TIMESTAMP);
    case SQL_CONVERT_TIMESTAMP: return u32(kCvtChars | kCvtBinary | kCvtDates);
    case SQL_CONVERT_INTERVAL_DAY_TIME: case SQL_CONVERT_INTERVAL_YEAR_MONTH: case SQL_CONVERT_GUID:
      return u32(0);

    // --- ODBC 2 info types still read by PHP, DBD::ODBC and older tools ------------------
    case SQL_FETCH_DIRECTION:
      return u32(SQL_FD_FETCH_NEXT | SQL_FD_FETCH_FIRST | SQL_FD_FETCH_LAST | SQL_FD_FETCH_PRIOR |
                 SQL_FD_FETCH_ABSOLUTE | SQL_FD_FETCH_RELATIVE | SQL_FD_FETCH_BOOKMARK);
    case SQL_ODBC_API_CONFORMANCE: return u16(SQL_OAC_LEVEL1);
    case SQL_ODBC_SQL_CONFORMANCE: return u16(SQL_OSC_CORE);
    case SQL_ODBC_SAG_CLI_CONFORMANCE: return u16(SQL_OSCC_COMPLIANT);
    case SQL_LOCK_TYPES: return u32(SQL_LCK_NO_CHANGE);
    case SQL_POS_OPERATIONS:  // SQLSetPos; the changes on static cursors
      return u32(SQL_POS_POSITION | SQL_POS_REFRESH | SQL_POS_UPDATE | SQL_POS_DELETE | SQL_POS_ADD);
    // UPDATE/DELETE ... WHERE CURRENT OF, rewritten by the driver (statement_current_of.cpp).
    case SQL_POSITIONED_STATEMENTS: return u32(SQL_PS_POSITIONED_DELETE | SQL_PS_POSITIONED_UPDATE);
    case SQL_SCROLL_CONCURRENCY: return u32(SQL_SCCO_READ_ONLY | SQL_SCCO_OPT_VALUES);
    case SQL_STATIC_SENSITIVITY: return u32(SQL_SS_UPDATES);  // own updates; deletions leave holes
    default:
      return std::nullopt;
  }
}

}  // namespace fabodbc
