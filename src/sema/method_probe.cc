// Autoderef, method picking, fields and members (see method_probe.h).
#include "sema/method_probe.h"

#include <unordered_set>

#include <algorithm>

#include "sema/assoc_items.h"
#include "sema/cfg_eval.h"
#include "sema/scope_lookup.h"
#include "sema/ty_lower.h"

namespace ferret::sema {

namespace {

constexpr size_t kMaxDerefSteps = 128;  // rustc's recursion_limit; cycles end at the first repeat

using index::ItemKind;
using index::kNone;

}  // namespace

namespace {

// Traits already taken for one autoderef step: a set, as a type may have thousands of
// bounds (a long supertrait chain) and a scope thousands of traits.
class DefSet {
 public:
  bool contains(const Def& d) const { return keys_.count(key(d)) != 0; }
  void insert(const Def& d) { keys_.insert(key(d)); }

 private:
  static uint64_t key(const Def& d) {
    return (static_cast<uint64_t>(d.kind) << 56) ^ (static_cast<uint64_t>(d.krate) << 32) ^ d.index;
  }
  std::unordered_set<uint64_t> keys_;
};

}  // namespace

std::vector<Def> traits_in_scope(TyDb& t) {
  std::vector<Def> out;
  std::unordered_set<uint64_t> seen;  // a module may hold any number of traits
  DatabaseMaps maps(t.db);
  const DefMap& dm = t.db.def_map(t.krate);
  auto add = [&](const Def& d) {
    std::optional<ItemLoc> loc = t.loc_of(d);
    if (!loc || t.item(*loc).kind != ItemKind::Trait) return;
    if (seen.insert((static_cast<uint64_t>(d.krate) << 32) | d.index).second) out.push_back(d);
  };
  auto scan = [&](const Def& module) {
    for_each_scope_name(maps, module, t.krate, t.module, [&](NameId, int ns, const ScopeDef& sd) {
      if (ns == 0) add(sd.def);
    });
  };
  for (ModuleId m = t.module; m < dm.modules.size();) {
    scan(Def{DefKind::Module, t.krate, m});
    for (const Def& d : dm.module(m).underscore_imports) add(d);
    if (!dm.modules[m].block) break;
    m = dm.modules[m].parent;
  }
  if (dm.prelude) scan(dm.prelude);
  return out;
}

MethodProbe::MethodProbe(TraitSolver& solver, std::vector<Def> traits)
    : s_(solver), t_(solver.tdb()), traits_(std::move(traits)) {}

TyId MethodProbe::probe_type(TyId t) {
  TyArena& a = t_.arena;
  t = a.resolve(t);
  if (a.kind(t) != TyKind::Infer) return t;
  if (a.var_kind(t) == InferKind::Int) return a.builtin(BuiltinType::I32);
  if (a.var_kind(t) == InferKind::Float) return a.builtin(BuiltinType::F64);
  return t;
}

// ---------------------------------------------------------------- autoderef

TyId MethodProbe::deref(TyId t) {
  TyArena& a = t_.arena;
  t = a.resolve(t);
  const TyData& d = a.data(t);
  if (d.kind == TyKind::Ref) return d.args[0];
  const LangItems& l = t_.lang();
  if (d.kind == TyKind::Adt && d.def == l.box && !d.args.empty()) return d.args[0];
  if (d.kind == TyKind::Unknown || d.kind == TyKind::Infer || d.kind == TyKind::Ptr || !l.deref)
    return kUnknownTy;
  size_t snap = a.snapshot();
  std::optional<TyId> target = s_.project(t, l.deref, {}, "Target");
  TyId out = target ? a.zonk(*target) : kUnknownTy;
  a.rollback(snap);
  if (out == kUnknownTy) return kUnknownTy;
  const TyData& o = a.data(out);
  if (o.kind == TyKind::Projection && o.args[0] == t)
    return kUnknownTy;  // rigid <T as Deref>::Target
  return s_.normalize(out);
}

std::vector<TyId> MethodProbe::autoderef(TyId t) {
  TyArena& a = t_.arena;
  std::vector<TyId> steps;
  t = probe_type(s_.normalize(a.zonk(t)));
  while (steps.size() < kMaxDerefSteps) {
    TyKind k = a.kind(t);
    if (k == TyKind::Unknown || k == TyKind::Infer) break;
    if (std::find(steps.begin(), steps.end(), t) != steps.end()) break;
    steps.push_back(t);
    TyId next = deref(t);
    if (next == kUnknownTy) break;
    t = probe_type(a.zonk(next));
  }
  if (!steps.empty() && a.kind(steps.back()) == TyKind::Array)
    steps.push_back(a.slice(a.data(steps.back()).args[0]));
  return steps;
}

// ---------------------------------------------------------------- members

bool MethodProbe::visible(const ItemLoc& loc, CrateId krate) {
  const index::Item& it = t_.item(loc);
  switch (it.vis) {
    case index::VisKind::Public: return true;
    case index::VisKind::Crate:
    case index::VisKind::InPath: return krate == t_.krate;
    case index::VisKind::Private:
    case index::VisKind::SelfModule:
    case index::VisKind::Super: {
      if (krate != t_.krate) return false;
      const DefMap& dm = t_.db.def_map(krate);
      ModuleId m = loc.module;
      if (it.vis == index::VisKind::Super && m < dm.modules.size() &&
          dm.modules[m].parent != kNoIndex)
        m = dm.modules[m].parent;
      return is_ancestor_module(dm, m, t_.module);
    }
  }
  return true;
}

Member MethodProbe::member_for(FileId f, uint32_t item, CrateId owner, ModuleId module) {
  const index::ItemTree& tree = t_.db.item_tree(f);
  const index::Item& it = tree.items[item];
  Member m;
  m.kind = it.kind == ItemKind::Fn      ? Member::Kind::Method
           : it.kind == ItemKind::Const ? Member::Kind::AssocConst
                                        : Member::Kind::AssocType;
  m.name = std::string(tree.str(it.name));
  m.loc = ItemLoc{f, item, module};
  m.owner = owner;
  m.def_loc = m.loc;
  m.def_owner = owner;
  m.has_self = it.kind == ItemKind::Fn && it.data != kNone &&
               tree.fns[it.data].self_kind != index::SelfKind::None;
  m.hidden = (it.flags & index::kItemDocHidden) != 0;
  m.deprecated = (it.flags & index::kItemDeprecated) != 0;
  return m;
}

void MethodProbe::inherent_members(TyId step, uint32_t k, std::vector<Member>& out,
                                   bool methods_only, std::string_view name) {
  TyArena& a = t_.arena;
  for (const ImplHeader* h : s_.impls_by_shape(step)) {
    if (!name.empty()) {
      // Skip impls without an item of that name before matching them.
      bool has = false;
      for_each_assoc_item(t_.db, h->ref.krate, h->loc.file, h->loc.item, [&](FileId f, uint32_t c) {
        has = has || t_.db.item_tree(f).str(t_.db.item_tree(f).items[c].name) == name;
      });
      if (!has) continue;
    }
    if (h->trait.trait) continue;
    size_t snap = a.snapshot();
    std::optional<Subst> subst = s_.match_impl_self(*h, step);
    if (subst) {
      for (auto& [p, v] : *subst) v = a.zonk(v);
    }
    a.rollback(snap);
    if (!subst) continue;
    const base::CfgOptions& cfg = t_.db.graph()[h->ref.krate].cfg;
    for_each_assoc_item(t_.db, h->ref.krate, h->loc.file, h->loc.item, [&](FileId f, uint32_t c) {
      const index::ItemTree& tree = t_.db.item_tree(f);
      const index::Item& it = tree.items[c];
      if (it.kind != ItemKind::Fn && it.kind != ItemKind::Const && it.kind != ItemKind::TypeAlias)
        return;
      if (!name.empty() && tree.str(it.name) != name) return;
      if (!h->ref.inactive && !cfg_enabled(tree, it.cfg, cfg)) return;
      ItemLoc loc{f, c, h->ref.module};
      if (!h->unresolved_trait && !visible(loc, h->ref.krate)) return;
      Member m = member_for(f, c, h->ref.krate, h->ref.module);
      if (methods_only && !m.has_self) return;
      m.deref_steps = k;
      m.self_ty = step;
      m.impl = h;
      m.subst = *subst;
      out.push_back(std::move(m));
    });
  }
}

void MethodProbe::trait_members(TyId step, const Def& trait, uint32_t k, std::vector<Member>& out,
                                bool methods_only, const Subst* subst, std::string_view name) {
  std::optional<ItemLoc> tloc = t_.loc_of(trait);
  if (!tloc) return;
  const GenericDefs& g = t_.trait_generics(trait);
  Subst s;
  if (subst) {
    s = *subst;
  } else if (!g.params.empty()) {
    s.emplace_back(g.params[0], step);
    for (size_t i = 1; i < g.params.size(); ++i) s.emplace_back(g.params[i], t_.arena.fresh());
  }
  for (const TyDb::AssocItem& it : t_.trait_items(trait)) {
    if (!name.empty() && it.name != name) continue;
    Member m = member_for(it.file, it.item, trait.krate, tloc->module);
    if (methods_only && !m.has_self) continue;
    m.deref_steps = k;
    m.from_trait = true;
    m.trait = trait;
    m.self_ty = step;
    m.subst = s;
    out.push_back(std::move(m));
  }
}

std::vector<std::pair<std::string, TyId>> MethodProbe::fields_of(const Def& def, TyId adt) {
  std::vector<std::pair<std::string, TyId>> out;
  std::optional<ItemLoc> loc = t_.loc_of(def);
  if (!loc) return out;
  const index::ItemTree& tree = t_.tree_of(*loc);
  const index::Item& it = tree.items[loc->item];
  // The generics are the struct's, or the enum's for a variant.
  Def owner = def;
  if (it.kind == ItemKind::Variant) {
    const DefMap& dm = t_.db.def_map(def.krate);
    owner = Def{};
    for (uint32_t e = def.index; e-- > 0;) {
      const ItemLoc& el = dm.items[e];
      if (el.file == loc->file && el.item == it.parent) {
        owner = Def{DefKind::Item, def.krate, e};
        break;
      }
    }
  }
  const AdtInfo& info = t_.adt(owner);
  const TyData& a = t_.arena.data(adt);
  Subst s;
  for (size_t i = 0; i < info.params.size(); ++i) {
    s.emplace_back(info.params[i],
                   a.kind == TyKind::Adt && i < a.args.size() ? a.args[i] : t_.arena.fresh());
  }
  TypeContext ctx = info.ctx;
  ctx.tree = &tree;
  const base::CfgOptions& cfg = t_.db.graph()[def.krate].cfg;
  tree.for_each_child(loc->item, [&](uint32_t f) {
    const index::Item& field = tree.items[f];
    if (field.kind != ItemKind::Field || field.data == kNone || !cfg_enabled(tree, field.cfg, cfg))
      return;
    TyId ty = lower_type(t_, ctx, tree.fields[field.data].type);
    out.emplace_back(std::string(tree.str(field.name)), s_.normalize(t_.arena.substitute(ty, s)));
  });
  return out;
}

void MethodProbe::field_members(TyId step, uint32_t k, std::vector<Member>& out) {
  const TyData d = t_.arena.data(step);
  if (d.kind == TyKind::Tuple) {
    for (size_t i = 0; i < d.args.size(); ++i) {
      Member m;
      m.kind = Member::Kind::Field;
      m.name = std::to_string(i);
      m.deref_steps = k;
      m.self_ty = step;
      m.field_ty = d.args[i];
      out.push_back(std::move(m));
    }
    return;
  }
  if (d.kind != TyKind::Adt) return;
  std::optional<ItemLoc> loc = t_.loc_of(d.def);
  if (!loc) return;
  const index::ItemTree& tree = t_.tree_of(*loc);
  ItemKind kind = tree.items[loc->item].kind;
  if (kind != ItemKind::Struct && kind != ItemKind::Union) return;
  std::vector<std::pair<std::string, TyId>> types = fields_of(d.def, step);
  size_t i = 0;
  const base::CfgOptions& cfg = t_.db.graph()[d.def.krate].cfg;
  tree.for_each_child(loc->item, [&](uint32_t f) {
    const index::Item& field = tree.items[f];
    if (field.kind != ItemKind::Field || field.data == kNone || !cfg_enabled(tree, field.cfg, cfg))
      return;
    TyId ty = i < types.size() ? types[i].second : kUnknownTy;
    ++i;
    ItemLoc floc{loc->file, f, loc->module};
    if (!visible(floc, d.def.krate)) return;
    Member m;
    m.kind = Member::Kind::Field;
    m.name = std::string(tree.str(field.name));
    m.loc = floc;
    m.owner = d.def.krate;
    m.def_loc = floc;
    m.def_owner = d.def.krate;
    m.deref_steps = k;
    m.self_ty = step;
    m.field_ty = ty;
    m.hidden = (field.flags & index::kItemDocHidden) != 0;
    out.push_back(std::move(m));
  });
}

void MethodProbe::locate_in_impl(Member& m) {
  if (!m.from_trait || !m.trait) return;
  TyArena& a = t_.arena;
  TyKind k = a.kind(m.self_ty);
  if (k == TyKind::Param || k == TyKind::Infer || k == TyKind::Unknown || k == TyKind::Dyn ||
      k == TyKind::Opaque)
    return;
  const GenericDefs& g = t_.trait_generics(m.trait);
  TraitBound b;
  b.trait = m.trait;
  for (size_t i = 1; i < g.params.size(); ++i) {
    TyId v = a.fresh();
    for (const auto& [p, x] : m.subst) {
      if (p == g.params[i]) v = x;
    }
    b.args.push_back(v);
  }
  size_t snap = a.snapshot();
  Selection sel = s_.select(m.self_ty, b);
  a.rollback(snap);
  if (sel.kind != Selection::Kind::Impl) return;
  const ImplHeader& h = *sel.impl;
  if (a.kind(h.self_ty) == TyKind::Param) {
    m.universal = true;
    for (const Predicate& p : h.generics.predicates)
      m.universal = m.universal && p.self != h.self_ty;
  }
  bool found = false;
  for_each_assoc_item(t_.db, h.ref.krate, h.loc.file, h.loc.item, [&](FileId f, uint32_t c) {
    if (found) return;
    const index::ItemTree& tree = t_.db.item_tree(f);
    const index::Item& it = tree.items[c];
    if (tree.str(it.name) != m.name) return;
    if ((it.kind == ItemKind::Fn) != (m.kind == Member::Kind::Method)) return;
    m.def_loc = ItemLoc{f, c, h.ref.module};
    m.def_owner = h.ref.krate;
    found = true;
  });
}

// ---------------------------------------------------------------- picking

std::optional<Member> MethodProbe::field(TyId receiver, std::string_view name) {
  std::vector<TyId> steps = autoderef(receiver);
  for (uint32_t k = 0; k < steps.size(); ++k) {
    std::vector<Member> fields;
    field_members(steps[k], k, fields);
    for (Member& m : fields) {
      if (m.name == name) return std::move(m);
    }
  }
  return std::nullopt;
}

std::optional<Member> MethodProbe::method(TyId receiver, std::string_view name) {
  return pick(receiver, name, true);
}

std::optional<Member> MethodProbe::pick(TyId receiver, std::string_view name, bool /*methods*/) {
  TyArena& a = t_.arena;
  std::vector<TyId> steps = autoderef(receiver);
  // The traits in scope that have a method of this name.
  std::vector<std::pair<Def, const TyDb::AssocItem*>> trait_cands;
  for (const Def& tr : traits_) {
    for (const TyDb::AssocItem& it : t_.trait_items(tr)) {
      if (it.kind == ItemKind::Fn && it.name == name) trait_cands.emplace_back(tr, &it);
    }
  }
  auto matches = [&](const Member& m, TyId recv) {
    const FnSig& sig =
        t_.fn_sig(m.loc, m.owner, m.from_trait ? nullptr : m.impl, m.from_trait ? m.trait : Def{});
    if (!sig.valid || sig.self_kind == index::SelfKind::None) return false;
    return a.can_unify(a.substitute(sig.self_param, m.subst), recv);
  };
  for (uint32_t k = 0; k < steps.size(); ++k) {
    TyId step = steps[k];
    std::vector<Member> inherent;
    inherent_members(step, k, inherent, true, name);
    TyKind kind = a.kind(step);
    if (kind == TyKind::Param || kind == TyKind::Projection || kind == TyKind::Dyn ||
        kind == TyKind::Opaque) {
      for (const TraitBound& b : s_.bounds_of(step)) {
        const GenericDefs& g = t_.trait_generics(b.trait);
        if (g.params.empty()) continue;
        Subst s;
        s.emplace_back(g.params[0], step);
        for (size_t i = 1; i < g.params.size(); ++i)
          s.emplace_back(g.params[i], i - 1 < b.args.size() ? b.args[i - 1] : a.fresh());
        trait_members(step, b.trait, k, inherent, true, &s, name);
      }
    }
    for (uint8_t adj = 0; adj < 3; ++adj) {
      TyId recv = adj == 0 ? step : a.ref(step, adj == 2);
      for (Member& m : inherent) {
        if (!matches(m, recv)) continue;
        m.autoref = adj;
        m.step = k;
        return std::move(m);
      }
      for (const auto& [tr, it] : trait_cands) {
        std::optional<ItemLoc> tloc = t_.loc_of(tr);
        if (!tloc) continue;
        Member m = member_for(it->file, it->item, tr.krate, tloc->module);
        m.from_trait = true;
        m.trait = tr;
        m.deref_steps = k;
        m.step = k;
        m.autoref = adj;
        const GenericDefs& g = t_.trait_generics(tr);
        if (g.params.empty()) continue;
        size_t snap = a.snapshot();
        TyId self = a.fresh();
        Subst s;
        s.emplace_back(g.params[0], self);
        TraitBound b;
        b.trait = tr;
        for (size_t i = 1; i < g.params.size(); ++i) {
          TyId v = a.fresh();
          s.emplace_back(g.params[i], v);
          b.args.push_back(v);
        }
        m.subst = s;
        const FnSig& sig = t_.fn_sig(m.loc, m.owner, nullptr, tr);
        bool ok = sig.valid && sig.self_kind != index::SelfKind::None &&
                  a.unify(a.substitute(sig.self_param, s), recv) &&
                  s_.solve(self, b) != Certainty::No;
        if (ok) {
          for (auto& [p, v] : m.subst) v = a.zonk(v);
          m.self_ty = a.zonk(self);
        }
        a.rollback(snap);
        if (!ok) continue;
        locate_in_impl(m);
        return m;
      }
    }
  }
  return std::nullopt;
}

std::vector<Member> MethodProbe::dot_members(TyId receiver) {
  TyArena& a = t_.arena;
  std::vector<Member> out;
  std::vector<TyId> steps = autoderef(receiver);
  uint32_t level = 0;  // steps through Deref impls; a reference's target is the receiver itself
  for (uint32_t s = 0; s < steps.size(); ++s) {
    if (s > 0 && a.kind(steps[s - 1]) != TyKind::Ref) ++level;
    uint32_t k = level;
    TyId step = steps[s];
    field_members(step, k, out);
    inherent_members(step, k, out, true);
    DefSet done;
    TyKind kind = a.kind(step);
    if (kind == TyKind::Param || kind == TyKind::Projection || kind == TyKind::Dyn ||
        kind == TyKind::Opaque) {
      for (const TraitBound& b : s_.bounds_of(step)) {
        if (done.contains(b.trait)) continue;
        done.insert(b.trait);
        trait_members(step, b.trait, k, out, true);
      }
    }
    for (const Def& tr : traits_) {
      if (done.contains(tr)) continue;
      if (tr == t_.lang().drop) continue;  // `x.drop()` may not be called (E0040)
      // Self = the step: every method (`self`, `&self`, `&mut self`). Self = `&step` or
      // `&mut step` (reached by autoref): only methods taking `self` by value.
      size_t snap = a.snapshot();
      Certainty c = s_.solve(step, s_.fresh_bound(tr));
      bool self_is_step = c != Certainty::No;
      a.rollback(snap);
      TyId by_ref = kUnknownTy;
      for (uint8_t adj = 1; adj < 3 && !self_is_step && by_ref == kUnknownTy; ++adj) {
        TyId recv = a.ref(step, adj == 2);
        c = s_.solve(recv, s_.fresh_bound(tr));
        if (c != Certainty::No) by_ref = recv;
        a.rollback(snap);
      }
      if (!self_is_step && by_ref == kUnknownTy) continue;
      done.insert(tr);
      size_t before = out.size();
      trait_members(self_is_step ? step : by_ref, tr, k, out, true);
      size_t keep = before;
      for (size_t i = before; i < out.size(); ++i) {
        if (!self_is_step) {
          const index::ItemTree& tree = t_.db.item_tree(out[i].loc.file);
          const index::Item& it = tree.items[out[i].loc.item];
          if (it.data == kNone || tree.fns[it.data].self_kind != index::SelfKind::Value) continue;
        }
        locate_in_impl(out[i]);
        out[i].uncertain = c == Certainty::Maybe;
        if (keep != i) out[keep] = std::move(out[i]);
        ++keep;
      }
      out.resize(keep);
    }
  }
  // A method whose `self` has a written type (`self: Box<Self>`, `self: Pin<&mut Self>`)
  // is callable only when that type is among the receiver's autoderef steps (by value or
  // auto-referenced): `into_string(self: Box<str>)` is not a method of `&str`.
  auto reachable = [&](const Member& m) {
    if (m.kind != Member::Kind::Method || m.loc.file == kNoIndex) return true;
    const index::ItemTree& tree = t_.db.item_tree(m.loc.file);
    const index::Item& it = tree.items[m.loc.item];
    if (it.data == kNone || tree.fns[it.data].self_kind != index::SelfKind::Typed) return true;
    const FnSig& sig =
        t_.fn_sig(m.loc, m.owner, m.from_trait ? nullptr : m.impl, m.from_trait ? m.trait : Def{});
    if (!sig.valid || sig.self_param == kUnknownTy) return true;
    TyId want = a.substitute(sig.self_param, m.subst);
    // `self: Pin<&mut Self>` (Future::poll) stays: pinning is the caller's next step
    // (`Pin::new(&mut fut).poll(cx)`), as racer and rust-analyzer offer it.
    if (a.kind(want) == TyKind::Adt && t_.lang().pin && a.data(want).def == t_.lang().pin)
      return true;
    for (TyId step : steps) {
      for (uint8_t adj = 0; adj < 3; ++adj) {
        if (a.can_unify(want, adj == 0 ? step : a.ref(step, adj == 2))) return true;
      }
    }
    return false;
  };
  // Each name once (a field and a method may share one): nearest step, inherent first.
  std::vector<Member> unique;
  std::unordered_set<std::string> seen;  // name, with a 'f' for fields: linear in members
  for (Member& m : out) {
    if (!reachable(m)) continue;
    if (seen.insert((m.kind == Member::Kind::Field ? "f" : "m") + m.name).second)
      unique.push_back(std::move(m));
  }
  return unique;
}

std::vector<Member> MethodProbe::assoc_members(TyId self) {
  TyArena& a = t_.arena;
  std::vector<Member> out;
  self = probe_type(s_.normalize(a.zonk(self)));
  if (a.kind(self) == TyKind::Unknown || a.kind(self) == TyKind::Infer) return out;
  inherent_members(self, 0, out, false);
  DefSet done;
  TyKind kind = a.kind(self);
  if (kind == TyKind::Param || kind == TyKind::Projection || kind == TyKind::Dyn ||
      kind == TyKind::Opaque) {
    for (const TraitBound& b : s_.bounds_of(self)) {
      if (done.contains(b.trait)) continue;
      done.insert(b.trait);
      trait_members(self, b.trait, 0, out, false);
    }
  }
  for (const Def& tr : traits_) {
    if (done.contains(tr)) continue;
    size_t snap = a.snapshot();
    Certainty c = s_.solve(self, s_.fresh_bound(tr));
    a.rollback(snap);
    if (c == Certainty::No) continue;
    done.insert(tr);
    size_t before = out.size();
    trait_members(self, tr, 0, out, false);
    for (size_t i = before; i < out.size(); ++i) {
      locate_in_impl(out[i]);
      out[i].uncertain = c == Certainty::Maybe;
    }
  }
  std::vector<Member> unique;
  std::unordered_set<std::string> seen;
  for (Member& m : out) {
    if (seen.insert(std::to_string(static_cast<int>(m.kind)) + ":" + m.name).second)
      unique.push_back(std::move(m));
  }
  return unique;
}

std::optional<Member> MethodProbe::assoc(TyId self, std::string_view name) {
  // As assoc_members, for one name: inherent items, a bound's, then a trait in scope
  // that declares the name and applies.
  TyArena& a = t_.arena;
  self = probe_type(s_.normalize(a.zonk(self)));
  TyKind kind = a.kind(self);
  if (kind == TyKind::Unknown || kind == TyKind::Infer) return std::nullopt;
  std::vector<Member> found;
  inherent_members(self, 0, found, false, name);
  if (!found.empty()) return std::move(found[0]);
  DefSet done;
  if (kind == TyKind::Param || kind == TyKind::Projection || kind == TyKind::Dyn ||
      kind == TyKind::Opaque) {
    for (const TraitBound& b : s_.bounds_of(self)) {
      if (done.contains(b.trait)) continue;
      done.insert(b.trait);
      trait_members(self, b.trait, 0, found, false, nullptr, name);
      if (!found.empty()) return std::move(found[0]);
    }
  }
  for (const Def& tr : traits_) {
    if (done.contains(tr)) continue;
    bool declares = false;
    for (const TyDb::AssocItem& it : t_.trait_items(tr)) declares |= it.name == name;
    if (!declares) continue;
    size_t snap = a.snapshot();
    Certainty c = s_.solve(self, s_.fresh_bound(tr));
    a.rollback(snap);
    if (c == Certainty::No) continue;
    trait_members(self, tr, 0, found, false, nullptr, name);
    if (found.empty()) continue;
    locate_in_impl(found[0]);
    found[0].uncertain = c == Certainty::Maybe;
    return std::move(found[0]);
  }
  return std::nullopt;
}

// ---------------------------------------------------------------- instantiation

Callable MethodProbe::instantiate(const Member& m, const std::vector<TyId>& explicit_args,
                                  bool with_self) {
  TyArena& a = t_.arena;
  Callable c;
  if (m.loc.file == kNoIndex) return c;
  const index::ItemTree& tree = t_.db.item_tree(m.loc.file);
  const index::Item& it = tree.items[m.loc.item];
  if (m.kind == Member::Kind::AssocConst) {
    if (it.data == kNone) return c;
    TypeContext ctx = m.from_trait ? t_.trait_context(m.trait)
                      : m.impl     ? m.impl->ctx
                                   : t_.context_at(m.loc, m.owner);
    ctx.tree = &tree;
    c.ret = a.substitute(lower_type(t_, ctx, tree.consts[it.data].type), m.subst);
    c.valid = true;
    return c;
  }
  if (m.kind != Member::Kind::Method) return c;
  const FnSig& sig =
      t_.fn_sig(m.loc, m.owner, m.from_trait ? nullptr : m.impl, m.from_trait ? m.trait : Def{});
  if (!sig.valid) return c;
  Subst s = m.subst;
  for (size_t i = 0; i < sig.own.params.size(); ++i) {
    s.emplace_back(sig.own.params[i], i < explicit_args.size() ? explicit_args[i] : a.fresh());
  }
  auto subst_pred = [&](const Predicate& p) {
    Predicate q;
    q.self = a.substitute(p.self, s);
    q.bound.trait = p.bound.trait;
    for (TyId x : p.bound.args) q.bound.args.push_back(a.substitute(x, s));
    for (const auto& [n, x] : p.bound.assoc) q.bound.assoc.emplace_back(n, a.substitute(x, s));
    return q;
  };
  // An `impl Trait` parameter is an anonymous generic: a variable with its bounds.
  auto param_type = [&](TyId p) {
    TyId t = a.substitute(p, s);
    const TyData& d = a.data(t);
    if (d.kind != TyKind::Opaque) return t;
    TyId v = a.fresh();
    std::vector<TraitBound> bounds = d.bounds;
    for (TraitBound& b : bounds) c.obligations.push_back(Predicate{v, std::move(b)});
    return v;
  };
  if (with_self && sig.self_kind != index::SelfKind::None)
    c.params.push_back(a.substitute(sig.self_param, s));
  for (TyId p : sig.params) c.params.push_back(param_type(p));
  c.ret = a.substitute(sig.ret, s);
  for (const Predicate& p : sig.own.predicates) c.obligations.push_back(subst_pred(p));
  if (m.from_trait && !sig.parent.predicates.empty())
    c.obligations.push_back(subst_pred(sig.parent.predicates[0]));
  c.valid = true;
  return c;
}

}  // namespace ferret::sema
