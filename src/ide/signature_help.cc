// Signature help from the syntax tree: the innermost argument list around the cursor
// (or, inside a macro call's arguments, the innermost unclosed `(` after a name), the
// callee's name, its definition, and the top-level commas before the cursor.
#include "ide/signature_help.h"

#include "ide/goto_definition.h"
#include "ide/item_matches.h"
#include "syntax/syntax_kind.h"
#include "syntax/token.h"

namespace ferret::ide {

namespace {

using syntax::NodeId;
using syntax::SyntaxKind;
using syntax::TokenKind;

bool is_open(char c) { return c == '(' || c == '[' || c == '{' || c == '<'; }
bool is_close(char c) { return c == ')' || c == ']' || c == '}' || c == '>'; }

std::string_view trim(std::string_view s, uint32_t& start) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
    ++start;
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_self_param(std::string_view p) {
  if (!p.empty() && p[0] == '&') {
    p.remove_prefix(1);
    if (!p.empty() && p[0] == '\'') {  // &'a self
      size_t sp = p.find(' ');
      if (sp == std::string_view::npos) return false;
      p.remove_prefix(sp + 1);
    }
  }
  if (p.substr(0, 4) == "mut ") p.remove_prefix(4);
  return p == "self" || p.substr(0, 5) == "self:" || p.substr(0, 6) == "self :";
}

// The callee's name token start for a call's argument list, or nullopt.
std::optional<uint32_t> callee_name(const syntax::SyntaxTree& t, NodeId call) {
  SyntaxKind k = t.at(call).kind;
  if (k == SyntaxKind::MethodCallExpr) {
    for (NodeId c = t.first_child(call); c != syntax::kNoNode; c = t.next_sibling(c)) {
      if (t.at(c).kind == SyntaxKind::NameRef) return t.range(c).start;
    }
    return std::nullopt;
  }
  NodeId callee = t.first_child(call);
  if (callee == syntax::kNoNode || t.at(callee).kind != SyntaxKind::PathExpr) return std::nullopt;
  NodeId path = t.first_child(callee);
  if (path == syntax::kNoNode || t.at(path).kind != SyntaxKind::Path) return std::nullopt;
  // The last segment's name: the NameRef that ends last inside the path.
  std::optional<uint32_t> name;
  for (NodeId n = path; n < t.at(path).subtree_end; ++n) {
    if (t.at(n).kind == SyntaxKind::NameRef && t.at(t.at(n).parent).kind == SyntaxKind::PathSegment) {
      name = t.range(n).start;
    }
  }
  return name;
}

// The call around the cursor: where its callee's name starts, whether it is a method
// call, which argument the cursor is in.
struct CallAt {
  uint32_t name = 0;
  bool method = false;
  uint32_t active = 0;
};

// Top-level commas in tokens [begin, end) before `offset`.
uint32_t commas_before(const syntax::SyntaxTree& t, uint32_t begin, uint32_t end, uint32_t offset) {
  uint32_t active = 0;
  int depth = 0;
  for (uint32_t tok = begin; tok < end; ++tok) {
    const syntax::Token& tk = t.tokens()[tok];
    if (tk.start >= offset) break;
    TokenKind k = tk.kind;
    if (k == TokenKind::LParen || k == TokenKind::LBracket || k == TokenKind::LBrace) ++depth;
    if (k == TokenKind::RParen || k == TokenKind::RBracket || k == TokenKind::RBrace) --depth;
    if (k == TokenKind::Comma && depth == 0) ++active;
  }
  return active;
}

// A call in the syntax tree: the innermost argument list holding the cursor.
std::optional<CallAt> call_in_tree(const syntax::SyntaxTree& t, uint32_t offset) {
  for (NodeId n = t.innermost_node_at(offset > 0 ? offset - 1 : 0); n != syntax::kNoNode; n = t.at(n).parent) {
    if (t.at(n).kind != SyntaxKind::ArgList) continue;
    syntax::TextRange r = t.range(n);
    // Inside the parentheses: after '(' and before a closing ')'.
    bool closed = r.end > r.start && t.text()[r.end - 1] == ')';
    if (offset <= r.start || (closed && offset >= r.end)) continue;
    NodeId call = t.at(n).parent;
    if (call == syntax::kNoNode) return std::nullopt;
    std::optional<uint32_t> name = callee_name(t, call);
    if (!name) return std::nullopt;
    return CallAt{*name, t.at(call).kind == SyntaxKind::MethodCallExpr,
                  commas_before(t, t.at(n).first_token + 1, t.at(n).end_token, offset)};
  }
  return std::nullopt;
}

// A call inside a macro call's arguments (`println!("{}", f(a, $0))`), which are tokens
// only: the innermost unclosed `(` before the cursor within the macro's token tree,
// right after the callee's name (`f(`, `x.f(`, `Some(`; not `m!(`).
std::optional<CallAt> call_in_tokens(const syntax::SyntaxTree& t, uint32_t offset) {
  NodeId tt = syntax::kNoNode;
  for (NodeId n = t.innermost_node_at(offset > 0 ? offset - 1 : 0); n != syntax::kNoNode; n = t.at(n).parent) {
    if (t.at(n).kind == SyntaxKind::TokenTree) tt = n;  // the outermost: the macro's arguments
  }
  if (tt == syntax::kNoNode || t.at(tt).end_token <= t.at(tt).first_token + 1) return std::nullopt;
  const uint32_t lo = t.at(tt).first_token + 1;  // inside the macro's own delimiters
  uint32_t tok = t.token_at_offset(offset);
  while (tok > lo && t.tokens()[tok - 1].start >= offset) --tok;
  int depth = 0;
  for (uint32_t i = tok; i-- > lo;) {
    TokenKind k = t.token_kind(i);
    if (k == TokenKind::RParen || k == TokenKind::RBracket || k == TokenKind::RBrace) {
      ++depth;
      continue;
    }
    if (k != TokenKind::LParen && k != TokenKind::LBracket && k != TokenKind::LBrace) continue;
    if (depth > 0) {
      --depth;
      continue;
    }
    if (k != TokenKind::LParen || i == lo || t.token_kind(i - 1) != TokenKind::Ident) return std::nullopt;
    bool method = i >= lo + 2 && t.token_kind(i - 2) == TokenKind::Dot;
    return CallAt{t.tokens()[i - 1].start, method, commas_before(t, i + 1, tok, offset)};
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::pair<uint32_t, uint32_t>> signature_params(std::string_view sig, bool skip_self) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  // The parameter list: the first '(' outside generics.
  size_t open = std::string_view::npos;
  int angle = 0;
  for (size_t i = 0; i < sig.size(); ++i) {
    if (sig[i] == '<') ++angle;
    if (sig[i] == '>' && angle > 0 && (i == 0 || sig[i - 1] != '-')) --angle;
    if (sig[i] == '(' && angle == 0) {
      open = i;
      break;
    }
  }
  if (open == std::string_view::npos) return out;
  int depth = 0;
  uint32_t start = static_cast<uint32_t>(open + 1);
  auto add = [&](uint32_t end) {
    uint32_t s = start;
    std::string_view p = trim(sig.substr(start, end - start), s);
    if (p.empty()) return;
    if (skip_self && out.empty() && is_self_param(p)) return;
    out.push_back({s, s + static_cast<uint32_t>(p.size())});
  };
  for (size_t i = open + 1; i < sig.size(); ++i) {
    char c = sig[i];
    if (c == '-' && i + 1 < sig.size() && sig[i + 1] == '>') {
      ++i;  // `->` inside `Fn(A) -> B` is no bracket
      continue;
    }
    if (is_open(c)) ++depth;
    if (is_close(c)) {
      if (depth == 0) {
        if (c == ')') add(static_cast<uint32_t>(i));
        return out;
      }
      --depth;
    }
    if (c == ',' && depth == 0) {
      add(static_cast<uint32_t>(i));
      start = static_cast<uint32_t>(i + 1);
    }
  }
  add(static_cast<uint32_t>(sig.size()));  // an unfinished signature
  return out;
}

bool takes_self(std::string_view sig) {
  std::vector<std::pair<uint32_t, uint32_t>> params = signature_params(sig, false);
  return !params.empty() && is_self_param(sig.substr(params[0].first, params[0].second - params[0].first));
}

std::optional<SignatureHelp> signature_help(Query& q) {
  std::optional<CallAt> call = call_in_tree(q.tree, q.offset);
  if (!call) call = call_in_tokens(q.tree, q.offset);
  if (!call) return std::nullopt;
  uint32_t saved = q.offset;
  q.offset = call->name + 1;
  std::optional<Match> def = find_definition(q);
  q.offset = saved;
  if (!def) return std::nullopt;
  SignatureHelp h;
  h.callee = std::move(*def);
  h.callee.context = collapse_whitespace(h.callee.context);
  h.params = signature_params(h.callee.context, call->method);
  h.active = call->active;
  return h;
}

}  // namespace ferret::ide
