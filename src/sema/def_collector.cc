// The def collector: module tree, item definitions, extern crates, textual macro
// scopes, preludes, and import resolution to a fixed point.
#include "sema/def_collector.h"

#include <algorithm>
#include <deque>
#include <unordered_set>

#include "sema/cfg_eval.h"
#include "sema/database.h"
#include "sema/expansion_budget.h"
#include "sema/impl_index.h"
#include "sema/import_waits.h"
#include "sema/macro_expansion.h"
#include "sema/scope_lookup.h"
#include "syntax/lexer.h"
#include "syntax/literal_value.h"
#include "syntax/nesting_limit.h"

namespace ferret::sema {

using index::Item;
using index::ItemKind;
using index::ItemTree;
using index::kNone;

namespace {

constexpr size_t kMaxModules = 100000;
constexpr size_t kImportWorkBase = 4'000'000;  // import attempts per crate, plus
constexpr size_t kImportWorkPerImport = 64;    // this many per import
// Per crate (besides each call's own ExpansionBudget): calls expanded, and tokens
// produced (std's core, the most, makes about 1.5M).
constexpr size_t kMaxExpansions = 200000;
constexpr size_t kMaxCrateTokens = size_t{1} << 22;
constexpr size_t kMaxReportedMacroProblems = 20;

Def module_def(CrateId krate, ModuleId m) {
  return Def{DefKind::Module, krate, m};
}

bool full_per_ns(const PerNs& p) {
  return p.ns[0].def && p.ns[1].def && p.ns[2].def;
}

}  // namespace

class DefCollector : public MapProvider {
 public:
  DefCollector(Database& db, CrateId krate) : db_(db), krate_(krate), crate_(db.graph()[krate]) {
    dm_.krate = krate;
    dm_.edition = crate_.edition;
  }

  const DefMap& map(CrateId krate) override {
    if (krate == krate_) return dm_;
    // The dependencies name resolution looked into: only they can change this map.
    if (std::find(dm_.consulted.begin(), dm_.consulted.end(), krate) == dm_.consulted.end()) {
      dm_.consulted.push_back(krate);
    }
    return db_.def_map(krate);
  }
  Database& db() override { return db_; }

  DefMap run() {
    FileId root = db_.file_id(crate_.root_file);
    ModuleData rm;
    rm.file = root;
    rm.dir = parent_dir(db_.file_path(root));
    rm.mod_rs = true;
    dm_.modules.push_back(std::move(rm));
    if (!probe(db_.file_path(root))) {
      dm_.problems.push_back("crate root not found: " + db_.file_path(root));
      dm_.modules[0].file = kNoIndex;
      setup_extern_prelude();  // the dependencies still answer
    } else {
      prepare_file(root);
      const ItemTree& t = db_.item_tree(root);
      dm_.no_std = (t.file_flags & index::kFileNoStd) != 0;
      dm_.no_core = (t.file_flags & index::kFileNoCore) != 0;
      for (const index::Attr& a : t.file_attrs) {
        if (!cfg_enabled(t, a.cfg, crate_.cfg)) continue;
        if (a.kind == index::AttrKind::NoStd) dm_.no_std = true;
        if (a.kind == index::AttrKind::NoCore) dm_.no_core = true;
      }
      used_files_.insert(root);
      setup_extern_prelude();
      setup_implicit_macro_use();
      uint32_t legacy = kNoIndex;
      collect_items(0, root, kNone, legacy, 0);
      for (const std::string& extra : crate_.extra_root_files) {
        FileId f = db_.file_id(extra);
        if (used_files_.count(f) != 0) continue;
        if (!probe(db_.file_path(f))) continue;
        prepare_file(f);
        used_files_.insert(f);
        dm_.modules[0].extra_files.push_back(f);
        collect_items(0, f, kNone, legacy, 0);
      }
    }
    resolve_imports_and_macros();
    setup_prelude();
    resolve_impls();
    dm_.expansions.seal();
    return std::move(dm_);
  }

 private:
  // A macro call whose macro did not resolve when it was met (a path through imports
  // not resolved yet, a `#[macro_export]` macro defined further down).
  struct PendingCall {
    ModuleId module;
    FileId file;
    uint32_t item;
    uint32_t legacy;  // the textual macros in scope at the call (a chain head)
    int depth;
    bool assoc;     // in an impl or trait body: expands to associated items
    bool inactive;  // inside a cfg'd-out module
    bool done = false;
  };

  struct Directive {
    ModuleId module;
    FileId file;
    uint32_t use_item;
    uint32_t import;  // index in the file's item tree imports
    Visibility vis;
    uint32_t record;
    bool glob;
    bool done = false;
  };

  void prepare_file(FileId f) {
    db_.prepare_crate_file(f, krate_);
    dm_.probes.emplace_back(db_.file_path(f), true);
  }

  // A file system check the map depends on (recorded for the cache's validation).
  bool probe(const std::string& path) {
    bool exists = db_.fs().is_file(path);
    if (!exists) dm_.probes.emplace_back(path, false);
    return exists;
  }

  // Inside a cfg'd-out module of a crate being edited (`#[cfg(test)] mod tests`, a
  // feature-gated module) everything counts as enabled: code written there is read
  // under that configuration.
  bool enabled(const ItemTree& t, const Item& it) const {
    return inactive_depth_ > 0 || cfg_enabled(t, it.cfg, crate_.cfg);
  }

