// Completion producers: names in scope (locals, block items, generic parameters, the
// module, the preludes, builtin types), module members, enum variants, associated
// items of types and traits, struct fields, trait items for impls, crate names.
#include "ide/completion.h"

#include <algorithm>
#include <set>

#include "ide/assoc_matches.h"
#include "ide/completion_ranking.h"
#include "ide/expansion_query.h"
#include "ide/importable_items.h"
#include "ide/item_matches.h"
#include "ide/keyword_completion.h"
#include "ide/lint_completion.h"
#include "ide/type_queries.h"
#include "ide/type_scopes.h"
#include "sema/body_scopes.h"
#include "sema/cfg_eval.h"
#include "sema/scope_lookup.h"

namespace ferret::ide {

using sema::Def;
using sema::DefKind;
using sema::Namespace;
using syntax::NodeId;
using syntax::SyntaxKind;
using syntax::SyntaxNode;

void rank_matches(std::vector<Match>& matches) {
  std::stable_sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
    if (a.hidden != b.hidden) return !a.hidden;
    bool a_out = a.relevance == Relevance::NotImported,
         b_out = b.relevance == Relevance::NotImported;
    if (a_out != b_out) return b_out;  // what is in scope first
    if (a.score != b.score) return a.score > b.score;
    if (a.relevance != b.relevance) return a.relevance < b.relevance;
    if (a.depth != b.depth) return a.depth < b.depth;
    return a.name < b.name;
  });
  std::set<std::tuple<std::string, std::string, uint32_t, uint32_t>> seen;
  std::vector<Match> out;
  for (Match& m : matches) {
    if (seen.insert({m.name, m.path, m.line, m.col}).second) out.push_back(std::move(m));
  }
  matches = std::move(out);
}

namespace {

bool has_prefix(std::string_view name, std::string_view prefix) {
  return name.size() >= prefix.size() && name.compare(0, prefix.size(), prefix) == 0;
}

// Which namespace a match's name lives in, for shadowing: a local `x` hides an outer
// value `x` but not a module `x`.
int namespace_of(MatchKind k) {
  switch (k) {
    case MatchKind::Let:
    case MatchKind::FnArg:
    case MatchKind::For:
    case MatchKind::IfLet:
    case MatchKind::WhileLet:
    case MatchKind::MatchArm:
    case MatchKind::Function:
    case MatchKind::Method:
    case MatchKind::Const:
    case MatchKind::Static: return static_cast<int>(Namespace::Values);
    case MatchKind::Macro: return static_cast<int>(Namespace::Macros);
    default: return static_cast<int>(Namespace::Types);
  }
}

struct Sink {
  std::string_view prefix;
  std::vector<Match>& out;
  std::set<std::pair<std::string, int>> seen;  // (name, namespace) already offered by an inner scope

