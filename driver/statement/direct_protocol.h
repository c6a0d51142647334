// Which protocol SQLExecDirect uses for a single SELECT without parameters, chosen from what
// the same statement shape returned before.
//
// Why: the binary protocol (prepare + execute in one round trip, then COM_STMT_CLOSE) saves the
// server from formatting numbers and dates as text, which halves the server's work on a large
// result (1M rows: 0.30 s of server CPU against 0.75 s as text), but costs the server a
// prepare and a close per statement: about +38 us on a point select, against the text
// protocol. Per row the text protocol costs the server about 0.45 us more, so the two break
// even at roughly 80 rows. A statement's text does not say how many rows it returns; its
// shape's last execution does: the text with its literals left out, so "... WHERE id = 7" and
// "... WHERE id = 8" are one shape.
//
// The rule: a shape not seen yet goes binary (what the driver always did, and right for a
// large result); a shape whose last result had at most kSmallResultRows rows goes as text; a
// text result that turned out larger sends its shape back to binary. A wrong guess costs one
// statement the other protocol's price; the results and their types are the same on both
// paths (tests/integration/driver/exec_direct_binary_test.cpp).
//
// The memory is process-wide (shapes are shared by every connection, and a hint cannot make a
// result wrong): a fixed table of atomics, no lock and no allocation.
#pragma once

#include <cstdint>
#include <string_view>

namespace fabodbc::direct_protocol {

constexpr uint64_t kSmallResultRows = 64;

// The statement's shape: a hash of its text with numbers and quoted strings skipped and runs
// of white space counted as one. Never 0.
uint64_t shape_of(std::string_view sql) noexcept;

// True when the shape's last result was small: run the statement as text.
bool prefers_text(uint64_t shape) noexcept;

// What a result of the shape held: `rows`, or more than kSmallResultRows when `rows` exceeds it.
void remember(uint64_t shape, uint64_t rows) noexcept;

}  // namespace fabodbc::direct_protocol
