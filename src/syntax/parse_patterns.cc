// Grammar of patterns: or-patterns, identifier bindings (`ref mut x @ p`), wildcards,
// rest `..`, literals (also negative), ranges (`a..=b`, `a...b`, `a..`, `..=b`),
// references, tuples, slices, paths, tuple-struct and struct patterns, `box`,
// inline `const {}` and macro patterns.
#include "syntax/parser.h"

namespace ferret::syntax::detail {

using K = TokenKind;
using S = SyntaxKind;

bool Parser::at_literal_pattern() const {
  K k = cur();
  if (is_literal(k) || k == K::KwTrue || k == K::KwFalse) return true;
  return k == K::Minus && is_literal(nth(1));
}

bool Parser::at_pattern_start() const {
  switch (cur()) {
    case K::Underscore:
    case K::Amp:
    case K::LParen:
    case K::LBracket:
    case K::KwRef:
    case K::KwMut:
    case K::KwBox:
    case K::KwConst:
    case K::Dot: return true;
    default: return at_literal_pattern() || at_path_start();
  }
}

void Parser::pattern_top() {
  Marker m = start();
  bool alt = false;
  if (at(K::Pipe) && !at_op(Op::OrOr)) {
    bump();  // leading `|`
    alt = true;
  }
  pattern_no_top_alt();
  while (at(K::Pipe) && !at_op(Op::OrOr) && !at_op(Op::OrEq)) {
    alt = true;
    bump();
    pattern_no_top_alt();
  }
  if (alt) complete(m, S::OrPat);
}

void Parser::pattern_no_top_alt() {
  pattern_single();
}

// The end of a range pattern: a literal, a negative literal or a path.
void Parser::pattern_range_end() {
  Marker m = start();
  if (at_literal_pattern()) {
    if (at(K::Minus)) bump();
    literal();
    complete(m, S::LiteralPat);
  } else if (at_path_start()) {
    path(PathMode::Expr);
    complete(m, S::PathPat);
  } else if (at(K::KwConst) && nth(1) == K::LBrace) {
    bump();
    block_expr(start());
    complete(m, S::ConstBlockPat);
  } else {
    error("expected a range end, found " + describe_current());
  }
}

static bool at_range_end_start(const Parser& p) {
  return p.at_literal_pattern() || p.at_path_start() ||
         (p.at(TokenKind::KwConst) && p.nth(1) == TokenKind::LBrace);
}

void Parser::pattern_single() {
  NestingGuard guard(*this);
  if (!guard) {
    skip_rest_of(Construct::Pattern);
    return;
  }
  Marker m = start();
  std::optional<Completed> range_start;
  switch (cur()) {
    case K::Underscore:
      bump();
      complete(m, S::WildcardPat);
      return;
    case K::Dot:
      if (at_op(Op::DotDotEq) || at_op(Op::DotDotDot)) {
        bump_n(3);
        pattern_range_end();
        complete(m, S::RangePat);
        return;
      }
      if (at_op(Op::DotDot)) {
        bump_n(2);
        if (at_range_end_start(*this)) {  // ..5, ..X (exclusive range from the start)
          pattern_range_end();
          complete(m, S::RangePat);
        } else {
          complete(m, S::RestPat);
        }
        return;
      }
      break;
    case K::Amp:
      bump();
      eat(K::KwMut);
      pattern_single();
      complete(m, S::RefPat);
      return;
    case K::LParen: {
      uint32_t saved = enter_group();
      int count = 0;
      bool comma = false;
      bool rest = false;
      while (!at_eof()) {
        uint32_t before = pos_;
        rest = at_op(Op::DotDot) && !at_op(Op::DotDotEq) && !at_op(Op::DotDotDot);
        pattern_top();
        if (pos_ == before) {
          error_and_bump("expected a pattern, found " + describe_current());
          continue;
        }
        ++count;
        if (!eat(K::Comma)) break;
        comma = true;
      }
      leave_group(saved, K::RParen);
      complete(m, (count == 1 && !comma && !rest) ? S::ParenPat : S::TuplePat);
      return;
    }
    case K::LBracket: {
      uint32_t saved = enter_group();
      while (!at_eof()) {
        uint32_t before = pos_;
        pattern_top();
        if (pos_ == before) {
          error_and_bump("expected a pattern, found " + describe_current());
          continue;
        }
        if (!eat(K::Comma)) break;
      }
      leave_group(saved, K::RBracket);
      complete(m, S::SlicePat);
      return;
    }
    case K::KwBox:
      bump();
      pattern_single();
      complete(m, S::BoxPat);
      return;
    case K::KwConst:
      if (nth(1) == K::LBrace) {
        bump();
        block_expr(start());
        range_start = complete(m, S::ConstBlockPat);
      }
      break;
    case K::KwRef:
    case K::KwMut:
      eat(K::KwRef);
      eat(K::KwMut);
      if (at(K::Ident) || at(K::KwSelfValue)) {
        name();
      } else {
        error("expected identifier, found " + describe_current());
      }
      if (eat(K::At)) pattern_no_top_alt();
      complete(m, S::IdentPat);
      return;
    case K::Ident: {
      K k1 = nth(1);
      bool path_like = nth_op(1, Op::ColonColon) || k1 == K::LParen || k1 == K::LBrace ||
                       (k1 == K::Bang && !nth_op(1, Op::NotEq));
      bool ranged = nth_op(1, Op::DotDot);
      if (!path_like && !ranged) {
        name();
        if (eat(K::At)) pattern_no_top_alt();
        complete(m, S::IdentPat);
        return;
      }
      break;
    }
    default: break;
  }
  if (!range_start) {
    if (at_literal_pattern()) {
      if (at(K::Minus)) bump();
      literal();
      range_start = complete(m, S::LiteralPat);
    } else if (at_path_start()) {
      path(PathMode::Expr);
      if (at(K::Bang) && !at_op(Op::NotEq) &&
          (nth(1) == K::LParen || nth(1) == K::LBracket || nth(1) == K::LBrace)) {
        bump();
        token_tree();
        complete(m, S::MacroPat);
        return;
      }
      if (at(K::LParen)) {
        tuple_pat_fields(K::RParen);
        complete(m, S::TupleStructPat);
        return;
      }
      if (at(K::LBrace)) {
        record_pat_fields();
        complete(m, S::RecordPat);
        return;
      }
      range_start = complete(m, S::PathPat);
    } else {
      error("expected a pattern, found " + describe_current());
      return;
    }
  }
  // Range patterns: start..=end, start...end, start..end, start..
  if (at_op(Op::DotDotEq) || at_op(Op::DotDotDot)) {
    Marker rm = precede(*range_start);
    bump_n(3);
    if (at_range_end_start(*this)) {
      pattern_range_end();
    } else {
      error_at(pos_ - 3, "inclusive range with no end");  // at the `..=`
    }
    complete(rm, S::RangePat);
  } else if (at_op(Op::DotDot)) {
    Marker rm = precede(*range_start);
    bump_n(2);
    if (at_range_end_start(*this)) pattern_range_end();
    complete(rm, S::RangePat);
  }
}

void Parser::tuple_pat_fields(TokenKind close) {
  uint32_t saved = enter_group();
  while (!at_eof()) {
    uint32_t before = pos_;
    pattern_top();
    if (pos_ == before) {
      error_and_bump("expected a pattern, found " + describe_current());
      continue;
    }
    if (!eat(K::Comma)) break;
  }
  leave_group(saved, close);
}

void Parser::record_pat_fields() {
  comma_list(S::RecordPatFieldList, K::RBrace, "a field pattern", [&](Marker fm) {
    outer_attributes();
    if (at_op(Op::DotDot)) {
      bump_n(2);
      complete(fm, S::RestPat);
      return true;
    }
    if ((at(K::Ident) || at(K::IntLit)) && nth(1) == K::Colon && !nth_op(1, Op::ColonColon)) {
      name_ref();
      bump();  // :
      pattern_top();
    } else if (at(K::Ident) || at(K::KwRef) || at(K::KwMut) || at(K::KwBox)) {
      pattern_single();  // shorthand: `x`, `ref mut x`, `box x`
    } else {
      return false;
    }
    complete(fm, S::RecordPatField);
    return true;
  });
}

}  // namespace ferret::syntax::detail