  Visibility item_visibility(ModuleId m, const ItemTree& t, const Item& it) {
    Visibility v;
    v.krate = krate_;
    switch (it.vis) {
      case index::VisKind::Public: return Visibility{};
      case index::VisKind::Private:
        v.is_public = false;
        v.module = m;
        return v;
      case index::VisKind::Crate:
        v.is_public = false;
        v.module = 0;
        return v;
      case index::VisKind::SelfModule:
        v.is_public = false;
        v.module = m;
        return v;
      case index::VisKind::Super:
        v.is_public = false;
        v.module = dm_.modules[m].parent == kNoIndex ? 0 : dm_.modules[m].parent;
        return v;
      case index::VisKind::InPath: {
        v.is_public = false;
        v.module = 0;
        if (it.vis_path != kNone) {
          SimplePath p = simple_path(db_, t, it.vis_path);
          Def start = path_start_module(*this, krate_, m, p);
          if (start.kind == DefKind::Module && start.krate == krate_) {
            ModuleId cur = start.index;
            for (NameId seg : p.segments) {
              PerNs n = lookup_in_module(*this, module_def(krate_, cur), seg, krate_, m);
              if (n.ns[0].def.kind != DefKind::Module || n.ns[0].def.krate != krate_) break;
              cur = n.ns[0].def.index;
            }
            v.module = cur;
          }
        }
        return v;
      }
    }
    return Visibility{};
  }

  uint32_t add_item_loc(FileId f, uint32_t item, ModuleId m) {
    dm_.items.push_back(ItemLoc{f, item, m});
    return static_cast<uint32_t>(dm_.items.size() - 1);
  }

  // Defines `name` in one namespace of module m. Explicit definitions beat glob
  // imports; the first explicit definition wins. Returns whether the scope changed.
  bool define(ModuleId m, NameId name, Namespace ns, const ScopeDef& sd) {
    if (name == UINT32_MAX) return false;  // a path broken mid-edit has no last name
    PerNs& entry = dm_.modules[m].scope[name];
    ScopeDef& slot = entry[ns];
    if (slot.def) {
      if (!slot.from_glob || sd.from_glob) return false;
    }
    slot = sd;
    if (resolving_) waits_.defined(m, name, woken_);
    return true;
  }

  ScopeDef scope_def(Def def, Visibility vis, uint32_t import = kNoIndex, bool glob = false) {
    ScopeDef sd;
    sd.def = def;
    sd.vis = vis;
    sd.import = import;
    sd.from_glob = glob;
    return sd;
  }

  void setup_extern_prelude() {
    for (const base::CrateDependency& d : crate_.deps) {
      if (!d.in_extern_prelude || d.crate == base::kNoCrate) continue;
      if (dm_.no_std && d.name == "std") continue;
      if (dm_.no_core && (d.name == "std" || d.name == "core")) continue;
      dm_.extern_prelude[db_.names().intern(d.name)] = d.crate;
    }
    // 2015: the implicit `extern crate std;` (or core) sits in the crate root.
    if (crate_.edition <= 2015 && !dm_.no_core) {
      std::string name = dm_.no_std ? "core" : "std";
      CrateId c = dep_crate(name);
      if (c != base::kNoCrate)
        define(0, db_.names().intern(name), Namespace::Types,
               scope_def(module_def(c, 0), Visibility{false, krate_, 0}));
    }
  }

  CrateId dep_crate(const std::string& name) const {
    for (const base::CrateDependency& d : crate_.deps) {
      if (d.name == name) return d.crate;
    }
    return base::kNoCrate;
  }

  void collect_items(ModuleId m, FileId file, uint32_t container, uint32_t& legacy, int depth) {
    const ItemTree& t = db_.item_tree(file);
    if (container == kNone && t.file_cfg != kNone && !cfg_enabled(t, t.file_cfg, crate_.cfg) &&
        !is_local())
      return;
    t.for_each_child(container, [&](uint32_t i) { collect_item(m, file, i, legacy, depth); });
    // The module's textual macros (an expansion's are part of the module they land in).
    if (container != kNone || !db_.is_macro_file(file)) dm_.modules[m].legacy_head = legacy;
  }

