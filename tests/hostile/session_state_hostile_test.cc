// State a long-lived session (LSP server, daemon, C library) keeps per file must not
// grow with every file ever asked about, nor outlive the buffer it was made for: lone
// files' workspaces and loose files' crates are bounded and go when their buffer
// closes, and a buffer's edits are never answered from what its old text made.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "ide/completion.h"
#include "support/fixture.h"
#include "support/memory_world.h"

namespace ferret::testing {
namespace {

class HostileSession : public ::testing::Test {
 protected:
  HostileSession() {
    std::string mini = fixtures_root() + "/minicore/";
    world_.add_minicore(read_file(mini + "core.rs"), read_file(mini + "alloc.rs"),
                        read_file(mini + "std.rs"));
    world_.files->add_file("/pkg/Cargo.toml",
                           "[package]\nname = \"pkg\"\nversion = \"0.1.0\"\nedition = \"2021\"\n");
    world_.files->add_file("/pkg/src/main.rs", "fn main() {}\n");
  }

  // The completion at the end of `text` (a buffer of `path`), as names.
  std::vector<std::string> complete_at_end(frontends::Session& s, const std::string& path,
                                           const std::string& text) {
    s.set_buffer(path, text);
    std::unique_ptr<ide::Query> q = s.query(path, static_cast<uint32_t>(text.size()));
    std::vector<std::string> names;
    if (!q) return names;
    for (const ide::Match& m : ide::complete(*q).matches) names.push_back(m.name);
    return names;
  }

  static bool has(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  }

  MemoryWorld world_;
};

TEST_F(HostileSession, LoneFilesKeepABoundedNumberOfWorkspaces) {
  frontends::Session s(world_.session_world());
  for (int i = 0; i < 40; ++i) {
    std::string path = "/lone/f" + std::to_string(i) + ".rs";
    world_.files->add_file(path, "fn lone_" + std::to_string(i) + "() {}\nfn main() { lone_ }\n");
    std::unique_ptr<ide::Query> q = s.query(path, 33);
    ASSERT_TRUE(q) << path;
    EXPECT_TRUE(has(
        [&] {
          std::vector<std::string> n;
          for (const ide::Match& m : ide::complete(*q).matches) n.push_back(m.name);
          return n;
        }(),
        "lone_" + std::to_string(i)))
        << path;
    q.reset();
    EXPECT_LE(s.workspaces().size(), frontends::Session::kMaxLoneWorkspaces) << "after " << path;
  }
}

TEST_F(HostileSession, LooseFilesOfAPackageKeepABoundedNumberOfCrates) {
  frontends::Session s(world_.session_world());
  size_t graph_before = 0;
  for (int i = 0; i < 60; ++i) {
    std::string path = "/pkg/src/loose" + std::to_string(i) + ".rs";
    world_.files->add_file(path, "fn loose_" + std::to_string(i) + "() {}\n");
    ASSERT_TRUE(s.query(path, 0)) << path;
    sema::Database& db = *s.workspace_for(path).db;
    if (i == 0) graph_before = db.graph().size();
    EXPECT_LE(db.added_crate_count(), sema::Database::kMaxAddedCrates);
    EXPECT_LE(db.graph().size(), graph_before + sema::Database::kMaxAddedCrates);
  }
}

TEST_F(HostileSession, ClosingABufferDropsWhatWasMadeForIt) {
  frontends::Session s(world_.session_world());
  // A loose file of the package: a crate made for it, retired at close.
  EXPECT_TRUE(
      has(complete_at_end(s, "/pkg/src/scratch.rs", "fn scratch_fn() {}\nfn g() { scratch_"),
          "scratch_fn"));
  sema::Database& db = *s.workspace_for("/pkg/src/main.rs").db;
  EXPECT_EQ(db.added_crate_count(), 1u);
  s.clear_buffer("/pkg/src/scratch.rs");
  EXPECT_EQ(db.added_crate_count(), 0u);
  // A lone file (not on disk): its own workspace, dropped at close.
  size_t before = s.workspaces().size();
  EXPECT_TRUE(
      has(complete_at_end(s, "/elsewhere/note.rs", "fn note_fn() {}\nfn g() { note_"), "note_fn"));
  EXPECT_EQ(s.workspaces().size(), before + 1);
  s.clear_buffer("/elsewhere/note.rs");
  EXPECT_EQ(s.workspaces().size(), before);
  // Opened again: answered again.
  EXPECT_TRUE(
      has(complete_at_end(s, "/pkg/src/scratch.rs", "fn scratch_fn() {}\nfn g() { scratch_"),
          "scratch_fn"));
}

// A buffer's macro_rules! edited: expansions follow the new rules, not the first ones
// parsed (they were memoized by file and item, and outlived the text).
TEST_F(HostileSession, EditedMacroRulesAreReadAgain) {
  frontends::Session s(world_.session_world());
  auto text = [](const std::string& name) {
    return "macro_rules! m { () => { fn " + name + "() {} } }\nm!();\nfn main() { alp";
  };
  std::vector<std::string> first = complete_at_end(s, "/pkg/src/main.rs", text("alpha_one"));
  EXPECT_TRUE(has(first, "alpha_one"));
  std::vector<std::string> second = complete_at_end(s, "/pkg/src/main.rs", text("alpha_two"));
  EXPECT_TRUE(has(second, "alpha_two"));
  EXPECT_FALSE(has(second, "alpha_one"));
}

}  // namespace
}  // namespace ferret::testing
