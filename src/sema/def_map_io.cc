// Def map (de)serialization with name, file and crate tables.
#include "sema/def_map_io.h"

#include <cstdio>

#include <memory>

#include <mutex>

#include <atomic>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <functional>

#include "base/bytes.h"
#include "index/content_hash.h"
#include "index/resolution_hash.h"
#include "sema/database.h"
#include "sema/macro_texts.h"

namespace ferret::sema {

namespace {

constexpr uint32_t kMagic = 0x504d4446;  // "FDMP"
constexpr uint32_t kNone32 = UINT32_MAX;

// Tables that turn process-local ids into portable ones while writing.
struct WriteTables {
  Database& db;
  std::unordered_map<NameId, uint32_t> names;
  std::vector<NameId> name_list;
  std::unordered_map<FileId, uint32_t> files;
  std::vector<FileId> file_list;
  std::unordered_map<CrateId, uint32_t> crates;
  std::vector<CrateId> crate_list;

  uint32_t name(NameId n) {
    if (n == UINT32_MAX) return kNone32;
    auto [it, added] = names.emplace(n, static_cast<uint32_t>(name_list.size()));
    if (added) name_list.push_back(n);
    return it->second;
  }
  uint32_t file(FileId f) {
    if (f == kNoIndex) return kNone32;
    auto [it, added] = files.emplace(f, static_cast<uint32_t>(file_list.size()));
    if (added) file_list.push_back(f);
    return it->second;
  }
  uint32_t krate(CrateId c) {
    if (c == base::kNoCrate) return kNone32;
    auto [it, added] = crates.emplace(c, static_cast<uint32_t>(crate_list.size()));
    if (added) crate_list.push_back(c);
    return it->second;
  }
};

struct ReadTables {
  // Names are interned when first read (a module's scope is decoded only when looked
  // into, so most of std's names never are): `raw` points into the entry.
  NameTable* table = nullptr;
  std::vector<std::string_view> raw_names;
  std::vector<NameId> names;  // kNotInterned until first read
  std::vector<FileId> files;
  std::vector<CrateId> crates;
  // What the map's references must stay within, as written with it (kNone32: not
  // known): each crate's item and module counts, by crate number.
  std::vector<uint32_t> crate_items;
  std::vector<uint32_t> crate_modules;
  // The same for each file's item tree, by file number, and whether the file is the
  // map's own (one it read, or one of its expansions): its items are in those only.
  std::vector<uint32_t> file_items;
  std::vector<uint32_t> file_imports;
  std::vector<uint8_t> file_own;
  bool ok = true;
  static constexpr NameId kNotInterned = UINT32_MAX - 1;

  static bool within(uint32_t index, uint32_t count) { return count == kNone32 || index < count; }
  // A Def read with crate number `k`: an item or module of a crate it names.
  void check_def(uint32_t k, const Def& d) {
    switch (d.kind) {
      case DefKind::None: break;
      case DefKind::Module:
        if (k >= crates.size() || !within(d.index, crate_modules[k])) ok = false;
        break;
      case DefKind::Item:
        if (k >= crates.size() || !within(d.index, crate_items[k])) ok = false;
        break;
      case DefKind::BuiltinType:
        if (d.index >= static_cast<uint32_t>(BuiltinType::Count_)) ok = false;
        break;
    }
  }
  // Item `item` of the map's own file number `i`; import `import` of file number `i`.
  bool item_in(uint32_t i, uint32_t item) const {
    return i < file_own.size() && file_own[i] && within(item, file_items[i]);
  }
  bool import_in(uint32_t i, uint32_t import) const {
    return import == kNoIndex || (i < file_imports.size() && within(import, file_imports[i]));
  }
  // A restricted visibility names a module of a crate.
  void check_vis(uint32_t k, const Visibility& v) {
    if (!v.is_public && (k >= crates.size() || !within(v.module, crate_modules[k]))) ok = false;
  }

