// Parsing Rust source into a SyntaxTree: the public entry point of the syntax layer.
//
// parse() never fails: any text gives a tree (whose root is a SOURCE_FILE covering all
// tokens) and a list of errors. Skeleton mode skips function bodies by brace matching
// and yields the same items, signatures and ranges as full mode.
#pragma once

#include <string_view>

#include "syntax/nesting_limit.h"
#include "syntax/syntax_tree.h"
#include "syntax/token.h"

namespace ferret::syntax {

struct ParseOptions {
  Edition edition = Edition::E2021;
  bool skeleton = false;
  // Levels the tree may nest (kMaxNesting). Code parsed in the middle of a recursion
  // that shares the budget (a macro expansion read during inference) gets what is left.
  int nesting_budget = kMaxNesting;
};

// Lexes and parses `text`. The returned tree refers to `text`, which must outlive it.
SyntaxTree parse(std::string_view text, const ParseOptions& options = {});

}  // namespace ferret::syntax
