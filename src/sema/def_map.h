// The result of name resolution for one crate: its module tree (from `mod`
// declarations, #[path], cfg) and, for every module, the names in scope in each
// namespace — items, imports (explicit and glob, across crates), extern crates,
// macros — plus the crate's preludes. Built by def_collector.cc.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sema/def.h"
#include "sema/name_table.h"

namespace ferret::sema {

// Where an item is: a file's item tree and the item's index in it.
struct ItemLoc {
  FileId file = kNoIndex;
  uint32_t item = kNoIndex;
  ModuleId module = kNoIndex;  // the module the item is written in
};

// `use path::*`: the names of `source` (a module or an enum) are looked up through it.
struct GlobImport {
  Def source;
  Visibility vis;   // the `use`'s visibility: who may see names through it
  uint32_t record;  // the DefMap import record
};

struct ModuleData {
  ModuleId parent = kNoIndex;
  NameId name = UINT32_MAX;
  FileId file = kNoIndex;       // the file whose items are the module's (kNoIndex: missing)
  uint32_t item = kNoIndex;     // an inline module: its `mod` item in `file`; else kNoIndex
  FileId decl_file = kNoIndex;  // where `mod name` is written (kNoIndex for the crate root)
  uint32_t decl_item = kNoIndex;
  std::string dir;              // folder where its `mod x;` files are looked for
  bool mod_rs = true;           // crate root or mod.rs: children live beside the file
  bool block = false;           // a block scope in a function body (item = its Block item);
                                // names not found in it are looked up in its parent
  std::vector<FileId> extra_files;  // the root's extra files (CrateData::extra_root_files)
  uint32_t legacy_head = kNoIndex;  // the textual macros in scope at its end (DefMap::legacy_macros)
  // Its names. A map read from the cache fills these on first use (DefMap::module), so
  // a query that looks into a few of std's modules does not decode them all.
  mutable std::unordered_map<NameId, PerNs> scope;  // items and explicit imports
  mutable std::vector<GlobImport> globs;             // glob imports, in source order
  mutable std::vector<Def> underscore_imports;       // `use Trait as _`: traits in scope, unnamed
  std::vector<ModuleId> children;
  std::vector<std::string> problems;  // e.g. a missing module file
};

// What an impl's self type is, as a lookup key: an item or builtin Def, or one of the
// type shapes std implements inherently ([T], [T; N], *const T, tuples…).
struct SelfTypeKey {
  enum class Shape : uint8_t { Def, Slice, Array, Ptr, Ref, Tuple, FnPtr, Never, DynTrait, Other };
  Shape shape = Shape::Other;
  Def def;
  bool operator<(const SelfTypeKey& o) const {
    if (shape != o.shape) return shape < o.shape;
    if (def.kind != o.def.kind) return def.kind < o.def.kind;
    if (def.krate != o.def.krate) return def.krate < o.def.krate;
    return def.index < o.def.index;
  }
  bool operator==(const SelfTypeKey& o) const { return shape == o.shape && def == o.def; }
};

// An explicit import: where it is written (for goto) and what it names.
struct ImportRecord {
  ModuleId module = kNoIndex;
  FileId file = kNoIndex;
  uint32_t use_item = kNoIndex;  // the `use` / `extern crate` item
  uint32_t import = kNoIndex;    // index in the item tree's imports (kNoIndex: extern crate)
  NameId name = UINT32_MAX;      // the name it binds
  bool resolved = false;
};

// Macro calls and their expansions, as one flat table sorted by call once complete
// (std has thousands; a map of nodes would cost an allocation each).
class ExpansionTable {
 public:
  struct Entry {
    uint64_t call;  // (file << 32) | item
    FileId expansion;
    FileId call_file() const { return static_cast<FileId>(call >> 32); }
    uint32_t call_item() const { return static_cast<uint32_t>(call); }
  };
  void add(FileId file, uint32_t item, FileId expansion) {
    entries_.push_back(Entry{key(file, item), expansion});
    sorted_ = false;
  }
  // Sorts by call (the last of equal calls wins); done once the table is complete.
  void seal() {
    std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.call < b.call; });
    auto last = std::unique(entries_.rbegin(), entries_.rend(), [](const Entry& a, const Entry& b) { return a.call == b.call; });
    entries_.erase(entries_.begin(), last.base());
    sorted_ = true;
  }
  void reserve(size_t n) { entries_.reserve(n); }
  FileId find(FileId file, uint32_t item) const {
    uint64_t k = key(file, item);
    if (!sorted_) {
      for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
        if (it->call == k) return it->expansion;
      }
      return kNoIndex;
    }
    auto it = std::lower_bound(entries_.begin(), entries_.end(), k, [](const Entry& e, uint64_t x) { return e.call < x; });
    return it != entries_.end() && it->call == k ? it->expansion : kNoIndex;
  }
  size_t size() const { return entries_.size(); }
  std::vector<Entry>::const_iterator begin() const { return entries_.begin(); }
  std::vector<Entry>::const_iterator end() const { return entries_.end(); }

 private:
  static uint64_t key(FileId file, uint32_t item) { return (static_cast<uint64_t>(file) << 32) | item; }
  std::vector<Entry> entries_;
  bool sorted_ = true;
};

