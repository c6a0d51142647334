// libFuzzer: shard keys and bounds. The input is lines: the first names the sharding type
// (RANGE, RANGE_INTEGER, RANGE_STRING, RANGE_DATETIME, HASH; anything else picks one by its
// first byte), the last is the key, the ones between are the lower bounds of a table db.t built
// with Topology::build (bound i in group g<i % 4>; g0 has a primary and a secondary, g1 only a
// secondary, g2 only a primary, g3 no server). FabricError is an expected outcome where the
// contract says so; a crash, another exception or a broken invariant is a finding:
//   * parse_int64_key and parse_datetime_key accept exactly their grammars, with the values of
//     an independent reference (a different day-count formula for dates);
//   * build() refuses a numeric table with an unparsable bound (Malformed) and otherwise keeps
//     each bound once, sorted, with the group of its first row;
//   * lookup_shard finds the largest bound <= key (RANGE*), KeyBelowLowerBound when there is
//     none, BadKey for an unparsable key; HASH takes the largest bound <= MD5(key) in upper-case
//     hex (OpenSSL's MD5 as the reference), or wraps to the highest bound;
//   * Router::resolve over that topology lands in the group the lookup names, on its primary for
//     READ_WRITE and on a secondary (the primary without one) for READ_ONLY, GLOBAL scope in the
//     global group; the documented errors otherwise.
#include <openssl/evp.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fabric/error.h"
#include "fabric/router.h"
#include "fabric/shard_key.h"
#include "fabric/topology.h"

using namespace fabodbc::fabric;