  NameId name(uint32_t i) {
    if (i == kNone32) return UINT32_MAX;
    if (i >= names.size()) ok = false;
    if (!ok) return UINT32_MAX;
    if (names[i] == kNotInterned) names[i] = table->intern(raw_names[i]);
    return names[i];
  }
  FileId file(uint32_t i) {
    if (i == kNone32) return kNoIndex;
    if (i >= files.size()) ok = false;
    return ok ? files[i] : kNoIndex;
  }
  CrateId krate(uint32_t i) {
    if (i == kNone32) return base::kNoCrate;
    if (i >= crates.size()) ok = false;
    return ok ? crates[i] : base::kNoCrate;
  }
};

void put_def(base::ByteWriter& w, WriteTables& t, const Def& d) {
  w.pod(static_cast<uint8_t>(d.kind));
  w.u32(d.kind == DefKind::BuiltinType ? kNone32 : t.krate(d.krate));
  w.u32(d.index);
}

Def get_def(base::ByteReader& r, ReadTables& t) {
  Def d;
  d.kind = static_cast<DefKind>(r.pod<uint8_t>());
  uint32_t k = r.u32();
  d.krate = t.krate(k);
  d.index = r.u32();
  if (static_cast<uint8_t>(d.kind) > static_cast<uint8_t>(DefKind::BuiltinType)) t.ok = false;
  if (r.ok() && t.ok) t.check_def(k, d);
  return d;
}

void put_vis(base::ByteWriter& w, WriteTables& t, const Visibility& v) {
  w.pod(static_cast<uint8_t>(v.is_public));
  w.u32(t.krate(v.krate));
  w.u32(v.module);
}

Visibility get_vis(base::ByteReader& r, ReadTables& t) {
  Visibility v;
  v.is_public = r.pod<uint8_t>() != 0;
  uint32_t k = r.u32();
  v.krate = t.krate(k);
  v.module = r.u32();
  if (r.ok() && t.ok) t.check_vis(k, v);
  return v;
}

void put_scope_def(base::ByteWriter& w, WriteTables& t, const ScopeDef& sd) {
  put_def(w, t, sd.def);
  put_vis(w, t, sd.vis);
  w.u32(sd.import);
  w.pod(static_cast<uint8_t>(sd.from_glob));
}

ScopeDef get_scope_def(base::ByteReader& r, ReadTables& t) {
  ScopeDef sd;
  sd.def = get_def(r, t);
  sd.vis = get_vis(r, t);
  sd.import = r.u32();
  sd.from_glob = r.pod<uint8_t>() != 0;
  return sd;
}

// The body: everything but the header (magic, format, result hash, fingerprint, deps,
// probes) and the tables, which are written after it is known what they hold.
std::string write_body(WriteTables& t, const DefMap& dm) {
  base::ByteWriter w;
  w.u32(static_cast<uint32_t>(dm.edition));
  w.pod(static_cast<uint8_t>(dm.no_std));
  w.pod(static_cast<uint8_t>(dm.no_core));
  put_def(w, t, dm.prelude);
  w.u32(static_cast<uint32_t>(dm.modules.size()));
  for (const ModuleData& m : dm.modules) {
    w.u32(m.parent);
    w.u32(t.name(m.name));
    w.u32(t.file(m.file));
    w.u32(m.item);
    w.u32(t.file(m.decl_file));
    w.u32(m.decl_item);
    w.str(m.dir);
    w.pod(static_cast<uint8_t>(m.mod_rs));
    w.pod(static_cast<uint8_t>(m.block));
    w.u32(static_cast<uint32_t>(m.extra_files.size()));
    for (FileId f : m.extra_files) w.u32(t.file(f));
    w.u32(m.legacy_head);
    w.array(m.children);
    w.u32(static_cast<uint32_t>(m.problems.size()));
    for (const std::string& p : m.problems) w.str(p);
    // The module's names: one length-prefixed block, decoded on first use.
    base::ByteWriter b;
    b.u32(static_cast<uint32_t>(m.scope.size()));
    for (const auto& [name, per] : m.scope) {
      b.u32(t.name(name));
      for (const ScopeDef& sd : per.ns) put_scope_def(b, t, sd);
    }
    b.u32(static_cast<uint32_t>(m.underscore_imports.size()));
    for (const Def& d : m.underscore_imports) put_def(b, t, d);
    b.u32(static_cast<uint32_t>(m.globs.size()));
    for (const GlobImport& g : m.globs) {
      put_def(b, t, g.source);
      put_vis(b, t, g.vis);
      b.u32(g.record);
    }
    w.str(b.take());
  }
  w.u32(static_cast<uint32_t>(dm.items.size()));
  for (const ItemLoc& l : dm.items) {
    w.u32(t.file(l.file));
    w.u32(l.item);
    w.u32(l.module);
  }
  w.u32(static_cast<uint32_t>(dm.impls.size()));
  for (const DefMap::ImplEntry& e : dm.impls) {
    w.u32(e.item);
    w.u32(e.module);
    w.pod(static_cast<uint8_t>(e.self_key.shape));
    put_def(w, t, e.self_key.def);
    put_def(w, t, e.trait);
    w.pod(static_cast<uint8_t>(e.trait_unresolved));
    w.pod(static_cast<uint8_t>(e.inactive));
  }
  w.u32(static_cast<uint32_t>(dm.imports.size()));
  for (const ImportRecord& i : dm.imports) {
    w.u32(i.module);
    w.u32(t.file(i.file));
    w.u32(i.use_item);
    w.u32(i.import);
    w.u32(t.name(i.name));
    w.pod(static_cast<uint8_t>(i.resolved));
  }
  w.u32(static_cast<uint32_t>(dm.extern_prelude.size()));
  for (const auto& [name, c] : dm.extern_prelude) {
    w.u32(t.name(name));
    w.u32(t.krate(c));
  }
  w.u32(static_cast<uint32_t>(dm.macro_use_prelude.size()));
  for (const auto& [name, d] : dm.macro_use_prelude) {
    w.u32(t.name(name));
    put_def(w, t, d);
  }
  w.u32(static_cast<uint32_t>(dm.problems.size()));
  for (const std::string& p : dm.problems) w.str(p);
  w.u32(static_cast<uint32_t>(dm.legacy_macros.size()));
  for (const DefMap::LegacyMacro& lm : dm.legacy_macros) {
    w.u32(t.name(lm.name));
    put_def(w, t, lm.def);
    w.u32(lm.prev);
  }
  w.u32(static_cast<uint32_t>(dm.expansions.size()));
  for (const ExpansionTable::Entry& e : dm.expansions) {
    w.u32(t.file(e.call_file()));
    w.u32(e.call_item());
    w.u32(t.file(e.expansion));
  }
  return w.take();
}

// One module's names from its block (see write_body).
bool read_module_names(std::string_view block, ReadTables& t, const ModuleData& m) {
  base::ByteReader r(block);
  uint32_t n_scope = r.count(4);
  m.scope.reserve(n_scope);
  for (uint32_t i = 0; i < n_scope && r.ok() && t.ok; ++i) {
    NameId name = t.name(r.u32());
    PerNs per;
    for (ScopeDef& sd : per.ns) sd = get_scope_def(r, t);
    if (!r.ok() || !t.ok || name >= t.table->size()) {  // damaged: the names read so far stay
      t.ok = false;
      break;
    }
    m.scope.emplace(name, per);
  }
  // What was read before a damaged record stays; nothing read after it is kept.
  uint32_t n_underscore = r.count(9);
  for (uint32_t i = 0; i < n_underscore && r.ok() && t.ok; ++i) {
    Def d = get_def(r, t);
    if (r.ok() && t.ok) m.underscore_imports.push_back(d);
  }
  uint32_t n_globs = r.count(8);
  for (uint32_t i = 0; i < n_globs && r.ok() && t.ok; ++i) {
    GlobImport g;
    g.source = get_def(r, t);
    g.vis = get_vis(r, t);
    g.record = r.u32();
    if (r.ok() && t.ok) m.globs.push_back(g);
  }
  return r.ok() && t.ok;
}

// A cached map's module names, kept as bytes until a module is first looked into.
class CachedModuleContents final : public ModuleContentsSource {
 public:
  CachedModuleContents(std::shared_ptr<const index::CacheBlob> bytes, ReadTables tables, std::vector<std::string_view> blocks)
      : bytes_(std::move(bytes)), tables_(std::move(tables)), blocks_(std::move(blocks)),
        loaded_(std::make_unique<std::atomic<bool>[]>(blocks_.size())) {}

