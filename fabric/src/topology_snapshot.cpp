#include "fabric/topology_snapshot.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

#include "fabric/error.h"
#include "fabric/md5.h"

namespace fabodbc::fabric {

namespace {

constexpr std::string_view kMagic = "fabodbc-topology";

void put_field(std::string& out, std::string_view v) {
    static const char* hex = "0123456789ABCDEF";
    out += ' ';
    if (v.empty()) {
        out += '%';  // an empty field: a lone '%' (never produced by escaping)
        return;
    }
    for (unsigned char c : v) {
        if (c <= 0x20 || c == '%' || c == 0x7F) {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
}

[[noreturn]] void bad(const std::string& why) {
    throw FabricError(ErrorCategory::Malformed, "shared topology snapshot refused: " + why);
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

std::string unescape(std::string_view f) {
    if (f == "%") return std::string();
    std::string out;
    out.reserve(f.size());
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (f[i] != '%') {
            out += f[i];
            continue;
        }
        if (i + 2 >= f.size()) bad("a bad %-escape");
        const int hi = hex_digit(f[i + 1]), lo = hex_digit(f[i + 2]);
        if (hi < 0 || lo < 0) bad("a bad %-escape");
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

// Splits one line into its keyword and fields.
std::vector<std::string> fields_of(std::string_view line) {
    std::vector<std::string> out;
    std::size_t p = 0;
    while (p <= line.size()) {
        std::size_t q = line.find(' ', p);
        if (q == std::string_view::npos) q = line.size();
        out.push_back(out.empty() ? std::string(line.substr(p, q - p)) : unescape(line.substr(p, q - p)));
        p = q + 1;
    }
    return out;
}

std::int64_t integer(const std::string& s, const char* what) {
    std::int64_t v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size()) bad(std::string("its ") + what + " is not a number");
    return v;
}

double real(const std::string& s, const char* what) {
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(v)) bad(std::string("its ") + what + " is not a number");
    return v;
}

std::string number_text(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

class Lines {
public:
    explicit Lines(std::string_view text) : text_(text) {}
    // The next line's fields; its keyword must be `keyword` with `n` fields after it.
    std::vector<std::string> expect(std::string_view keyword, std::size_t n) {
        if (pos_ >= text_.size()) bad("it is truncated (no '" + std::string(keyword) + "' line)");
        const std::size_t nl = text_.find('\n', pos_);
        if (nl == std::string_view::npos) bad("it is truncated (last line unfinished)");
        std::vector<std::string> f = fields_of(text_.substr(pos_, nl - pos_));
        pos_ = nl + 1;
        if (f.front() != keyword || f.size() != n + 1)
            bad("expected a '" + std::string(keyword) + "' line with " + std::to_string(n) + " field(s)");
        return f;
    }
    std::size_t position() const { return pos_; }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

}  // namespace

std::string serialize_topology(const Topology& t, std::string_view endpoint, std::string_view user,
                               std::chrono::system_clock::time_point saved) {
    std::string out(kMagic);
    out += ' ' + std::to_string(kSnapshotFormatVersion) + '\n';
    out += "endpoint";
    put_field(out, endpoint);
    out += "\nuser";
    put_field(out, user);
    out += "\nsaved " +
           std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(saved.time_since_epoch()).count());
    out += "\nttl " + std::to_string(t.ttl_seconds()) + "\nfabric_uuid";
    put_field(out, t.fabric_uuid());
    std::size_t n = 0;
    for (const auto& g : t.groups()) n += g->servers().size();
    out += "\nservers " + std::to_string(n) + "\n";
    for (const auto& g : t.groups()) {
        for (const Server& s : g->servers()) {
            out += "server";
            put_field(out, s.uuid);
            put_field(out, s.group_id);
            put_field(out, s.host);
            out += ' ' + std::to_string(s.port) + ' ' + std::to_string(static_cast<int>(s.mode)) + ' ' +
                   std::to_string(static_cast<int>(s.status)) + ' ' + number_text(s.weight) + '\n';
        }
    }
    n = 0;
    for (const ShardTable& st : t.tables()) n += st.bound_text.size();
    out += "shards " + std::to_string(n) + "\n";
    for (const ShardTable& st : t.tables()) {
        const std::size_t dot = st.name.find('.');
        const std::string schema = dot == std::string::npos ? std::string() : st.name.substr(0, dot);
        const std::string table = dot == std::string::npos ? st.name : st.name.substr(dot + 1);
        for (std::size_t i = 0; i < st.bound_text.size(); ++i) {
            out += "shard";
            put_field(out, schema);
            put_field(out, table);
            put_field(out, st.column_name);
            put_field(out, st.bound_text[i]);
            out += ' ' + std::to_string(st.shard_ids[i]);
            put_field(out, st.type_name);
            put_field(out, st.group_ids[i]);
            put_field(out, st.global_group);
            out += ' ' + std::to_string(st.mapping_id) + '\n';
        }
    }
    out += "checksum " + md5_hex_lower(out) + "\n";
    return out;
}

ParsedSnapshot parse_topology_snapshot(std::string_view text) {
    // The checksum line first: anything cut or changed is refused before it is interpreted.
    constexpr std::string_view kChecksum = "checksum ";
    if (text.size() < kChecksum.size() + 33 || text.back() != '\n') bad("it is truncated");
    const std::size_t last = text.rfind('\n', text.size() - 2);
    const std::size_t body_end = last == std::string_view::npos ? 0 : last + 1;
    const std::string_view tail = text.substr(body_end, text.size() - 1 - body_end);
    if (tail.substr(0, kChecksum.size()) != kChecksum) bad("it is truncated (no checksum)");
    if (md5_hex_lower(text.substr(0, body_end)) != tail.substr(kChecksum.size())) bad("its checksum does not match");
    const std::string_view body = text.substr(0, body_end);

    Lines lines(body);
    const auto magic = lines.expect(kMagic, 1);
    if (magic[1] != std::to_string(kSnapshotFormatVersion)) bad("format version " + magic[1] + " is not 1");
    ParsedSnapshot p;
    p.endpoint = lines.expect("endpoint", 1)[1];
    p.user = lines.expect("user", 1)[1];
    p.saved = std::chrono::system_clock::time_point(
        std::chrono::milliseconds(integer(lines.expect("saved", 1)[1], "saving time")));
    const std::int64_t ttl = integer(lines.expect("ttl", 1)[1], "TTL");
    const std::string fabric_uuid = lines.expect("fabric_uuid", 1)[1];
    const std::int64_t n_servers = integer(lines.expect("servers", 1)[1], "server count");
    if (n_servers < 0 || n_servers > 1000000) bad("its server count is out of range");
    std::vector<Server> servers;
    for (std::int64_t i = 0; i < n_servers; ++i) {
        const auto f = lines.expect("server", 7);
        Server s;
        s.uuid = f[1];
        s.group_id = f[2];
        s.host = f[3];
        s.port = static_cast<int>(integer(f[4], "port"));
        const auto mode = integer(f[5], "mode"), status = integer(f[6], "status");
        if (mode < 0 || mode > 3 || status < 0 || status > 4 || s.port <= 0 || s.port > 65535)
            bad("a server row is out of range");
        s.mode = static_cast<ServerMode>(mode);
        s.status = static_cast<ServerStatus>(status);
        s.weight = real(f[7], "weight");
        servers.push_back(std::move(s));
    }
    const std::int64_t n_shards = integer(lines.expect("shards", 1)[1], "shard count");
    if (n_shards < 0 || n_shards > 10000000) bad("its shard count is out of range");
    std::vector<ShardRow> shards;
    for (std::int64_t i = 0; i < n_shards; ++i) {
        const auto f = lines.expect("shard", 9);
        ShardRow r;
        r.schema_name = f[1];
        r.table_name = f[2];
        r.column_name = f[3];
        r.lower_bound = f[4];
        r.shard_id = integer(f[5], "shard id");
        r.type_name = f[6];
        r.group_id = f[7];
        r.global_group = f[8];
        r.mapping_id = integer(f[9], "mapping id");
        shards.push_back(std::move(r));
    }
    if (lines.position() != body.size()) bad("it has lines after its shards");
    Topology::Origin origin;
    origin.shared_snapshot = true;
    origin.saved = p.saved;
    p.topology = Topology::build(std::move(servers), shards, ttl, fabric_uuid, origin);
    return p;
}

}  // namespace fabodbc::fabric