  void collect_item(ModuleId m, FileId file, uint32_t i, uint32_t& legacy, int depth) {
    const ItemTree& t = db_.item_tree(file);
    const Item& it = t.items[i];
    if (!enabled(t, it)) {
      // In the crates being edited, a cfg'd-out module (`#[cfg(test)] mod tests`, a
      // feature-gated file) still gets its own scope, so code written in it resolves;
      // it is defined in its parent only below every active definition of its name.
      if (it.kind == ItemKind::Module && is_local())
        declare_module(m, file, i, legacy, depth, true);
      return;
    }
    NameId name = it.name.empty() ? UINT32_MAX : db_.names().intern(t.str(it.name));
    Visibility vis = item_visibility(m, t, it);
    auto def_item = [&](std::initializer_list<Namespace> nss) {
      uint32_t id = add_item_loc(file, i, m);
      for (Namespace ns : nss) define(m, name, ns, scope_def(Def{DefKind::Item, krate_, id}, vis));
      return id;
    };
    switch (it.kind) {
      case ItemKind::Module: declare_module(m, file, i, legacy, depth); break;
      case ItemKind::Use: collect_use(m, file, i, vis); break;
      case ItemKind::ExternCrate: extern_crate(m, file, i, vis); break;
      case ItemKind::ExternBlock:
        t.for_each_child(i, [&](uint32_t c) { collect_item(m, file, c, legacy, depth); });
        break;
      case ItemKind::Fn:
      case ItemKind::Const:
      case ItemKind::Static:
        if (name != UINT32_MAX && t.str(it.name) != "_") def_item({Namespace::Values});
        body_blocks(m, file, i, legacy, depth);
        break;
      case ItemKind::Struct:
        if (it.flags & (index::kItemTuple | index::kItemUnit)) {
          def_item({Namespace::Types, Namespace::Values});
        } else {
          def_item({Namespace::Types});
        }
        break;
      case ItemKind::Enum: {
        def_item({Namespace::Types});
        // Variants are registered right after their enum (lookup_in_module relies on it).
        t.for_each_child(i, [&](uint32_t v) {
          if (t.items[v].kind == ItemKind::Variant && enabled(t, t.items[v]))
            add_item_loc(file, v, m);
        });
        break;
      }
      case ItemKind::Trait:
        def_item({Namespace::Types});
        expand_assoc_calls(m, file, i, legacy, depth);
        body_blocks(m, file, i, legacy, depth);
        break;
      case ItemKind::Union:
      case ItemKind::TraitAlias:
      case ItemKind::TypeAlias: def_item({Namespace::Types}); break;
      case ItemKind::MacroDef: def_item({Namespace::Macros}); break;
      case ItemKind::MacroRules: {
        uint32_t id = add_item_loc(file, i, m);
        Def def{DefKind::Item, krate_, id};
        dm_.legacy_macros.push_back(DefMap::LegacyMacro{name, def, legacy});
        legacy = static_cast<uint32_t>(dm_.legacy_macros.size() - 1);
        if (it.flags & index::kItemMacroExport)
          define(0, name, Namespace::Macros, scope_def(def, Visibility{}));
        break;
      }
      case ItemKind::Impl:
        dm_.impls.push_back(DefMap::ImplEntry{add_item_loc(file, i, m), m});
        dm_.impls.back().inactive = inactive_depth_ > 0;
        expand_assoc_calls(m, file, i, legacy, depth);
        body_blocks(m, file, i, legacy, depth);
        break;
      case ItemKind::Block: {
        // Blocks nest as deeply as the syntax allows (within the nesting budget).
        if (dm_.modules.size() >= kMaxModules || depth >= kMaxNesting) break;
        ModuleId id = new_block_module(m, file, i);
        uint32_t block_legacy = legacy;
        collect_items(id, file, i, block_legacy, depth + 1);
        break;
      }
      case ItemKind::MacroCall:
        if (!expand_call(m, file, i, legacy, depth, false)) {
          pending_calls_.push_back(
              PendingCall{m, file, i, legacy, depth, false, inactive_depth_ > 0});
        }
        break;
      case ItemKind::Variant:
      case ItemKind::Field: break;
    }
  }

  // A `use` item's imports, queued as directives (apart from collect_item, whose frame
  // is on the recursion through nested blocks).
  FERRET_NOINLINE void collect_use(ModuleId m, FileId file, uint32_t i, Visibility vis) {
    const ItemTree& t = db_.item_tree(file);
    const Item& it = t.items[i];
    const index::UseData& u = t.uses[it.data];
    for (uint32_t k = u.imports_begin; k < u.imports_end; ++k) {
      const index::Import& imp = t.imports[k];
      ImportRecord rec;
      rec.module = m;
      rec.file = file;
      rec.use_item = i;
      rec.import = k;
      dm_.imports.push_back(rec);
      Directive d{m,
                  file,
                  i,
                  k,
                  vis,
                  static_cast<uint32_t>(dm_.imports.size() - 1),
                  imp.kind == index::ImportKind::Glob};
      if (is_prelude_import(t, it) && d.glob) prelude_import_ = d.record;
      directives_.push_back(d);
    }
  }

  // The scope of a block with items, as a module below m.
  FERRET_NOINLINE ModuleId new_block_module(ModuleId m, FileId file, uint32_t i) {
    ModuleData bm;
    bm.parent = m;
    bm.file = file;
    bm.item = i;
    bm.block = true;
    bm.dir = dm_.modules[m].dir;
    bm.mod_rs = dm_.modules[m].mod_rs;
    ModuleId id = static_cast<ModuleId>(dm_.modules.size());
    dm_.modules.push_back(std::move(bm));
    return id;
  }

  // Block scopes inside an item's function bodies (its own, or its methods').
  void body_blocks(ModuleId m, FileId file, uint32_t item, uint32_t& legacy, int depth) {
    const ItemTree& t = db_.item_tree(file);
    t.for_each_child(item, [&](uint32_t c) {
      ItemKind k = t.items[c].kind;
      if (k == ItemKind::Block) {
        collect_item(m, file, c, legacy, depth);
      } else if ((k == ItemKind::Fn || k == ItemKind::Const) && enabled(t, t.items[c]) &&
                 (t.items[item].kind == ItemKind::Impl || t.items[item].kind == ItemKind::Trait)) {
        body_blocks(m, file, c, legacy, depth);
      }
    });
  }

