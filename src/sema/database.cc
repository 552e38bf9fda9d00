// Database: lazy, memoized file texts, item trees (persistent cache keyed by content
// hash) and def maps.
#include "sema/database.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "base/bytes.h"
#include "index/content_hash.h"
#include "index/item_tree_builder.h"
#include "index/item_tree_io.h"
#include "index/item_tree_update.h"
#include "index/resolution_hash.h"
#include "sema/def_collector.h"
#include "sema/def_map_io.h"
#include "sema/impl_index.h"
#include "sema/macro_texts.h"
#include "syntax/parse.h"
#include "syntax/reparse.h"

namespace ferret::sema {

// Whether `path` is already in normal form: no empty, "." or ".." part, no trailing
// '/' (most paths are: they come from normalized folders and plain names).
static bool is_normal_path(const std::string& path) {
  if (path.empty() || (path.size() > 1 && path.back() == '/')) return false;
  size_t start = path[0] == '/' ? 1 : 0;
  if (start == 1 && path.size() == 1) return true;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    size_t n = end - start;
    if (n == 0 || (n == 1 && path[start] == '.') || (n == 2 && path[start] == '.' && path[start + 1] == '.')) return false;
    start = end + 1;
  }
  return true;
}

std::string normalize_path(const std::string& path) {
  if (is_normal_path(path)) return path;
  std::vector<std::string> parts;
  size_t i = 0;
  bool absolute = !path.empty() && path[0] == '/';
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    std::string part = path.substr(i, j - i);
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!absolute) {
        parts.push_back(part);
      }
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    i = j + 1;
  }
  std::string out = absolute ? "/" : "";
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k) out += '/';
    out += parts[k];
  }
  return out.empty() ? "." : out;
}

