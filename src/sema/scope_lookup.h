// Name lookup over def maps, shared by the def collector (while a crate's map is
// being built) and by the queries of the layers above (on finished maps): visibility,
// a name in a module (or an enum's variants), the lexical lookup of a path's first
// segment through the preludes, and the resolution of whole paths.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "index/item_tree.h"
#include "sema/def_map.h"

namespace ferret::sema {

class Database;

// Where lookups get def maps from: the database, or a map under construction.
class MapProvider {
 public:
  virtual ~MapProvider() = default;
  virtual const DefMap& map(CrateId krate) = 0;
  virtual Database& db() = 0;
};

// The database's finished maps.
class DatabaseMaps : public MapProvider {
 public:
  explicit DatabaseMaps(Database& db) : db_(db) {}
  const DefMap& map(CrateId krate) override;
  Database& db() override { return db_; }

 private:
  Database& db_;
};

// A path as name resolution sees it, from an item tree or from syntax.
struct SimplePath {
  index::PathKind kind = index::PathKind::Plain;
  uint8_t super_count = 0;
  std::vector<NameId> segments;
  CrateId dollar_crate = base::kNoCrate;  // what `$crate` names (in macro expansions)
};

SimplePath simple_path(Database& db, const index::ItemTree& tree, uint32_t path);

bool is_visible(MapProvider& maps, const Visibility& vis, CrateId from_krate, ModuleId from_module);
bool is_ancestor_module(const DefMap& dm, ModuleId ancestor, ModuleId m);
// The module `self` names from m (m itself, or the module a block scope is in).
ModuleId enclosing_real_module(const DefMap& dm, ModuleId m);

// The builtin type named `name`, or None.
Def builtin_type(std::string_view name);
std::string_view builtin_type_name(uint32_t index);

// `name` in module `module` (a Def of kind Module) or among an enum's variants (a Def
// of an Enum item), filtered by visibility from (from_krate, from_module). Glob imports
// are followed to any depth (glob_walk.h): each module once, cycles end.
PerNs lookup_in_module(MapProvider& maps, Def module, NameId name, CrateId from_krate,
                       ModuleId from_module);

// A glob import a lookup went through: the module holding it and its index there.
struct GlobHop {
  Def module;
  uint32_t glob;
};

// The globs, outermost first, through which a lookup of `name` in `module` reaches the
// scope it finds the name in (empty: the module's own scope, or not found).
std::vector<GlobHop> glob_route(MapProvider& maps, Def module, NameId name, CrateId from_krate,
                                ModuleId from_module);

// Every name in module `module` (scope and globs, each (name, namespace) once, explicit
// names first) visible from (from_krate, from_module).
void for_each_scope_name(MapProvider& maps, Def module, CrateId from_krate, ModuleId from_module,
                         const std::function<void(NameId, int, const ScopeDef&)>& f);

// A path's first segment, resolved where code in (krate, module) stands: the module's
// scope, then the extern prelude, the macro_use prelude, the std prelude and the
// builtin types (each filling only the namespaces still empty).
PerNs lookup_lexical(MapProvider& maps, CrateId krate, ModuleId module, NameId name);

struct PathResolution {
  PerNs defs;             // what the resolved prefix names
  uint32_t resolved = 0;  // segments resolved (all of them: complete)
  bool complete = false;
  Def stuck_on;    // an item the rest of the path goes into (Type::assoc…)
  Def last_scope;  // the module or enum the last resolved segment was found in
                   // (None: found lexically)
  // Incomplete for want of a name: the segment not found (kNoIndex: not that, e.g. a
  // path into a type) and the scope it was looked up in (None: lexically).
  uint32_t wait_segment = kNoIndex;
  Def wait_scope;
};

// Resolves `path` as written in (krate, module). `for_import` selects `use` rules
// (2015: relative to the crate root).
PathResolution resolve_path(MapProvider& maps, CrateId krate, ModuleId module,
                            const SimplePath& path, bool for_import);

// The module a path's leading `crate`/`self`/`super`/`::` names, before its segments.
Def path_start_module(MapProvider& maps, CrateId krate, ModuleId module, const SimplePath& path);

}  // namespace ferret::sema
