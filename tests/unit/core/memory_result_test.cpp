#include "driver/results/memory_result.h"

#include <gtest/gtest.h>

namespace fabodbc {
namespace {

std::string text(const Cell& c) { return std::string(c.data, c.length); }

std::unique_ptr<MemoryResult> two_by_three() {
  auto r = std::make_unique<MemoryResult>(std::vector<ColumnInfo>{
      MemoryResult::column("A", SQL_VARCHAR, 10), MemoryResult::column("B", SQL_INTEGER, 10)});
  r->push_text("x");
  r->push_int(1);
  r->push_text("y");
  r->push_null();
  r->push_text("z");
  r->push_int(3);
  return r;
}

TEST(MemoryResult, IteratesRows) {
  auto r = two_by_three();
  EXPECT_EQ(r->row_count(), 3u);
  ASSERT_TRUE(r->next());
  EXPECT_EQ(text(r->row()[0]), "x");
  EXPECT_EQ(r->row()[1].i, 1);
  ASSERT_TRUE(r->next());
  EXPECT_EQ(r->row()[1].kind, Cell::Kind::Null);
  ASSERT_TRUE(r->next());
  EXPECT_FALSE(r->next());
  EXPECT_FALSE(r->next());
  EXPECT_FALSE(r->streaming());
}

TEST(MemoryResult, OwnChangesReplaceRowsAndLeaveHoles) {
  auto r = two_by_three();
  std::string replacement = "new";
  Cell cells[2] = {Cell::text(replacement.data(), replacement.size()), Cell::null()};
  r->replace_row(1, cells);
  replacement = "XXX";  // the result keeps its own copy of the text
  EXPECT_EQ(text(r->row_at(1)[0]), "new");
  EXPECT_EQ(r->row_at(1)[1].kind, Cell::Kind::Null);
  EXPECT_EQ(text(r->row_at(2)[0]), "z");
  EXPECT_FALSE(r->is_deleted(0));
  r->mark_deleted(2);
  EXPECT_TRUE(r->is_deleted(2));
  EXPECT_FALSE(r->is_deleted(1));
  EXPECT_EQ(r->row_count(), 3u);  // a hole, not a removal: row numbers and bookmarks stay
  // An added row comes last; a cursor after the last row stays after it.
  while (r->next()) {
  }
  Cell added[2] = {Cell::text("w", 1), Cell::null()};
  r->append_row(added);
  EXPECT_EQ(r->row_count(), 4u);
  EXPECT_EQ(text(r->row_at(3)[0]), "w");
  EXPECT_EQ(r->position(), 4u);
  EXPECT_FALSE(r->next());
}

TEST(MemoryResult, BufferKeepsTheCurrentRow) {
  auto source = two_by_three();
  ASSERT_TRUE(source->next());
  ASSERT_TRUE(source->next());  // on "y"
  auto copy = MemoryResult::buffer(*source, true);
  EXPECT_EQ(copy->row_count(), 2u);
  EXPECT_EQ(text(copy->row()[0]), "y");  // still the current row
  ASSERT_TRUE(copy->next());
  EXPECT_EQ(text(copy->row()[0]), "z");
  EXPECT_FALSE(copy->next());
}

TEST(MemoryResult, BufferWithoutCurrentRowStartsBeforeFirst) {
  auto source = two_by_three();
  auto copy = MemoryResult::buffer(*source, false);
  ASSERT_TRUE(copy->next());
  EXPECT_EQ(text(copy->row()[0]), "x");
}

TEST(MemoryResult, CatalogColumnsDescribeThemselves) {
  ColumnInfo c = MemoryResult::column("DATA_TYPE", SQL_SMALLINT, 5, SQL_NO_NULLS);
  EXPECT_EQ(c.field.name, "DATA_TYPE");
  EXPECT_EQ(c.sql_type, SQL_SMALLINT);
  EXPECT_EQ(c.nullable, SQL_NO_NULLS);
}

TEST(MemoryResult, RowsBuiltInPlaceShareStoredText) {
  MemoryResult r(std::vector<ColumnInfo>{MemoryResult::column("A", SQL_VARCHAR, 10),
                                         MemoryResult::column("B", SQL_INTEGER, 10)});
  r.reserve_rows(2);
  const std::string_view shared = r.store_text("int");
  for (int i = 0; i < 2; ++i) {
    Cell* c = r.append_empty_row();
    EXPECT_EQ(c[0].kind, Cell::Kind::Null);  // a new row starts NULL
    c[0] = Cell::text(shared.data(), shared.size());
  }
  ASSERT_EQ(r.row_count(), 2u);
  ASSERT_TRUE(r.next());
  EXPECT_EQ(text(r.row()[0]), "int");
  EXPECT_EQ(r.row()[1].kind, Cell::Kind::Null);
  ASSERT_TRUE(r.next());
  EXPECT_EQ(r.row()[0].data, shared.data());
}

TEST(TextArena, StoredTextStaysWhereItIs) {
  TextArena arena;
  std::vector<std::pair<std::string_view, std::string>> stored;
  // Enough values to fill several blocks, some larger than a block's share, and empty ones.
  for (int i = 0; i < 5000; ++i) {
    std::string value = i % 97 == 0 ? std::string(10000 + i, 'a' + i % 26) : "value-" + std::to_string(i);
    if (i % 50 == 0) value.clear();
    stored.emplace_back(arena.store(value), value);
  }
  for (const auto& [view, value] : stored) {
    ASSERT_EQ(view, value);
    EXPECT_NE(view.data(), nullptr);
  }
}

}  // namespace
}  // namespace fabodbc
