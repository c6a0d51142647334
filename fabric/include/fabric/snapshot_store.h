// The shared on-disk topology snapshot of one Fabric endpoint and user, so that the processes
// of a machine ask Fabric about once per TTL between them, and a process that starts while
// Fabric is down can still route (topology_cache.h decides when to use it).
//
// Files, in one directory per user (default $XDG_RUNTIME_DIR/fabodbc, else /tmp/fabodbc-<uid>):
//   <key>.topology   the snapshot (topology_snapshot.h), written to a temporary file and renamed
//   <key>.lock       flock()ed by the one process that is asking Fabric right now
// where <key> is MD5(endpoint address | user | credential), the credential being a digest of
// the Fabric password (FabricEndpoint::cache_key): a process with other credentials (a wrong
// password) never routes from a snapshot it could not have loaded itself. No file holds a
// password.
//
// A snapshot is only believed when its directory and file belong to this user and nobody else
// may write them (another user could otherwise point this user's writes at a server of
// theirs), the file is a regular file (not a symlink), parses, passes its checksum, and names
// this endpoint and user. Anything else is refused with the reason, and Fabric is asked.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fabric/topology.h"

namespace fabodbc::fabric {

class SnapshotStore {
public:
    SnapshotStore(std::string directory, std::string endpoint_address, std::string user, std::string credential = {});

    const std::string& directory() const noexcept { return dir_; }
    const std::string& path() const noexcept { return path_; }

    struct Loaded {
        std::shared_ptr<const Topology> topology;  // origin: shared snapshot
        std::chrono::system_clock::time_point saved;
    };
    // The snapshot, or nullopt with the reason in `why_not` (missing, refused, corrupt ...).
    std::optional<Loaded> load(std::string* why_not = nullptr) const;
    // Atomically replaces the snapshot (creating the directory, mode 0700); returns the saving
    // time written into it. Throws FabricError(Config) when the directory is not safe or the
    // file cannot be written.
    std::chrono::system_clock::time_point save(const Topology& topology) const;

    // The refresh lock: held by at most one process (and one thread) at a time.
    class Lock {
    public:
        explicit Lock(int fd) : fd_(fd) {}
        Lock(Lock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
        Lock& operator=(Lock&& o) noexcept {
            std::swap(fd_, o.fd_);
            return *this;
        }
        Lock(const Lock&) = delete;
        Lock& operator=(const Lock&) = delete;
        ~Lock();

    private:
        int fd_;
    };
    // Non-blocking: nullopt when another process holds it (or the lock file is unusable).
    std::optional<Lock> try_lock() const;

    // $XDG_RUNTIME_DIR/fabodbc when XDG_RUNTIME_DIR is set, else /tmp/fabodbc-<uid>.
    static std::string default_directory();

    // For `fabodbc cache`: every snapshot file of a directory, parsed or with its refusal.
    struct Entry {
        std::string path, endpoint, user, problem;
        std::chrono::system_clock::time_point saved{};
        std::int64_t ttl_seconds = 0;
        std::size_t groups = 0, tables = 0;
    };
    static std::vector<Entry> list(const std::string& directory);
    // Removes the snapshot and lock files of a directory: all of them, or those whose content
    // names this endpoint and user (whatever their credential). Returns how many snapshots.
    static std::size_t clear(const std::string& directory, const std::string& endpoint_address = {},
                             const std::string& user = {});

private:
    std::string dir_, endpoint_, user_, path_, lock_path_;
};

}  // namespace fabodbc::fabric
