// The one depth budget of ferret (docs/DESIGN.md §11). Every recursion of the engine
// stops at kMaxNesting levels of what it recurses over and degrades the answer for the
// part beyond (an ERROR node, an unknown type, an unexpanded macro), never the process:
// - the parser's grammar functions, counting the links of left-deep chains (`a.b().c()`,
//   `a + b`, `else if`) as levels too; past the budget the rest of the expression,
//   pattern or type is one ERROR node (Parser::skip_rest_of), never an error per
//   token; then no tree it returns is deeper than the
//   budget in nodes (syntax/depth_cut.h), so every walk over trees (the item tree
//   builder, body scopes, inference, the tree printers) is bounded by it;
// - cfg predicates, module and block scopes of the def collector, macro matching and
//   transcription (repetitions, and what follows each), type lowering (written types
//   and aliases) and type terms (interning refuses deeper terms);
// - a body's inference and the macro expansions it parses share one budget (an
//   expansion is parsed with what the body has not used).
// Chains across crates (def maps, cache headers, fingerprints) are made dependencies
// first in a loop past a few levels (sema/database.h kMaxCrateNesting).
//
// Not depths of the stack, and so separate: limits of meaning and work, like rustc's —
// macro expansion's recursion limit (128) and token budgets, the trait solver's nested
// obligations and selections per query, autoderef steps (128) — and of display (types
// are rendered 24 levels and 4 KiB deep).
//
// The value is chosen so that the deepest path through all of them fits a 512 KB thread
// stack in the optimized build (tests/hostile/deep_nesting_test.cc runs each recursive
// form a million times over, on the main thread and on such a thread). Real code stays
// far below: the deepest file of std and of Debian's crate registry is 66 nodes deep.
#pragma once

namespace ferret {

inline constexpr int kMaxNesting = 256;

}  // namespace ferret

// On a function called from a recursion whose own frame should stay small: its locals
// live only while it runs, not in every level of the recursion above it.
#define FERRET_NOINLINE __attribute__((noinline))
