// Grammar of block contents: inner attributes, `let` statements (with `else`), items
// in block scope, expression statements (a block-like expression needs no `;`), the
// tail expression, and recovery from a missing `;`.
#include "syntax/parser.h"

namespace ferret::syntax::detail {

using K = TokenKind;
using S = SyntaxKind;

// At `path! { … }` that is a whole statement: rustc's parse_stmt_mac makes a braced
// macro call at statement start a statement unless `.` or `?` follows it, so
// `m! {} (a)` and `m! {} - 1` are two statements each, while `m! {}.len()` goes on.
static bool at_braced_macro_statement(const Parser& p) {
  uint32_t i = p.pos();
  auto op_at = [&](uint32_t j, Op op) { return p.nth_op(j - p.pos(), op); };
  if (op_at(i, Op::ColonColon)) i += 2;
  for (;;) {
    TokenKind k = p.kind_at(i);
    if (k == K::Dollar && p.kind_at(i + 1) == K::KwCrate) {
      i += 2;
    } else if (k == K::Ident || k == K::KwSelfValue || k == K::KwSelfType || k == K::KwSuper ||
               k == K::KwCrate) {
      ++i;
    } else {
      return false;
    }
    if (!op_at(i, Op::ColonColon)) break;
    i += 2;
  }
  if (p.kind_at(i) != K::Bang || p.kind_at(i + 1) != K::LBrace) return false;
  uint32_t close = p.partner(i + 1);
  if (close == kNoPartner || p.unclosed(i + 1)) return true;
  uint32_t after = close + 1;
  if (p.kind_at(after) == K::Question) return false;
  return !(p.kind_at(after) == K::Dot && !op_at(after, Op::DotDot));
}

void Parser::block_contents() {
  inner_attributes();
  while (!at_eof()) {
    uint32_t before = pos_;
    statement();
    if (pos_ == before) error_and_bump("expected a statement, found " + describe_current());
  }
}

void Parser::statement() {
  if (at(K::Semi)) {
    Marker m = start();
    bump();
    complete(m, S::EmptyStmt);
    return;
  }
  Marker m = start();
  outer_attributes();
  if (at(K::KwLet)) {
    let_statement(m);
    return;
  }
  bool vis = opt_visibility();
  if (item_after_attrs(m, ItemContext::Block, vis)) return;
  if (vis) {
    error("expected an item after a visibility, found " + describe_current());
    complete(m, S::Error);
    return;
  }
  if (at(K::RBrace) || at(K::RParen) || at(K::RBracket)) {  // a stray closer
    if (pos_ > m.token) complete(m, S::Error);
    error_and_bump("unmatched " + describe_current());
    return;
  }
  Restrictions r;
  r.stmt_start = true;
  std::optional<Completed> e;
  bool macro_statement = at_braced_macro_statement(*this);
  if (macro_statement) {
    e = path_expr_or_struct(r);
  } else {
    e = expr_bp(0, r);
  }
  if (!e) {
    if (pos_ > m.token) {
      error("expected a statement after attributes, found " + describe_current());
      complete(m, S::Error);
    } else {
      error_and_bump("expected a statement, found " + describe_current());
    }
    return;
  }
  if (at_eof()) {  // the tail expression; wrapped only to hold its attributes
    if (e->token != m.token) complete(m, S::ExprStmt);
    return;
  }
  if (eat(K::Semi)) {
    complete(m, S::ExprStmt);
    return;
  }
  if (!macro_statement && !is_block_like_expr(*this, *e)) {
    error("expected `;`, found " + describe_current());
  }
  complete(m, S::ExprStmt);
}

void Parser::let_statement(Marker m) {
  bump();  // let
  // rustc parses a top-level or-pattern (for recovery) and rejects it.
  const size_t nodes_before = out_.size();
  const uint32_t pat_start = pos_;
  pattern_top();
  if (out_.size() > nodes_before && out_.back().kind == S::OrPat &&
      out_.back().first_token == pat_start) {
    error_at(pat_start, "`let` bindings require top-level or-patterns in parentheses");
  }
  if (eat(K::Colon)) type_(true);
  if (eat(K::Eq)) {
    expect_expr();
    if (at(K::KwElse)) {
      if (toks_[pos_ - 1].kind == K::RBrace) {
        error_at(pos_ - 1,
                 "right curly brace `}` before `else` in a `let...else` statement not allowed");
      }
      Marker em = start();
      bump();
      if (at(K::LBrace)) {
        block_expr(start());
      } else {
        error("expected `{` after `else`, found " + describe_current());
      }
      complete(em, S::LetElse);
    }
  }
  expect(K::Semi);
  complete(m, S::LetStmt);
}

}  // namespace ferret::syntax::detail
