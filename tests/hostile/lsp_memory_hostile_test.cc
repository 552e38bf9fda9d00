// An editor opening and closing thousands of documents: the server's memory stays flat.
// Each closed document used to leave its state behind (a crate made for a loose file
// of a package, about 10 KB; a whole workspace with its std for a lone file, about
// 5 MB). Measured as the real server's resident memory (/proc/PID/status) after a
// warm-up and after many more documents. What does remain is a file id per path ever
// opened (its path and entry, about 0.6 KB); freed memory is given back to the system
// when the server is idle (frontends/free_memory.h), or the allocator's fragmented
// arenas would keep several KB per document resident (6.5 MB for 2000 on a CI run).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "lsp/lsp_client.h"
#include "support/temp_dir.h"

namespace ferret::testing {
namespace {

using nlohmann::json;
constexpr std::chrono::milliseconds kTimeout{120000};

long resident_kb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

class HostileLspMemory : public ::testing::Test {
 protected:
  void start(const std::string& root) {
    // Under AddressSanitizer, freed memory waits in a quarantine (256 MB) before reuse,
    // which would look like growth: none here.
    const char* asan = std::getenv("ASAN_OPTIONS");
    std::string env = std::string("FERRET_CACHE_DIR=") + FERRET_TEST_CACHE_DIR + "\nASAN_OPTIONS=" +
                      (asan != nullptr && *asan != 0 ? std::string(asan) + ":" : "") +
                      "quarantine_size_mb=0";
    server_ = std::make_unique<LspProcess>(FERRET_BINARY, root, env);
    send({{"jsonrpc", "2.0"},
          {"id", 0},
          {"method", "initialize"},
          {"params", {{"rootUri", "file://" + root}, {"capabilities", json::object()}}}});
    reply(0);
  }
  void send(const json& m) { ASSERT_TRUE(server_->write_message(m.dump())); }
  json reply(int64_t id) {
    for (;;) {
      std::optional<std::string> m = server_->read_message(kTimeout);
      if (!m) return json();  // the caller's expectations fail on it
      json j = json::parse(*m);
      if (j.contains("id") && j["id"] == id && !j.contains("method")) return j;
    }
  }
  // Opens a document, hovers on its local, closes it; the hover's answer.
  json cycle(const std::string& uri, int k) {
    std::string text = "fn doc_" + std::to_string(k) + "() { let local = 1u8; }\n";
    send({{"jsonrpc", "2.0"},
          {"method", "textDocument/didOpen"},
          {"params",
           {{"textDocument",
             {{"uri", uri}, {"languageId", "rust"}, {"version", 1}, {"text", text}}}}}});
    int64_t id = ++ids_;
    uint32_t at = static_cast<uint32_t>(text.find("local"));
    send({{"jsonrpc", "2.0"},
          {"id", id},
          {"method", "textDocument/hover"},
          {"params",
           {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 0}, {"character", at}}}}}});
    json r = reply(id);
    send({{"jsonrpc", "2.0"},
          {"method", "textDocument/didClose"},
          {"params", {{"textDocument", {{"uri", uri}}}}}});
    return r;
  }
  // Resident memory once the server has handled everything sent so far.
  long settled_kb() {
    int64_t id = ++ids_;
    send({{"jsonrpc", "2.0"},
          {"id", id},
          {"method", "workspace/symbol"},
          {"params", {{"query", "zz"}}}});
    reply(id);
    return resident_kb(server_->pid());
  }
  void finish() {
    send({{"jsonrpc", "2.0"}, {"id", ++ids_}, {"method", "shutdown"}});
    reply(ids_);
    send({{"jsonrpc", "2.0"}, {"method", "exit"}});
    EXPECT_EQ(server_->wait_exit(kTimeout), 0);
  }

  std::unique_ptr<LspProcess> server_;
  int64_t ids_ = 0;
};

TEST_F(HostileLspMemory, TwoThousandClosedLooseDocumentsOfAPackageLeaveNothingBehind) {
  TempDir dir("lsp_memory");
  std::filesystem::copy(std::string(FERRET_SOURCE_DIR) + "/examples/hello", dir.path(),
                        std::filesystem::copy_options::recursive);
  start(dir.str());
  auto uri = [&](int k) { return "file://" + dir.str() + "/src/doc_" + std::to_string(k) + ".rs"; };
  for (int k = 0; k < 200; ++k) cycle(uri(k), k);
  long before = settled_kb();
  json last;
  for (int k = 200; k < 2200; ++k) last = cycle(uri(k), k);
  long after = settled_kb();
  EXPECT_NE(last.dump().find("local: u8"), std::string::npos) << last.dump();
  // Before: about 23 MB (a crate and its map per document).
  EXPECT_LT(after - before, 4 * 1024) << "KB resident: " << before << " -> " << after;
  finish();
}

TEST_F(HostileLspMemory, ClosedLoneFilesDropTheirWorkspaces) {
  TempDir dir("lsp_memory");  // no Cargo.toml: each document is a lone file
  start(dir.str());
  auto uri = [&](int k) { return "file://" + dir.str() + "/lone_" + std::to_string(k) + ".rs"; };
  for (int k = 0; k < 10; ++k) cycle(uri(k), k);
  long before = settled_kb();
  json last;
  for (int k = 10; k < 50; ++k) last = cycle(uri(k), k);
  long after = settled_kb();
  EXPECT_NE(last.dump().find("local: u8"), std::string::npos) << last.dump();
  // Before: a workspace with its std per document, about 200 MB for these 40.
  EXPECT_LT(after - before, 32 * 1024) << "KB resident: " << before << " -> " << after;
  finish();
}

}  // namespace
}  // namespace ferret::testing