  static bool is_prelude_import(const ItemTree& t, const Item& it) {
    for (uint32_t a = it.attrs_begin; a < it.attrs_end; ++a) {
      if (t.attrs[a].kind == index::AttrKind::PreludeImport) return true;
    }
    return false;
  }

  void extern_crate(ModuleId m, FileId file, uint32_t i, Visibility vis) {
    const ItemTree& t = db_.item_tree(file);
    const Item& it = t.items[i];
    const index::ExternCrateData& e = t.extern_crates[it.data];
    std::string crate_name(t.str(e.crate_name));
    CrateId target = crate_name == "self" ? krate_ : dep_crate(crate_name);
    ImportRecord rec;
    rec.module = m;
    rec.file = file;
    rec.use_item = i;
    if (target == base::kNoCrate) {
      dm_.problems.push_back("extern crate " + crate_name + ": not a dependency");
      return;
    }
    if (!e.alias.empty() && t.str(e.alias) == "_") return;
    NameId name = db_.names().intern(e.alias.empty() ? crate_name : std::string(t.str(e.alias)));
    rec.name = name;
    rec.resolved = true;
    dm_.imports.push_back(rec);
    uint32_t record = static_cast<uint32_t>(dm_.imports.size() - 1);
    define(m, name, Namespace::Types, scope_def(module_def(target, 0), vis, record));
    if (m == 0) dm_.extern_prelude[name] = target;
    if (it.flags & index::kItemMacroUse) add_macro_use_crate(target);
  }

  bool is_local() const {
    return crate_.origin == base::CrateOrigin::Workspace ||
           crate_.origin == base::CrateOrigin::LoneFile;
  }

  // Declares module `i` of `file` below `parent` and collects its items (recursing into
  // its own modules). The recursion keeps a small frame: add_module does the rest.
  void declare_module(ModuleId parent, FileId file, uint32_t i, uint32_t& legacy, int depth,
                      bool inactive = false) {
    if (dm_.modules.size() >= kMaxModules || depth >= kMaxNesting) {
      report_module_too_deep(file, i);
      return;
    }
    DeclaredModule d = add_module(parent, file, i, inactive);
    uint32_t child_legacy = legacy;
    if (d.items_file != kNoIndex) {
      inactive_depth_ += inactive;
      collect_items(d.id, d.items_file, d.container, child_legacy, depth + 1);
      inactive_depth_ -= inactive;
    }
    // #[macro_use] mod m: m's textual macros stay visible after it.
    if (d.macro_use) legacy = child_legacy;  // the child's chain extends this one
  }

  FERRET_NOINLINE void report_module_too_deep(FileId file, uint32_t i) {
    const ItemTree& t = db_.item_tree(file);
    dm_.problems.push_back("module tree too large or deep at " +
                           std::string(t.str(t.items[i].name)));
  }

  // A declared module: its id, and where its items are (items_file kNoIndex: none to
  // collect — its file is missing or already part of the tree).
  struct DeclaredModule {
    ModuleId id = 0;
    FileId items_file = kNoIndex;
    uint32_t container = kNone;
    bool macro_use = false;
  };

  FERRET_NOINLINE DeclaredModule add_module(ModuleId parent, FileId file, uint32_t i,
                                            bool inactive) {
    const ItemTree& t = db_.item_tree(file);
    const Item& it = t.items[i];
    DeclaredModule out;
    out.macro_use = (it.flags & index::kItemMacroUse) != 0;
    NameId name = db_.names().intern(t.str(it.name));
    ModuleData md;
    md.parent = parent;
    md.name = name;
    md.decl_file = file;
    md.decl_item = i;
    std::string path_attr;
    const index::ModuleData& mdata = t.modules[it.data];
    if (!mdata.path_attr.empty()) path_attr = std::string(t.str(mdata.path_attr));
    for (uint32_t a = it.attrs_begin; a < it.attrs_end; ++a) {
      const index::Attr& attr = t.attrs[a];
      if (attr.kind == index::AttrKind::Path && attr.cfg != kNone &&
          cfg_enabled(t, attr.cfg, crate_.cfg)) {
        path_attr = std::string(t.str(attr.value));
      }
    }
    const ModuleData& pm = dm_.modules[parent];
    std::string name_str(t.str(it.name));
    ModuleId id = static_cast<ModuleId>(dm_.modules.size());
    Visibility vis = item_visibility(parent, t, it);
    out.id = id;
    if (it.flags & index::kItemInlineModule) {
      md.file = file;
      md.item = i;
      md.dir = join_path(pm.dir, path_attr.empty() ? name_str : path_attr);
      md.mod_rs = true;
      dm_.modules.push_back(std::move(md));
      dm_.modules[parent].children.push_back(id);
      define(parent, name, Namespace::Types,
             scope_def(module_def(krate_, id), vis, kNoIndex, inactive));
      out.items_file = file;
      out.container = i;
    } else {
      std::string found;
      bool mod_rs = false;
      if (!path_attr.empty()) {
        // #[path] is relative to the current file's folder, or to an inline module's.
        // (In a macro expansion: the folder of the file the macro was called from.)
        FileId written_in =
            db_.is_macro_file(file) ? db_.original_location(file, it.start).file : file;
        std::string base = pm.item != kNoIndex || written_in == kNoIndex
                               ? pm.dir
                               : parent_dir(db_.file_path(written_in));
        std::string p = join_path(base, path_attr);
        if (probe(p)) found = p;
        mod_rs = true;
      } else {
        std::string a = join_path(pm.dir, name_str + ".rs");
        std::string b = join_path(pm.dir, name_str + "/mod.rs");
        if (probe(a)) {
          found = a;
        } else if (probe(b)) {
          found = b;
          mod_rs = true;
        }
      }
      md.mod_rs = mod_rs;
      if (found.empty()) {
        md.problems.push_back("file not found for module `" + name_str + "`");
        md.dir = join_path(pm.dir, name_str);
        dm_.modules.push_back(std::move(md));
        dm_.modules[parent].children.push_back(id);
        define(parent, name, Namespace::Types,
               scope_def(module_def(krate_, id), vis, kNoIndex, inactive));
        return out;
      }
      FileId f = db_.file_id(found);
      bool cycle = used_files_.count(f) != 0;
      md.file = cycle ? kNoIndex : f;
      md.dir = mod_rs ? parent_dir(found) : join_path(parent_dir(found), name_str);
      if (cycle) md.problems.push_back("module file included twice: " + found);
      dm_.modules.push_back(std::move(md));
      dm_.modules[parent].children.push_back(id);
      define(parent, name, Namespace::Types,
             scope_def(module_def(krate_, id), vis, kNoIndex, inactive));
      if (cycle) return out;
      used_files_.insert(f);
      prepare_file(f);
      out.items_file = f;
    }
    return out;
  }

