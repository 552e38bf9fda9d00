// Query preparation: which crate and module a position is in, and the full parse.
#include "ide/query.h"

#include "ide/macro_body.h"
#include "index/item_tree_builder.h"
#include "syntax/parse.h"

namespace ferret::ide {

namespace {

syntax::Edition edition_of(int year) {
  if (year >= 2024) return syntax::Edition::E2024;
  if (year >= 2021) return syntax::Edition::E2021;
  if (year >= 2018) return syntax::Edition::E2018;
  return syntax::Edition::E2015;
}

}  // namespace

std::unique_ptr<Query> prepare_query(sema::Database& db, const std::string& path, uint32_t offset,
                                     const std::vector<sema::CrateId>& candidates) {
  sema::FileId file = db.file_id(path);
  base::FileText text = db.file_text(file);
  if (!text) return nullptr;
  sema::CrateId krate = db.crate_of_file(file, candidates);
  if (krate == base::kNoCrate) {
    // No module tree reaches the file. Like racer, read it as part of the root module of
    // its package's crate (a copy of that crate with the file added); with no package,
    // it is a crate of its own.
    base::CrateData loose;
    if (!candidates.empty()) {
      loose = db.graph()[candidates[0]];
      loose.extra_root_files.push_back(db.file_path(file));
    } else {
      loose.cfg = base::CfgOptions::host_target();
      loose.root_file = db.file_path(file);
      loose.edition = 2015;
      loose.origin = base::CrateOrigin::LoneFile;
    }
    krate = db.add_crate(std::move(loose));
  }
  uint32_t at = offset > text->size() ? static_cast<uint32_t>(text->size()) : offset;
  syntax::ParseOptions opts;
  opts.edition = edition_of(db.graph()[krate].edition);
  if (db.graph()[krate].origin == base::CrateOrigin::LoneFile && db.graph()[krate].edition < 2021) {
    opts.edition = syntax::Edition::E2021;  // lone files: today's keywords, 2015 name rules
  }
  std::shared_ptr<const syntax::SyntaxTree> tree = db.full_tree(file, opts.edition);
  std::unique_ptr<index::ItemTree> body_tree;
  bool in_transcriber = false;
  if (std::optional<std::string> rewritten = macro_body_as_code(*tree, *text, at)) {
    // The cursor is in a macro_rules! transcriber: read it as the code it becomes.
    in_transcriber = true;
    text = std::make_shared<const std::string>(std::move(*rewritten));
    tree = sema::Database::parse_shared(text, opts);
    body_tree = std::make_unique<index::ItemTree>(index::build_item_tree(*tree, true));
  }
  auto q = std::make_unique<Query>(db, file, text, std::move(tree));
  q->krate = krate;
  q->offset = at;
  q->module = db.module_of_file(krate, file, q->offset);
  if (q->module == sema::kNoIndex) q->module = 0;
  q->macro_body_tree = std::move(body_tree);
  if (in_transcriber) q->note("the cursor is in a macro_rules! transcriber: read as the code it becomes");
  return q;
}

uint32_t Query::enclosing_impl_or_trait() {
  const index::ItemTree& t = file_tree();
  uint32_t best = index::kNone;
  for (uint32_t i = 0; i < t.items.size(); ++i) {
    const index::Item& it = t.items[i];
    if ((it.kind == index::ItemKind::Impl || it.kind == index::ItemKind::Trait) && it.start <= offset &&
        offset <= it.end) {
      best = i;  // preorder: later matches are nested deeper
    }
  }
  return best;
}

}  // namespace ferret::ide
