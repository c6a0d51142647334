#include "driver/routing/replay_log.h"

#include "driver/sql/sql_lexer.h"

#include <cctype>
#include <cstring>
#include <vector>

namespace fabodbc::routing {

namespace {

bool iequal(std::string_view word, std::string_view upper) noexcept {
  if (word.size() != upper.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (c != upper[i]) return false;
  }
  return true;
}

bool is_one_of(std::string_view word, std::initializer_list<std::string_view> set) noexcept {
  for (std::string_view s : set)
    if (iequal(word, s)) return true;
  return false;
}

// A keyword list with a quick reject: most words of a statement (table and column names) share
// neither a first letter and a length with any keyword, and cost two table lookups.
class Keywords {
 public:
  Keywords(std::initializer_list<std::string_view> words) : words_(words) {
    for (std::string_view w : words_) {
      first_[static_cast<unsigned char>(w[0])] = true;
      if (w.size() < 64) lengths_ |= uint64_t{1} << w.size();
    }
  }
  bool has(std::string_view word) const noexcept {
    if (word.empty() || word.size() >= 64 || !(lengths_ & (uint64_t{1} << word.size()))) return false;
    char c = word[0];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (!first_[static_cast<unsigned char>(c)]) return false;
    for (std::string_view w : words_)
      if (iequal(word, w)) return true;
    return false;
  }

