#include "driver/descriptor/descriptor_fields.h"

#include "driver/c_types.h"
#include "driver/descriptor/column_attributes.h"
#include "driver/error.h"
#include "driver/statement/statement.h"

#include <string>
#include <vector>

namespace fabodbc {

std::vector<ColumnInfo> Statement::ird_columns() const {
  if (const std::vector<ColumnInfo>* cols = current_columns()) return *cols;
  if (!executed_ && !is_prepared_) throw OdbcError("HY007", "the statement is neither prepared nor executed");
  return {};
}

namespace {

// Descriptor kinds as bits, so each field lists where it exists and where it can be set.
enum : unsigned { kArd = 1, kApd = 2, kIrd = 4, kIpd = 8, kApp = kArd | kApd, kAll = 15 };

unsigned kind_of(const Descriptor& d) {
  switch (d.role()) {
    case Descriptor::Role::AppRow: return kArd;
    case Descriptor::Role::AppParam: return kApd;
    case Descriptor::Role::ImplRow: return kIrd;
    case Descriptor::Role::ImplParam: return kIpd;
    case Descriptor::Role::Explicit: return kApp;  // an explicit descriptor serves as ARD or APD
  }
  return kApp;
}

struct FieldRule {
  SQLSMALLINT field;
  bool header;
  unsigned readable;
  unsigned writable;
  DescFieldValue::Kind kind;
  int width;
};

using K = DescFieldValue::Kind;
constexpr int kLen = static_cast<int>(sizeof(SQLLEN));

// The SQLSetDescField table (ODBC 3.8): fields, the descriptors having them, who may write.
constexpr FieldRule kRules[] = {
    {SQL_DESC_ALLOC_TYPE, true, kAll, 0, K::Integer, 2},
    {SQL_DESC_ARRAY_SIZE, true, kApp, kApp, K::Integer, kLen},
    {SQL_DESC_ARRAY_STATUS_PTR, true, kAll, kAll, K::Pointer, kLen},
    {SQL_DESC_BIND_OFFSET_PTR, true, kApp, kApp, K::Pointer, kLen},
    {SQL_DESC_BIND_TYPE, true, kApp, kApp, K::Integer, 4},
    {SQL_DESC_COUNT, true, kAll, kApp | kIpd, K::Integer, 2},
    {SQL_DESC_ROWS_PROCESSED_PTR, true, kIrd | kIpd, kIrd | kIpd, K::Pointer, kLen},
    {SQL_DESC_AUTO_UNIQUE_VALUE, false, kIrd, 0, K::Integer, 4},
    {SQL_DESC_BASE_COLUMN_NAME, false, kIrd, 0, K::String, 0},
    {SQL_DESC_BASE_TABLE_NAME, false, kIrd, 0, K::String, 0},
    {SQL_DESC_CASE_SENSITIVE, false, kIrd | kIpd, 0, K::Integer, 4},
    {SQL_DESC_CATALOG_NAME, false, kIrd, 0, K::String, 0},
    {SQL_DESC_CONCISE_TYPE, false, kAll, kApp | kIpd, K::Integer, 2},
    {SQL_DESC_DATA_PTR, false, kApp, kApp | kIpd, K::Pointer, kLen},  // IPD: forces the check
    {SQL_DESC_DATETIME_INTERVAL_CODE, false, kAll, kApp | kIpd, K::Integer, 2},
    {SQL_DESC_DATETIME_INTERVAL_PRECISION, false, kAll, kApp | kIpd, K::Integer, 4},
    {SQL_DESC_DISPLAY_SIZE, false, kIrd, 0, K::Integer, kLen},
    {SQL_DESC_FIXED_PREC_SCALE, false, kIrd | kIpd, 0, K::Integer, 2},
    {SQL_DESC_INDICATOR_PTR, false, kApp, kApp, K::Pointer, kLen},
    {SQL_DESC_LABEL, false, kIrd, 0, K::String, 0},
    {SQL_DESC_LENGTH, false, kAll, kApp | kIpd, K::Integer, kLen},
    {SQL_DESC_LITERAL_PREFIX, false, kIrd, 0, K::String, 0},
    {SQL_DESC_LITERAL_SUFFIX, false, kIrd, 0, K::String, 0},
    {SQL_DESC_LOCAL_TYPE_NAME, false, kIrd | kIpd, 0, K::String, 0},
    {SQL_DESC_NAME, false, kIrd | kIpd, kIpd, K::String, 0},
    {SQL_DESC_NULLABLE, false, kIrd | kIpd, 0, K::Integer, 2},
    {SQL_DESC_NUM_PREC_RADIX, false, kAll, kApp | kIpd, K::Integer, 4},
    {SQL_DESC_OCTET_LENGTH, false, kAll, kApp | kIpd, K::Integer, kLen},
    {SQL_DESC_OCTET_LENGTH_PTR, false, kApp, kApp, K::Pointer, kLen},
    {SQL_DESC_PARAMETER_TYPE, false, kIpd, kIpd, K::Integer, 2},
    {SQL_DESC_PRECISION, false, kAll, kApp | kIpd, K::Integer, 2},
    {SQL_DESC_ROWVER, false, kIrd | kIpd, 0, K::Integer, 2},
    {SQL_DESC_SCALE, false, kAll, kApp | kIpd, K::Integer, 2},
    {SQL_DESC_SCHEMA_NAME, false, kIrd, 0, K::String, 0},
    {SQL_DESC_SEARCHABLE, false, kIrd, 0, K::Integer, 2},
    {SQL_DESC_TABLE_NAME, false, kIrd, 0, K::String, 0},
    {SQL_DESC_TYPE, false, kAll, kApp | kIpd, K::Integer, 2},
    {SQL_DESC_TYPE_NAME, false, kIrd | kIpd, 0, K::String, 0},
    {SQL_DESC_UNNAMED, false, kIrd | kIpd, kIpd, K::Integer, 2},
    {SQL_DESC_UNSIGNED, false, kIrd | kIpd, 0, K::Integer, 2},
    {SQL_DESC_UPDATABLE, false, kIrd, 0, K::Integer, 2},
};

const FieldRule& rule_of(SQLSMALLINT field) {
  for (const FieldRule& r : kRules) {
    if (r.field == field) return r;
  }
  throw OdbcError("HY091", "invalid descriptor field identifier " + std::to_string(field));
}

bool is_app(const Descriptor& d) { return (kind_of(d) & kApp) != 0; }

// Concise types and their verbose form: datetime and interval types share one SQL_DESC_TYPE
// and differ by SQL_DESC_DATETIME_INTERVAL_CODE (the same numbers for C and SQL types).
bool is_datetime_concise(SQLSMALLINT t) { return t >= SQL_TYPE_DATE && t <= SQL_TYPE_TIMESTAMP; }
bool is_interval_concise(SQLSMALLINT t) { return t >= SQL_INTERVAL_YEAR && t <= SQL_INTERVAL_MINUTE_TO_SECOND; }
SQLSMALLINT verbose_of(SQLSMALLINT concise) {
  if (is_datetime_concise(concise) || concise == SQL_DATE || concise == SQL_TIME || concise == SQL_TIMESTAMP) {
    return SQL_DATETIME;
  }
  return is_interval_concise(concise) ? SQL_INTERVAL : concise;
}
SQLSMALLINT code_of(SQLSMALLINT concise) {
  if (is_datetime_concise(concise)) return static_cast<SQLSMALLINT>(concise - 90);
  if (concise == SQL_DATE || concise == SQL_TIME || concise == SQL_TIMESTAMP) return static_cast<SQLSMALLINT>(concise - 8);
  if (is_interval_concise(concise)) return static_cast<SQLSMALLINT>(concise - 100);
  return 0;
}

// The record's concise type lives in a different member for application and IPD records.
SQLSMALLINT& concise_ref(const Descriptor& d, DescRecord& r) { return is_app(d) ? r.concise_type : r.sql_type; }
SQLSMALLINT concise_val(const Descriptor& d, const DescRecord& r) { return is_app(d) ? r.concise_type : r.sql_type; }

bool is_decimal_sql(SQLSMALLINT t) {
  return t == SQL_DECIMAL || t == SQL_NUMERIC || t == SQL_FLOAT || t == SQL_REAL || t == SQL_DOUBLE ||
         t == SQL_INTEGER || t == SQL_SMALLINT || t == SQL_TINYINT || t == SQL_BIGINT;
}
bool is_char_sql(SQLSMALLINT t) {
  return t == SQL_CHAR || t == SQL_VARCHAR || t == SQL_LONGVARCHAR || t == SQL_WCHAR || t == SQL_WVARCHAR ||
         t == SQL_WLONGVARCHAR;
}

std::string sql_type_name(SQLSMALLINT t) {
  switch (t) {
    case SQL_CHAR: case SQL_WCHAR: return "CHAR";
    case SQL_VARCHAR: case SQL_WVARCHAR: return "VARCHAR";
    case SQL_LONGVARCHAR: case SQL_WLONGVARCHAR: return "LONGTEXT";
    case SQL_BINARY: return "BINARY";
    case SQL_VARBINARY: return "VARBINARY";
    case SQL_LONGVARBINARY: return "LONGBLOB";
    case SQL_BIT: return "BIT";
    case SQL_TINYINT: return "TINYINT";
    case SQL_SMALLINT: return "SMALLINT";
    case SQL_INTEGER: return "INTEGER";
    case SQL_BIGINT: return "BIGINT";
    case SQL_REAL: return "FLOAT";
    case SQL_FLOAT: case SQL_DOUBLE: return "DOUBLE";
    case SQL_DECIMAL: case SQL_NUMERIC: return "DECIMAL";
    case SQL_TYPE_DATE: return "DATE";
    case SQL_TYPE_TIME: return "TIME";
    case SQL_TYPE_TIMESTAMP: return "DATETIME";
    case SQL_GUID: return "CHAR";
    default:
      // Interval parameters reach MySQL as TIME, a number or interval text (convert/interval.cpp).
      return is_interval_concise(t) ? "INTERVAL" : "";
  }
}

// IPD fields the driver derives from the parameter's SQL type.
SQLLEN ipd_derived(const DescRecord& r, SQLSMALLINT field, std::string* text) {
  const SQLSMALLINT t = r.sql_type;
  switch (field) {
    case SQL_DESC_CASE_SENSITIVE: return is_char_sql(t) ? SQL_TRUE : SQL_FALSE;
    case SQL_DESC_FIXED_PREC_SCALE: return SQL_FALSE;  // as SQLColAttribute answers (column_attributes.cpp)
    case SQL_DESC_NULLABLE: return SQL_NULLABLE;  // MySQL parameters accept NULL
    case SQL_DESC_ROWVER: return SQL_FALSE;
    case SQL_DESC_UNSIGNED: return is_decimal_sql(t) ? SQL_FALSE : SQL_TRUE;
    case SQL_DESC_UNNAMED: return r.name.empty() ? SQL_UNNAMED : SQL_NAMED;
    case SQL_DESC_TYPE_NAME: *text = sql_type_name(t); return 0;
    case SQL_DESC_LOCAL_TYPE_NAME: *text = ""; return 0;
    case SQL_DESC_NAME: *text = r.name; return 0;
    default: return 0;
  }
}

SQLSMALLINT record_count(Descriptor& d) {
  if (kind_of(d) == kIrd) return static_cast<SQLSMALLINT>(d.owner()->ird_columns().size());
  return d.count();
}

// The consistency check of SQLSetDescField/SQLSetDescRec ("Consistency Checks" in the ODBC
// reference): run when a data pointer is set, so a bad binding fails here, not at fetch.
void check_consistency(const Descriptor& d, const DescRecord& r) {
  const SQLSMALLINT concise = concise_val(d, r);
  if (r.pending_type != 0) {
    throw OdbcError("HY021", "SQL_DESC_TYPE is SQL_DATETIME/SQL_INTERVAL but SQL_DESC_DATETIME_INTERVAL_CODE is not set");
  }
  if (is_app(d)) {
    if (!is_known_c_type(concise)) {
      throw OdbcError("HY021", "SQL_DESC_CONCISE_TYPE " + std::to_string(concise) + " is not a supported C type");
    }
  } else if (concise == SQL_UNKNOWN_TYPE || sql_type_name(concise).empty()) {
    throw OdbcError("HY021", "SQL_DESC_CONCISE_TYPE " + std::to_string(concise) + " is not a valid SQL type");
  }
  const bool numeric = is_app(d) ? concise == SQL_C_NUMERIC : (concise == SQL_DECIMAL || concise == SQL_NUMERIC);
  if (numeric) {
    // Applications bound with SQLBindCol have precision 0: the driver's default.
    const SQLSMALLINT p = is_app(d) ? r.precision : static_cast<SQLSMALLINT>(r.length);
    if (p < 0 || p > 65) throw OdbcError("HY021", "SQL_DESC_PRECISION is out of range for a numeric type");
    if (p > 0 && (r.scale < 0 || r.scale > p)) {
      throw OdbcError("HY021", "SQL_DESC_SCALE is out of range for the precision");
    }
  }
  if ((concise == SQL_TYPE_TIME || concise == SQL_TYPE_TIMESTAMP) && (r.precision < 0 || r.precision > 9)) {
    throw OdbcError("HY021", "SQL_DESC_PRECISION of a time or timestamp must be 0..9");
  }
}

// Setting a type resets the fields the new type gives a meaning to (SQLSetDescField, "SQL_DESC_TYPE").
void apply_type(const Descriptor& d, DescRecord& r, SQLSMALLINT concise) {
  concise_ref(d, r) = concise;
  r.pending_type = 0;
  if (concise == SQL_C_NUMERIC || concise == SQL_DECIMAL || concise == SQL_NUMERIC) {
    r.scale = 0;
    r.precision = 0;
    r.precision_scale_set = false;
  } else if (is_datetime_concise(concise) || concise == SQL_C_TIMESTAMP) {
    r.precision = 0;
  }
}

// A type SQL_DESC_TYPE / SQL_DESC_CONCISE_TYPE may take in this record. Record 0 of an
// application descriptor is the bookmark, written as 8 bytes (or 4 for SQL_C_ULONG) at fetch.
void check_record_type(const Descriptor& d, SQLSMALLINT record, SQLSMALLINT type) {
  if (is_app(d) ? !is_known_c_type(type) : sql_type_name(type).empty()) {
    throw OdbcError("HY021", "unsupported type " + std::to_string(type));
  }
  if (record == 0 && type != SQL_C_BOOKMARK && type != SQL_C_VARBOOKMARK && type != SQL_C_ULONG) {
    throw OdbcError("HY021", "record 0 is the bookmark: its type is SQL_C_BOOKMARK, SQL_C_VARBOOKMARK or SQL_C_ULONG");
  }
}

SQLLEN as_integer(SQLPOINTER value) { return static_cast<SQLLEN>(reinterpret_cast<intptr_t>(value)); }

}  // namespace

SQLRETURN get_desc_field(Descriptor& d, SQLSMALLINT record, SQLSMALLINT field, DescFieldValue& out) {
  const FieldRule& rule = rule_of(field);
  const unsigned kind = kind_of(d);
  if (!(rule.readable & kind)) {
    throw OdbcError("HY091", "field " + std::to_string(field) + " is not defined for this descriptor");
  }
  out.kind = rule.kind;
  out.width = rule.width;
  if (rule.header) {
    switch (field) {
      case SQL_DESC_ALLOC_TYPE: out.number = d.is_implicit() ? SQL_DESC_ALLOC_AUTO : SQL_DESC_ALLOC_USER; break;
      case SQL_DESC_ARRAY_SIZE: out.number = static_cast<SQLLEN>(d.array_size); break;
      case SQL_DESC_ARRAY_STATUS_PTR: out.pointer = d.array_status_ptr; break;
      case SQL_DESC_BIND_OFFSET_PTR: out.pointer = d.bind_offset_ptr; break;
      case SQL_DESC_BIND_TYPE: out.number = static_cast<SQLLEN>(d.bind_type); break;
      case SQL_DESC_COUNT: out.number = record_count(d); break;
      case SQL_DESC_ROWS_PROCESSED_PTR: out.pointer = d.rows_processed_ptr; break;
    }
    return SQL_SUCCESS;
  }
  if (record < 0) throw OdbcError("07009", "invalid descriptor index " + std::to_string(record));
  // Record 0 is the bookmark column: in the IRD while SQL_ATTR_USE_BOOKMARKS is on, in an ARD
  // (or an explicit descriptor) always; parameter descriptors have none.
  if (record == 0 && (kind & (kApd | kIpd)) && kind != kApp)
    throw OdbcError("07009", "record 0 of a parameter descriptor does not exist");
  if (record == 0 && kind == kIrd) {
    ColumnAttribute a = column_attribute(d.owner()->bookmark_column(), static_cast<SQLUSMALLINT>(field));
    out.text = a.text;
    out.number = a.number;
    return SQL_SUCCESS;
  }
  if (kind == kIrd) {
    std::vector<ColumnInfo> cols = d.owner()->ird_columns();
    if (static_cast<size_t>(record) > cols.size()) return SQL_NO_DATA;
    const ColumnInfo& c = cols[static_cast<size_t>(record) - 1u];
    if (field == SQL_DESC_ROWVER) {
      out.number = SQL_FALSE;
    } else if (field == SQL_DESC_DATETIME_INTERVAL_PRECISION) {
      out.number = 0;
    } else {
      ColumnAttribute a = column_attribute(c, static_cast<SQLUSMALLINT>(field));
      out.text = a.text;
      out.number = a.number;
    }
    return SQL_SUCCESS;
  }
  if (record > d.count()) return SQL_NO_DATA;
  static const DescRecord kUnbound;
  const DescRecord* found = d.find(static_cast<SQLUSMALLINT>(record));
  const DescRecord& r = found ? *found : kUnbound;  // record 0 before the bookmark is bound
  const SQLSMALLINT concise = concise_val(d, r);
  switch (field) {
    case SQL_DESC_CONCISE_TYPE: out.number = concise; break;
    case SQL_DESC_TYPE: out.number = r.pending_type ? r.pending_type : verbose_of(concise); break;
    case SQL_DESC_DATETIME_INTERVAL_CODE: out.number = code_of(concise); break;
    case SQL_DESC_DATETIME_INTERVAL_PRECISION: out.number = r.interval_precision; break;
    case SQL_DESC_DATA_PTR: out.pointer = r.data_ptr; break;
    case SQL_DESC_INDICATOR_PTR: out.pointer = r.indicator_ptr; break;
    case SQL_DESC_OCTET_LENGTH_PTR: out.pointer = r.octet_length_ptr; break;
    case SQL_DESC_OCTET_LENGTH:
      out.number = is_app(d) ? r.octet_length : static_cast<SQLLEN>(r.length);
      break;
    case SQL_DESC_LENGTH:
      out.number = is_app(d) ? r.octet_length : static_cast<SQLLEN>(r.length);
      break;
    case SQL_DESC_PRECISION:
      // IPD: SQLBindParameter's ColumnSize is the precision of a numeric parameter.
      out.number = !is_app(d) && is_decimal_sql(concise) ? static_cast<SQLLEN>(r.length) : r.precision;
      break;
    case SQL_DESC_SCALE: out.number = r.scale; break;
    case SQL_DESC_NUM_PREC_RADIX:
      out.number = r.num_prec_radix ? r.num_prec_radix : (!is_app(d) && is_decimal_sql(concise) ? 10 : 0);
      break;
    case SQL_DESC_PARAMETER_TYPE: out.number = r.parameter_type; break;
    default: out.number = ipd_derived(r, field, &out.text); break;
  }
  return SQL_SUCCESS;
}

void set_desc_field(Descriptor& d, SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value,
                    const std::string* text) {
  const unsigned kind = kind_of(d);
  if (kind == kIrd && field != SQL_DESC_ARRAY_STATUS_PTR && field != SQL_DESC_ROWS_PROCESSED_PTR) {
    throw OdbcError("HY016", "an implementation row descriptor cannot be modified");
  }
  const FieldRule& rule = rule_of(field);
  if (!(rule.writable & kind)) {
    throw OdbcError("HY091", "field " + std::to_string(field) + " is read-only or not defined for this descriptor");
  }
  const SQLLEN number = as_integer(value);
  if (rule.header) {
    switch (field) {
      case SQL_DESC_ARRAY_SIZE:
        if (number <= 0) throw OdbcError("HY024", "SQL_DESC_ARRAY_SIZE must be at least 1");
        d.array_size = static_cast<SQLULEN>(number);
        break;
      case SQL_DESC_ARRAY_STATUS_PTR: d.array_status_ptr = static_cast<SQLUSMALLINT*>(value); break;
      case SQL_DESC_BIND_OFFSET_PTR: d.bind_offset_ptr = static_cast<SQLLEN*>(value); break;
      case SQL_DESC_BIND_TYPE: d.bind_type = static_cast<SQLULEN>(number); break;
      case SQL_DESC_ROWS_PROCESSED_PTR: d.rows_processed_ptr = static_cast<SQLULEN*>(value); break;
      case SQL_DESC_COUNT:
        if (number < 0 || number > 32767) throw OdbcError("07009", "invalid SQL_DESC_COUNT");
        d.set_count(static_cast<SQLSMALLINT>(number));
        break;
    }
    d.touch();
    return;
  }
  if (record < 0) throw OdbcError("07009", "invalid descriptor index " + std::to_string(record));
  if (record == 0 && kind & (kApd | kIpd) && d.role() != Descriptor::Role::Explicit) {
    throw OdbcError("07009", "record 0 of a parameter descriptor does not exist");
  }
  DescRecord& r = d.record(static_cast<SQLUSMALLINT>(record));
  const bool was_bound = r.bound;
  r.bound = true;
  const auto small = static_cast<SQLSMALLINT>(number);
  try {
    switch (field) {
      case SQL_DESC_DATA_PTR:
        if (kind == kIpd) {  // the IPD has no data: setting it only asks for the check
          check_consistency(d, r);
          break;
        }
        r.data_ptr = value;
        if (value) check_consistency(d, r);
        break;
      case SQL_DESC_INDICATOR_PTR: r.indicator_ptr = static_cast<SQLLEN*>(value); break;
      case SQL_DESC_OCTET_LENGTH_PTR: r.octet_length_ptr = static_cast<SQLLEN*>(value); break;
      case SQL_DESC_CONCISE_TYPE:
        check_record_type(d, record, small);
        apply_type(d, r, small);
        break;
      case SQL_DESC_TYPE:
        if (small == SQL_DATETIME || small == SQL_INTERVAL) {
          if (record == 0) check_record_type(d, record, small);
          r.pending_type = small;  // the concise type follows from DATETIME_INTERVAL_CODE
        } else {
          check_record_type(d, record, small);
          apply_type(d, r, small);
        }
        break;
      case SQL_DESC_DATETIME_INTERVAL_CODE: {
        const SQLSMALLINT verbose = r.pending_type ? r.pending_type : verbose_of(concise_val(d, r));
        if (verbose == SQL_DATETIME && small >= SQL_CODE_DATE && small <= SQL_CODE_TIMESTAMP) {
          apply_type(d, r, static_cast<SQLSMALLINT>(90 + small));
        } else if (verbose == SQL_INTERVAL && small >= SQL_CODE_YEAR && small <= SQL_CODE_MINUTE_TO_SECOND) {
          apply_type(d, r, static_cast<SQLSMALLINT>(100 + small));  // C and SQL interval types alike
        } else {
          throw OdbcError("HY021", "SQL_DESC_DATETIME_INTERVAL_CODE does not match SQL_DESC_TYPE");
        }
        break;
      }
      case SQL_DESC_DATETIME_INTERVAL_PRECISION: r.interval_precision = static_cast<SQLINTEGER>(number); break;
      case SQL_DESC_OCTET_LENGTH:
      case SQL_DESC_LENGTH:
        if (is_app(d)) {
          r.octet_length = number;
        } else {
          r.length = static_cast<SQLULEN>(number);
        }
        break;
      case SQL_DESC_PRECISION:
        if (!is_app(d) && is_decimal_sql(concise_val(d, r))) {
          r.length = static_cast<SQLULEN>(number);  // the IPD's column size of a numeric parameter
        } else {
          r.precision = small;
          if (is_app(d)) r.precision_scale_set = true;
        }
        break;
      case SQL_DESC_SCALE:
        r.scale = small;
        if (is_app(d)) r.precision_scale_set = true;
        break;
      case SQL_DESC_NUM_PREC_RADIX: r.num_prec_radix = static_cast<SQLINTEGER>(number); break;
      case SQL_DESC_PARAMETER_TYPE:
        if (small != SQL_PARAM_INPUT && small != SQL_PARAM_OUTPUT && small != SQL_PARAM_INPUT_OUTPUT) {
          throw OdbcError("HY105", "invalid parameter type");
        }
        r.parameter_type = small;
        break;
      case SQL_DESC_NAME: r.name = text ? *text : std::string(); break;
      case SQL_DESC_UNNAMED:
        if (small != SQL_UNNAMED) throw OdbcError("HY092", "SQL_DESC_UNNAMED can only be set to SQL_UNNAMED");
        r.name.clear();
        break;
    }
  } catch (...) {
    // A refused value leaves no binding behind (a failed check must not bind the pointer).
    if (field == SQL_DESC_DATA_PTR) r.data_ptr = nullptr;
    r.bound = was_bound;
    d.touch();
    throw;
  }
  // Setting anything but the three deferred pointers unbinds an application record.
  if (is_app(d) && field != SQL_DESC_DATA_PTR && field != SQL_DESC_INDICATOR_PTR &&
      field != SQL_DESC_OCTET_LENGTH_PTR) {
    r.data_ptr = nullptr;
  }
  d.touch();
}

SQLRETURN get_desc_rec(Descriptor& d, SQLSMALLINT record, DescRecSummary& out) {
  if (record < 0) throw OdbcError("07009", "invalid descriptor index " + std::to_string(record));
  if (record > record_count(d)) return SQL_NO_DATA;
  const unsigned kind = kind_of(d);
  auto number = [&](SQLSMALLINT field) -> SQLLEN {
    if (!(rule_of(field).readable & kind)) return 0;
    DescFieldValue v;
    get_desc_field(d, record, field, v);
    return v.number;
  };
  if (kind & (kIrd | kIpd)) {
    DescFieldValue v;
    get_desc_field(d, record, SQL_DESC_NAME, v);
    out.name = v.text;
    out.nullable = static_cast<SQLSMALLINT>(number(SQL_DESC_NULLABLE));
  }
  out.type = static_cast<SQLSMALLINT>(number(SQL_DESC_TYPE));
  out.subtype = static_cast<SQLSMALLINT>(number(SQL_DESC_DATETIME_INTERVAL_CODE));
  out.length = number(SQL_DESC_OCTET_LENGTH);
  out.precision = static_cast<SQLSMALLINT>(number(SQL_DESC_PRECISION));
  out.scale = static_cast<SQLSMALLINT>(number(SQL_DESC_SCALE));
  return SQL_SUCCESS;
}

void set_desc_rec(Descriptor& d, SQLSMALLINT record, SQLSMALLINT type, SQLSMALLINT subtype, SQLLEN length,
                  SQLSMALLINT precision, SQLSMALLINT scale, SQLPOINTER data, SQLLEN* octet_length_ptr,
                  SQLLEN* indicator_ptr) {
  if (kind_of(d) == kIrd) throw OdbcError("HY016", "an implementation row descriptor cannot be modified");
  auto as_ptr = [](SQLLEN v) { return reinterpret_cast<SQLPOINTER>(static_cast<intptr_t>(v)); };
  // The order of the reference page: type first (it resets the others), the data pointer last
  // (it runs the consistency check).
  set_desc_field(d, record, SQL_DESC_TYPE, as_ptr(type), nullptr);
  if (type == SQL_DATETIME || type == SQL_INTERVAL) {
    set_desc_field(d, record, SQL_DESC_DATETIME_INTERVAL_CODE, as_ptr(subtype), nullptr);
  }
  set_desc_field(d, record, SQL_DESC_OCTET_LENGTH, as_ptr(length), nullptr);
  set_desc_field(d, record, SQL_DESC_PRECISION, as_ptr(precision), nullptr);
  set_desc_field(d, record, SQL_DESC_SCALE, as_ptr(scale), nullptr);
  if (is_app(d)) {
    set_desc_field(d, record, SQL_DESC_OCTET_LENGTH_PTR, octet_length_ptr, nullptr);
    set_desc_field(d, record, SQL_DESC_INDICATOR_PTR, indicator_ptr, nullptr);
  }
  set_desc_field(d, record, SQL_DESC_DATA_PTR, data, nullptr);
}

void copy_desc(Descriptor& source, Descriptor& target) {
  if (kind_of(target) == kIrd) throw OdbcError("HY016", "an implementation row descriptor cannot be a copy target");
  if (&source == &target) return;
  std::vector<DescRecord> records;
  if (kind_of(source) == kIrd) {
    // The IRD is not stored: its records are made from the result columns.
    std::vector<ColumnInfo> cols = source.owner()->ird_columns();
    records.resize(cols.size() + 1u);
    for (size_t i = 0; i < cols.size(); ++i) {
      DescRecord& r = records[i + 1u];
      r.concise_type = cols[i].sql_type;
      r.sql_type = cols[i].sql_type;
      r.length = cols[i].column_size;
      r.octet_length = cols[i].octet_length;
      r.precision = static_cast<SQLSMALLINT>(cols[i].column_size);
      r.scale = cols[i].decimal_digits;
      r.name = cols[i].field.name;
      r.bound = true;
    }
  } else {
    records = source.records();
    // Application and IPD records keep the concise type in different members.
    if (is_app(source) != is_app(target)) {
      for (DescRecord& r : records) {
        if (is_app(source)) {
          r.sql_type = r.concise_type;
        } else {
          r.concise_type = r.sql_type;
        }
      }
    }
  }
  if (is_app(source) == is_app(target)) {
    target.array_size = source.array_size;
    target.bind_type = source.bind_type;
    target.bind_offset_ptr = source.bind_offset_ptr;
    target.array_status_ptr = source.array_status_ptr;
    target.rows_processed_ptr = source.rows_processed_ptr;
  }
  if (!is_app(target)) {
    for (DescRecord& r : records) r.data_ptr = nullptr;
  }
  target.assign_records(std::move(records));
}

}  // namespace fabodbc
