// The multi-file fixture format of docs/DESIGN.md ("Tests are data"):
//
//   //- /src/main.rs crate:app deps:geo edition:2018 cfg:unix,feature=x std
//   use geo::Point;  fn main() { Point::ne$0 }
//   //- /geo/src/lib.rs crate:geo
//   pub struct Point; impl Point { pub fn new() -> Point { Point } }
//
// A `//-` line starts a file (a path, then options); `crate:NAME` makes the file a
// crate root, `deps:` names its dependencies, `std` (on the first line) brings in the
// real standard library, `minicore` (on any line) brings in the small stand-in for it
// in tests/fixtures/minicore (core.rs, alloc.rs, std.rs as crates core, alloc and std
// at /minicore/NAME.rs, standard-library crates like the real ones: every fixture crate
// depends on them, with alloc outside the extern prelude), `unreadable` makes the file
// exist but fail to read. `$0` is the cursor. Without `//-` lines the text is one
// file, /main.rs, of crate `main`.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/crate_graph.h"
#include "base/file_system.h"
#include "ide/match.h"
#include "sema/database.h"

namespace ferret::testing {

struct FixtureCrate {
  std::string name;
  std::string root;  // virtual path
  std::vector<std::string> deps;
  int edition = 2021;
  std::vector<std::string> cfg;  // atoms and key=value
};

struct Fixture {
  std::vector<std::pair<std::string, std::string>> files;  // virtual path, text
  std::vector<std::string> unreadable;
  std::vector<FixtureCrate> crates;
  bool real_std = false;
  bool minicore = false;
  std::string cursor_file;
  uint32_t cursor_offset = 0;
  bool has_cursor = false;
};

Fixture parse_fixture(const std::string& text);

// The file system (virtual files over the real disk when the fixture uses std) and the
// crate graph of a fixture. Fixture paths live under `root` ("/fx"), the minicore's
// under `root` + "/minicore".
struct FixtureWorld {
  std::shared_ptr<base::FileSystem> fs;
  base::CrateGraph graph;
  std::string root;      // where the fixture's files live
  std::string std_root;  // the std sources' library folder, when used
};

FixtureWorld build_world(const Fixture& f, const std::string& root);

// A path as fixtures' expected files write it: relative to the fixture root, std's
// under "<std>".
std::string show_path(const std::string& path, const FixtureWorld& w);
// "  name Kind path:line:col `context`\n"
std::string show_match(const ide::Match& m, const FixtureWorld& w);
// The completion at `offset` of `path` (at most max_matches, then "… N more") and the
// definition there, rendered for an expected file.
std::string show_completion_and_definition(sema::Database& db, const std::string& path, uint32_t offset,
                                           const std::vector<sema::CrateId>& candidates, const FixtureWorld& w,
                                           size_t max_matches);

}  // namespace ferret::testing
