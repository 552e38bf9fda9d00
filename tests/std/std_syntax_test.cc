// Properties of the parser on the real standard library (Debian's rust-src):
// no syntax errors, skeleton = full outside bodies, and recovery from cuts (sample).
#include <gtest/gtest.h>

#include "support/fixture.h"
#include "support/recovery_check.h"
#include "syntax/item_outline.h"
#include "syntax/parse.h"
#include "syntax/tree_dump.h"

namespace ferret::testing {
namespace {

#define SKIP_WITHOUT_STD(files) \
  if ((files).empty()) GTEST_SKIP() << "no std sources (install Debian's rust-src)"

TEST(StdSyntax, EveryLibraryFileParsesWithoutErrors) {
  std::vector<std::string> files = std_library_files({""});
  SKIP_WITHOUT_STD(files);
  size_t errors = 0;
  for (const std::string& path : files) {
    std::string text = read_file(path);
    syntax::SyntaxTree tree = syntax::parse(text);
    for (const syntax::SyntaxError& e : tree.errors()) {
      if (++errors <= 20) ADD_FAILURE() << path << "@" << e.offset << ": " << e.message;
    }
  }
  EXPECT_EQ(errors, 0u) << "in " << files.size() << " files";
}

TEST(StdSyntax, SkeletonAndFullAgreeOutsideBodies) {
  std::vector<std::string> files = std_library_files({"core", "alloc", "std"});
  SKIP_WITHOUT_STD(files);
  syntax::DumpOptions dump;
  dump.elide_fn_bodies = true;
  dump.include_errors = false;
  size_t items = 0;
  for (const std::string& path : files) {
    std::string text = read_file(path);
    syntax::ParseOptions full_opts, skel_opts;
    skel_opts.skeleton = true;
    syntax::SyntaxTree full = syntax::parse(text, full_opts);
    syntax::SyntaxTree skel = syntax::parse(text, skel_opts);
    std::vector<syntax::OutlineItem> a = syntax::item_outline(full);
    std::vector<syntax::OutlineItem> b = syntax::item_outline(skel);
    items += a.size();
    ASSERT_EQ(a, b) << "item lists differ in " << path;
    ASSERT_EQ(syntax::dump_tree(full, dump), syntax::dump_tree(skel, dump))
        << "signatures differ in " << path;
  }
  EXPECT_GT(items, 10000u);
}

TEST(StdSyntax, RecoveryFromCutsOnASample) {
  std::vector<std::string> files = std_library_files({"core", "alloc", "std"});
  SKIP_WITHOUT_STD(files);
  RecoveryStats stats;
  for (size_t i = 0; i < files.size(); i += 8) {
    check_recovery(files[i], read_file(files[i]), syntax::Edition::E2021, 20, 7, stats);
  }
  for (const std::string& m : stats.misses) ADD_FAILURE() << "missing " << m;
  EXPECT_GT(stats.items_expected, 1000u);
  EXPECT_EQ(stats.items_found, stats.items_expected);
}

}  // namespace
}  // namespace ferret::testing
