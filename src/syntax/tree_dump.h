// Text dumps of syntax trees for fixture tests and `ferret parse --dump`.
#pragma once

#include <string>

#include "syntax/syntax_tree.h"

namespace ferret::syntax {

struct DumpOptions {
  // Print function bodies as a bare BLOCK_EXPR line (no tokens, no children), so a
  // full parse and a skeleton parse of the same text dump identically.
  bool elide_fn_bodies = false;
  bool include_errors = true;
};

// One line per node (`KIND@start..end`) and per token (`IDENT "x"`, `"fn"`), indented
// by depth, then the errors (`error@offset: message`).
std::string dump_tree(const SyntaxTree& tree, const DumpOptions& options = {});

// A compact S-expression dump for fixture tests: `(KIND token (CHILD …) …)`; a node
// covering a single token prints as `(KIND token)`; items (with their byte range),
// statements, match arms and block tails start new indented lines. Errors follow as
// `error LINE:COL: message` (line 1-based, column 0-based bytes).
std::string dump_sexpr(const SyntaxTree& tree);

}  // namespace ferret::syntax
