// Incremental reparsing of one function body (see reparse.h): find the edited bytes,
// the innermost function body around them, relex and reparse just that body with the
// file's delimiter partners, and splice its tokens, nodes and errors into the old tree.
#include "syntax/reparse.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "syntax/depth_cut.h"
#include "syntax/lexer.h"
#include "syntax/parser.h"

namespace ferret::syntax {

namespace {

// Bytes [start, old_end) of the old text became [start, new_end) of the new one.
struct Edit {
  uint32_t start = 0;
  uint32_t old_end = 0;
  uint32_t new_end = 0;
};

// Bytes compared a block at a time with memcmp, then one at a time in the block that
// differs: an editor's buffer is large and its edit small.
size_t common_prefix(const char* a, const char* b, size_t n) {
  constexpr size_t kBlock = 256;
  size_t i = 0;
  while (i + kBlock <= n && std::memcmp(a + i, b + i, kBlock) == 0) i += kBlock;
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

size_t common_suffix(const char* a_end, const char* b_end, size_t n) {
  constexpr size_t kBlock = 256;
  size_t i = 0;
  while (i + kBlock <= n && std::memcmp(a_end - i - kBlock, b_end - i - kBlock, kBlock) == 0) i += kBlock;
  while (i < n && a_end[-1 - static_cast<ptrdiff_t>(i)] == b_end[-1 - static_cast<ptrdiff_t>(i)]) ++i;
  return i;
}

Edit diff(std::string_view before, std::string_view after) {
  size_t common = std::min(before.size(), after.size());
  size_t prefix = common_prefix(before.data(), after.data(), common);
  size_t suffix = common_suffix(before.data() + before.size(), after.data() + after.size(), common - prefix);
  return {static_cast<uint32_t>(prefix), static_cast<uint32_t>(before.size() - suffix),
          static_cast<uint32_t>(after.size() - suffix)};
}

// The innermost function body whose braces strictly enclose the edit, or kNoNode.
NodeId body_around(const SyntaxTree& tree, const Edit& e) {
  for (NodeId n = tree.innermost_node_at(e.start); n != kNoNode; n = tree.at(n).parent) {
    const Node& node = tree.at(n);
    if (node.kind != SyntaxKind::BlockExpr || node.parent == kNoNode) continue;
    if (tree.at(node.parent).kind != SyntaxKind::Fn || node.end_token <= node.first_token + 1) continue;
    const Token& open = tree.tokens()[node.first_token];
    const Token& close = tree.tokens()[node.end_token - 1];
    if (open.kind != TokenKind::LBrace || close.kind != TokenKind::RBrace) continue;
    if (open.end() <= e.start && e.old_end <= close.start) return n;
  }
  return kNoNode;
}

// The byte ranges of the items the body declares (at any depth), those after bytes
// [a, b) moved by `delta`: the same list before and after an edit means the same items
// (their text is outside the edit). Nullopt when one overlaps or holds the edit.
std::optional<std::vector<TextRange>> items_beside(const SyntaxTree& tree, NodeId body, uint32_t a, uint32_t b,
                                                   int64_t delta) {
  std::vector<TextRange> out;
  for (NodeId i = body + 1; i < tree.at(body).subtree_end; ++i) {
    if (!is_item(tree.at(i).kind)) continue;
    TextRange r = tree.range(i);
    if (r.end > a && r.start < b) return std::nullopt;  // (for an insertion, a == b: holds it)
    if (r.start >= b) r = {static_cast<uint32_t>(r.start + delta), static_cast<uint32_t>(r.end + delta)};
    out.push_back(r);
  }
  return out;
}

// Whether tokens [open, close] pair every delimiter among themselves.
bool balanced_group(const std::vector<Token>& toks, uint32_t open, uint32_t close) {
  std::vector<TokenKind> stack;
  for (uint32_t i = open; i <= close; ++i) {
    switch (toks[i].kind) {
      case TokenKind::LParen: stack.push_back(TokenKind::RParen); break;
      case TokenKind::LBracket: stack.push_back(TokenKind::RBracket); break;
      case TokenKind::LBrace: stack.push_back(TokenKind::RBrace); break;
      case TokenKind::RParen:
      case TokenKind::RBracket:
      case TokenKind::RBrace:
        if (stack.empty() || stack.back() != toks[i].kind) return false;
        stack.pop_back();
        if (stack.empty() && i != close) return false;
        break;
      default: break;
    }
  }
  return stack.empty();
}

}  // namespace

std::optional<SyntaxTree> reparse(const SyntaxTree& old, std::string_view text, const ParseOptions& options,
                                  BodyEdit* edit) {
  if (options.skeleton || text.size() >= UINT32_MAX || old.nodes().empty() || !old.delimiters_balanced()) {
    return std::nullopt;
  }
  // Errors beyond the kept ones are only counted: which of them a splice would keep is
  // unknown, so such a tree is parsed whole.
  if (old.error_count() > old.errors().size()) return std::nullopt;
  const Edit e = diff(old.text(), text);
  const int64_t delta = static_cast<int64_t>(e.new_end) - e.old_end;
  const NodeId body = body_around(old, e);
  if (body == kNoNode) return std::nullopt;
  const std::vector<Token>& old_toks = old.tokens();
  const uint32_t open = old.at(body).first_token;
  const uint32_t close = old.at(body).end_token - 1;
  if (!balanced_group(old_toks, open, close)) return std::nullopt;

  // Relex the body alone: it must come out as `{ … }` with no lexical errors (an
  // unterminated string or comment would have run past the `}` in the whole file).
  const uint32_t seg_start = old_toks[open].start;
  const uint32_t seg_end = static_cast<uint32_t>(old_toks[close].end() + delta);
  LexResult seg = lex(text.substr(seg_start, seg_end - seg_start), options.edition);
  const size_t seg_count = seg.tokens.size() - 1;  // without its Eof
  if (!seg.errors.empty() || seg_count < 2 || seg.tokens[0].kind != TokenKind::LBrace ||
      seg.tokens[seg_count - 1].kind != TokenKind::RBrace ||
      seg.tokens[seg_count - 1].end() != seg_end - seg_start) {
    return std::nullopt;
  }
  for (size_t i = 0; i < seg_count; ++i) {
    if (seg.tokens[i].kind == TokenKind::Error) return std::nullopt;
  }

  // The new tokens: the old ones before the body, the body's, the old ones after it
  // moved by the edit's length.
  const size_t after = old_toks.size() - (close + 1);
  std::vector<Token> toks(open + seg_count + after);
  std::copy(old_toks.begin(), old_toks.begin() + open, toks.begin());
  std::transform(seg.tokens.begin(), seg.tokens.begin() + seg_count, toks.begin() + open, [&](Token t) {
    t.start += seg_start;
    return t;
  });
  std::transform(old_toks.begin() + close + 1, old_toks.end(), toks.begin() + open + seg_count, [&](Token t) {
    t.start = static_cast<uint32_t>(t.start + delta);
    return t;
  });
  const int64_t token_delta = static_cast<int64_t>(seg_count) - (close + 1 - open);
  const uint32_t new_close = static_cast<uint32_t>(close + token_delta);

  // The body's parse depends only on its own tokens and their partners, as long as the
  // whole file is balanced (then partners are plain bracket matching: the old file was,
  // and old and new body are balanced on their own) and the nesting limit is nowhere
  // near: the full parse reaches the body at a depth of at most a few per enclosing node.
  detail::Parser parser(text, std::move(toks), options, {open, new_close + 1});
  if (!parser.balanced() || parser.partner(open) != new_close) return std::nullopt;
  if (!parser.parse_fn_body_at(open) || parser.hit_depth_limit()) return std::nullopt;
  int ancestors = 0;
  for (NodeId n = old.at(body).parent; n != kNoNode; n = old.at(n).parent) ++ancestors;
  if (parser.max_depth() + 3 * ancestors + 3 > detail::kMaxDepth) return std::nullopt;

  // Splice the body's nodes in place of the old ones; shift what follows. A body that
  // would reach the tree's depth limit is left to the full parse, which cuts it.
  std::vector<Node> seg_nodes = parser.preorder_nodes();
  if (ancestors + max_node_depth(seg_nodes) > kMaxNesting) return std::nullopt;
  const std::vector<Node>& old_nodes = old.nodes();
  const uint32_t body_end = old_nodes[body].subtree_end;
  const int64_t node_delta = static_cast<int64_t>(seg_nodes.size()) - (body_end - body);
  std::vector<Node> nodes(old_nodes.size() + node_delta);
  std::transform(old_nodes.begin(), old_nodes.begin() + body, nodes.begin(), [&](Node n) {
    if (n.subtree_end > body) n.subtree_end = static_cast<uint32_t>(n.subtree_end + node_delta);  // ancestors
    if (n.end_token > close) n.end_token = static_cast<uint32_t>(n.end_token + token_delta);
    return n;
  });
  const uint32_t parent_of_body = old_nodes[body].parent;
  std::transform(seg_nodes.begin(), seg_nodes.end(), nodes.begin() + body, [&](Node n) {
    n.subtree_end += body;
    n.parent = n.parent == kNoNode ? parent_of_body : n.parent + body;
    return n;
  });
  std::transform(old_nodes.begin() + body_end, old_nodes.end(), nodes.begin() + body + seg_nodes.size(), [&](Node n) {
    n.subtree_end = static_cast<uint32_t>(n.subtree_end + node_delta);
    if (n.parent != kNoNode && n.parent >= body_end) n.parent = static_cast<uint32_t>(n.parent + node_delta);
    n.first_token = static_cast<uint32_t>(n.first_token + token_delta);
    n.end_token = static_cast<uint32_t>(n.end_token + token_delta);
    return n;
  });

  // Errors: the old ones before the body, the body's new ones, the old ones after it.
  const uint32_t old_close_start = old_toks[close].start;
  std::vector<SyntaxError> errors;
  for (const SyntaxError& err : old.errors()) {
    if (err.offset < seg_start) errors.push_back(err);
  }
  const size_t body_error_count = parser.error_count();
  std::vector<SyntaxError> body_errors = parser.take_errors();
  if (body_error_count > body_errors.size()) return std::nullopt;
  std::stable_sort(body_errors.begin(), body_errors.end(), by_offset);
  for (SyntaxError& err : body_errors) errors.push_back(std::move(err));
  for (const SyntaxError& err : old.errors()) {
    if (err.offset > old_close_start) {
      errors.push_back({static_cast<uint32_t>(err.offset + delta), err.message});
    }
  }
  if (errors.size() > kMaxKeptSyntaxErrors) return std::nullopt;
  if (edit) {
    edit->start = e.start;
    edit->old_end = e.old_end;
    edit->new_end = e.new_end;
    edit->body_start = seg_start;
    auto lines = [](std::string_view s) { return static_cast<int32_t>(std::count(s.begin(), s.end(), '\n')); };
    edit->line_delta = lines(text.substr(e.start, e.new_end - e.start)) - lines(old.text().substr(e.start, e.old_end - e.start));
    size_t newline = text.find('\n', e.new_end);
    edit->next_newline = newline == std::string_view::npos ? UINT32_MAX : static_cast<uint32_t>(newline - delta);
  }
  SyntaxTree tree(text, parser.take_tokens(), std::move(nodes), std::move(errors));
  tree.set_delimiters_balanced(true);
  if (edit) {
    auto items_before = items_beside(old, body, e.start, e.old_end, delta);
    auto items_after = items_beside(tree, body, e.start, e.new_end, 0);
    edit->items_unchanged = items_before && items_after && *items_before == *items_after;
  }
  return tree;
}

namespace detail {

bool Parser::parse_fn_body_at(uint32_t open) {
  out_.clear();
  errors_.clear();
  error_count_ = 0;
  group_stack_.clear();
  depth_ = 0;
  max_depth_ = 0;
  reported_too_deep_ = false;
  if (open >= toks_.size() || partner_[open] == kNoPartner || partner_[open] >= toks_.size() - 1) return false;
  const uint32_t close = partner_[open];
  pos_ = open;
  limit_ = close + 1;
  fn_body();
  return pos_ == close + 1;
}

}  // namespace detail
}  // namespace ferret::syntax
