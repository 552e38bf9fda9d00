// Trait selection and projection (see trait_solver.h).
#include "sema/trait_solver.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "sema/assoc_items.h"
#include "sema/cfg_eval.h"
#include "sema/scope_lookup.h"
#include "sema/ty_lower.h"

namespace ferret::sema {

namespace {

constexpr int kMaxDepth = 10;            // nested where-clause checks
constexpr int kMaxWork = 40000;          // selections per query
constexpr size_t kMaxElaborated = 1024;  // bounds one bound elaborates to (supertraits)

using index::ItemKind;
using index::kNone;

TraitBound subst_bound(TyArena& a, const TraitBound& b, const Subst& s) {
  TraitBound out;
  out.trait = b.trait;
  for (TyId x : b.args) out.args.push_back(a.substitute(x, s));
  for (const auto& [n, x] : b.assoc) out.assoc.emplace_back(n, a.substitute(x, s));
  return out;
}

}  // namespace

TraitSolver::TraitSolver(TyDb& tdb, std::vector<Predicate> env) : t_(tdb) {
  // Elaborate the environment: every supertrait of every bound.
  for (const Predicate& p : env) {
    std::vector<TraitBound> all;
    elaborate(p.self, p.bound, all);
    for (TraitBound& b : all) env_.push_back(Predicate{p.self, std::move(b)});
  }
  // Normalized by itself, as rustc's param env is: with `I: Iterator<Item = A>`, a bound
  // `I::Item: Clone` is `A: Clone`.
  size_t n = env_.size();
  for (size_t i = 0; i < n; ++i) {
    if (t_.arena.kind(env_[i].self) != TyKind::Projection) continue;
    TyId self = normalize(env_[i].self);
    if (self == env_[i].self || t_.arena.is_unknown(self)) continue;
    std::vector<TraitBound> all;
    elaborate(self, env_[i].bound, all);
    for (TraitBound& b : all) env_.push_back(Predicate{self, std::move(b)});
  }
}

TraitBound TraitSolver::fresh_bound(const Def& trait) {
  TraitBound b;
  b.trait = trait;
  const GenericDefs& g = t_.trait_generics(trait);
  for (size_t i = 1; i < g.params.size(); ++i) b.args.push_back(t_.arena.fresh());
  return b;
}

Subst TraitSolver::fresh_subst(const std::vector<TyId>& params) {
  Subst s;
  s.reserve(params.size());
  for (TyId p : params) s.emplace_back(p, t_.arena.fresh());
  return s;
}

SelfTypeKey TraitSolver::key_of(TyId t) {
  SelfTypeKey key;
  using Shape = SelfTypeKey::Shape;
  const TyData& d = t_.arena.data(t);
  switch (d.kind) {
    case TyKind::Adt:
    case TyKind::Builtin:
      key.shape = Shape::Def;
      key.def = d.def;
      break;
    case TyKind::Slice: key.shape = Shape::Slice; break;
    case TyKind::Array: key.shape = Shape::Array; break;
    case TyKind::Ref: key.shape = Shape::Ref; break;
    case TyKind::Ptr: key.shape = Shape::Ptr; break;
    case TyKind::Tuple: key.shape = Shape::Tuple; break;
    case TyKind::FnPtr: key.shape = Shape::FnPtr; break;
    case TyKind::Never: key.shape = Shape::Never; break;
    case TyKind::Dyn: key.shape = Shape::DynTrait; break;
    default: break;
  }
  return key;
}

void TraitSolver::impl_home_crates(TyId t, std::vector<CrateId>& out, int depth) {
  if (depth > 6) return;
  const TyData& d = t_.arena.data(t);
  auto add = [&](CrateId c) {
    if (c != base::kNoCrate && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  };
  const LangItems& l = t_.lang();
  switch (d.kind) {
    case TyKind::Adt:
      add(d.def.krate);
      if (d.def == l.box && !d.args.empty()) impl_home_crates(d.args[0], out, depth + 1);
      if (std::optional<ItemLoc> loc = t_.loc_of(d.def);
          loc && t_.name_of(*loc) == "Pin" && !d.args.empty()) {
        impl_home_crates(d.args[0], out, depth + 1);
      }
      break;
    case TyKind::Ref: impl_home_crates(d.args[0], out, depth + 1); break;
    case TyKind::Dyn:
      if (!d.bounds.empty()) add(d.bounds[0].trait.krate);
      break;
    default: break;
  }
}

std::vector<CrateId> TraitSolver::sysroot_crates() {
  // core, alloc and std (a test's minicore when it stands in for them).
  std::vector<CrateId> out;
  for (CrateId c : t_.visible_crates()) {
    const base::CrateData& cd = t_.db.graph()[c];
    if (cd.name == "core" || cd.name == "alloc" || cd.name == "std") out.push_back(c);
  }
  return out;
}

std::vector<const ImplHeader*> TraitSolver::impls_by_shape(TyId t, bool traits) {
  std::vector<const ImplHeader*> out;
  SelfTypeKey key = key_of(t);
  if (key.shape == SelfTypeKey::Shape::Other) return out;
  const TyData& d = t_.arena.data(t);
  // Inherent impls live in the type's crate (the language's types: core, alloc, std).
  std::vector<CrateId> crates;
  if (traits) {
    for (CrateId c : t_.visible_crates()) {
      if (d.kind != TyKind::Adt || t_.reaches(c, d.def.krate)) crates.push_back(c);
    }
  } else if (d.kind == TyKind::Adt) {
    crates.push_back(d.def.krate);
  } else if (d.kind == TyKind::Dyn && !d.bounds.empty()) {
    crates.push_back(d.bounds[0].trait.krate);
  } else {
    crates = sysroot_crates();
  }
  ImplIndex& index = t_.db.impl_index();
  for (CrateId c : crates) {
    for (const ImplRef& r : index.impls_in(t_.db, c, key)) {
      if (r.trait && !traits) continue;
      const ImplHeader& h = t_.impl_header(r);
      if (h.valid) out.push_back(&h);
    }
  }
  return out;
}

std::vector<const ImplHeader*> TraitSolver::impl_candidates(TyId self, const Def& trait,
                                                            const std::vector<TyId>& args) {
  std::vector<const ImplHeader*> out;
  // By the orphan rule the impl is in the trait's crate or in the crate of a type in
  // the header.
  std::vector<CrateId> crates{trait.krate};
  impl_home_crates(self, crates);
  for (TyId a : args) impl_home_crates(a, crates);
  SelfTypeKey key = key_of(self);
  ImplIndex& index = t_.db.impl_index();
  for (CrateId c : crates) {
    if (c >= t_.db.graph().size()) continue;
    if (key.shape != SelfTypeKey::Shape::Other) {
      for (const ImplRef& r : index.impls_in(t_.db, c, key)) {
        if (!(r.trait == trait)) continue;
        const ImplHeader& h = t_.impl_header(r);
        if (h.valid) out.push_back(&h);
      }
    }
    uint64_t tk =
        (static_cast<uint64_t>(trait.krate) << 32) ^ (static_cast<uint64_t>(trait.index) << 8) ^ c;
    auto it = blanket_.find(tk);
    if (it == blanket_.end()) {
      std::vector<const ImplHeader*> list;
      for (const ImplRef& r : index.blanket_impls(t_.db, c)) {
        if (!(r.trait == trait)) continue;
        const ImplHeader& h = t_.impl_header(r);
        if (h.valid) list.push_back(&h);
      }
      it = blanket_.emplace(tk, std::move(list)).first;
    }
    for (const ImplHeader* h : it->second) out.push_back(h);
  }
  return out;
}

std::optional<Subst> TraitSolver::match_impl_self(const ImplHeader& h, TyId t) {
  if (!h.valid) return std::nullopt;
  Subst s = fresh_subst(h.generics.params);
  TyId self = t_.arena.substitute(h.self_ty, s);
  if (!t_.arena.try_unify(self, t)) return std::nullopt;
  return s;
}

Certainty TraitSolver::impl_applies(const ImplHeader& h, TyId self, const TraitBound& bound,
                                    int depth, Subst& subst) {
  if (!h.valid || h.negative) return Certainty::No;
  TyArena& a = t_.arena;
  subst = fresh_subst(h.generics.params);
  if (!a.unify(a.substitute(h.self_ty, subst), self)) return Certainty::No;
  for (size_t i = 0; i < bound.args.size() && i < h.trait.args.size(); ++i) {
    if (!a.unify(a.substitute(h.trait.args[i], subst), bound.args[i])) return Certainty::No;
  }
  Certainty out = Certainty::Yes;
  for (const Predicate& p : h.generics.predicates) {
    TyId ps = normalize(a.substitute(p.self, subst), depth + 1);
    TraitBound pb = subst_bound(a, p.bound, subst);
    for (TyId& x : pb.args) x = normalize(x, depth + 1);
    for (auto& [n, x] : pb.assoc) x = normalize(x, depth + 1);
    Certainty c = solve(ps, pb, depth + 1);
    if (c == Certainty::No) return Certainty::No;
    if (c == Certainty::Maybe) out = Certainty::Maybe;
  }
  return out;
}

const std::vector<Def>& TraitSolver::derives(const Def& adt) {
  uint64_t key = (static_cast<uint64_t>(adt.krate) << 32) | adt.index;
  auto it = derives_.find(key);
  if (it != derives_.end()) return it->second;
  std::vector<Def>& out = derives_[key];
  std::optional<ItemLoc> loc = t_.loc_of(adt);
  if (!loc) return out;
  const index::ItemTree& tree = t_.tree_of(*loc);
  const index::Item& item = tree.items[loc->item];
  const LangItems& l = t_.lang();
  const base::CfgOptions& cfg = t_.db.graph()[adt.krate].cfg;
  for (uint32_t a = item.attrs_begin; a < item.attrs_end; ++a) {
    const index::Attr& attr = tree.attrs[a];
    if (attr.kind != index::AttrKind::Derive || !cfg_enabled(tree, attr.cfg, cfg)) continue;
    std::string_view path = tree.str(attr.value);
    std::string_view last =
        path.substr(path.rfind(':') == std::string_view::npos ? 0 : path.rfind(':') + 1);
    static const std::pair<std::string_view, Def LangItems::*> kBuiltin[] = {
        {"Clone", &LangItems::clone},
        {"Copy", &LangItems::copy},
        {"Debug", &LangItems::debug},
        {"Default", &LangItems::default_},
        {"PartialEq", &LangItems::partial_eq},
        {"Eq", &LangItems::eq},
        {"PartialOrd", &LangItems::partial_ord},
        {"Ord", &LangItems::ord},
        {"Hash", &LangItems::hash}};
    bool builtin = false;
    for (const auto& [name, member] : kBuiltin) {
      if (last == name && l.*member) {
        out.push_back(l.*member);
        builtin = true;
      }
    }
    if (builtin) continue;
    // Another derive: the trait of that name where the item is (serde's Serialize…).
    SimplePath sp;
    size_t start = 0;
    std::string_view rest = path;
    if (rest.substr(0, 2) == "::") {
      sp.kind = index::PathKind::Absolute;
      rest = rest.substr(2);
    }
    while (start <= rest.size()) {
      size_t end = rest.find("::", start);
      std::string_view seg =
          rest.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
      if (sp.segments.empty() && seg == "crate") {
        sp.kind = index::PathKind::Crate;
      } else if (!seg.empty()) {
        sp.segments.push_back(t_.db.names().intern(seg));
      }
      if (end == std::string_view::npos) break;
      start = end + 2;
    }
    if (sp.segments.empty()) continue;
    DatabaseMaps maps(t_.db);
    PathResolution r = resolve_path(maps, adt.krate, loc->module, sp, false);
    Def d = r.complete ? r.defs[Namespace::Types].def : Def{};
    if (std::optional<ItemLoc> dl = t_.loc_of(d); dl && t_.item(*dl).kind == ItemKind::Trait)
      out.push_back(d);
  }
  return out;
}

bool TraitSolver::builtin_impl(TyId self, const TraitBound& bound, int depth, Certainty& out) {
  const LangItems& l = t_.lang();
  TyArena& a = t_.arena;
  const TyData d = a.data(self);
  const Def& tr = bound.trait;
  if (tr == l.fn || tr == l.fn_mut || tr == l.fn_once) {
    if (d.kind != TyKind::Closure && d.kind != TyKind::FnDef && d.kind != TyKind::FnPtr)
      return false;
    if (d.args.empty()) return false;
    std::vector<TyId> params(d.args.begin(), d.args.end() - 1);
    if (!bound.args.empty()) {
      TyId want = bound.args[0];
      const TyData& w = a.data(want);
      if (w.kind == TyKind::Tuple && w.args.size() != params.size()) {
        out = Certainty::No;
        return true;
      }
      a.unify(want, a.tuple(params));
    }
    for (const auto& [n, x] : bound.assoc) {
      if (n == "Output") a.unify(x, d.args.back());
    }
    out = Certainty::Yes;
    return true;
  }
  if (std::find(l.compiler_markers.begin(), l.compiler_markers.end(), tr) !=
      l.compiler_markers.end()) {
    out = Certainty::Yes;
    return true;
  }
  if (tr == l.sized) {
    bool unsized =
        d.kind == TyKind::Slice || d.kind == TyKind::Dyn ||
        (d.kind == TyKind::Builtin && d.def.index == static_cast<uint32_t>(BuiltinType::Str));
    out = unsized ? Certainty::No : Certainty::Yes;
    return true;
  }
  if (tr == l.copy || tr == l.clone) {
    switch (d.kind) {
      case TyKind::Builtin:
        out =
            d.def.index == static_cast<uint32_t>(BuiltinType::Str) ? Certainty::No : Certainty::Yes;
        return true;
      case TyKind::Ref: out = d.mut_ ? Certainty::No : Certainty::Yes; return true;
      case TyKind::Ptr:
      case TyKind::Never:
      case TyKind::FnPtr:
      case TyKind::FnDef: out = Certainty::Yes; return true;
      case TyKind::Tuple:
      case TyKind::Array: {
        out = Certainty::Yes;
        std::vector<TyId> elems = d.kind == TyKind::Array ? std::vector<TyId>{d.args[0]} : d.args;
        for (TyId e : elems) {
          Certainty c = solve(e, bound, depth + 1);
          if (c == Certainty::No) out = Certainty::No;
          if (c == Certainty::Maybe && out == Certainty::Yes) out = Certainty::Maybe;
        }
        return true;
      }
      case TyKind::Closure: out = Certainty::Maybe; return true;
      default: break;
    }
  }
  if (d.kind == TyKind::Adt) {
    const std::vector<Def>& ds = derives(d.def);
    if (std::find(ds.begin(), ds.end(), tr) != ds.end()) {
      out = Certainty::Yes;
      return true;
    }
  }
  // Auto traits (Send, Sync, Unpin…): assumed to hold.
  if (std::optional<ItemLoc> loc = t_.loc_of(tr);
      loc && (t_.item(*loc).flags & index::kItemAuto) != 0) {
    out = Certainty::Yes;
    return true;
  }
  return false;
}

Selection TraitSolver::select(TyId self, const TraitBound& bound, int depth) {
  TyArena& a = t_.arena;
  if (!bound.trait) return Selection{};
  self = a.resolve(self);
  // Var-free questions are answered once.
  std::vector<uint32_t> key;
  bool cacheable = !a.has_vars(self);
  for (TyId x : bound.args) cacheable = cacheable && !a.has_vars(x);
  if (cacheable) {
    key.push_back(a.zonk(self));
    key.push_back(bound.trait.krate);
    key.push_back(bound.trait.index);
    for (TyId x : bound.args) key.push_back(a.zonk(x));
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    Selection sel = select_uncached(self, bound, depth);
    // Answers cut short by the depth limit are not final; built-in answers bind the
    // bound's outputs (a closure's `Output = B`) each time, so they are not kept.
    if ((sel.kind != Selection::Kind::Ambiguous || depth == 0) &&
        sel.kind != Selection::Kind::Builtin) {
      cache_.emplace(std::move(key), sel);
    }
    return sel;
  }
  return select_uncached(self, bound, depth);
}

Selection TraitSolver::select_uncached(TyId self, const TraitBound& bound, int depth) {
  TyArena& a = t_.arena;
  Selection out;
  if (depth > kMaxDepth || ++work_ > kMaxWork) {
    out.kind = Selection::Kind::Ambiguous;
    return out;
  }
  const TyData d = a.data(self);
  if (d.kind == TyKind::Infer && a.var_kind(self) != InferKind::General) {
    // An integer or float variable: the one such type with an impl, if only one has
    // (`v[0]`: only usize is a SliceIndex).
    static const BuiltinType kInts[] = {BuiltinType::I8,  BuiltinType::I16,  BuiltinType::I32,
                                        BuiltinType::I64, BuiltinType::I128, BuiltinType::Isize,
                                        BuiltinType::U8,  BuiltinType::U16,  BuiltinType::U32,
                                        BuiltinType::U64, BuiltinType::U128, BuiltinType::Usize};
    static const BuiltinType kFloats[] = {BuiltinType::F32, BuiltinType::F64};
    bool is_int = a.var_kind(self) == InferKind::Int;
    TyId only = kUnknownTy;
    int n = 0;
    for (size_t i = 0; i < (is_int ? std::size(kInts) : std::size(kFloats)) && n < 2; ++i) {
      TyId b = a.builtin(is_int ? kInts[i] : kFloats[i]);
      size_t snap = a.snapshot();
      Selection s = select_uncached(b, bound, depth + 1);
      a.rollback(snap);
      if (s.kind == Selection::Kind::None) continue;
      ++n;
      only = b;
    }
    if (n == 1 && a.unify(self, only)) return select_uncached(only, bound, depth + 1);
    out.kind = Selection::Kind::Ambiguous;
    return out;
  }
  if (d.kind == TyKind::Unknown || d.kind == TyKind::Infer) {
    out.kind = Selection::Kind::Ambiguous;
    return out;
  }
  Certainty builtin = Certainty::No;
  if (builtin_impl(self, bound, depth, builtin)) {
    out.kind = builtin == Certainty::Yes     ? Selection::Kind::Builtin
               : builtin == Certainty::Maybe ? Selection::Kind::Ambiguous
                                             : Selection::Kind::None;
    return out;
  }
  // Where clauses and trait object bounds.
  if (d.kind == TyKind::Param || d.kind == TyKind::Projection || d.kind == TyKind::Dyn ||
      d.kind == TyKind::Opaque) {
    for (const TraitBound& b : bounds_of(self)) {
      if (!(b.trait == bound.trait)) continue;
      size_t snap = a.snapshot();
      bool ok = true;
      for (size_t i = 0; i < b.args.size() && i < bound.args.size() && ok; ++i)
        ok = a.unify(b.args[i], bound.args[i]);
      if (!ok) {
        a.rollback(snap);
        continue;
      }
      out.kind = Selection::Kind::Env;
      out.bound = b;
      return out;
    }
  }
  // Impls: a unique applicable one is committed to.
  std::vector<const ImplHeader*> cands = impl_candidates(self, bound.trait, bound.args);
  const ImplHeader* found = nullptr;
  int matches = 0;
  for (const ImplHeader* h : cands) {
    size_t snap = a.snapshot();
    Subst s;
    bool ok = impl_applies(*h, self, bound, depth, s) != Certainty::No;
    a.rollback(snap);
    if (!ok) continue;
    ++matches;
    if (!found) found = h;
    if (matches > 1) break;
  }
  if (matches == 0) return out;
  bool open = a.has_vars(self);
  for (TyId x : bound.args) open = open || a.has_vars(x);
  if (matches > 1 && open) {
    out.kind = Selection::Kind::Ambiguous;
    return out;
  }
  Subst s;
  if (getenv("FERRET_DEBUG_SOLVER"))
    fprintf(stderr, "select %s: %s -> impl %s:%u\n",
            std::string(t_.name_of(*t_.loc_of(bound.trait))).c_str(), a.render(t_.db, self).c_str(),
            t_.db.file_path(found->loc.file).c_str(), t_.item(found->loc).name_line);
  Certainty c = impl_applies(*found, self, bound, depth, s);
  if (c == Certainty::No) {
    out.kind = Selection::Kind::Ambiguous;
    return out;
  }
  for (auto& [p, v] : s) v = a.zonk(v);
  out.certain = c == Certainty::Yes;
  out.kind = Selection::Kind::Impl;
  out.impl = found;
  out.subst = std::move(s);
  return out;
}

Certainty TraitSolver::solve(TyId self, const TraitBound& bound, int depth) {
  Selection sel = select(self, bound, depth);
  switch (sel.kind) {
    case Selection::Kind::None: return Certainty::No;
    case Selection::Kind::Ambiguous: return Certainty::Maybe;
    default: break;
  }
  Certainty out = sel.certain ? Certainty::Yes : Certainty::Maybe;
  // Bindings the bound asks for (`Iterator<Item = u8>`) must agree.
  for (const auto& [name, ty] : bound.assoc) {
    if (sel.kind == Selection::Kind::Builtin) break;  // built-in rules applied their own
    std::optional<TyId> p = project(self, bound.trait, bound.args, name, depth + 1);
    if (p && *p != kUnknownTy &&
        !t_.arena.unify(normalize(*p, depth + 1), normalize(ty, depth + 1)))
      return Certainty::No;
  }
  return out;
}

// ---------------------------------------------------------------- bounds

// `b` and its supertraits to any depth, depth first in the order written: each bound
// once (a cycle, which rustc rejects, ends), at most kMaxElaborated in all.
void TraitSolver::elaborate(TyId self, const TraitBound& b, std::vector<TraitBound>& out) {
  std::vector<TraitBound> todo{b};
  while (!todo.empty() && out.size() < kMaxElaborated) {
    TraitBound cur = std::move(todo.back());
    todo.pop_back();
    if (!cur.trait) continue;
    bool seen = false;
    for (const TraitBound& o : out) seen |= o.trait == cur.trait && o.args == cur.args;
    if (seen) continue;
    out.push_back(cur);
    const GenericDefs& g = t_.trait_generics(cur.trait);
    if (g.params.empty()) continue;
    Subst s;
    s.emplace_back(g.params[0], self);
    for (size_t i = 1; i < g.params.size(); ++i) {
      s.emplace_back(g.params[i], i - 1 < cur.args.size() ? cur.args[i - 1] : t_.arena.fresh());
    }
    size_t first = todo.size();
    for (size_t i = 1; i < g.predicates.size(); ++i) {
      const Predicate& p = g.predicates[i];
      if (p.self != g.params[0]) continue;
      TraitBound sup = subst_bound(t_.arena, p.bound, s);
      // Bindings written on the subtrait (`impl DoubleEndedIterator<Item = u8>`) name the
      // supertrait's associated types: carried along.
      for (const auto& [n, x] : cur.assoc) {
        bool have = false;
        for (const auto& [m, y] : sup.assoc) have |= m == n;
        if (!have) sup.assoc.emplace_back(n, x);
      }
      todo.push_back(std::move(sup));
    }
    std::reverse(todo.begin() + static_cast<std::ptrdiff_t>(first), todo.end());
  }
}

std::vector<TraitBound> TraitSolver::bounds_of(TyId t) {
  std::vector<TraitBound> out;
  TyArena& a = t_.arena;
  t = a.resolve(t);
  const TyData d = a.data(t);
  for (const Predicate& p : env_) {
    if (a.resolve(p.self) == t) out.push_back(p.bound);
  }
  if (d.kind == TyKind::Dyn || d.kind == TyKind::Opaque) {
    for (const TraitBound& b : d.bounds) elaborate(t, b, out);
  }
  if (d.kind == TyKind::Projection && d.def) {
    const GenericDefs& g = t_.trait_generics(d.def);
    Subst s;
    if (!g.params.empty()) s.emplace_back(g.params[0], d.args[0]);
    for (size_t i = 1; i < g.params.size(); ++i)
      s.emplace_back(g.params[i], i < d.args.size() ? d.args[i] : a.fresh());
    for (const Predicate& p : t_.assoc_type_bounds(d.def, d.name))
      elaborate(t, subst_bound(a, p.bound, s), out);
  }
  return out;
}

// ---------------------------------------------------------------- projections

TyId TraitSolver::impl_assoc_type(const ImplHeader& h, const Subst& subst, std::string_view name) {
  TyId found = kUnknownTy;
  const base::CfgOptions& cfg = t_.db.graph()[h.ref.krate].cfg;
  for_each_assoc_item(t_.db, h.ref.krate, h.loc.file, h.loc.item, [&](FileId f, uint32_t c) {
    if (found != kUnknownTy) return;
    const index::ItemTree& tree = t_.db.item_tree(f);
    const index::Item& it = tree.items[c];
    if (it.kind != ItemKind::TypeAlias || tree.str(it.name) != name || it.data == kNone) return;
    if (!h.ref.inactive && !cfg_enabled(tree, it.cfg, cfg)) return;
    TypeContext ctx = h.ctx;
    ctx.tree = &tree;
    found = t_.arena.substitute(lower_type(t_, ctx, tree.type_aliases[it.data].type), subst);
  });
  return found;
}

std::optional<TyId> TraitSolver::project(TyId self, const Def& trait_in,
                                         const std::vector<TyId>& args_in, std::string_view name,
                                         int depth) {
  TyArena& a = t_.arena;
  if (getenv("FERRET_DEBUG_SOLVER"))
    fprintf(stderr, "project <%s as %s>::%s\n", a.render(t_.db, self).c_str(),
            trait_in ? std::string(t_.name_of(*t_.loc_of(trait_in))).c_str() : "?",
            std::string(name).c_str());
  if (depth > kMaxDepth * 2) return kUnknownTy;
  self = a.resolve(self);
  const TyData d = a.data(self);
  if (d.kind == TyKind::Unknown) return kUnknownTy;
  if (d.kind == TyKind::Infer) return std::nullopt;
  Def trait = trait_in;
  std::vector<TyId> args = args_in;
  bool generic = d.kind == TyKind::Param || d.kind == TyKind::Projection || d.kind == TyKind::Dyn ||
                 d.kind == TyKind::Opaque;
  if (generic) {
    // A binding on a bound (`I: Iterator<Item = u8>`, `impl Iterator<Item = T>`).
    std::vector<TraitBound> bounds = bounds_of(self);
    for (const TraitBound& b : bounds) {
      if (trait && !(b.trait == trait)) {
        // A binding carried from a subtrait still names this trait's type.
        bool declares = false;
        for (const TyDb::AssocItem& it : t_.trait_items(trait))
          declares |= it.kind == ItemKind::TypeAlias && it.name == name;
        if (!declares) continue;
      }
      for (const auto& [n, x] : b.assoc) {
        if (n == name) return x;
      }
    }
    if (!trait) {
      for (const TraitBound& b : bounds) {
        for (const TyDb::AssocItem& it : t_.trait_items(b.trait)) {
          if (it.kind == ItemKind::TypeAlias && it.name == name) {
            trait = b.trait;
            args = b.args;
            break;
          }
        }
        if (trait) break;
      }
    }
    if (!trait) return kUnknownTy;
    // Blanket impls may still give it (`<T as ToOwned>::Owned` for T: Clone).
    if (d.kind == TyKind::Param || d.kind == TyKind::Projection) {
      bool bound_here = false;
      for (const TraitBound& b : bounds) bound_here |= b.trait == trait;
      if (bound_here) return a.projection(trait, std::string(name), self, args);
    }
  }
  const LangItems& l = t_.lang();
  if ((d.kind == TyKind::Closure || d.kind == TyKind::FnDef || d.kind == TyKind::FnPtr) &&
      name == "Output" && (!trait || trait == l.fn_once || trait == l.fn || trait == l.fn_mut)) {
    return d.args.empty() ? kUnknownTy : d.args.back();
  }
  if (!trait) {
    // `Type::Name` on a concrete type: the one trait impl for it that defines Name.
    for (const ImplHeader* h : impls_by_shape(self, true)) {
      if (!h->trait.trait) continue;
      bool declares = false;
      for (const TyDb::AssocItem& it : t_.trait_items(h->trait.trait))
        declares |= it.kind == ItemKind::TypeAlias && it.name == name;
      if (!declares) continue;
      size_t snap = a.snapshot();
      std::optional<Subst> s = match_impl_self(*h, self);
      if (!s) continue;
      TyId r = impl_assoc_type(*h, *s, name);
      r = a.zonk(r);
      a.rollback(snap);
      if (r != kUnknownTy) return normalize(r, depth + 1);
    }
    return kUnknownTy;
  }
  TraitBound b;
  b.trait = trait;
  b.args = args;
  if (b.args.empty()) b = fresh_bound(trait);
  Selection sel = select(self, b, depth + 1);
  switch (sel.kind) {
    case Selection::Kind::Impl: {
      TyId r = impl_assoc_type(*sel.impl, sel.subst, name);
      if (r == kUnknownTy) return kUnknownTy;
      return normalize(r, depth + 1);
    }
    case Selection::Kind::Env: {
      for (const auto& [n, x] : sel.bound.assoc) {
        if (n == name) return x;
      }
      return a.projection(trait, std::string(name), self, b.args);
    }
    case Selection::Kind::Ambiguous: return std::nullopt;
    default: return kUnknownTy;
  }
}

TyId TraitSolver::normalize(TyId t, int depth) {
  TyArena& a = t_.arena;
  t = a.resolve(t);
  if (depth > kMaxDepth * 2) return t;
  const TyData& d0 = a.at(t);
  if (d0.args.empty() && d0.bounds.empty()) return t;
  TyData d = d0;
  bool changed = false;
  for (TyId& x : d.args) {
    TyId n = normalize(x, depth + 1);
    changed |= n != x;
    x = n;
  }
  for (TraitBound& b : d.bounds) {
    for (TyId& x : b.args) {
      TyId n = normalize(x, depth + 1);
      changed |= n != x;
      x = n;
    }
    for (auto& [name, x] : b.assoc) {
      TyId n = normalize(x, depth + 1);
      changed |= n != x;
      x = n;
    }
  }
  TyId cur = changed ? a.intern(d) : t;
  if (d.kind != TyKind::Projection) return cur;
  std::vector<TyId> rest(d.args.begin() + 1, d.args.end());
  std::optional<TyId> p = project(d.args[0], d.def, rest, d.name, depth + 1);
  if (!p || *p == kUnknownTy) return p ? kUnknownTy : cur;
  if (*p == cur) return cur;
  return normalize(*p, depth + 1);
}

}  // namespace ferret::sema
