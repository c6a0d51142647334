#include "driver/catalog/catalog_column_types.h"

#include "driver/catalog/catalog_util.h"
#include "driver/convert/type_map.h"
#include "driver/results/memory_result.h"

#include <algorithm>
#include <cstdint>
#include <string_view>

namespace fabodbc {

namespace {

constexpr int64_t kIntMax = 2147483647;

Cell int_cell(int64_t value) {
  Cell c;
  c.kind = Cell::Kind::Int;
  c.i = value;
  return c;
}

// FNV-1a over COLUMN_TYPE and the lengths of the other values: COLUMN_TYPE alone tells most
// descriptions apart, and hashing fewer bytes is most of the saving. Equality is still
// decided on all eight values (ColumnTypeMemo::same).
uint64_t hash_parts(const Cell* const (&parts)[8]) {
  uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](uint64_t v) {
    h ^= v;
    h *= 1099511628211ULL;
  };
  const Cell& column_type = *parts[1];
  for (size_t i = 0; i < column_type.length; ++i) mix(static_cast<unsigned char>(column_type.data[i]));
  for (const Cell* c : parts) mix(c->kind == Cell::Kind::Text ? c->length + 1 : 0);
  return h;
}

}  // namespace

bool ColumnTypeMemo::same(const Known& known, const Cell* const (&parts)[kParts]) {
  for (int i = 0; i < kParts; ++i) {
    const Cell& c = *parts[i];
    const bool null = c.kind != Cell::Kind::Text;  // the text protocol sends NULL or text
    if (null != known.null[i]) return false;
    if (!null && std::string_view(c.data, c.length) != known.text[i]) return false;
  }
  return true;
}

const ColumnTypeCells& ColumnTypeMemo::cells(const SchemaTypeCells& type) {
  const Cell* const parts[kParts] = {&type.data_type, &type.column_type, &type.char_max,     &type.octets,
                                     &type.precision, &type.scale,       &type.dt_precision, &type.charset};
  const uint64_t h = hash_parts(parts);
  for (auto [it, end] = by_hash_.equal_range(h); it != end; ++it)
    if (same(known_[it->second], parts)) return known_[it->second].cells;
  Known k;
  for (int i = 0; i < kParts; ++i) {
    k.null[i] = parts[i]->kind != Cell::Kind::Text;
    if (!k.null[i]) k.text[i].assign(parts[i]->data, parts[i]->length);
  }
  k.cells = compute(type);
  known_.push_back(std::move(k));
  by_hash_.emplace(h, known_.size() - 1);
  return known_.back().cells;
}

// What SQLColumns reported per row before the memo, unchanged: the FieldDesc the server would
// send for such a column, described like any result column. NULLABLE and the auto-increment
// flag do not enter these cells, so the description is made without them.
ColumnTypeCells ColumnTypeMemo::compute(const SchemaTypeCells& type) {
  FieldDesc f = field_from_schema(catalog::text(type.data_type), catalog::text(type.column_type),
                                  catalog::integer(type.char_max), catalog::integer(type.octets),
                                  catalog::integer(type.precision), catalog::integer(type.scale),
                                  catalog::integer(type.dt_precision), true, std::string(),
                                  catalog::text(type.charset));
  const ColumnInfo info = describe_column(f, mbmax_, wide_);
  const SQLSMALLINT t = info.sql_type;
  const bool is_datetime = t == SQL_TYPE_DATE || t == SQL_TYPE_TIME || t == SQL_TYPE_TIMESTAMP;
  const bool is_numeric = t == SQL_TINYINT || t == SQL_SMALLINT || t == SQL_INTEGER || t == SQL_BIGINT ||
                          t == SQL_DECIMAL || t == SQL_NUMERIC || t == SQL_REAL || t == SQL_FLOAT ||
                          t == SQL_DOUBLE || t == SQL_BIT;
  const bool is_chars = t == SQL_CHAR || t == SQL_VARCHAR || t == SQL_LONGVARCHAR || t == SQL_WCHAR ||
                        t == SQL_WVARCHAR || t == SQL_WLONGVARCHAR || t == SQL_BINARY ||
                        t == SQL_VARBINARY || t == SQL_LONGVARBINARY;
  const int64_t octets = std::min<int64_t>(info.octet_length, kIntMax);
  ColumnTypeCells c;
  c.data_type = int_cell(odbc2_ ? catalog::odbc2_type(t) : t);
  const std::string_view name = storage_.store_text(info.type_name);
  c.type_name = Cell::text(name.data(), name.size());
  c.column_size = int_cell(std::min<int64_t>(static_cast<int64_t>(info.column_size), kIntMax));
  c.buffer_length = int_cell(octets);
  if (is_numeric || is_datetime) c.decimal_digits = int_cell(info.decimal_digits);
  if (is_numeric) c.num_prec_radix = int_cell(t == SQL_BIT ? 2 : 10);
  c.sql_data_type = int_cell(is_datetime ? SQL_DATETIME : t);
  if (is_datetime)
    c.datetime_sub = int_cell(t == SQL_TYPE_DATE ? SQL_CODE_DATE : t == SQL_TYPE_TIME ? SQL_CODE_TIME : SQL_CODE_TIMESTAMP);
  if (is_chars) c.char_octet_length = int_cell(octets);
  return c;
}

}  // namespace fabodbc
