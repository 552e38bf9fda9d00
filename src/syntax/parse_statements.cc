// Grammar of block contents: inner attributes, `let` statements (with `else`), items
// in block scope, expression statements (a block-like expression needs no `;`), the
// tail expression, and recovery from a missing `;`.
#include "syntax/parser.h"

namespace ferret::syntax::detail {

using K = TokenKind;
using S = SyntaxKind;

static bool ends_statement_without_semi(SyntaxKind k, TokenKind last_token) {
  switch (k) {
    case S::BlockExpr:
    case S::IfExpr:
    case S::MatchExpr:
    case S::LoopExpr:
    case S::WhileExpr:
    case S::ForExpr: return true;
    case S::MacroExpr: return last_token == K::RBrace;
    default: return false;
  }
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
  std::optional<Completed> e = expr_bp(0, r);
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
  if (!ends_statement_without_semi(e->kind, toks_[pos_ - 1].kind)) {
    error("expected `;`, found " + describe_current());
  }
  complete(m, S::ExprStmt);
}

void Parser::let_statement(Marker m) {
  bump();  // let
  pattern_top();
  if (eat(K::Colon)) type_(true);
  if (eat(K::Eq)) {
    expect_expr();
    if (at(K::KwElse)) {
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
