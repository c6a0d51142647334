// The statement shapes SQLExecDirect chooses its protocol by (driver/statement/direct_protocol.h):
// literals do not count, everything else does; and what a shape's last result was decides.
#include "driver/statement/direct_protocol.h"

#include <gtest/gtest.h>

namespace fabodbc::direct_protocol {
namespace {

TEST(DirectProtocolShape, LiteralsDoNotCount) {
  EXPECT_EQ(shape_of("SELECT name FROM t WHERE id = 7"), shape_of("SELECT name FROM t WHERE id = 123456"));
  EXPECT_EQ(shape_of("SELECT * FROM t WHERE a = 'x' AND b = 2.5e-3"),
            shape_of("SELECT * FROM t WHERE a = 'it''s \\' quoted' AND b = 0x1F"));
  EXPECT_EQ(shape_of("SELECT  1\n FROM\tt"), shape_of("SELECT 2 FROM t"));  // runs of white space are one
}

TEST(DirectProtocolShape, NamesAndStructureCount) {
  EXPECT_NE(shape_of("SELECT name FROM t1 WHERE id = 7"), shape_of("SELECT name FROM t2 WHERE id = 7"));
  EXPECT_NE(shape_of("SELECT a FROM t"), shape_of("SELECT b FROM t"));
  EXPECT_NE(shape_of("SELECT a FROM t WHERE id = 1"), shape_of("SELECT a FROM t WHERE id > 1"));
  EXPECT_NE(shape_of("SELECT a FROM t /* x */"), shape_of("SELECT a FROM t /* y */"));
  EXPECT_NE(shape_of(""), 0u);
}

TEST(DirectProtocolChoice, UnseenShapesGoBinarySmallResultsGoText) {
  const uint64_t shape = shape_of("SELECT v FROM direct_protocol_unit_test WHERE k = 1");
  EXPECT_FALSE(prefers_text(shape));
  remember(shape, 1);
  EXPECT_TRUE(prefers_text(shape));
  EXPECT_TRUE(prefers_text(shape_of("SELECT v FROM direct_protocol_unit_test WHERE k = 99")));
  remember(shape, kSmallResultRows);
  EXPECT_TRUE(prefers_text(shape));
  remember(shape, kSmallResultRows + 1);
  EXPECT_FALSE(prefers_text(shape));
}

}  // namespace
}  // namespace fabodbc::direct_protocol
