// Tracing name resolution: the same lookups as scope_lookup.cc, narrated.
#include "ide/explain.h"

#include <set>

#include "ide/completion.h"
#include "ide/completion_context.h"
#include "ide/item_matches.h"
#include "sema/body_scopes.h"
#include "sema/scope_lookup.h"

namespace ferret::ide {

using sema::Def;
using sema::DefKind;
using sema::NameId;
using sema::Namespace;
using syntax::NodeId;
using syntax::SyntaxKind;

namespace {

// Nesting of the narration (a `use` whose path goes through another `use`…): deeper
// than this is cut with a note, a bound on the output, not on resolution.
constexpr int kMaxDepth = 64;

struct Tracer {
  Query& q;
  sema::DatabaseMaps maps;
  std::vector<std::string> lines;
  std::set<std::pair<sema::CrateId, uint32_t>> told_imports;  // a `use` is narrated once
  bool cut = false;

  void say(int depth, const std::string& s) {
    lines.push_back(std::string(static_cast<size_t>(depth) * 2, ' ') + s);
  }

  std::string where(const sema::ItemLoc& loc) {
    const index::Item& it = q.db.item(loc);
    return q.db.file_path(loc.file) + ":" + std::to_string(it.name_line);
  }

  std::string describe(const Def& d) {
    switch (d.kind) {
      case DefKind::Module: {
        const sema::DefMap& dm = q.db.def_map(d.krate);
        if (d.index == 0)
          return "the root of crate `" + q.db.graph()[d.krate].name + "` (" +
                 q.db.graph()[d.krate].root_file + ")";
        return "module " + q.db.graph()[d.krate].name +
               "::" + describe_module(q.db, d.krate, d.index).substr(7) +
               (dm.modules[d.index].file != sema::kNoIndex
                    ? " (" + q.db.file_path(dm.modules[d.index].file) + ")"
                    : "");
      }
      case DefKind::Item: {
        const sema::ItemLoc& loc = q.db.def_map(d.krate).items[d.index];
        const index::ItemTree& t = q.db.item_tree(loc.file);
        return "`" + std::string(t.str(t.items[loc.item].signature)) + "` at " + where(loc);
      }
      case DefKind::BuiltinType:
        return "the builtin type `" + std::string(sema::builtin_type_name(d.index)) + "`";
      case DefKind::None: break;
    }
    return "nothing";
  }

  // How `sd` (an entry of a scope in crate `krate`) got there: an item, or a `use`.
  void origin(const sema::ScopeDef& sd, sema::CrateId krate, int depth) {
    if (too_deep(depth)) return;
    if (sd.import != sema::kNoIndex && !sd.from_glob &&
        told_imports.insert({krate, sd.import}).second) {
      const sema::DefMap& dm = q.db.def_map(krate);
      if (sd.import < dm.imports.size()) {
        const sema::ImportRecord& rec = dm.imports[sd.import];
        const index::ItemTree& t = q.db.item_tree(rec.file);
        const index::Item& use = t.items[rec.use_item];
        if (use.kind == index::ItemKind::ExternCrate) {
          say(depth, "through `" + std::string(t.str(use.signature)) + "` (" +
                         q.db.file_path(rec.file) + ":" + std::to_string(use.name_line) +
                         "), naming crate `" + q.db.graph()[sd.def.krate].name + "`");
          return;
        }
        say(depth, "through `" + std::string(t.str(use.signature)) + "` (" +
                       q.db.file_path(rec.file) + ":" + std::to_string(use.name_line) + ")");
        if (rec.import != sema::kNoIndex) {
          sema::SimplePath p = sema::simple_path(q.db, t, t.imports[rec.import].path);
          path(p, krate, rec.module, depth + 1, true);
        }
        return;
      }
    }
    say(depth, "which is " + describe(sd.def));
  }

