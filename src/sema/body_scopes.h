// Local bindings visible at a point inside a function body: parameters, `let`
// patterns, closure parameters, `for`, `if let`, `while let` and match-arm bindings,
// with their binding sites; plus the items declared in enclosing blocks. Computed from
// the full syntax tree of the file, innermost scope first (so shadowing falls out).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "syntax/syntax_tree.h"

namespace ferret::sema {

enum class BindingKind : uint8_t {
  Let,       // let x = …;
  FnArg,     // fn f(x: T)
  ClosureArg,
  For,
  IfLet,
  WhileLet,
  MatchArm,
  SelfParam,
};

struct LocalBinding {
  std::string name;
  BindingKind kind;
  syntax::NodeId pattern;   // the IdentPat that binds the name
  syntax::NodeId site;      // the LetStmt / Param / ForExpr / MatchArm … that binds it
  uint32_t name_offset;     // byte offset of the name
};

// A block-scoped item (fn, struct, … written inside a body).
struct LocalItem {
  std::string name;
  syntax::NodeId node;
  uint32_t name_offset;
};

struct BodyScope {
  std::vector<LocalBinding> bindings;  // innermost first; a name may appear twice (shadowed)
  std::vector<LocalItem> items;        // items of the enclosing blocks, innermost first
  syntax::NodeId fn = syntax::kNoNode;         // the enclosing fn item, if any
  syntax::NodeId impl_or_trait = syntax::kNoNode;  // the fn's impl or trait, if any
};

// What is in scope at `offset` (a cursor inside or right after an identifier).
BodyScope body_scope_at(const syntax::SyntaxTree& tree, uint32_t offset);

// The names bound by a pattern (IdentPat names; record-pattern shorthands included).
void pattern_bindings(const syntax::SyntaxTree& tree, syntax::NodeId pattern,
                      std::vector<std::pair<std::string, syntax::NodeId>>& out);

}  // namespace ferret::sema
