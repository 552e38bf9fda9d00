// Walks from the node at a cursor up through its ancestors, collecting what each
// enclosing scope binds before the cursor.
#include "sema/body_scopes.h"

#include <cctype>

namespace ferret::sema {

using syntax::NodeId;
using syntax::SyntaxKind;
using syntax::SyntaxNode;
using syntax::SyntaxTree;

namespace {

bool is_pattern(SyntaxKind k) { return k >= SyntaxKind::IdentPat && k <= SyntaxKind::ConstBlockPat; }

std::string_view strip_raw(std::string_view s) {
  return s.size() > 2 && s[0] == 'r' && s[1] == '#' ? s.substr(2) : s;
}

struct Collector {
  const SyntaxTree& tree;
  uint32_t offset;
  BodyScope out;

  void add_pattern(NodeId pat, BindingKind kind, NodeId site) {
    std::vector<std::pair<std::string, NodeId>> names;
    pattern_bindings(tree, pat, names);
    // Within one pattern the order does not matter for shadowing; keep source order.
    for (auto& [name, ident] : names) {
      SyntaxNode n = tree.node(ident).child(SyntaxKind::Name);
      out.bindings.push_back(LocalBinding{name, kind, ident, site, n ? n.range().start : tree.range(ident).start});
    }
  }

  void params(SyntaxNode list, BindingKind kind, NodeId site) {
    if (!list) return;
    for (SyntaxNode p : list.children()) {
      if (p.kind() == SyntaxKind::SelfParam) {
        SyntaxNode name = p.child(SyntaxKind::Name);
        out.bindings.push_back(LocalBinding{"self", BindingKind::SelfParam, p.id(), site,
                                            name ? name.range().start : p.range().start});
        continue;
      }
      if (p.kind() != SyntaxKind::Param) continue;
      for (SyntaxNode c : p.children()) {
        if (is_pattern(c.kind())) {
          add_pattern(c.id(), kind, p.id());
          break;
        }
      }
    }
  }

  // `let` expressions in an `if`/`while` condition (let chains included).
  void condition_lets(SyntaxNode cond, BindingKind kind, NodeId site) {
    if (!cond) return;
    if (cond.kind() == SyntaxKind::LetExpr) {
      for (SyntaxNode c : cond.children()) {
        if (is_pattern(c.kind())) {
          add_pattern(c.id(), kind, site);
          break;
        }
      }
      return;
    }
    if (cond.kind() == SyntaxKind::BinExpr) {
      for (SyntaxNode c : cond.children()) condition_lets(c, kind, site);
    }
  }

  void block(SyntaxNode blk, NodeId from_child) {
    std::vector<SyntaxNode> before;
    bool passed = false;  // items after the cursor are in scope; `let`s are not
    for (SyntaxNode s : blk.children()) {
      if (syntax::is_item(s.kind())) {
        SyntaxNode name = s.child(SyntaxKind::Name);
        if (name) out.items.push_back(LocalItem{std::string(strip_raw(name.text())), s.id(), name.range().start});
      }
      if (s.id() == from_child) passed = true;
      if (passed || (from_child == syntax::kNoNode && s.range().start >= offset)) continue;
      before.push_back(s);
    }
    for (auto it = before.rbegin(); it != before.rend(); ++it) {
      if (it->kind() != SyntaxKind::LetStmt) continue;
      if (it->range().end > offset) continue;
      for (SyntaxNode c : it->children()) {
        if (is_pattern(c.kind())) {
          add_pattern(c.id(), BindingKind::Let, it->id());
          break;
        }
      }
    }
  }

  void module_statements(SyntaxNode list, NodeId from_child) {
    std::vector<SyntaxNode> before;
    for (SyntaxNode s : list.children()) {
      if (s.id() == from_child) break;
      if (from_child == syntax::kNoNode && s.range().start >= offset) break;
      if (s.kind() == SyntaxKind::LetStmt) before.push_back(s);
    }
    for (auto it = before.rbegin(); it != before.rend(); ++it) {
      if (it->range().end > offset) continue;
      for (SyntaxNode c : it->children()) {
        if (is_pattern(c.kind())) {
          add_pattern(c.id(), BindingKind::Let, it->id());
          break;
        }
      }
    }
  }

  SyntaxKind kind_of(NodeId n) const { return n == syntax::kNoNode ? SyntaxKind::Error : tree.at(n).kind; }