  // ---------------------------------------------------------------- macros

  // The macro a call names, or None (not resolvable, or not yet).
  Def resolve_macro(ModuleId m, FileId file, uint32_t i, const uint32_t& legacy) {
    const ItemTree& t = db_.item_tree(file);
    const Item& it = t.items[i];
    if (it.data == kNone || t.macros[it.data].path == kNone) return {};
    SimplePath p = simple_path(db_, t, t.macros[it.data].path);
    if (p.segments.empty()) return {};
    if (p.kind == index::PathKind::Plain && p.segments.size() == 1) {
      // In the expansion of a #[macro_export(local_inner_macros)] macro, `m!` is `$crate::m!`.
      const MacroFileInfo* mf = db_.macro_file(file);
      if (mf != nullptr && mf->local_inner_macros && mf->dollar_crate != base::kNoCrate) {
        Def d = lookup_in_module(*this, module_def(mf->dollar_crate, 0), p.segments[0], krate_,
                                 m)[Namespace::Macros]
                    .def;
        if (d) return d;
      }
      // Textual scope first (the latest macro_rules! above the call), then paths.
      for (uint32_t l = legacy; l != kNoIndex; l = dm_.legacy_macros[l].prev) {
        if (dm_.legacy_macros[l].name == p.segments[0]) return dm_.legacy_macros[l].def;
      }
      // Not in textual scope: a path-based macro (imported, exported, 2.0, a
      // #[macro_use] crate's). A textual macro the module scope lists (from_glob, no
      // import) is defined below this call, so not usable here.
      const ScopeDef sd = lookup_lexical(*this, krate_, m, p.segments[0])[Namespace::Macros];
      if (sd.from_glob && sd.import == kNoIndex) return {};
      return sd.def;
    }
    PathResolution r = resolve_path(*this, krate_, m, p, false);
    return r.complete ? r.defs[Namespace::Macros].def : Def{};
  }

  static bool has_attr(const ItemTree& t, const Item& it, index::AttrKind kind) {
    for (uint32_t a = it.attrs_begin; a < it.attrs_end; ++a) {
      if (t.attrs[a].kind == kind) return true;
    }
    return false;
  }

  void macro_problem(std::string message) {
    if (++macro_problems_ <= kMaxReportedMacroProblems) dm_.problems.push_back(std::move(message));
  }

