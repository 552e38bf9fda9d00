// Incremental reparsing on the real standard library: random edits (typing, deleting,
// pasting fragments that open strings, comments and groups) applied one after another
// to std files, each answered by syntax::reparse from the previous tree and compared with
// a full parse of the same text — tokens, nodes and errors must be identical. Also
// checks that typing well-formed code inside function bodies is taken incrementally
// (the point: an editor's keystrokes reparse one body, not the file).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "index/item_tree_builder.h"
#include "index/item_tree_dump.h"
#include "index/item_tree_io.h"
#include "index/item_tree_update.h"
#include "support/fixture.h"
#include "syntax/parse.h"
#include "syntax/reparse.h"

namespace ferret::testing {
namespace {

using syntax::SyntaxTree;

// Where two trees differ, in words (empty when they are the same).
std::string difference(const SyntaxTree& a, const SyntaxTree& b) {
  if (a.tokens().size() != b.tokens().size()) return "token counts differ";
  for (size_t i = 0; i < a.tokens().size(); ++i) {
    const syntax::Token& x = a.tokens()[i];
    const syntax::Token& y = b.tokens()[i];
    if (x.start != y.start || x.len != y.len || x.kind != y.kind || x.flags != y.flags) {
      return "token " + std::to_string(i) + " differs";
    }
  }
  if (a.nodes().size() != b.nodes().size()) return "node counts differ";
  for (size_t i = 0; i < a.nodes().size(); ++i) {
    const syntax::Node& x = a.nodes()[i];
    const syntax::Node& y = b.nodes()[i];
    if (x.kind != y.kind || x.flags != y.flags || x.first_token != y.first_token || x.end_token != y.end_token ||
        x.subtree_end != y.subtree_end || x.parent != y.parent) {
      return "node " + std::to_string(i) + " differs";
    }
  }
  if (a.delimiters_balanced() != b.delimiters_balanced()) return "balanced flags differ";
  if (a.errors().size() != b.errors().size()) {
    return "error counts differ: " + std::to_string(a.errors().size()) + " vs " + std::to_string(b.errors().size());
  }
  for (size_t i = 0; i < a.errors().size(); ++i) {
    if (a.errors()[i].offset != b.errors()[i].offset || a.errors()[i].message != b.errors()[i].message) {
      return "error " + std::to_string(i) + " differs: " + std::to_string(a.errors()[i].offset) + " " +
             a.errors()[i].message + " vs " + std::to_string(b.errors()[i].offset) + " " + b.errors()[i].message;
    }
  }
  return {};
}

// Text typed or pasted by the random edits: ordinary code and the openers that change
// how everything after them lexes or parses.
const std::vector<std::string> kInsertions = {
    "x", ".", "self.", "(", ")", "{", "}", "[", "]", ";", ",", " ", "\n", "let y = ", "foo(", "::",
    "\"", "'", "'a", "/*", "*/", "//", "r#\"", "b'", "0x", "1.0", "#", "!", "|x| ", "=>", "<", ">",
    "match v { ", "fn g() {", "struct S", "impl T for U {", "}\n}", "mod m {", "é", "\t", "\\"};

// Text that leaves a balanced, lexable body so: what a keystroke or a paste of finished
// code does most of the time.
const std::vector<std::string> kWellFormed = {
    "x", ".", "self.", ";", " ", "\n", "let y = ", "::", "1.0", "'a", "!", "=>", "<", "é",
    "foo()", "{ x }", "[1, 2]", "\"str\"", "/* c */", "// c\n", "|x| x + 1", "match v { _ => {} }",
    // local items: the body's block scope changes, the item tree is rebuilt
    "use std::fmt;", "struct Local;", "fn local() {}"};

struct Stats {
  size_t edits = 0, incremental = 0, item_trees_kept = 0;
};

// Every byte position an item tree holds, as text (dump_item_tree leaves them out).
std::string positions(const index::ItemTree& t) {
  std::string out = "size " + std::to_string(t.text_size) + "\n";
  for (const index::Item& it : t.items) {
    out += "item " + std::to_string(it.start) + "-" + std::to_string(it.end) + " name " + std::to_string(it.name_offset) +
           " " + std::to_string(it.name_line) + ":" + std::to_string(it.name_col) + "\n";
  }
  for (const index::Import& imp : t.imports) {
    out += "import " + std::to_string(imp.offset) + " " + std::to_string(imp.line) + ":" + std::to_string(imp.col) + "\n";
  }
  for (const index::MacroData& m : t.macros) out += "macro body " + std::to_string(m.body_offset) + "\n";
  return out;
}

// The first line where two texts differ, both versions.
std::string first_difference(const std::string& a, const std::string& b) {
  size_t at = std::mismatch(a.begin(), a.begin() + std::min(a.size(), b.size()), b.begin()).first - a.begin();
  size_t line = a.rfind('\n', at == 0 ? 0 : at - 1);
  line = line == std::string::npos ? 0 : line + 1;
  return "\n  " + a.substr(line, a.find('\n', at) - line) + "\n  " + b.substr(line, b.find('\n', at) - line);
}

// After an incremental reparse, the old item tree shifted (when it can be) must be the
// item tree built from the new tree: the same items and data, every position moved.
// (Serialized bytes are no oracle: structs' padding bytes are not deterministic.)
void check_item_tree(const index::ItemTree& before, const SyntaxTree& after, const syntax::BodyEdit& edit,
                     const std::string& where, Stats& stats) {
  index::ItemTree shifted = before;
  if (!index::shift_item_tree(shifted, after, edit)) return;
  ++stats.item_trees_kept;
  index::ItemTree built = index::build_item_tree(after, true);
  std::string a = index::dump_item_tree(shifted) + positions(shifted);
  std::string b = index::dump_item_tree(built) + positions(built);
  EXPECT_EQ(a == b, true) << "shifted item tree differs from the built one: " << where << first_difference(a, b);
}

// Offsets of the bytes just inside function bodies (after `{` of a BlockExpr of a Fn).
std::vector<uint32_t> body_offsets(const SyntaxTree& t) {
  std::vector<uint32_t> out;
  for (syntax::NodeId i = 0; i < t.nodes().size(); ++i) {
    const syntax::Node& n = t.at(i);
    if (n.kind == syntax::SyntaxKind::BlockExpr && n.parent != syntax::kNoNode &&
        t.at(n.parent).kind == syntax::SyntaxKind::Fn && n.end_token > n.first_token + 1) {
      uint32_t a = t.tokens()[n.first_token].end(), b = t.tokens()[n.end_token - 1].start;
      for (uint32_t o = a; o <= b; o += 1 + (b - a) / 4) out.push_back(o);
    }
  }
  return out;
}

// Edits one after another, each reparsed from the previous tree (incremental or not),
// so chains run through broken states: unclosed groups, strings, comments.
void edit_file(const std::string& path, std::mt19937& rng, int rounds, Stats& stats) {
  auto holder = std::make_unique<std::string>(read_file(path));
  SyntaxTree tree = syntax::parse(*holder);
  for (int r = 0; r < rounds; ++r) {
    std::vector<uint32_t> inside = body_offsets(tree);
    bool in_body = !inside.empty() && rng() % 4 != 0;
    uint32_t at = in_body ? inside[rng() % inside.size()] : static_cast<uint32_t>(rng() % (holder->size() + 1));
    auto next = std::make_unique<std::string>(*holder);
    const std::vector<std::string>& texts = rng() % 2 ? kInsertions : kWellFormed;
    switch (rng() % 3) {
      case 0: next->insert(at, texts[rng() % texts.size()]); break;
      case 1: next->erase(at, std::min<size_t>(rng() % 12, next->size() - at)); break;
      default:
        next->erase(at, std::min<size_t>(rng() % 4, next->size() - at));
        next->insert(at, texts[rng() % texts.size()]);
        break;
    }
    syntax::BodyEdit edit;
    std::optional<SyntaxTree> quick = syntax::reparse(tree, *next, {}, &edit);
    SyntaxTree full = syntax::parse(*next);
    ++stats.edits;
    if (quick) {
      ++stats.incremental;
      std::string diff = difference(*quick, full);
      ASSERT_TRUE(diff.empty()) << path << " edit " << r << " at " << at << ": " << diff;
      if (r % 5 == 0) {
        check_item_tree(index::build_item_tree(tree, true), *quick, edit, path + " edit " + std::to_string(r), stats);
      }
    }
    holder = std::move(next);
    tree = quick ? std::move(*quick) : std::move(full);
  }
}

// Every `every`-th file of core, alloc and std.
std::vector<std::string> library_sample(size_t every) {
  std::vector<std::string> files;
  std::vector<std::string> all = std_library_files({"core", "alloc", "std"});
  for (size_t i = 0; i < all.size(); i += every) files.push_back(all[i]);
  return files;
}

TEST(StdReparse, RandomEditChainsAgreeWithFullParses) {
  std::vector<std::string> files = library_sample(3);
  if (files.empty()) GTEST_SKIP() << "no std sources (install Debian's rust-src)";
  std::mt19937 rng(20261201);
  Stats stats;
  for (const std::string& f : files) {
    edit_file(f, rng, 15, stats);
    if (::testing::Test::HasFatalFailure()) return;
  }
  std::printf("reparse chains: %zu edits, %zu incremental, %zu item trees kept\n", stats.edits, stats.incremental,
              stats.item_trees_kept);
  EXPECT_GT(stats.edits, 4000u);
  EXPECT_GT(stats.incremental, stats.edits / 10);  // the broken states are reparsed too
}

TEST(StdReparse, WellFormedTypingInBodiesIsIncremental) {
  std::vector<std::string> files = library_sample(5);
  if (files.empty()) GTEST_SKIP() << "no std sources (install Debian's rust-src)";
  std::mt19937 rng(7);
  Stats stats;
  for (const std::string& f : files) {
    std::string text = read_file(f);
    SyntaxTree tree = syntax::parse(text);
    index::ItemTree items = index::build_item_tree(tree, true);
    std::vector<uint32_t> inside = body_offsets(tree);
    for (int r = 0; r < 10 && !inside.empty(); ++r) {
      std::string next = text;
      next.insert(inside[rng() % inside.size()], kWellFormed[rng() % kWellFormed.size()]);
      syntax::BodyEdit edit;
      std::optional<SyntaxTree> quick = syntax::reparse(tree, next, {}, &edit);
      ++stats.edits;
      if (!quick) continue;
      ++stats.incremental;
      std::string diff = difference(*quick, syntax::parse(next));
      ASSERT_TRUE(diff.empty()) << f << ": " << diff;
      check_item_tree(items, *quick, edit, f, stats);
    }
  }
  std::printf("reparse typing: %zu edits in bodies, %zu incremental, %zu item trees kept\n", stats.edits,
              stats.incremental, stats.item_trees_kept);
  EXPECT_GT(stats.edits, 1000u);
  // Not all: a `'a` typed before an identifier, an edit inside a literal or a comment
  // that turns what follows into more of it.
  EXPECT_GT(stats.incremental * 100, stats.edits * 90);
  // Kept unless the body declares items or the edit is on the body's last line.
  EXPECT_GT(stats.item_trees_kept * 100, stats.incremental * 70);
}

}  // namespace
}  // namespace ferret::testing
