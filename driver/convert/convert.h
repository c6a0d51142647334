// Conversion between MySQL values and ODBC C buffers, in both directions.
// Errors throw OdbcError (22003 out of range, 22018 bad character value, 22007 bad datetime,
// 07006 restricted conversion, HY003 unknown C type); warnings come back in the result so the
// caller can post them and return SQL_SUCCESS_WITH_INFO.
#pragma once

#include "driver/convert/cell.h"

#include <sql.h>
#include <sqlext.h>

#include <string>

namespace fabodbc {

// Where a value goes: the bound (or SQLGetData) target in the application's memory.
struct CTarget {
  SQLSMALLINT c_type = SQL_C_DEFAULT;
  SQLPOINTER buffer = nullptr;        // may be null: only the length/indicator is written
  SQLLEN buffer_length = 0;           // bytes, for character and binary targets
  SQLLEN* indicator = nullptr;        // may be null (then NULL data is error 22002)
  SQLLEN* octet_length = nullptr;     // may equal indicator
  SQLSMALLINT precision = 0;          // SQL_C_NUMERIC only (from the ARD)
  SQLSMALLINT scale = 0;
  // Binary data into SQL_C_CHAR: the bytes themselves, as both incumbent drivers hand them over
  // (PHP's PDO_ODBC reads BLOBs so), or the ODBC specification's hex digits (BINARY_AS_HEX).
  bool binary_as_hex = false;
  // A zero date ('0000-00-00', '0000-00-00 00:00:00') into SQL_C_DATE/SQL_C_TIMESTAMP: NULL, as
  // both incumbent drivers give it, or 22007 (ZERO_DATE_ERROR).
  bool zero_date_error = false;
};

enum class ConvWarning : uint8_t {
  None,
  StringTruncated,      // 01004: more data remains (SQLGetData may be called again)
  FractionalTruncated,  // 01S07: fractional digits dropped
};

// Converts one cell into the target. `offset` is the SQLGetData progress on this column: the
// caller sets it to 0 when the row or column changes and otherwise only passes it back. It
// counts units of the representation being handed out (source bytes for text and binary,
// hex digits for binary-to-character) and becomes kGetDataDone once the value was returned
// completely (also for NULL and fixed-size targets), so that the next call gives SQL_NO_DATA.
// `offset` may be null (SQLBindCol, or the first and only call): the value starts at 0.
// Character targets are NUL-terminated; SQL_C_CHAR receives the UTF-8 bytes (the driver's
// narrow charset) and a piece never ends inside a UTF-8 sequence unless the buffer cannot
// hold a single character; SQL_C_WCHAR pieces never split a surrogate pair unless the buffer
// holds a single SQLWCHAR (then the pair is handed out over two calls, so the application
// still progresses; bit 62 of *offset records the pending low surrogate).
// Lengths written are the bytes remaining from this call's start (UTF-16 bytes for WCHAR).
// A NULL cell needs an indicator (else 22002). MySQL zero dates (0000-00-00) are NULL for
// date and timestamp targets (the application cannot receive month 0 in an SQL_DATE_STRUCT);
// as text they come back unchanged.
constexpr size_t kGetDataDone = static_cast<size_t>(-1);

struct ConvResult {
  SQLRETURN rc = SQL_SUCCESS;          // SQL_SUCCESS, SQL_SUCCESS_WITH_INFO or SQL_NO_DATA
  ConvWarning warning = ConvWarning::None;
};
ConvResult convert_to_c(const ColumnInfo& column, const Cell& cell, const CTarget& target,
                        size_t* offset);

// The C type that SQL_C_DEFAULT means for an SQL type (ODBC appendix D).
SQLSMALLINT default_c_type(const ColumnInfo& column);

// One parameter as the application bound it (SQLBindParameter + the current row's data).
struct ParamSource {
  SQLSMALLINT c_type = SQL_C_DEFAULT;
  SQLSMALLINT sql_type = SQL_VARCHAR;
  SQLULEN column_size = 0;
  SQLSMALLINT decimal_digits = 0;
  const void* data = nullptr;
  SQLLEN buffer_length = 0;
  const SQLLEN* indicator = nullptr;  // StrLen_or_IndPtr: SQL_NULL_DATA, SQL_NTS, length
  // SQL_C_NUMERIC: the APD's SQL_DESC_SCALE when the application set it (SQLSetDescField,
  // SQLSetDescRec); otherwise the scale is DecimalDigits (exact numeric SQL types, as both
  // incumbent drivers take it) or, when that is 0, the struct's own scale field.
  bool numeric_scale_set = false;
  SQLSMALLINT numeric_scale = 0;
};

// A parameter value ready to be sent: typed for the binary protocol, and renderable as a SQL
// literal for the text protocol.
struct ParamValue {
  enum class Kind : uint8_t { Null, Int, UInt, Double, Text, Bytes, Date, Time, DateTime, Decimal };
  Kind kind = Kind::Null;
  int64_t i = 0;
  uint64_t u = 0;
  double d = 0;
  std::string bytes;    // Text (UTF-8), Bytes, Decimal (canonical decimal text)
  SqlTime t{};
};
ParamValue convert_from_c(const ParamSource& param);

// SQL literal for the text protocol: strings quoted and escaped (backslash escapes unless
// no_backslash_escapes), bytes as X'..', NULL as NULL, dates as '...'.
std::string to_sql_literal(const ParamValue& value, bool no_backslash_escapes);

}  // namespace fabodbc
