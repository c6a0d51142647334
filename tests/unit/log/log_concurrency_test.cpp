// Connection logs written from several threads at once (one LOG file shared by connections in
// different threads). CTest label "concurrency": scripts/test.sh runs it under ThreadSanitizer.
#include "driver/log/log.h"
#include "driver/options/connection_options.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace fabodbc::log {
namespace {

ConnectionOptions options(const std::string& text) { return ConnectionOptions::parse(text, nullptr); }

TEST(ConnectionLog, ConcurrentWritersNeverInterleaveLines) {
  std::string path = "/tmp/fabodbc-log-test-" + std::to_string(getpid()) + "-threads";
  unlink(path.c_str());
  {
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&, t] {
        ConnectionLog log = ConnectionLog::from(options("LOG=" + path + ";LOG_LEVEL=info"),
                                                next_connection_id());
        std::string payload(200, static_cast<char>('a' + t));
        for (int i = 0; i < 200; ++i) log.info("load", payload);
      });
    }
    for (auto& th : threads) th.join();
  }
  std::ifstream in(path);
  std::string line;
  int lines = 0;
  std::regex whole(R"(.* INFO \[c\d+\] load: ([a-h])\1{199})");
  while (std::getline(in, line)) {
    ++lines;
    ASSERT_TRUE(std::regex_match(line, whole)) << "mixed line: " << line;
  }
  EXPECT_EQ(lines, 8 * 200);
  unlink(path.c_str());
}

}  // namespace
}  // namespace fabodbc::log
