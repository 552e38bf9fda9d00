// A query at a position in a file: the file's text (unsaved buffers win), its full
// syntax tree, the crate and module the position belongs to. Completion, definitions
// and explain all start from one.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/line_index.h"
#include "index/item_tree.h"
#include "sema/database.h"
#include "sema/impl_index.h"
#include "syntax/syntax_tree.h"

namespace ferret::ide {

struct TypedBody;  // type_queries.cc: the body at the cursor, inferred on first need

struct Query {
  sema::Database& db;
  sema::FileId file;
  base::FileText text;
  std::shared_ptr<const syntax::SyntaxTree> tree_holder;  // keeps `tree` alive
  const syntax::SyntaxTree& tree;
  sema::CrateId krate;
  sema::ModuleId module;
  uint32_t offset;
  uint32_t ident_offset = 0;  // find-definition: an offset inside the identifier
  sema::ImplIndex& impls;  // the database's
  std::vector<std::string> trace;  // explain: the steps taken, in order
  // `ferret explain`: also the notes that cost work (types rendered, lines counted).
  bool explaining = false;
  // Set when the cursor is in a macro_rules! transcriber: `text` and `tree` are the
  // rewritten file (macro_body.h), and this is its item tree (the database's is the
  // file's own).
  std::unique_ptr<index::ItemTree> macro_body_tree;
  std::shared_ptr<TypedBody> types;
  // Completion with an empty prefix: also the members that may not apply (every type's
  // `into`), ranked last — what a client filtering the list itself (LSP) needs. racer's
  // protocol asks again for every prefix, and its clients expect them only once a
  // prefix asks for them.
  bool complete_everything_at_empty_prefix = true;
  // Completion of a bare name: also items of other modules and crates it could `use`.
  // racer's clients have no way to add the `use`, and expect only what is in scope.
  bool offer_imports_for_names = true;

  Query(sema::Database& d, sema::FileId f, base::FileText t, std::shared_ptr<const syntax::SyntaxTree> parsed)
      : db(d), file(f), text(std::move(t)), tree_holder(std::move(parsed)), tree(*tree_holder), impls(d.impl_index()) {}
  void note(std::string step) { trace.push_back(std::move(step)); }
  // The item tree of the file as this query reads it.
  const index::ItemTree& file_tree() { return macro_body_tree ? *macro_body_tree : db.item_tree(file); }
  // The innermost impl or trait of file_tree() around the cursor, or index::kNone.
  uint32_t enclosing_impl_or_trait();
  const base::LineIndex& lines() const {
    if (!lines_) lines_ = std::make_unique<base::LineIndex>(*text);
    return *lines_;
  }

 private:
  mutable std::unique_ptr<base::LineIndex> lines_;
};

// Prepares a query. `candidates` are the crates that may hold the file (most likely
// first); when no module tree reaches the file it becomes the root of a crate of its
// own with the first candidate's dependencies (racer's behaviour for loose files).
// Nullopt when the file cannot be read.
std::unique_ptr<Query> prepare_query(sema::Database& db, const std::string& path, uint32_t offset,
                                     const std::vector<sema::CrateId>& candidates);

}  // namespace ferret::ide
