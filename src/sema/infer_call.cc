// Body inference: paths used as values (locals, fns, constructors, consts, associated
// items of types and traits), calls and method calls with their arguments checked
// against the instantiated signature (closures last, so that the other arguments
// decide their parameter types), and closures typed from the expected `Fn` signature.
#include "index/item_tree_builder.h"
#include "sema/infer.h"
#include "sema/infer_internal.h"
#include "sema/scope_lookup.h"
#include "sema/ty_lower.h"

namespace ferret::sema {

using index::kNone;
using syntax::SyntaxKind;
using syntax::TokenKind;

namespace {

std::vector<syntax::SyntaxNode> segments_of(syntax::SyntaxNode path) {
  std::vector<syntax::SyntaxNode> out;
  for (syntax::SyntaxNode s : path.children()) {
    if (s.kind() == SyntaxKind::PathSegment) out.push_back(s);
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------- resolution

Def BodyInference::resolve_value(Node path, PathResolution* out, size_t* segments) {
  uint32_t index = kNone;
  fragments_.push_back(index::build_path_fragment(path.tree(), path.id(), index));
  index::ItemTree& frag = fragments_.back();
  auto dc = dollar_crates_.find(&path.tree());
  if (dc != dollar_crates_.end()) frag.dollar_crate = dc->second;
  if (index == kNone) return {};
  DatabaseMaps maps(t_.db);
  SimplePath sp = simple_path(t_.db, frag, index);
  if (segments) *segments = sp.segments.size();
  if (sp.segments.empty()) return {};
  PathResolution r = resolve_path(maps, t_.krate, module_at(path), sp, false);
  if (out) *out = r;
  return r.complete ? r.defs[Namespace::Values].def : Def{};
}

TyId BodyInference::path_type(Node path, bool drop_last) {
  uint32_t index = kNone;
  fragments_.push_back(index::build_path_fragment(path.tree(), path.id(), index));
  index::ItemTree& frag = fragments_.back();
  if (index == kNone) return kUnknownTy;
  if (drop_last) {
    index::Path& p = frag.paths[index];
    if (p.segments_end - p.segments_begin < 2) return kUnknownTy;
    --p.segments_end;
  }
  auto dc = dollar_crates_.find(&path.tree());
  if (dc != dollar_crates_.end()) frag.dollar_crate = dc->second;
  TypeContext c = context_at(path);
  c.tree = &frag;
  return norm(lower_path_type(t_, c, index));
}

TyId BodyInference::fresh_adt(const Def& adt) {
  if (!adt) return kUnknownTy;
  const AdtInfo& info = t_.adt(adt);
  std::vector<TyId> args;
  for (size_t i = 0; i < info.params.size(); ++i) args.push_back(t_.arena.fresh());
  return t_.arena.adt(adt, std::move(args));
}

Def BodyInference::enum_of_variant(const Def& variant) {
  std::optional<ItemLoc> loc = t_.loc_of(variant);
  if (!loc) return {};
  uint32_t parent = t_.item(*loc).parent;
  const DefMap& dm = t_.db.def_map(variant.krate);
  for (uint32_t e = variant.index; e-- > 0;) {
    if (dm.items[e].file == loc->file && dm.items[e].item == parent)
      return Def{DefKind::Item, variant.krate, e};
  }
  return {};
}

std::optional<Member> BodyInference::assoc_of(TyId base, std::string_view name) {
  TyArena& a = t_.arena;
  base = resolve_now(base);
  if (a.is_unknown(base)) return std::nullopt;
  return probe_->assoc(base, name);
}

// ---------------------------------------------------------------- values

BodyInference::ValuePath BodyInference::value_path(Node n, bool for_call) {
  TyArena& a = t_.arena;
  ValuePath out;
  Node path = n.kind() == SyntaxKind::Path ? n : n.child(SyntaxKind::Path);
  if (!path) return out;
  std::vector<Node> segs = segments_of(path);
  if (segs.empty()) return out;
  Node last_seg = segs.back();
  Node last = last_seg.child(SyntaxKind::NameRef);
  std::string name = last ? std::string(strip_raw_ident(last.text())) : "";
  std::vector<TyId> explicit_args = generic_args(last_seg.child(SyntaxKind::GenericArgList));

  auto from_member = [&](Member m) {
    if (m.kind == Member::Kind::AssocConst) {
      Callable c = probe_->instantiate(m, {}, false);
      out.ty = norm(c.ret);
    } else if (m.kind == Member::Kind::Method) {
      out.callable = probe_->instantiate(m, explicit_args, true);
      TyData d;
      d.kind = TyKind::FnDef;
      d.loc = m.def_loc;
      d.krate = m.def_owner;
      d.name = m.name;
      for (TyId p : out.callable.params) d.args.push_back(p);
      d.args.push_back(out.callable.ret);
      out.ty = a.intern(d);
      if (!for_call) add_obligations(out.callable.obligations);
    }
    note("`" + m.name + "`: an associated item of `" + render(m.self_ty) + "`" +
         (m.from_trait ? " (a trait's)" : ""));
    out.member = std::move(m);
    out.known = true;
    return out;
  };
  // A trait's item on a given Self (`<T as Trait>::f`, `Trait::f`).
  auto trait_item = [&](const Def& trait, TyId self,
                        const std::vector<TyId>& trait_args) -> std::optional<Member> {
    std::optional<ItemLoc> tloc = t_.loc_of(trait);
    if (!tloc) return std::nullopt;
    const GenericDefs& g = t_.trait_generics(trait);
    if (g.params.empty()) return std::nullopt;
    for (const TyDb::AssocItem& it : t_.trait_items(trait)) {
      if (it.name != name || it.kind == index::ItemKind::TypeAlias) continue;
      Member m;
      const index::ItemTree& tree = t_.db.item_tree(it.file);
      const index::Item& item = tree.items[it.item];
      m.kind = it.kind == index::ItemKind::Fn ? Member::Kind::Method : Member::Kind::AssocConst;
      m.name = name;
      m.loc = ItemLoc{it.file, it.item, tloc->module};
      m.owner = trait.krate;
      m.def_loc = m.loc;
      m.def_owner = trait.krate;
      m.from_trait = true;
      m.trait = trait;
      m.has_self = it.kind == index::ItemKind::Fn && item.data != kNone &&
                   tree.fns[item.data].self_kind != index::SelfKind::None;
      m.self_ty = self;
      m.subst.emplace_back(g.params[0], self);
      for (size_t i = 1; i < g.params.size(); ++i)
        m.subst.emplace_back(g.params[i],
                             i - 1 < trait_args.size() ? trait_args[i - 1] : a.fresh());
      if (a.kind(self) != TyKind::Infer) probe_->locate_in_impl(m);
      return m;
    }
    return std::nullopt;
  };

  // `<T as Trait>::f`, `<[_]>::into_vec`.
  if (Node qs = segs[0].child(SyntaxKind::QualifiedSelf)) {
    std::vector<Node> types;
    for (Node c : qs.children()) {
      if (is_type_kind(c.kind())) types.push_back(c);
    }
    TyId self = types.empty() ? kUnknownTy : type_node(types[0]);
    if (segs.size() < 2) return out;
    if (types.size() > 1) {
      Node tp = types[1].child(SyntaxKind::Path);
      PathResolution r;
      if (tp) resolve_value(tp, &r);
      Def trait = r.complete ? r.defs[Namespace::Types].def : Def{};
      std::vector<TyId> targs;
      if (tp) {
        std::vector<Node> tsegs = segments_of(tp);
        if (!tsegs.empty()) targs = generic_args(tsegs.back().child(SyntaxKind::GenericArgList));
      }
      if (std::optional<Member> m = trait ? trait_item(trait, self, targs) : std::nullopt)
        return from_member(std::move(*m));
      return out;
    }
    if (std::optional<Member> m = assoc_of(self, name)) return from_member(std::move(*m));
    return out;
  }

  // A local.
  if (segs.size() == 1 && !last_seg.child(SyntaxKind::GenericArgList) &&
      path.own_token(TokenKind::Colon) == UINT32_MAX) {
    const Binding* b = nullptr;
    TyId t = lookup_local(name, &b);
    if (b) {
      if (&b->pat.tree() == &tree_ && &n.tree() == &tree_) locals_[key(n)] = b->pat.id();
      out.ty = t;
      out.known = true;
      return out;
    }
    // A generic parameter written where a value belongs (`T.method` in half-written
    // code): read as a value of that type.
    for (auto it = ctx_.params.rbegin(); it != ctx_.params.rend(); ++it) {
      if (it->first == name) {
        out.ty = it->second;
        return out;
      }
    }
  }

  // `Self::x`, `T::x`.
  if (segs.size() == 2) {
    Node first = segs[0].child(SyntaxKind::NameRef);
    std::string_view f = first ? first.text() : "";
    TyId base = kUnknownTy;
    if (f == "Self") base = ctx_.self_ty;
    for (auto it = ctx_.params.rbegin(); base == kUnknownTy && it != ctx_.params.rend(); ++it) {
      if (it->first == f) base = it->second;
    }
    if (base != kUnknownTy) {
      const TyData& bd = a.data(base);
      if (bd.kind == TyKind::Adt) {
        // An enum's variant through `Self`.
        DatabaseMaps maps(t_.db);
        Def v = lookup_in_module(maps, bd.def, t_.db.names().intern(name), t_.krate,
                                 t_.module)[Namespace::Values]
                    .def;
        if (v) {
          std::optional<ItemLoc> vl = t_.loc_of(v);
          if (vl && t_.item(*vl).kind == index::ItemKind::Variant) {
            TyId adt = base;
            std::vector<std::pair<std::string, TyId>> fields = probe_->fields_of(v, adt);
            out.known = true;
            if ((t_.item(*vl).flags & index::kItemTuple) != 0) {
              out.callable.valid = true;
              for (auto& [fn, ft] : fields) out.callable.params.push_back(ft);
              out.callable.ret = adt;
              TyData d;
              d.kind = TyKind::FnPtr;
              d.args = out.callable.params;
              d.args.push_back(adt);
              out.ty = a.intern(d);
            } else {
              out.ty = adt;
            }
            return out;
          }
        }
      }
      if (std::optional<Member> m = assoc_of(base, name)) return from_member(std::move(*m));
      return out;
    }
  }

  PathResolution r;
  size_t nsegs = 0;
  Def v = resolve_value(path, &r, &nsegs);
  if (std::optional<ItemLoc> loc = t_.loc_of(v)) {
    const index::Item& it = t_.item(*loc);
    switch (it.kind) {
      case index::ItemKind::Fn: {
        Member m = Member{};
        m.kind = Member::Kind::Method;
        m.name = name;
        m.loc = *loc;
        m.owner = v.krate;
        m.def_loc = *loc;
        m.def_owner = v.krate;
        out.callable = probe_->instantiate(m, explicit_args, false);
        TyData d;
        d.kind = TyKind::FnDef;
        d.loc = *loc;
        d.krate = v.krate;
        d.name = name;
        for (TyId p : out.callable.params) d.args.push_back(p);
        d.args.push_back(out.callable.ret);
        out.ty = a.intern(d);
        if (!for_call) add_obligations(out.callable.obligations);
        note("calls fn `" + name + "`");
        out.member = std::move(m);
        out.known = true;
        return out;
      }
      case index::ItemKind::Struct:
      case index::ItemKind::Variant: {
        Def adt_def = it.kind == index::ItemKind::Variant ? enum_of_variant(v) : v;
        // Generic arguments written on the type (`Foo::<u8>`) or the variant's enum.
        std::vector<TyId> targs = explicit_args;
        if (targs.empty() && segs.size() >= 2)
          targs = generic_args(segs[segs.size() - 2].child(SyntaxKind::GenericArgList));
        TyId adt = targs.empty() ? fresh_adt(adt_def) : complete_adt_args(t_, adt_def, targs);
        out.known = true;
        if ((it.flags & index::kItemTuple) != 0) {
          out.callable.valid = true;
          for (auto& [fn, ft] : probe_->fields_of(v, adt)) out.callable.params.push_back(ft);
          out.callable.ret = adt;
          TyData d;
          d.kind = TyKind::FnPtr;
          d.args = out.callable.params;
          d.args.push_back(adt);
          out.ty = a.intern(d);
        } else {
          out.ty = adt;
        }
        return out;
      }
      case index::ItemKind::Const:
      case index::ItemKind::Static: {
        if (it.data != kNone) {
          TypeContext c = t_.context_at(*loc, v.krate);
          out.ty = norm(lower_type(t_, c, t_.tree_of(*loc).consts[it.data].type));
        }
        out.known = true;
        return out;
      }
      default: return out;
    }
  }
  // `Type::f`, `Trait::f`: the path stops at an item with one segment left.
  if (!r.complete && r.stuck_on && r.resolved + 1 == nsegs) {
    Def base = r.stuck_on;
    if (std::optional<ItemLoc> bl = t_.loc_of(base)) {
      const index::Item& bi = t_.item(*bl);
      if (bi.kind == index::ItemKind::Trait) {
        std::vector<TyId> targs =
            generic_args(segs[segs.size() - 2].child(SyntaxKind::GenericArgList));
        if (std::optional<Member> m = trait_item(base, a.fresh(), targs))
          return from_member(std::move(*m));
        return out;
      }
    }
    // The type as written before the last segment (`Vec::<u8>::new`, an alias).
    TyId bt = path_type(path, true);
    const TyData& bd = a.data(bt);
    // Written without arguments, an ADT's parameters are inferred (no defaults).
    if (bd.kind == TyKind::Adt && base.kind == DefKind::Item && bd.def == base &&
        !segs[segs.size() - 2].child(SyntaxKind::GenericArgList)) {
      bt = fresh_adt(base);
    }
    if (std::optional<Member> m = assoc_of(bt, name)) return from_member(std::move(*m));
  }
  return out;
}

// ---------------------------------------------------------------- calls

Callable BodyInference::callable_of_type(TyId t) {
  TyArena& a = t_.arena;
  Callable c;
  for (TyId step : probe_->autoderef(resolve_now(t))) {
    const TyData d = a.data(step);
    if ((d.kind == TyKind::Closure || d.kind == TyKind::FnPtr || d.kind == TyKind::FnDef) &&
        !d.args.empty()) {
      c.params.assign(d.args.begin(), d.args.end() - 1);
      c.ret = d.args.back();
      c.valid = true;
      return c;
    }
    if (d.kind == TyKind::Param || d.kind == TyKind::Opaque || d.kind == TyKind::Dyn) {
      const LangItems& l = t_.lang();
      for (const TraitBound& b : solver_->bounds_of(step)) {
        if (!(b.trait == l.fn || b.trait == l.fn_mut || b.trait == l.fn_once) || b.args.empty())
          continue;
        c.params = a.data(b.args[0]).args;
        c.ret = kUnknownTy;
        for (const auto& [n, x] : b.assoc) {
          if (n == "Output") c.ret = x;
        }
        if (c.ret == kUnknownTy) {
          std::optional<TyId> o = solver_->project(step, l.fn_once, {b.args[0]}, "Output");
          c.ret = o ? *o : kUnknownTy;
        }
        c.valid = true;
        return c;
      }
    }
  }
  return c;
}

TyId BodyInference::check_args(Callable& c, Node arg_list, size_t first, TyId expected) {
  TyArena& a = t_.arena;
  add_obligations(c.obligations);
  std::vector<TyId> params;
  for (TyId p : c.params) params.push_back(norm(p));
  TyId ret = norm(c.ret);
  // What the expected result says about the arguments, as hints only (rustc's
  // expectations from the return type): the arguments are checked against the
  // parameters themselves.
  std::vector<TyId> hints = params;
  if (expected != kUnknownTy && a.has_vars(ret)) {
    size_t snap = a.snapshot();
    if (a.unify(ret, expected)) {
      for (TyId& h : hints) h = a.zonk(h);
    }
    a.rollback(snap);
  }
  std::vector<Node> args = arg_list ? expr_children(arg_list) : std::vector<Node>{};
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < args.size(); ++i) {
      bool is_closure = args[i].kind() == SyntaxKind::ClosureExpr;
      if (is_closure != (pass == 1)) continue;
      TyId pt = first + i < params.size() ? params[first + i] : kUnknownTy;
      TyId hint = first + i < hints.size() ? hints[first + i] : kUnknownTy;
      if (pt != kUnknownTy) pt = resolve_now(pt);
      if (a.kind(hint) == TyKind::Infer || hint == kUnknownTy) hint = pt;
      TyId at = expr(args[i], hint);
      if (pt != kUnknownTy) coerce(at, pt);
      if (!pending_.empty()) select_pending();
    }
  }
  if (arg_list) {
    // Arguments the parser did not see as expressions (errors) may still hold code.
    for (Node c2 : arg_list.children()) {
      if (!is_expr_kind(c2.kind()) && c2.kind() == SyntaxKind::Error) children_exprs(c2);
    }
  }
  select_pending();
  return norm(a.resolve(ret));
}

TyId BodyInference::call_expr(Node n, TyId expected) {
  Node callee = first_expr_child(n);
  Node args = n.child(SyntaxKind::ArgList);
  if (!callee) {
    if (args) children_exprs(args);
    return kUnknownTy;
  }
  if (callee.kind() == SyntaxKind::PathExpr) return call_path(n, callee, args, expected);
  TyId callee_ty = expr(callee);  // `f()()`: the chain recurses with a small frame
  return call_callable(callable_of_type(callee_ty), args, expected);
}

TyId BodyInference::call_path(Node n, Node callee, Node args, TyId expected) {
  (void)n;
  ValuePath vp = value_path(callee, true);
  record(callee, vp.ty);
  if (vp.member) members_[key(callee)] = *vp.member;
  return call_callable(vp.callable.valid ? vp.callable : callable_of_type(vp.ty), args, expected);
}

TyId BodyInference::call_callable(Callable c, Node args, TyId expected) {
  if (!c.valid) {
    if (args) children_exprs(args);
    return kUnknownTy;
  }
  return check_args(c, args, 0, expected);
}

TyId BodyInference::method_call(Node n, TyId expected) {
  Node recv = first_expr_child(n);
  TyId r = recv ? resolve_now(expr(recv)) : kUnknownTy;
  return method_call_on(n, r, expected);
}

TyId BodyInference::method_call_on(Node n, TyId r, TyId expected) {
  TyArena& a = t_.arena;
  Node args = n.child(SyntaxKind::ArgList);
  Node name = n.child(SyntaxKind::NameRef);
  if (!name || a.is_unknown(r) ||
      (a.kind(r) == TyKind::Infer && a.var_kind(r) == InferKind::General)) {
    if (args) children_exprs(args);
    return kUnknownTy;
  }
  std::string method(strip_raw_ident(name.text()));
  std::optional<Member> m = probe_->method(r, method);
  if (!m) {
    note("no method `" + method + "` found on `" + render(r) + "`");
    if (args) children_exprs(args);
    return kUnknownTy;
  }
  Callable c = probe_->instantiate(*m, generic_args(n.child(SyntaxKind::GenericArgList)), true);
  if (!c.valid || c.params.empty()) {
    if (args) children_exprs(args);
    return kUnknownTy;
  }
  // The receiver as the method takes it: its autoderef step, then `&`/`&mut`.
  std::vector<TyId> steps = probe_->autoderef(r);
  TyId step = m->step < steps.size() ? steps[m->step] : m->self_ty;
  TyId adjusted = m->autoref ? a.ref(step, m->autoref == 2) : step;
  a.try_unify(norm(c.params[0]), adjusted);
  std::string what =
      "`." + method + "(…)` on `" + render(r) + "`" +
      (m->from_trait ? " (trait `" + std::string(t_.name_of(*t_.loc_of(m->trait))) + "`)" : "");
  members_[key(n)] = std::move(*m);
  TyId ret = check_args(c, args, 1, expected);
  note(what + ": returns `" + render(ret) + "`");
  return ret;
}

// ---------------------------------------------------------------- closures

bool BodyInference::expected_fn_sig(TyId expected, std::vector<TyId>& params, TyId& ret) {
  TyArena& a = t_.arena;
  TyId e = a.resolve(expected);
  const TyData d = a.data(e);
  const LangItems& l = t_.lang();
  auto from_bound = [&](const TraitBound& b) {
    if (!(b.trait == l.fn || b.trait == l.fn_mut || b.trait == l.fn_once) || b.args.empty())
      return false;
    TyId in = norm(b.args[0]);
    if (a.kind(in) != TyKind::Tuple) return false;
    params = a.data(in).args;
    for (const auto& [n, x] : b.assoc) {
      if (n == "Output") ret = x;
    }
    return true;
  };
  switch (d.kind) {
    case TyKind::Closure:
    case TyKind::FnPtr:
    case TyKind::FnDef:
      if (d.args.empty()) return false;
      params.assign(d.args.begin(), d.args.end() - 1);
      ret = d.args.back();
      return true;
    case TyKind::Infer:
      // By index, each bound copied: from_bound's norm() may defer projections onto
      // pending_, which moves it.
      for (size_t i = 0; i < pending_.size(); ++i) {
        if (pending_[i].proj != kUnknownTy || a.resolve(pending_[i].pred.self) != e) continue;
        TraitBound b = pending_[i].pred.bound;
        if (from_bound(b)) return true;
      }
      return false;
    case TyKind::Param:
    case TyKind::Opaque:
    case TyKind::Dyn:
      for (const TraitBound& b : solver_->bounds_of(e)) {
        if (from_bound(b)) return true;
      }
      return false;
    default: return false;
  }
}

TyId BodyInference::closure(Node n, TyId expected) {
  TyArena& a = t_.arena;
  std::vector<TyId> exp_params;
  TyId exp_ret = kUnknownTy;
  expected_fn_sig(expected, exp_params, exp_ret);
  size_t scope = scope_.size();
  TyData d;
  d.kind = TyKind::Closure;
  d.key = (static_cast<uint64_t>(++closure_ids_) << 32) | n.id();
  size_t i = 0;
  if (Node params = n.child(SyntaxKind::ParamList)) {
    for (Node p : params.children()) {
      if (p.kind() != SyntaxKind::Param) continue;
      TyId pt = kUnknownTy;
      Node pat;
      for (Node c : p.children()) {
        if (is_type_kind(c.kind()))
          pt = type_node(c);
        else if (!pat && is_pattern_kind(c.kind()))
          pat = c;
      }
      if (i < exp_params.size()) {
        if (pt == kUnknownTy) {
          pt = norm(exp_params[i]);
        } else {
          a.try_unify(pt, exp_params[i]);
        }
      }
      if (pt == kUnknownTy) pt = a.fresh();
      ++i;
      if (pat) pattern(pat, pt);
      d.args.push_back(pt);
    }
  }
  TyId ret = kUnknownTy;
  if (Node rt = n.child(SyntaxKind::RetType)) {
    for (Node c : rt.children()) {
      if (is_type_kind(c.kind())) ret = type_node(c);
    }
  }
  if (ret == kUnknownTy) ret = exp_ret != kUnknownTy ? norm(exp_ret) : a.fresh();
  Node body;
  for (Node c : n.children()) {
    if (is_expr_kind(c.kind())) body = c;
  }
  returns_.push_back(ret);
  std::vector<LoopFrame> loops = std::move(loops_);
  loops_.clear();
  if (body) coerce(expr(body, ret), ret);
  loops_ = std::move(loops);
  returns_.pop_back();
  scope_.resize(scope);
  d.args.push_back(ret);
  return a.intern(d);
}

}  // namespace ferret::sema
