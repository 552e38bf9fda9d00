// Name and path lookup over def maps.
#include "sema/scope_lookup.h"

#include <algorithm>
#include <functional>
#include <set>

#include "sema/database.h"
#include "sema/glob_walk.h"

namespace ferret::sema {

namespace {

constexpr std::string_view kBuiltinNames[] = {
    "bool", "char", "str", "i8",  "i16",  "i32",   "i64", "i128", "isize",
    "u8",   "u16",  "u32", "u64", "u128", "usize", "f32", "f64",
};

void fill_missing(PerNs& into, const PerNs& from) {
  for (int n = 0; n < kNamespaces; ++n) {
    if (!into.ns[n].def && from.ns[n].def) into.ns[n] = from.ns[n];
  }
}

Def module_def(CrateId krate, ModuleId m) {
  return Def{DefKind::Module, krate, m};
}

}  // namespace

const DefMap& DatabaseMaps::map(CrateId krate) {
  return db_.def_map(krate);
}

SimplePath simple_path(Database& db, const index::ItemTree& tree, uint32_t path) {
  SimplePath out;
  if (path == index::kNone) return out;
  const index::Path& p = tree.paths[path];
  out.kind = p.kind;
  out.super_count = p.super_count;
  if (p.kind == index::PathKind::DollarCrate) out.dollar_crate = tree.dollar_crate;
  for (uint32_t i = p.segments_begin; i < p.segments_end; ++i) {
    out.segments.push_back(db.names().intern(tree.str(tree.segments[i].name)));
  }
  return out;
}

bool is_ancestor_module(const DefMap& dm, ModuleId ancestor, ModuleId m) {
  for (int guard = 0; m != kNoIndex && m < dm.modules.size() && guard < 4096; ++guard) {
    if (m == ancestor) return true;
    m = dm.modules[m].parent;
  }
  return false;
}

bool is_visible(MapProvider& maps, const Visibility& vis, CrateId from_krate,
                ModuleId from_module) {
  if (vis.is_public) return true;
  if (vis.krate != from_krate) return false;
  if (from_module == kNoIndex) return false;
  return is_ancestor_module(maps.map(from_krate), vis.module, from_module);
}

Def builtin_type(std::string_view name) {
  for (uint32_t i = 0; i < std::size(kBuiltinNames); ++i) {
    if (kBuiltinNames[i] == name) return Def{DefKind::BuiltinType, base::kNoCrate, i};
  }
  return {};
}

std::string_view builtin_type_name(uint32_t index) {
  return index < std::size(kBuiltinNames) ? kBuiltinNames[index] : std::string_view("?");
}

namespace {

bool full(const PerNs& p) {
  return p.ns[0].def && p.ns[1].def && p.ns[2].def;
}

// The variants of enum `en` (registered as items right after it by the collector).
template <typename F>
void for_each_variant(MapProvider& maps, Def en, F&& f) {
  const DefMap& dm = maps.map(en.krate);
  const ItemLoc& loc = dm.items[en.index];
  const index::ItemTree& tree = maps.db().item_tree(loc.file);
  if (tree.items[loc.item].kind != index::ItemKind::Enum) return;
  for (uint32_t id = en.index + 1; id < dm.items.size(); ++id) {
    const ItemLoc& vl = dm.items[id];
    if (vl.file != loc.file || tree.items[vl.item].kind != index::ItemKind::Variant ||
        tree.items[vl.item].parent != loc.item) {
      break;
    }
    ScopeDef sd;
    sd.def = Def{DefKind::Item, en.krate, id};
    sd.from_glob = true;
    if (!f(tree.str(tree.items[vl.item].name), sd)) return;
  }
}

// `name` at one stop of a glob walk, filling the namespaces `out` still lacks.
void lookup_at(MapProvider& maps, const GlobStop& s, NameId name, PerNs& out) {
  if (s.target.kind == DefKind::Item) {
    std::string_view want = maps.db().names().name(name);
    for_each_variant(maps, s.target, [&](std::string_view n, const ScopeDef& sd) {
      if (n != want) return true;
      if (!out.ns[0].def) out.ns[0] = sd;
      if (!out.ns[1].def) out.ns[1] = sd;
      return false;
    });
    return;
  }
  const ModuleData& md = maps.map(s.target.krate).module(s.target.index);
  auto it = md.scope.find(name);
  if (it == md.scope.end()) return;
  for (int n = 0; n < kNamespaces; ++n) {
    const ScopeDef& sd = it->second.ns[n];
    if (!out.ns[n].def && sd.def && visible_to(maps, sd.vis, s.viewers)) {
      out.ns[n] = sd;
      if (s.parent != kNoIndex) out.ns[n].from_glob = true;
    }
  }
}

// A module's textual macros (macro_rules! in scope at its end), below its own names
// and never through globs; private to the module.
template <typename F>
void for_each_textual_macro(MapProvider& maps, Def module, CrateId from_krate, ModuleId from_module,
                            F&& f) {
  if (module.kind != DefKind::Module) return;
  const DefMap& dm = maps.map(module.krate);
  if (module.index >= dm.modules.size()) return;
  Visibility vis{false, module.krate, module.index};
  if (!is_visible(maps, vis, from_krate, from_module)) return;
  int guard = 0;
  for (uint32_t l = dm.modules[module.index].legacy_head;
       l < dm.legacy_macros.size() && guard < 1000000; ++guard) {
    const DefMap::LegacyMacro& lm = dm.legacy_macros[l];
    ScopeDef sd;
    sd.def = lm.def;
    sd.vis = vis;
    sd.from_glob = true;
    if (!f(lm.name, sd)) return;
    if (lm.prev >= l) return;  // chains only go back
    l = lm.prev;
  }
}

}  // namespace

PerNs lookup_in_module(MapProvider& maps, Def module, NameId name, CrateId from_krate,
                       ModuleId from_module) {
  PerNs out;
  GlobWalk walk(maps, module, from_krate, from_module);
  while (const GlobStop* s = walk.next()) {
    lookup_at(maps, *s, name, out);
    if (full(out)) break;
  }
  if (!out.ns[2].def) {
    for_each_textual_macro(maps, module, from_krate, from_module,
                           [&](NameId n, const ScopeDef& sd) {
                             if (n != name) return true;
                             out.ns[2] = sd;
                             return false;
                           });
  }
  return out;
}

std::vector<GlobHop> glob_route(MapProvider& maps, Def module, NameId name, CrateId from_krate,
                                ModuleId from_module) {
  GlobWalk walk(maps, module, from_krate, from_module);
  while (const GlobStop* s = walk.next()) {
    PerNs here;
    lookup_at(maps, *s, name, here);
    if (here.empty()) continue;
    std::vector<GlobHop> route;
    for (uint32_t i = static_cast<uint32_t>(walk.stops().size() - 1);
         walk.stops()[i].parent != kNoIndex; i = walk.stops()[i].parent) {
      const GlobStop& at = walk.stops()[i];
      route.push_back(GlobHop{walk.stops()[at.parent].target, at.glob});
    }
    std::reverse(route.begin(), route.end());
    return route;
  }
  return {};
}

void for_each_scope_name(MapProvider& maps, Def module, CrateId from_krate, ModuleId from_module,
                         const std::function<void(NameId, int, const ScopeDef&)>& f) {
  std::set<std::pair<NameId, int>> emitted;
  GlobWalk walk(maps, module, from_krate, from_module);
  while (const GlobStop* s = walk.next()) {
    bool via_glob = s->parent != kNoIndex;
    if (s->target.kind == DefKind::Item) {
      for_each_variant(maps, s->target, [&](std::string_view n, const ScopeDef& sd) {
        NameId name = maps.db().names().intern(n);
        for (int ns = 0; ns < 2; ++ns) {
          if (emitted.insert({name, ns}).second) f(name, ns, sd);
        }
        return true;
      });
      continue;
    }
    const ModuleData& md = maps.map(s->target.krate).module(s->target.index);
    for (const auto& [name, per] : md.scope) {
      for (int n = 0; n < kNamespaces; ++n) {
        const ScopeDef& sd = per.ns[n];
        if (!sd.def || !visible_to(maps, sd.vis, s->viewers)) continue;
        if (!emitted.insert({name, n}).second) continue;
        ScopeDef copy = sd;
        copy.from_glob |= via_glob;
        f(name, n, copy);
      }
    }
  }
  for_each_textual_macro(maps, module, from_krate, from_module, [&](NameId n, const ScopeDef& sd) {
    if (emitted.insert({n, 2}).second) f(n, 2, sd);
    return true;
  });
}

// The module `self` names from m: the nearest ancestor that is not a block scope.
ModuleId enclosing_real_module(const DefMap& dm, ModuleId m) {
  for (int guard = 0; m != kNoIndex && m < dm.modules.size() && dm.modules[m].block && guard < 4096;
       ++guard) {
    m = dm.modules[m].parent;
  }
  return m == kNoIndex ? 0 : m;
}

PerNs lookup_lexical(MapProvider& maps, CrateId krate, ModuleId module, NameId name) {
  const DefMap& dm = maps.map(krate);
  PerNs out;
  // Block scopes, innermost first, then the module they are in.
  for (ModuleId m = module; m < dm.modules.size();) {
    fill_missing(out, lookup_in_module(maps, module_def(krate, m), name, krate, module));
    if (!dm.modules[m].block) break;
    m = dm.modules[m].parent;
  }
  auto ext = dm.extern_prelude.find(name);
  if (ext != dm.extern_prelude.end() && !out.ns[0].def) {
    out.ns[0].def = module_def(ext->second, 0);
    out.ns[0].vis = Visibility{};
  }
  auto mac = dm.macro_use_prelude.find(name);
  if (mac != dm.macro_use_prelude.end() && !out.ns[2].def) {
    out.ns[2].def = mac->second;
    out.ns[2].vis = Visibility{};
  }
  if (dm.prelude && (!out.ns[0].def || !out.ns[1].def || !out.ns[2].def)) {
    fill_missing(out, lookup_in_module(maps, dm.prelude, name, krate, module));
  }
  if (!out.ns[0].def) {
    Def b = builtin_type(maps.db().names().name(name));
    if (b) {
      out.ns[0].def = b;
      out.ns[0].vis = Visibility{};
    }
  }
  return out;
}

Def path_start_module(MapProvider& maps, CrateId krate, ModuleId module, const SimplePath& path) {
  const DefMap& dm = maps.map(krate);
  switch (path.kind) {
    case index::PathKind::Crate: return module_def(krate, 0);
    case index::PathKind::DollarCrate:
      return module_def(path.dollar_crate != base::kNoCrate ? path.dollar_crate : krate, 0);
    case index::PathKind::SelfModule: return module_def(krate, enclosing_real_module(dm, module));
    case index::PathKind::Super: {
      ModuleId m = enclosing_real_module(dm, module);
      for (int i = 0; i < path.super_count; ++i) {
        if (m == kNoIndex || m >= dm.modules.size() || dm.modules[m].parent == kNoIndex) return {};
        m = enclosing_real_module(dm, dm.modules[m].parent);
      }
      return module_def(krate, m);
    }
    case index::PathKind::Absolute: return dm.edition <= 2015 ? module_def(krate, 0) : Def{};
    case index::PathKind::Plain: return {};
  }
  return {};
}

PathResolution resolve_path(MapProvider& maps, CrateId krate, ModuleId module,
                            const SimplePath& path, bool for_import) {
  PathResolution r;
  const DefMap& dm = maps.map(krate);
  Def current = path_start_module(maps, krate, module, path);
  size_t i = 0;
  if (!current) {
    if (path.segments.empty()) return r;
    NameId first = path.segments[0];
    PerNs found;
    Def scope;  // where the first segment is looked up (None: lexically)
    if (path.kind == index::PathKind::Absolute) {
      // 2018+: `::name` names an extern crate; racer read it as the crate root, so a
      // name that is no crate is looked up there too.
      auto ext = dm.extern_prelude.find(first);
      scope = module_def(krate, 0);
      if (ext != dm.extern_prelude.end()) {
        found.ns[0].def = module_def(ext->second, 0);
      } else {
        found = lookup_in_module(maps, scope, first, krate, module);
      }
    } else if (for_import && dm.edition <= 2015) {
      scope = module_def(krate, 0);
      found = lookup_in_module(maps, scope, first, krate, module);
      if (found.empty()) found = lookup_lexical(maps, krate, 0, first);
    } else {
      found = lookup_lexical(maps, krate, module, first);
    }
    if (found.empty()) {
      r.wait_segment = 0;
      r.wait_scope = scope;
      return r;
    }
    r.defs = found;
    r.last_scope = scope;
    r.resolved = 1;
    i = 1;
    if (path.segments.size() == 1) {
      r.complete = true;
      return r;
    }
    current = found.ns[0].def;
  } else {
    r.defs.ns[0].def = current;
    if (path.segments.empty()) {
      r.complete = true;
      return r;
    }
  }
  for (; i < path.segments.size(); ++i) {
    if (!current) {  // the segment before names no module or type
      r.wait_segment = static_cast<uint32_t>(i - 1);
      r.wait_scope = r.last_scope;
      return r;
    }
    bool is_enum = false;
    if (current.kind == DefKind::Item) {
      const DefMap& cdm = maps.map(current.krate);
      const ItemLoc& loc = cdm.items[current.index];
      is_enum = maps.db().item(loc).kind == index::ItemKind::Enum;
    }
    if (current.kind != DefKind::Module && !is_enum) {
      r.stuck_on = current;  // Type::assoc, Trait::item: not module scope
      return r;
    }
    PerNs next = lookup_in_module(maps, current, path.segments[i], krate, module);
    if (next.empty()) {
      if (is_enum) r.stuck_on = current;
      r.wait_segment = static_cast<uint32_t>(i);
      r.wait_scope = current;
      return r;
    }
    r.defs = next;
    r.last_scope = current;
    r.resolved = static_cast<uint32_t>(i + 1);
    current = next.ns[0].def;
  }
  r.complete = true;
  return r;
}

}  // namespace ferret::sema
