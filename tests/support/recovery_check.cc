// Cuts files and compares item outlines of the cut parse against the whole-file parse.
#include "support/recovery_check.h"

#include <algorithm>
#include <random>

#include "syntax/item_outline.h"
#include "syntax/parse.h"

namespace ferret::testing {

namespace {

bool outline_less(const syntax::OutlineItem& a, const syntax::OutlineItem& b) {
  if (a.range.start != b.range.start) return a.range.start < b.range.start;
  if (a.range.end != b.range.end) return a.range.end < b.range.end;
  if (a.depth != b.depth) return a.depth < b.depth;
  if (a.kind != b.kind) return a.kind < b.kind;
  return a.name < b.name;
}

}  // namespace

void check_recovery(const std::string& name, const std::string& text, syntax::Edition edition,
                    int cuts, uint64_t seed, RecoveryStats& stats) {
  syntax::ParseOptions options;
  options.edition = edition;
  syntax::SyntaxTree whole = syntax::parse(text, options);
  std::vector<syntax::OutlineItem> items = syntax::item_outline(whole);
  std::seed_seq seq{seed, static_cast<uint64_t>(std::hash<std::string>{}(name))};
  std::mt19937_64 rng(seq);
  ++stats.files;
  for (int i = 0; i < cuts; ++i) {
    size_t cut = text.empty() ? 0 : rng() % (text.size() + 1);
    std::string prefix = text.substr(0, cut);
    syntax::SyntaxTree tree = syntax::parse(prefix, options);
    std::vector<syntax::OutlineItem> got = syntax::item_outline(tree);
    std::sort(got.begin(), got.end(), outline_less);
    ++stats.cuts;
    for (const syntax::OutlineItem& item : items) {
      if (item.range.end > cut) continue;
      ++stats.items_expected;
      if (std::binary_search(got.begin(), got.end(), item, outline_less)) {
        ++stats.items_found;
      } else if (stats.misses.size() < 50) {
        stats.misses.push_back(name + "@" + std::to_string(cut) + ": " +
                               std::string(syntax::syntax_kind_name(item.kind)) + " " + item.name +
                               " " + std::to_string(item.range.start) + ".." +
                               std::to_string(item.range.end));
      }
    }
  }
}

}  // namespace ferret::testing