  // Expands call i of `file` written in module m and collects what it produces (items,
  // or with `assoc` the associated items of the impl or trait it is in). False when
  // its macro is not known (yet); true when done, or when it can never expand.
  bool expand_call(ModuleId m, FileId file, uint32_t i, uint32_t& legacy, int depth, bool assoc) {
    Def def = resolve_macro(m, file, i, legacy);
    if (def.kind != DefKind::Item) return false;
    const DefMap& owner = map(def.krate);
    if (def.index >= owner.items.size()) return true;
    const ItemLoc loc = owner.items[def.index];
    const ItemTree& dt = db_.item_tree(loc.file);
    if (loc.item >= dt.items.size()) return true;
    const Item& dit = dt.items[loc.item];
    if (dit.kind != ItemKind::MacroRules && dit.kind != ItemKind::MacroDef) return true;
    std::string name(dt.str(dit.name));
    // The budget of the call written in source this one descends from (its own if it
    // is one), and how deep in expansions it is.
    ExpansionRoot root = root_of(file);
    ExpansionBudget& budget = budgets_[root.budget];
    if (budget.cut) return true;
    if (expansions_ >= kMaxExpansions || crate_tokens_ >= kMaxCrateTokens) {
      macro_problem("too many macro expansions; the rest were skipped");
      return true;
    }
    if (root.depth >= ExpansionBudget::kMaxDepth ||
        expansion_depth_ >= ExpansionBudget::kMaxDepth) {
      budget.cut_for("nested more than " + std::to_string(ExpansionBudget::kMaxDepth) +
                     " expansions deep");
      macro_problem("macro expansion of " + name + "! cut: " + budget.why);
      return true;
    }
    FileId out = kNoIndex;
    if (has_attr(dt, dit, index::AttrKind::BuiltinMacro)) {
      if (name == "include") out = included_file(file, i);
    } else {
      ExpandLimits limits = budget.limits();
      bool crate_limited = kMaxCrateTokens - crate_tokens_ < limits.max_output_tokens;
      if (crate_limited) limits.max_output_tokens = kMaxCrateTokens - crate_tokens_;
      MacroExpansion e = expand_macro_call(db_, loc, def.krate, file, i, limits);
      crate_tokens_ = e.over_limit && crate_limited
                          ? kMaxCrateTokens
                          : crate_tokens_ + e.tokens + ExpansionBudget::kPerExpansion;
      if (!budget.charge(e.tokens, e.steps, e.over_limit, e.error)) {
        macro_problem("macro expansion of " + name + "! cut: " + budget.why);
        return true;
      }
      if (e.file == kNoIndex) macro_problem("cannot expand " + name + "!: " + e.error);
      out = e.file;
    }
    if (out == kNoIndex) return true;
    if (db_.is_macro_file(out))
      expansion_roots_.emplace(out, ExpansionRoot{root.budget, root.depth + 1});
    ++expansions_;
    dm_.expansions.add(file, i, out);
    ++expansion_depth_;
    if (assoc) {
      expand_assoc_calls(m, out, kNone, legacy, depth);
    } else {
      collect_items(m, out, kNone, legacy, depth);
    }
    --expansion_depth_;
    return true;
  }

  // A macro call's place among expansions: the budget of the call written in source
  // it descends from, and how many expansions deep it is.
  struct ExpansionRoot {
    uint32_t budget;
    int depth;
  };
  ExpansionRoot root_of(FileId file) {
    auto it = expansion_roots_.find(file);
    if (it != expansion_roots_.end()) return it->second;
    budgets_.emplace_back().tokens =
        ExpansionBudget::kItemTokens;  // a call written in source: its own budget
    return ExpansionRoot{static_cast<uint32_t>(budgets_.size() - 1), 0};
  }

  // The macro calls among the children of `container` (an impl or trait, or a whole
  // expansion of one of its calls) expand to associated items.
  void expand_assoc_calls(ModuleId m, FileId file, uint32_t container, uint32_t& legacy,
                          int depth) {
    const ItemTree& t = db_.item_tree(file);
    t.for_each_child(container, [&](uint32_t c) {
      if (t.items[c].kind != ItemKind::MacroCall || !enabled(t, t.items[c])) return;
      if (!expand_call(m, file, c, legacy, depth, true)) {
        pending_calls_.push_back(PendingCall{m, file, c, legacy, depth, true, inactive_depth_ > 0});
      }
    });
  }

  // `include!("file.rs")`: the file, relative to the calling file's folder.
  FileId included_file(FileId file, uint32_t i) {
    const ItemTree& t = db_.item_tree(file);
    std::string_view body = t.str(t.macros[t.items[i].data].body);
    syntax::LexResult lexed = syntax::lex(body, db_.file_edition(file));
    std::optional<std::string> name;
    for (const syntax::Token& tok : lexed.tokens) {
      if (tok.kind == syntax::TokenKind::StrLit || tok.kind == syntax::TokenKind::RawStrLit) {
        name = syntax::string_literal_value(body.substr(tok.start, tok.len));
        break;
      }
    }
    if (!name || name->empty()) return kNoIndex;
    TokenOrigin at = db_.original_location(file, t.items[i].start);
    if (at.file == kNoIndex) return kNoIndex;
    std::string path = join_path(parent_dir(db_.file_path(at.file)), *name);
    if (!probe(path)) return kNoIndex;
    FileId f = db_.file_id(path);
    if (used_files_.count(f) != 0) return kNoIndex;
    used_files_.insert(f);
    prepare_file(f);
    return f;
  }

  bool expand_pending_calls(size_t& work) {
    bool any = false;
    for (size_t k = 0; k < pending_calls_.size(); ++k) {
      if (pending_calls_[k].done) continue;
      ++work;
      PendingCall pc = pending_calls_[k];  // expanding may add pending calls
      inactive_depth_ = pc.inactive ? 1 : 0;
      bool expanded = expand_call(pc.module, pc.file, pc.item, pc.legacy, pc.depth, pc.assoc);
      inactive_depth_ = 0;
      if (expanded) {
        pending_calls_[k].done = true;
        any = true;
      }
    }
    return any;
  }

  // ---------------------------------------------------------------- imports

  PathResolution resolve_import_path(const Directive& d, const SimplePath& p) {
    return resolve_path(*this, krate_, d.module, p, true);
  }

