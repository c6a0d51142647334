// Prepared point selects: raw libmysqlclient and ODBC runners, the single-variant measurements
// built on them, and the interleaved measurement that compares them within one process.
#include "tests/bench/point_select.h"

#include <sql.h>
#include <sqlext.h>

#include <algorithm>
#include <cstring>

namespace fabodbc::bench {

namespace {

unsigned key_of(unsigned i, unsigned max_id) { return 1 + (i * 7919u) % max_id; }

class RawPointSelect : public PointSelect {
 public:
  RawPointSelect(const Target& t, unsigned max_id) : raw_(t), max_id_(max_id) {
    s_ = mysql_stmt_init(raw_.m);
    stmt_check(s_, mysql_stmt_prepare(s_, kPointQuery, std::strlen(kPointQuery)), "prepare");
    MYSQL_BIND p;
    std::memset(&p, 0, sizeof p);
    p.buffer_type = MYSQL_TYPE_LONG;
    p.buffer = &key_;
    stmt_check(s_, mysql_stmt_bind_param(s_, &p), "bind param");
    MYSQL_BIND r;
    std::memset(&r, 0, sizeof r);
    r.buffer_type = MYSQL_TYPE_STRING;
    r.buffer = name_;
    r.buffer_length = sizeof name_;
    r.length = &name_len_;
    stmt_check(s_, mysql_stmt_bind_result(s_, &r), "bind result");
  }
  ~RawPointSelect() override { mysql_stmt_close(s_); }

  uint64_t run(unsigned first, unsigned count) override {
    uint64_t sum = 0;
    for (unsigned i = first; i < first + count; ++i) {
      key_ = static_cast<int>(key_of(i, max_id_));
      stmt_check(s_, mysql_stmt_execute(s_), "execute");
      int rc = mysql_stmt_fetch(s_);
      if (rc != 0 && rc != MYSQL_DATA_TRUNCATED) throw std::runtime_error("point select: no row");
      sum += name_len_;
      mysql_stmt_free_result(s_);
    }
    return sum;
  }

 private:
  RawSession raw_;
  unsigned max_id_;
  MYSQL_STMT* s_ = nullptr;
  int key_ = 0;
  char name_[64];
  unsigned long name_len_ = 0;
};

class OdbcPointSelect : public PointSelect {
 public:
  OdbcPointSelect(const Target& t, unsigned max_id) : odbc_(t), max_id_(max_id) {
    st_ = odbc_.new_statement();
    check(SQLPrepare(st_, (SQLCHAR*)kPointQuery, SQL_NTS), SQL_HANDLE_STMT, st_, "prepare");
    check(SQLBindParameter(st_, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &key_, 0, &key_ind_),
          SQL_HANDLE_STMT, st_, "bind parameter");
    check(SQLBindCol(st_, 1, SQL_C_CHAR, name_, sizeof name_, &name_ind_), SQL_HANDLE_STMT, st_, "bind col");
  }
  ~OdbcPointSelect() override { SQLFreeHandle(SQL_HANDLE_STMT, st_); }

  uint64_t run(unsigned first, unsigned count) override {
    uint64_t sum = 0;
    for (unsigned i = first; i < first + count; ++i) {
      key_ = static_cast<SQLINTEGER>(key_of(i, max_id_));
      check(SQLExecute(st_), SQL_HANDLE_STMT, st_, "execute");
      check(SQLFetch(st_), SQL_HANDLE_STMT, st_, "fetch");
      sum += static_cast<uint64_t>(name_ind_);
      SQLFreeStmt(st_, SQL_CLOSE);
    }
    return sum;
  }

 private:
  OdbcSession odbc_;
  unsigned max_id_;
  SQLHSTMT st_ = SQL_NULL_HSTMT;
  SQLINTEGER key_ = 0;
  SQLLEN key_ind_ = 0, name_ind_ = 0;
  char name_[64];
};

Measurement measure_alone(PointSelect& runner, unsigned iterations) {
  Measurement m;
  m.base_rss_kb = proc_status_kb("VmRSS");
  double start = now_seconds();
  m.checksum = runner.run(0, iterations);
  m.seconds = now_seconds() - start;
  m.operations = iterations;
  m.peak_rss_kb = proc_status_kb("VmHWM");
  return m;
}

}  // namespace

std::unique_ptr<PointSelect> raw_point_select_runner(const Target& t, unsigned max_id) {
  return std::make_unique<RawPointSelect>(t, max_id);
}

std::unique_ptr<PointSelect> odbc_point_select_runner(const Target& t, unsigned max_id) {
  return std::make_unique<OdbcPointSelect>(t, max_id);
}

Measurement raw_point_select(const Target& t, unsigned iterations, unsigned max_id) {
  RawPointSelect runner(t, max_id);
  return measure_alone(runner, iterations);
}

Measurement odbc_point_select(const Target& t, unsigned iterations, unsigned max_id) {
  OdbcPointSelect runner(t, max_id);
  return measure_alone(runner, iterations);
}

std::vector<InterleavedSeries> interleaved_point_selects(
    std::vector<std::pair<std::string, std::unique_ptr<PointSelect>>>& runners, unsigned rounds, unsigned block) {
  std::vector<InterleavedSeries> series(runners.size());
  for (size_t v = 0; v < runners.size(); ++v) {
    series[v].label = runners[v].first;
    runners[v].second->run(0, std::max(block, 100u));  // warm-up: plans, caches, first allocations
  }
  for (unsigned round = 0; round < rounds; ++round) {
    for (size_t k = 0; k < runners.size(); ++k) {
      const size_t v = (round + k) % runners.size();
      double start = now_seconds();
      runners[v].second->run(round * block, block);
      series[v].block_us.push_back(1e6 * (now_seconds() - start) / block);
    }
  }
  return series;
}

double percentile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const double rank = q * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<size_t>(rank);
  const size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (rank - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

}  // namespace fabodbc::bench
