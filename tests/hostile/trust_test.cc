// Opening an untrusted project runs nothing of it (issue 11; README "Trust"). A project
// names marker programs in every cargo config key that names a program, loads a marker
// library through `[env]` and rustflags, names a toolchain `path` of markers in
// rust-toolchain.toml (through rustup when it is installed, else through proxies that
// behave like rustup's), or holds a `rustc` and `cargo` that a relative PATH entry would
// find. After complete, find-definition, an LSP session and index, no marker exists, and
// the answers still come from the project, std and cargo metadata.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hostile/trust_project.h"
#include "lsp/lsp_client.h"

namespace ferret::testing {
namespace {

using Env = std::vector<std::pair<std::string, std::string>>;

// PATH with `dir` first.
std::string path_with(const std::string& dir) {
  const char* path = std::getenv("PATH");
  return dir + ":" + (path != nullptr ? path : "/usr/bin:/bin");
}

// The reply to request `id`, skipping notifications and server requests; "" if none.
std::string reply_to(LspProcess& lsp, int id) {
  for (;;) {
    std::optional<std::string> message = lsp.read_message(std::chrono::minutes(5));
    if (!message) return "";
    nlohmann::json j = nlohmann::json::parse(*message, nullptr, false);
    if (j.is_object() && j.contains("id") && j["id"] == id && !j.contains("method"))
      return *message;
  }
}

// An editor's session: initialize, open src/lib.rs, a completion at each (0-based) LSP
// position, shutdown, exit. Returns the completion replies, one per line; "" if the
// server did not shut down cleanly.
std::string lsp_completions(const TrustProject& p, const Env& env,
                            const std::vector<std::pair<int, int>>& at) {
  std::string env_lines = "FERRET_CACHE_DIR=off\n";
  for (const auto& [name, value] : env) env_lines += name + "=" + value + "\n";
  LspProcess lsp(FERRET_BINARY, p.root(), env_lines);
  std::string uri = "file://" + p.root() + "/src/lib.rs";
  auto send = [&lsp](const nlohmann::json& message) { return lsp.write_message(message.dump()); };
  nlohmann::json empty = nlohmann::json::object();
  send({{"jsonrpc", "2.0"},
        {"id", 1},
        {"method", "initialize"},
        {"params", {{"rootUri", "file://" + p.root()}, {"capabilities", empty}}}});
  if (reply_to(lsp, 1).empty()) return "";
  send({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", empty}});
  nlohmann::json document = {
      {"uri", uri}, {"languageId", "rust"}, {"version", 1}, {"text", kTrustLib}};
  send({{"jsonrpc", "2.0"},
        {"method", "textDocument/didOpen"},
        {"params", {{"textDocument", document}}}});
  std::string replies;
  int id = 2;
  for (auto [line, character] : at) {
    send({{"jsonrpc", "2.0"},
          {"id", id},
          {"method", "textDocument/completion"},
          {"params",
           {{"textDocument", {{"uri", uri}}},
            {"position", {{"line", line}, {"character", character}}}}}});
    replies += reply_to(lsp, id++) + "\n";
  }
  send({{"jsonrpc", "2.0"}, {"id", id}, {"method", "shutdown"}});
  if (reply_to(lsp, id).empty()) return "";
  send({{"jsonrpc", "2.0"}, {"method", "exit"}});
  return lsp.wait_exit(std::chrono::minutes(1)) == 0 ? replies : "";
}

// Every front end against the project; after each, nothing ran and the answers hold.
void expect_nothing_runs_and_answers_hold(const TrustProject& p, const Env& env) {
  RunResult std_method = p.ferret({"complete", "4", "11", "src/lib.rs"}, env);
  EXPECT_EQ(std_method.describe(), "exit 0") << std_method.err;
  EXPECT_NE(std_method.out.find("\nMATCH push_str,"), std::string::npos) << std_method.out;
  EXPECT_EQ(std_method.err.find("cargo metadata failed"), std::string::npos)
      << "cargo still describes the project: " << std_method.err;
  EXPECT_EQ(p.markers_left(), "") << "after complete";

  RunResult own_item = p.ferret({"complete", "5", "14", "src/lib.rs"}, env);
  EXPECT_NE(own_item.out.find("\nMATCH hostile_helper,1,7,"), std::string::npos) << own_item.out;
  EXPECT_EQ(p.markers_left(), "") << "after complete";

  RunResult definition = p.ferret({"find-definition", "7", "25", "src/lib.rs"}, env);
  EXPECT_EQ(definition.out.rfind("MATCH hostile_helper,1,7,", 0), 0u) << definition.out;
  EXPECT_EQ(p.markers_left(), "") << "after find-definition";

  std::string lsp = lsp_completions(p, env, {{3, 11}, {4, 14}});
  EXPECT_NE(lsp.find("\"label\":\"push_str\""), std::string::npos) << lsp;
  EXPECT_NE(lsp.find("\"label\":\"hostile_helper\""), std::string::npos) << lsp;
  EXPECT_EQ(p.markers_left(), "") << "after an LSP session";

  RunResult index = p.ferret({"index", p.root()}, env);
  EXPECT_EQ(index.describe(), "exit 0") << index.err;
  EXPECT_EQ(p.markers_left(), "") << "after index";
}

TEST(HostileTrust, CargoConfigNamesProgramsInEveryKey) {
  TrustProject p;
  p.write_hostile_cargo_config(FERRET_MARKER_LIBRARY);
  expect_nothing_runs_and_answers_hold(p, {});
}

// rustup when installed (it honours the file in the folder it runs in), else emulated.
TEST(HostileTrust, RustToolchainFileNamesAToolchainPath) {
  TrustProject p;
  p.write_toolchain_path();
  Env env;
  if (TrustProject::which("rustup") == "rustup") {
    env.emplace_back("PATH", path_with(p.emulated_rustup_proxies()));
  }
  expect_nothing_runs_and_answers_hold(p, env);
}

// The same with proxies that behave like rustup's first on PATH, rustup or not.
TEST(HostileTrust, RustToolchainFileThroughRustupLikeProxies) {
  TrustProject p;
  p.write_toolchain_path();
  p.write_hostile_cargo_config(FERRET_MARKER_LIBRARY);
  Env env = {{"PATH", path_with(p.emulated_rustup_proxies())}};
  expect_nothing_runs_and_answers_hold(p, env);
}

// A PATH with an empty entry (the working folder) and `.`: programs are looked up from
// the neutral folder, never the project's.
TEST(HostileTrust, PathEntriesRelativeToTheProject) {
  TrustProject p;
  p.write_tools_into_the_project();
  expect_nothing_runs_and_answers_hold(p, {{"PATH", path_with(":.")}});
}

}  // namespace
}  // namespace ferret::testing
