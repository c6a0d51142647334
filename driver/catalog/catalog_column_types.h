// The part of an SQLColumns row that depends only on the column's type (DATA_TYPE, TYPE_NAME,
// COLUMN_SIZE, BUFFER_LENGTH, DECIMAL_DIGITS, NUM_PREC_RADIX, SQL_DATA_TYPE, SQL_DATETIME_SUB,
// CHAR_OCTET_LENGTH), computed once per distinct type description within one call.
//
// A database has few distinct types (300 tables x 5 columns: 5 types), and describing one goes
// through field_from_schema + describe_column with their strings; done per row it was most
// of the driver's time in SQLColumns. The memo lives for one call only: nothing is kept
// across calls, so a changed schema is always read afresh.
#pragma once

#include "driver/convert/cell.h"

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>

namespace fabodbc {

class MemoryResult;

struct ColumnTypeCells {
  Cell data_type, type_name, column_size, buffer_length, decimal_digits, num_prec_radix;
  Cell sql_data_type, datetime_sub, char_octet_length;
};

// The INFORMATION_SCHEMA.COLUMNS values a type description is made of.
struct SchemaTypeCells {
  const Cell& data_type;     // DATA_TYPE
  const Cell& column_type;   // COLUMN_TYPE
  const Cell& char_max;      // CHARACTER_MAXIMUM_LENGTH
  const Cell& octets;        // CHARACTER_OCTET_LENGTH
  const Cell& precision;     // NUMERIC_PRECISION
  const Cell& scale;         // NUMERIC_SCALE
  const Cell& dt_precision;  // DATETIME_PRECISION
  const Cell& charset;       // CHARACTER_SET_NAME
};

class ColumnTypeMemo {
 public:
  // Type names are stored once in `storage` (the result the cells end up in). `wide_text`: text
  // types as the SQL_W* types (an ANSI application sees the narrow ones, as in SQLDescribeCol);
  // `odbc2`: the application declared ODBC 2, whose date/time type codes are 9, 10 and 11.
  ColumnTypeMemo(MemoryResult& storage, unsigned utf8_max_bytes_per_char, bool wide_text = true, bool odbc2 = false)
      : storage_(storage), mbmax_(utf8_max_bytes_per_char ? utf8_max_bytes_per_char : 4), wide_(wide_text),
        odbc2_(odbc2) {}

  // The cells for this description; the reference stays valid for the memo's lifetime.
  const ColumnTypeCells& cells(const SchemaTypeCells& type);

 private:
  static constexpr int kParts = 8;
  // One known description: its eight values (NULL kept apart from "") and its cells.
  struct Known {
    std::string text[kParts];
    bool null[kParts];
    ColumnTypeCells cells;
  };
  static bool same(const Known& known, const Cell* const (&parts)[kParts]);
  ColumnTypeCells compute(const SchemaTypeCells& type);

  MemoryResult& storage_;
  unsigned mbmax_;
  bool wide_, odbc2_;
  std::deque<Known> known_;  // a deque: references handed out stay valid as it grows
  std::unordered_multimap<uint64_t, size_t> by_hash_;  // hash -> index in known_
};

}  // namespace fabodbc
