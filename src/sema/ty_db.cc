// Memoized item facts as type terms, language items, crate visibility (see ty_db.h).
#include "sema/ty_db.h"

#include <algorithm>

#include "sema/assoc_items.h"
#include "sema/cfg_eval.h"
#include "sema/scope_lookup.h"
#include "sema/ty_lower.h"

namespace ferret::sema {

using index::ItemKind;
using index::kNone;

namespace {
uint64_t def_key(const Def& d) { return (static_cast<uint64_t>(d.krate) << 32) | d.index; }
}  // namespace

TyDb::TyDb(Database& d, TyArena& a, CrateId k, ModuleId m) : db(d), arena(a), krate(k), module(m) {
  const base::CrateGraph& g = db.graph();
  in_closure_.assign(g.size(), 0);
  std::vector<CrateId> stack{k};
  while (!stack.empty()) {
    CrateId c = stack.back();
    stack.pop_back();
    if (c >= g.size() || in_closure_[c]) continue;
    in_closure_[c] = 1;
    // A proc-macro crate's items are never seen by its dependents as types.
    if (c != k && g[c].proc_macro) continue;
    closure_.push_back(c);
    for (const base::CrateDependency& dep : g[c].deps) stack.push_back(dep.crate);
  }
}

bool TyDb::reaches(CrateId a, CrateId b) {
  if (a == b) return true;
  const base::CrateGraph& g = db.graph();
  if (a >= g.size() || b >= g.size()) return false;
  uint64_t key = (static_cast<uint64_t>(a) << 32) | b;
  auto it = reaches_.find(key);
  if (it != reaches_.end()) return it->second != 0;
  std::vector<uint8_t> seen(g.size(), 0);
  std::vector<CrateId> stack{a};
  bool found = false;
  while (!stack.empty() && !found) {
    CrateId c = stack.back();
    stack.pop_back();
    if (seen[c]) continue;
    seen[c] = 1;
    for (const base::CrateDependency& dep : g[c].deps) {
      if (dep.crate == b) found = true;
      if (dep.crate < g.size()) stack.push_back(dep.crate);
    }
  }
  reaches_[key] = found ? 1 : 0;
  return found;
}

Def TyDb::sysroot_item(std::string_view crate_name, std::initializer_list<std::string_view> path) {
  std::string key(crate_name);
  for (std::string_view s : path) key += "::" + std::string(s);
  auto it = sysroot_items_.find(key);
  if (it != sysroot_items_.end()) return it->second;
  Def found;
  // The sysroot's crate of that name; a crate standing in for it otherwise (a test's
  // minicore).
  std::vector<CrateId> order;
  for (CrateId c : closure_) {
    if (db.graph()[c].name == crate_name && db.graph()[c].origin == base::CrateOrigin::Sysroot) order.push_back(c);
  }
  for (CrateId c : closure_) {
    if (db.graph()[c].name == crate_name && db.graph()[c].origin != base::CrateOrigin::Sysroot) order.push_back(c);
  }
  for (CrateId c : order) {
    DatabaseMaps maps(db);
    Def cur{DefKind::Module, c, 0};
    for (std::string_view seg : path) {
      PerNs n = lookup_in_module(maps, cur, db.names().intern(seg), c, 0);
      cur = n[Namespace::Types].def;
      if (!cur) break;
    }
    found = cur;
    break;
  }
  sysroot_items_[key] = found;
  return found;
}

const LangItems& TyDb::lang() {
  if (lang_) return *lang_;
  LangItems l;
  auto core = [&](std::initializer_list<std::string_view> p) { return sysroot_item("core", p); };
  l.deref = core({"ops", "Deref"});
  l.deref_mut = core({"ops", "DerefMut"});
  l.index = core({"ops", "Index"});
  l.index_mut = core({"ops", "IndexMut"});
  l.fn = core({"ops", "Fn"});
  l.fn_mut = core({"ops", "FnMut"});
  l.fn_once = core({"ops", "FnOnce"});
  l.iterator = core({"iter", "Iterator"});
  l.into_iterator = core({"iter", "IntoIterator"});
  l.double_ended_iterator = core({"iter", "DoubleEndedIterator"});
  l.future = core({"future", "Future"});
  l.into_future = core({"future", "IntoFuture"});
  l.try_trait = core({"ops", "Try"});
  l.sized = core({"marker", "Sized"});
  l.copy = core({"marker", "Copy"});
  l.clone = core({"clone", "Clone"});
  l.drop = core({"ops", "Drop"});
  l.add = core({"ops", "Add"});
  l.sub = core({"ops", "Sub"});
  l.mul = core({"ops", "Mul"});
  l.div = core({"ops", "Div"});
  l.rem = core({"ops", "Rem"});
  l.bit_and = core({"ops", "BitAnd"});
  l.bit_or = core({"ops", "BitOr"});
  l.bit_xor = core({"ops", "BitXor"});
  l.shl = core({"ops", "Shl"});
  l.shr = core({"ops", "Shr"});
  l.neg = core({"ops", "Neg"});
  l.not_ = core({"ops", "Not"});
  l.option = core({"option", "Option"});
  l.result = core({"result", "Result"});
  l.poll = core({"task", "Poll"});
  l.range = core({"ops", "Range"});
  l.range_from = core({"ops", "RangeFrom"});
  l.range_to = core({"ops", "RangeTo"});
  l.range_inclusive = core({"ops", "RangeInclusive"});
  l.range_to_inclusive = core({"ops", "RangeToInclusive"});
  l.range_full = core({"ops", "RangeFull"});
  l.arguments = core({"fmt", "Arguments"});
  l.default_ = core({"default", "Default"});
  l.debug = core({"fmt", "Debug"});
  l.partial_eq = core({"cmp", "PartialEq"});
  l.eq = core({"cmp", "Eq"});
  l.partial_ord = core({"cmp", "PartialOrd"});
  l.ord = core({"cmp", "Ord"});
  l.hash = core({"hash", "Hash"});
  for (std::string_view m : {"Destruct", "Tuple", "Unsize", "StructuralPartialEq", "StructuralEq", "PointerSized"}) {
    if (Def d = core({"marker", m})) l.compiler_markers.push_back(d);
  }
  l.string = sysroot_item("alloc", {"string", "String"});
  l.vec = sysroot_item("alloc", {"vec", "Vec"});
  l.box = sysroot_item("alloc", {"boxed", "Box"});
  l.pin = sysroot_item("core", {"pin", "Pin"});
  lang_ = l;
  return *lang_;
}

std::optional<ItemLoc> TyDb::loc_of(const Def& d) {
  if (d.kind != DefKind::Item || d.krate >= db.graph().size()) return std::nullopt;
  const DefMap& dm = db.def_map(d.krate);
  if (d.index >= dm.items.size()) return std::nullopt;
  return dm.items[d.index];
}

std::string_view TyDb::name_of(const ItemLoc& loc) { return db.item_tree(loc.file).str(db.item(loc).name); }

TypeContext TyDb::context_at(const ItemLoc& loc, CrateId k) {
  TypeContext ctx;
  ctx.krate = k;
  ctx.module = loc.module;
  ctx.tree = &db.item_tree(loc.file);
  return ctx;
}

const AdtInfo& TyDb::adt(const Def& def) {
  auto& slot = adts_[def_key(def)];
  if (slot) return *slot;
  slot = std::make_unique<AdtInfo>();
  AdtInfo& info = *slot;
  std::optional<ItemLoc> loc = loc_of(def);
  if (!loc) return info;
  const index::ItemTree& tree = tree_of(*loc);
  const index::Item& it = tree.items[loc->item];
  if (it.kind != ItemKind::Struct && it.kind != ItemKind::Enum && it.kind != ItemKind::Union) return info;
  info.is_enum = it.kind == ItemKind::Enum;
  info.ctx = context_at(*loc, def.krate);
  uint32_t generics = it.data == kNone ? kNone : tree.adts[it.data].generics;
  GenericDefs g = add_generics(*this, info.ctx, generics, owner_key(*loc));
  info.params = g.params;
  if (generics != kNone) {
    const index::Generics& gs = tree.generics[generics];
    for (uint32_t i = gs.params_begin; i < gs.params_end; ++i) {
      const index::GenericParam& p = tree.generic_params[i];
      if (p.kind == index::GenericParamKind::Type) info.defaults.push_back(p.type);
      if (p.kind == index::GenericParamKind::Const) info.defaults.push_back(kNone);  // (a const's default is text)
    }
  }
  info.defaults.resize(info.params.size(), kNone);
  info.valid = true;
  return info;
}

const ImplHeader& TyDb::impl_header(const ImplRef& ref) {
  uint64_t key = (static_cast<uint64_t>(ref.krate) << 32) | ref.item;
  auto& slot = impls_[key];
  if (slot) return *slot;
  slot = std::make_unique<ImplHeader>();
  ImplHeader& h = *slot;
  h.ref = ref;
  const DefMap& dm = db.def_map(ref.krate);
  if (ref.item >= dm.items.size()) return h;
  h.loc = dm.items[ref.item];
  const index::ItemTree& tree = tree_of(h.loc);
  const index::Item& it = tree.items[h.loc.item];
  if (it.kind != ItemKind::Impl || it.data == kNone) return h;
  const index::ImplData& data = tree.impls[it.data];
  h.ctx = context_at(h.loc, ref.krate);
  h.generics = add_generics(*this, h.ctx, data.generics, owner_key(h.loc));
  h.self_ty = lower_type(*this, h.ctx, data.self_type);
  if (arena.has_unknown(h.self_ty) && ref.krate == krate) {
    // Code being written: `impl Foo<T>` missing its `<T>` declares T implicitly.
    std::vector<std::string> names;
    implicit_params(h.ctx, data.self_type, names, 0);
    for (const std::string& n : names) {
      TyId p = arena.param(n, owner_key(h.loc));
      h.ctx.params.emplace_back(n, p);
      h.generics.params.push_back(p);
    }
    if (!names.empty()) h.self_ty = lower_type(*this, h.ctx, data.self_type);
  }
  h.ctx.self_ty = h.self_ty;
  if (data.trait_path != kNone) {
    h.trait = lower_trait_ref(*this, h.ctx, data.trait_path);
    if (!h.trait.trait) h.trait.trait = ref.trait;
    h.ctx.self_trait = h.trait.trait;
    h.ctx.self_trait_args = h.trait.args;
    h.unresolved_trait = !h.trait.trait;
  }
  h.negative = (it.flags & index::kItemNegative) != 0;
  h.valid = !arena.is_unknown(h.self_ty);
  return h;
}

void TyDb::implicit_params(const TypeContext& ctx, uint32_t type_ref, std::vector<std::string>& out, int depth) {
  const index::ItemTree& tree = *ctx.tree;
  if (type_ref == kNone || type_ref >= tree.types.size() || depth > 8) return;
  const index::TypeRef& r = tree.types[type_ref];
  if (r.kind == index::TypeKind::Ref || r.kind == index::TypeKind::Ptr || r.kind == index::TypeKind::Slice ||
      r.kind == index::TypeKind::Array) {
    implicit_params(ctx, r.a, out, depth + 1);
    return;
  }
  if (r.kind == index::TypeKind::Tuple) {
    for (uint32_t k = r.list_begin; k < r.list_end; ++k) implicit_params(ctx, tree.type_lists[k], out, depth + 1);
    return;
  }
  if (r.kind != index::TypeKind::Path || r.a == kNone) return;
  const index::Path& p = tree.paths[r.a];
  if (p.segments_end == p.segments_begin) return;
  const index::PathSegment& last = tree.segments[p.segments_end - 1];
  for (uint32_t a = last.args_begin; a < last.args_end; ++a) {
    const index::GenericArg& g = tree.generic_args[a];
    if (g.kind == index::GenericArgKind::Type) implicit_params(ctx, g.type, out, depth + 1);
  }
  if (p.segments_end - p.segments_begin != 1 || p.kind != index::PathKind::Plain || last.args_end > last.args_begin) return;
  std::string name(tree.str(last.name));
  if (name == "Self") return;
  for (const auto& [n, t] : ctx.params) {
    if (n == name) return;
  }
  DatabaseMaps maps(db);
  PathResolution res = resolve_path(maps, ctx.krate, ctx.module, simple_path(db, tree, r.a), false);
  if (res.complete && res.defs[Namespace::Types].def) return;
  if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
}

const TyDb::TraitInfo& TyDb::trait_info(const Def& trait) {
  auto& slot = traits_[def_key(trait)];
  if (slot) return *slot;
  slot = std::make_unique<TraitInfo>();
  GenericDefs& g = slot->generics;
  std::optional<ItemLoc> loc = loc_of(trait);
  if (!loc) return *slot;
  const index::ItemTree& tree = tree_of(*loc);
  const index::Item& it = tree.items[loc->item];
  if (it.kind != ItemKind::Trait) return *slot;
  TypeContext& ctx = slot->ctx;
  ctx = context_at(*loc, trait.krate);
  TyId self = arena.param("Self", owner_key(*loc));
  ctx.params.emplace_back("Self", self);
  ctx.self_ty = self;
  ctx.self_trait = trait;
  const index::TraitData* td = it.data == kNone ? nullptr : &tree.traits[it.data];
  GenericDefs own = add_generics(*this, ctx, td ? td->generics : kNone, owner_key(*loc));
  ctx.self_trait_args = own.params;
  g.params.push_back(self);
  for (TyId p : own.params) g.params.push_back(p);
  TraitBound me;
  me.trait = trait;
  me.args = own.params;
  g.predicates.push_back(Predicate{self, me});
  if (td) lower_bounds(*this, ctx, self, td->supertraits_begin, td->supertraits_end, g.predicates);
  for (Predicate& p : own.predicates) g.predicates.push_back(std::move(p));
  return *slot;
}

const GenericDefs& TyDb::trait_generics(const Def& trait) { return trait_info(trait).generics; }

TyId TyDb::trait_self(const Def& trait) {
  const GenericDefs& g = trait_generics(trait);
  return g.params.empty() ? kUnknownTy : g.params[0];
}

const std::vector<TyDb::AssocItem>& TyDb::trait_items(const Def& trait) {
  auto& slot = trait_items_[def_key(trait)];
  if (slot) return *slot;
  slot = std::make_unique<std::vector<AssocItem>>();
  std::optional<ItemLoc> loc = loc_of(trait);
  if (!loc) return *slot;
  const base::CfgOptions& cfg = db.graph()[trait.krate].cfg;
  std::vector<AssocItem>& out = *slot;
  for_each_assoc_item(db, trait.krate, loc->file, loc->item, [&](FileId f, uint32_t c) {
    const index::ItemTree& t = db.item_tree(f);
    const index::Item& it = t.items[c];
    if (it.kind != ItemKind::Fn && it.kind != ItemKind::Const && it.kind != ItemKind::TypeAlias) return;
    if (!cfg_enabled(t, it.cfg, cfg)) return;
    out.push_back(AssocItem{std::string(t.str(it.name)), f, c, it.kind});
  });
  return out;
}

std::vector<Predicate> TyDb::assoc_type_bounds(const Def& trait, std::string_view name) {
  std::vector<Predicate> out;
  for (const AssocItem& a : trait_items(trait)) {
    if (a.kind != ItemKind::TypeAlias || a.name != name) continue;
    const index::ItemTree& t = db.item_tree(a.file);
    const index::Item& it = t.items[a.item];
    if (it.data == kNone) break;
    const index::TypeAliasData& ta = t.type_aliases[it.data];
    TypeContext ctx = trait_context(trait);
    ctx.tree = &t;
    const GenericDefs& g = trait_generics(trait);
    std::vector<TyId> trait_args(g.params.begin() + (g.params.empty() ? 0 : 1), g.params.end());
    TyId self = arena.projection(trait, std::string(name), ctx.self_ty, trait_args);
    lower_bounds(*this, ctx, self, ta.bounds_begin, ta.bounds_end, out);
    break;
  }
  return out;
}

Def TyDb::trait_declaring(const Def& trait, std::string_view name, int depth) {
  if (!trait || depth > 8) return {};
  for (const AssocItem& a : trait_items(trait)) {
    if (a.kind == ItemKind::TypeAlias && a.name == name) return trait;
  }
  const GenericDefs& g = trait_generics(trait);
  for (size_t i = 1; i < g.predicates.size(); ++i) {
    if (g.params.empty() || g.predicates[i].self != g.params[0]) continue;
    if (Def d = trait_declaring(g.predicates[i].bound.trait, name, depth + 1)) return d;
  }
  return {};
}

TypeContext TyDb::trait_context(const Def& trait) { return trait_info(trait).ctx; }

const FnSig& TyDb::fn_sig(const ItemLoc& loc, CrateId k, const ImplHeader* impl, const Def& trait) {
  uint64_t key = owner_key(loc);
  auto& slot = fns_[key];
  if (slot) return *slot;
  slot = std::make_unique<FnSig>();
  FnSig& s = *slot;
  s.loc = loc;
  s.krate = k;
  const index::ItemTree& tree = tree_of(loc);
  const index::Item& it = tree.items[loc.item];
  if (it.kind != ItemKind::Fn || it.data == kNone) return s;
  const index::FnData& f = tree.fns[it.data];
  if (impl != nullptr) {
    s.ctx = impl->ctx;
    s.parent = impl->generics;
  } else if (trait) {
    s.ctx = trait_context(trait);
    s.parent = trait_generics(trait);
  }
  s.ctx.krate = k;
  s.ctx.module = loc.module;
  s.ctx.tree = &tree;
  s.own = add_generics(*this, s.ctx, f.generics, key);
  for (uint32_t p = f.params_begin; p < f.params_end; ++p) s.params.push_back(lower_type(*this, s.ctx, tree.params[p].type));
  s.ret = f.ret_type == kNone ? arena.unit() : lower_type(*this, s.ctx, f.ret_type);
  if ((it.flags & index::kItemAsync) != 0) {
    TyData fut;
    fut.kind = TyKind::Opaque;
    TraitBound b;
    b.trait = lang().future;
    b.assoc.emplace_back("Output", s.ret);
    fut.bounds.push_back(std::move(b));
    s.ret = b.trait || lang().future ? arena.intern(fut) : kUnknownTy;
    s.is_async = true;
  }
  s.self_kind = f.self_kind;
  TyId self = s.ctx.self_ty;
  switch (f.self_kind) {
    case index::SelfKind::None: break;
    case index::SelfKind::Value: s.self_param = self; break;
    case index::SelfKind::Ref: s.self_param = arena.ref(self, false); break;
    case index::SelfKind::RefMut: s.self_param = arena.ref(self, true); break;
    case index::SelfKind::Typed: s.self_param = lower_type(*this, s.ctx, f.self_type); break;
  }
  s.valid = true;
  return s;
}

}  // namespace ferret::sema
