// A buggy or hostile LSP client at the message layer: floods of cancels, lying and
// oversized Content-Lengths, JSON nested a million deep. The server answers each with
// a JSON-RPC error or by ignoring it, keeps in step with the stream, and keeps memory
// to what is really pending. In process (a server without its worker thread answers
// the same on every run) and through the real binary where a crash or memory counts.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <string>

#include "frontends/lsp/lsp_json_depth.h"
#include "frontends/lsp/lsp_server.h"
#include "support/fixture.h"
#include "support/lsp_frames.h"
#include "support/memory_world.h"
#include "support/run_program.h"
#include "support/temp_dir.h"

namespace ferret::testing {
namespace {

using nlohmann::json;

json request(int64_t id, const std::string& method, json params = json::object()) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
}
json notification(const std::string& method, json params) {
  return json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}
const std::string kInitialize =
    lsp_frame(request(0, "initialize", {{"capabilities", json::object()}}));

// The replies of an in-process server (no worker thread, a memory world) to `input`.
std::vector<json> serve_in_process(const std::string& input) {
  MemoryWorld world;
  std::string mini = fixtures_root() + "/minicore/";
  world.add_minicore(read_file(mini + "core.rs"), read_file(mini + "alloc.rs"),
                     read_file(mini + "std.rs"));
  std::FILE* in = fmemopen(const_cast<char*>(input.data()), input.size(), "r");
  char* out_data = nullptr;
  size_t out_size = 0;
  std::FILE* out = open_memstream(&out_data, &out_size);
  {
    lsp::Server server(in, out,
                       lsp::ServerOptions{.world = world.session_world(), .worker_thread = false});
    server.run();
  }
  std::fclose(in);
  std::fclose(out);
  std::string stream(out_data, out_size);
  std::free(out_data);
  return lsp_unframe(stream);
}

std::map<int64_t, std::vector<json>> replies_by_id(const std::vector<json>& replies) {
  std::map<int64_t, std::vector<json>> out;
  for (const json& r : replies) {
    if (r.is_object() && r.contains("id") && r["id"].is_number_integer())
      out[r["id"].get<int64_t>()].push_back(r);
  }
  return out;
}

// Cancels used to be remembered by id until the request came; ids of answered requests
// filled the set, and after 10,000 no cancel was honored. Now only queued requests can
// be cancelled, so nothing is kept for the others.
TEST(HostileLspCancel, CancelsOfAnsweredRequestsLeaveNothingAndQueuedOnesAreHonored) {
  constexpr int64_t kRequests = 10001;
  std::string input = kInitialize;
  // Unknown methods are answered at once (MethodNotFound) when the worker gets to them;
  // the queue fills and drains on the way, so most are answered before their cancel.
  for (int64_t id = 1; id <= kRequests; ++id)
    input += lsp_frame(request(id, "ferret/noSuchMethod"));
  for (int64_t id = 1; id <= kRequests; ++id) {
    input += lsp_frame(notification("$/cancelRequest", {{"id", id}}));
    input += lsp_frame(notification("$/cancelRequest", {{"id", id + 1000000}}));  // never sent
  }
  input += lsp_frame(request(20000000, "ferret/noSuchMethod"));
  input += lsp_frame(notification("$/cancelRequest", {{"id", 20000000}}));
  input += lsp_frame(request(20000001, "ferret/noSuchMethod"));
  std::map<int64_t, std::vector<json>> by_id = replies_by_id(serve_in_process(input));
  for (int64_t id = 1; id <= kRequests; ++id) {
    ASSERT_EQ(by_id[id].size(), 1u) << "request " << id << " answered once";
    int code = by_id[id][0]["error"]["code"];
    EXPECT_TRUE(code == lsp::kMethodNotFound || code == lsp::kRequestCancelled) << by_id[id][0];
  }
  ASSERT_EQ(by_id[20000000].size(), 1u);
  EXPECT_EQ(by_id[20000000][0]["error"]["code"], lsp::kRequestCancelled) << by_id[20000000][0];
  ASSERT_EQ(by_id[20000001].size(), 1u);
  EXPECT_EQ(by_id[20000001][0]["error"]["code"], lsp::kMethodNotFound) << by_id[20000001][0];
  EXPECT_TRUE(by_id.count(1000001) == 0);
}

// More requests than the queue holds: each is answered once, in order.
TEST(HostileLspQueue, AFloodOfRequestsIsAnsweredInOrder) {
  std::string input = kInitialize;
  constexpr int64_t kRequests = 3 * lsp::Server::kMaxQueuedTasks + 7;
  for (int64_t id = 1; id <= kRequests; ++id)
    input += lsp_frame(request(id, "workspace/symbol", {{"query", "x"}}));
  std::vector<json> replies = serve_in_process(input);
  ASSERT_EQ(replies.size(), static_cast<size_t>(kRequests + 1));
  for (int64_t id = 0; id <= kRequests; ++id) {
    EXPECT_EQ(replies[id]["id"], id);
    EXPECT_TRUE(replies[id].contains("result")) << replies[id];
  }
}

// `ferret lsp` with `input` as its standard input, in a scratch folder.
RunResult run_lsp(const TempDir& dir, const std::string& input) {
  std::string stdin_path = dir.write("stdin.bin", input);
  return run_program({FERRET_BINARY, "lsp"}, {.cwd = dir.str(),
                                              .env = {{"FERRET_CACHE_DIR", "off"}},
                                              .stdin_path = stdin_path,
                                              .timeout_ms = 120000});
}

// The peak memory of a server that only initializes and exits (sanitizers add much).
long baseline_rss_kb(const TempDir& dir) {
  RunResult r = run_lsp(dir, kInitialize + lsp_frame(request(1, "shutdown")) +
                                 lsp_frame(notification("exit", json::object())));
  EXPECT_EQ(r.describe(), "exit 0");
  return r.max_rss_kb;
}

// A 256 MB Content-Length with a few bytes behind it used to allocate the 256 MB up
// front: memory grows only with the bytes that really arrive.
TEST(HostileLspFraming, ALyingContentLengthAllocatesNothingUpFront) {
  TempDir dir("lsp_framing");
  long baseline = baseline_rss_kb(dir);
  std::string body = request(1, "initialize", {{"capabilities", json::object()}}).dump();
  RunResult r = run_lsp(dir, "Content-Length: 268435456\r\n\r\n" + body);
  EXPECT_EQ(r.describe(), "exit 1");  // the input ended inside the message
  EXPECT_LT(r.max_rss_kb, baseline + 32 * 1024)
      << "peak resident KB; " << baseline << " for a server that only starts";
}

// A message over the cap is read past without being kept, answered with an error, and
// the next message is understood.
TEST(HostileLspFraming, AnOversizedMessageIsSkippedAndTheStreamStaysInStep) {
  TempDir dir("lsp_framing");
  long baseline = baseline_rss_kb(dir);
  // Written in pieces: the child's peak memory counts this process's (see run_program.h).
  size_t size = lsp::kMaxMessageBytes + 1;
  std::string stdin_path =
      dir.write("stdin.bin", "Content-Length: " + std::to_string(size) + "\r\n\r\n");
  {
    std::ofstream f(stdin_path, std::ios::binary | std::ios::app);
    std::string piece(1 << 20, '[');
    for (size_t left = size; left > 0; left -= std::min(left, piece.size()))
      f.write(piece.data(), std::min(left, piece.size()));
    f << kInitialize << lsp_frame(request(1, "shutdown"))
      << lsp_frame(notification("exit", json::object()));
  }
  RunResult r = run_program(
      {FERRET_BINARY, "lsp"},
      {.cwd = dir.str(), .env = {{"FERRET_CACHE_DIR", "off"}}, .stdin_path = stdin_path});
  EXPECT_EQ(r.describe(), "exit 0");
  EXPECT_LT(r.max_rss_kb, baseline + 32 * 1024)
      << "peak resident KB; " << baseline << " for a server that only starts";
  std::vector<json> replies = lsp_unframe(r.out);
  ASSERT_EQ(replies.size(), 3u) << r.out.substr(0, 2000);
  EXPECT_EQ(replies[0]["error"]["code"], lsp::kInvalidRequest);
  EXPECT_NE(replies[0]["error"]["message"].get<std::string>().find("over the limit of 64 MiB"),
            std::string::npos);
  EXPECT_EQ(replies[1]["id"], 0);
  EXPECT_TRUE(replies[1].contains("result"));
  EXPECT_EQ(replies[2]["id"], 1);
}

// Lengths that overflow 64 bits, and a header after 100 KB of unframed garbage on one
// line: framing errors, then the server carries on.
TEST(HostileLspFraming, OverflowingLengthsAndLongGarbageLinesAreResynchronized) {
  TempDir dir("lsp_framing");
  std::string input = "Content-Length: 99999999999999999999999999\r\n\r\n";
  input += "Content-Length: 18446744073709551616\r\n\r\n";
  input += std::string(100000, 'g') + kInitialize;  // the header at the end of a long line
  input += lsp_frame(request(1, "shutdown")) + lsp_frame(notification("exit", json::object()));
  RunResult r = run_lsp(dir, input);
  EXPECT_EQ(r.describe(), "exit 0");
  std::vector<json> replies = lsp_unframe(r.out);
  ASSERT_EQ(replies.size(), 4u) << r.out.substr(0, 2000);
  EXPECT_EQ(replies[0]["error"]["code"], lsp::kParseError);
  EXPECT_EQ(replies[1]["error"]["code"], lsp::kParseError);
  EXPECT_EQ(replies[2]["id"], 0);
  EXPECT_EQ(replies[3]["id"], 1);
}

// JSON nested a million deep (as params, as an id, as a completion item to resolve,
// which is echoed back): copying or printing it recursed past the stack. Refused.
TEST(HostileLspJson, MessagesNestedAMillionDeepAreRefused) {
  TempDir dir("lsp_json");
  std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
  std::string input = kInitialize;
  input +=
      lsp_frame(R"({"jsonrpc":"2.0","id":1,"method":"workspace/symbol","params":)" + deep + "}");
  input += lsp_frame(R"({"jsonrpc":"2.0","id":)" + deep + R"(,"method":"shutdown"})");
  input += lsp_frame(
      R"({"jsonrpc":"2.0","id":2,"method":"completionItem/resolve","params":{"label":"x","data":)" +
      deep + "}}");
  input += lsp_frame(R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":)" + deep + "}");
  input += lsp_frame(request(4, "shutdown")) + lsp_frame(notification("exit", json::object()));
  RunResult r = run_lsp(dir, input);
  EXPECT_EQ(r.describe(), "exit 0");
  std::vector<json> replies = lsp_unframe(r.out);
  ASSERT_EQ(replies.size(), 6u) << r.out.substr(0, 2000);
  for (int i = 1; i <= 4; ++i) {
    EXPECT_EQ(replies[i]["id"], nullptr);
    EXPECT_EQ(replies[i]["error"]["code"], lsp::kInvalidRequest) << replies[i];
  }
  EXPECT_EQ(replies[5]["id"], 4);
}

// Nesting any real message has stays well inside the limit: answered.
TEST(HostileLspJson, MessagesNestedBelowTheLimitAreAnswered) {
  std::string shallow =
      std::string(lsp::kMaxJsonDepth - 3, '[') + std::string(lsp::kMaxJsonDepth - 3, ']');
  std::vector<json> replies = serve_in_process(
      kInitialize +
      lsp_frame(
          R"({"jsonrpc":"2.0","id":3,"method":"completionItem/resolve","params":{"label":"x","data":)" +
          shallow + "}}"));
  ASSERT_EQ(replies.size(), 2u);
  EXPECT_EQ(replies[1]["id"], 3);
  EXPECT_EQ(replies[1]["result"]["label"], "x");
  EXPECT_EQ(replies[1]["result"]["data"], json::parse(shallow));
}

}  // namespace
}  // namespace ferret::testing
