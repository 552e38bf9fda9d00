// What is being completed at a cursor: the identifier prefix (racer's PREFIX) and the
// syntactic situation — a bare name, a path after `a::b::`, a `use` tree, a field or
// method after `.`, a struct literal or pattern field, an `extern crate` name, a method
// name being written in a trait impl.
#pragma once

#include <string>

#include "ide/query.h"
#include "sema/scope_lookup.h"

namespace ferret::ide {

enum class CompletionKind : uint8_t {
  None,             // nothing to complete (inside a literal or comment, a definition name…)
  Name,             // a bare identifier: everything in scope
  Path,             // qualifier::prefix
  UseTree,          // inside `use` (qualifier may be empty)
  Dot,              // receiver.prefix
  RecordExprField,  // S { prefix
  RecordPatField,   // S { prefix } in a pattern
  ExternCrate,      // extern crate prefix
  ImplItemName,     // fn prefix inside `impl Trait for T`: the trait's items
  MacroName,        // prefix! — macros only
};

struct CompletionContext {
  CompletionKind kind = CompletionKind::None;
  uint32_t prefix_start = 0;
  uint32_t prefix_end = 0;
  std::string prefix;
  sema::SimplePath qualifier;     // Path / UseTree: the segments before the prefix
  bool qualifier_self_type = false;  // the qualifier starts with `Self` or `<T as Trait>`
  syntax::NodeId qualified_self = syntax::kNoNode;  // the `<T as Trait>` starting it, if any
  bool in_type = false;           // a type position: types only
  bool bang_follows = false;      // `pre|fix!(…)`: the `!` is already written
  syntax::NodeId receiver = syntax::kNoNode;  // Dot: the receiver expression
  syntax::NodeId record = syntax::kNoNode;    // RecordExpr / RecordPat / Impl
};

// The identifier prefix ending at `offset` (racer's expand_ident): [start, offset).
// Identifier characters are the lexer's (XID_Continue in UTF-8): a BOM or any other
// non-identifier character before a name is not part of it.
uint32_t prefix_start(std::string_view text, uint32_t offset);
// Where the identifier the cursor is in ends: [prefix_start, ident_end) is the name.
uint32_t ident_end(std::string_view text, uint32_t offset);

CompletionContext completion_context(Query& q);

// The path written in a Path node (segments before `stop_before`, a segment node, or
// all when kNoNode), with `crate`/`self`/`super`/`::` leading parts; `self_type` is
// set when it starts with `Self`.
sema::SimplePath syntax_path(Query& q, syntax::NodeId path, syntax::NodeId stop_before, bool& self_type);

// For a Path inside a `use`: the path written in the enclosing use trees plus this one.
sema::SimplePath use_tree_path(Query& q, syntax::NodeId path, syntax::NodeId stop_before);

}  // namespace ferret::ide