 private:
  std::vector<std::string_view> words_;
  bool first_[256] = {};
  uint64_t lengths_ = 0;
};

const Keywords& unsafe_anywhere() {
  static const Keywords k{"GET_LOCK",     "RELEASE_LOCK", "RELEASE_ALL_LOCKS", "IS_FREE_LOCK",       "IS_USED_LOCK",
                          "TEMPORARY",    "SLEEP",        "CONNECTION_ID",     "SQL_CALC_FOUND_ROWS"};
  return k;
}

const Keywords& non_deterministic() {
  static const Keywords k{"NOW",       "SYSDATE",   "CURRENT_TIMESTAMP", "CURRENT_DATE",   "CURRENT_TIME",
                          "CURDATE",   "CURTIME",   "UNIX_TIMESTAMP",    "UTC_TIMESTAMP",  "UTC_DATE",
                          "UTC_TIME",  "LOCALTIME", "LOCALTIMESTAMP",    "RAND",           "UUID",
                          "UUID_SHORT", "SYS_GUID", "LAST_INSERT_ID",    "ROW_COUNT",      "FOUND_ROWS",
                          "NEXTVAL",   "LASTVAL",   "SETVAL",            "NEXT",           "RANDOM_BYTES"};
  return k;
}

// Calls f(word) for each word of `sql` outside strings, quoted identifiers and comments (no
// copies: this runs after every statement of a replayable transaction), and reports whether
// a user variable (@name, not @@system) appears. f returns false to stop.
template <class F>
bool each_word(std::string_view sql, F f) {
  sql::LexRules rules;
  bool user_variable = false;
  size_t i = 0;
  const size_t n = sql.size();
  while (i < n) {
    const char c = sql[i];
    if (c == '\'' || c == '"' || c == '`' || c == '#' || c == '/' || c == '-') {
      size_t j;
      try {
        j = sql::skip_quoted_or_comment(sql, i, rules);
      } catch (...) {
        break;  // unclosed: the server will refuse it anyway
      }
      i = j != i ? j : i + 1;
      continue;
    }
    if (c == '@') {
      const bool system = i + 1 < n && sql[i + 1] == '@';
      if (!system) user_variable = true;
      i += system ? 2 : 1;
      while (i < n && sql::is_identifier_char(sql[i])) ++i;  // @@autocommit is not a word
      continue;
    }
    if (sql::is_identifier_char(c)) {
      size_t e = i;
      while (e < n && sql::is_identifier_char(sql[e])) ++e;
      if (!f(sql.substr(i, e - i))) return user_variable;
      i = e;
      continue;
    }
    ++i;
  }
  return user_variable;
}

std::string upper(std::string_view w) {
  std::string u(w);
  for (char& ch : u) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return u;
}

}  // namespace

ReplayLog::ReplayLog(bool enabled, size_t max_statements, size_t max_bytes)
    : enabled_(enabled), max_statements_(max_statements), max_bytes_(max_bytes) {}

void ReplayLog::clear() noexcept {
  entries_.clear();
  bytes_ = 0;
  poisoned_ = false;
  why_not_.clear();
  ++generation_;
}

void ReplayLog::poison(std::string why) {
  if (!enabled_ || poisoned_) return;
  poisoned_ = true;
  why_not_ = std::move(why);
  entries_.clear();
  entries_.shrink_to_fit();
  bytes_ = 0;
}

std::string ReplayLog::unreplayable_because(std::string_view sql) {
  std::string why;
  bool first = true, reads_only = false;
  const bool user_variable = each_word(sql, [&](std::string_view word) {
    if (first) {
      first = false;
      if (is_one_of(word, {"CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE", "GRANT", "REVOKE", "LOCK", "UNLOCK", "XA",
                           "CALL", "LOAD", "HANDLER", "SET", "FLUSH", "ANALYZE", "OPTIMIZE", "REPAIR", "INSTALL",
                           "UNINSTALL", "SAVEPOINT", "RELEASE", "DO", "PREPARE", "EXECUTE", "DEALLOCATE"})) {
        why = upper(word) + " statements are not replayed";
        return false;
      }
      reads_only = is_one_of(word, {"SELECT", "WITH", "VALUES", "SHOW", "DESCRIBE", "DESC", "EXPLAIN"});
      return true;
    }
    if (unsafe_anywhere().has(word)) {
      why = upper(word) + " cannot be replayed";
      return false;
    }
    // A read's rows are checked like any other (FOR UPDATE included); a write's values are not.
    if (!reads_only && non_deterministic().has(word)) {
      why = "a write uses the non-deterministic " + upper(word);
      return false;
    }
    return true;
  });
  if (why.empty() && user_variable) why = "the transaction uses user variables";
  return why;
}

bool ReplayLog::commits(std::string_view sql) {
  bool commits = false;
  each_word(sql, [&](std::string_view word) {
    commits = is_one_of(word, {"COMMIT", "CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE", "GRANT", "REVOKE", "LOCK",
                               "UNLOCK", "SET", "BEGIN", "START", "XA", "CALL", "LOAD", "FLUSH", "ANALYZE", "OPTIMIZE",
                               "REPAIR"});
    return false;  // the first word decides
  });
  return commits;
}

size_t ReplayLog::add(ReplayEntry entry, std::string_view state) {
  if (!enabled_ || poisoned_) return npos;
  // The server's transaction state (session_track_transaction_info=STATE, "T_RwW_S_"):
  // 'w' a non-transactional table was written, 'L' tables are locked.
  if (state.size() >= 8 && (state[3] == 'w' || state[7] == 'L')) {
    poison(state[3] == 'w' ? "a non-transactional table was written" : "tables are locked");
    return npos;
  }
  if (std::string why = unreplayable_because(entry.sql); !why.empty()) {
    poison(std::move(why));
    return npos;
  }
  size_t size = entry.sql.size();
  for (const ParamValue& p : entry.params) size += p.bytes.size() + sizeof(ParamValue);
  if (entries_.size() + 1 > max_statements_ || bytes_ + size > max_bytes_) {
    poison("the transaction is larger than FABRIC_REPLAY_MAX_STATEMENTS / FABRIC_REPLAY_MAX_BYTES allow");
    return npos;
  }
  bytes_ += size;
  entry.checksum = kEmpty;
  entries_.push_back(std::move(entry));
  return entries_.size() - 1;
}

void ReplayLog::add_row(size_t index, uint64_t generation, const Cell* cells, size_t count) noexcept {
  if (generation != generation_ || index >= entries_.size()) return;
  ReplayEntry& e = entries_[index];
  e.checksum = hash_row(e.checksum, cells, count);
  ++e.rows;
}

void ReplayLog::set_checksum(size_t index, uint64_t generation, uint64_t rows, uint64_t checksum) noexcept {
  if (generation != generation_ || index >= entries_.size()) return;
  entries_[index].whole_result = true;
  entries_[index].rows = rows;
  entries_[index].checksum = checksum;
}

uint64_t ReplayLog::hash_row(uint64_t h, const Cell* cells, size_t count) noexcept {
  auto mix = [&h](const void* p, size_t n) {
    const unsigned char* b = static_cast<const unsigned char*>(p);
    for (size_t i = 0; i < n; ++i) {
      h ^= b[i];
      h *= 1099511628211ull;
    }
  };
  for (size_t i = 0; i < count; ++i) {
    const Cell& c = cells[i];
    const uint8_t kind = static_cast<uint8_t>(c.kind);
    mix(&kind, 1);
    switch (c.kind) {
      case Cell::Kind::Null: break;
      case Cell::Kind::Text:
        mix(&c.length, sizeof c.length);
        if (c.length) mix(c.data, c.length);
        break;
      case Cell::Kind::Int: mix(&c.i, sizeof c.i); break;
      case Cell::Kind::UInt: mix(&c.u, sizeof c.u); break;
      case Cell::Kind::Double: mix(&c.d, sizeof c.d); break;
      case Cell::Kind::Date:
      case Cell::Kind::Time:
      case Cell::Kind::DateTime: {
        // Field by field: the struct's padding is not part of the value.
        const uint64_t parts[] = {static_cast<uint64_t>(static_cast<int64_t>(c.t.year)), c.t.month, c.t.day,
                                  c.t.hour, c.t.minute, c.t.second, c.t.fraction_ns, c.t.negative ? 1u : 0u};
        mix(parts, sizeof parts);
        break;
      }
    }
  }
  return h;
}

}  // namespace fabodbc::routing
