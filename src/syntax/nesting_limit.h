// The one depth budget of ferret (docs/DESIGN.md §11). Every recursion of the engine — the
// parser's grammar functions and the links of left-deep chains, the item tree builder,
// cfg predicates, type lowering and type terms, inference, macro matching and
// transcription, token streams, and the printers of trees and types — stops at
// kMaxNesting levels of what it recurses over and degrades the answer for the part
// beyond (an ERROR node, an unknown type, an unexpanded macro), never the process.
// The parser keeps every syntax tree within the budget, so what walks trees is bounded
// by it too. The value is chosen so that the deepest path through all of them fits a
// 512 KB thread stack (tests/hostile/deep_nesting_test.cc runs each recursive form a
// million times over, on the main thread and on such a thread).
#pragma once

namespace ferret {

inline constexpr int kMaxNesting = 256;

}  // namespace ferret

// On a function called from a recursion whose own frame should stay small: its locals
// live only while it runs, not in every level of the recursion above it.
#define FERRET_NOINLINE __attribute__((noinline))

namespace ferret {

}  // namespace ferret