  // Applies import k; true when a scope changed.
  bool apply_import(Directive& d, uint32_t k) {
    const ItemTree& t = db_.item_tree(d.file);
    const index::Import& imp = t.imports[d.import];
    SimplePath p = simple_path(db_, t, imp.path);
    ImportRecord& rec = dm_.imports[d.record];
    if (d.glob) {
      if (d.done) return false;
      Def source;
      if (p.segments.empty()) {
        source = path_start_module(*this, krate_, d.module, p);
      } else {
        PathResolution r = resolve_import_path(d, p);
        if (r.complete) {
          source = r.defs.ns[0].def;
        } else {
          wait_for(d, k, p, r.wait_segment, r.wait_scope);
        }
      }
      if (!source) return false;
      bool ok = source.kind == DefKind::Module;
      if (source.kind == DefKind::Item) {
        const ItemLoc& loc = map(source.krate).items[source.index];
        ok = db_.item(loc).kind == ItemKind::Enum;
      }
      if (!ok) return false;
      d.done = true;
      rec.resolved = true;
      // Glob imports are not copied: lookups go through them (scope_lookup.cc).
      dm_.modules[d.module].globs.push_back(GlobImport{source, d.vis, d.record});
      if (source.kind == DefKind::Module && source.krate == krate_)
        waits_.add_glob(d.module, source.index);
      waits_.glob_added(d.module, woken_);
      return true;
    }
    if (p.segments.empty()) return false;
    NameId name = imp.alias.empty() ? p.segments.back() : db_.names().intern(t.str(imp.alias));
    rec.name = name;
    PathResolution r = resolve_import_path(d, p);
    if (!r.complete) {
      wait_for(d, k, p, r.wait_segment, r.wait_scope);
      return false;
    }
    bool changed = false;
    for (int n = 0; n < kNamespaces; ++n) {
      if (imp.self_import && n != 0) continue;
      const ScopeDef& got = r.defs.ns[n];
      if (!got.def) continue;
      if (imp.underscore) {  // `use Trait as _`: only brings the trait in for methods
        if (!rec.resolved && n == 0) dm_.modules[d.module].underscore_imports.push_back(got.def);
        rec.resolved = true;
        continue;
      }
      rec.resolved = true;
      if (got.def.kind == DefKind::Item && got.def.krate == krate_ && got.import == d.record)
        continue;
      Visibility vis = d.vis;
      changed |=
          define(d.module, name, static_cast<Namespace>(n), scope_def(got.def, vis, d.record));
    }
    // Settled when nothing more can come: every namespace it binds found, or found in
    // another crate's finished map. Otherwise a later round may add a namespace.
    bool all = imp.underscore    ? rec.resolved
               : imp.self_import ? bool(r.defs.ns[0].def)
                                 : full_per_ns(r.defs);
    d.done = all || (r.last_scope && r.last_scope.krate != krate_);
    if (!d.done) wait_for(d, k, p, static_cast<uint32_t>(p.segments.size() - 1), r.last_scope);
    return changed;
  }

  // Imports to a fixed point; when they stop changing, the macro calls that now
  // resolve expand (which may add items and imports), and so on. An import that lacks
  // a name waits for it (ImportWaits) and is retried when a scope it looked into gains
  // it, so chains of re-exports settle in linear time whatever their order; a pass over
  // all open imports then catches what no wait foresaw. It ends because each round that
  // goes on changed a scope and scopes only grow; a work budget bounds what an
  // adversarial crate could still make quadratic.
  void resolve_imports_and_macros() {
    resolving_ = true;
    std::vector<uint8_t> queued;
    std::deque<uint32_t> queue;
    size_t known = 0;
    size_t work = 0;
    auto enqueue = [&](uint32_t k) {
      if (k < queued.size() && !queued[k] && !directives_[k].done) {
        queued[k] = 1;
        queue.push_back(k);
      }
    };
    auto take_woken = [&] {
      for (uint32_t k : woken_) enqueue(k);
      woken_.clear();
    };
    for (bool backwards = false;; backwards = !backwards) {
      for (; known < directives_.size(); ++known) {
        queued.push_back(0);
        enqueue(static_cast<uint32_t>(known));
      }
      take_woken();
      size_t budget = kImportWorkBase + kImportWorkPerImport * directives_.size();
      bool changed = false;
      while (!queue.empty() && work < budget) {
        uint32_t k = queue.front();
        queue.pop_front();
        queued[k] = 0;
        ++work;
        changed |= apply_import(directives_[k], k);
        take_woken();
      }
      if (queue.empty()) {
        // Every open import once more, alternately forwards and backwards.
        for (size_t i = 0; i < directives_.size() && work < budget; ++i) {
          uint32_t k = static_cast<uint32_t>(backwards ? directives_.size() - 1 - i : i);
          if (directives_[k].done) continue;
          ++work;
          changed |= apply_import(directives_[k], k);
        }
        take_woken();
      }
      if (work >= budget) {
        dm_.problems.push_back("import resolution stopped after " + std::to_string(work) +
                               " attempts");
        break;
      }
      if (!changed && queue.empty()) changed = expand_pending_calls(work);
      if (!changed && queue.empty() && known == directives_.size() && woken_.empty()) break;
    }
    resolving_ = false;
    for (const Directive& d : directives_) {
      if (!dm_.imports[d.record].resolved) {
        const ItemTree& t = db_.item_tree(d.file);
        dm_.problems.push_back("unresolved import in " + db_.file_path(d.file) + ": " +
                               std::string(t.str(t.items[d.use_item].signature)));
      }
    }
  }