  // Where `name` in `module` comes from, as seen from (from_krate, from_module): the
  // globs a lookup goes through, one line each, then the entry it finds.
  bool narrate_in_module(const Def& module, NameId name, sema::CrateId from_krate,
                         sema::ModuleId from_module, int depth) {
    if (too_deep(depth)) return false;
    Def at = module;
    for (const sema::GlobHop& hop : sema::glob_route(maps, module, name, from_krate, from_module)) {
      const sema::DefMap& dm = q.db.def_map(hop.module.krate);
      const sema::GlobImport& g = dm.module(hop.module.index).globs[hop.glob];
      const sema::ImportRecord& rec = dm.imports[g.record];
      const index::ItemTree& t = q.db.item_tree(rec.file);
      say(depth, "through the glob `" + std::string(t.str(t.items[rec.use_item].signature)) +
                     "` (" + q.db.file_path(rec.file) + ":" +
                     std::to_string(t.items[rec.use_item].name_line) + ")");
      at = g.source;
    }
    if (at.kind == DefKind::Item) {
      say(depth, "a variant of " + describe(at));
      return true;
    }
    if (at.kind != DefKind::Module) return false;
    const sema::ModuleData& md = q.db.def_map(at.krate).module(at.index);
    auto it = md.scope.find(name);
    if (it == md.scope.end()) return false;
    for (const sema::ScopeDef& e : it->second.ns) {
      if (!e.def) continue;
      origin(e, at.krate, depth);
      return true;
    }
    return false;
  }

  bool too_deep(int depth) {
    if (depth <= kMaxDepth) return false;
    if (!cut) say(depth, "…");
    cut = true;
    return true;
  }

  // The first segment, looked up where code in (krate, module) stands.
  sema::ScopeDef first(NameId name, sema::CrateId krate, sema::ModuleId module, int depth,
                       bool for_import) {
    const sema::DefMap& dm = q.db.def_map(krate);
    std::string n(q.db.names().name(name));
    if (for_import && dm.edition <= 2015) {
      sema::PerNs p =
          sema::lookup_in_module(maps, Def{DefKind::Module, krate, 0}, name, krate, module);
      for (const sema::ScopeDef& sd : p.ns) {
        if (!sd.def) continue;
        say(depth, "`" + n + "` is in the crate root's scope (2015 `use` paths start there)");
        origin(sd, krate, depth + 1);
        return sd;
      }
    }
    for (sema::ModuleId m = module; m < dm.modules.size();) {
      sema::PerNs p =
          sema::lookup_in_module(maps, Def{DefKind::Module, krate, m}, name, krate, module);
      for (const sema::ScopeDef& sd : p.ns) {
        if (!sd.def) continue;
        std::string scope = dm.modules[m].block
                                ? "a block scope of " + describe_module(q.db, krate, m)
                                : describe_module(q.db, krate, m);
        if (sd.from_glob) {
          say(depth, "`" + n + "` is in " + scope + " through a glob import");
          if (!narrate_in_module(Def{DefKind::Module, krate, m}, name, krate, module, depth + 1))
            say(depth + 1, "which is " + describe(sd.def));
        } else {
          say(depth, "`" + n + "` is in the scope of " + scope);
          origin(sd, krate, depth + 1);
        }
        return sd;
      }
      if (!dm.modules[m].block) break;
      m = dm.modules[m].parent;
    }
    auto ext = dm.extern_prelude.find(name);
    if (ext != dm.extern_prelude.end()) {
      say(depth, "`" + n + "` is a crate of the extern prelude: " +
                     describe(Def{DefKind::Module, ext->second, 0}));
      sema::ScopeDef sd;
      sd.def = Def{DefKind::Module, ext->second, 0};
      return sd;
    }
    auto mac = dm.macro_use_prelude.find(name);
    if (mac != dm.macro_use_prelude.end()) {
      say(depth, "`" + n + "!` is in the macro_use prelude: " + describe(mac->second));
      sema::ScopeDef sd;
      sd.def = mac->second;
      return sd;
    }
    if (dm.prelude) {
      sema::PerNs p = sema::lookup_in_module(maps, dm.prelude, name, krate, module);
      for (const sema::ScopeDef& sd : p.ns) {
        if (!sd.def) continue;
        say(depth, "`" + n + "` is in the prelude, " + describe(dm.prelude));
        if (!narrate_in_module(dm.prelude, name, krate, module, depth + 1))
          say(depth + 1, "which is " + describe(sd.def));
        return sd;
      }
    }
    Def b = sema::builtin_type(n);
    if (b) {
      say(depth, "`" + n + "` is " + describe(b));
      sema::ScopeDef sd;
      sd.def = b;
      return sd;
    }
    say(depth, "`" + n + "` is not in scope");
    return {};
  }

