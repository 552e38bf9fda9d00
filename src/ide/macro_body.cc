// Macro transcribers read as code (see macro_body.h).
#include "ide/macro_body.h"

#include <vector>

namespace ferret::ide {

using syntax::SyntaxKind;
using syntax::TokenKind;
using K = TokenKind;

namespace {

bool is_open(K k) { return k == K::LParen || k == K::LBracket || k == K::LBrace; }
bool is_close(K k) { return k == K::RParen || k == K::RBracket || k == K::RBrace; }
bool is_rep_op(K k) { return k == K::Star || k == K::Plus || k == K::Question; }

void blank(std::string& out, uint32_t begin, uint32_t end) {
  for (uint32_t i = begin; i < end && i < out.size(); ++i) {
    if (out[i] != '\n' && out[i] != '\r') out[i] = ' ';
  }
}

}  // namespace

std::optional<std::string> macro_body_as_code(const syntax::SyntaxTree& tree, std::string_view text, uint32_t offset) {
  // The innermost macro_rules! around the offset.
  syntax::NodeId mac = syntax::kNoNode;
  for (syntax::NodeId n = tree.innermost_node_at(offset > 0 ? offset - 1 : 0); n != syntax::kNoNode;
       n = tree.at(n).parent) {
    if (tree.at(n).kind == SyntaxKind::MacroRules) {
      mac = n;
      break;
    }
  }
  if (mac == syntax::kNoNode) return std::nullopt;
  syntax::SyntaxNode body = tree.node(mac).child(SyntaxKind::TokenTree);
  if (!body) return std::nullopt;
  const std::vector<syntax::Token>& toks = tree.tokens();
  uint32_t b = body.first_token();
  uint32_t e = body.end_token();
  if (e <= b + 1 || !is_open(toks[b].kind)) return std::nullopt;
  // Delimiter partners inside the macro body.
  std::vector<uint32_t> partner(e - b, UINT32_MAX);
  std::vector<uint32_t> stack;
  for (uint32_t i = b; i < e; ++i) {
    if (is_open(toks[i].kind)) {
      stack.push_back(i);
    } else if (is_close(toks[i].kind) && !stack.empty()) {
      partner[stack.back() - b] = i;
      partner[i - b] = stack.back();
      stack.pop_back();
    }
  }
  auto partner_of = [&](uint32_t i) { return partner[i - b]; };
  // Rules: matcher group, `=>`, transcriber group, separators.
  uint32_t end = partner_of(b) == UINT32_MAX ? e : partner_of(b);
  uint32_t t_open = UINT32_MAX, t_close = UINT32_MAX;
  for (uint32_t i = b + 1; i < end;) {
    if (!is_open(toks[i].kind) || partner_of(i) == UINT32_MAX) break;
    uint32_t j = partner_of(i) + 1;
    if (j + 2 >= end || toks[j].kind != K::Eq || toks[j + 1].kind != K::Gt || !is_open(toks[j + 2].kind)) break;
    uint32_t open = j + 2;
    uint32_t close = partner_of(open) == UINT32_MAX ? end : partner_of(open);
    if (toks[open].end() <= offset && offset <= (close < toks.size() ? toks[close].start : text.size())) {
      t_open = open;
      t_close = close;
      break;
    }
    i = close + 1;
    while (i < end && (toks[i].kind == K::Semi || toks[i].kind == K::Comma)) ++i;
  }
  if (t_open == UINT32_MAX) return std::nullopt;
  std::string out(text);
  syntax::TextRange item = tree.range(mac);
  blank(out, item.start, toks[t_open].end());
  if (t_close < toks.size()) blank(out, toks[t_close].start, item.end);
  for (uint32_t i = t_open + 1; i < t_close && i < e; ++i) {
    if (toks[i].kind != K::Dollar || i + 1 >= t_close) continue;
    K next = toks[i + 1].kind;
    if (next == K::LParen && partner_of(i + 1) != UINT32_MAX) {
      // `$(` … `)` sep? op: keep the inside.
      uint32_t close = partner_of(i + 1);
      blank(out, toks[i].start, toks[i + 1].end());
      uint32_t stop = close + 1;
      for (uint32_t k = close + 1; k < close + 4 && k < t_close; ++k) {
        if (is_rep_op(toks[k].kind)) {
          stop = k + 1;
          break;
        }
      }
      blank(out, toks[close].start, toks[stop - 1].end());
      continue;
    }
    if (next == K::LBrace && partner_of(i + 1) != UINT32_MAX) {  // ${count(x)}
      blank(out, toks[i].start, toks[partner_of(i + 1)].end());
      continue;
    }
    blank(out, toks[i].start, toks[i].end());  // `$x` -> ` x`, `$crate` -> ` crate`
  }
  return out;
}

}  // namespace ferret::ide