namespace {

void check(bool ok) {
  if (!ok) __builtin_trap();
}

bool digit(char c) { return c >= '0' && c <= '9'; }

// [+-]?[0-9]+ within int64.
std::optional<std::int64_t> ref_int64(std::string_view t) {
  bool negative = false;
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) {
    negative = t[0] == '-';
    t.remove_prefix(1);
  }
  if (t.empty()) return std::nullopt;
  unsigned __int128 v = 0;
  for (char c : t) {
    if (!digit(c)) return std::nullopt;
    v = v * 10 + static_cast<unsigned>(c - '0');
    if (v > (static_cast<unsigned __int128>(1) << 63)) return std::nullopt;
  }
  if (!negative && v == (static_cast<unsigned __int128>(1) << 63)) return std::nullopt;
  return negative ? static_cast<std::int64_t>(-static_cast<__int128>(v)) : static_cast<std::int64_t>(v);
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Days since 1970-01-01: whole years since year 0 (leap years among 0..y-1 counted by ceiling
// divisions), then whole months of the year, a different formula from the one under test.
std::int64_t ref_days(int y, int m, int d) {
  const std::int64_t leaps_before = (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
  std::int64_t days = 365LL * y + leaps_before;
  static const int kMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int i = 1; i < m; ++i) days += kMonth[i - 1] + (i == 2 && leap(y) ? 1 : 0);
  return days + (d - 1) - 719528;  // 719528: days from 0000-01-01 to 1970-01-01
}

int num(std::string_view t, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (t[i] - '0');
  return v;
}

// YYYY-MM-DD, or YYYY-MM-DD[ T]HH:MM:SS with an optional .f to .ffffff, as microseconds.
std::optional<std::int64_t> ref_datetime(std::string_view t) {
  const size_t n = t.size();
  if (n != 10 && !(n == 19 || (n >= 21 && n <= 26))) return std::nullopt;
  static const char kShape[] = "DDDD-DD-DD DD:DD:DD.DDDDDD";
  for (size_t i = 0; i < n; ++i) {
    const char want = kShape[i];
    if (want == 'D' ? !digit(t[i]) : i == 10 ? (t[i] != ' ' && t[i] != 'T') : t[i] != want) return std::nullopt;
  }
  const int y = num(t, 0, 4), mo = num(t, 5, 2), d = num(t, 8, 2);
  static const int kMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mo < 1 || mo > 12 || d < 1 || d > kMonth[mo - 1] + (mo == 2 && leap(y) ? 1 : 0)) return std::nullopt;
  std::int64_t micros = ref_days(y, mo, d) * 86400LL * 1000000LL;
  if (n > 10) {
    const int h = num(t, 11, 2), mi = num(t, 14, 2), s = num(t, 17, 2);
    if (h > 23 || mi > 59 || s > 59) return std::nullopt;
    micros += (h * 3600LL + mi * 60LL + s) * 1000000LL;
    std::int64_t fraction = 0;
    for (size_t i = 20; i < 26; ++i) fraction = fraction * 10 + (i < n ? t[i] - '0' : 0);
    micros += fraction;
  }
  return micros;
}

std::string md5_upper_hex(std::string_view key) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(key.data(), key.size(), digest, &len, EVP_md5(), nullptr);
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

// Bytewise (unsigned) order, the server's utf8_bin.
bool bytes_le(std::string_view a, std::string_view b) {
  const int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
  return c < 0 || (c == 0 && a.size() <= b.size());
}

Server server(const std::string& uuid, const std::string& group, bool primary) {
  Server s;
  s.uuid = uuid;
  s.group_id = group;
  s.host = "127.0.0.1";
  s.status = primary ? ServerStatus::Primary : ServerStatus::Secondary;
  s.mode = primary ? ServerMode::ReadWrite : ServerMode::ReadOnly;
  return s;
}

template <class F>
std::optional<ErrorCategory> error_of(F&& f) {
  try {
    f();
  } catch (const FabricError& e) {
    return e.category();
  }
  return std::nullopt;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> lines;
  for (size_t start = 0;;) {
    const size_t nl = in.find('\n', start);
    lines.push_back(in.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (nl == std::string_view::npos || lines.size() == 66) break;
    start = nl + 1;
  }

  // The parsers against their references, on every line.
  for (std::string_view l : lines) {
    check(parse_int64_key(l) == ref_int64(l));
    check(parse_datetime_key(l) == ref_datetime(l));
  }
  if (lines.size() < 2) return 0;

  ShardingType type;
  std::string type_name(lines.front());
  if (!parse_sharding_type(type_name, type)) {
    static const ShardingType kTypes[] = {ShardingType::Range, ShardingType::RangeInteger, ShardingType::RangeString,
                                          ShardingType::RangeDatetime, ShardingType::Hash};
    type = kTypes[(type_name.empty() ? 0 : static_cast<unsigned char>(type_name[0])) % 5];
    type_name = to_string(type);
  }
  const std::string_view key = lines.back();
  const std::vector<std::string_view> bounds(lines.begin() + 1, lines.end() - 1);
  const bool numeric = type == ShardingType::Range || type == ShardingType::RangeInteger ||
                       type == ShardingType::RangeDatetime;
  auto ref_number = [&](std::string_view t) {
    return type == ShardingType::RangeDatetime ? ref_datetime(t) : ref_int64(t);
  };
  // What the lookup compares: numbers, the text, or HASH's upper-cased text.
  auto hash_text = [](std::string_view t) {
    std::string s(t);
    for (char& c : s)
      if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
    return s;
  };

  std::vector<ShardRow> rows;
  bool all_parse = true;
  for (size_t i = 0; i < bounds.size(); ++i) {
    rows.push_back({"db", "t", "k", std::string(bounds[i]), static_cast<std::int64_t>(i + 1), type_name,
                    "g" + std::to_string(i % 4), "global", 1});
    if (numeric && !ref_number(bounds[i])) all_parse = false;
  }
  std::vector<Server> servers = {server("g0-p", "g0", true), server("g0-s", "g0", false), server("g1-s", "g1", false),
                                 server("g2-p", "g2", true), server("global-p", "global", true)};
  std::shared_ptr<const Topology> topo;
  try {
    topo = Topology::build(servers, rows, 1);
  } catch (const FabricError& e) {
    check(e.category() == ErrorCategory::Malformed && !all_parse);
    return 0;
  }
  check(all_parse);
  const ShardTable* t = topo->find_table("db.t");
  if (bounds.empty()) {
    check(t == nullptr);
    return 0;
  }
  check(t != nullptr && t->type == type);
  const size_t n = t->bound_text.size();
  check(n >= 1 && n <= bounds.size() && t->group_ids.size() == n && t->groups.size() == n && t->shard_ids.size() == n);
  // Sorted, each bound once, with the group of its first row; every row's bound is there.
  for (size_t i = 0; i + 1 < n; ++i) {
    if (numeric) check(t->bound_num[i] < t->bound_num[i + 1]);
    else check(bytes_le(t->bound_text[i], t->bound_text[i + 1]) && t->bound_text[i] != t->bound_text[i + 1]);
  }
  for (size_t i = 0; i < n; ++i) {
    check(t->groups[i] == topo->find_group(t->group_ids[i]));
    size_t first = bounds.size();
    for (size_t r = 0; r < bounds.size() && first == bounds.size(); ++r) {
      const bool same = numeric ? *ref_number(bounds[r]) == t->bound_num[i]
                                : (type == ShardingType::Hash ? hash_text(bounds[r]) : std::string(bounds[r])) ==
                                      t->bound_text[i];
      if (same) first = r;
    }
    check(first < bounds.size());
    check(t->group_ids[i] == rows[first].group_id && t->shard_ids[i] == rows[first].shard_id);
  }

  // The lookup, against a linear scan.
  std::optional<size_t> want;  // index expected
  bool wrapped = false;
  std::optional<ErrorCategory> want_error;
  if (numeric) {
    const auto k = ref_number(key);
    if (!k) want_error = ErrorCategory::BadKey;
    else
      for (size_t i = 0; i < n; ++i)
        if (t->bound_num[i] <= *k) want = i;
  } else {
    const std::string k = type == ShardingType::Hash ? md5_upper_hex(key) : std::string(key);
    for (size_t i = 0; i < n; ++i)
      if (bytes_le(t->bound_text[i], k)) want = i;
    if (type == ShardingType::Hash && !want) {
      want = n - 1;
      wrapped = true;
    }
  }
  if (!want && !want_error) want_error = ErrorCategory::KeyBelowLowerBound;
  ShardMatch m;
  const auto error = error_of([&] { m = lookup_shard(*t, key); });
  check(error == want_error);
  if (!error) check(m.index == *want && m.wrapped == wrapped);

  // Routing over the same topology: the group the lookup names, its right member.
  FabricEndpoint endpoint;
  Router router(endpoint, [topo](const Deadline*) { return topo; });
  for (const AccessMode mode : {AccessMode::ReadWrite, AccessMode::ReadOnly}) {
    Route r;
    const auto route_error =
        error_of([&] { r = router.resolve(RouteRequest::for_shard({"db.t"}, std::string(key), mode)); });
    if (key.empty()) {  // LOCAL scope needs a key: refused before any lookup
      check(route_error == ErrorCategory::InvalidRequest);
      continue;
    }
    if (error) {
      check(route_error == error);
      continue;
    }
    const std::string& gid = t->group_ids[m.index];
    if (gid == "g3") check(route_error == ErrorCategory::UnknownGroup);
    else if (gid == "g1" && mode == AccessMode::ReadWrite) check(route_error == ErrorCategory::NoPrimary);
    else {
      check(!route_error && r.server && r.server->group_id == gid && r.table == t && r.shard.index == m.index);
      const bool want_primary = mode == AccessMode::ReadWrite || gid == "g2";
      check((r.server->status == ServerStatus::Primary) == want_primary);
    }
  }
  Route g;
  check(!error_of([&] {
    g = router.resolve(RouteRequest::for_shard({"db.t"}, std::string(key), AccessMode::ReadWrite, Scope::Global));
  }));
  check(g.server && g.server->uuid == "global-p");
  return 0;
}
