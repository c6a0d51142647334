#include "tests/support/fabric_test_server.h"

#include <curl/curl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace fabodbc::test {

std::string default_topology_json(int ttl) {
    std::ostringstream o;
    o << R"({"ttl": )" << ttl << R"(, "groups": [
 {"id": "global", "servers": [
   {"uuid": "g-1", "host": "127.0.0.1", "port": 3306, "mode": "READ_WRITE", "status": "PRIMARY"}]},
 {"id": "ha1", "servers": [
   {"uuid": "ha1-a", "host": "127.0.0.1", "port": 3311, "mode": "READ_WRITE", "status": "PRIMARY", "weight": 1.0},
   {"uuid": "ha1-b", "host": "127.0.0.1", "port": 3312, "mode": "READ_ONLY", "status": "SECONDARY", "weight": 1.0},
   {"uuid": "ha1-c", "host": "127.0.0.1", "port": 3313, "mode": "READ_ONLY", "status": "SECONDARY", "weight": 2.0}]},
 {"id": "ha10", "servers": [
   {"uuid": "ha10-a", "host": "127.0.0.1", "port": 3399, "mode": "READ_WRITE", "status": "PRIMARY"}]},
 {"id": "group_id-1", "servers": [{"uuid": "s1", "host": "127.0.0.1", "port": 4001, "mode": "READ_WRITE", "status": "PRIMARY"}]},
 {"id": "group_id-2", "servers": [{"uuid": "s2", "host": "127.0.0.1", "port": 4002, "mode": "READ_WRITE", "status": "PRIMARY"}]},
 {"id": "group_id-3", "servers": [{"uuid": "s3", "host": "127.0.0.1", "port": 4003, "mode": "READ_WRITE", "status": "PRIMARY"}]},
 {"id": "group_id-4", "servers": [{"uuid": "s4", "host": "127.0.0.1", "port": 4004, "mode": "READ_WRITE", "status": "PRIMARY"}]}
],
"shard_mappings": [
 {"id": 1, "type": "RANGE", "global_group": "global",
  "tables": [{"table": "db.orders", "column": "cid"}, {"table": "db.lines", "column": "cid"}],
  "shards": [{"group": "group_id-1", "lower_bound": "1"}, {"group": "group_id-2", "lower_bound": "10000"},
             {"group": "group_id-3", "lower_bound": "20000"}, {"group": "group_id-4", "lower_bound": "30000"}]},
 {"id": 2, "type": "HASH", "global_group": "global",
  "tables": [{"table": "employees.employees", "column": "emp_no"}],
  "shards": [{"group": "group_id-1"}, {"group": "group_id-2"}, {"group": "group_id-3"}, {"group": "group_id-4"}]},
 {"id": 3, "type": "RANGE_STRING", "global_group": "global",
  "tables": [{"table": "db.words", "column": "w"}],
  "shards": [{"group": "group_id-1", "lower_bound": "a"}, {"group": "group_id-2", "lower_bound": "g"},
             {"group": "group_id-3", "lower_bound": "n"}, {"group": "group_id-4", "lower_bound": "t"}]},
 {"id": 4, "type": "RANGE_DATETIME", "global_group": "global",
  "tables": [{"table": "db.events", "column": "day"}],
  "shards": [{"group": "group_id-1", "lower_bound": "2000-01-01"}, {"group": "group_id-2", "lower_bound": "2005-01-01"},
             {"group": "group_id-3", "lower_bound": "2010-01-01"}, {"group": "group_id-4", "lower_bound": "2015-06-15"}]},
 {"id": 5, "type": "RANGE", "global_group": "global",
  "tables": [{"table": "db.other", "column": "id"}],
  "shards": [{"group": "ha1", "lower_bound": "0"}]}
]})";
    return o.str();
}

std::string make_temp_dir() {
    char tmpl[] = "/tmp/fabric-test-XXXXXX";
    const char* d = mkdtemp(tmpl);
    if (!d) throw std::runtime_error("mkdtemp failed");
    return d;
}

std::size_t count_of(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
    return n;
}

TestServerProcess::TestServerProcess(Options opts) {
    dir_ = make_temp_dir();
    const std::string topo = dir_ + "/topology.json";
    const std::string ports = dir_ + "/ports.json";
    std::ofstream(topo) << opts.topology_json;
    std::vector<std::string> args{PYTHON3_EXE, FABRIC_SERVER_SCRIPT, "--topology", topo, "--ports-file", ports,
                                  "--port", std::to_string(opts.port)};
    for (const auto& u : opts.users) {
        args.push_back("--user");
        args.push_back(u);
    }
    if (!opts.ssl_cert.empty()) {
        args.insert(args.end(), {"--ssl-cert", opts.ssl_cert, "--ssl-key", opts.ssl_key});
    }
    if (opts.real_fabric) args.push_back("--real-fabric");
    for (const auto& q : opts.quirks) {
        args.push_back("--quirk");
        args.push_back(q);
    }
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        // A test process that dies without stopping us must not leave the server running.
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        if (!std::getenv("FABRIC_SERVER_VERBOSE")) {
            FILE* devnull = std::fopen("/dev/null", "w");
            if (devnull) {
                dup2(fileno(devnull), 1);
                dup2(fileno(devnull), 2);
            }
        }
        execv(argv[0], argv.data());
        _exit(127);
    }
    // Wait (bounded) for the ports file the server writes atomically once it listens.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    std::string content;
    while (std::chrono::steady_clock::now() < deadline) {
        std::ifstream in(ports);
        if (in) {
            std::stringstream ss;
            ss << in.rdbuf();
            content = ss.str();
            if (!content.empty()) break;
        }
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("fabric_server.py exited during start-up");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::smatch m;
    if (!std::regex_search(content, m, std::regex(R"("fabric_port":\s*(\d+))"))) {
        stop();
        throw std::runtime_error("fabric_server.py did not report its ports in time");
    }
    fabric_port_ = std::stoi(m[1]);
    std::regex_search(content, m, std::regex(R"("control_port":\s*(\d+))"));
    control_port_ = std::stoi(m[1]);
}

TestServerProcess::~TestServerProcess() {
    stop();
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);  // topology and ports files
}

void TestServerProcess::stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    pid_ = -1;
}

namespace {
std::size_t collect(char* d, std::size_t s, std::size_t n, void* u) {
    static_cast<std::string*>(u)->append(d, s * n);
    return s * n;
}
}  // namespace

std::string TestServerProcess::control(const std::string& cmd, const std::string& json) const {
    CURL* c = curl_easy_init();
    std::string body;
    const std::string url = "http://127.0.0.1:" + std::to_string(control_port_) + "/" + cmd;
    curl_slist* h = curl_slist_append(nullptr, "Content-Type: application/json");
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, json.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 5000L);
    curl_easy_setopt(c, CURLOPT_PROXY, "");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    CURLcode rc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    if (rc != CURLE_OK || status != 200)
        throw std::runtime_error("control " + cmd + " failed: " + std::to_string(status) + " " + body);
    return body;
}

fabodbc::fabric::FabricEndpoint TestServerProcess::endpoint() const {
    fabodbc::fabric::FabricEndpoint e;
    e.host = "127.0.0.1";
    e.port = fabric_port_;
    e.connect_timeout_ms = 1000;
    e.total_timeout_ms = 1000;
    return e;
}

}  // namespace fabodbc::test
