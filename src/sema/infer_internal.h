// Small syntax helpers shared by the files of body inference (infer*.cc).
#pragma once

#include <string_view>
#include <vector>

#include "syntax/syntax_tree.h"

namespace ferret::sema {

inline bool is_expr_kind(syntax::SyntaxKind k) {
  using K = syntax::SyntaxKind;
  return k >= K::Literal && k <= K::BuiltinExpr && k != K::MatchArmList && k != K::MatchArm && k != K::MatchGuard &&
         k != K::RecordExprFieldList && k != K::RecordExprField;
}
inline bool is_pattern_kind(syntax::SyntaxKind k) {
  return k >= syntax::SyntaxKind::IdentPat && k <= syntax::SyntaxKind::ConstBlockPat;
}
inline bool is_type_kind(syntax::SyntaxKind k) {
  return k >= syntax::SyntaxKind::PathType && k <= syntax::SyntaxKind::MacroType;
}

inline syntax::SyntaxNode first_expr_child(syntax::SyntaxNode n) {
  for (syntax::SyntaxNode c : n.children()) {
    if (is_expr_kind(c.kind())) return c;
  }
  return {};
}

inline std::vector<syntax::SyntaxNode> expr_children(syntax::SyntaxNode n) {
  std::vector<syntax::SyntaxNode> out;
  for (syntax::SyntaxNode c : n.children()) {
    if (is_expr_kind(c.kind())) out.push_back(c);
  }
  return out;
}

inline syntax::SyntaxNode first_pattern_child(syntax::SyntaxNode n) {
  for (syntax::SyntaxNode c : n.children()) {
    if (is_pattern_kind(c.kind())) return c;
  }
  return {};
}

// An identifier's text without a raw `r#` prefix.
inline std::string_view strip_raw_ident(std::string_view s) {
  return s.size() > 2 && s[0] == 'r' && s[1] == '#' ? s.substr(2) : s;
}

}  // namespace ferret::sema
