// Classifies the cursor position from the syntax tree (and, inside macro token trees
// and other unparsed regions, from the tokens before the cursor).
#include "ide/completion_context.h"

#include "syntax/unicode_xid.h"

namespace ferret::ide {

using syntax::NodeId;
using syntax::SyntaxKind;
using syntax::SyntaxNode;
using syntax::TokenKind;

namespace {

// The length of the identifier character (XID_Continue, as the lexer reads names) that
// starts at `at`, or 0: a BOM, a non-breaking space or bad UTF-8 is no part of a name.
size_t ident_char_at(std::string_view text, size_t at) {
  char32_t cp = 0;
  int n = syntax::decode_utf8(text.data() + at, text.data() + text.size(), cp);
  return n > 0 && syntax::is_xid_continue(cp) ? static_cast<size_t>(n) : 0;
}

// The length of the identifier character that ends at `end`, or 0.
size_t ident_char_before(std::string_view text, size_t end) {
  size_t len = 1;
  // Back over continuation bytes (at most three) to the character's lead byte.
  while (len < 4 && len < end && (static_cast<unsigned char>(text[end - len]) & 0xC0) == 0x80) {
    ++len;
  }
  if (len > end) return 0;
  char32_t cp = 0;
  int n = syntax::decode_utf8(text.data() + end - len, text.data() + end, cp);
  return n == static_cast<int>(len) && syntax::is_xid_continue(cp) ? len : 0;
}

bool is_type_node(SyntaxKind k) { return k >= SyntaxKind::PathType && k <= SyntaxKind::MacroType; }

// The innermost ancestor (or self) of kind k, stopping at items.
NodeId ancestor(const syntax::SyntaxTree& t, NodeId n, SyntaxKind k) {
  for (; n != syntax::kNoNode; n = t.at(n).parent) {
    if (t.at(n).kind == k) return n;
  }
  return syntax::kNoNode;
}

void push_segment(Query& q, sema::SimplePath& p, std::string_view name, bool first, bool& self_type) {
  if (name.size() > 2 && name[0] == 'r' && name[1] == '#') name.remove_prefix(2);
  if (first && p.segments.empty()) {
    if (name == "crate" && p.kind == index::PathKind::Plain) {
      p.kind = index::PathKind::Crate;
      return;
    }
    if (name == "self" && p.kind == index::PathKind::Plain) {
      p.kind = index::PathKind::SelfModule;
      return;
    }
    if (name == "$crate") {
      p.kind = index::PathKind::DollarCrate;
      return;
    }
    if (name == "Self" && p.kind == index::PathKind::Plain) self_type = true;
  }
  if (name == "super" && p.segments.empty() &&
      (p.kind == index::PathKind::Plain || p.kind == index::PathKind::Super)) {
    p.kind = index::PathKind::Super;
    ++p.super_count;
    return;
  }
  p.segments.push_back(q.db.names().intern(name));
}

}  // namespace

uint32_t prefix_start(std::string_view text, uint32_t offset) {
  if (offset > text.size()) offset = static_cast<uint32_t>(text.size());
  uint32_t start = offset;
  while (size_t n = start > 0 ? ident_char_before(text, start) : 0)
    start -= static_cast<uint32_t>(n);
  // A prefix cannot start with a digit (`x.0` is a tuple field, `1u` a literal).
  return start;
}

uint32_t ident_end(std::string_view text, uint32_t offset) {
  if (offset > text.size()) offset = static_cast<uint32_t>(text.size());
  while (size_t n = offset < text.size() ? ident_char_at(text, offset) : 0)
    offset += static_cast<uint32_t>(n);
  return offset;
}

sema::SimplePath syntax_path(Query& q, NodeId path, NodeId stop_before, bool& self_type) {
  sema::SimplePath p;
  self_type = false;
  SyntaxNode pn = q.tree.node(path);
  uint32_t colon = pn.own_token(TokenKind::Colon);
  SyntaxNode first_seg = pn.first_child();
  if (colon != UINT32_MAX && first_seg && colon < first_seg.first_token()) p.kind = index::PathKind::Absolute;
  bool first = true;
  for (SyntaxNode seg : pn.children()) {
    if (seg.kind() != SyntaxKind::PathSegment) continue;
    if (seg.id() == stop_before) break;
    SyntaxNode nr = seg.child(SyntaxKind::NameRef);
    if (!nr) {
      if (seg.child(SyntaxKind::QualifiedSelf)) self_type = true;  // <T as Tr>:: is type-relative
      first = false;
      continue;
    }
    push_segment(q, p, nr.text(), first, self_type);
    first = false;
  }
  return p;
}

sema::SimplePath use_tree_path(Query& q, NodeId path, NodeId stop_before) {
  // Collect the enclosing use trees' paths, outermost first.
  std::vector<NodeId> prefixes;
  NodeId tree = q.tree.at(path).parent;  // the UseTree holding `path`
  for (NodeId n = tree == syntax::kNoNode ? syntax::kNoNode : q.tree.at(tree).parent; n != syntax::kNoNode;
       n = q.tree.at(n).parent) {
    if (q.tree.at(n).kind == SyntaxKind::UseTree) {
      SyntaxNode p = q.tree.node(n).child(SyntaxKind::Path);
      if (p) prefixes.push_back(p.id());
    }
    if (q.tree.at(n).kind == SyntaxKind::Use) break;
  }
  sema::SimplePath out;
  bool self_type = false;
  bool first = true;
  for (auto it = prefixes.rbegin(); it != prefixes.rend(); ++it) {
    sema::SimplePath part = syntax_path(q, *it, syntax::kNoNode, self_type);
    if (first) {
      out = part;
    } else {
      out.segments.insert(out.segments.end(), part.segments.begin(), part.segments.end());
    }
    first = false;
  }
  if (path != syntax::kNoNode) {
    sema::SimplePath own = syntax_path(q, path, stop_before, self_type);
    if (first) {
      out = own;
    } else {
      out.segments.insert(out.segments.end(), own.segments.begin(), own.segments.end());
    }
  }
  return out;
}

namespace {

// Inside a macro call's token tree nothing is parsed: look at the tokens before the
// prefix. `a::b::pre` is a path, `x.pre` a field or method, the rest a bare name.
void from_tokens(Query& q, CompletionContext& c, uint32_t tok) {
  const auto& toks = q.tree.tokens();
  int i = static_cast<int>(tok) - 1;
  auto kind = [&](int k) { return k >= 0 ? toks[k].kind : TokenKind::Eof; };
  if (kind(i) == TokenKind::Dot && kind(i - 1) != TokenKind::Dot) {
    c.kind = CompletionKind::Dot;
    return;
  }
  std::vector<std::string_view> segs;
  while (kind(i) == TokenKind::Colon && kind(i - 1) == TokenKind::Colon) {
    int name = i - 2;
    if (kind(name) != TokenKind::Ident && kind(name) != TokenKind::KwSelfValue && kind(name) != TokenKind::KwSuper &&
        kind(name) != TokenKind::KwCrate && kind(name) != TokenKind::KwSelfType) {
      break;
    }
    segs.push_back(q.tree.token_text(static_cast<uint32_t>(name)));
    i = name - 1;
  }
  if (segs.empty()) {
    c.kind = CompletionKind::Name;
    return;
  }
  c.kind = CompletionKind::Path;
  bool self_type = false;
  for (auto it = segs.rbegin(); it != segs.rend(); ++it) push_segment(q, c.qualifier, *it, it == segs.rbegin(), self_type);
  c.qualifier_self_type = self_type;
}

}  // namespace

CompletionContext completion_context(Query& q) {
  CompletionContext c;
  const std::string& text = *q.text;
  c.prefix_end = q.offset;
  c.prefix_start = prefix_start(text, q.offset);
  c.prefix = text.substr(c.prefix_start, c.prefix_end - c.prefix_start);
  {
    size_t after = ident_end(text, c.prefix_end);
    c.bang_follows = after < text.size() && text[after] == '!' && (after + 1 >= text.size() || text[after + 1] != '=');
  }
  if (!c.prefix.empty() && std::isdigit(static_cast<unsigned char>(c.prefix[0]))) {
    c.kind = CompletionKind::None;
    return c;
  }
  const syntax::SyntaxTree& t = q.tree;
  // The token being completed (the prefix's), or the first token at/after the cursor.
  uint32_t tok = t.token_at_offset(c.prefix_start);
  const auto& toks = t.tokens();
  if (tok < toks.size() && toks[tok].start > c.prefix_start) {
    // The cursor is in trivia (or a comment): with a prefix there is no token for it.
    if (!c.prefix.empty()) return c;
  }
  if (tok < toks.size() && toks[tok].start < c.prefix_start && toks[tok].end() > c.prefix_start) {
    // Inside a literal or a comment-like token: nothing to complete.
    TokenKind k = toks[tok].kind;
    if (syntax::is_literal(k) || k == TokenKind::OuterDoc || k == TokenKind::InnerDoc || k == TokenKind::Lifetime) return c;
  }
  // A cursor inside a comment: the token containing the offset starts after it and a
  // comment lies between. The lexer drops comments, so check the gap's text.
  {
    uint32_t prev_end = tok > 0 ? toks[tok - 1].end() : 0;
    std::string_view gap(text.data() + prev_end, c.prefix_start > prev_end ? c.prefix_start - prev_end : 0);
    size_t line_comment = gap.rfind("//");
    if (line_comment != std::string_view::npos && gap.find('\n', line_comment) == std::string_view::npos) return c;
    size_t block_open = gap.rfind("/*");
    if (block_open != std::string_view::npos && gap.find("*/", block_open) == std::string_view::npos) return c;
  }

  // The node at the prefix token: its innermost node.
  NodeId node;
  if (!c.prefix.empty()) {
    node = t.innermost_node_at(c.prefix_start);
  } else {
    // No prefix: the construct the previous token belongs to (also when whitespace, or
    // the end of the file, lies between it and the cursor).
    uint32_t prev = tok;
    while (prev > 0 && toks[prev - 1].end() > c.prefix_start) --prev;
    node = prev > 0 ? t.innermost_node_at(toks[prev - 1].end() - 1) : 0;
  }
  SyntaxKind nk = t.at(node).kind;

  // Token trees (macro calls, attributes) and stray code the parser could not place:
  // classify from tokens.
  if (nk == SyntaxKind::Error && !c.prefix.empty()) {
    from_tokens(q, c, tok);
    return c;
  }
  if (nk == SyntaxKind::TokenTree) {
    NodeId call = t.at(node).parent;
    if (call != syntax::kNoNode && t.at(call).kind == SyntaxKind::Attr) return c;
    from_tokens(q, c, tok);
    return c;
  }

  // The token right before the prefix decides `::` / `.` situations.
  uint32_t before = tok;  // index of the token before the prefix
  if (before > 0) --before;
  bool after_colons = tok >= 2 && toks[tok - 1].kind == TokenKind::Colon && toks[tok - 2].kind == TokenKind::Colon &&
                      toks[tok - 1].end() <= c.prefix_start;
  bool after_dot = tok >= 1 && toks[tok - 1].kind == TokenKind::Dot && toks[tok - 1].end() <= c.prefix_start &&
                   !(tok >= 2 && toks[tok - 2].kind == TokenKind::Dot);
  (void)before;

  // Find the relevant construct by walking up from the node.
  NodeId path = ancestor(t, node, SyntaxKind::Path);
  NodeId segment = ancestor(t, node, SyntaxKind::PathSegment);
  if (c.prefix.empty() && after_colons && path != syntax::kNoNode) {
    // `a::b::$0`: the empty segment after the colons is being completed.
    // (The cursor may also sit right before a name: `a::$0name`.)
    segment = syntax::kNoNode;
    for (SyntaxNode s : t.node(path).children()) {
      if (s.kind() == SyntaxKind::PathSegment && s.range().start >= c.prefix_start) {
        segment = s.id();
        break;
      }
    }
    if (segment == syntax::kNoNode) {
      // The path ended at the colons (`use a::{`, or the colons belong to the parent tree).
      NodeId tree = ancestor(t, node, SyntaxKind::UseTree);
      if (tree != syntax::kNoNode) {
        c.kind = CompletionKind::UseTree;
        c.qualifier = use_tree_path(q, t.node(tree).child(SyntaxKind::Path).id(), syntax::kNoNode);
        return c;
      }
    }
  }

  // extern crate name
  NodeId ext = ancestor(t, node, SyntaxKind::ExternCrate);
  if (ext != syntax::kNoNode) {
    c.kind = CompletionKind::ExternCrate;
    return c;
  }

  // Inside a use tree.
  NodeId use_tree = ancestor(t, node, SyntaxKind::UseTree);
  NodeId use_item = ancestor(t, node, SyntaxKind::Use);
  if (use_item != syntax::kNoNode) {
    c.kind = CompletionKind::UseTree;
    if (path != syntax::kNoNode && ancestor(t, path, SyntaxKind::Use) == use_item) {
      c.qualifier = use_tree_path(q, path, segment);
    } else if (use_tree != syntax::kNoNode) {
      // Right after `{` or `,` in a tree list: the enclosing trees' path.
      SyntaxNode ut = t.node(use_tree);
      SyntaxNode own = ut.child(SyntaxKind::Path);
      if (own && own.range().end <= c.prefix_start) {
        c.qualifier = use_tree_path(q, own.id(), syntax::kNoNode);
      } else {
        c.qualifier = use_tree_path(q, syntax::kNoNode, syntax::kNoNode);
        NodeId parent_tree = syntax::kNoNode;
        for (NodeId n = t.at(use_tree).parent; n != syntax::kNoNode; n = t.at(n).parent) {
          if (t.at(n).kind == SyntaxKind::UseTree) {
            parent_tree = n;
            break;
          }
        }
        if (parent_tree != syntax::kNoNode) {
          SyntaxNode pp = t.node(parent_tree).child(SyntaxKind::Path);
          if (pp) c.qualifier = use_tree_path(q, pp.id(), syntax::kNoNode);
        }
      }
    }
    return c;
  }

  // Field or method after a dot.
  if (after_dot) {
    NodeId fe = node;
    while (fe != syntax::kNoNode && t.at(fe).kind != SyntaxKind::FieldExpr && t.at(fe).kind != SyntaxKind::MethodCallExpr) {
      fe = t.at(fe).parent;
    }
    c.kind = CompletionKind::Dot;
    if (fe != syntax::kNoNode) c.receiver = t.node(fe).first_child().id();
    return c;
  }

  // A name being written as a method of an impl: complete the trait's items.
  if (nk == SyntaxKind::Name) {
    NodeId item = t.at(node).parent;
    if (item != syntax::kNoNode && (t.at(item).kind == SyntaxKind::Fn || t.at(item).kind == SyntaxKind::TypeAlias ||
                                    t.at(item).kind == SyntaxKind::Const)) {
      NodeId list = t.at(item).parent;
      if (list != syntax::kNoNode && t.at(list).kind == SyntaxKind::AssocItemList) {
        NodeId impl = t.at(list).parent;
        if (impl != syntax::kNoNode && t.at(impl).kind == SyntaxKind::Impl) {
          c.kind = CompletionKind::ImplItemName;
          c.record = impl;
          return c;
        }
      }
    }
    // Other definition sites (a new let binding, fn name…): nothing to offer, except a
    // pattern binding that may be a constant or variant being typed.
    NodeId pat = t.at(node).parent;
    if (pat != syntax::kNoNode && t.at(pat).kind == SyntaxKind::IdentPat) {
      NodeId rf = t.at(pat).parent;
      if (rf != syntax::kNoNode && t.at(rf).kind == SyntaxKind::RecordPatField) {
        c.kind = CompletionKind::RecordPatField;
        c.record = ancestor(t, rf, SyntaxKind::RecordPat);
        return c;
      }
      c.kind = CompletionKind::Name;
      return c;
    }
    return c;
  }

  // Struct literal fields: `S { a: 1, pre` (a shorthand field is a path expression).
  NodeId field_list = ancestor(t, node, SyntaxKind::RecordExprFieldList);
  if (field_list != syntax::kNoNode) {
    NodeId field = ancestor(t, node, SyntaxKind::RecordExprField);
    bool field_name = false;
    if (field == syntax::kNoNode) {
      field_name = node == field_list;  // after `{` or `,`
    } else {
      SyntaxNode f = t.node(field);
      SyntaxNode first = f.first_child();
      // `name: value`: the NameRef child is the name; a shorthand is a PathExpr.
      if (first && first.kind() == SyntaxKind::NameRef && first.range().touches(c.prefix_start)) field_name = true;
      if (first && first.kind() == SyntaxKind::PathExpr && f.own_token(TokenKind::Colon) == UINT32_MAX &&
          first.range().touches(c.prefix_start)) {
        field_name = true;
      }
    }
    if (field_name) {
      c.kind = CompletionKind::RecordExprField;
      c.record = t.at(field_list).parent;
      return c;
    }
  }
  NodeId pat_fields = ancestor(t, node, SyntaxKind::RecordPatFieldList);
  if (pat_fields != syntax::kNoNode && (node == pat_fields || t.at(node).kind == SyntaxKind::NameRef)) {
    c.kind = CompletionKind::RecordPatField;
    c.record = t.at(pat_fields).parent;
    return c;
  }

  // A path: qualifier segments before the one being completed.
  if (path != syntax::kNoNode && (segment != syntax::kNoNode || after_colons)) {
    bool self_type = false;
    c.qualifier = syntax_path(q, path, segment, self_type);
    c.qualifier_self_type = self_type;
    if (SyntaxNode first = q.tree.node(path).child(SyntaxKind::PathSegment)) {
      if (SyntaxNode qs = first.child(SyntaxKind::QualifiedSelf); qs && first.id() != segment) c.qualified_self = qs.id();
    }
    NodeId parent = t.at(path).parent;
    c.in_type = parent != syntax::kNoNode && is_type_node(t.at(parent).kind);
    bool has_qualifier = !c.qualifier.segments.empty() || c.qualifier.kind != index::PathKind::Plain || self_type;
    c.kind = has_qualifier ? CompletionKind::Path : CompletionKind::Name;
    if (parent != syntax::kNoNode && (t.at(parent).kind == SyntaxKind::MacroExpr || t.at(parent).kind == SyntaxKind::MacroCall)) {
      if (!has_qualifier) c.kind = CompletionKind::MacroName;
    }
    return c;
  }
  c.kind = CompletionKind::Name;
  return c;
}

}  // namespace ferret::ide