  bool wants(std::string_view name) const { return has_prefix(name, prefix); }
  bool shadowed(std::string_view name, int ns) const { return seen.count({std::string(name), ns}) != 0; }
  void add(Match m) { out.push_back(std::move(m)); }
  // Adds m unless an inner scope already offered its name in its namespace.
  void add_scoped(Match m, std::string_view name) {
    int ns = namespace_of(m.kind);
    if (shadowed(name, ns)) return;
    seen.insert({std::string(name), ns});
    out.push_back(std::move(m));
  }
};

// Entries of one module's scope visible from (krate, module).
void module_members(Query& q, const Def& module, Sink& sink, bool macros, Relevance rel, bool shadow) {
  sema::DatabaseMaps maps(q.db);
  if (module.kind == DefKind::Module && module.index >= q.db.def_map(module.krate).modules.size()) return;
  const sema::DefMap& dm = q.db.def_map(module.krate);
  sema::for_each_scope_name(maps, module, q.krate, q.module, [&](sema::NameId name_id, int n, const sema::ScopeDef& sd) {
    std::string_view name = q.db.names().name(name_id);
    if (!sink.wants(name)) return;
    if (n == static_cast<int>(Namespace::Macros) && !macros) return;
    if (sd.def.kind == DefKind::Item && sd.def.krate != q.krate) {
      const sema::ItemLoc& il = q.db.def_map(sd.def.krate).items[sd.def.index];
      bool reexported = sd.import != sema::kNoIndex || sd.from_glob;
      if (!offered_in_completion(q, sd.def.krate, il, reexported)) return;
    }
    if (shadow && sink.shadowed(name, n)) return;
    // A name in two namespaces for the same item (tuple struct) is one match.
    if (n == 1 && sd.def.kind == DefKind::Item) {
      sema::PerNs both = sema::lookup_in_module(maps, module, name_id, q.krate, q.module);
      if (both[Namespace::Types].def == sd.def) return;
    }
    // A macro_rules! of this file written after the cursor is not in textual scope yet
    // (an exported one is still usable by path).
    if (n == static_cast<int>(Namespace::Macros) && sd.def.kind == DefKind::Item && sd.def.krate == q.krate &&
        sd.from_glob && sd.import == sema::kNoIndex) {
      const sema::ItemLoc& ml = dm.items[sd.def.index];
      if (ml.file == q.file && q.db.item(ml).kind == index::ItemKind::MacroRules && q.db.item(ml).start > q.offset) return;
    }
    // An alias (`use x as y`): racer shows it as the alias.
    bool aliased = false;
    if (sd.import != sema::kNoIndex && !sd.from_glob && module.krate == q.krate) {
      const sema::ImportRecord& rec = dm.imports[sd.import];
      if (rec.import != sema::kNoIndex) {
        const index::ItemTree& t = q.db.item_tree(rec.file);
        aliased = !t.imports[rec.import].alias.empty();
      }
    }
    Match m = aliased ? match_for_import_alias(q.db, module.krate, sd.import) : match_for_def(q.db, sd.def, name, rel);
    m.relevance = rel;
    if (shadow) sink.seen.insert({std::string(name), n});
    sink.add(std::move(m));
  });
}

void enum_variants(Query& q, const Def& en, Sink& sink) {
  const sema::DefMap& dm = q.db.def_map(en.krate);
  const sema::ItemLoc& loc = dm.items[en.index];
  const index::ItemTree& t = q.db.item_tree(loc.file);
  for (uint32_t id = en.index + 1; id < dm.items.size(); ++id) {
    const sema::ItemLoc& vl = dm.items[id];
    if (vl.file != loc.file || t.items[vl.item].kind != index::ItemKind::Variant || t.items[vl.item].parent != loc.item) break;
    if (!sink.wants(t.str(t.items[vl.item].name))) continue;
    sink.add(match_for_item(q.db, vl, Relevance::Field));  // variants before methods
  }
}

// The items of an impl or trait block usable from the query, as matches.
void block_items(Query& q, sema::FileId file, uint32_t block, Relevance rel, Sink& sink,
                 std::set<std::string>* names_seen, const sema::ImplRef* impl = nullptr,
                 sema::CrateId owner = base::kNoCrate) {
  for_each_usable_assoc_item(q, owner, file, block, impl, [&](const sema::ItemLoc& loc, std::string_view name) {
    if (!sink.wants(name)) return;
    if (!offered_in_completion(q, owner == base::kNoCrate ? q.krate : owner, loc)) return;
    if (names_seen && !names_seen->insert(std::string(name)).second) return;
    sink.add(match_for_item(q.db, loc, rel));
  });
}

// Whether crate `from` depends on `on`, directly or not.
bool depends_on(const base::CrateGraph& g, sema::CrateId from, sema::CrateId on) {
  std::vector<uint8_t> seen(g.size(), 0);
  std::vector<sema::CrateId> stack{from};
  while (!stack.empty()) {
    sema::CrateId c = stack.back();
    stack.pop_back();
    if (c == on) return true;
    if (c >= g.size() || seen[c]) continue;
    seen[c] = 1;
    for (const base::CrateDependency& d : g[c].deps) stack.push_back(d.crate);
  }
  return false;
}

// Crates whose impls may hold items for `def`: its own crate, the query's crate and
// the crates the query's crate depends on that can implement traits for it (the
// orphan rule: those that depend on its crate).
std::vector<sema::CrateId> impl_crates(Query& q, const Def& def) {
  std::vector<sema::CrateId> out;
  auto add = [&](sema::CrateId c) {
    if (c != base::kNoCrate && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  };
  add(def.krate);
  add(q.krate);
  for (const base::CrateDependency& d : q.db.graph()[q.krate].deps) {
    // A proc-macro crate exports only macros: its impls are never seen by others.
    if (d.crate >= q.db.graph().size() || q.db.graph()[d.crate].proc_macro) continue;
    if (def.kind == DefKind::BuiltinType || depends_on(q.db.graph(), d.crate, def.krate)) add(d.crate);
  }
  if (def.kind == DefKind::BuiltinType) {
    for (sema::CrateId c = 0; c < q.db.graph().size(); ++c) {
      const base::CrateData& cd = q.db.graph()[c];
      if (cd.origin == base::CrateOrigin::Sysroot && (cd.name == "core" || cd.name == "alloc" || cd.name == "std")) add(c);
    }
  }
  return out;
}

}  // namespace

void collect_assoc_items(Query& q, const Def& def, std::vector<Match>& out, std::string_view prefix) {
  Sink sink{"", out, {}};
  if (!def) return;
  if (def.kind == DefKind::Item) {
    const sema::ItemLoc& loc = q.db.def_map(def.krate).items[def.index];
    const index::ItemTree& t = q.db.item_tree(loc.file);
    const index::Item& it = t.items[loc.item];
    if (it.kind == index::ItemKind::Trait) {
      trait_items_with_supertraits(q, def, out);
      return;
    }
    if (it.kind == index::ItemKind::TypeAlias && it.data != index::kNone) {
      // The aliased type's items.
      const index::TypeAliasData& ta = t.type_aliases[it.data];
      sema::SelfTypeKey key = sema::ImplIndex::key_for_type(q.db, def.krate, loc.module, t, ta.type);
      if (key.shape == sema::SelfTypeKey::Shape::Def && !(key.def == def)) collect_assoc_items(q, key.def, out, prefix);
      return;
    }
    if (it.kind == index::ItemKind::Enum) enum_variants(q, def, sink);
  }
  sema::SelfTypeKey key;
  key.shape = sema::SelfTypeKey::Shape::Def;
  key.def = def;
  std::set<std::string> inherent_names;
  std::vector<sema::ImplRef> trait_impls;
  for (sema::CrateId c : impl_crates(q, def)) {
    for (const sema::ImplRef& impl : q.impls.impls_in(q.db, c, key)) {
      const sema::ItemLoc& loc = q.db.def_map(impl.krate).items[impl.item];
      if (impl.trait) {
        trait_impls.push_back(impl);
      } else {
        block_items(q, loc.file, loc.item, Relevance::Inherent, sink, &inherent_names, &impl, impl.krate);
      }
    }
  }
  // Trait impls: the impl's items, and the trait's default items it does not override.
  std::set<std::string> trait_names = inherent_names;
  for (const sema::ImplRef& impl : trait_impls) {
    const sema::ItemLoc& loc = q.db.def_map(impl.krate).items[impl.item];
    block_items(q, loc.file, loc.item, Relevance::Trait, sink, &trait_names, &impl, impl.krate);
    if (impl.trait.kind == DefKind::Item) {
      const sema::ItemLoc& tl = q.db.def_map(impl.trait.krate).items[impl.trait.index];
      block_items(q, tl.file, tl.item, Relevance::Trait, sink, &trait_names, nullptr, impl.trait.krate);
    }
  }
  // Blanket impls (`impl<T: Tr> Other for T`) of traits in scope.
  blanket_assoc_items(q, def, prefix, trait_names, out);
}

Def enclosing_self_type(Query& q) {
  const index::ItemTree& t = q.file_tree();
  uint32_t best = q.enclosing_impl_or_trait();
  if (best == index::kNone) return {};
  const index::Item& it = t.items[best];
  if (it.kind == index::ItemKind::Trait) {
    // The trait itself: find its def in the module's scope.
    sema::DatabaseMaps maps(q.db);
    sema::PerNs p = sema::lookup_lexical(maps, q.krate, q.module, q.db.names().intern(t.str(it.name)));
    return p[Namespace::Types].def;
  }
  const index::ImplData& d = t.impls[it.data];
  sema::SelfTypeKey key = sema::ImplIndex::key_for_type(q.db, q.krate, q.module, t, d.self_type);
  return key.shape == sema::SelfTypeKey::Shape::Def ? key.def : Def{};
}

namespace {

void generic_params_in_scope(Query& q, Sink& sink) {
  uint32_t anchor = q.offset > 0 ? q.offset - 1 : 0;
  for (NodeId n = q.tree.innermost_node_at(anchor); n != syntax::kNoNode; n = q.tree.at(n).parent) {
    SyntaxNode node = q.tree.node(n);
    if (!syntax::is_item(node.kind())) continue;
    SyntaxNode gl = node.child(SyntaxKind::GenericParamList);
    if (!gl) continue;
    for (SyntaxNode p : gl.children()) {
      if (p.kind() != SyntaxKind::TypeParam && p.kind() != SyntaxKind::ConstParam) continue;
      SyntaxNode name = p.child(SyntaxKind::Name);
      if (!name || !sink.wants(name.text())) continue;
      sink.add_scoped(match_for_syntax_name(q, name.id(), MatchKind::TypeParameter, collapse_whitespace(p.text())),
                      name.text());
    }
  }
}

// Items a bare name could mean once imported (`HashM` → `HashMap`, with
// `use std::collections::HashMap`): after two characters (a shorter prefix matches too
// much of every crate), those not already offered, at most kMaxImportCandidates.
constexpr size_t kMaxImportCandidates = 40;
constexpr size_t kMinImportPrefix = 2;

// True when the list was cut at kMaxImportCandidates (a longer prefix finds others).
bool not_imported_names(Query& q, const CompletionContext& c, Sink& sink) {
  if (c.prefix.size() < kMinImportPrefix) return false;
  // What is offered already (in scope, by any route) is not offered again to import.
  std::set<std::string> offered;  // by name: a unit struct is in two namespaces
  for (const Match& m : sink.out) {
    std::string n = m.name;
    if (!n.empty() && n.back() == '!') n.pop_back();
    offered.insert(n);
  }
  size_t added = 0;
  for_each_importable_item(
      q, [&](const Def& def, int ns, std::string_view name, const std::string& path) {
        if (!sink.wants(name) || def.krate >= q.db.graph().size()) return false;
        if (sink.shadowed(name, ns) || offered.count(std::string(name))) return false;
        if (c.in_type && ns != static_cast<int>(Namespace::Types)) return false;
        const sema::ItemLoc& il = q.db.def_map(def.krate).items[def.index];
        if (!offered_in_completion(q, def.krate, il, true)) return false;
        // A macro_rules! is nameable by path only when exported.
        const index::Item& it = q.db.item(il);
        if (it.kind == index::ItemKind::MacroRules && !(it.flags & index::kItemMacroExport))
          return false;
        Match m = match_for_def(q.db, def, name, Relevance::NotImported);
        if (m.kind == MatchKind::Module) return false;
        m.relevance = Relevance::NotImported;
        m.import = path;
        offered.insert(std::string(name));
        sink.add(std::move(m));
        return ++added >= kMaxImportCandidates;
      });
  return added >= kMaxImportCandidates;
}

void scope_names(Query& q, Sink& sink, bool types_only, bool macros_only) {
  if (!types_only && !macros_only) {
    sema::BodyScope scope = sema::body_scope_at(q.tree, q.offset);
    for (const sema::LocalBinding& b : scope.bindings) {
      if (!sink.wants(b.name)) continue;
      // A binding still being typed (`let fo$0`) is not a completion of itself.
      if (b.name_offset <= q.offset && q.offset <= b.name_offset + b.name.size()) continue;
      sink.add_scoped(match_for_local(q, b), b.name);
    }
    for (const sema::LocalItem& it : scope.items) {
      if (!sink.wants(it.name)) continue;
      sink.add_scoped(match_for_local_item(q, it), it.name);
    }
  }
  if (!macros_only) generic_params_in_scope(q, sink);
  const sema::DefMap& dm = q.db.def_map(q.krate);
  module_members(q, Def{DefKind::Module, q.krate, q.module}, sink, true, Relevance::Item, true);
  // Block scopes see the names of the module they are in.
  for (sema::ModuleId m = q.module; m < dm.modules.size() && dm.modules[m].block;) {
    m = dm.modules[m].parent;
    if (m == sema::kNoIndex) break;
    module_members(q, Def{DefKind::Module, q.krate, m}, sink, true, Relevance::Item, true);
  }
  for (const auto& [name_id, krate] : dm.extern_prelude) {
    std::string_view name = q.db.names().name(name_id);
    if (!sink.wants(name)) continue;
    Match m = match_for_crate(q.db, krate, name);
    m.relevance = Relevance::Prelude;
    sink.add_scoped(std::move(m), name);
  }
  for (const auto& [name_id, def] : dm.macro_use_prelude) {
    std::string_view name = q.db.names().name(name_id);
    if (!sink.wants(name)) continue;
    sink.add_scoped(match_for_def(q.db, def, name, Relevance::Prelude), name);
  }
  if (dm.prelude) module_members(q, dm.prelude, sink, true, Relevance::Prelude, true);
  if (!macros_only) {
    for (uint32_t b = 0; b < static_cast<uint32_t>(sema::BuiltinType::Count_); ++b) {
      std::string_view name = sema::builtin_type_name(b);
      if (!sink.wants(name)) continue;
      sink.add_scoped(match_for_builtin(q.db, b), name);
    }
  }
  if (types_only || macros_only) {
    std::vector<Match> kept;
    for (Match& m : sink.out) {
      bool is_macro = m.kind == MatchKind::Macro;
      bool is_value = namespace_of(m.kind) == static_cast<int>(Namespace::Values);
      if (macros_only ? is_macro : (!is_macro && !is_value)) kept.push_back(std::move(m));
    }
    sink.out = std::move(kept);
  }
}

void use_tree_names(Query& q, Sink& sink) {
  const sema::DefMap& dm = q.db.def_map(q.krate);
  if (dm.edition <= 2015) {
    module_members(q, Def{DefKind::Module, q.krate, 0}, sink, false, Relevance::Item, true);
    return;
  }
  module_members(q, Def{DefKind::Module, q.krate, q.module}, sink, false, Relevance::Item, true);
  for (const auto& [name_id, krate] : dm.extern_prelude) {
    std::string_view name = q.db.names().name(name_id);
    if (!sink.wants(name)) continue;
    sink.add_scoped(match_for_crate(q.db, krate, name), name);
  }
}

// `<T as Trait>::` offers the trait's items; `<Type>::` the type's associated items.
void qualified_self_items(Query& q, NodeId qualified_self, Sink& sink) {
  SyntaxNode qs = q.tree.node(qualified_self);
  std::vector<SyntaxNode> types;
  for (SyntaxNode ch : qs.children()) {
    if (ch.kind() >= SyntaxKind::PathType && ch.kind() <= SyntaxKind::MacroType) types.push_back(ch);
  }
  bool has_trait = qs.own_token(syntax::TokenKind::KwAs) != UINT32_MAX && types.size() >= 2;
  SyntaxNode named = has_trait ? types[1] : (types.empty() ? SyntaxNode() : types[0]);
  if (!named || named.kind() != SyntaxKind::PathType || !named.child(SyntaxKind::Path)) return;
  bool self_type = false;
  sema::SimplePath p = syntax_path(q, named.child(SyntaxKind::Path).id(), syntax::kNoNode, self_type);
  if (self_type || p.segments.empty()) return;
  sema::DatabaseMaps maps(q.db);
  sema::PathResolution r = sema::resolve_path(maps, q.krate, q.module, p, false);
  Def target = r.complete ? r.defs[Namespace::Types].def : Def{};
  if (!target) return;
  q.note(has_trait ? "`<_ as Trait>::`: the trait's items" : "`<Type>::`: the type's associated items");
  std::vector<Match> items;
  if (has_trait) {
    trait_items_with_supertraits(q, target, items);
  } else {
    collect_assoc_items(q, target, items, sink.prefix);
  }
  for (Match& m : items) {
    if (sink.wants(m.name)) sink.add(std::move(m));
  }
}

void path_members(Query& q, const CompletionContext& c, Sink& sink, bool for_use) {
  if (c.qualifier.kind == index::PathKind::Absolute && c.qualifier.segments.empty() &&
      q.db.def_map(q.krate).edition > 2015) {
    // `::pre`: a crate name (and, as racer read it, the crate root's items).
    const sema::DefMap& dm = q.db.def_map(q.krate);
    for (const auto& [name_id, krate] : dm.extern_prelude) {
      std::string_view name = q.db.names().name(name_id);
      if (sink.wants(name)) sink.add_scoped(match_for_crate(q.db, krate, name), name);
    }
    module_members(q, Def{DefKind::Module, q.krate, 0}, sink, !for_use, Relevance::Item, true);
    return;
  }
  Def target;
  if (c.qualified_self != syntax::kNoNode) {
    if (c.qualifier.segments.empty()) qualified_self_items(q, c.qualified_self, sink);
    return;
  }
  if (c.qualifier_self_type) {
    if (c.qualifier.segments.size() == 1) {
      std::vector<Match> items;
      self_qualifier_items(q, items);
      for (Match& m : items) {
        if (sink.wants(m.name)) sink.add(std::move(m));
      }
    }
    return;
  }
  if (c.qualifier.kind == index::PathKind::Plain && c.qualifier.segments.size() == 1 && !for_use) {
    std::vector<Match> items;
    if (generic_qualifier_items(q, q.db.names().name(c.qualifier.segments[0]), items)) {
      for (Match& m : items) {
        if (sink.wants(m.name)) sink.add(std::move(m));
      }
      return;
    }
  }
  {
    sema::DatabaseMaps maps(q.db);
    sema::PathResolution r = sema::resolve_path(maps, q.krate, q.module, c.qualifier, for_use);
    if (!r.complete) {
      q.note("the qualifier did not resolve (" + std::to_string(r.resolved) + " of " +
             std::to_string(c.qualifier.segments.size()) + " segments)");
      return;
    }
    target = r.defs[Namespace::Types].def;
    if (!target) target = r.defs[Namespace::Values].def;
  }
  if (!target) return;
  if (target.kind == DefKind::Module) {
    q.note("the qualifier is a module: its names");
    module_members(q, target, sink, !for_use && !c.in_type, Relevance::Item, false);
    if (c.in_type) {
      // A type position (`impl fmt::Debug for`, `-> io::Result`): types and modules only.
      std::vector<Match> kept;
      for (Match& m : sink.out) {
        if (namespace_of(m.kind) == static_cast<int>(Namespace::Types)) kept.push_back(std::move(m));
      }
      sink.out = std::move(kept);
    }
    return;
  }
  if (for_use) {
    // `use Enum::` and `use Trait::`: variants / nothing else is importable.
    if (target.kind == DefKind::Item) {
      const sema::ItemLoc& loc = q.db.def_map(target.krate).items[target.index];
      if (q.db.item(loc).kind == index::ItemKind::Enum) enum_variants(q, target, sink);
    }
    return;
  }
  q.note("the qualifier is a type or trait: its associated items");
  std::vector<Match> items;
  collect_assoc_items(q, target, items, c.prefix);
  for (Match& m : items) {
    if (sink.wants(m.name)) sink.add(std::move(m));
  }
}

Def record_type(Query& q, NodeId record) {
  if (record == syntax::kNoNode) return {};
  SyntaxNode r = q.tree.node(record);
  SyntaxNode path = r.child(SyntaxKind::Path);
  if (!path) return {};
  bool self_type = false;
  sema::SimplePath p = syntax_path(q, path.id(), syntax::kNoNode, self_type);
  if (self_type && p.segments.size() == 1) return enclosing_self_type(q);
  sema::DatabaseMaps maps(q.db);
  sema::PathResolution res = sema::resolve_path(maps, q.krate, q.module, p, false);
  if (!res.complete) return {};
  Def d = res.defs[Namespace::Types].def;
  return d ? d : res.defs[Namespace::Values].def;
}

// A type alias stands for the type it names (`type P = Point; P { x }`).
Def through_aliases(Query& q, Def d) {
  for (int hop = 0; hop < 8 && d.kind == DefKind::Item; ++hop) {
    const sema::ItemLoc& loc = q.db.def_map(d.krate).items[d.index];
    const index::ItemTree& t = q.db.item_tree(loc.file);
    const index::Item& it = t.items[loc.item];
    if (it.kind != index::ItemKind::TypeAlias || it.data == index::kNone) break;
    sema::SelfTypeKey key = sema::ImplIndex::key_for_type(q.db, d.krate, loc.module, t, t.type_aliases[it.data].type);
    if (key.shape != sema::SelfTypeKey::Shape::Def) break;
    d = key.def;
  }
  return d;
}

void record_fields(Query& q, const CompletionContext& c, Sink& sink) {
  Def d = through_aliases(q, record_type(q, c.record));
  if (d.kind != DefKind::Item) return;
  const sema::ItemLoc& loc = q.db.def_map(d.krate).items[d.index];
  const index::ItemTree& t = q.db.item_tree(loc.file);
  // Fields already written are not offered again.
  std::set<std::string> written;
  SyntaxNode rec = q.tree.node(c.record);
  for (SyntaxNode list : rec.children()) {
    for (SyntaxNode f : list.children()) {
      if (f.range().touches(c.prefix_start)) continue;
      SyntaxNode first = f.first_child();
      if (first) written.insert(std::string(first.text()));
    }
  }
  t.for_each_child(loc.item, [&](uint32_t f) {
    const index::Item& it = t.items[f];
    if (it.kind != index::ItemKind::Field) return;
    std::string name(t.str(it.name));
    if (!sink.wants(name) || written.count(name)) return;
    Match m = match_for_item(q.db, sema::ItemLoc{loc.file, f, sema::kNoIndex}, Relevance::Field);
    sink.add(std::move(m));
  });
}

void impl_item_names(Query& q, const CompletionContext& c, Sink& sink) {
  SyntaxNode impl = q.tree.node(c.record);
  std::vector<SyntaxNode> types;
  for (SyntaxNode ch : impl.children()) {
    if (ch.kind() >= SyntaxKind::PathType && ch.kind() <= SyntaxKind::MacroType) types.push_back(ch);
  }
  if (impl.own_token(syntax::TokenKind::KwFor) == UINT32_MAX || types.empty()) return;
  SyntaxNode trait_path = types[0].child(SyntaxKind::Path);
  if (!trait_path) return;
  bool self_type = false;
  sema::SimplePath p = syntax_path(q, trait_path.id(), syntax::kNoNode, self_type);
  sema::DatabaseMaps maps(q.db);
  sema::PathResolution r = sema::resolve_path(maps, q.krate, q.module, p, false);
  Def trait = r.complete ? r.defs[Namespace::Types].def : Def{};
  if (trait.kind != DefKind::Item) return;
  const sema::ItemLoc& loc = q.db.def_map(trait.krate).items[trait.index];
  block_items(q, loc.file, loc.item, Relevance::Item, sink, nullptr, nullptr, trait.krate);
}

void extern_crate_names(Query& q, Sink& sink) {
  for (const base::CrateDependency& d : q.db.graph()[q.krate].deps) {
    if (d.crate == base::kNoCrate || !sink.wants(d.name)) continue;
    sink.add(match_for_crate(q.db, d.crate, d.name));
  }
}

}  // namespace

CompletionResult complete(Query& q) {
  CompletionResult result;
  result.context = completion_context(q);
  const CompletionContext& c = result.context;
  Sink sink{c.prefix, result.matches, {}};
  // `#[allow(clippy::do$0)]`: lint names (an attribute's arguments are no code).
  CompletionKind kind = lint_matches(q, c, result.matches) ? CompletionKind::None : c.kind;
  switch (kind) {
    case CompletionKind::None: break;
    case CompletionKind::Dot: {
      if (q.macro_body_tree) {
        // In a macro transcriber: where the code really is, in an expansion.
        uint32_t anchor = c.prefix_start;
        if (c.prefix.empty()) {
          uint32_t tok = q.tree.token_at_offset(c.prefix_start);
          while (tok > 0 && q.tree.tokens()[tok - 1].end() > c.prefix_start) --tok;
          if (tok > 0) anchor = q.tree.tokens()[tok - 1].start;
        }
        if (std::unique_ptr<Query> eq = expansion_query(q, anchor)) {
          CompletionContext c2 = completion_context(*eq);
          if (c2.kind == CompletionKind::Dot) {
            for (Match& m : dot_completions(*eq, c2)) sink.add(std::move(m));
            for (std::string& step : eq->trace) q.note(std::move(step));
            break;
          }
        }
      }
      for (Match& m : dot_completions(q, c)) sink.add(std::move(m));
      break;
    }
    case CompletionKind::Name:
      scope_names(q, sink, false, false);
      if (q.offer_imports_for_names) result.incomplete = not_imported_names(q, c, sink);
      break;
    case CompletionKind::MacroName: scope_names(q, sink, false, true); break;
    case CompletionKind::Path: path_members(q, c, sink, false); break;
    case CompletionKind::UseTree:
      if (c.qualifier.segments.empty() && c.qualifier.kind == index::PathKind::Plain) {
        use_tree_names(q, sink);
      } else {
        path_members(q, c, sink, true);
      }
      break;
    case CompletionKind::RecordExprField:
    case CompletionKind::RecordPatField: record_fields(q, c, sink); break;
    case CompletionKind::ExternCrate: extern_crate_names(q, sink); break;
    case CompletionKind::ImplItemName: impl_item_names(q, c, sink); break;
  }
  if (kind != CompletionKind::None) {  // not in a lint attribute's arguments
    fit_locals_to_expected_type(q, c, result.matches);
    keyword_matches(q, c, result.matches);
    postfix_snippets(q, c, result.matches);
  }
  // A macro call whose `!` is already written: names without the `!`.
  if (c.bang_follows) {
    for (Match& m : result.matches) {
      if (m.kind == MatchKind::Macro && !m.name.empty() && m.name.back() == '!') {
        m.name.pop_back();
        if (!m.snippet.empty() && m.snippet.back() == '!') m.snippet.pop_back();
      }
    }
  }
  // Items to import are looked for after a `.` once a prefix is typed, for a bare name
  // after kMinImportPrefix characters: before that, a longer prefix finds more.
  result.incomplete = result.incomplete || (kind == CompletionKind::Dot && c.prefix.empty()) ||
                      (kind == CompletionKind::Name && q.offer_imports_for_names &&
                       c.prefix.size() < kMinImportPrefix);
  score_matches(result.matches, ranking_signals(q, c, result.matches));
  rank_matches(result.matches);
  return result;
}

std::vector<Match> complete_qualified_name(sema::Database& db, sema::CrateId krate, std::string_view fqn) {
  std::vector<Match> out;
  size_t split = fqn.rfind("::");
  std::string_view prefix = split == std::string_view::npos ? fqn : fqn.substr(split + 2);
  std::string_view qualifier = split == std::string_view::npos ? std::string_view() : fqn.substr(0, split);
  const sema::DefMap& dm = db.def_map(krate);
  (void)dm;
  // A query standing at the crate root's start: no position, so an empty tree will do.
  sema::FileId root = db.file_id(db.graph()[krate].root_file);
  Query q(db, root, db.file_text(root), std::make_shared<const syntax::SyntaxTree>());
  q.krate = krate;
  q.module = 0;
  q.offset = 0;
  Sink sink{prefix, out, {}};
  if (qualifier.empty()) {
    scope_names(q, sink, false, false);
  } else {
    CompletionContext c;
    c.prefix = std::string(prefix);
    bool self_type = false;
    size_t pos = 0;
    bool first = true;
    while (pos <= qualifier.size()) {
      size_t e = qualifier.find("::", pos);
      std::string_view seg = qualifier.substr(pos, e == std::string_view::npos ? std::string_view::npos : e - pos);
      if (!seg.empty()) {
        if (first && seg == "crate") {
          c.qualifier.kind = index::PathKind::Crate;
        } else {
          c.qualifier.segments.push_back(db.names().intern(seg));
        }
      } else if (first) {
        c.qualifier.kind = index::PathKind::Absolute;
      }
      first = false;
      if (e == std::string_view::npos) break;
      pos = e + 2;
    }
    c.qualifier_self_type = self_type;
    path_members(q, c, sink, false);
  }
  rank_matches(out);
  return out;
}

}  // namespace ferret::ide
