// Bookmarks (SQL_ATTR_USE_BOOKMARKS): column 0 through SQLBindCol/SQLGetData, and
// SQLFetchScroll(SQL_FETCH_BOOKMARK) with SQL_ATTR_FETCH_BOOKMARK_PTR. A bookmark is the row's
// 1-based position in the result: static cursors are buffered and their rows never move (a row
// deleted through the cursor stays as a hole, an added one comes last), so that identifies the
// row for as long as the cursor is open (SQL_BP_SCROLL). It travels as a
// SQLULEN (SQL_C_BOOKMARK on 64-bit unixODBC, or SQL_C_VARBOOKMARK bytes), or as a 32-bit
// SQL_C_ULONG when the application bound that.
#include "driver/error.h"
#include "driver/results/memory_result.h"
#include "driver/statement/statement.h"

#include <cstring>

namespace fabodbc {

namespace {

bool is_bookmark_type(SQLSMALLINT t) { return t == SQL_C_UBIGINT || t == SQL_C_ULONG || t == SQL_C_VARBOOKMARK; }

// Writes `bookmark` as C type `t` into `buffer`; returns the bytes it takes.
SQLLEN write_bookmark_value(SQLULEN bookmark, SQLSMALLINT t, void* buffer, SQLLEN buffer_length) {
  if (t == SQL_C_ULONG) {
    if (buffer) *static_cast<SQLUINTEGER*>(buffer) = static_cast<SQLUINTEGER>(bookmark);
    return sizeof(SQLUINTEGER);
  }
  if (buffer && (t != SQL_C_VARBOOKMARK || buffer_length >= static_cast<SQLLEN>(sizeof bookmark))) {
    std::memcpy(buffer, &bookmark, sizeof bookmark);
  }
  return sizeof bookmark;
}

// Where element `row_in_set` of the buffers bound to column 0 is (bind offset, row- or
// column-wise binding applied).
struct BookmarkSlot {
  void* data = nullptr;
  SQLLEN* length = nullptr;
};

BookmarkSlot bookmark_slot(const Descriptor& ard, const DescRecord& rec, SQLULEN row_in_set) {
  const SQLLEN offset = ard.bind_offset_ptr ? *ard.bind_offset_ptr : 0;
  const bool row_wise = ard.bind_type != SQL_BIND_BY_COLUMN;
  const auto row = static_cast<SQLLEN>(row_in_set);
  const SQLLEN size = rec.concise_type == SQL_C_ULONG ? static_cast<SQLLEN>(sizeof(SQLUINTEGER))
                      : rec.concise_type == SQL_C_VARBOOKMARK ? rec.octet_length
                                                              : static_cast<SQLLEN>(sizeof(SQLULEN));
  const SQLLEN data_at = offset + row * (row_wise ? static_cast<SQLLEN>(ard.bind_type) : size);
  const SQLLEN length_at = offset + row * (row_wise ? static_cast<SQLLEN>(ard.bind_type) : static_cast<SQLLEN>(sizeof(SQLLEN)));
  BookmarkSlot slot;
  if (rec.data_ptr) slot.data = static_cast<char*>(rec.data_ptr) + data_at;
  if (rec.indicator_ptr) slot.length = reinterpret_cast<SQLLEN*>(reinterpret_cast<char*>(rec.indicator_ptr) + length_at);
  return slot;
}

}  // namespace

void Statement::check_bookmark_binding(SQLSMALLINT c_type) const {
  if (use_bookmarks_ == SQL_UB_OFF) throw OdbcError("07009", "column 0 is the bookmark column; SQL_ATTR_USE_BOOKMARKS is off");
  if (!is_bookmark_type(c_type)) {
    throw OdbcError("HY003", "the bookmark column takes SQL_C_BOOKMARK or SQL_C_VARBOOKMARK");
  }
}

const ColumnInfo& Statement::bookmark_column() const {
  if (use_bookmarks_ == SQL_UB_OFF) throw OdbcError("07009", "column 0 is the bookmark column; SQL_ATTR_USE_BOOKMARKS is off");
  auto describe = [](bool variable) {
    ColumnInfo c;
    c.sql_type = variable ? SQL_BINARY : SQL_INTEGER;
    c.column_size = variable ? sizeof(SQLULEN) : 10;
    c.octet_length = variable ? static_cast<SQLLEN>(sizeof(SQLULEN)) : static_cast<SQLLEN>(sizeof(SQLUINTEGER));
    c.display_size = variable ? 2 * static_cast<SQLLEN>(sizeof(SQLULEN)) : 10;
    c.nullable = SQL_NO_NULLS;
    c.is_unsigned = true;
    c.is_binary = variable;
    c.type_name = "bookmark";
    return c;
  };
  static const ColumnInfo variable = describe(true), fixed = describe(false);
  return use_bookmarks_ == SQL_UB_VARIABLE ? variable : fixed;
}

SQLULEN Statement::current_bookmark() const {
  if (auto* rows = dynamic_cast<const MemoryResult*>(result_.get())) return static_cast<SQLULEN>(rows->position()) + 1;
  return rows_fetched_;  // forward-only: the number of the row just read
}

void Statement::write_bound_bookmark(SQLULEN row_in_set) { write_bookmark_at(row_in_set, current_bookmark()); }

bool Statement::write_bookmark_at(SQLULEN row_in_set, SQLULEN bookmark) {
  const DescRecord* rec = ard_->find(0);
  if (!rec || !rec->bound || (!rec->data_ptr && !rec->indicator_ptr)) return false;
  const BookmarkSlot slot = bookmark_slot(*ard_, *rec, row_in_set);
  const SQLLEN written = write_bookmark_value(bookmark, rec->concise_type, slot.data, rec->octet_length);
  if (slot.length) *slot.length = written;
  return true;
}

SQLULEN Statement::bound_bookmark(SQLULEN row_in_set) const {
  const DescRecord* rec = ard_->find(0);
  if (!rec || !rec->bound || !rec->data_ptr) {
    throw OdbcError("HY092", "the by-bookmark operations read the bookmarks from column 0: bind it first (SQLBindCol 0)");
  }
  if (rec->concise_type == SQL_C_VARBOOKMARK && rec->octet_length < static_cast<SQLLEN>(sizeof(SQLULEN))) {
    throw OdbcError("HY090", "the buffer bound to column 0 is smaller than a bookmark (" +
                                 std::to_string(sizeof(SQLULEN)) + " bytes)");
  }
  const BookmarkSlot slot = bookmark_slot(*ard_, *rec, row_in_set);
  if (rec->concise_type == SQL_C_ULONG) return *static_cast<const SQLUINTEGER*>(slot.data);
  SQLULEN bookmark = 0;
  std::memcpy(&bookmark, slot.data, sizeof bookmark);
  return bookmark;
}

SQLRETURN Statement::get_bookmark(SQLSMALLINT c_type, SQLPOINTER value, SQLLEN buffer_length, SQLLEN* indicator) {
  if (c_type == SQL_C_DEFAULT) c_type = SQL_C_BOOKMARK;
  check_bookmark_binding(c_type);
  const SQLLEN written = write_bookmark_value(current_bookmark(), c_type, value, buffer_length);
  if (indicator) *indicator = written;
  if (c_type == SQL_C_VARBOOKMARK && buffer_length < written) {
    diagnostics().add("01004", "string data, right truncated: the bookmark takes " + std::to_string(written) + " bytes");
    return SQL_SUCCESS_WITH_INFO;
  }
  return SQL_SUCCESS;
}

int64_t Statement::bookmark_start(SQLLEN offset) const {
  if (use_bookmarks_ == SQL_UB_OFF) throw OdbcError("HY106", "SQL_FETCH_BOOKMARK needs SQL_ATTR_USE_BOOKMARKS");
  if (!fetch_bookmark_ptr_) throw OdbcError("HY111", "SQL_ATTR_FETCH_BOOKMARK_PTR is not set");
  const DescRecord* rec = ard_->find(0);
  SQLULEN bookmark = 0;
  if (rec && rec->bound && rec->concise_type == SQL_C_ULONG) {
    bookmark = *static_cast<const SQLUINTEGER*>(fetch_bookmark_ptr_);
  } else {
    std::memcpy(&bookmark, fetch_bookmark_ptr_, sizeof bookmark);
  }
  const auto* rows = dynamic_cast<const MemoryResult*>(result_.get());
  if (bookmark == 0 || !rows || bookmark > rows->row_count()) {
    throw OdbcError("HY111", "invalid bookmark value " + std::to_string(bookmark));
  }
  return static_cast<int64_t>(bookmark) - 1 + offset;
}

}  // namespace fabodbc
