// Builds, per crate, the map from self-type key to impl blocks.
#include "sema/impl_index.h"

#include <algorithm>

#include "sema/scope_lookup.h"

namespace ferret::sema {

SelfTypeKey ImplIndex::key_for_type(Database& db, CrateId krate, ModuleId module,
                                    const index::ItemTree& tree, uint32_t type) {
  DatabaseMaps maps(db);
  return key_for_type(maps, krate, module, tree, type);
}

SelfTypeKey ImplIndex::key_for_type(MapProvider& maps, CrateId krate, ModuleId module,
                                    const index::ItemTree& tree, uint32_t type) {
  SelfTypeKey key;
  if (type == index::kNone) return key;
  const index::TypeRef& t = tree.types[type];
  using Shape = SelfTypeKey::Shape;
  switch (t.kind) {
    case index::TypeKind::Slice: key.shape = Shape::Slice; return key;
    case index::TypeKind::Array: key.shape = Shape::Array; return key;
    case index::TypeKind::Ptr: key.shape = Shape::Ptr; return key;
    case index::TypeKind::Ref: key.shape = Shape::Ref; return key;
    case index::TypeKind::Tuple: key.shape = Shape::Tuple; return key;
    case index::TypeKind::FnPtr: key.shape = Shape::FnPtr; return key;
    case index::TypeKind::Never: key.shape = Shape::Never; return key;
    case index::TypeKind::DynTrait: key.shape = Shape::DynTrait; return key;
    case index::TypeKind::Path: {
      SimplePath p = simple_path(maps.db(), tree, t.a);
      if (p.segments.empty()) return key;
      PathResolution r = resolve_path(maps, krate, module, p, false);
      Def d = r.complete ? r.defs[Namespace::Types].def : Def{};
      // A module named like a primitive (`use crate::str;`) leaves the primitive as a
      // type: `impl ToString for str` is str's (as in type lowering).
      if (d.kind == DefKind::Module && p.segments.size() == 1 && p.kind == index::PathKind::Plain) {
        if (Def prim = builtin_type(maps.db().names().name(p.segments[0]))) d = prim;
      }
      if (d) {
        key.shape = Shape::Def;
        key.def = d;
      }
      return key;
    }
    default: return key;
  }
}

namespace {

// The std trait named like the unresolved trait of impl `loc` (in the modules that
// hold the traits people implement), or None.
Def std_trait_named(Database& db, CrateId /*krate*/, const ItemLoc& loc) {
  const index::ItemTree& tree = db.item_tree(loc.file);
  const index::Item& it = tree.items[loc.item];
  if (it.data == index::kNone) return {};
  uint32_t path = tree.impls[it.data].trait_path;
  if (path == index::kNone) return {};
  const index::Path& p = tree.paths[path];
  if (p.segments_end - p.segments_begin != 1) return {};
  NameId name = db.names().intern(tree.str(tree.segments[p.segments_begin].name));
  static const char* const kModules[][2] = {
      {"core", "ops"},  {"core", "convert"}, {"core", "iter"},   {"core", "fmt"},  {"core", "cmp"},
      {"core", "hash"}, {"core", "borrow"},  {"core", "str"},    {"core", "default"}, {"core", "clone"},
      {"core", "future"}, {"core", "marker"}, {"std", "io"},     {"std", "error"}};
  DatabaseMaps maps(db);
  for (CrateId c = 0; c < db.graph().size(); ++c) {
    const base::CrateData& cd = db.graph()[c];
    if (cd.origin != base::CrateOrigin::Sysroot) continue;
    for (const auto& [crate_name, module] : kModules) {
      if (cd.name != crate_name) continue;
      Def m = lookup_in_module(maps, Def{DefKind::Module, c, 0}, db.names().intern(module), c, 0)[Namespace::Types].def;
      if (!m) continue;
      Def t = lookup_in_module(maps, m, name, c, 0)[Namespace::Types].def;
      if (t.kind == DefKind::Item && db.item(db.def_map(t.krate).items[t.index]).kind == index::ItemKind::Trait) return t;
    }
  }
  return {};
}

}  // namespace

// A def map's impls are sorted by self type, so a type's impls are one range of them;
// the refs are made for the types a query asks about, not for every impl of std.
ImplIndex::CrateImpls& ImplIndex::crate_impls(Database& db, CrateId krate) {
  CrateImpls& ci = crates_[krate];
  const DefMap& dm = db.def_map(krate);
  if (!ci.built || ci.for_map != dm.result_hash) {  // first use, or the map was rebuilt
    ci.built = true;
    ci.for_map = dm.result_hash;
    ci.by_type.clear();
    ci.blanket.clear();
    auto lo = std::partition_point(dm.impls.begin(), dm.impls.end(), [](const DefMap::ImplEntry& e) {
      return e.self_key.shape < SelfTypeKey::Shape::Other;
    });
    for (auto it = lo; it != dm.impls.end() && it->self_key.shape == SelfTypeKey::Shape::Other; ++it) {
      if (!it->trait) continue;
      if (std::optional<ImplRef> r = make_ref(db, krate, *it)) ci.blanket.push_back(*r);
    }
  }
  return ci;
}

std::optional<ImplRef> ImplIndex::make_ref(Database& db, CrateId krate, const DefMap::ImplEntry& e) {
  Def trait = e.trait;
  if (e.trait_unresolved) {
    // Code being written may implement a std trait it forgot to import
    // (`impl Deref for B` without `use std::ops::Deref`): found by name. Anything
    // else stays an impl of an unknown trait, whose items still count as the type's.
    bool local = db.graph()[krate].origin == base::CrateOrigin::Workspace ||
                 db.graph()[krate].origin == base::CrateOrigin::LoneFile;
    if (!local) return std::nullopt;
    trait = std_trait_named(db, krate, db.def_map(krate).items[e.item]);
  }
  return ImplRef{krate, e.item, e.module, trait, e.inactive};
}

const std::vector<ImplRef>& ImplIndex::impls_in(Database& db, CrateId krate, const SelfTypeKey& key) {
  CrateImpls& ci = crate_impls(db, krate);
  auto found = ci.by_type.find(key);
  if (found != ci.by_type.end()) return found->second;
  std::vector<ImplRef> refs;
  if (key.shape != SelfTypeKey::Shape::Other) {
    const DefMap& dm = db.def_map(krate);
    auto [lo, hi] = std::equal_range(dm.impls.begin(), dm.impls.end(), key, DefMap::ImplEntryOrder{});
    for (auto it = lo; it != hi; ++it) {
      if (std::optional<ImplRef> r = make_ref(db, krate, *it)) refs.push_back(*r);
    }
  }
  return ci.by_type.emplace(key, std::move(refs)).first->second;
}

const std::vector<ImplRef>& ImplIndex::blanket_impls(Database& db, CrateId krate) {
  return crate_impls(db, krate).blanket;
}

}  // namespace ferret::sema