std::string parent_dir(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string join_path(const std::string& dir, const std::string& name) {
  if (!name.empty() && name[0] == '/') return normalize_path(name);
  return normalize_path(dir + "/" + name);
}

Database::Database(std::shared_ptr<const base::FileSystem> fs, base::CrateGraph graph,
                   std::shared_ptr<const index::CacheStore> cache)
    : fs_(std::move(fs)), graph_(std::move(graph)), cache_(std::move(cache)) {
  def_maps_.resize(graph_.size());
  def_map_busy_.assign(graph_.size(), 0);
}

FileId Database::file_id(const std::string& path) {
  std::string norm = normalize_path(path);
  auto it = file_ids_.find(norm);
  if (it != file_ids_.end()) return it->second;
  FileId id = static_cast<FileId>(files_.size());
  files_.emplace_back();
  detail(id).path = norm;
  file_ids_.emplace(std::move(norm), id);
  return id;
}

Database::FileDetail& Database::detail(FileId f) const {
  const FileEntry& e = files_[f];
  if (e.detail == kNoIndex) {
    e.detail = static_cast<uint32_t>(details_.size());
    FileDetail& d = details_.emplace_back();
    if (e.macro) {
      d.macro.dollar_crate = e.dollar_crate;
      d.macro.local_inner_macros = e.local_inner_macros;
      d.macro.call = e.call;
    }
  }
  return details_[e.detail];
}

base::FileText Database::file_text(FileId f) {
  FileDetail& d = detail(f);
  if (d.text_loaded) return d.text;
  if (files_[f].lazy_texts >= 0) {
    load_macro_text(f);
    return d.text;
  }
  d.text_loaded = true;
  d.text = fs_->read_file(d.path);
  return d.text;
}

const index::ItemTree& Database::item_tree(FileId f) {
  FileEntry& e = files_[f];
  FileDetail& d = detail(f);
  if (d.tree) return *d.tree;
  // The cache key: an expansion's identity, or the file's content hash (known from a
  // def map header whose stamps still hold, so the file need not even be read).
  uint64_t content = e.key;
  base::FileText text;
  if (content == 0) {
    text = file_text(f);
    content = index::content_hash(text ? std::string_view(*text) : std::string_view());
  }
  auto tree_key = [&](uint64_t content_key) {
    return index::combine_hash(index::combine_hash(content_key, index::kItemTreeFormat),
                               static_cast<uint64_t>(e.edition) * 2 + (e.bodies ? 1 : 0));
  };
  uint64_t key = tree_key(content);
  if (cache_) {
    if (std::shared_ptr<const index::CacheBlob> bytes = cache_->get_blob("itemtree", key)) {
      std::string_view view = bytes->bytes();
      if (std::optional<index::ItemTree> t = index::deserialize_item_tree(view, std::move(bytes))) {
        d.tree = std::make_unique<index::ItemTree>(std::move(*t));
        ++stats_.item_trees_loaded;
        if (e.macro) d.tree->dollar_crate = e.dollar_crate;
        return *d.tree;
      }
    }
  }
  static const std::string kEmpty;
  if (!text) {
    text = file_text(f);
    // The tree built here is of the text read now, and is cached under that text's
    // hash, not under the one a def map header vouched for (the file may have changed
    // under an unchanged stamp): a cache entry always holds the tree of its key's text.
    if (!e.macro) {
      e.key = index::content_hash(text ? std::string_view(*text) : std::string_view());
      key = tree_key(e.key);
    }
  }
  const std::string& src = text ? *text : kEmpty;
  if (e.bodies && !e.macro && fs_->is_unsaved(d.path)) {
    // An edited buffer: its full parse serves the item tree and the queries alike.
    std::shared_ptr<const syntax::SyntaxTree> full = full_tree(f, e.edition);
    d.tree = std::make_unique<index::ItemTree>(index::build_item_tree(*full, true));
  } else {
    syntax::ParseOptions opts;
    opts.edition = e.edition;
    opts.skeleton = !e.bodies;
    syntax::SyntaxTree tree = syntax::parse(src, opts);
    d.tree = std::make_unique<index::ItemTree>(index::build_item_tree(tree, e.bodies));
  }
  ++stats_.item_trees_built;
  if (cache_ && (cache_unsaved_ || e.macro || !fs_->is_unsaved(d.path))) {
    cache_->put("itemtree", key, index::serialize_item_tree(*d.tree));
  }
  if (e.macro) d.tree->dollar_crate = e.dollar_crate;
  return *d.tree;
}

const index::ItemTree* Database::loaded_item_tree(FileId f) const {
  if (f >= files_.size() || files_[f].detail == kNoIndex) return nullptr;
  return details_[files_[f].detail].tree.get();
}

std::shared_ptr<const syntax::SyntaxTree> Database::parse_shared(base::FileText text, const syntax::ParseOptions& opts,
                                                                const syntax::SyntaxTree* previous,
                                                                std::optional<syntax::BodyEdit>* edit) {
  static const std::string kEmpty;
  auto holder = std::make_shared<std::pair<base::FileText, syntax::SyntaxTree>>();
  holder->first = std::move(text);
  std::string_view view = holder->first ? std::string_view(*holder->first) : std::string_view(kEmpty);
  std::optional<syntax::SyntaxTree> quick;
  syntax::BodyEdit what;
  if (previous) quick = syntax::reparse(*previous, view, opts, &what);
  holder->second = quick ? std::move(*quick) : syntax::parse(view, opts);
  if (edit) *edit = quick ? std::optional<syntax::BodyEdit>(what) : std::nullopt;
  return std::shared_ptr<const syntax::SyntaxTree>(holder, &holder->second);
}

std::shared_ptr<const syntax::SyntaxTree> Database::full_tree(FileId f, syntax::Edition edition) {
  FileDetail& d = detail(f);
  base::FileText text = file_text(f);
  if (d.full_tree && d.full_tree_edition == edition && text && d.full_tree->text().data() == text->data()) {
    return d.full_tree;
  }
  syntax::ParseOptions opts;
  opts.edition = edition;
  // The kept tree of the buffer's previous text: an edit inside one function body
  // reparses just that body.
  const syntax::SyntaxTree* previous = d.full_tree && d.full_tree_edition == edition ? d.full_tree.get() : nullptr;
  std::optional<syntax::BodyEdit> edit;
  std::shared_ptr<const syntax::SyntaxTree> tree = parse_shared(text, opts, previous, &edit);
  if (!files_[f].macro && fs_->is_unsaved(d.path)) {
    d.full_tree = tree;
    d.full_tree_edition = edition;
    d.full_tree_edit = edit;
  }
  return tree;
}

void Database::note_content_hash(FileId f, uint64_t hash) {
  if (f < files_.size() && !files_[f].macro) files_[f].key = hash;
}

FileId Database::add_macro_file(std::string text, syntax::Edition edition, MacroFileInfo info) {
  uint64_t key =
      expansion_key(text, edition,
                    info.dollar_crate == base::kNoCrate ? 0 : crate_fingerprint(info.dollar_crate));
  // Cached expansions registered since the last call enter the index first.
  for (; macro_keys_upto_ < files_.size(); ++macro_keys_upto_) {
    const FileEntry& e = files_[macro_keys_upto_];
    bool rejected = e.lazy_texts >= 0 && !text_sources_[static_cast<size_t>(e.lazy_texts)].accepted;
    if (e.macro && !rejected) macro_file_ids_.emplace(e.key, static_cast<FileId>(macro_keys_upto_));
  }
  auto [it, added] = macro_file_ids_.emplace(key, static_cast<FileId>(files_.size()));
  if (!added) return it->second;
  FileId f = new_macro_file(key, edition, info);
  macro_keys_upto_ = files_.size();
  FileDetail& d = detail(f);
  d.macro.spans = std::move(info.spans);
  d.text_loaded = true;
  d.text = std::make_shared<const std::string>(std::move(text));
  return f;
}

FileId Database::add_cached_macro_file(uint64_t key, syntax::Edition edition,
                                       const MacroFileInfo& info, uint32_t source,
                                       MacroTextPlace place) {
  FileId f = new_macro_file(key, edition, info);
  FileEntry& e = files_[f];
  e.lazy_texts = static_cast<int32_t>(source);
  e.lazy_offset = place.offset;
  e.lazy_size = place.size;
  return f;
}

void Database::reserve_files(size_t more) { files_.reserve(files_.size() + more); }

uint32_t Database::add_macro_text_source(std::shared_ptr<const index::CacheBlob> texts) {
  text_sources_.push_back(TextSource{std::move(texts), {}, false});
  return static_cast<uint32_t>(text_sources_.size() - 1);
}

void Database::set_macro_text_files(uint32_t source, std::vector<FileId> files) {
  text_sources_[source].files = std::move(files);
}

// An expansion of a cached def map: its record in the crate's texts entry, checked
// whole when the map was loaded (macro_texts.h).
void Database::load_macro_text(FileId f) {
  FileEntry& e = files_[f];
  FileDetail& d = detail(f);
  const TextSource& src = text_sources_[static_cast<size_t>(e.lazy_texts)];
  e.lazy_texts = -1;
  d.text_loaded = true;
  std::optional<MacroTextRecord> record =
      src.blob ? read_macro_text(src.blob->bytes(), MacroTextPlace{e.lazy_offset, e.lazy_size})
               : std::nullopt;
  if (!record) {  // never: the record was checked before the map was used
    d.text = std::make_shared<const std::string>();
    return;
  }
  for (size_t i = 0; i < record->position_count(); ++i) {
    MacroFileInfo::SpanRun run = record->position(i);
    if (run.file < src.files.size() && src.files[run.file] != kNoIndex) {
      run.file = src.files[run.file];
      d.macro.spans.push_back(run);
    }
  }
  d.text = std::make_shared<const std::string>(record->text);
}

// Keyed by number; the path is made when asked.
FileId Database::new_macro_file(uint64_t key, syntax::Edition edition, const MacroFileInfo& info) {
  FileEntry& e = files_.emplace_back();
  e.key = key;
  e.macro = true;
  e.edition = edition;
  e.dollar_crate = info.dollar_crate;
  e.local_inner_macros = info.local_inner_macros;
  e.call = info.call;
  return static_cast<FileId>(files_.size() - 1);
}

const std::string& Database::file_path(FileId f) const {
  FileDetail& d = detail(f);
  if (d.path.empty() && files_[f].macro) {
    char name[40];
    std::snprintf(name, sizeof name, "<macro %016llx>", static_cast<unsigned long long>(files_[f].key));
    d.path = name;
  }
  return d.path;
}

uint64_t Database::def_map_key(CrateId krate) {
  return index::combine_hash(crate_fingerprint(krate), kDefMapFormat);
}

TokenOrigin Database::original_location(FileId f, uint32_t offset) {
  if (f >= files_.size()) return TokenOrigin{};
  if (!files_[f].macro) return TokenOrigin{f, offset};
  if (files_[f].lazy_texts >= 0) load_macro_text(f);  // its positions come with its text
  const MacroFileInfo* m = &detail(f).macro;
  auto after = std::upper_bound(m->spans.begin(), m->spans.end(), offset,
                                [](uint32_t o, const MacroFileInfo::SpanRun& r) { return o < r.start; });
  if (after != m->spans.begin()) {
    const MacroFileInfo::SpanRun& r = *(after - 1);
    if (offset < r.start + r.len) return TokenOrigin{r.file, r.origin + (offset - r.start)};
  }
  return m->call;
}

Database::SourcePosition Database::source_position(FileId f, uint32_t offset) {
  TokenOrigin o = original_location(f, offset);
  SourcePosition p;
  if (o.file == kNoIndex) return p;
  p.file = o.file;
  p.offset = o.offset;
  FileDetail& d = detail(o.file);
  if (!d.lines) {
    base::FileText text = file_text(o.file);
    if (!text) return p;
    d.lines = std::make_unique<base::LineIndex>(*text);
  }
  base::LineCol lc = d.lines->line_col(o.offset);
  p.line = lc.line;
  p.col = lc.col;
  return p;
}

ImplIndex& Database::impl_index() {
  if (!impl_index_) impl_index_ = std::make_shared<ImplIndex>();
  return *impl_index_;
}

const MacroRulesDef& Database::macro_rules_def(FileId file, uint32_t item) {
  uint64_t key = (static_cast<uint64_t>(file) << 32) | item;
  auto it = macro_defs_.find(key);
  if (it != macro_defs_.end()) return *it->second;
  auto def = std::make_unique<MacroRulesDef>();
  const index::ItemTree& t = item_tree(file);
  if (item < t.items.size() && t.items[item].data != index::kNone &&
      (t.items[item].kind == index::ItemKind::MacroRules || t.items[item].kind == index::ItemKind::MacroDef)) {
    const index::MacroData& md = t.macros[t.items[item].data];
    // Token offsets are relative to the body (or params) text; map them to real files.
    auto lex_at = [&](index::Str s, uint32_t base_offset) {
      return lex_token_stream(t.str(s), files_[file].edition,
                              [&](uint32_t off) { return original_location(file, base_offset + off); });
    };
    TokenStream params;
    if (!md.params.empty()) {
      // params come just before the body in the source; their offset is not stored,
      // so they map to the body's start.
      params = lex_token_stream(t.str(md.params), files_[file].edition,
                                [&](uint32_t) { return original_location(file, md.body_offset); });
    }
    *def = parse_macro_rules(lex_at(md.body, md.body_offset), std::move(params));
  }
  return *macro_defs_.emplace(key, std::move(def)).first->second;
}

const DefMap& Database::def_map(CrateId krate) {
  if (def_maps_[krate]) return *def_maps_[krate];
  if (def_map_busy_[krate]) {
    // A dependency cycle in the crate graph: answer with an empty map for the inner use.
    static const DefMap kEmpty;
    return kEmpty;
  }
  // Building a map looks into its dependencies' maps, which may be built then in
  // turn: one nesting per crate of a dependency chain. Past a few, the dependencies'
  // maps are made first, in dependency order, so the stack holds a bounded number of
  // crates however long the chain.
  if (def_map_nesting_ >= kMaxCrateNesting) {
    for (CrateId d : base::dependency_order(graph_, krate)) {
      if (d != krate && !def_maps_[d] && !def_map_busy_[d]) def_map(d);
    }
  }
  struct Nesting {
    int& n;
    explicit Nesting(int& x) : n(++x) {}
    ~Nesting() { --n; }
  } nesting(def_map_nesting_);
  def_map_busy_[krate] = 1;
  if (def_map_observer_) def_map_observer_(krate);
  uint64_t key = def_map_key(krate);
  if (cache_) {
    // A still-valid cached map loads without its dependencies' maps: their headers
    // vouch for them.
    if (uint64_t want = cached_def_map_hash(krate)) {
      if (std::shared_ptr<const index::CacheBlob> bytes = cache_->get_blob("defmap", key)) {
        std::optional<DefMap> dm = deserialize_def_map(*this, krate, std::move(bytes), want, [&] {
          return cache_->get_blob("defmacros", key);
        });
        if (dm) {
          def_maps_[krate] = std::make_unique<DefMap>(std::move(*dm));
          ++stats_.def_maps_loaded;
          def_map_busy_[krate] = 0;
          return *def_maps_[krate];
        }
      }
    }
  }
  // Dependencies' maps are built as the collector looks into them.
  def_maps_[krate] = std::make_unique<DefMap>(build_def_map(*this, krate));
  ++stats_.def_maps_built;
  DefMap& dm = *def_maps_[krate];
  std::string texts = begin_macro_texts();
  std::string bytes = serialize_def_map(*this, dm, &texts);
  dm.result_hash = index::content_hash(bytes);
  if (cache_) {
    // All three entries carry the map's result hash (bytes 8..16 of the map and its
    // header, 0..8 of the texts).
    std::string header = serialize_def_map_header(*this, dm);
    std::memcpy(bytes.data() + 8, &dm.result_hash, sizeof dm.result_hash);
    std::memcpy(header.data() + 8, &dm.result_hash, sizeof dm.result_hash);
    seal_macro_texts(texts, dm.result_hash);
    cache_->put("defmacros", key, texts);
    cache_->put("defmap", key, bytes);
    cache_->put("defhead", key, header);
  }
  if (krate < head_hash_.size()) head_state_[krate] = 0;
  def_map_busy_[krate] = 0;
  return *def_maps_[krate];
}

uint64_t Database::cached_def_map_hash(CrateId krate) {
  if (def_maps_[krate]) return def_maps_[krate]->result_hash;
  if (head_hash_.size() < graph_.size()) {
    head_hash_.resize(graph_.size(), 0);
    head_state_.resize(graph_.size(), 0);
  }
  if (head_state_[krate] == 2) return head_hash_[krate];
  if (head_state_[krate] == 1 || !cache_) return 0;  // a cycle
  // As def_map: past a few crates of nesting, dependencies' headers are checked first.
  if (head_nesting_ >= kMaxCrateNesting) {
    for (CrateId d : base::dependency_order(graph_, krate)) {
      if (d != krate && head_state_[d] == 0) cached_def_map_hash(d);
    }
  }
  struct Nesting {
    int& n;
    explicit Nesting(int& x) : n(++x) {}
    ~Nesting() { --n; }
  } nesting(head_nesting_);
  head_state_[krate] = 1;
  uint64_t key = def_map_key(krate);
  uint64_t hash = 0;
  if (std::optional<std::string> bytes = cache_->get("defhead", key)) {
    std::optional<uint64_t> h =
        validate_def_map_header(*this, krate, *bytes, [&](CrateId c) { return cached_def_map_hash(c); });
    hash = h.value_or(0);
  }
  head_hash_[krate] = hash;
  head_state_[krate] = 2;
  return hash;
}

const index::Item& Database::item(const ItemLoc& loc) {
  const index::ItemTree& t = item_tree(loc.file);
  static const index::Item kMissing;
  return loc.item < t.items.size() ? t.items[loc.item] : kMissing;
}

void Database::prepare_crate_file(FileId f, CrateId krate) {
  const base::CrateData& c = graph_[krate];
  bool local = c.origin == base::CrateOrigin::Workspace || c.origin == base::CrateOrigin::LoneFile;
  // Lone files are parsed with today's keywords but resolved with rustc's default edition.
  int year = c.origin == base::CrateOrigin::LoneFile ? std::max(c.edition, 2021) : c.edition;
  syntax::Edition e = year >= 2024   ? syntax::Edition::E2024
                      : year >= 2021 ? syntax::Edition::E2021
                      : year >= 2018 ? syntax::Edition::E2018
                                     : syntax::Edition::E2015;
  set_file_mode(f, e, local);
}

uint64_t Database::crate_fingerprint(CrateId krate) {
  if (fingerprint_of_.size() < graph_.size()) fingerprint_of_.resize(graph_.size(), 0);
  if (fingerprint_of_[krate] != 0) return fingerprint_of_[krate];
  // Dependencies first, in a loop (a chain of crates must not be a chain of frames);
  // an edge that closes a cycle (which Cargo forbids) reads as a placeholder.
  for (CrateId c : base::dependency_order(graph_, krate)) {
    if (fingerprint_of_[c] != 0) continue;
    const base::CrateData& cd = graph_[c];
    std::string desc = cd.name + '\n' + cd.root_file + '\n' + std::to_string(cd.edition) + '\n' +
                       std::to_string(static_cast<int>(cd.origin)) + '\n' +
                       std::to_string(static_cast<int>(cd.target));
    for (const std::string& x : cd.extra_root_files) desc += "extra " + x + '\n';
    for (const std::string& a : cd.cfg.atoms()) desc += "cfg " + a + '\n';
    for (const auto& [k, v] : cd.cfg.pairs()) desc += "cfg " + k + "=" + v + '\n';
    uint64_t h = index::content_hash(desc);
    for (const base::CrateDependency& d : cd.deps) {
      uint64_t dep = d.crate == base::kNoCrate || d.crate >= graph_.size() ? 0
                     : fingerprint_of_[d.crate] != 0 ? fingerprint_of_[d.crate]
                                                     : 1;
      h = index::combine_hash(
          h, index::combine_hash(index::content_hash(d.name), dep + d.in_extern_prelude));
    }
    if (h <= 1) h += 2;
    fingerprint_of_[c] = h;
    fingerprints_.emplace(h, c);
  }
  return fingerprint_of_[krate];
}

CrateId Database::crate_by_fingerprint(uint64_t fingerprint) {
  for (CrateId c = 0; c < graph_.size(); ++c) crate_fingerprint(c);
  auto it = fingerprints_.find(fingerprint);
  return it == fingerprints_.end() ? base::kNoCrate : it->second;
}

void Database::refresh_file(const std::string& path) {
  auto it = file_ids_.find(normalize_path(path));
  if (it == file_ids_.end()) return;
  files_[it->second].key = 0;
  FileDetail& e = detail(it->second);
  if (!e.text_loaded && !e.tree) return;
  base::FileText old_text = e.text_loaded ? e.text : nullptr;
  // A buffer's kept parse stays for reparsing its next text incrementally.
  if (!fs_->is_unsaved(e.path)) e.full_tree.reset();
  e.text = fs_->read_file(e.path);
  e.text_loaded = true;
  if (old_text && e.text && *old_text == *e.text) return;
  drop_macro_defs(it->second);  // parsed from the old text, at its positions
  if (!e.tree) return;
  const FileEntry& entry = files_[it->second];
  std::unique_ptr<index::ItemTree> old_tree = std::move(e.tree);
  if (entry.bodies && !entry.macro && e.full_tree && e.full_tree_edition == entry.edition) {
    // A buffer edited inside one function body keeps its items: only positions move.
    std::shared_ptr<const syntax::SyntaxTree> full = full_tree(it->second, entry.edition);
    if (e.full_tree_edit && index::shift_item_tree(*old_tree, *full, *e.full_tree_edit)) {
      e.tree = std::move(old_tree);
      ++stats_.item_trees_shifted;
      return;
    }
  }
  uint64_t before = index::resolution_hash(*old_tree);
  old_tree.reset();
  if (index::resolution_hash(item_tree(it->second)) == before) return;
  // The maps built from the file go, and those of the crates depending on them.
  std::vector<uint8_t> stale(graph_.size(), 0);
  for (CrateId c = 0; c < graph_.size(); ++c) {
    if (!def_maps_[c]) continue;
    for (const auto& probe : def_maps_[c]->probes) {  // read, or looked for
      if (probe.first == e.path) stale[c] = 1;
    }
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (CrateId c = 0; c < graph_.size(); ++c) {
      if (stale[c]) continue;
      for (const base::CrateDependency& d : graph_[c].deps) {
        if (d.crate < graph_.size() && stale[d.crate]) {
          stale[c] = 1;
          changed = true;
          break;
        }
      }
    }
  }
  for (CrateId c = 0; c < graph_.size(); ++c) {
    if (stale[c]) def_maps_[c].reset();
  }
  std::fill(head_state_.begin(), head_state_.end(), 0);  // cached headers are judged afresh
}

CrateId Database::add_crate(base::CrateData data) {
  while (added_crates_.size() >= kMaxAddedCrates) retire_crate(added_crates_.front());
  CrateId id;
  if (!retired_crates_.empty()) {
    id = retired_crates_.back();
    retired_crates_.pop_back();
    graph_[id] = std::move(data);
  } else {
    id = graph_.add(std::move(data));
    def_maps_.resize(graph_.size());
    def_map_busy_.resize(graph_.size(), 0);
  }
  added_crates_.push_back(id);
  return id;
}

void Database::retire_crate(CrateId krate) {
  auto live = std::find(added_crates_.begin(), added_crates_.end(), krate);
  if (live == added_crates_.end()) return;
  added_crates_.erase(live);
  // Nothing depends on an added crate, so only its own memos go: its map, cached
  // header verdict, fingerprint and impls. Its slot becomes a crate of nothing that
  // no file or name lookup reaches until the id is reused.
  def_maps_[krate].reset();
  def_map_busy_[krate] = 0;
  if (krate < head_state_.size()) {
    head_hash_[krate] = 0;
    head_state_[krate] = 0;
  }
  if (krate < fingerprint_of_.size()) {
    auto it = fingerprints_.find(fingerprint_of_[krate]);
    if (it != fingerprints_.end() && it->second == krate) fingerprints_.erase(it);
    fingerprint_of_[krate] = 0;
  }
  if (impl_index_) impl_index_->forget_crate(krate);
  graph_[krate] = base::CrateData{};
  retired_crates_.push_back(krate);
}

void Database::forget_file(const std::string& path) {
  std::string norm = normalize_path(path);
  std::vector<CrateId> made_for_it;
  for (CrateId c : added_crates_) {
    const base::CrateData& d = graph_[c];
    if (d.root_file == norm || std::find(d.extra_root_files.begin(), d.extra_root_files.end(),
                                         norm) != d.extra_root_files.end()) {
      made_for_it.push_back(c);
    }
  }
  for (CrateId c : made_for_it) retire_crate(c);
  auto it = file_ids_.find(norm);
  if (it == file_ids_.end() || files_[it->second].detail == kNoIndex) return;
  for (const std::unique_ptr<DefMap>& dm : def_maps_) {
    if (!dm) continue;
    for (const auto& probe : dm->probes) {
      if (probe.first == norm) return;  // still part of a loaded crate
    }
  }
  FileId f = it->second;
  FileDetail& d = detail(f);
  files_[f].key = 0;
  d.text_loaded = false;
  d.text.reset();
  d.tree.reset();
  d.full_tree.reset();
  d.full_tree_edit.reset();
  d.lines.reset();
  drop_macro_defs(f);
}

void Database::drop_macro_defs(FileId f) {
  uint64_t first = static_cast<uint64_t>(f) << 32;
  macro_defs_.erase(macro_defs_.lower_bound(first),
                    macro_defs_.lower_bound(first + (uint64_t{1} << 32)));
}

CrateId Database::crate_of_file(FileId file, const std::vector<CrateId>& candidates) {
  for (CrateId c : candidates) {
    const DefMap& dm = def_map(c);
    for (const ModuleData& m : dm.modules) {
      if (m.file == file) return c;
      for (FileId x : m.extra_files) {
        if (x == file) return c;
      }
    }
  }
  return base::kNoCrate;
}

ModuleId Database::module_of_file(CrateId krate, FileId file, uint32_t offset) {
  const DefMap& dm = def_map(krate);
  ModuleId best = kNoIndex;
  uint32_t best_size = UINT32_MAX;
  for (ModuleId m = 0; m < dm.modules.size(); ++m) {
    const ModuleData& md = dm.modules[m];
    bool extra = std::find(md.extra_files.begin(), md.extra_files.end(), file) != md.extra_files.end();
    if (md.file != file && !extra) continue;
    if (md.item == kNoIndex || extra) {
      if (best == kNoIndex) best = m;
      continue;
    }
    const index::Item& it = item_tree(file).items[md.item];
    if (offset != UINT32_MAX && it.start <= offset && offset < it.end && it.end - it.start < best_size) {
      best = m;
      best_size = it.end - it.start;
    }
  }
  return best;
}

}  // namespace ferret::sema
