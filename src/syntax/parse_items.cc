// Grammar of items: attributes, visibility, names, every item kind of the Rust
// Reference (fn, struct, union, enum, trait, impl, type, const, static, mod, use,
// extern crate, extern blocks, macro_rules, macro 2.0, macro calls), their fields,
// variants and parameter lists.
#include "syntax/parser.h"

namespace ferret::syntax::detail {

using K = TokenKind;
using S = SyntaxKind;

// ---------------------------------------------------------------- attributes

bool Parser::at_outer_attribute() const {
  K k = cur();
  if (k == K::OuterDoc || k == K::InnerDoc) return true;
  if (k != K::Pound) return false;
  return nth(1) == K::LBracket || (nth(1) == K::Bang && nth(2) == K::LBracket);
}

void Parser::outer_attributes() {
  while (at_outer_attribute()) {
    if (at(K::InnerDoc) || (at(K::Pound) && nth(1) == K::Bang)) {
      error("an inner attribute is not permitted here");
    }
    attribute();
  }
}

void Parser::inner_attributes() {
  while (at(K::InnerDoc) || (at(K::Pound) && nth(1) == K::Bang && nth(2) == K::LBracket)) {
    attribute();
  }
}

void Parser::attribute() {
  Marker m = start();
  if (at(K::OuterDoc) || at(K::InnerDoc)) {
    bump();
    complete(m, S::Attr);
    return;
  }
  bump();  // #
  eat(K::Bang);
  if (!at(K::LBracket)) {
    error("expected `[`, found " + describe_current());
    complete(m, S::Attr);
    return;
  }
  uint32_t saved = enter_group();
  bool unsafe_wrapper = at(K::KwUnsafe) && nth(1) == K::LParen;  // #[unsafe(no_mangle)]
  uint32_t inner_saved = 0;
  if (unsafe_wrapper) {
    bump();
    inner_saved = enter_group();
  }
  if (at_path_start()) {
    path(PathMode::Plain);
    if (at_open_delim()) {
      token_tree();
    } else if (eat(K::Eq)) {
      expect_expr();
    }
  } else {
    error("expected attribute path, found " + describe_current());
  }
  if (unsafe_wrapper) leave_group(inner_saved, K::RParen);
  leave_group(saved, K::RBracket);
  complete(m, S::Attr);
}

void Parser::token_tree() {
  if (!at_open_delim()) {
    error("expected `(`, `[` or `{`, found " + describe_current());
    return;
  }
  Marker m = start();
  skip_group();
  complete(m, S::TokenTree);
}

// ---------------------------------------------------------------- names, visibility

void Parser::name() {
  Marker m = start();
  bump();
  complete(m, S::Name);
}

bool Parser::name_or_error() {
  if (at(K::Ident)) {
    name();
    return true;
  }
  error("expected identifier, found " + describe_current());
  return false;
}

void Parser::name_ref() {
  Marker m = start();
  bump();
  complete(m, S::NameRef);
}

void Parser::lifetime() {
  Marker m = start();
  bump();
  complete(m, S::Lifetime);
}

bool Parser::opt_visibility(bool in_tuple_field) {
  Marker m = start();
  if (at(K::KwPub)) {
    bump();
    if (at(K::LParen)) {
      K k1 = nth(1);
      bool simple = (k1 == K::KwCrate || k1 == K::KwSelfValue || k1 == K::KwSuper) &&
                    nth(2) == K::RParen;
      // In a tuple field `pub (crate::T)` is a type; `pub(crate)` is still visibility.
      if (simple) {
        uint32_t saved = enter_group();
        bump();
        leave_group(saved, K::RParen);
      } else if (k1 == K::KwIn) {
        uint32_t saved = enter_group();
        bump();
        if (at_path_start()) {
          path(PathMode::Plain);
        } else {
          error("expected path, found " + describe_current());
        }
        leave_group(saved, K::RParen);
      } else if (!in_tuple_field) {
        // `pub(a::b)`: rustc reports it and reads it as `pub(in a::b)`.
        error("incorrect visibility restriction, expected `crate`, `self`, `super` or `in path`");
        uint32_t saved = enter_group();
        if (at_path_start()) path(PathMode::Plain);
        leave_group(saved, K::RParen);
      }
    }
    complete(m, S::Visibility);
    return true;
  }
  // `crate fn f()` (the old crate_visibility_modifier); `crate::x` is a path.
  if (at(K::KwCrate) && !nth_op(1, Op::ColonColon) && !in_tuple_field) {
    bump();
    complete(m, S::Visibility);
    return true;
  }
  return false;
}

bool Parser::opt_abi() {
  if (!at(K::KwExtern)) return false;
  Marker m = start();
  bump();
  if (at(K::StrLit) || at(K::RawStrLit)) bump();
  complete(m, S::Abi);
  return true;
}

// ---------------------------------------------------------------- item lists

void Parser::item_list_contents(ItemContext ctx) {
  while (!at_eof()) {
    if (at(K::RBrace) || at(K::RParen) || at(K::RBracket)) {
      error_and_bump("unmatched " + describe_current());
      continue;
    }
    if (at(K::Semi)) {  // `struct S {};`
      error_and_bump("expected an item, found `;` (items after `}` need no semicolon)");
      continue;
    }
    NestingGuard guard(*this);
    if (!guard) {
      error_and_bump("nesting too deep");
      continue;
    }
    Marker m = start();
    outer_attributes();
    bool vis = opt_visibility();
    if (item_after_attrs(m, ctx, vis)) continue;
    if (pos_ == m.token && ctx == ItemContext::Module && (at(K::KwLet) || at_expr_start()) &&
        !at(K::Pound)) {
      // Statements where items belong (half-written code, snippets): parse them as
      // statements so their bindings and expressions are still there.
      error("expected an item, found a statement");
      statement();
      continue;
    }
    if (pos_ > m.token) {
      error("expected an item after attributes or visibility, found " + describe_current());
      complete(m, S::Error);
    } else {
      error_and_bump("expected an item, found " + describe_current());
    }
  }
}

// A macro invocation path: `::`? segment (`::` segment)* `!` followed by a delimiter.
bool Parser::at_macro_call_path() const {
  uint32_t i = 0;
  if (nth_op(0, Op::ColonColon)) i = 2;
  for (;;) {
    K k = nth(i);
    if (k == K::Dollar && nth(i + 1) == K::KwCrate) {
      i += 2;
    } else if (k == K::Ident || k == K::KwSelfValue || k == K::KwSuper || k == K::KwCrate ||
               k == K::KwSelfType) {
      i += 1;
    } else {
      return false;
    }
    if (nth_op(i, Op::ColonColon)) {
      i += 2;
      continue;
    }
    if (nth(i) != K::Bang) return false;
    K after = nth(i + 1);
    return after == K::LParen || after == K::LBracket || after == K::LBrace;
  }
}

bool Parser::item_after_attrs(Marker m, ItemContext ctx, bool has_visibility) {
  const bool in_block = ctx == ItemContext::Block;
  K k = cur();
  switch (k) {
    case K::KwUse: use_item(m); return true;
    case K::KwStruct: struct_item(m, S::Struct); return true;
    case K::KwEnum: enum_item(m); return true;
    case K::KwTrait: trait_item(m); return true;
    case K::KwImpl: impl_item(m); return true;
    case K::KwType: type_alias(m); return true;
    case K::KwMod: module_item(m); return true;
    case K::KwFn: fn_item(m, ctx); return true;
    case K::KwStatic: {
      K k1 = nth(1);
      if (k1 == K::Ident || k1 == K::KwMut || k1 == K::Underscore) {
        const_or_static(m, S::Static);
        return true;
      }
      if (in_block) return false;  // `static ||` generator closure
      const_or_static(m, S::Static);
      return true;
    }
    case K::KwConst: {
      K k1 = nth(1);
      if (in_block && (k1 == K::LBrace || k1 == K::Pipe || k1 == K::KwMove ||
                       k1 == K::KwStatic)) {
        return false;  // const block or const closure
      }
      if (in_block && k1 == K::KwAsync && (nth(2) == K::Pipe || nth(2) == K::KwMove)) {
        return false;  // const async closure
      }
      if (k1 == K::KwTrait || (k1 == K::Ident && nth_contextual(1, "auto")) ||
          (k1 == K::KwUnsafe && nth(2) == K::KwTrait)) {
        trait_item(m);
        return true;
      }
      if (k1 == K::KwImpl || (k1 == K::KwUnsafe && nth(2) == K::KwImpl)) {
        impl_item(m);
        return true;
      }
      if (k1 == K::KwFn || k1 == K::KwUnsafe || k1 == K::KwAsync || k1 == K::KwExtern ||
          (k1 == K::Ident && nth_contextual(1, "safe"))) {
        fn_item(m, ctx);
        return true;
      }
      const_or_static(m, S::Const);
      return true;
    }
    case K::KwAsync: {
      K k1 = nth(1);
      if (k1 == K::KwFn || k1 == K::KwUnsafe || k1 == K::KwExtern ||
          (k1 == K::KwGen && nth(2) == K::KwFn)) {
        fn_item(m, ctx);
        return true;
      }
      return false;
    }
    case K::KwGen:
      if (nth(1) == K::KwFn) {
        fn_item(m, ctx);
        return true;
      }
      return false;
    case K::KwUnsafe: {
      K k1 = nth(1);
      switch (k1) {
        case K::KwFn:
        case K::KwAsync: fn_item(m, ctx); return true;
        case K::KwImpl: impl_item(m); return true;
        case K::KwTrait: trait_item(m); return true;
        case K::KwMod: module_item(m); return true;
        case K::KwStatic:  // `unsafe static X: T;` in `unsafe extern` blocks
          bump();
          const_or_static(m, S::Static);
          return true;
        case K::KwExtern: {
          uint32_t i = 2;
          if (nth(i) == K::StrLit || nth(i) == K::RawStrLit) ++i;
          if (nth(i) == K::LBrace) {
            extern_block(m);
          } else {
            fn_item(m, ctx);
          }
          return true;
        }
        case K::Ident:
          if (nth_contextual(1, "auto")) {
            trait_item(m);
            return true;
          }
          if (nth_contextual(1, "safe")) {
            fn_item(m, ctx);
            return true;
          }
          return false;
        default: return false;
      }
    }
    case K::KwExtern: {
      if (nth(1) == K::KwCrate) {
        extern_crate(m);
        return true;
      }
      uint32_t i = 1;
      if (nth(i) == K::StrLit || nth(i) == K::RawStrLit) ++i;
      if (nth(i) == K::LBrace) {
        extern_block(m);
      } else {
        fn_item(m, ctx);
      }
      return true;
    }
    case K::KwMacro:
      if (nth(1) == K::Ident) {
        macro_def(m);
        return true;
      }
      return false;
    case K::Ident: {
      if (at_contextual("union") && nth(1) == K::Ident) {
        struct_item(m, S::Union);
        return true;
      }
      if (at_contextual("auto") && nth(1) == K::KwTrait) {
        trait_item(m);
        return true;
      }
      if (at_contextual("macro_rules") && nth(1) == K::Bang &&
          (nth(2) == K::Ident || is_keyword(nth(2)))) {
        macro_rules(m);
        return true;
      }
      if (at_contextual("default")) {
        K k1 = nth(1);
        if (k1 == K::KwUnsafe && nth(2) == K::KwImpl) {  // default unsafe impl
          impl_item(m);
          return true;
        }
        if (k1 == K::KwFn || k1 == K::KwUnsafe || k1 == K::KwAsync || k1 == K::KwExtern) {
          fn_item(m, ctx);
          return true;
        }
        if (k1 == K::KwConst) {
          if (nth(2) == K::KwFn || nth(2) == K::KwUnsafe || nth(2) == K::KwAsync) {
            fn_item(m, ctx);
          } else {
            const_or_static(m, S::Const);
          }
          return true;
        }
        if (k1 == K::KwType) {
          type_alias(m);
          return true;
        }
        if (k1 == K::KwImpl) {
          impl_item(m);
          return true;
        }
      }
      if (at_contextual("safe")) {
        if (nth(1) == K::KwFn) {
          fn_item(m, ctx);
          return true;
        }
        if (nth(1) == K::KwStatic) {
          bump();
          const_or_static(m, S::Static);
          return true;
        }
      }
      break;
    }
    default: break;
  }
  if (!in_block && at_macro_call_path()) {
    if (has_visibility) error("a macro invocation cannot have a visibility");
    macro_call_item(m);
    return true;
  }
  return false;
}

// ---------------------------------------------------------------- functions

void Parser::fn_item(Marker m, ItemContext ctx) {
  eat_contextual("default");
  eat(K::KwConst);
  eat(K::KwAsync);
  eat(K::KwGen);
  eat(K::KwUnsafe);
  eat_contextual("safe");
  opt_abi();
  expect(K::KwFn);
  name_or_error();
  opt_generic_params();
  if (at(K::LParen)) {
    // Parameters without a pattern (`fn f(&self, u8);`): only in 2015 associated
    // functions, as rustc (extern block functions always need names).
    param_list(ctx == ItemContext::Assoc && edition() == Edition::E2015);
  } else {
    error("expected `(`, found " + describe_current());
  }
  opt_ret_type();
  opt_where_clause();
  fn_body_or_semi();
  complete(m, S::Fn);
}

void Parser::fn_body_or_semi() {
  if (at(K::LBrace)) {
    fn_body();
  } else if (!eat(K::Semi)) {
    error("expected `{` or `;`, found " + describe_current());
  }
}

void Parser::opt_ret_type(bool allow_plus) {
  if (!at_op(Op::Arrow)) return;
  Marker m = start();
  bump_n(2);
  type_(allow_plus);
  complete(m, S::RetType);
}

bool Parser::self_param() {
  uint32_t i = 0;
  if (at(K::Amp)) {
    i = 1;
    if (nth(i) == K::Lifetime) ++i;
    if (nth(i) == K::KwMut) ++i;
  } else if (at(K::KwMut)) {
    i = 1;
  }
  if (nth(i) != K::KwSelfValue || nth_op(i + 1, Op::ColonColon)) return false;
  if (at(K::Amp)) {
    bump();
    if (at(K::Lifetime)) lifetime();
    eat(K::KwMut);
  } else {
    eat(K::KwMut);
  }
  name();  // self
  if (eat(K::Colon)) type_(true);
  return true;
}

// Does the parameter starting here have a pattern (`pat: T`), or is it only a type
// (anonymous parameters of 2015 trait methods and of fn pointer types)? A pattern
// parameter has a lone `:` at nesting depth 0 before the next `,`.
static bool param_has_pattern(const Parser& p) {
  int angle = 0;
  for (uint32_t i = 0;; ++i) {
    K k = p.nth(i);
    switch (k) {
      case K::Eof: return false;
      case K::Comma:
        if (angle == 0) return false;
        break;
      case K::Lt: ++angle; break;
      case K::Gt:
        if (i > 0 && p.nth(i - 1) == K::Minus) break;  // `->`
        if (angle > 0) --angle;
        break;
      case K::Colon:
        if (p.nth(i + 1) == K::Colon) {
          ++i;
          break;
        }
        if (angle == 0) return true;
        break;
      case K::LParen:
      case K::LBracket:
      case K::LBrace: {
        uint32_t q = p.partner(p.pos() + i);
        if (q == kNoPartner) return false;
        i = q - p.pos();
        break;
      }
      default: break;
    }
    if (i > 4096) return false;
  }
}

void Parser::param(Marker m, bool allow_anonymous) {
  if (at_op(Op::DotDotDot)) {
    bump_n(3);
    complete(m, S::VariadicParam);
    return;
  }
  if (allow_anonymous && !param_has_pattern(*this)) {
    type_(true);
    complete(m, S::Param);
    return;
  }
  pattern_no_top_alt();
  if (eat(K::Colon)) {
    if (at_op(Op::DotDotDot)) {
      bump_n(3);  // `args: ...` in C-variadic functions
      complete(m, S::VariadicParam);
      return;
    }
    type_(true);
  } else {
    error("expected `:`, found " + describe_current());
  }
  complete(m, S::Param);
}

void Parser::param_list(bool allow_anonymous) {
  Marker m = start();
  uint32_t saved = enter_group();
  bool first = true;
  while (!at_eof()) {
    uint32_t before = pos_;
    Marker pm = start();
    outer_attributes();
    if (first && self_param()) {
      complete(pm, S::SelfParam);
    } else {
      param(pm, allow_anonymous);
    }
    first = false;
    if (eat(K::Comma)) continue;
    if (at_eof()) break;
    if (pos_ == before) {
      error_and_bump("expected a parameter, found " + describe_current());
    } else {
      error("expected `,` or `)`, found " + describe_current());
    }
  }
  leave_group(saved, K::RParen);
  complete(m, S::ParamList);
}

void Parser::fn_body() {
  Marker m = start();
  if (opts_.skeleton) {
    skip_group();
    complete(m, S::BlockExpr, kNodeSkipped);
    return;
  }
  block_expr(m);
}

// ---------------------------------------------------------------- ADTs

void Parser::struct_item(Marker m, SyntaxKind kind) {
  bump();  // struct / union
  name_or_error();
  opt_generic_params();
  opt_where_clause();
  if (at(K::LBrace)) {
    record_field_list();
  } else if (at(K::LParen) && kind == S::Struct) {
    tuple_field_list();
    opt_where_clause();
    expect(K::Semi);
  } else if (!eat(K::Semi)) {
    error("expected `{`, `(` or `;` after struct name, found " + describe_current());
  }
  complete(m, kind);
}

void Parser::record_field_list() {
  comma_list(S::RecordFieldList, K::RBrace, "field name", [&](Marker fm) {
    outer_attributes();
    opt_visibility();
    eat(K::KwUnsafe);  // unsafe fields
    if (!at(K::Ident)) return false;
    name();
    expect(K::Colon);
    type_(true);
    if (eat(K::Eq)) expect_expr();  // default field values
    complete(fm, S::RecordField);
    return true;
  });
}

void Parser::tuple_field_list() {
  comma_list(S::TupleFieldList, K::RParen, "a type", [&](Marker fm) {
    outer_attributes();
    opt_visibility(true);
    if (!at_type_start()) return false;
    type_(true);
    complete(fm, S::TupleField);
    return true;
  });
}

void Parser::enum_item(Marker m) {
  bump();  // enum
  name_or_error();
  opt_generic_params();
  opt_where_clause();
  if (at(K::LBrace)) {
    variant_list();
  } else {
    error("expected `{`, found " + describe_current());
  }
  complete(m, S::Enum);
}

void Parser::variant_list() {
  comma_list(S::VariantList, K::RBrace, "variant name", [&](Marker vm) {
    outer_attributes();
    opt_visibility();
    if (!at(K::Ident)) return false;
    name();
    if (at(K::LBrace)) {
      record_field_list();
    } else if (at(K::LParen)) {
      tuple_field_list();
    }
    if (eat(K::Eq)) expect_expr();
    complete(vm, S::Variant);
    return true;
  });
}

// ---------------------------------------------------------------- traits and impls

void Parser::trait_item(Marker m) {
  eat(K::KwConst);
  eat(K::KwUnsafe);
  eat_contextual("auto");
  expect(K::KwTrait);
  name_or_error();
  opt_generic_params();
  if (eat(K::Colon)) type_bounds(true);
  if (at(K::Eq)) {  // trait alias
    bump();
    type_bounds(true);
    opt_where_clause();
    expect(K::Semi);
    complete(m, S::TraitAlias);
    return;
  }
  opt_where_clause();
  assoc_item_list(S::AssocItemList, ItemContext::Assoc);
  complete(m, S::Trait);
}

void Parser::impl_item(Marker m) {
  eat_contextual("default");
  eat(K::KwConst);
  eat(K::KwUnsafe);
  expect(K::KwImpl);
  if (at_generic_params_after_impl()) generic_params();
  eat(K::KwConst);  // impl const Trait for T
  // `impl !Trait for T` is a negative impl; in `impl ! {}` the `!` is the never type.
  if (at(K::Bang) && nth(1) != K::LBrace && nth(1) != K::KwWhere && nth(1) != K::KwFor) bump();
  if (at_type_start()) {
    type_(true);
  } else {
    error("expected a type, found " + describe_current());
  }
  if (eat(K::KwFor)) {
    if (at_type_start()) {
      type_(true);
    } else {
      error("expected a type, found " + describe_current());
    }
  }
  opt_where_clause();
  assoc_item_list(S::AssocItemList, ItemContext::Assoc);
  complete(m, S::Impl);
}

void Parser::assoc_item_list(SyntaxKind list_kind, ItemContext ctx) {
  if (!at(K::LBrace)) {
    error("expected `{`, found " + describe_current());
    return;
  }
  Marker m = start();
  uint32_t saved = enter_group();
  inner_attributes();
  item_list_contents(ctx);
  leave_group(saved, K::RBrace);
  complete(m, list_kind);
}

// ---------------------------------------------------------------- other items

void Parser::type_alias(Marker m) {
  eat_contextual("default");
  bump();  // type
  name_or_error();
  opt_generic_params();
  if (eat(K::Colon)) type_bounds(true);
  opt_where_clause();
  if (eat(K::Eq)) type_(true);
  opt_where_clause();
  expect(K::Semi);
  complete(m, S::TypeAlias);
}

void Parser::const_or_static(Marker m, SyntaxKind kind) {
  eat_contextual("default");
  bump();  // const / static
  if (kind == S::Static) eat(K::KwMut);
  if (at(K::Ident) || at(K::Underscore)) {
    name();
  } else {
    error("expected identifier, found " + describe_current());
  }
  opt_generic_params();
  if (eat(K::Colon)) type_(true);
  if (eat(K::Eq)) expect_expr();
  opt_where_clause();
  expect(K::Semi);
  complete(m, kind);
}

void Parser::module_item(Marker m) {
  eat(K::KwUnsafe);
  bump();  // mod
  name_or_error();
  if (at(K::LBrace)) {
    assoc_item_list(S::ItemList, ItemContext::Module);
  } else {
    expect(K::Semi);
  }
  complete(m, S::Module);
}

void Parser::use_item(Marker m) {
  bump();  // use
  use_tree(true);
  expect(K::Semi);
  complete(m, S::Use);
}

void Parser::use_tree(bool top) {
  (void)top;
  Marker m = start();
  auto tree_list = [&] {
    Marker lm = start();
    NestingGuard guard(*this);
    if (!guard) {
      error_and_bump("nesting too deep");
      complete(lm, S::Error);
      return;
    }
    uint32_t saved = enter_group();
    while (!at_eof()) {
      uint32_t before = pos_;
      use_tree(false);
      if (pos_ == before) {
        error_and_bump("expected a use tree, found " + describe_current());
        continue;
      }
      if (!eat(K::Comma) && !at_eof()) error("expected `,` or `}`, found " + describe_current());
    }
    leave_group(saved, K::RBrace);
    complete(lm, S::UseTreeList);
  };
  if (at(K::Star)) {
    bump();
  } else if (at(K::LBrace)) {
    tree_list();
  } else if (at_op(Op::ColonColon) && (nth(2) == K::Star || nth(2) == K::LBrace)) {
    bump_n(2);
    if (at(K::Star)) {
      bump();
    } else {
      tree_list();
    }
  } else if (at_path_start() && !at(K::Lt)) {
    path(PathMode::Plain);
    if (at_op(Op::ColonColon)) {
      bump_n(2);
      if (at(K::Star)) {
        bump();
      } else if (at(K::LBrace)) {
        tree_list();
      } else {
        error("expected identifier, `*` or `{`, found " + describe_current());
      }
    } else if (at(K::KwAs)) {
      Marker rm = start();
      bump();
      if (at(K::Ident) || at(K::Underscore)) {
        name();
      } else {
        error("expected identifier or `_`, found " + describe_current());
      }
      complete(rm, S::Rename);
    }
  } else {
    if (pos_ == m.token) return;  // nothing here: the caller reports
  }
  complete(m, S::UseTree);
}

void Parser::extern_crate(Marker m) {
  bump_n(2);  // extern crate
  if (at(K::Ident) || at(K::KwSelfValue)) {
    name();
  } else {
    error("expected identifier, found " + describe_current());
  }
  if (at(K::KwAs)) {
    Marker rm = start();
    bump();
    if (at(K::Ident) || at(K::Underscore)) {
      name();
    } else {
      error("expected identifier or `_`, found " + describe_current());
    }
    complete(rm, S::Rename);
  }
  expect(K::Semi);
  complete(m, S::ExternCrate);
}

void Parser::extern_block(Marker m) {
  eat(K::KwUnsafe);
  opt_abi();
  assoc_item_list(S::ExternItemList, ItemContext::Extern);
  complete(m, S::ExternBlock);
}

void Parser::macro_rules(Marker m) {
  bump_n(2);  // macro_rules !
  name();
  bool braces = at(K::LBrace);
  token_tree();
  if (braces) {
    eat(K::Semi);
  } else {
    expect(K::Semi);
  }
  complete(m, S::MacroRules);
}

void Parser::macro_def(Marker m) {
  bump();  // macro
  name();
  if (at(K::LParen)) token_tree();  // macro m($x:expr) { … }
  if (at(K::LBrace)) {
    token_tree();
  } else {
    error("expected `{`, found " + describe_current());
  }
  complete(m, S::MacroDef);
}

void Parser::macro_call_item(Marker m) {
  path(PathMode::Plain);
  bump();  // !
  bool braces = at(K::LBrace);
  token_tree();
  if (braces) {
    eat(K::Semi);
  } else {
    expect(K::Semi);
  }
  complete(m, S::MacroCall);
}

}  // namespace ferret::syntax::detail
