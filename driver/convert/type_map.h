// MySQL column metadata -> ODBC column description (SQL type, sizes, type name).
#pragma once

#include "driver/convert/cell.h"

namespace fabodbc {

// `utf8_max_bytes_per_char`: 4 for utf8mb4 connections; used to turn byte lengths into
// character counts for text columns.
ColumnInfo describe_column(const FieldDesc& field, unsigned utf8_max_bytes_per_char = 4);

}  // namespace fabodbc
