// Renders a syntax tree as indented text, tokens interleaved with child nodes.
#include "syntax/tree_dump.h"

#include <algorithm>
#include <vector>

namespace ferret::syntax {

namespace {

void append_escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      default: out += c;
    }
  }
}

void dump_token(const SyntaxTree& tree, uint32_t t, int depth, std::string& out) {
  out.append(static_cast<size_t>(depth) * 2, ' ');
  TokenKind k = tree.token_kind(t);
  if (!is_keyword(k) && k >= TokenKind::Plus) {
    out += '"';
    append_escaped(out, tree.token_text(t));
    out += "\"\n";
    return;
  }
  if (is_keyword(k)) {
    out += '"';
    out += tree.token_text(t);
    out += "\"\n";
    return;
  }
  out += token_kind_name(k);
  out += " \"";
  append_escaped(out, tree.token_text(t));
  out += "\"\n";
}

void dump_node(const SyntaxTree& tree, NodeId id, int depth, const DumpOptions& opts,
               std::string& out) {
  const Node& n = tree.at(id);
  TextRange r = tree.range(id);
  out.append(static_cast<size_t>(depth) * 2, ' ');
  out += syntax_kind_name(n.kind);
  out += '@';
  out += std::to_string(r.start);
  out += "..";
  out += std::to_string(r.end);
  bool fn_body = n.kind == SyntaxKind::BlockExpr && n.parent != kNoNode &&
                 tree.at(n.parent).kind == SyntaxKind::Fn;
  if (opts.elide_fn_bodies && fn_body) {
    out += '\n';
    return;
  }
  if (n.flags & kNodeSkipped) out += " skipped";
  out += '\n';
  if (n.flags & kNodeSkipped) return;
  uint32_t t = n.first_token;
  for (NodeId c = tree.first_child(id); c != kNoNode; c = tree.next_sibling(c)) {
    const Node& cn = tree.at(c);
    for (; t < cn.first_token; ++t) dump_token(tree, t, depth + 1, out);
    dump_node(tree, c, depth + 1, opts, out);
    if (cn.end_token > t) t = cn.end_token;
  }
  for (; t < n.end_token; ++t) dump_token(tree, t, depth + 1, out);
}

bool starts_line(SyntaxKind k) {
  return is_item(k) || k == SyntaxKind::LetStmt || k == SyntaxKind::ExprStmt ||
         k == SyntaxKind::EmptyStmt || k == SyntaxKind::MatchArm;
}

void sexpr_node(const SyntaxTree& tree, NodeId id, int line_depth, std::string& out) {
  const Node& n = tree.at(id);
  out += '(';
  out += syntax_kind_name(n.kind);
  if (is_item(n.kind)) {
    TextRange r = tree.range(id);
    out += '@' + std::to_string(r.start) + ".." + std::to_string(r.end);
  }
  if (n.flags & kNodeSkipped) {
    out += " skipped)";
    return;
  }
  if (n.end_token == n.first_token + 1 && !is_item(n.kind)) {
    out += ' ';
    out += tree.token_text(n.first_token);
    out += ')';
    return;
  }
  const bool block = n.kind == SyntaxKind::BlockExpr || n.kind == SyntaxKind::SourceFile;
  uint32_t t = n.first_token;
  auto put_token = [&](uint32_t tok) {
    out += ' ';
    out += tree.token_text(tok);
  };
  for (NodeId c = tree.first_child(id); c != kNoNode; c = tree.next_sibling(c)) {
    const Node& cn = tree.at(c);
    for (; t < cn.first_token; ++t) put_token(t);
    // In a block, a child that is not a statement is the tail expression.
    bool own_line = starts_line(cn.kind) ||
                    (block && cn.kind != SyntaxKind::Attr && tree.next_sibling(c) == kNoNode);
    if (own_line) {
      out += '\n';
      out.append(static_cast<size_t>(line_depth + 1) * 2, ' ');
      sexpr_node(tree, c, line_depth + 1, out);
    } else {
      out += ' ';
      sexpr_node(tree, c, line_depth, out);
    }
    if (cn.end_token > t) t = cn.end_token;
  }
  for (; t < n.end_token; ++t) put_token(t);
  out += ')';
}

}  // namespace

std::string dump_sexpr(const SyntaxTree& tree) {
  std::string out;
  if (!tree.nodes().empty()) {
    // The root's items each start a line at depth 0.
    for (NodeId c = tree.first_child(0); c != kNoNode; c = tree.next_sibling(c)) {
      sexpr_node(tree, c, 0, out);
      out += '\n';
    }
  }
  std::string_view text = tree.text();
  std::vector<uint32_t> line_starts{0};
  for (uint32_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts.push_back(i + 1);
  }
  for (const SyntaxError& e : tree.errors()) {
    uint32_t offset = std::min<uint32_t>(e.offset, static_cast<uint32_t>(text.size()));
    auto after = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
    size_t line = static_cast<size_t>(after - line_starts.begin());
    uint32_t col = offset - *(after - 1);
    out += "error " + std::to_string(line) + ":" + std::to_string(col) + ": " + e.message + "\n";
  }
  return out;
}

std::string dump_tree(const SyntaxTree& tree, const DumpOptions& options) {
  std::string out;
  if (!tree.nodes().empty()) dump_node(tree, 0, 0, options, out);
  if (options.include_errors) {
    for (const SyntaxError& e : tree.errors()) {
      out += "error@";
      out += std::to_string(e.offset);
      out += ": ";
      out += e.message;
      out += '\n';
    }
  }
  return out;
}

}  // namespace ferret::syntax
