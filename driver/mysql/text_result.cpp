// Text-protocol results: every value arrives as text, so a Cell simply points into the row
// buffer libmysqlclient already holds. Nothing is allocated per row.
#include "driver/mysql/text_result.h"

#include "driver/convert/type_map.h"

namespace fabodbc::mysql {

FieldDesc to_field_desc(const MYSQL_FIELD& f) {
  FieldDesc d;
  d.name.assign(f.name ? f.name : "", f.name_length);
  d.org_name.assign(f.org_name ? f.org_name : "", f.org_name_length);
  d.table.assign(f.table ? f.table : "", f.table_length);
  d.org_table.assign(f.org_table ? f.org_table : "", f.org_table_length);
  d.db.assign(f.db ? f.db : "", f.db_length);
  d.catalog.assign(f.catalog ? f.catalog : "", f.catalog_length);
  d.type = static_cast<MyType>(f.type);
  d.flags = f.flags;
  d.charsetnr = f.charsetnr;
  d.length = f.length;
  d.decimals = f.decimals;
  return d;
}

std::vector<ColumnInfo> describe_fields(MYSQL_FIELD* fields, unsigned count, unsigned mbmaxlen, bool wide_text) {
  std::vector<ColumnInfo> columns;
  columns.reserve(count);
  for (unsigned i = 0; i < count; ++i) {
    columns.push_back(describe_column(to_field_desc(fields[i]), mbmaxlen, wide_text));
  }
  return columns;
}

TextResult::TextResult(MYSQL* mysql, MYSQL_RES* res, bool streaming, unsigned mbmaxlen, bool wide_text)
    : mysql_(mysql), res_(res), streaming_(streaming) {
  unsigned n = mysql_num_fields(res_);
  columns_ = describe_fields(mysql_fetch_fields(res_), n, mbmaxlen, wide_text);
  cells_.resize(n);
}

TextResult::~TextResult() {
  // mysql_free_result on an unfinished mysql_use_result reads the rest off the wire, which keeps
  // the connection in sync.
  if (res_) mysql_free_result(res_);
}

bool TextResult::next() {
  if (done_) return false;
  MYSQL_ROW row = mysql_fetch_row(res_);
  if (!row) {
    done_ = true;
    if (streaming_ && mysql_errno(mysql_) != 0) throw connection_error(mysql_);
    return false;
  }
  const unsigned long* lengths = mysql_fetch_lengths(res_);
  const size_t n = cells_.size();
  for (size_t i = 0; i < n; ++i) {
    Cell& c = cells_[i];
    if (row[i]) {
      c.kind = Cell::Kind::Text;
      c.data = row[i];
      c.length = lengths[i];
    } else {
      c.kind = Cell::Kind::Null;
      c.data = nullptr;
      c.length = 0;
    }
  }
  return true;
}

void TextResult::discard_rest() {
  if (done_) return;
  while (mysql_fetch_row(res_)) {
  }
  done_ = true;
}

}  // namespace fabodbc::mysql
