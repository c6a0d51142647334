#include "fabric/snapshot_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <random>

#include "fabric/error.h"
#include "fabric/md5.h"
#include "fabric/topology_snapshot.h"

namespace fabodbc::fabric {

namespace {

constexpr std::size_t kMaxSnapshotBytes = 64u * 1024u * 1024u;
constexpr const char* kSuffix = ".topology";

std::string key_of(const std::string& endpoint, const std::string& user, const std::string& credential) {
    return md5_hex_lower(endpoint + "|" + user + "|" + credential);
}

// Owned by us and writable by nobody else; `what` names it in the reason.
bool safe(const struct stat& st, const char* what, std::string* why) {
    if (st.st_uid != geteuid()) {
        if (why) *why = std::string(what) + " belongs to another user";
        return false;
    }
    if (st.st_mode & (S_IWGRP | S_IWOTH)) {
        if (why) *why = std::string(what) + " is writable by other users";
        return false;
    }
    return true;
}

bool safe_directory(const std::string& dir, std::string* why) {
    struct stat st {};
    if (lstat(dir.c_str(), &st) != 0) {
        if (why) *why = "no snapshot directory " + dir;
        return false;
    }
    if (!S_ISDIR(st.st_mode)) {
        if (why) *why = dir + " is not a directory";
        return false;
    }
    return safe(st, "the snapshot directory", why);
}

bool read_file(const std::string& path, std::string& out, std::string* why) {
    const int fd = open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        if (why) *why = errno == ENOENT ? "no snapshot yet" : errno == ELOOP ? "the snapshot is a symbolic link"
                                                                             : std::string("cannot open the snapshot: ") +
                                                                                   std::strerror(errno);
        return false;
    }
    struct Closer {
        int fd;
        ~Closer() { close(fd); }
    } closer{fd};
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (why) *why = "the snapshot is not a regular file";
        return false;
    }
    if (!safe(st, "the snapshot file", why)) return false;
    if (static_cast<std::size_t>(st.st_size) > kMaxSnapshotBytes) {
        if (why) *why = "the snapshot is larger than the size cap";
        return false;
    }
    out.resize(static_cast<std::size_t>(st.st_size));
    std::size_t got = 0;
    while (got < out.size()) {
        const ssize_t n = read(fd, &out[got], out.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    out.resize(got);
    return true;
}

}  // namespace

SnapshotStore::SnapshotStore(std::string directory, std::string endpoint_address, std::string user,
                             std::string credential)
    : dir_(std::move(directory)), endpoint_(std::move(endpoint_address)), user_(std::move(user)) {
    const std::string key = key_of(endpoint_, user_, credential);
    path_ = dir_ + "/" + key + kSuffix;
    lock_path_ = dir_ + "/" + key + ".lock";
}

std::string SnapshotStore::default_directory() {
    const char* xdg = std::getenv("XDG_RUNTIME_DIR");
    if (xdg && xdg[0] == '/') return std::string(xdg) + "/fabodbc";
    return "/tmp/fabodbc-" + std::to_string(geteuid());
}

std::optional<SnapshotStore::Loaded> SnapshotStore::load(std::string* why_not) const {
    if (!safe_directory(dir_, why_not)) return std::nullopt;
    std::string text;
    if (!read_file(path_, text, why_not)) return std::nullopt;
    try {
        ParsedSnapshot p = parse_topology_snapshot(text);
        if (p.endpoint != endpoint_ || p.user != user_) {
            if (why_not) *why_not = "the snapshot belongs to another Fabric endpoint or user";
            return std::nullopt;
        }
        return Loaded{std::move(p.topology), p.saved};
    } catch (const FabricError& e) {
        if (why_not) *why_not = e.what();
        return std::nullopt;
    }
}

std::chrono::system_clock::time_point SnapshotStore::save(const Topology& topology) const {
    if (mkdir(dir_.c_str(), 0700) != 0 && errno != EEXIST)
        throw FabricError(ErrorCategory::Config,
                          "cannot create the snapshot directory " + dir_ + ": " + std::strerror(errno));
    std::string why;
    if (!safe_directory(dir_, &why)) throw FabricError(ErrorCategory::Config, "not writing the snapshot: " + why);
    const auto saved = std::chrono::system_clock::now();
    const std::string text = serialize_topology(topology, endpoint_, user_, saved);
    std::random_device rd;
    const std::string tmp = path_ + ".tmp." + std::to_string(getpid()) + "." + std::to_string(rd());
    const int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) throw FabricError(ErrorCategory::Config, "cannot write the snapshot: " + std::string(std::strerror(errno)));
    std::size_t done = 0;
    bool ok = true;
    while (done < text.size()) {
        const ssize_t n = write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ok = false;
            break;
        }
        done += static_cast<std::size_t>(n);
    }
    ok = close(fd) == 0 && ok;
    // rename() is atomic: a reader sees the old snapshot or the new one, never half of one.
    if (!ok || rename(tmp.c_str(), path_.c_str()) != 0) {
        unlink(tmp.c_str());
        throw FabricError(ErrorCategory::Config, "cannot write the snapshot " + path_);
    }
    return saved;
}

SnapshotStore::Lock::~Lock() {
    if (fd_ >= 0) close(fd_);  // closing releases the flock
}

std::optional<SnapshotStore::Lock> SnapshotStore::try_lock() const {
    if (mkdir(dir_.c_str(), 0700) != 0 && errno != EEXIST) return std::nullopt;
    if (!safe_directory(dir_, nullptr)) return std::nullopt;
    const int fd = open(lock_path_.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return std::nullopt;
    // flock() locks belong to the open file description: another thread of this process that
    // opens the file itself is excluded too.
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        close(fd);
        return std::nullopt;
    }
    return Lock(fd);
}

std::vector<SnapshotStore::Entry> SnapshotStore::list(const std::string& directory) {
    std::vector<Entry> out;
    DIR* d = opendir(directory.c_str());
    if (!d) return out;
    while (const dirent* e = readdir(d)) {
        const std::string name = e->d_name;
        const std::size_t n = std::strlen(kSuffix);
        if (name.size() <= n || name.compare(name.size() - n, n, kSuffix) != 0) continue;
        Entry entry;
        entry.path = directory + "/" + name;
        std::string text;
        if (!safe_directory(directory, &entry.problem) || !read_file(entry.path, text, &entry.problem)) {
            out.push_back(std::move(entry));
            continue;
        }
        try {
            ParsedSnapshot p = parse_topology_snapshot(text);
            entry.endpoint = p.endpoint;
            entry.user = p.user;
            entry.saved = p.saved;
            entry.ttl_seconds = p.topology->ttl_seconds();
            entry.groups = p.topology->groups().size();
            entry.tables = p.topology->tables().size();
        } catch (const FabricError& err) {
            entry.problem = err.what();
        }
        out.push_back(std::move(entry));
    }
    closedir(d);
    return out;
}

std::size_t SnapshotStore::clear(const std::string& directory, const std::string& endpoint, const std::string& user) {
    std::size_t removed = 0;
    for (const Entry& e : list(directory)) {
        if (!endpoint.empty() && (e.endpoint != endpoint || e.user != user)) continue;
        if (unlink(e.path.c_str()) == 0) ++removed;
        unlink((e.path.substr(0, e.path.size() - std::strlen(kSuffix)) + ".lock").c_str());
    }
    return removed;
}

}  // namespace fabodbc::fabric
