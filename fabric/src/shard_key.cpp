#include "fabric/shard_key.h"

#include <charconv>

namespace fabodbc::fabric {

std::optional<std::int64_t> parse_int64_key(std::string_view t) noexcept {
    // One sign at most: from_chars takes a '-' itself, so after a '+' another sign is an error
    // ("+-5" is no number, as Fabric's and Connector/Python's int() say).
    if (!t.empty() && t.front() == '+') {
        t.remove_prefix(1);
        if (!t.empty() && t.front() == '-') return std::nullopt;
    }
    if (t.empty()) return std::nullopt;
    std::int64_t v = 0;
    auto r = std::from_chars(t.data(), t.data() + t.size(), v);
    if (r.ec != std::errc() || r.ptr != t.data() + t.size()) return std::nullopt;
    return v;
}

namespace {

bool digits(std::string_view t, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > t.size()) return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (t[i] < '0' || t[i] > '9') return false;
        v = v * 10 + (t[i] - '0');
    }
    out = v;
    return true;
}

// Days from 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's well-known formula).
std::int64_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return std::int64_t{era} * 146097 + doe - 719468;
}

int days_in_month(int y, int m) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return kDays[m - 1];
}

}  // namespace

std::optional<std::int64_t> parse_datetime_key(std::string_view t) noexcept {
    int y, mo, d;
    if (!digits(t, 0, 4, y) || t.size() < 10 || t[4] != '-' || !digits(t, 5, 2, mo) || t[7] != '-' ||
        !digits(t, 8, 2, d))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return std::nullopt;
    std::int64_t secs = days_from_civil(y, mo, d) * 86400;
    std::int64_t micros = 0;
    if (t.size() > 10) {
        int h, mi, s;
        if ((t[10] != ' ' && t[10] != 'T') || !digits(t, 11, 2, h) || t.size() < 19 || t[13] != ':' ||
            !digits(t, 14, 2, mi) || t[16] != ':' || !digits(t, 17, 2, s))
            return std::nullopt;
        if (h > 23 || mi > 59 || s > 59) return std::nullopt;
        secs += h * 3600 + mi * 60 + s;
        if (t.size() > 19) {
            if (t[19] != '.' || t.size() == 20 || t.size() > 26) return std::nullopt;
            std::int64_t scale = 100000;
            for (std::size_t i = 20; i < t.size(); ++i, scale /= 10) {
                if (t[i] < '0' || t[i] > '9') return std::nullopt;
                micros += (t[i] - '0') * scale;
            }
        }
    }
    return secs * 1000000 + micros;
}

}  // namespace fabodbc::fabric
