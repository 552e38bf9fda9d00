// Macro fragments: one nonterminal (`ty`, `expr`, `pat`…) parsed at a token position,
// for the macro_rules matcher.
#include "syntax/fragment.h"

#include <algorithm>

#include "syntax/parser.h"

namespace ferret::syntax {

namespace detail {

using K = TokenKind;

uint32_t Parser::parse_fragment(FragmentKind kind, uint32_t begin, uint32_t limit) {
  uint32_t end_of_tokens = static_cast<uint32_t>(toks_.size() - 1);  // the Eof
  if (begin > end_of_tokens) return UINT32_MAX;
  out_.clear();
  errors_.clear();
  error_count_ = 0;
  group_stack_.clear();
  depth_ = 0;
  reported_too_deep_ = false;
  pos_ = begin;
  limit_ = std::min(limit, end_of_tokens);
  switch (kind) {
    case FragmentKind::Item: {
      Marker m = start();
      outer_attributes();
      bool vis = opt_visibility();
      if (!item_after_attrs(m, ItemContext::Module, vis)) return UINT32_MAX;
      break;
    }
    case FragmentKind::Stmt: {
      if (at(K::Semi)) return UINT32_MAX;
      Marker m = start();
      outer_attributes();
      bool vis = opt_visibility();
      if (item_after_attrs(m, ItemContext::Block, vis)) break;
      if (vis) return UINT32_MAX;
      if (at(K::KwLet)) {
        // `let` without its `;`: pattern, optional type and initializer.
        bump();
        pattern_top();
        if (eat(K::Colon)) type_();
        if (eat(K::Eq)) expect_expr();
        break;
      }
      if (!expr()) return UINT32_MAX;
      break;
    }
    case FragmentKind::Pat:
      if (opts_.edition >= Edition::E2021) {
        pattern_top();
      } else {
        pattern_no_top_alt();
      }
      break;
    case FragmentKind::PatParam: pattern_no_top_alt(); break;
    case FragmentKind::Expr:
      if (!at_expr_start() || at(K::KwLet)) return UINT32_MAX;
      if (!expr()) return UINT32_MAX;
      break;
    case FragmentKind::Ty:
      if (!at_type_start()) return UINT32_MAX;
      type_();
      break;
    case FragmentKind::Path:
      if (!at_path_start()) return UINT32_MAX;
      path(PathMode::Type);
      break;
    case FragmentKind::Vis: opt_visibility(); break;
    case FragmentKind::Meta:
      if (at(K::KwUnsafe) && nth(1) == K::LParen) {  // unsafe(no_mangle)
        bump();
        token_tree();
        break;
      }
      if (!at_path_start()) return UINT32_MAX;
      path(PathMode::Plain);
      if (at_open_delim()) {
        token_tree();
      } else if (eat(K::Eq)) {
        expect_expr();
      }
      break;
  }
  if (error_count_ != 0) return UINT32_MAX;
  if (pos_ == begin && kind != FragmentKind::Vis) return UINT32_MAX;
  return pos_;
}

}  // namespace detail

FragmentParser::FragmentParser(std::string_view text, std::vector<Token> tokens, Edition edition)
    : parser_(std::make_unique<detail::Parser>(text, std::move(tokens), ParseOptions{edition, false})) {}

FragmentParser::~FragmentParser() = default;

uint32_t FragmentParser::fragment_end(FragmentKind kind, uint32_t begin, uint32_t limit) {
  return parser_->parse_fragment(kind, begin, limit);
}

}  // namespace ferret::syntax
