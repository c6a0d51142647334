// MySQL column metadata -> ODBC column description (SQL type, sizes, type name).
//
// Decisions (the driver core and SQLGetTypeInfo rely on them):
//  * Text columns (any charset but 63=binary) are reported as the Unicode SQL types
//    SQL_WCHAR / SQL_WVARCHAR / SQL_WLONGVARCHAR. The driver exports the W entry points and
//    its narrow charset is UTF-8, so applications (pyodbc, Qt) must fetch text as SQL_C_WCHAR to
//    decode it correctly; W types make SQL_C_DEFAULT and their type probes do that. An
//    application that connected through the ANSI entry points sees SQL_CHAR / SQL_VARCHAR /
//    SQL_LONGVARCHAR instead, as with both incumbent drivers (`wide_text` false).
//  * ENUM and SET are fixed-width character types (SQL_WCHAR / SQL_CHAR), as the incumbents
//    report both.
//  * Column sizes of text columns are in characters (server byte length / bytes per char);
//    octet_length is the server's byte length, which bounds both the UTF-8 and the UTF-16 form.
//  * LONGTEXT / LONGBLOB / JSON report at most kMaxLongColumnSize (see below).
#pragma once

#include "driver/convert/cell.h"

namespace fabodbc {

// Cap for COLUMN_SIZE / OCTET_LENGTH of long columns. MySQL reports 4 GiB for LONGTEXT and
// LONGBLOB; binders that trust COLUMN_SIZE (arrow-odbc, ODBC.jl, R) would allocate that per row.
// 16 MiB - 1 is the MEDIUMTEXT/MEDIUMBLOB maximum: a value longer than that is still returned
// whole through SQLGetData in pieces, or truncated with 01004 into a bound buffer.
constexpr SQLULEN kMaxLongColumnSize = 16777215;

// MySQL field flags (mysql_com.h), mirrored so nothing outside driver/mysql needs mysql.h.
namespace field_flags {
constexpr unsigned kNotNull = 1;
constexpr unsigned kPrimaryKey = 2;
constexpr unsigned kUniqueKey = 4;
constexpr unsigned kMultipleKey = 8;
constexpr unsigned kBlob = 16;
constexpr unsigned kUnsigned = 32;
constexpr unsigned kZerofill = 64;
constexpr unsigned kBinary = 128;
constexpr unsigned kEnum = 256;
constexpr unsigned kAutoIncrement = 512;
constexpr unsigned kTimestamp = 1024;
constexpr unsigned kSet = 2048;
}  // namespace field_flags

constexpr unsigned kBinaryCharsetNr = 63;

// `utf8_max_bytes_per_char`: 4 for utf8mb4 connections; used to turn byte lengths into
// character counts for text columns.
// `wide_text` false: text columns are SQL_CHAR/SQL_VARCHAR/SQL_LONGVARCHAR (SQL_C_DEFAULT is then
// SQL_C_CHAR, UTF-8), for applications that use the ANSI entry points.
ColumnInfo describe_column(const FieldDesc& field, unsigned utf8_max_bytes_per_char = 4, bool wide_text = true);

}  // namespace fabodbc
