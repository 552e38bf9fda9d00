// LSP transcripts: each tests/fixtures/lsp/*.lsp is a conversation with `ferret lsp`.
//   # workspace: examples/hello     copied to a temp folder: $ROOT, $ROOT_URI in lines
//   --> {json}                      a message to the server ($BIG_8MB: Rust just under
//                                   the 8 MiB source limit, as a JSON string's content)
//   --> raw "json string"           raw bytes (the decoded string), no framing added
//   --> open src/main.rs            didOpen of that workspace file (version 1, its text)
//   <-- {pattern}                   the next server message with the pattern's id (else
//                                   its method) must match the pattern: objects by the
//                                   keys given, arrays element-wise (a last element
//                                   "..." allows more), "$ANY" matches anything,
//                                   "$ENDS_WITH:x" a string ending in x
//   <-- exit N                      stdin closed: the exit status must be N
// Server messages no line asked for (progress) are allowed; so are progress reports
// between the lines that ask for a begin and an end.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/source_limit.h"
#include "lsp/lsp_client.h"
#include "support/fixture.h"

namespace ferret::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::chrono::milliseconds kTimeout{180000};

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
  return s;
}

// Why `actual` does not match `pattern` ("" when it does).
std::string pattern_mismatch(const json& pattern, const json& actual, const std::string& where) {
  if (pattern.is_string() && pattern.get<std::string>() == "$ANY") return "";
  if (pattern.is_string() && pattern.get<std::string>().rfind("$ENDS_WITH:", 0) == 0) {
    std::string tail = pattern.get<std::string>().substr(11);
    if (actual.is_string() && actual.get<std::string>().size() >= tail.size() &&
        actual.get<std::string>().compare(actual.get<std::string>().size() - tail.size(), tail.size(), tail) == 0) {
      return "";
    }
    return where + ": expected a string ending in " + tail + ", got " + actual.dump().substr(0, 400);
  }
  if (pattern.is_object()) {
    if (!actual.is_object()) return where + ": expected an object, got " + actual.dump();
    for (const auto& [k, v] : pattern.items()) {
      if (!actual.contains(k)) return where + ": no key `" + k + "` in " + actual.dump().substr(0, 400);
      std::string m = pattern_mismatch(v, actual[k], where + "." + k);
      if (!m.empty()) return m;
    }
    return "";
  }
  if (pattern.is_array()) {
    if (!actual.is_array()) return where + ": expected an array, got " + actual.dump().substr(0, 400);
    bool open = !pattern.empty() && pattern.back() == "...";
    size_t n = open ? pattern.size() - 1 : pattern.size();
    if (open ? actual.size() < n : actual.size() != n) {
      return where + ": expected " + std::to_string(n) + (open ? "+" : "") + " elements, got " +
             std::to_string(actual.size()) + ": " + actual.dump().substr(0, 600);
    }
    for (size_t i = 0; i < n; ++i) {
      std::string m = pattern_mismatch(pattern[i], actual[i], where + "[" + std::to_string(i) + "]");
      if (!m.empty()) return m;
    }
    return "";
  }
  if (pattern != actual) return where + ": expected " + pattern.dump() + ", got " + actual.dump().substr(0, 400);
  return "";
}

// Generated functions, as a JSON string's content whose decoded text has at most
// `max_bytes` bytes.
std::string big_rust_text(size_t max_bytes) {
  std::string out;
  size_t decoded = 0;
  for (size_t i = 0;; ++i) {
    std::string line = "pub fn generated_" + std::to_string(i) + "(x: u32) -> u32 { x + " +
                       std::to_string(i) + " }";
    if (decoded + line.size() + 1 > max_bytes) return out;
    out += line + "\\n";
    decoded += line.size() + 1;
  }
}

class LspTranscript : public ::testing::TestWithParam<std::string> {};