  // A whole path; returns what its last segment names.
  Def path(const sema::SimplePath& p, sema::CrateId krate, sema::ModuleId module, int depth,
           bool for_import) {
    if (too_deep(depth)) return {};
    Def current = sema::path_start_module(maps, krate, module, p);
    size_t i = 0;
    if (current) {
      say(depth, "the path starts at " + describe(current));
    } else {
      if (p.segments.empty()) return {};
      current = first(p.segments[0], krate, module, depth, for_import).def;
      i = 1;
    }
    for (; i < p.segments.size() && current; ++i) {
      std::string n(q.db.names().name(p.segments[i]));
      if (current.kind == DefKind::Module) {
        sema::PerNs next = sema::lookup_in_module(maps, current, p.segments[i], krate, module);
        const sema::ScopeDef* hit = nullptr;
        for (const sema::ScopeDef& sd : next.ns) {
          if (sd.def) {
            hit = &sd;
            break;
          }
        }
        if (hit == nullptr) {
          say(depth, "`" + n + "` is not in " + describe(current));
          return {};
        }
        say(depth, "`" + n + "` is in " + describe(current));
        if (!narrate_in_module(current, p.segments[i], krate, module, depth + 1))
          say(depth + 1, "which is " + describe(hit->def));
        current = next[Namespace::Types].def ? next[Namespace::Types].def : hit->def;
        continue;
      }
      // A type or trait: the item is one of its associated items.
      say(depth, "`" + n + "` is looked up in the impls of " + describe(current));
      std::vector<Match> items;
      collect_assoc_items(q, current, items);
      for (const Match& m : items) {
        if (m.name != n) continue;
        say(depth + 1, "found `" + m.context + "` at " + m.path + ":" + std::to_string(m.line));
        return current;
      }
      say(depth + 1, "not found");
      return {};
    }
    return current;
  }
};

}  // namespace

std::vector<std::string> explain_path_at_cursor(Query& q) {
  Tracer t{q, sema::DatabaseMaps(q.db), {}};
  const std::string& text = *q.text;
  uint32_t start = prefix_start(text, q.offset);
  uint32_t end = ident_end(text, q.offset);
  if (start == end) return t.lines;
  NodeId node = q.tree.innermost_node_at(start);
  if (node == syntax::kNoNode || q.tree.at(node).kind != SyntaxKind::NameRef) return t.lines;
  NodeId seg = q.tree.at(node).parent;
  if (seg == syntax::kNoNode || q.tree.at(seg).kind != SyntaxKind::PathSegment) return t.lines;
  NodeId path = q.tree.at(seg).parent;
  bool in_use = false;
  for (NodeId n = path; n != syntax::kNoNode; n = q.tree.at(n).parent)
    in_use |= q.tree.at(n).kind == SyntaxKind::Use;
  bool self_type = false;
  sema::SimplePath p = in_use ? use_tree_path(q, path, seg) : syntax_path(q, path, seg, self_type);
  if (self_type) return t.lines;
  std::string name = text.substr(start, end - start);
  // A local binding shadows everything else.
  if (p.segments.empty() && p.kind == index::PathKind::Plain && !in_use) {
    sema::BodyScope scope = sema::body_scope_at(q.tree, start + 1);
    for (const sema::LocalBinding& b : scope.bindings) {
      if (b.name == name) {
        t.say(0, "`" + name + "` is a local binding at line " +
                     std::to_string(q.lines().line_col(b.name_offset).line));
        return t.lines;
      }
    }
  }
  p.segments.push_back(q.db.names().intern(name));
  t.path(p, q.krate, q.module, 0, in_use);
  return t.lines;
}

}  // namespace ferret::ide
