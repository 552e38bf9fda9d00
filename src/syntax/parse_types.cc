// Grammar of paths and types: plain, type-position and expression-position paths
// (turbofish, `Fn(A) -> B` sugar, qualified `<T as Trait>::X`, `$crate`), and every type
// form (tuples, references, raw pointers, arrays, slices, fn pointers, `impl`/`dyn`
// traits incl. 2015 bare trait objects, `for<'a>` types, `!`, `_`, macro types).
#include "syntax/parser.h"

namespace ferret::syntax::detail {

using K = TokenKind;
using S = SyntaxKind;

// A bare trait object (2015; an error from 2021 on, but still parsed) whose first bound
// was already parsed as the type `first` and is followed by `+`. It gets the shape of
// `dyn A + B`: DYN_TRAIT_TYPE (TYPE_BOUND_LIST (TYPE_BOUND first) + (TYPE_BOUND …)).
static void bare_trait_object_rest(Parser& p, const Completed& first) {
  Marker dyn_m = Parser::precede(first);
  Marker list_m = Parser::precede(first);
  p.complete(Parser::precede(first), S::TypeBound);
  while (p.eat(K::Plus)) {
    if (!p.type_bound()) break;  // a trailing `+` is allowed, as in bound lists
  }
  p.complete(list_m, S::TypeBoundList);
  p.complete(dyn_m, S::DynTraitType);
}

// A bare trait object that starts with something only a bound can start with:
// `?Sized + Trait`, `'a + Trait`, `for<'a> Fn(&'a u8)`.
static void bare_trait_object(Parser& p, bool allow_plus) {
  Marker m = p.start();
  Marker lm = p.start();
  if (!p.type_bound()) p.error("expected a bound, found " + p.describe_current());
  while (allow_plus && p.eat(K::Plus)) {
    if (!p.type_bound()) break;
  }
  p.complete(lm, S::TypeBoundList);
  p.complete(m, S::DynTraitType);
}

bool Parser::at_path_start() const {
  switch (cur()) {
    case K::Ident:
    case K::KwSelfValue:
    case K::KwSelfType:
    case K::KwSuper:
    case K::KwCrate:
    case K::Lt: return true;
    case K::Colon: return at_op(Op::ColonColon);
    case K::Dollar: return nth(1) == K::KwCrate;
    default: return false;
  }
}

Completed Parser::path(PathMode mode) {
  Marker m = start();
  if (at_op(Op::ColonColon)) bump_n(2);
  path_segment(mode);
  while (at_op(Op::ColonColon)) {
    K after = nth(2);
    if (after == K::LBrace || after == K::Star || after == K::Lt) break;
    if (after == K::LParen && mode == PathMode::Type) break;  // `Fn::(A) -> B`
    bump_n(2);
    path_segment(mode);
  }
  return complete(m, S::Path);
}

void Parser::path_segment(PathMode mode) {
  Marker m = start();
  switch (cur()) {
    case K::Lt:
      qualified_self();
      complete(m, S::PathSegment);
      return;
    case K::Dollar:
      if (nth(1) == K::KwCrate) {
        Marker nm = start();
        bump_n(2);
        complete(nm, S::NameRef);
      }
      break;
    case K::Ident:
    case K::KwSelfValue:
    case K::KwSelfType:
    case K::KwSuper:
    case K::KwCrate: name_ref(); break;
    default: error("expected identifier, found " + describe_current()); break;
  }
  if (mode == PathMode::Type) {
    opt_generic_args(false);
    if (at_op(Op::ColonColon) && nth(2) == K::LParen) bump_n(2);  // `Fn::(A)`, as rustc
    if (at(K::LParen)) {                                          // Fn(A, B) -> C
      Marker am = start();
      uint32_t saved = enter_group();
      while (!at_eof()) {
        uint32_t before = pos_;
        if (at_op(Op::DotDot)) {
          bump_n(2);  // return type notation `method(..)`
        } else {
          type_(true);
        }
        if (pos_ == before) {
          error_and_bump("expected a type, found " + describe_current());
          continue;
        }
        if (!eat(K::Comma)) break;
      }
      leave_group(saved, K::RParen);
      complete(am, S::ParenthesizedArgs);
      opt_ret_type(false);
    }
  } else if (mode == PathMode::Expr) {
    opt_generic_args(true);
  }
  complete(m, S::PathSegment);
}

void Parser::qualified_self() {
  Marker m = start();
  bump();  // <
  type_(true);
  if (eat(K::KwAs)) {
    Marker tm = start();
    if (at_path_start()) {
      path(PathMode::Type);
    } else {
      error("expected a trait path, found " + describe_current());
    }
    complete(tm, S::PathType);
  }
  expect(K::Gt);
  complete(m, S::QualifiedSelf);
  if (!at_op(Op::ColonColon))
    error("expected `::` after a qualified path, found " + describe_current());
}

bool Parser::at_type_start() const {
  switch (cur()) {
    case K::LParen:
    case K::Bang:
    case K::Star:
    case K::LBracket:
    case K::Amp:
    case K::Underscore:
    case K::KwUnsafe:
    case K::KwExtern:
    case K::KwImpl:
    case K::KwDyn: return true;
    case K::KwFn: return nth(1) != K::Ident;  // `fn name` starts an item
    case K::KwFor: return nth(1) == K::Lt;    // only `for<'a> ...` is a type
    default: return at_path_start();
  }
}

void Parser::type_(bool allow_plus) {
  NestingGuard guard(*this);
  if (!guard) {
    skip_rest_of(Construct::Type);
    return;
  }
  Marker m = start();
  switch (cur()) {
    case K::LParen: {
      uint32_t saved = enter_group();
      bool tuple = false;
      if (at_eof()) {
        tuple = true;  // ()
      } else {
        type_(true);
        while (eat(K::Comma)) {
          tuple = true;
          if (at_eof()) break;
          uint32_t before = pos_;
          type_(true);
          if (pos_ == before) break;
        }
      }
      leave_group(saved, K::RParen);
      Completed c = complete(m, tuple ? S::TupleType : S::ParenType);
      if (!tuple && allow_plus && at(K::Plus)) bare_trait_object_rest(*this, c);  // (Trait) + Send
      return;
    }
    case K::Bang:
      bump();
      complete(m, S::NeverType);
      return;
    case K::Star:
      bump();
      if (!eat(K::KwConst) && !eat(K::KwMut)) {
        error("expected `const` or `mut` after `*`, found " + describe_current());
      }
      type_(false);
      complete(m, S::PtrType);
      return;
    case K::LBracket: {
      uint32_t saved = enter_group();
      type_(true);
      bool array = false;
      if (eat(K::Semi)) {
        array = true;
        expect_expr();
      }
      leave_group(saved, K::RBracket);
      complete(m, array ? S::ArrayType : S::SliceType);
      return;
    }
    case K::Amp:
      bump();
      if (at(K::Lifetime)) lifetime();
      eat(K::KwMut);
      type_(false);
      complete(m, S::RefType);
      return;
    case K::Underscore:
      bump();
      complete(m, S::InferType);
      return;
    case K::KwFn:
      if (nth(1) == K::Ident) break;  // `fn name`: an item, not a fn pointer type
      fn_ptr_type(m);
      return;
    case K::KwUnsafe:
    case K::KwExtern: fn_ptr_type(m); return;
    case K::KwFor: {
      if (nth(1) != K::Lt) break;
      // `for<'a> fn(&'a u8)` is a fn pointer type; `for<'a> Fn(&'a u8)` a bare trait object.
      uint32_t close = 1;
      for (int depth = 0; close < 1024; ++close) {
        K t = nth(close);
        if (t == K::Lt) ++depth;
        if (t == K::Gt && --depth == 0) break;
        if (t == K::Eof) break;
      }
      K after = nth(close + 1);
      if (after != K::KwFn && after != K::KwUnsafe && after != K::KwExtern) {
        bare_trait_object(*this, allow_plus);
        return;
      }
      for_binder();
      type_(allow_plus);
      complete(m, S::ForType);
      return;
    }
    case K::Question:
    case K::Lifetime:  // 2015 bare trait objects: `?Sized + Trait`, `'a + Trait`
      bare_trait_object(*this, allow_plus);
      return;
    case K::KwImpl: dyn_or_impl_type(S::ImplTraitType, allow_plus); return;
    case K::KwDyn: dyn_or_impl_type(S::DynTraitType, allow_plus); return;
    case K::Ident:
      // `dyn` is a contextual keyword in 2015: `dyn Trait`, but `dyn::x` is a path.
      // As rustc: `dyn` followed by something that starts a bound, but not `::` or `<`.
      if (at_contextual("dyn") && !nth_op(1, Op::ColonColon) && nth(1) != K::Lt &&
          (nth(1) == K::Ident || nth(1) == K::Lifetime || nth(1) == K::Question ||
           nth(1) == K::KwFor || nth(1) == K::KwSelfType || nth(1) == K::KwCrate ||
           nth(1) == K::KwSuper || nth(1) == K::KwSelfValue || nth(1) == K::LParen)) {
        dyn_or_impl_type(S::DynTraitType, allow_plus);
        return;
      }
      break;
    default: break;
  }
  if (at_path_start()) {
    path_or_macro_type(allow_plus);
    return;
  }
  error("expected a type, found " + describe_current());
}

void Parser::path_or_macro_type(bool allow_plus) {
  Marker m = start();
  path(PathMode::Type);
  if (at(K::Bang) && (nth(1) == K::LParen || nth(1) == K::LBracket || nth(1) == K::LBrace)) {
    bump();
    token_tree();
    complete(m, S::MacroType);
    return;
  }
  Completed c = complete(m, S::PathType);
  if (allow_plus && at(K::Plus)) bare_trait_object_rest(*this, c);  // Box<Error + Send>
}

void Parser::fn_ptr_type(Marker m) {
  eat(K::KwUnsafe);
  opt_abi();
  expect(K::KwFn);
  if (at(K::LParen)) {
    param_list(true);
  } else {
    error("expected `(`, found " + describe_current());
  }
  opt_ret_type(false);
  complete(m, S::FnPtrType);
}

void Parser::dyn_or_impl_type(SyntaxKind kind, bool allow_plus) {
  Marker m = start();
  bump();  // dyn / impl
  Marker lm = start();
  if (!type_bound()) error("expected a bound, found " + describe_current());
  while (allow_plus && eat(K::Plus)) {
    if (!type_bound()) break;
  }
  complete(lm, S::TypeBoundList);
  complete(m, kind);
}

}  // namespace ferret::syntax::detail
