// Grammar of generics: parameter lists (lifetimes, types, const generics with
// defaults), where clauses, trait and lifetime bounds (`?Sized`, `~const`, `for<'a>`,
// `use<…>`), generic argument lists (types, lifetimes, consts, associated type
// bindings and bounds) and `for<…>` binders.
#include "syntax/parser.h"

namespace ferret::syntax::detail {

using K = TokenKind;
using S = SyntaxKind;

// The value of a const generic argument or default where a full expression would
// swallow the closing `>`: a block, a literal (optionally negated), `true`/`false`, or
// a path (rustc's unbraced const arguments; `N + 1` needs braces).
static void const_arg_value(Parser& p) {
  K k = p.cur();
  if (k == K::LBrace) {
    p.block_expr(p.start());
  } else if (is_literal(k) || k == K::KwTrue || k == K::KwFalse) {
    p.literal();
  } else if (k == K::Minus && (is_literal(p.nth(1)))) {
    Marker m = p.start();
    p.bump();
    p.literal();
    p.complete(m, S::PrefixExpr);
  } else if (p.at_path_start() && !p.at(K::Lt)) {
    Marker m = p.start();
    p.path(PathMode::Expr);
    p.complete(m, S::PathExpr);
  } else {
    p.error("expected a const argument (literal, path or `{ … }`), found " + p.describe_current());
  }
}

void Parser::opt_generic_params() {
  if (at(K::Lt)) generic_params();
}

void Parser::generic_params() {
  Marker m = start();
  bump();  // <
  while (!at_eof() && !at(K::Gt)) {
    uint32_t before = pos_;
    Marker pm = start();
    outer_attributes();
    if (at(K::Lifetime)) {
      lifetime();
      if (eat(K::Colon)) lifetime_bounds();
      complete(pm, S::LifetimeParam);
    } else if (at(K::KwConst)) {
      bump();
      name_or_error();
      expect(K::Colon);
      type_(true);
      if (eat(K::Eq)) {
        Marker am = start();
        const_arg_value(*this);
        complete(am, S::ConstArg);
      }
      complete(pm, S::ConstParam);
    } else if (at(K::Ident)) {
      name();
      if (eat(K::Colon)) type_bounds(true);
      if (eat(K::Eq)) type_(true);
      complete(pm, S::TypeParam);
    } else if (pos_ > before) {
      error("expected a generic parameter, found " + describe_current());
      complete(pm, S::Error);
    } else {
      error("expected a generic parameter, found " + describe_current());
      break;
    }
    if (!eat(K::Comma)) break;
  }
  expect(K::Gt);
  complete(m, S::GenericParamList);
}

// After `impl`, `<` starts generic parameters unless it starts a qualified path
// (`impl <T as Trait>::Assoc {}`), as rustc decides.
bool Parser::at_generic_params_after_impl() const {
  if (!at(K::Lt)) return false;
  K k1 = nth(1);
  if (k1 == K::Gt || k1 == K::Lifetime || k1 == K::KwConst || k1 == K::Pound) return true;
  if (k1 == K::Ident) {
    K k2 = nth(2);
    return k2 == K::Gt || k2 == K::Comma || k2 == K::Eq || (k2 == K::Colon && !nth_op(2, Op::ColonColon));
  }
  return false;
}

void Parser::opt_where_clause() {
  if (!at(K::KwWhere)) return;
  Marker m = start();
  bump();
  for (;;) {
    Marker pm = start();
    if (at(K::Lifetime)) {
      lifetime();
      expect(K::Colon);
      lifetime_bounds();
      complete(pm, S::WherePred);
    } else if (at(K::KwFor) || at_type_start()) {
      if (at(K::KwFor) && nth(1) == K::Lt) for_binder();
      type_(true);
      if (eat(K::Colon)) {
        type_bounds(true);
      } else if (eat(K::Eq)) {
        type_(true);  // `where T::Assoc = U` (equality predicates)
      } else {
        error("expected `:`, found " + describe_current());
      }
      complete(pm, S::WherePred);
    } else {
      break;
    }
    if (!eat(K::Comma)) break;
  }
  complete(m, S::WhereClause);
}

void Parser::type_bounds(bool allow_empty) {
  Marker m = start();
  bool any = false;
  for (;;) {
    if (!type_bound()) break;
    any = true;
    if (!eat(K::Plus)) break;
  }
  if (!any && !allow_empty) error("expected a bound, found " + describe_current());
  complete(m, S::TypeBoundList);
}

bool Parser::type_bound() {
  Marker m = start();
  if (at(K::Lifetime)) {
    lifetime();
    complete(m, S::TypeBound);
    return true;
  }
  if (at(K::LParen) && partner(pos_) != kNoPartner) {
    // `(?Sized)`, `(for<'a> Fn(&'a T))`
    uint32_t saved = enter_group();
    if (!type_bound()) error("expected a bound, found " + describe_current());
    leave_group(saved, K::RParen);
    complete(m, S::TypeBound);
    return true;
  }
  if (at(K::KwUse) && nth(1) == K::Lt) {  // precise capturing: use<'a, T>
    bump();
    Marker am = start();
    bump();  // <
    while (!at_eof() && !at(K::Gt)) {
      if (at(K::Lifetime)) {
        lifetime();
      } else if (at(K::Ident) || at(K::KwSelfType)) {
        name_ref();
      } else {
        error("expected a lifetime or type parameter, found " + describe_current());
        break;
      }
      if (!eat(K::Comma)) break;
    }
    expect(K::Gt);
    complete(am, S::UseBoundGenericArgs);
    complete(m, S::TypeBound);
    return true;
  }
  bool modifiers = false;
  if (at(K::Tilde) && nth(1) == K::KwConst) {  // ~const Trait
    bump_n(2);
    modifiers = true;
  } else if (at(K::LBracket) && nth(1) == K::KwConst && nth(2) == K::RBracket) {  // [const]
    bump_n(3);
    modifiers = true;
  } else if (at(K::KwConst)) {
    bump();
    modifiers = true;
  }
  if (at(K::KwAsync)) {
    bump();
    modifiers = true;
  }
  if (at(K::Question) || at(K::Bang)) {
    bump();
    modifiers = true;
  }
  if (at(K::KwFor) && nth(1) == K::Lt) {
    for_binder();
    modifiers = true;
  }
  if (at_path_start()) {
    Marker tm = start();
    path(PathMode::Type);
    complete(tm, S::PathType);
  } else if (modifiers) {
    error("expected a trait path, found " + describe_current());
  } else {
    return false;
  }
  complete(m, S::TypeBound);
  return true;
}

void Parser::lifetime_bounds() {
  Marker m = start();
  while (at(K::Lifetime)) {
    Marker bm = start();
    lifetime();
    complete(bm, S::TypeBound);
    if (!eat(K::Plus)) break;
  }
  complete(m, S::TypeBoundList);
}

void Parser::for_binder() {
  Marker m = start();
  bump();  // for
  generic_params();
  complete(m, S::ForBinder);
}

void Parser::opt_generic_args(bool turbofish_only) {
  if (at_op(Op::ColonColon) && nth(2) == K::Lt) {
    bump_n(2);
    generic_args();
  } else if (!turbofish_only && at(K::Lt) && !at_op(Op::LtEq)) {  // `x as u32 <= y`
    generic_args();
  }
}

void Parser::generic_args() {
  Marker m = start();
  bump();  // <
  while (!at_eof() && !at(K::Gt)) {
    uint32_t before = pos_;
    generic_arg();
    if (pos_ == before) {
      error("expected a generic argument, found " + describe_current());
      break;
    }
    if (!eat(K::Comma)) break;
  }
  expect(K::Gt);
  complete(m, S::GenericArgList);
}

// Index (relative to pos) just past the `>` closing a `<` at relative index i, or 0.
static uint32_t skip_angles(const Parser& p, uint32_t i) {
  int depth = 0;
  for (uint32_t j = i; j < i + 256; ++j) {
    K k = p.nth(j);
    if (k == K::Lt) {
      ++depth;
    } else if (k == K::Gt) {
      if (j > 0 && p.nth(j - 1) == K::Minus) continue;
      if (--depth == 0) return j + 1;
    } else if (k == K::Eof || k == K::Semi || k == K::LBrace) {
      return 0;
    }
  }
  return 0;
}

void Parser::generic_arg() {
  Marker m = start();
  K k = cur();
  if (k == K::Lifetime && nth(1) != K::Plus) {  // `'a + Trait` is a 2015 bare trait object
    lifetime();
    complete(m, S::LifetimeArg);
    return;
  }
  if (k == K::Ident && nth(1) == K::LParen) {
    // Return type notation bound: `method(..): Send`.
    uint32_t close = partner(pos_ + 1);
    if (close != kNoPartner && kind_at(close + 1) == K::Colon && kind_at(close + 2) != K::Colon) {
      name_ref();
      Marker am = start();
      uint32_t saved = enter_group();
      if (at_op(Op::DotDot)) {
        bump_n(2);
      } else {
        while (!at_eof()) {
          uint32_t before = pos_;
          type_(true);
          if (pos_ == before || !eat(K::Comma)) break;
        }
      }
      leave_group(saved, K::RParen);
      complete(am, S::ParenthesizedArgs);
      bump();  // :
      type_bounds(false);
      complete(m, S::AssocTypeArg);
      return;
    }
  }
  if (k == K::Ident) {
    // `Item = T`, `Item: Bound`, `Item<'a> = T` (associated type bindings and bounds)
    uint32_t after = 1;
    if (nth(1) == K::Lt) after = skip_angles(*this, 1);
    if (after != 0) {
      bool eq = nth(after) == K::Eq && !nth_op(after, Op::EqEq);
      bool colon = nth(after) == K::Colon && !nth_op(after, Op::ColonColon);
      if (eq || colon) {
        name_ref();
        if (at(K::Lt)) generic_args();
        bump();  // = or :
        if (colon) {
          type_bounds(false);
        } else if (at(K::LBrace) || is_literal(cur()) || at(K::Minus) || at(K::KwTrue) ||
                   at(K::KwFalse)) {
          Marker am = start();  // associated const equality: `N = 3`
          const_arg_value(*this);
          complete(am, S::ConstArg);
        } else {
          type_(true);
        }
        complete(m, S::AssocTypeArg);
        return;
      }
    }
  }
  if (k == K::LBrace || is_literal(k) || k == K::KwTrue || k == K::KwFalse ||
      (k == K::Minus && is_literal(nth(1)))) {
    const_arg_value(*this);
    complete(m, S::ConstArg);
    return;
  }
  if (at_type_start() || k == K::Lifetime) {
    type_(true);
    complete(m, S::TypeArg);
    return;
  }
}

}  // namespace ferret::syntax::detail