  // Import k waits for the name its path lacked, where it was looked for (lexically:
  // in its module and the block scopes it is in).
  void wait_for(const Directive& d, uint32_t k, const SimplePath& p, uint32_t segment, Def scope) {
    if (segment >= p.segments.size()) return;
    NameId name = p.segments[segment];
    if (!scope) {
      for (ModuleId m = d.module; m < dm_.modules.size(); m = dm_.modules[m].parent) {
        waits_.wait(m, name, k);
        if (!dm_.modules[m].block) break;
      }
    } else if (scope.kind == DefKind::Module && scope.krate == krate_) {
      waits_.wait(scope.index, name, k);
    }
  }

  // What each impl is for and which trait it implements, resolved once here so queries
  // (and the cache) have them.
  void resolve_impls() {
    for (DefMap::ImplEntry& e : dm_.impls) {
      const ItemLoc& loc = dm_.items[e.item];
      const ItemTree& t = db_.item_tree(loc.file);
      const Item& it = t.items[loc.item];
      if (it.data == kNone) continue;
      const index::ImplData& d = t.impls[it.data];
      e.self_key = ImplIndex::key_for_type(*this, krate_, e.module, t, d.self_type);
      if (d.trait_path != kNone) {
        PathResolution r =
            resolve_path(*this, krate_, e.module, simple_path(db_, t, d.trait_path), false);
        e.trait = r.complete ? r.defs[Namespace::Types].def : Def{};
        e.trait_unresolved = !e.trait;
      }
    }
    std::stable_sort(dm_.impls.begin(), dm_.impls.end(), DefMap::ImplEntryOrder{});
  }

  // ---------------------------------------------------------------- preludes

  void setup_prelude() {
    if (prelude_import_ != kNoIndex) {
      for (const ModuleData& md : dm_.modules) {
        for (const GlobImport& g : md.globs) {
          if (g.record == prelude_import_) dm_.prelude = g.source;
        }
      }
      if (dm_.prelude) return;
    }
    // std and core bring their own prelude with #[prelude_import]; find theirs by name.
    CrateId source = dm_.no_std ? dep_crate("core") : dep_crate("std");
    if (source == base::kNoCrate) source = dep_crate("core");  // a graph without std
    if (dm_.no_core) source = base::kNoCrate;
    if (crate_.origin == base::CrateOrigin::Sysroot) {
      // core: its own prelude; alloc/proc_macro/test (no_std): core's; std: its own.
      if (crate_.name == "core" || crate_.name == "std") source = krate_;
    }
    if (source == base::kNoCrate) return;
    const DefMap& src = map(source);
    if (src.modules.empty()) return;
    std::string edition_module =
        "rust_" + std::to_string(crate_.edition <= 2015 ? 2015 : crate_.edition);
    NameId prelude = db_.names().intern("prelude");
    PerNs p = lookup_in_module(*this, module_def(source, 0), prelude, krate_, 0);
    if (p.ns[0].def.kind != DefKind::Module) return;
    PerNs e = lookup_in_module(*this, p.ns[0].def, db_.names().intern(edition_module), krate_, 0);
    if (e.ns[0].def.kind != DefKind::Module)
      e = lookup_in_module(*this, p.ns[0].def, db_.names().intern("v1"), krate_, 0);
    if (e.ns[0].def.kind == DefKind::Module) dm_.prelude = e.ns[0].def;
  }

  // The implicit `#[macro_use] extern crate std` (or core for #![no_std]); core's macros
  // for the other sysroot crates.
  void setup_implicit_macro_use() {
    if (!dm_.no_core && crate_.origin != base::CrateOrigin::Sysroot) {
      CrateId c = dm_.no_std ? dep_crate("core") : dep_crate("std");
      if (c != base::kNoCrate) add_macro_use_crate(c);
    } else if (crate_.origin == base::CrateOrigin::Sysroot && crate_.name != "core") {
      CrateId c = dep_crate("core");
      if (c != base::kNoCrate) add_macro_use_crate(c);
    }
  }

  // A `#[macro_use]` crate's exported macros join the macro_use prelude (the first
  // crate to bring a name keeps it).
  void add_macro_use_crate(CrateId c) {
    if (c == krate_) return;
    const DefMap& src = map(c);
    if (src.modules.empty()) return;
    for (const auto& [name, per] : src.module(0).scope) {
      const ScopeDef& sd = per[Namespace::Macros];
      if (sd.def && sd.vis.is_public) dm_.macro_use_prelude.emplace(name, sd.def);
    }
  }

  Database& db_;
  CrateId krate_;
  const base::CrateData& crate_;
  DefMap dm_;
  std::vector<Directive> directives_;
  std::unordered_set<FileId> used_files_;  // files already read as a module
  std::vector<PendingCall> pending_calls_;
  size_t expansions_ = 0;
  size_t crate_tokens_ = 0;  // produced by all expansions
  int expansion_depth_ = 0;
  std::vector<ExpansionBudget> budgets_;                       // one per call written in source
  std::unordered_map<FileId, ExpansionRoot> expansion_roots_;  // expansion -> its call's budget
  size_t macro_problems_ = 0;
  int inactive_depth_ = 0;
  uint32_t prelude_import_ = kNoIndex;
  bool resolving_ = false;  // imports being resolved: new names wake waiting imports
  ImportWaits waits_;
  std::vector<uint32_t> woken_;  // imports to retry
};

DefMap build_def_map(Database& db, CrateId krate) {
  DefCollector collector(db, krate);
  return collector.run();
}

}  // namespace ferret::sema