struct DefMap;

// Where a cached map's module contents are read from when first needed.
class ModuleContentsSource {
 public:
  virtual ~ModuleContentsSource() = default;
  virtual void load(const DefMap& dm, uint32_t module) const = 0;
};

struct DefMap {
  CrateId krate = base::kNoCrate;
  int edition = 2021;
  bool no_std = false;
  bool no_core = false;
  std::vector<ModuleData> modules;  // [0] is the crate root
  std::vector<ItemLoc> items;       // ItemId -> location
  struct ImplEntry {
    uint32_t item;        // ItemId of the impl block
    ModuleId module;      // the module it is written in
    SelfTypeKey self_key; // what it implements for (resolved when the map is built)
    Def trait;            // the implemented trait, None for inherent impls
    bool trait_unresolved = false;  // a trait impl whose trait did not resolve
    bool inactive = false;          // in a cfg'd-out module: its items' own cfgs do not apply
  };
  // Orders impl entries by self type (see impls).
  struct ImplEntryOrder {
    bool operator()(const ImplEntry& a, const ImplEntry& b) const { return a.self_key < b.self_key; }
    bool operator()(const ImplEntry& a, const SelfTypeKey& k) const { return a.self_key < k; }
    bool operator()(const SelfTypeKey& k, const ImplEntry& b) const { return k < b.self_key; }
  };
  // Cfg-enabled impl blocks, sorted by self type (so a type's impls are one range),
  // in source order within one.
  std::vector<ImplEntry> impls;
  std::vector<ImportRecord> imports;
  // macro_rules! definitions in textual order, each linked to the one in scope before
  // it: a module's textual macros are the chain from its legacy_head (shared prefixes
  // with its parent, so no module copies them).
  struct LegacyMacro {
    NameId name;
    Def def;
    uint32_t prev;
  };
  std::vector<LegacyMacro> legacy_macros;
  Def prelude;  // the prelude module (of std or core, or the crate's #[prelude_import])
  std::unordered_map<NameId, CrateId> extern_prelude;
  std::unordered_map<NameId, Def> macro_use_prelude;  // macros from #[macro_use] crates
  std::vector<std::string> problems;

  // Macro calls expanded (item position, impl and trait bodies): the call (file, item)
  // and the file of its expansion (a macro file, or the real file `include!` names).
  ExpansionTable expansions;
  FileId expansion_of(FileId file, uint32_t item) const { return expansions.find(file, item); }

  // What the map was built from, for the cache: every path read or probed, with whether
  // it existed; and a hash of the map that dependents record to detect a rebuild.
  std::vector<std::pair<std::string, bool>> probes;
  uint64_t result_hash = 0;
  // The other crates whose maps it was built from (set by the collector; not kept in
  // the cache): a dependency not among them cannot change it.
  std::vector<CrateId> consulted;

  ModuleId root() const { return 0; }

  // Module m with its scope, globs and `_` imports filled in (kept as written when
  // the map was built here; read from the cache on first use otherwise). Safe to call
  // from several threads.
  const ModuleData& module(ModuleId m) const {
    if (contents) contents->load(*this, m);
    return modules[m];
  }
  std::shared_ptr<const ModuleContentsSource> contents;
};

}  // namespace ferret::sema
