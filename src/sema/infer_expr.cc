// Body inference: blocks, statements and expressions (see infer.h).
#include "sema/infer.h"
#include "sema/infer_internal.h"
#include "sema/scope_lookup.h"
#include "sema/ty_lower.h"
#include "syntax/literal_value.h"
#include "syntax/nesting_limit.h"

namespace ferret::sema {

using syntax::NodeId;
using syntax::SyntaxKind;
using syntax::TokenKind;

namespace {

constexpr int kMaxDepth = kMaxNesting;  // expression nesting walked
constexpr size_t kMaxExprs = 200000;    // expressions per body

// The builtin named by a literal suffix (`1u8`, `2.0f32`), if any.
bool suffix_type(std::string_view text, BuiltinType& out) {
  static const std::pair<std::string_view, BuiltinType> kSuffixes[] = {
      {"i128", BuiltinType::I128},   {"u128", BuiltinType::U128}, {"isize", BuiltinType::Isize},
      {"usize", BuiltinType::Usize}, {"i16", BuiltinType::I16},   {"i32", BuiltinType::I32},
      {"i64", BuiltinType::I64},     {"u16", BuiltinType::U16},   {"u32", BuiltinType::U32},
      {"u64", BuiltinType::U64},     {"f32", BuiltinType::F32},   {"f64", BuiltinType::F64},
      {"i8", BuiltinType::I8},       {"u8", BuiltinType::U8},
  };
  bool hex = text.size() > 1 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
  for (const auto& [suffix, b] : kSuffixes) {
    if (hex && suffix[0] == 'f') continue;  // hex digits include f
    if (text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix) {
      out = b;
      return true;
    }
  }
  return false;
}

std::string label_of(syntax::SyntaxNode n) {
  if (syntax::SyntaxNode l = n.child(SyntaxKind::Label)) {
    for (uint32_t t = l.first_token(); t < l.end_token(); ++t) {
      if (n.tree().token_kind(t) == TokenKind::Lifetime) return std::string(n.tree().token_text(t));
    }
  }
  return {};
}

std::string lifetime_child(syntax::SyntaxNode n) {
  if (syntax::SyntaxNode l = n.child(SyntaxKind::Lifetime)) return std::string(l.text());
  return {};
}

}  // namespace

TyId BodyInference::expr(Node e, TyId expected) {
  if (!e) return kUnknownTy;
  uint64_t k = key(e);
  auto it = types_.find(k);
  if (it != types_.end()) return it->second;
  if (depth_ > kMaxDepth || exprs_ > kMaxExprs) return kUnknownTy;
  ++exprs_;
  ++depth_;
  if (expected != kUnknownTy && &e.tree() == &tree_) {
    syntax::TextRange r = e.range();
    if (r.start <= offset_ && offset_ <= r.end) expected_[k] = expected;
  }
  TyId t = expr_inner(e, expected);
  --depth_;
  types_[k] = t;
  if (inactive_log_) inactive_log_->push_back(k);
  return t;
}

TyId BodyInference::unify_branches(TyId a, TyId b) {
  TyArena& ar = t_.arena;
  if (ar.kind(a) == TyKind::Never) return b;
  if (ar.kind(b) == TyKind::Never) return a;
  if (ar.is_unknown(a)) return b;
  if (ar.is_unknown(b)) return a;
  if (!coerce(b, a) && coerce(a, b)) return b;
  return a;
}

// ---------------------------------------------------------------- blocks

TyId BodyInference::block(Node b, TyId expected) {
  size_t scope = scope_.size();
  bool diverges = false;
  Node tail;
  Node last_stmt;
  for (Node c : b.children()) {
    if ((c.kind() == SyntaxKind::LetStmt || c.kind() == SyntaxKind::ExprStmt ||
         c.kind() == SyntaxKind::MacroCall || is_expr_kind(c.kind())) &&
        !cfg_active(c)) {
      inactive(c);  // `#[cfg(…)] let x = …;` for another configuration
      continue;
    }
    if (c.kind() == SyntaxKind::LetStmt || c.kind() == SyntaxKind::ExprStmt ||
        c.kind() == SyntaxKind::MacroCall) {
      if (tail) expr(tail);  // broken code: an expression missing its `;`
      statement(c, diverges);
      last_stmt = c;
      tail = Node();
    } else if (is_expr_kind(c.kind())) {
      if (tail) expr(tail);
      tail = c;
    } else if (c.kind() == SyntaxKind::Error) {
      children_exprs(c);
    }
  }
  TyId out;
  if (tail) {
    out = expr(tail, expected);
  } else if (last_stmt && last_stmt.kind() == SyntaxKind::ExprStmt &&
             last_stmt.own_token(TokenKind::Semi) == UINT32_MAX && first_expr_child(last_stmt)) {
    // `{ if c { a } else { b } }`: a block-like expression without `;` is the value.
    out = types_.count(key(first_expr_child(last_stmt))) ? types_[key(first_expr_child(last_stmt))]
                                                         : kUnknownTy;
    if (t_.arena.kind(out) == TyKind::Never) diverges = true;
  } else {
    out = diverges ? t_.arena.never() : t_.arena.unit();
  }
  scope_.resize(scope);
  return out;
}

void BodyInference::statement(Node s, bool& diverges) {
  TyArena& a = t_.arena;
  if (s.kind() == SyntaxKind::LetStmt) {
    Node pat, ty, init, els;
    for (Node c : s.children()) {
      if (!pat && is_pattern_kind(c.kind()))
        pat = c;
      else if (is_type_kind(c.kind()))
        ty = c;
      else if (is_expr_kind(c.kind()))
        init = c;
      else if (c.kind() == SyntaxKind::LetElse)
        els = c;
    }
    TyId declared = ty ? type_node(ty) : kUnknownTy;
    TyId t = declared;
    if (init) {
      TyId it = expr(init, declared);
      if (ty) {
        coerce(it, declared);
      } else {
        t = it;
      }
      if (a.kind(it) == TyKind::Never) diverges = true;
    }
    if (t == kUnknownTy && !init && !ty) t = a.fresh();  // `let x;` — assigned later
    if (els) {
      if (Node eb = els.child(SyntaxKind::BlockExpr)) expr(eb, a.never());
    }
    if (pat) {
      pattern(pat, t);
      if (Node name = pat.child(SyntaxKind::Name); name && pat.kind() == SyntaxKind::IdentPat) {
        note("`" + std::string(name.text()) + "` is bound by `let`" +
             (ty     ? " with a type"
              : init ? " to its initializer"
                     : "") +
             ": `" + render(t) + "`");
      }
    }
    return;
  }
  if (s.kind() == SyntaxKind::MacroCall) {
    // A macro in statement position parsed as an item.
    if (a.kind(macro_expr(s, kUnknownTy)) == TyKind::Never) diverges = true;
    return;
  }
  Node e = first_expr_child(s);
  if (!e) return;
  bool semi = s.own_token(TokenKind::Semi) != UINT32_MAX;
  TyId t = expr(e, semi ? kUnknownTy : a.unit());
  if (a.kind(t) == TyKind::Never) diverges = true;
}

// ---------------------------------------------------------------- expressions

TyId BodyInference::literal(Node n, TyId expected) {
  TyArena& a = t_.arena;
  uint32_t tok = n.first_token();
  if (tok >= n.end_token()) return kUnknownTy;
  std::string_view text = n.tree().token_text(tok);
  BuiltinType b;
  switch (n.tree().token_kind(tok)) {
    case TokenKind::IntLit: {
      if (suffix_type(text, b)) return a.builtin(b);
      if (a.is_integral(expected) || a.is_float(expected)) return a.resolve(expected);
      return a.fresh(InferKind::Int);
    }
    case TokenKind::FloatLit:
      if (suffix_type(text, b)) return a.builtin(b);
      if (a.is_float(expected)) return a.resolve(expected);
      return a.fresh(InferKind::Float);
    case TokenKind::StrLit:
    case TokenKind::RawStrLit: return a.ref(a.builtin(BuiltinType::Str), false);
    case TokenKind::ByteStrLit:
    case TokenKind::RawByteStrLit: {
      // `b"abc"` is a `&[u8; 3]` (the bytes after escapes).
      std::string_view lit = text.size() > 1 && text[0] == 'b' ? text.substr(1) : text;
      std::optional<std::string> value = syntax::string_literal_value(lit);
      return a.ref(a.array(a.builtin(BuiltinType::U8),
                           value ? std::to_string(value->size()) : std::string()),
                   false);
    }
    case TokenKind::CharLit: return a.builtin(BuiltinType::Char);
    case TokenKind::ByteLit: return a.builtin(BuiltinType::U8);
    case TokenKind::KwTrue:
    case TokenKind::KwFalse: return a.builtin(BuiltinType::Bool);
    default: return kUnknownTy;
  }
}

TyId BodyInference::if_expr(Node n, TyId expected) {
  TyArena& a = t_.arena;
  std::vector<Node> parts = expr_children(n);
  if (parts.empty()) return kUnknownTy;
  size_t scope = scope_.size();
  expr(parts[0], a.builtin(BuiltinType::Bool));  // `let` conditions bind for the then-branch
  TyId then = parts.size() > 1 ? expr(parts[1], expected) : kUnknownTy;
  scope_.resize(scope);
  if (parts.size() < 3) return a.unit();
  TyId els = expr(parts[2], expected);
  return unify_branches(then, els);
}

TyId BodyInference::match_expr(Node n, TyId expected) {
  TyArena& a = t_.arena;
  Node scrut = first_expr_child(n);
  TyId st = scrut ? expr(scrut) : kUnknownTy;
  Node arms = n.child(SyntaxKind::MatchArmList);
  if (!arms) return kUnknownTy;
  TyId out = a.never();
  bool any = false;
  for (Node arm : arms.children()) {
    if (arm.kind() != SyntaxKind::MatchArm) continue;
    if (!cfg_active(arm)) {
      inactive(arm);
      continue;
    }
    size_t scope = scope_.size();
    if (Node pat = first_pattern_child(arm)) pattern(pat, st);
    if (Node guard = arm.child(SyntaxKind::MatchGuard)) {
      if (Node g = first_expr_child(guard)) expr(g, a.builtin(BuiltinType::Bool));
    }
    if (Node body = first_expr_child(arm)) {
      TyId bt = expr(body, any && a.kind(out) != TyKind::Never ? out : expected);
      out = any ? unify_branches(out, bt) : bt;
      any = true;
    }
    scope_.resize(scope);
  }
  return any ? out : a.never();
}

TyId BodyInference::op_output(const Def& trait, TyId lhs, std::vector<TyId> args) {
  if (!trait) return kUnknownTy;
  TraitBound b;
  b.trait = trait;
  b.args = std::move(args);
  TyId out = t_.arena.projection(trait, "Output", lhs, b.args);
  add_obligation(Predicate{lhs, b});
  return norm(out);
}

TyId BodyInference::binary(Node n, TyId expected) {
  TyArena& a = t_.arena;
  std::vector<Node> ops = expr_children(n);
  if (ops.size() != 2) {
    for (Node o : ops) expr(o);
    return kUnknownTy;
  }
  std::string op;
  for (uint32_t t = ops[0].end_token(); t < ops[1].first_token(); ++t) op += n.tree().token_text(t);
  const LangItems& l = t_.lang();
  TyId boolean = a.builtin(BuiltinType::Bool);
  if (op == "&&" || op == "||") {
    expr(ops[0], boolean);
    expr(ops[1], boolean);
    return boolean;
  }
  if (op == "==" || op == "!=" || op == "<" || op == ">" || op == "<=" || op == ">=") {
    TyId lhs = expr(ops[0]);
    TyId rhs = expr(ops[1], lhs);
    if (a.is_numeric(lhs) || a.is_numeric(rhs)) a.try_unify(lhs, rhs);
    return boolean;
  }
  if (op == "=") {
    TyId lhs = expr(ops[0]);
    TyId rhs = expr(ops[1], lhs);
    coerce(rhs, lhs);
    return a.unit();
  }
  bool assign = op.size() >= 2 && op.back() == '=' && op != "==";
  std::string base = assign ? op.substr(0, op.size() - 1) : op;
  TyId lhs = expr(ops[0], assign ? kUnknownTy : expected);
  bool shift = base == "<<" || base == ">>";
  TyId rhs = expr(ops[1], a.is_numeric(lhs) && !shift ? lhs : kUnknownTy);
  TyId lr = resolve_now(lhs), rr = resolve_now(rhs);
  // Built-in arithmetic on numbers: both sides one type (shifts: any integer on the right).
  bool lprim = a.is_numeric(lr) || a.is_builtin(lr, BuiltinType::Bool);
  bool rprim =
      a.is_numeric(rr) || a.is_builtin(rr, BuiltinType::Bool) || a.kind(rr) == TyKind::Infer;
  if (lprim && rprim) {
    if (!shift) a.try_unify(lr, rr);
    return assign ? a.unit() : lr;
  }
  if (assign) return a.unit();
  static const std::pair<std::string_view, Def LangItems::*> kOps[] = {
      {"+", &LangItems::add},    {"-", &LangItems::sub},     {"*", &LangItems::mul},
      {"/", &LangItems::div},    {"%", &LangItems::rem},     {"&", &LangItems::bit_and},
      {"|", &LangItems::bit_or}, {"^", &LangItems::bit_xor}, {"<<", &LangItems::shl},
      {">>", &LangItems::shr}};
  for (const auto& [sym, member] : kOps) {
    if (base != sym) continue;
    // References to numbers: the number's arithmetic (core's forward_ref impls).
    TyId ld = lr, rd = rr;
    if (a.kind(ld) == TyKind::Ref) ld = a.data(ld).args[0];
    if (a.kind(rd) == TyKind::Ref) rd = a.data(rd).args[0];
    if (a.is_numeric(ld) && (a.is_numeric(rd) || a.kind(rd) == TyKind::Infer)) {
      if (!shift) a.try_unify(ld, rd);
      return a.resolve(ld);
    }
    return op_output(l.*member, lr, {rr});
  }
  return kUnknownTy;
}

TyId BodyInference::deref_type(TyId t) {
  TyArena& a = t_.arena;
  t = resolve_now(t);
  const TyData& d = a.data(t);
  if (d.kind == TyKind::Ref || d.kind == TyKind::Ptr) return d.args[0];
  return probe_->deref(t);
}

TyId BodyInference::prefix(Node n, TyId expected) {
  TyArena& a = t_.arena;
  Node inner = first_expr_child(n);
  if (!inner) return kUnknownTy;
  if (n.own_token(TokenKind::Star) != UINT32_MAX) return deref_type(expr(inner));
  bool neg = n.own_token(TokenKind::Minus) != UINT32_MAX;
  TyId t = resolve_now(expr(inner, expected));
  if (a.is_numeric(t) || a.is_builtin(t, BuiltinType::Bool)) return t;
  if (a.kind(t) == TyKind::Ref && a.is_numeric(a.data(t).args[0]))
    return a.resolve(a.data(t).args[0]);
  return op_output(neg ? t_.lang().neg : t_.lang().not_, t, {});
}

TyId BodyInference::index_expr(Node n) {
  std::vector<Node> parts = expr_children(n);
  if (parts.size() != 2) {
    for (Node p : parts) expr(p);
    return kUnknownTy;
  }
  TyId base = expr(parts[0]);
  return index_output(base, resolve_now(expr(parts[1])));
}

TyId BodyInference::index_output(TyId base, TyId idx) {
  TyArena& a = t_.arena;
  const LangItems& l = t_.lang();
  for (TyId step : probe_->autoderef(base)) {
    const TyData& d = a.data(step);
    // Slices and arrays by an integer: their element (the common case, without impls).
    if ((d.kind == TyKind::Slice || d.kind == TyKind::Array) && a.is_integral(idx)) {
      a.try_unify(idx, a.builtin(BuiltinType::Usize));
      return d.args[0];
    }
    if (!l.index) return kUnknownTy;
    TraitBound b;
    b.trait = l.index;
    b.args = {idx};
    size_t snap = a.snapshot();
    Certainty c = solver_->solve(step, b);
    if (c == Certainty::No) {
      a.rollback(snap);
      continue;
    }
    std::optional<TyId> out = solver_->project(step, l.index, {idx}, "Output");
    if (out && *out != kUnknownTy) return norm(*out);
    if (c == Certainty::Maybe) return kUnknownTy;
  }
  return kUnknownTy;
}

TyId BodyInference::try_output(TyId t) {
  TyArena& a = t_.arena;
  t = resolve_now(t);
  const TyData d = a.data(t);
  const LangItems& l = t_.lang();
  if (d.kind == TyKind::Adt && !d.args.empty() && (d.def == l.result || d.def == l.option))
    return d.args[0];
  if (d.kind == TyKind::Adt && d.def == l.poll && !d.args.empty()) {
    // Poll<Result<T, E>> gives Poll<T>.
    const TyData& inner = a.data(d.args[0]);
    if (inner.kind == TyKind::Adt && !inner.args.empty() &&
        (inner.def == l.result || inner.def == l.option)) {
      return a.adt(l.poll, {inner.args[0]});
    }
  }
  if (l.try_trait && d.kind != TyKind::Infer && d.kind != TyKind::Unknown) {
    std::optional<TyId> out = solver_->project(t, l.try_trait, {}, "Output");
    if (out && *out != kUnknownTy) return norm(*out);
  }
  return kUnknownTy;
}

TyId BodyInference::await_output(TyId t) {
  TyArena& a = t_.arena;
  t = resolve_now(t);
  const LangItems& l = t_.lang();
  if (a.kind(t) == TyKind::Infer || a.is_unknown(t)) return kUnknownTy;
  for (const Def& tr : {l.future, l.into_future}) {
    if (!tr) continue;
    std::optional<TyId> out = solver_->project(t, tr, {}, "Output");
    if (out && *out != kUnknownTy) return norm(*out);
  }
  return kUnknownTy;
}

TyId BodyInference::range_expr(Node n, TyId expected) {
  TyArena& a = t_.arena;
  std::vector<Node> ends = expr_children(n);
  const TyData& ed = a.data(expected);
  TyId hint = ed.kind == TyKind::Adt && !ed.args.empty() ? ed.args[0] : kUnknownTy;
  TyId elem = ends.empty() ? a.fresh() : expr(ends[0], hint);
  if (ends.size() == 2) {
    TyId r = expr(ends[1], elem);
    a.try_unify(elem, r);
  }
  bool inclusive = false;
  for (uint32_t t = n.first_token(); t + 2 < n.end_token(); ++t) {
    if (n.tree().token_kind(t) == TokenKind::Dot && n.tree().token_kind(t + 1) == TokenKind::Dot &&
        n.tree().token_kind(t + 2) == TokenKind::Eq) {
      inclusive = true;
    }
  }
  const LangItems& l = t_.lang();
  if (ends.size() == 2) return lang_adt(inclusive ? l.range_inclusive : l.range, {elem});
  if (ends.size() == 1 && ends[0].range().start == n.range().start)
    return lang_adt(l.range_from, {elem});
  if (ends.size() == 1) return lang_adt(inclusive ? l.range_to_inclusive : l.range_to, {elem});
  return lang_adt(l.range_full, {});
}

TyId BodyInference::field_expr(Node n) {
  Node recv = first_expr_child(n);
  if (!recv) return kUnknownTy;
  return field_of(n, recv, resolve_now(expr(recv)));
}

TyId BodyInference::field_of(Node n, Node recv, TyId r) {
  std::string name;
  if (Node nr = n.child(SyntaxKind::NameRef)) {
    name = std::string(strip_raw_ident(nr.text()));
  } else {
    for (uint32_t t = n.first_token(); t < n.end_token(); ++t) {
      if (n.tree().token_kind(t) == TokenKind::IntLit && t >= recv.end_token())
        name = std::string(n.tree().token_text(t));
    }
  }
  if (name.empty() || t_.arena.is_unknown(r)) return kUnknownTy;
  std::optional<Member> m = probe_->field(r, name);
  if (!m) {
    note("no field `" + name + "` on `" + render(r) + "`");
    return kUnknownTy;
  }
  TyId ft = norm(m->field_ty);
  note("field `" + name + "` of `" + render(m->self_ty) + "`: `" + render(ft) + "`");
  members_[key(n)] = std::move(*m);
  return ft;
}

TyId BodyInference::record_expr(Node n, TyId expected) {
  TyArena& a = t_.arena;
  Node path = n.child(SyntaxKind::Path);
  TyId ty = kUnknownTy;
  Def def;  // the struct, union or variant whose fields are written
  if (path) {
    def = pattern_path(path, Namespace::Types);
    if (!def) def = pattern_path(path, Namespace::Values);
    std::optional<ItemLoc> loc = t_.loc_of(def);
    if (loc && t_.item(*loc).kind == index::ItemKind::Variant) {
      ty = fresh_adt(enum_of_variant(def));
    } else {
      ty = path_type(path);  // structs, aliases, `Self`
      const TyData& d = a.data(ty);
      def = d.kind == TyKind::Adt ? d.def : Def{};
    }
  }
  if (ty != kUnknownTy && expected != kUnknownTy) a.try_unify(ty, expected);
  std::vector<std::pair<std::string, TyId>> fields;
  if (def && ty != kUnknownTy) fields = probe_->fields_of(def, ty);
  Node list = n.child(SyntaxKind::RecordExprFieldList);
  if (list) {
    for (Node f : list.children()) {
      if (f.kind() != SyntaxKind::RecordExprField || !cfg_active(f)) continue;
      Node name = f.child(SyntaxKind::NameRef);
      Node value = first_expr_child(f);
      bool spread = f.own_token(TokenKind::Dot) != UINT32_MAX && !name;
      if (spread) {
        if (value) expr(value, ty);
        continue;
      }
      std::string fname;
      if (name) {
        fname = std::string(strip_raw_ident(name.text()));
      } else if (value && value.kind() == SyntaxKind::PathExpr) {
        fname = std::string(strip_raw_ident(value.text()));  // shorthand `S { a }`
      }
      TyId ft = kUnknownTy;
      for (const auto& [n2, t2] : fields) {
        if (n2 == fname) ft = t2;
      }
      if (value) {
        TyId vt = expr(value, ft);
        coerce(vt, ft);
      }
    }
  }
  return ty;
}

void BodyInference::children_exprs(Node n) {
  for (Node c : n.children()) {
    if (is_expr_kind(c.kind())) {
      expr(c);
    } else if (c.kind() == SyntaxKind::LetStmt || c.kind() == SyntaxKind::ExprStmt) {
      bool d = false;
      statement(c, d);
    } else if (c.kind() == SyntaxKind::ArgList || c.kind() == SyntaxKind::Error) {
      children_exprs(c);
    } else if (c.kind() == SyntaxKind::TokenTree) {
      infer_macro_args(c);
    }
  }
}

TyId BodyInference::expr_inner(Node n, TyId expected) {
  TyArena& a = t_.arena;
  switch (n.kind()) {
    case SyntaxKind::Literal: return literal(n, expected);
    case SyntaxKind::PathExpr: return path_value_expr(n);
    case SyntaxKind::ParenExpr: {
      Node inner = first_expr_child(n);
      return inner ? expr(inner, expected) : kUnknownTy;
    }
    case SyntaxKind::TupleExpr: return tuple_expr(n, expected);
    case SyntaxKind::ArrayExpr: return array_expr(n, expected);
    case SyntaxKind::BlockExpr: return block_expr(n, expected);
    case SyntaxKind::CallExpr: return call_expr(n, expected);
    case SyntaxKind::MethodCallExpr: return method_call(n, expected);
    case SyntaxKind::FieldExpr: return field_expr(n);
    case SyntaxKind::IndexExpr: return index_expr(n);
    case SyntaxKind::RefExpr: return ref_expr(n, expected);
    case SyntaxKind::PrefixExpr: return prefix(n, expected);
    case SyntaxKind::BinExpr: return binary(n, expected);
    case SyntaxKind::RangeExpr: return range_expr(n, expected);
    case SyntaxKind::CastExpr: return cast_expr(n);
    case SyntaxKind::TryExpr: {
      Node inner = first_expr_child(n);
      return inner ? try_output(expr(inner)) : kUnknownTy;
    }
    case SyntaxKind::AwaitExpr: {
      Node inner = first_expr_child(n);
      return inner ? await_output(expr(inner)) : kUnknownTy;
    }
    case SyntaxKind::IfExpr: return if_expr(n, expected);
    case SyntaxKind::MatchExpr: return match_expr(n, expected);
    case SyntaxKind::LoopExpr: return loop_expr(n, expected);
    case SyntaxKind::WhileExpr: return while_expr(n);
    case SyntaxKind::ForExpr: return for_expr(n);
    case SyntaxKind::ClosureExpr: return closure(n, expected);
    case SyntaxKind::RecordExpr: return record_expr(n, expected);
    case SyntaxKind::ReturnExpr: return return_expr(n);
    case SyntaxKind::BreakExpr: return break_expr(n);
    case SyntaxKind::ContinueExpr:
    case SyntaxKind::BecomeExpr: return a.never();
    case SyntaxKind::LetExpr: return let_expr(n);
    case SyntaxKind::MacroExpr: return macro_expr(n, expected);
    case SyntaxKind::BoxExpr: return box_expr(n);
    case SyntaxKind::UnderscoreExpr: return expected != kUnknownTy ? expected : a.fresh();
    case SyntaxKind::YieldExpr:
    case SyntaxKind::YeetExpr: children_exprs(n); return a.unit();
    default: children_exprs(n); return kUnknownTy;
  }
}

TyId BodyInference::path_value_expr(Node n) {
  ValuePath vp = value_path(n, false);
  if (vp.member) members_[key(n)] = *vp.member;
  return vp.ty;
}

TyId BodyInference::tuple_expr(Node n, TyId expected) {
  TyArena& a = t_.arena;
  std::vector<Node> elems = expr_children(n);
  const TyData ed = a.data(expected);
  std::vector<TyId> types;
  for (size_t i = 0; i < elems.size(); ++i) {
    TyId hint = ed.kind == TyKind::Tuple && i < ed.args.size() ? ed.args[i] : kUnknownTy;
    types.push_back(expr(elems[i], hint));
  }
  return a.tuple(std::move(types));
}

TyId BodyInference::array_expr(Node n, TyId expected) {
  TyArena& a = t_.arena;
  std::vector<Node> elems = expr_children(n);
  const TyData ed = a.data(expected);
  TyId hint = (ed.kind == TyKind::Array || ed.kind == TyKind::Slice) ? ed.args[0] : kUnknownTy;
  bool repeat = n.own_token(TokenKind::Semi) != UINT32_MAX;
  TyId elem = kUnknownTy;
  if (repeat) {
    elem = elems.empty() ? a.fresh() : expr(elems[0], hint);
    std::string len;
    if (elems.size() > 1) {
      expr(elems[1], a.builtin(BuiltinType::Usize));
      len = array_length(t_, context_at(elems[1]), elems[1].text());
    }
    return a.array(elem, len);
  }
  for (Node e : elems) {
    TyId t = expr(e, elem != kUnknownTy ? elem : hint);
    elem = elem == kUnknownTy ? t : unify_branches(elem, t);
  }
  if (elem == kUnknownTy) elem = hint != kUnknownTy ? hint : a.fresh();
  return a.array(elem, std::to_string(elems.size()));
}

TyId BodyInference::block_expr(Node n, TyId expected) {
  TyArena& a = t_.arena;
  const LangItems& l = t_.lang();
  bool is_async = false;
  for (uint32_t t = n.first_token(); t < n.end_token(); ++t) {
    TokenKind k = n.tree().token_kind(t);
    if (k == TokenKind::LBrace) break;
    if (k == TokenKind::KwAsync) is_async = true;
  }
  std::string label = label_of(n);
  if (is_async) {
    returns_.push_back(a.fresh());
    TyId inner = block(n, kUnknownTy);
    returns_.pop_back();
    TyData fut;
    fut.kind = TyKind::Opaque;
    TraitBound b;
    b.trait = l.future;
    b.assoc.emplace_back("Output", inner);
    fut.bounds.push_back(std::move(b));
    return l.future ? a.intern(fut) : kUnknownTy;
  }
  if (!label.empty()) {
    loops_.push_back(LoopFrame{label, expected != kUnknownTy ? expected : a.fresh(), false, false});
    TyId t = block(n, expected);
    LoopFrame f = loops_.back();
    loops_.pop_back();
    if (f.breaks) return unify_branches(t, f.break_ty);
    return t;
  }
  return block(n, expected);
}

TyId BodyInference::ref_expr(Node n, TyId expected) {
  TyArena& a = t_.arena;
  Node inner = first_expr_child(n);
  const TyData& ed = a.data(expected);
  TyId hint = ed.kind == TyKind::Ref ? ed.args[0] : kUnknownTy;
  // `&[1, 2]` where a slice is expected: the array's element type is what matters.
  TyId t = inner ? expr(inner, hint) : kUnknownTy;
  bool raw = false;
  for (uint32_t tk = n.first_token(); inner && tk < inner.first_token(); ++tk) {
    if (n.tree().token_kind(tk) == TokenKind::Ident && n.tree().token_text(tk) == "raw") raw = true;
  }
  bool mut_ = n.own_token(TokenKind::KwMut) != UINT32_MAX;
  return raw ? a.ptr(t, mut_) : a.ref(t, mut_);
}

TyId BodyInference::cast_expr(Node n) {
  Node inner = first_expr_child(n);
  if (inner) expr(inner);
  for (Node c : n.children()) {
    if (is_type_kind(c.kind())) return type_node(c);
  }
  return kUnknownTy;
}

TyId BodyInference::loop_expr(Node n, TyId expected) {
  TyArena& a = t_.arena;
  loops_.push_back(
      LoopFrame{label_of(n), expected != kUnknownTy ? expected : a.fresh(), false, true});
  if (Node body = n.child(SyntaxKind::BlockExpr)) expr(body, a.unit());
  LoopFrame f = loops_.back();
  loops_.pop_back();
  return f.breaks ? f.break_ty : a.never();
}

TyId BodyInference::while_expr(Node n) {
  TyArena& a = t_.arena;
  loops_.push_back(LoopFrame{label_of(n), a.unit(), false, false});
  size_t scope = scope_.size();
  std::vector<Node> parts = expr_children(n);
  if (!parts.empty()) expr(parts[0], a.builtin(BuiltinType::Bool));
  if (parts.size() > 1) expr(parts[1], a.unit());
  scope_.resize(scope);
  loops_.pop_back();
  return a.unit();
}

TyId BodyInference::for_expr(Node n) {
  TyArena& a = t_.arena;
  const LangItems& l = t_.lang();
  Node pat = first_pattern_child(n);
  std::vector<Node> parts = expr_children(n);
  TyId item = kUnknownTy;
  if (!parts.empty()) {
    TyId iterable = resolve_now(expr(parts[0]));
    if (l.into_iterator && !a.is_unknown(iterable)) {
      std::optional<TyId> it = solver_->project(iterable, l.into_iterator, {}, "Item");
      item = it ? norm(*it) : kUnknownTy;
    }
    note("`for` binds the items of `" + render(iterable) + "`: `" + render(item) + "`");
  }
  loops_.push_back(LoopFrame{label_of(n), a.unit(), false, false});
  size_t scope = scope_.size();
  if (pat) pattern(pat, item);
  if (parts.size() > 1) expr(parts[1], a.unit());
  scope_.resize(scope);
  loops_.pop_back();
  return a.unit();
}

TyId BodyInference::return_expr(Node n) {
  TyArena& a = t_.arena;
  TyId ret = returns_.empty() ? kUnknownTy : returns_.back();
  if (Node v = first_expr_child(n)) coerce(expr(v, ret), ret);
  return a.never();
}

TyId BodyInference::break_expr(Node n) {
  TyArena& a = t_.arena;
  std::string label = lifetime_child(n);
  // An index, not a pointer: the value may hold loops of its own (`break loop {}`),
  // whose frames can move loops_.
  std::optional<size_t> frame;
  for (size_t i = loops_.size(); i-- > 0;) {
    const LoopFrame& f = loops_[i];
    if (label.empty() ? f.is_loop || f.label.empty() : f.label == label) {
      frame = i;
      break;
    }
  }
  Node v = first_expr_child(n);
  if (frame) {
    loops_[*frame].breaks = true;
    TyId expected = loops_[*frame].break_ty;
    TyId vt = v ? expr(v, expected) : a.unit();
    if (loops_[*frame].is_loop || !label.empty()) coerce(vt, loops_[*frame].break_ty);
  } else if (v) {
    expr(v);
  }
  return a.never();
}

TyId BodyInference::let_expr(Node n) {
  TyArena& a = t_.arena;
  Node pat = first_pattern_child(n);
  Node scrut = first_expr_child(n);
  TyId st = scrut ? expr(scrut) : kUnknownTy;
  if (pat) pattern(pat, st);
  return a.builtin(BuiltinType::Bool);
}

TyId BodyInference::box_expr(Node n) {
  const LangItems& l = t_.lang();
  Node inner = first_expr_child(n);
  TyId t = inner ? expr(inner) : kUnknownTy;
  return lang_adt(l.box, {t});
}

}  // namespace ferret::sema