  void walk(NodeId start) {
    NodeId child = syntax::kNoNode;  // the cursor's own node is a scope too
    for (NodeId cur = start; cur != syntax::kNoNode; child = cur, cur = tree.at(cur).parent) {
      SyntaxNode n = tree.node(cur);
      switch (n.kind()) {
        case SyntaxKind::BlockExpr: block(n, child); break;
        case SyntaxKind::SourceFile:
        case SyntaxKind::ItemList:
          // Statements written among items (snippets): their `let`s, not the items.
          module_statements(n, child);
          break;
        case SyntaxKind::Fn:
          if (kind_of(child) == SyntaxKind::BlockExpr) params(n.child(SyntaxKind::ParamList), BindingKind::FnArg, cur);
          if (out.fn == syntax::kNoNode) {
            out.fn = cur;
            NodeId list = tree.at(cur).parent;
            if (list != syntax::kNoNode && tree.at(list).kind == SyntaxKind::AssocItemList) {
              out.impl_or_trait = tree.at(list).parent;
            }
          }
          break;
        case SyntaxKind::ClosureExpr:
          if (kind_of(child) != SyntaxKind::ParamList) params(n.child(SyntaxKind::ParamList), BindingKind::ClosureArg, cur);
          break;
        case SyntaxKind::ForExpr:
          if (kind_of(child) == SyntaxKind::BlockExpr) {
            for (SyntaxNode c : n.children()) {
              if (is_pattern(c.kind())) {
                add_pattern(c.id(), BindingKind::For, cur);
                break;
              }
            }
          }
          break;
        case SyntaxKind::IfExpr:
        case SyntaxKind::WhileExpr: {
          // The condition is the first child that is not a block; the bindings are
          // visible in the first block (the body).
          SyntaxNode cond;
          SyntaxNode body;
          for (SyntaxNode c : n.children()) {
            if (c.kind() == SyntaxKind::BlockExpr) {
              body = c;
              break;
            }
            if (!cond) cond = c;
          }
          bool in_body = body && body.id() == child;
          bool in_cond_after = cond && cond.id() == child;  // later lets of a chain see earlier ones
          if (in_body || in_cond_after) {
            condition_lets(cond, n.kind() == SyntaxKind::IfExpr ? BindingKind::IfLet : BindingKind::WhileLet, cur);
          }
          break;
        }
        case SyntaxKind::MatchArm: {
          SyntaxNode pat;
          for (SyntaxNode c : n.children()) {
            if (is_pattern(c.kind())) {
              pat = c;
              break;
            }
          }
          if (pat && pat.id() != child) add_pattern(pat.id(), BindingKind::MatchArm, cur);
          break;
        }
        default: break;
      }
    }
  }
};

}  // namespace

void pattern_bindings(const SyntaxTree& tree, NodeId pattern, std::vector<std::pair<std::string, NodeId>>& out) {
  SyntaxNode p = tree.node(pattern);
  if (!p) return;
  if (p.kind() == SyntaxKind::IdentPat) {
    SyntaxNode name = p.child(SyntaxKind::Name);
    if (name) {
      std::string_view text = strip_raw(name.text());
      bool explicit_binding = p.own_token(syntax::TokenKind::KwRef) != UINT32_MAX ||
                              p.own_token(syntax::TokenKind::KwMut) != UINT32_MAX ||
                              p.own_token(syntax::TokenKind::At) != UINT32_MAX;
      // `None`, `MAX`: an uppercase name alone is most likely a unit variant or const.
      bool looks_like_path = !text.empty() && std::isupper(static_cast<unsigned char>(text[0]));
      if (text != "self" && (explicit_binding || !looks_like_path)) out.emplace_back(std::string(text), pattern);
    }
  }
  for (SyntaxNode c : p.children()) {
    if (is_pattern(c.kind()) || c.kind() == SyntaxKind::RecordPatFieldList ||
        c.kind() == SyntaxKind::RecordPatField) {
      pattern_bindings(tree, c.id(), out);
    }
  }
}

BodyScope body_scope_at(const SyntaxTree& tree, uint32_t offset) {
  Collector c{tree, offset, {}};
  if (tree.nodes().empty()) return {};
  uint32_t anchor = offset > 0 ? offset - 1 : 0;
  NodeId start = tree.innermost_node_at(anchor);
  if (start == syntax::kNoNode) return {};
  c.walk(start);
  return std::move(c.out);
}

}  // namespace ferret::sema
