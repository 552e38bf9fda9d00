// Incremental reparsing: after an edit inside one function body, only that body is
// lexed and parsed again, and spliced into the previous tree.
//
// The answer is always the tree parse() would give for the new text — byte for byte the
// same tokens, nodes and errors — or nothing, when the edit is not one this can prove
// that for: it must lie strictly inside the braces of a function body whose new text
// lexes on its own without errors, and the file must have balanced delimiters before and
// after (unbalanced files are parsed with indentation heuristics that look at the whole
// file). The caller then parses in full.
#pragma once

#include <optional>
#include <string_view>

#include "syntax/parse.h"
#include "syntax/syntax_tree.h"

namespace ferret::syntax {

// What an incremental reparse changed: bytes [start, old_end) of the old text became
// [start, new_end) of the new one, inside the function body that starts at body_start.
// Everything from old_end on moved by new_end - old_end bytes and `line_delta` lines;
// what starts after `next_newline` (in the old text: the first line break at or after
// old_end, UINT32_MAX when none) also kept its column. `items_unchanged`: the items
// declared in the body (local fns, uses, structs…) are the same before and after,
// none of them touched by the edit.
struct BodyEdit {
  uint32_t start = 0;
  uint32_t old_end = 0;
  uint32_t new_end = 0;
  uint32_t body_start = 0;
  int32_t line_delta = 0;
  uint32_t next_newline = UINT32_MAX;
  bool items_unchanged = false;

  int64_t delta() const { return static_cast<int64_t>(new_end) - old_end; }
};

// The tree of `text` from `old`, the full (not skeleton) tree of an earlier version of
// it parsed with the same options. The result refers to `text`. With `edit`, what
// changed is described there.
std::optional<SyntaxTree> reparse(const SyntaxTree& old, std::string_view text, const ParseOptions& options,
                                  BodyEdit* edit = nullptr);

}  // namespace ferret::syntax
