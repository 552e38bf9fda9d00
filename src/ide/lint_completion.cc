// Lint attribute names (see lint_completion.h).
#include "ide/lint_completion.h"

#include <string_view>

namespace ferret::ide {

using syntax::SyntaxKind;
using syntax::TokenKind;

namespace {

struct Lint {
  std::string_view tool;
  std::string_view name;
};

constexpr Lint kLints[] = {
#define LINT(tool, name) {tool, name},
#include "ide/lint_names.inc"
#undef LINT
};

bool is_lint_level(std::string_view s) {
  return s == "allow" || s == "warn" || s == "deny" || s == "forbid" || s == "expect";
}

}  // namespace

bool lint_matches(Query& q, const CompletionContext& c, std::vector<Match>& out) {
  const syntax::SyntaxTree& tree = q.tree;
  // Inside an attribute.
  bool in_attr = false;
  for (syntax::NodeId n = tree.innermost_node_at(c.prefix_start); n != syntax::kNoNode;
       n = tree.at(n).parent) {
    if (tree.at(n).kind == SyntaxKind::Attr) in_attr = true;
  }
  if (!in_attr) return false;
  // The tokens before the prefix: an optional `tool::`, then back over the other lints
  // of the list to its `(`, which must follow allow / warn / deny / forbid / expect.
  uint32_t t = tree.token_at_offset(c.prefix_start);
  while (t > 0 && tree.tokens()[t - 1].end() > c.prefix_start) --t;
  if (t == 0) return false;
  int i = static_cast<int>(t) - 1;
  std::string_view tool;
  if (i >= 2 && tree.token_kind(i) == TokenKind::Colon &&
      tree.token_kind(i - 1) == TokenKind::Colon && tree.token_kind(i - 2) == TokenKind::Ident) {
    tool = tree.token_text(i - 2);
    i -= 3;
  }
  if (i < 0 || (tree.token_kind(i) != TokenKind::LParen && tree.token_kind(i) != TokenKind::Comma))
    return false;
  int depth = 0;
  for (; i >= 0; --i) {
    TokenKind k = tree.token_kind(i);
    if (k == TokenKind::RParen || k == TokenKind::RBracket) ++depth;
    if (k == TokenKind::LBracket) return false;  // reached the attribute's `[`
    if (k == TokenKind::LParen && depth-- == 0) break;
  }
  if (i < 1 || tree.token_kind(i - 1) != TokenKind::Ident || !is_lint_level(tree.token_text(i - 1)))
    return false;
  for (const Lint& l : kLints) {
    if (l.tool != tool || l.name.compare(0, c.prefix.size(), c.prefix) != 0) continue;
    Match m;
    m.name = std::string(l.name);
    m.kind = MatchKind::Builtin;
    m.context = tool.empty() ? "lint " + m.name : std::string(tool) + "::" + m.name;
    m.snippet = m.name;
    m.relevance = Relevance::Builtin;
    out.push_back(std::move(m));
  }
  return true;
}

}  // namespace ferret::ide