  void load(const DefMap& dm, uint32_t m) const override {
    if (m >= blocks_.size() || loaded_[m].load(std::memory_order_acquire)) return;
    std::lock_guard<std::mutex> lock(mu_);
    if (loaded_[m].load(std::memory_order_relaxed)) return;
    if (!read_module_names(blocks_[m], tables_, dm.modules[m]) && !reported_) {
      reported_ = true;
      std::fprintf(stderr, "ferret: a cached name map of crate %u is damaged (module %u); its names are incomplete\n",
                   dm.krate, m);
    }
    loaded_[m].store(true, std::memory_order_release);
  }

 private:
  std::shared_ptr<const index::CacheBlob> bytes_;  // what blocks_ point into
  mutable ReadTables tables_;
  std::vector<std::string_view> blocks_;
  std::unique_ptr<std::atomic<bool>[]> loaded_;
  mutable std::mutex mu_;
  mutable bool reported_ = false;
};

bool read_body(base::ByteReader& r, ReadTables& t, DefMap& dm, std::vector<std::string_view>& blocks) {
  dm.edition = static_cast<int>(r.u32());
  dm.no_std = r.pod<uint8_t>() != 0;
  dm.no_core = r.pod<uint8_t>() != 0;
  dm.prelude = get_def(r, t);
  uint32_t n_modules = r.count(24);
  dm.modules.resize(n_modules);
  for (ModuleData& m : dm.modules) {
    m.parent = r.u32();
    m.name = t.name(r.u32());
    uint32_t file = r.u32();
    m.file = t.file(file);
    m.item = r.u32();
    uint32_t decl_file = r.u32();
    m.decl_file = t.file(decl_file);
    m.decl_item = r.u32();
    if ((m.item != kNoIndex && !t.item_in(file, m.item)) ||
        (m.decl_item != kNoIndex && !t.item_in(decl_file, m.decl_item))) {
      return false;
    }
    m.dir = std::string(r.str());
    m.mod_rs = r.pod<uint8_t>() != 0;
    m.block = r.pod<uint8_t>() != 0;
    uint32_t n_extra = r.count(4);
    for (uint32_t i = 0; i < n_extra; ++i) m.extra_files.push_back(t.file(r.u32()));
    m.legacy_head = r.u32();
    r.array(m.children);
    uint32_t n_problems = r.count(4);
    for (uint32_t i = 0; i < n_problems; ++i) m.problems.emplace_back(r.str());
    blocks.push_back(r.str());  // the names, decoded on first use
    if (!r.ok() || !t.ok) return false;
  }
  uint32_t n_items = r.count(12);
  dm.items.resize(n_items);
  for (ItemLoc& l : dm.items) {
    uint32_t file = r.u32();
    l.file = t.file(file);
    l.item = r.u32();
    l.module = r.u32();
    if (r.ok() && !t.item_in(file, l.item)) return false;
  }
  uint32_t n_impls = r.count(8);
  dm.impls.resize(n_impls);
  for (DefMap::ImplEntry& e : dm.impls) {
    e.item = r.u32();
    e.module = r.u32();
    e.self_key.shape = static_cast<SelfTypeKey::Shape>(r.pod<uint8_t>());
    e.self_key.def = get_def(r, t);
    e.trait = get_def(r, t);
    e.trait_unresolved = r.pod<uint8_t>() != 0;
    e.inactive = r.pod<uint8_t>() != 0;
  }
  uint32_t n_imports = r.count(20);
  dm.imports.resize(n_imports);
  for (ImportRecord& i : dm.imports) {
    i.module = r.u32();
    uint32_t file = r.u32();
    i.file = t.file(file);
    i.use_item = r.u32();
    i.import = r.u32();
    i.name = t.name(r.u32());
    i.resolved = r.pod<uint8_t>() != 0;
    if (r.ok() && ((i.use_item != kNoIndex && !t.item_in(file, i.use_item)) ||
                   !t.import_in(file, i.import))) {
      return false;
    }
  }
  uint32_t n_ext = r.count(8);
  for (uint32_t i = 0; i < n_ext && r.ok(); ++i) {
    NameId name = t.name(r.u32());
    dm.extern_prelude[name] = t.krate(r.u32());
  }
  uint32_t n_mac = r.count(8);
  for (uint32_t i = 0; i < n_mac && r.ok(); ++i) {
    NameId name = t.name(r.u32());
    dm.macro_use_prelude[name] = get_def(r, t);
  }
  uint32_t n_problems = r.count(4);
  for (uint32_t i = 0; i < n_problems; ++i) dm.problems.emplace_back(r.str());
  uint32_t n_legacy = r.count(17);
  dm.legacy_macros.resize(n_legacy);
  for (DefMap::LegacyMacro& lm : dm.legacy_macros) {
    lm.name = t.name(r.u32());
    lm.def = get_def(r, t);
    lm.prev = r.u32();
  }
  uint32_t n_expansions = r.count(12);
  dm.expansions.reserve(n_expansions);
  for (uint32_t i = 0; i < n_expansions && r.ok(); ++i) {
    uint32_t call_file = r.u32();
    FileId call = t.file(call_file);
    uint32_t item = r.u32();
    FileId f = t.file(r.u32());
    if (call == kNoIndex || f == kNoIndex || !t.item_in(call_file, item)) return false;
    dm.expansions.add(call, item, f);
  }
  dm.expansions.seal();
  return r.ok() && t.ok;
}

// A file table entry: a real file's path, or a macro expansion's text and spans
// (which refer to real files of the same table).
struct RawFile {
  bool macro = false;
  std::string text;  // a real file's path
  uint64_t key = 0;  // an expansion's identity and where its text is
  uint32_t text_offset = 0;
  uint32_t text_size = 0;
  uint8_t edition = 0;
  uint32_t dollar_crate = kNone32;
  bool local_inner_macros = false;
  uint32_t call_file = kNone32;
  uint32_t call_offset = 0;
  // The file's item tree as the map was built with it (kNone32: not known).
  uint32_t items = kNone32;
  uint32_t imports = kNone32;
};

// A file's item and import counts as the map is written (its tree is loaded when the
// map refers into it), so a reader can check the map's item indices without loading
// any tree.
void put_tree_counts(base::ByteWriter& w, Database& db, FileId f) {
  const index::ItemTree* tree = db.loaded_item_tree(f);
  w.u32(tree ? static_cast<uint32_t>(tree->items.size()) : kNone32);
  w.u32(tree ? static_cast<uint32_t>(tree->imports.size()) : kNone32);
}

// What later queries ask of an expansion's origins: where its items' names and its
// imports were written. Keeping just those points (not a span per token run) keeps
// the cached map small.
std::vector<MacroFileInfo::SpanRun> name_points(Database& db, FileId f) {
  const index::ItemTree& tree = db.item_tree(f);
  std::vector<uint32_t> offsets;
  for (const index::Item& it : tree.items) offsets.push_back(it.name_offset);
  for (const index::Import& imp : tree.imports) offsets.push_back(imp.offset);
  std::sort(offsets.begin(), offsets.end());
  offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  std::vector<MacroFileInfo::SpanRun> out;
  for (uint32_t off : offsets) {
    TokenOrigin o = db.original_location(f, off);
    if (o.file != kNoIndex) out.push_back(MacroFileInfo::SpanRun{off, 1, o.file, o.offset});
  }
  return out;
}

void write_file_table(base::ByteWriter& w, WriteTables& t, Database& db, std::string* texts, bool all_spans) {
  // Macro files name other files and a crate: register those first, so the tables are
  // complete before they are written.
  std::unordered_map<FileId, std::vector<MacroFileInfo::SpanRun>> points;
  for (size_t i = 0; i < t.file_list.size(); ++i) {
    FileId f = t.file_list[i];
    if (const MacroFileInfo* mf = db.macro_file(f)) {
      t.krate(mf->dollar_crate);
      t.file(mf->call.file);
      // The crates being edited keep every span: a cursor in a macro's definition is
      // answered in an expansion (ide/expansion_query.h).
      std::vector<MacroFileInfo::SpanRun>& p = points[f] = all_spans ? mf->spans : name_points(db, f);
      for (const MacroFileInfo::SpanRun& run : p) t.file(run.file);
    }
  }
  w.u32(static_cast<uint32_t>(t.file_list.size()));
  for (FileId f : t.file_list) {
    const MacroFileInfo* mf = db.macro_file(f);
    w.pod(static_cast<uint8_t>(mf != nullptr));
    put_tree_counts(w, db, f);
    if (mf == nullptr) {
      w.str(db.file_path(f));
      continue;
    }
    // The text and its name positions go to the crate's texts entry, read back only
    // when needed (see Database::load_macro_text).
    base::FileText text = db.file_text(f);
    std::vector<MacroFileInfo::SpanRun> positions = points[f];
    for (MacroFileInfo::SpanRun& run : positions) run.file = t.file(run.file);
    MacroTextPlace place;
    if (texts)
      place =
          append_macro_text(*texts, text ? std::string_view(*text) : std::string_view(), positions);
    w.u64(db.macro_file_key(f));
    w.u32(place.offset);
    w.u32(place.size);
    w.pod(static_cast<uint8_t>(db.file_edition(f)));
    w.u32(t.krate(mf->dollar_crate));
    w.pod(static_cast<uint8_t>(mf->local_inner_macros));
    w.u32(t.file(mf->call.file));
    w.u32(mf->call.offset);
  }
}

std::vector<RawFile> read_file_table(base::ByteReader& r) {
  std::vector<RawFile> out;
  uint32_t n = r.count(13);
  out.resize(n);
  for (RawFile& f : out) {
    f.macro = r.pod<uint8_t>() != 0;
    f.items = r.u32();
    f.imports = r.u32();
    if (!f.macro) {
      f.text = std::string(r.str());
      continue;
    }
    f.key = r.u64();
    f.text_offset = r.u32();
    f.text_size = r.u32();
    f.edition = r.pod<uint8_t>();
    f.dollar_crate = r.u32();
    f.local_inner_macros = r.pod<uint8_t>() != 0;
    f.call_file = r.u32();
    f.call_offset = r.u32();
    if (!r.ok()) break;
  }
  return out;
}

// Whether every expansion of the table has a whole record in `texts`: otherwise the
// map is not used, so the cache can never make an expansion read empty. (Each text is
// not hashed again against its key here: the entry's checksum and result hash already
// tie it to this map, and hashing std's thousands of texts would cost a warm query
// more than all other checks together.)
bool expansions_have_texts(const std::vector<RawFile>& raw, std::string_view texts) {
  for (const RawFile& f : raw) {
    if (!f.macro) continue;
    if (f.edition > static_cast<uint8_t>(syntax::Edition::E2024)) return false;
    if (!read_macro_text(texts, MacroTextPlace{f.text_offset, f.text_size})) return false;
  }
  return true;
}

// Real files first, then the expansions that point into them. Only the crate's own
// files (those it read: its probes) are parsed its way; the others (where a macro from
// another crate was written) belong to their crates.
bool materialize_files(Database& db, CrateId krate, std::vector<RawFile>& raw, ReadTables& t,
                       const std::vector<std::pair<std::string, bool>>& probes,
                       std::shared_ptr<const index::CacheBlob> texts, uint32_t& source) {
  std::unordered_set<std::string_view> own;
  for (const auto& [path, existed] : probes) {
    if (existed) own.insert(path);
  }
  t.files.assign(raw.size(), kNoIndex);
  t.file_own.assign(raw.size(), 0);
  for (size_t i = 0; i < raw.size(); ++i) {
    t.file_items.push_back(raw[i].items);
    t.file_imports.push_back(raw[i].imports);
    if (raw[i].macro) {
      t.file_own[i] = 1;
      continue;
    }
    t.files[i] = db.file_id(raw[i].text);
    if (own.count(raw[i].text)) {
      t.file_own[i] = 1;
      db.prepare_crate_file(t.files[i], krate);
    }
  }
  auto real = [&](uint32_t i) { return i < raw.size() && !raw[i].macro ? t.files[i] : kNoIndex; };
  source = db.add_macro_text_source(std::move(texts));
  db.reserve_files(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    if (!raw[i].macro) continue;
    MacroFileInfo info;
    info.dollar_crate = t.krate(raw[i].dollar_crate);
    info.local_inner_macros = raw[i].local_inner_macros;
    info.call = TokenOrigin{real(raw[i].call_file), raw[i].call_offset};
    t.files[i] =
        db.add_cached_macro_file(raw[i].key, static_cast<syntax::Edition>(raw[i].edition), info,
                                 source, MacroTextPlace{raw[i].text_offset, raw[i].text_size});
  }
  db.set_macro_text_files(source, t.files);
  return t.ok;
}

// The map's own tables checked, and every walk shown to end (parents before children,
// macro chains going back); indices into item trees and other crates' maps were
// checked while reading (ReadTables). So a damaged entry that still passes its
// checksum cannot make queries read out of bounds or loop.
bool indices_valid(const DefMap& dm, const ReadTables& t) {
  const uint32_t n_modules = static_cast<uint32_t>(dm.modules.size());
  if (n_modules == 0 || dm.modules[0].parent != kNoIndex) return false;
  // The counts its own Defs were checked against are its own.
  for (size_t k = 0; k < t.crates.size(); ++k) {
    if (t.crates[k] != dm.krate) continue;
    if ((t.crate_items[k] != kNone32 && t.crate_items[k] != dm.items.size()) ||
        (t.crate_modules[k] != kNone32 && t.crate_modules[k] != n_modules)) {
      return false;
    }
  }
  auto module_ok = [&](uint32_t m) { return m == kNoIndex || m < n_modules; };
  const uint32_t n_legacy = static_cast<uint32_t>(dm.legacy_macros.size());
  for (uint32_t i = 0; i < n_modules; ++i) {
    const ModuleData& m = dm.modules[i];
    if (i > 0 && (m.parent == kNoIndex || m.parent >= i)) return false;
    for (ModuleId c : m.children) {
      if (c <= i || c >= n_modules) return false;
    }
    if (m.legacy_head != kNoIndex && m.legacy_head >= n_legacy) return false;
  }
  for (const ItemLoc& l : dm.items) {
    if (!module_ok(l.module)) return false;
  }
  for (const DefMap::ImplEntry& e : dm.impls) {
    if (e.item >= dm.items.size() || !module_ok(e.module)) return false;
  }
  for (const ImportRecord& i : dm.imports) {
    if (!module_ok(i.module)) return false;
  }
  for (uint32_t i = 0; i < n_legacy; ++i) {
    if (dm.legacy_macros[i].prev != kNoIndex && dm.legacy_macros[i].prev >= i) return false;
  }
  return true;
}

}  // namespace

namespace {

// The header both entries start with: what the map was built from.
void write_header(base::ByteWriter& w, Database& db, const DefMap& dm) {
  w.u32(kMagic);
  w.u32(kDefMapFormat);
  w.u64(dm.result_hash);
  w.u64(db.crate_fingerprint(dm.krate));
  // Dependencies this map was built against.
  const base::CrateData& cd = db.graph()[dm.krate];
  w.u32(static_cast<uint32_t>(cd.deps.size()));
  for (const base::CrateDependency& d : cd.deps) {
    bool real = d.crate != base::kNoCrate && d.crate != dm.krate;
    // 0: the map never looked into this dependency (so it need not even be built).
    bool used = real && std::find(dm.consulted.begin(), dm.consulted.end(), d.crate) != dm.consulted.end();
    w.u64(real ? db.crate_fingerprint(d.crate) : 0);
    w.u64(used ? db.def_map(d.crate).result_hash : 0);
  }
  w.u32(static_cast<uint32_t>(dm.probes.size()));
  for (const auto& [path, existed] : dm.probes) {
    w.str(path);
    std::optional<base::FileStamp> st = existed ? db.fs().stamp(path) : std::nullopt;
    w.pod(static_cast<uint8_t>(st.has_value()));
    w.u64(st ? st->size : 0);
    w.pod(st ? st->mtime_ns : int64_t{0});
    // What resolution read from the file: when only its stamp changed (an editor
    // buffer, a touch, an edit inside a body) the map still holds.
    w.u64(st ? index::resolution_hash(db.item_tree(db.file_id(path))) : 0);
    // Its content, for finding its item tree without reading it while the stamp holds.
    base::FileText text = st ? db.file_text(db.file_id(path)) : nullptr;
    w.u64(text ? index::content_hash(*text) : 0);
  }
}

// Reads the header; with `check`, nullopt unless every dependency's map is still the
// one it was built against (`dep_hash`) and every probed file has its stamp.
std::optional<uint64_t> read_header(base::ByteReader& r, Database& db, CrateId krate, bool check,
                                    const std::function<uint64_t(CrateId)>& dep_hash,
                                    std::vector<std::pair<std::string, bool>>* probes) {
  if (r.u32() != kMagic || r.u32() != kDefMapFormat || !r.ok()) return std::nullopt;
  uint64_t result_hash = r.u64();
  if (r.u64() != db.crate_fingerprint(krate)) return std::nullopt;
  const base::CrateData& cd = db.graph()[krate];
  uint32_t n_deps = r.count(16);
  if (n_deps != cd.deps.size()) return std::nullopt;
  for (const base::CrateDependency& d : cd.deps) {
    uint64_t fp = r.u64();
    uint64_t hash = r.u64();
    bool real = d.crate != base::kNoCrate && d.crate != krate;
    if (!real || !check) continue;
    if (fp != db.crate_fingerprint(d.crate)) return std::nullopt;
    if (hash != 0 && hash != dep_hash(d.crate)) return std::nullopt;
  }
  // The standard library's sources change only when the toolchain is replaced, which
  // rewrites its crate roots too: a sysroot crate's map is checked by its root's stamp
  // alone (hundreds of files otherwise).
  bool root_only = cd.origin == base::CrateOrigin::Sysroot;
  std::string root = root_only ? normalize_path(cd.root_file) : std::string();
  uint32_t n_probes = r.count(37);
  for (uint32_t i = 0; i < n_probes; ++i) {
    std::string_view path = r.str();
    bool existed = r.pod<uint8_t>() != 0;
    uint64_t size = r.u64();
    int64_t mtime = r.pod<int64_t>();
    uint64_t declared = r.u64();
    uint64_t content = r.u64();
    if (!r.ok()) return std::nullopt;
    if (check && root_only && path != root) {
      if (existed && content != 0) db.note_content_hash(db.file_id(std::string(path)), content);
    } else if (check) {
      std::optional<base::FileStamp> now = db.fs().stamp(std::string(path));
      if (existed != now.has_value()) return std::nullopt;
      if (now && (now->size != size || now->mtime_ns != mtime)) {
        FileId f = db.file_id(std::string(path));
        db.prepare_crate_file(f, krate);
        if (index::resolution_hash(db.item_tree(f)) != declared) return std::nullopt;
      } else if (now && content != 0) {
        db.note_content_hash(db.file_id(std::string(path)), content);
      }
    }
    if (probes) probes->emplace_back(std::string(path), existed);
  }
  if (!r.ok()) return std::nullopt;
  return result_hash;
}

}  // namespace

std::string serialize_def_map(Database& db, const DefMap& dm, std::string* macro_texts) {
  WriteTables t{db};
  std::string body = write_body(t, dm);
  base::ByteWriter w;
  write_header(w, db, dm);
  w.u32(static_cast<uint32_t>(t.name_list.size()));
  for (NameId n : t.name_list) w.str(db.names().name(n));
  const base::CrateData& cd = db.graph()[dm.krate];
  bool local = cd.origin == base::CrateOrigin::Workspace || cd.origin == base::CrateOrigin::LoneFile;
  write_file_table(w, t, db, macro_texts, local);
  w.u32(static_cast<uint32_t>(t.crate_list.size()));
  for (CrateId c : t.crate_list) {
    // What Defs into the crate must stay within (its map is loaded if one refers to it).
    const DefMap* map = c == dm.krate ? &dm : db.built_def_map(c);
    w.u64(db.crate_fingerprint(c));
    w.u32(map ? static_cast<uint32_t>(map->items.size()) : kNone32);
    w.u32(map ? static_cast<uint32_t>(map->modules.size()) : kNone32);
  }
  std::string out = w.take();
  out += body;
  return out;
}

std::string serialize_def_map_header(Database& db, const DefMap& dm) {
  base::ByteWriter w;
  write_header(w, db, dm);
  return w.take();
}

std::optional<uint64_t> validate_def_map_header(Database& db, CrateId krate, std::string_view bytes,
                                                const std::function<uint64_t(CrateId)>& dep_hash) {
  base::ByteReader r(bytes);
  return read_header(r, db, krate, true, dep_hash, nullptr);
}

std::optional<DefMap> deserialize_def_map(
    Database& db, CrateId krate, std::shared_ptr<const index::CacheBlob> owned,
    uint64_t result_hash,
    const std::function<std::shared_ptr<const index::CacheBlob>()>& load_texts) {
  if (!owned) return std::nullopt;
  std::string_view bytes = owned->bytes();
  base::ByteReader r(bytes);
  DefMap dm;
  dm.krate = krate;
  std::optional<uint64_t> hash = read_header(r, db, krate, false, nullptr, &dm.probes);
  if (!hash || *hash != result_hash) return std::nullopt;
  dm.result_hash = *hash;
  ReadTables t;
  uint32_t n_names = r.count(4);
  t.table = &db.names();
  t.raw_names.reserve(n_names);
  for (uint32_t i = 0; i < n_names; ++i) t.raw_names.push_back(r.str());
  t.names.assign(t.raw_names.size(), ReadTables::kNotInterned);
  std::vector<RawFile> raw_files = read_file_table(r);
  uint32_t n_crates = r.count(16);
  for (uint32_t i = 0; i < n_crates; ++i) {
    CrateId c = db.crate_by_fingerprint(r.u64());
    if (c == base::kNoCrate) return std::nullopt;
    t.crates.push_back(c);
    t.crate_items.push_back(r.u32());
    t.crate_modules.push_back(r.u32());
  }
  if (!r.ok()) return std::nullopt;
  // The expansions' texts must be the entry written with this map, whole: checked
  // before any of the map's files is registered.
  std::shared_ptr<const index::CacheBlob> texts = load_texts();
  if (!texts || !macro_texts_belong_to(texts->bytes(), dm.result_hash)) return std::nullopt;
  if (!expansions_have_texts(raw_files, texts->bytes())) return std::nullopt;
  uint32_t source = 0;
  if (!materialize_files(db, krate, raw_files, t, dm.probes, std::move(texts), source))
    return std::nullopt;
  std::vector<std::string_view> blocks;
  if (!read_body(r, t, dm, blocks) || !r.at_end()) return std::nullopt;
  if (!indices_valid(dm, t)) return std::nullopt;
  db.accept_macro_text_source(source);
  dm.contents = std::make_shared<CachedModuleContents>(std::move(owned), std::move(t), std::move(blocks));
  return dm;
}

}  // namespace ferret::sema