TEST_P(LspTranscript, Conversation) {
  std::string file = fixtures_root() + "/lsp/" + GetParam();
  std::string text = read_file(file);
  fs::path root = fs::temp_directory_path() / ("ferret_lsp_" + std::to_string(::getpid()) + "_" + test_name_of(GetParam()));
  fs::remove_all(root);
  fs::create_directories(root);
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("# workspace: ", 0) == 0) {
      fs::copy(fs::path(FERRET_SOURCE_DIR) / line.substr(13), root, fs::copy_options::recursive);
    }
  }
  std::string root_s = root.string();
  LspProcess server(FERRET_BINARY, root_s, std::string("FERRET_CACHE_DIR=") + FERRET_TEST_CACHE_DIR);
  std::vector<json> unclaimed;  // server messages read but not yet matched
  lines = std::istringstream(text);
  int line_no = 0;
  while (std::getline(lines, line)) {
    ++line_no;
    std::string at = GetParam() + ":" + std::to_string(line_no);
    if (line.rfind("-->", 0) != 0 && line.rfind("<--", 0) != 0) continue;
    std::string body = replace_all(replace_all(line.substr(4), "$ROOT_URI", "file://" + root_s), "$ROOT", root_s);
    if (line.rfind("-->", 0) == 0) {
      if (body.rfind("open ", 0) == 0) {
        std::string rel = body.substr(5);
        json open{{"jsonrpc", "2.0"},
                  {"method", "textDocument/didOpen"},
                  {"params", {{"textDocument", {{"uri", "file://" + root_s + "/" + rel}, {"languageId", "rust"}, {"version", 1},
                                                {"text", read_file(root_s + "/" + rel)}}}}}};
        ASSERT_TRUE(server.write_message(open.dump())) << at;
      } else if (body.rfind("raw ", 0) == 0) {
        ASSERT_TRUE(server.write_raw(json::parse(body.substr(4)).get<std::string>())) << at;
      } else {
        body = replace_all(body, "$BIG_8MB", big_rust_text(base::kMaxSourceBytes));
        ASSERT_TRUE(json::accept(body)) << at << ": not JSON";
        ASSERT_TRUE(server.write_message(body)) << at << ": the server is gone";
      }
      continue;
    }
    if (body.rfind("exit ", 0) == 0) {
      EXPECT_EQ(server.wait_exit(kTimeout), std::stoi(body.substr(5))) << at;
      continue;
    }
    json pattern = json::parse(body);
    // Progress reports (how many there are depends on the machine's std) are passed
    // over unless the pattern asks for one.
    auto kind_of = [](const json& m) {
      const json* v = m.contains("params") && m["params"].is_object() && m["params"].contains("value") ? &m["params"]["value"] : nullptr;
      return v && v->is_object() && v->contains("kind") ? (*v)["kind"] : json();
    };
    auto wanted = [&](const json& m) {
      if (pattern.contains("id")) return m.contains("id") && m["id"] == pattern["id"] && !m.contains("method");
      if (!m.contains("method") || !pattern.contains("method") || m["method"] != pattern["method"]) return false;
      return kind_of(m) != "report" || kind_of(pattern) == "report";
    };
    std::optional<json> got;
    for (auto it = unclaimed.begin(); it != unclaimed.end(); ++it) {
      if (wanted(*it)) {
        got = *it;
        unclaimed.erase(it);
        break;
      }
    }
    while (!got) {
      std::optional<std::string> msg = server.read_message(kTimeout);
      ASSERT_TRUE(msg.has_value()) << at << ": no reply for " << body.substr(0, 200);
      json m = json::parse(*msg);
      if (wanted(m)) {
        got = std::move(m);
      } else {
        unclaimed.push_back(std::move(m));
      }
    }
    std::string why = pattern_mismatch(pattern, *got, "$");
    EXPECT_TRUE(why.empty()) << at << ": " << why;
  }
  fs::remove_all(root);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, LspTranscript, ::testing::ValuesIn(find_files(fixtures_root() + "/lsp", ".lsp")),
                         [](const ::testing::TestParamInfo<std::string>& param) { return test_name_of(param.param); });

}  // namespace
}  // namespace ferret::testing
