// Small pieces shared by the catalog functions outside catalog.cpp (procedures, special
// columns, privileges): literals, cell readers, and the argument rules (catalog = database,
// pattern vs identifier arguments under SQL_ATTR_METADATA_ID).
#pragma once

#include "driver/convert/cell.h"
#include "driver/convert/convert.h"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace fabodbc {

// catalog.cpp: the FieldDesc the server would send for an INFORMATION_SCHEMA column or
// parameter description, so catalog results describe types exactly as result sets do.
FieldDesc field_from_schema(const std::string& data_type, const std::string& column_type, int64_t char_max,
                            int64_t octets, int64_t precision, int64_t scale, int64_t dt_precision,
                            bool nullable, const std::string& extra, const std::string& charset);

namespace catalog {

inline std::string literal(const std::string& value, bool no_backslash_escapes) {
  ParamValue v;
  v.kind = ParamValue::Kind::Text;
  v.bytes = value;
  return to_sql_literal(v, no_backslash_escapes);
}

inline std::string text(const Cell& c) {
  return c.kind == Cell::Kind::Text ? std::string(c.data, c.length) : std::string();
}

inline int64_t integer(const Cell& c) {
  if (c.kind == Cell::Kind::Int) return c.i;
  if (c.kind == Cell::Kind::UInt) return static_cast<int64_t>(c.u);
  if (c.kind == Cell::Kind::Text) return std::strtoll(std::string(c.data, c.length).c_str(), nullptr, 10);
  return 0;
}

// "= 'db'" for the catalog argument, or "= DATABASE()" when none (or "") was given.
inline std::string schema_is(const std::string* catalog, bool nbe) {
  return catalog && !catalog->empty() ? " = " + literal(*catalog, nbe) : " = DATABASE()";
}

// A pattern-value argument: " AND column LIKE 'p'", or " AND column = 'v'" when it is an
// identifier (SQL_ATTR_METADATA_ID) or has no wildcard, so the server can use its index on
// the name. Nothing for a null or "%" pattern.
inline std::string pattern_is(const char* column, const std::string* pattern, bool identifiers, bool nbe) {
  if (!pattern || (!identifiers && (pattern->empty() || *pattern == "%"))) return std::string();
  bool wildcard = false;
  std::string plain;
  for (size_t i = 0; i < pattern->size(); ++i) {
    const char c = (*pattern)[i];
    if (c == '\\' && i + 1 < pattern->size() && ((*pattern)[i + 1] == '%' || (*pattern)[i + 1] == '_')) {
      plain += (*pattern)[++i];  // an escaped wildcard is the character itself
    } else if (c == '%' || c == '_') {
      wildcard = true;
      plain += c;
    } else {
      plain += c;
    }
  }
  if (identifiers) return std::string(" AND ") + column + " = " + literal(*pattern, nbe);
  if (!wildcard) return std::string(" AND ") + column + " = " + literal(plain, nbe);
  return std::string(" AND ") + column + " LIKE " + literal(*pattern, nbe);
}

// " AND <column> ..." for an ODBC search pattern (or an identifier with SQL_ATTR_METADATA_ID).
// MariaDB reads only the tables named by an equality on TABLE_SCHEMA/TABLE_NAME with a
// constant (its information_schema optimization); LIKE makes it open every table of the
// schema. So a pattern without wildcards becomes '=' (its escapes removed: "t\_1" is
// "t_1"), "%" matches everything and adds nothing, and only real patterns use LIKE.
inline std::string name_condition(const char* column, const std::string& pattern, bool identifier, bool nbe) {
  if (identifier) return std::string(" AND ") + column + " = " + literal(pattern, nbe);
  if (pattern == "%") return {};
  std::string plain;
  bool wildcard = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      plain += pattern[++i];
    } else if (c == '%' || c == '_') {
      wildcard = true;
      break;
    } else {
      plain += c;
    }
  }
  if (wildcard) return std::string(" AND ") + column + " LIKE " + literal(pattern, nbe);
  return std::string(" AND ") + column + " = " + literal(plain, nbe);
}

// `name` as a MySQL identifier.
inline std::string identifier(const std::string& name) {
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

// The ODBC 2 code of a date/time SQL type (SQL_DATE, SQL_TIME, SQL_TIMESTAMP), for applications
// that declared SQL_OV_ODBC2: catalog results are data the driver manager does not map.
inline SQLSMALLINT odbc2_type(SQLSMALLINT type) {
  switch (type) {
    case SQL_TYPE_DATE: return SQL_DATE;
    case SQL_TYPE_TIME: return SQL_TIME;
    case SQL_TYPE_TIMESTAMP: return SQL_TIMESTAMP;
    default: return type;
  }
}

}  // namespace catalog
}  // namespace fabodbc
