// Grammar of expressions: a precedence-climbing parser for binary operators, casts,
// ranges and assignments with rustc's binding powers; prefix operators; postfix calls,
// method calls (turbofish), fields (`.0.1`), indexing, `?`, `.await`; and every atom:
// literals, paths, struct literals (not in conditions), tuples, arrays, blocks
// (unsafe/async/const/try/gen, labeled), if/match/loop/while/for with let-chains,
// closures, jumps, `let` in conditions, `box`, macro calls, `builtin #`.
#include "syntax/parser.h"

namespace ferret::syntax::detail {

using K = TokenKind;
using S = SyntaxKind;

namespace {

// Binding powers, higher binds tighter. Left-associative operators parse their right
// operand at lbp + 1; assignment is right-associative.
enum : int {
  kBpAssign = 2,
  kBpRange = 4,
  kBpOrOr = 6,
  kBpAndAnd = 8,
  kBpCompare = 10,
  kBpBitOr = 12,
  kBpBitXor = 14,
  kBpBitAnd = 16,
  kBpShift = 18,
  kBpAdd = 20,
  kBpMul = 22,
  kBpAs = 24,
};

enum class BinKind : uint8_t { Binary, Assign, Range, Cast };

struct BinOp {
  int lbp;
  int ntok;
  BinKind kind;
};

}  // namespace

// rustc's classify::expr_is_complete: the expressions that end a statement (or a match
// arm) without `;` (`,`). Async and gen blocks are not among them.
bool is_block_like_expr(const Parser& p, const Completed& c) {
  switch (c.kind) {
    case S::IfExpr:
    case S::MatchExpr:
    case S::LoopExpr:
    case S::WhileExpr:
    case S::ForExpr: return true;
    case S::BlockExpr: {
      K first = p.kind_at(c.token);
      return first != K::KwAsync && first != K::KwGen;
    }
    default: return false;
  }
}

static std::optional<BinOp> current_binop(const Parser& p) {
  auto followed_by_eq = [&](uint32_t n) {
    return p.nth(n) == K::Eq && p.adjacent(p.pos() + n - 1);
  };
  switch (p.cur()) {
    case K::Eq:
      if (p.at_op(Op::EqEq)) return BinOp{kBpCompare, 2, BinKind::Binary};
      if (p.at_op(Op::FatArrow)) return std::nullopt;
      return BinOp{kBpAssign, 1, BinKind::Assign};
    case K::Bang:
      if (p.at_op(Op::NotEq)) return BinOp{kBpCompare, 2, BinKind::Binary};
      return std::nullopt;
    case K::Lt:
      if (p.at_op(Op::ShlEq)) return BinOp{kBpAssign, 3, BinKind::Assign};
      if (p.at_op(Op::Shl)) return BinOp{kBpShift, 2, BinKind::Binary};
      if (p.at_op(Op::LtEq)) return BinOp{kBpCompare, 2, BinKind::Binary};
      return BinOp{kBpCompare, 1, BinKind::Binary};
    case K::Gt:
      if (p.at_op(Op::ShrEq)) return BinOp{kBpAssign, 3, BinKind::Assign};
      if (p.at_op(Op::Shr)) return BinOp{kBpShift, 2, BinKind::Binary};
      if (p.at_op(Op::GtEq)) return BinOp{kBpCompare, 2, BinKind::Binary};
      return BinOp{kBpCompare, 1, BinKind::Binary};
    case K::Plus:
      if (followed_by_eq(1)) return BinOp{kBpAssign, 2, BinKind::Assign};
      return BinOp{kBpAdd, 1, BinKind::Binary};
    case K::Minus:
      if (p.at_op(Op::Arrow)) return std::nullopt;
      if (followed_by_eq(1)) return BinOp{kBpAssign, 2, BinKind::Assign};
      return BinOp{kBpAdd, 1, BinKind::Binary};
    case K::Star:
    case K::Slash:
    case K::Percent:
      if (followed_by_eq(1)) return BinOp{kBpAssign, 2, BinKind::Assign};
      return BinOp{kBpMul, 1, BinKind::Binary};
    case K::Caret:
      if (followed_by_eq(1)) return BinOp{kBpAssign, 2, BinKind::Assign};
      return BinOp{kBpBitXor, 1, BinKind::Binary};
    case K::Amp:
      if (p.at_op(Op::AndAnd)) return BinOp{kBpAndAnd, 2, BinKind::Binary};
      if (followed_by_eq(1)) return BinOp{kBpAssign, 2, BinKind::Assign};
      return BinOp{kBpBitAnd, 1, BinKind::Binary};
    case K::Pipe:
      if (p.at_op(Op::OrOr)) return BinOp{kBpOrOr, 2, BinKind::Binary};
      if (followed_by_eq(1)) return BinOp{kBpAssign, 2, BinKind::Assign};
      return BinOp{kBpBitOr, 1, BinKind::Binary};
    case K::Dot:
      if (p.at_op(Op::DotDotEq) || p.at_op(Op::DotDotDot))
        return BinOp{kBpRange, 3, BinKind::Range};
      if (p.at_op(Op::DotDot)) return BinOp{kBpRange, 2, BinKind::Range};
      return std::nullopt;
    case K::KwAs: return BinOp{kBpAs, 1, BinKind::Cast};
    default: return std::nullopt;
  }
}

bool Parser::at_expr_start() const {
  K k = cur();
  if (is_literal(k)) return true;
  switch (k) {
    case K::Ident:
    case K::KwSelfValue:
    case K::KwSelfType:
    case K::KwSuper:
    case K::KwCrate:
    case K::Lt:
    case K::LParen:
    case K::LBracket:
    case K::LBrace:
    case K::Minus:
    case K::Bang:
    case K::Star:
    case K::Amp:
    case K::Pipe:
    case K::KwTrue:
    case K::KwFalse:
    case K::KwIf:
    case K::KwMatch:
    case K::KwLoop:
    case K::KwWhile:
    case K::KwFor:
    case K::KwUnsafe:
    case K::KwAsync:
    case K::KwMove:
    case K::KwReturn:
    case K::KwBreak:
    case K::KwContinue:
    case K::KwLet:
    case K::KwBox:
    case K::KwYield:
    case K::KwBecome:
    case K::KwConst:
    case K::KwStatic:
    case K::KwTry:
    case K::KwDo:
    case K::Lifetime:
    case K::Underscore:
    case K::Pound: return true;
    case K::KwGen: return nth(1) == K::LBrace || nth(1) == K::KwMove;
    case K::Colon: return at_op(Op::ColonColon);
    case K::Dot: return at_op(Op::DotDot);
    case K::Dollar: return nth(1) == K::KwCrate;
    default: return false;
  }
}

std::optional<Completed> Parser::expr(Restrictions r) {
  r.stmt_start = false;
  return expr_bp(0, r);
}

void Parser::expect_expr(Restrictions r) {
  if (!expr(r)) error("expected an expression, found " + describe_current());
}

// After `..`/`..=`: the end of a range, if one follows (not the `{` of a block in a
// condition: `for i in 0.. {}`). `..=` needs an end.
static void range_end(Parser& p, bool inclusive, Restrictions r) {
  r.stmt_start = false;
  r.allow_let = false;
  if (p.at_expr_start() && !(r.no_struct && p.at(K::LBrace))) {
    p.expr_bp(kBpRange + 1, r);
  } else if (inclusive) {
    p.error_at(p.pos() - 3, "inclusive range with no end");  // at the `..=`
  }
}

std::optional<Completed> Parser::expr_bp(int min_bp, Restrictions r) {
  NestingGuard guard(*this);
  if (!guard) return skip_rest_of(Construct::Expression);
  if (at_op(Op::DotDot)) {  // prefix range `..`, `..x`, `..=x`: ends the expression
    Marker m = start();
    bool inclusive = at_op(Op::DotDotEq) || at_op(Op::DotDotDot);
    if (at_op(Op::DotDotDot)) error("unexpected token: `...`; use `..` or `..=` for a range");
    bump_n(inclusive ? 3 : 2);
    range_end(*this, inclusive, r);
    return complete(m, S::RangeExpr);
  }
  std::optional<Completed> lhs = unary_expr(r);
  if (!lhs) return std::nullopt;
  // A block-like expression at statement start is a whole statement (`if a {} - 1`
  // is two statements); only `.` and `?` continue it (see postfix_expr).
  if (r.stmt_start && is_block_like_expr(*this, *lhs)) return lhs;
  Restrictions rhs_r = r;
  rhs_r.stmt_start = false;
  bool lhs_is_comparison = false;
  // In a condition, `let` may only be an operand of a chain of `&&` (rustc's
  // CondChecker): the first `let` of the chain parsed so far, or kNoLet.
  constexpr uint32_t kNoLet = UINT32_MAX;
  uint32_t let_in_lhs = lhs->kind == S::LetExpr ? lhs->token : kNoLet;
  auto check_let_operand = [&](const BinOp& op) {
    if (let_in_lhs == kNoLet || (op.kind == BinKind::Binary && op.lbp == kBpAndAnd)) return;
    if (op.kind == BinKind::Binary && op.lbp == kBpOrOr) {
      error("`||` operators are not supported in let chain conditions");
    } else {
      error_at(let_in_lhs, "expected expression, found `let` statement");
    }
    let_in_lhs = kNoLet;
  };
  // The type of `x as T`. As in rustc, `<` or `<<` after a path type starts generic
  // arguments; when they do not parse (`x as usize < y`), the type ends before the `<`,
  // which then is a comparison (or a shift) — with an error, as rustc reports one.
  auto cast_type = [this]() {
    uint32_t i = pos_;
    if (nth_op(0, Op::ColonColon)) i += 2;
    uint32_t lt = 0;
    for (;;) {
      K k = kind_at(i);
      if (k == K::Dollar && kind_at(i + 1) == K::KwCrate) {
        i += 2;
      } else if (k == K::Ident || k == K::KwSelfType || k == K::KwSelfValue || k == K::KwSuper ||
                 k == K::KwCrate) {
        ++i;
      } else {
        break;
      }
      if (kind_at(i) == K::Lt && !nth_op(i - pos_, Op::LtEq) && !nth_op(i - pos_, Op::ShlEq)) {
        lt = i;
        break;
      }
      if (!nth_op(i - pos_, Op::ColonColon)) break;
      i += 2;
    }
    if (lt == 0) {
      type_(false);
      return;
    }
    const uint32_t type_start = pos_;
    const size_t nodes_before = out_.size();
    const size_t errors_before = error_count_;
    const size_t kept_before = errors_.size();
    type_(false);
    if (error_count_ == errors_before) return;
    // Roll back and parse the type up to the `<` only.
    out_.resize(nodes_before);
    errors_.resize(kept_before);
    error_count_ = errors_before;
    pos_ = type_start;
    const uint32_t saved_limit = limit_;
    limit_ = lt;
    type_(false);
    limit_ = saved_limit;
    std::string type_text(
        text_.substr(toks_[type_start].start, toks_[lt - 1].end() - toks_[type_start].start));
    bool shift = nth_op(0, Op::Shl);
    error(std::string(shift ? "`<<`" : "`<`") +
          " is interpreted as a start of generic arguments for `" + type_text + "`, not a " +
          (shift ? "shift" : "comparison"));
  };
  ChainDepth chain(*this);
  for (;;) {
    std::optional<BinOp> op = current_binop(*this);
    if (!op || op->lbp < min_bp) break;
    if (!chain.add_link()) {
      skip_rest_of(Construct::Expression);
      break;
    }
    check_let_operand(*op);
    Marker m = precede(*lhs);
    switch (op->kind) {
      case BinKind::Cast:
        bump();
        cast_type();
        lhs = complete(m, S::CastExpr);
        lhs_is_comparison = false;
        continue;
      case BinKind::Range: {
        // Ranges do not chain or take further operators: `a..b..c` ends after `a..b`.
        bool inclusive = op->ntok == 3;
        if (at_op(Op::DotDotDot)) error("unexpected token: `...`; use `..` or `..=` for a range");
        bump_n(op->ntok);
        range_end(*this, inclusive, rhs_r);
        return complete(m, S::RangeExpr);
      }
      case BinKind::Assign: {
        bump_n(op->ntok);
        Restrictions rr = rhs_r;
        rr.allow_let = false;
        if (!expr_bp(op->lbp, rr)) error("expected an expression, found " + describe_current());
        lhs = complete(m, S::BinExpr);
        lhs_is_comparison = false;
        continue;
      }
      case BinKind::Binary: {
        bool comparison = op->lbp == kBpCompare;
        if (comparison && lhs_is_comparison) error("comparison operators cannot be chained");
        bump_n(op->ntok);
        Restrictions rr = rhs_r;
        rr.allow_let = r.allow_let && op->lbp == kBpAndAnd;
        if (r.allow_let && op->lbp == kBpOrOr && at(K::KwLet)) {
          error("`||` operators are not supported in let chain conditions");
          rr.allow_let = true;  // reported once
        }
        std::optional<Completed> rhs = expr_bp(op->lbp + 1, rr);
        if (!rhs) error("expected an expression, found " + describe_current());
        if (rhs && rhs->kind == S::LetExpr && rr.allow_let && let_in_lhs == kNoLet &&
            op->lbp == kBpAndAnd) {
          let_in_lhs = rhs->token;
        }
        lhs = complete(m, S::BinExpr);
        lhs_is_comparison = comparison;
        continue;
      }
    }
  }
  return lhs;
}

std::optional<Completed> Parser::unary_expr(Restrictions r) {
  NestingGuard guard(*this);
  if (!guard) return skip_rest_of(Construct::Expression);
  Restrictions operand_r = r;
  operand_r.stmt_start = false;
  operand_r.allow_let = false;
  Marker m = start();
  switch (cur()) {
    case K::Minus:
    case K::Bang:
    case K::Star:
      bump();
      if (!unary_expr(operand_r)) error("expected an expression, found " + describe_current());
      return complete(m, S::PrefixExpr);
    case K::Amp:
      bump();
      if (at_contextual("raw") && (nth(1) == K::KwConst || nth(1) == K::KwMut)) {
        bump_n(2);  // &raw const x, &raw mut x
      } else {
        eat(K::KwMut);
      }
      if (!unary_expr(operand_r)) error("expected an expression, found " + describe_current());
      return complete(m, S::RefExpr);
    case K::KwBox:
      bump();
      if (!unary_expr(operand_r)) error("expected an expression, found " + describe_current());
      return complete(m, S::BoxExpr);
    default: break;
  }
  std::optional<Completed> atom = atom_expr(r);
  if (!atom) return std::nullopt;
  return postfix_expr(*atom, r);
}

std::optional<Completed> Parser::postfix_expr(Completed lhs, Restrictions r) {
  ChainDepth chain(*this);
  for (;;) {
    // After a block-like statement only `.` and `?` continue it (rustc): `{} (a)` is
    // two statements.
    if (r.stmt_start && is_block_like_expr(*this, lhs) && !at(K::Dot) && !at(K::Question)) break;
    const K k = cur();
    if (k != K::LParen && k != K::LBracket && k != K::Question && k != K::Dot) return lhs;
    if (at_op(Op::DotDot)) return lhs;
    if (!chain.add_link()) {
      skip_rest_of(Construct::Expression);
      return lhs;
    }
    switch (k) {
      case K::LParen: {
        Marker m = precede(lhs);
        arg_list();
        lhs = complete(m, S::CallExpr);
        continue;
      }
      case K::LBracket: {
        Marker m = precede(lhs);
        uint32_t saved = enter_group();
        expect_expr();
        leave_group(saved, K::RBracket);
        lhs = complete(m, S::IndexExpr);
        continue;
      }
      case K::Question: {
        Marker m = precede(lhs);
        bump();
        lhs = complete(m, S::TryExpr);
        continue;
      }
      case K::Dot: {
        if (at_op(Op::DotDot)) return lhs;
        Marker m = precede(lhs);
        bump();  // .
        K name_kind = cur();
        if (name_kind == K::KwAwait) {
          bump();
          lhs = complete(m, S::AwaitExpr);
          continue;
        }
        if (name_kind == K::Ident || name_kind == K::KwSelfType || name_kind == K::KwSelfValue ||
            name_kind == K::KwSuper || name_kind == K::KwCrate) {
          name_ref();
          bool generic = false;
          if (at_op(Op::ColonColon) && nth(2) == K::Lt) {
            bump_n(2);
            generic_args();
            generic = true;
          }
          if (at(K::LParen)) {
            arg_list();
            lhs = complete(m, S::MethodCallExpr);
          } else {
            if (generic)
              error("expected `(` after method generic arguments, found " + describe_current());
            lhs = complete(m, S::FieldExpr);
          }
          continue;
        }
        if (name_kind == K::IntLit ||
            name_kind == K::FloatLit) {  // tuple field `.0` (`.0.1` is split by the lexer)
          name_ref();
          lhs = complete(m, S::FieldExpr);
          continue;
        }
        // A keyword written right after the dot (`x.as`, `x.in` — a name being typed
        // whose first letters spell one): an erroneous name, so the call around it and
        // its receiver keep their shape.
        if (is_keyword(name_kind) && pos_ > 0 && adjacent(pos_ - 1)) {
          error("expected a field or method name, found keyword `" + std::string(text_of(pos_)) +
                "`");
          name_ref();
          if (at(K::LParen)) {
            arg_list();
            lhs = complete(m, S::MethodCallExpr);
          } else {
            lhs = complete(m, S::FieldExpr);
          }
          continue;
        }
        // `x.` while typing: keep a field access with a missing name for completion.
        error("expected a field or method name, found " + describe_current());
        lhs = complete(m, S::FieldExpr);
        return lhs;
      }
      default: return lhs;
    }
  }
  return lhs;
}

Completed Parser::literal() {
  Marker m = start();
  bump();
  return complete(m, S::Literal);
}

std::optional<Completed> Parser::atom_expr(Restrictions r) {
  K k = cur();
  if (is_literal(k) || k == K::KwTrue || k == K::KwFalse) return literal();
  Marker m = start();
  switch (k) {
    case K::Pound:  // attributes on an expression (`#[cfg(x)] a`) stay in the parent
      outer_attributes();
      return unary_expr(r);
    case K::Ident:
      if (at_contextual("builtin") && nth(1) == K::Pound) {  // builtin # offset_of(…)
        bump_n(2);
        if (at(K::Ident)) bump();
        token_tree();
        return complete(m, S::BuiltinExpr);
      }
      return path_expr_or_struct(r);
    case K::KwSelfValue:
    case K::KwSelfType:
    case K::KwSuper:
    case K::KwCrate:
    case K::Lt:
    case K::Colon:
    case K::Dollar:
      if (!at_path_start()) return std::nullopt;
      return path_expr_or_struct(r);
    case K::LParen: return paren_or_tuple_expr();
    case K::LBracket: return array_expr();
    case K::LBrace: return block_expr(m);
    case K::KwUnsafe:
      if (nth(1) == K::LBrace) return block_expr(m);
      return std::nullopt;
    case K::KwConst:
      if (nth(1) == K::LBrace) return block_expr(m);
      if (nth(1) == K::Pipe || nth(1) == K::KwMove || nth(1) == K::KwAsync) {
        return closure_expr(m, r);
      }
      return std::nullopt;
    case K::KwTry:
      if (nth(1) == K::LBrace) return block_expr(m);
      return std::nullopt;
    case K::KwGen:
      if (nth(1) == K::LBrace || (nth(1) == K::KwMove && nth(2) == K::LBrace)) return block_expr(m);
      return std::nullopt;
    case K::KwAsync: {
      K k1 = nth(1);
      if (k1 == K::LBrace || (k1 == K::KwMove && nth(2) == K::LBrace) ||
          (k1 == K::KwGen && (nth(2) == K::LBrace || nth(2) == K::KwMove))) {
        return block_expr(m);
      }
      return closure_expr(m, r);
    }
    case K::Pipe:
    case K::KwMove:
    case K::KwStatic: return closure_expr(m, r);
    case K::KwFor:
      if (nth(1) == K::Lt) return closure_expr(m, r);
      return loop_like(m);
    case K::KwIf: return if_expr(m);
    case K::KwMatch: return match_expr(m);
    case K::KwLoop:
    case K::KwWhile: return loop_like(m);
    case K::Lifetime: {
      if (nth(1) != K::Colon) {
        error("expected an expression, found " + describe_current());
        return std::nullopt;
      }
      Marker lm = start();
      bump_n(2);
      complete(lm, S::Label);
      switch (cur()) {
        case K::KwLoop:
        case K::KwWhile:
        case K::KwFor: return loop_like(m);
        case K::LBrace:
        case K::KwUnsafe:
        case K::KwAsync:
        case K::KwConst: return block_expr(m);
        default:
          error("expected a loop or block after a label, found " + describe_current());
          return complete(m, S::BlockExpr);
      }
    }
    case K::KwReturn: return jump_expr(m, S::ReturnExpr, false, r);
    case K::KwBreak: return jump_expr(m, S::BreakExpr, true, r);
    case K::KwContinue: {
      bump();
      if (at(K::Lifetime)) lifetime();
      return complete(m, S::ContinueExpr);
    }
    case K::KwYield: return jump_expr(m, S::YieldExpr, false, r);
    case K::KwBecome: return jump_expr(m, S::BecomeExpr, false, r);
    case K::KwDo:
      if (nth_contextual(1, "yeet")) {
        bump();
        return jump_expr(m, S::YeetExpr, false, r);
      }
      return std::nullopt;
    case K::KwLet:
      if (!r.allow_let) error("`let` expressions are only allowed in `if` and `while` conditions");
      return let_expr(m);
    case K::Underscore: bump(); return complete(m, S::UnderscoreExpr);
    default: return std::nullopt;
  }
}

Completed Parser::path_expr_or_struct(Restrictions r) {
  Marker m = start();
  path(PathMode::Expr);
  if (at(K::Bang) && !at_op(Op::NotEq) &&
      (nth(1) == K::LParen || nth(1) == K::LBracket || nth(1) == K::LBrace)) {
    bump();
    token_tree();
    return complete(m, S::MacroExpr);
  }
  if (at(K::LBrace) && !r.no_struct) {
    record_expr_fields();
    return complete(m, S::RecordExpr);
  }
  return complete(m, S::PathExpr);
}

void Parser::record_expr_fields() {
  comma_list(S::RecordExprFieldList, K::RBrace, "a field", [&](Marker fm) {
    outer_attributes();
    if (at_op(Op::DotDot) && !at_op(Op::DotDotEq)) {
      bump_n(2);  // ..base, or a bare `..` (default field values)
      if (at_expr_start()) expect_expr();
    } else if ((at(K::Ident) || at(K::IntLit)) && nth(1) == K::Colon &&
               !nth_op(1, Op::ColonColon)) {
      name_ref();
      bump();  // :
      expect_expr();
    } else if (at(K::Ident)) {  // shorthand `x`
      Marker pm = start();
      Marker path_m = start();
      Marker seg = start();
      name_ref();
      complete(seg, S::PathSegment);
      complete(path_m, S::Path);
      complete(pm, S::PathExpr);
    } else {
      return false;
    }
    complete(fm, S::RecordExprField);
    return true;
  });
}

void Parser::arg_list() {
  Marker m = start();
  uint32_t saved = enter_group();
  while (!at_eof()) {
    uint32_t before = pos_;
    if (!expr()) {
      error_and_bump("expected an expression, found " + describe_current());
      continue;
    }
    if (eat(K::Comma)) continue;
    if (at_eof()) break;
    if (pos_ == before) {
      error_and_bump("expected `,` or `)`, found " + describe_current());
    } else {
      error("expected `,` or `)`, found " + describe_current());
    }
  }
  leave_group(saved, K::RParen);
  complete(m, S::ArgList);
}

Completed Parser::paren_or_tuple_expr() {
  Marker m = start();
  uint32_t saved = enter_group();
  bool tuple = false;
  int count = 0;
  while (!at_eof()) {
    uint32_t before = pos_;
    if (!expr()) {
      error_and_bump("expected an expression, found " + describe_current());
      continue;
    }
    ++count;
    if (eat(K::Comma)) {
      tuple = true;
      continue;
    }
    if (at_eof()) break;
    if (pos_ == before) {
      error_and_bump("expected `,` or `)`, found " + describe_current());
    } else {
      error("expected `,` or `)`, found " + describe_current());
    }
  }
  leave_group(saved, K::RParen);
  return complete(m, (count == 1 && !tuple) ? S::ParenExpr : S::TupleExpr);
}

Completed Parser::array_expr() {
  Marker m = start();
  uint32_t saved = enter_group();
  bool first = true;
  while (!at_eof()) {
    if (!expr()) {
      error_and_bump("expected an expression, found " + describe_current());
      continue;
    }
    if (first && eat(K::Semi)) {  // [x; n]
      expect_expr();
      break;
    }
    first = false;
    if (eat(K::Comma)) continue;
    if (at_eof()) break;
    error("expected `,` or `]`, found " + describe_current());
    if (!at_expr_start()) break;
  }
  leave_group(saved, K::RBracket);
  return complete(m, S::ArrayExpr);
}

// Modifiers (`unsafe`, `async [move]`, `const`, `try`, `gen`) then `{ … }`. The caller
// may have started m earlier, before a label.
Completed Parser::block_expr(Marker m) {
  NestingGuard guard(*this);
  if (!guard) {
    error_and_bump("nesting too deep");
    return complete(m, S::Error);
  }
  eat(K::KwUnsafe);
  eat(K::KwAsync);
  eat(K::KwGen);
  eat(K::KwMove);
  eat(K::KwConst);
  eat(K::KwTry);
  if (!at(K::LBrace)) {
    error("expected `{`, found " + describe_current());
    return complete(m, S::BlockExpr);
  }
  uint32_t saved = enter_group();
  block_contents();
  leave_group(saved, K::RBrace);
  return complete(m, S::BlockExpr);
}

// The body keeps the caller's no-struct-literal restriction, as in rustc:
// `if let Some(f) = |x| x {}` ends the closure before the `if` block.
Completed Parser::closure_expr(Marker m, Restrictions r) {
  if (at(K::KwFor) && nth(1) == K::Lt) for_binder();
  eat(K::KwConst);
  eat(K::KwStatic);
  eat(K::KwAsync);
  eat(K::KwMove);
  if (at(K::Pipe)) {
    Marker pm = start();
    bump();
    while (!at_eof() && !at(K::Pipe)) {
      uint32_t before = pos_;
      Marker param_m = start();
      outer_attributes();
      pattern_no_top_alt();
      if (eat(K::Colon)) type_(false);
      if (pos_ == before) {
        error("expected a closure parameter, found " + describe_current());
        break;
      }
      complete(param_m, S::Param);
      if (!eat(K::Comma)) break;
    }
    expect(K::Pipe);
    complete(pm, S::ParamList);
  } else {
    error("expected `|`, found " + describe_current());
  }
  if (at_op(Op::Arrow)) {
    opt_ret_type(false);
    if (at(K::LBrace)) {
      block_expr(start());
    } else {
      error("expected `{` after a closure's return type, found " + describe_current());
    }
  } else {
    Restrictions br;
    br.no_struct = r.no_struct;
    if (!expr(br)) error("expected a closure body, found " + describe_current());
  }
  return complete(m, S::ClosureExpr);
}

void Parser::condition() {
  Restrictions r;
  r.no_struct = true;
  r.allow_let = true;
  if (!expr_bp(0, r)) error("expected a condition, found " + describe_current());
}

Completed Parser::if_expr(Marker m) {
  bump();  // if
  condition();
  if (at(K::LBrace)) {
    block_expr(start());
  } else {
    error("expected `{`, found " + describe_current());
  }
  if (eat(K::KwElse)) {
    if (at(K::KwIf)) {
      // Each `else if` nests one level deeper in the tree: it counts.
      NestingGuard guard(*this);
      if (guard) {
        if_expr(start());
      } else {
        skip_rest_of(Construct::Expression);
      }
    } else if (at(K::LBrace)) {
      block_expr(start());
    } else {
      error("expected `{` or `if` after `else`, found " + describe_current());
    }
  }
  return complete(m, S::IfExpr);
}

Completed Parser::loop_like(Marker m) {
  SyntaxKind kind = S::LoopExpr;
  if (eat(K::KwLoop)) {
    kind = S::LoopExpr;
  } else if (eat(K::KwWhile)) {
    kind = S::WhileExpr;
    condition();
  } else {
    bump();  // for
    kind = S::ForExpr;
    pattern_top();
    expect(K::KwIn);
    Restrictions r;
    r.no_struct = true;
    if (!expr_bp(0, r)) error("expected an expression, found " + describe_current());
  }
  if (at(K::LBrace)) {
    block_expr(start());
  } else {
    error("expected `{`, found " + describe_current());
  }
  return complete(m, kind);
}

Completed Parser::match_expr(Marker m) {
  bump();  // match
  Restrictions r;
  r.no_struct = true;
  if (!expr_bp(0, r)) error("expected an expression, found " + describe_current());
  if (!at(K::LBrace)) {
    error("expected `{`, found " + describe_current());
    return complete(m, S::MatchExpr);
  }
  Marker lm = start();
  uint32_t saved = enter_group();
  inner_attributes();
  while (!at_eof()) {
    uint32_t before = pos_;
    Marker am = start();
    outer_attributes();
    pattern_top();
    if (at(K::KwIf)) {
      Marker gm = start();
      bump();
      Restrictions gr;
      gr.allow_let = true;
      if (!expr_bp(0, gr)) error("expected a guard expression, found " + describe_current());
      complete(gm, S::MatchGuard);
    }
    if (!expect_op(Op::FatArrow) && pos_ == before) {
      error_and_bump("expected a match arm, found " + describe_current());
      continue;
    }
    Restrictions br;
    br.stmt_start = true;
    std::optional<Completed> body = expr_bp(0, br);
    if (!body) error("expected an expression, found " + describe_current());
    // rustc: an arm body needs a `,` unless it is block-like — a braced macro call
    // (`m! {}`) is not, unlike in statements.
    bool block_like = body && is_block_like_expr(*this, *body);
    complete(am, S::MatchArm);
    if (eat(K::Comma) || at_eof()) continue;
    if (!block_like) error("expected `,` after a match arm, found " + describe_current());
  }
  leave_group(saved, K::RBrace);
  complete(lm, S::MatchArmList);
  return complete(m, S::MatchExpr);
}

Completed Parser::let_expr(Marker m) {
  bump();  // let
  pattern_top();
  if (expect(K::Eq)) {
    Restrictions r;
    r.no_struct = true;
    if (!expr_bp(kBpAndAnd + 1, r)) error("expected an expression, found " + describe_current());
  }
  return complete(m, S::LetExpr);
}

// As in rustc, the operand is a full expression without restrictions (`if return {}`
// takes `{}` as the value); only `break` stops at a `{` where struct literals are not
// allowed (`if break {}`). `break 'a: loop {}` breaks with a labeled loop, which rustc
// parses and rejects.
Completed Parser::jump_expr(Marker m, SyntaxKind kind, bool has_label, Restrictions r) {
  bump();  // return / break / yield / become / yeet
  if (has_label && at(K::Lifetime)) {
    if (nth(1) == K::Colon && !nth_op(1, Op::ColonColon)) {
      error(
          "parentheses are required around this expression to avoid confusion with a "
          "labeled break expression");
    } else {
      lifetime();
    }
  }
  if (at_expr_start() && !(has_label && r.no_struct && at(K::LBrace))) expr_bp(0, Restrictions{});
  return complete(m, kind);
}

}  // namespace ferret::syntax::detail
