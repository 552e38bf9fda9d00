// The semantic database: the inputs (file system with editor overlays, crate graph,
// persistent cache) and everything computed from them on demand — file ids, item
// trees (from the cache or a skeleton parse), and one DefMap per crate (dependencies
// first). Queries of the layers above take a Database.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/crate_graph.h"
#include "base/file_system.h"
#include "base/line_index.h"
#include "index/cache_store.h"
#include "index/item_tree.h"
#include "sema/def_map.h"
#include "sema/macro_rules.h"
#include "sema/token_stream.h"
#include "sema/name_table.h"
#include "syntax/parse.h"
#include "syntax/reparse.h"
#include "syntax/syntax_tree.h"
#include "syntax/token.h"

namespace ferret::sema {

// What a macro expansion's text is: where its tokens were written, what `$crate`
// means in it, and the call it came from.
struct MacroFileInfo {
  struct SpanRun {        // expansion bytes [start, start + len) were written at
    uint32_t start = 0;   // (file, origin) onwards, in a real file
    uint32_t len = 0;
    FileId file = kNoIndex;
    uint32_t origin = 0;
  };
  CrateId dollar_crate = base::kNoCrate;
  bool local_inner_macros = false;  // #[macro_export(local_inner_macros)]: `m!` means `$crate::m!`
  TokenOrigin call;             // the outermost call, in a real file
  std::vector<SpanRun> spans;   // sorted by start
};

class ImplIndex;
struct MacroTextPlace;

class Database {
 public:
  Database(std::shared_ptr<const base::FileSystem> fs, base::CrateGraph graph,
           std::shared_ptr<const index::CacheStore> cache = nullptr);

  const base::FileSystem& fs() const { return *fs_; }
  // Whether item trees of unsaved buffers go to the cache (yes by default: a one-shot
  // command's SUBSTITUTE is usually the saved text; an LSP server's buffers change with
  // every keystroke, and caching each version only writes files no one reads).
  void set_cache_unsaved(bool on) { cache_unsaved_ = on; }
  const base::CrateGraph& graph() const { return graph_; }
  NameTable& names() { return names_; }
  const NameTable& names() const { return names_; }

  // Files, by normalized absolute path.
  FileId file_id(const std::string& path);
  const std::string& file_path(FileId f) const;
  base::FileText file_text(FileId f);  // null when missing or unreadable
  const index::ItemTree& item_tree(FileId f);
  // The tree if already loaded or built, else null (loads nothing).
  const index::ItemTree* loaded_item_tree(FileId f) const;
  // The full syntax tree of a file's current text, parsed with `edition`. An unsaved
  // buffer's is kept (and shared with its item tree's build) until its text changes:
  // an editor asks about the same text again and again. Other files are parsed anew.
  std::shared_ptr<const syntax::SyntaxTree> full_tree(FileId f, syntax::Edition edition);
  // A parse of a shared text that keeps the text alive (the tree views it); from
  // `previous`, a full tree of an earlier version of the text, when an incremental
  // reparse can give it (then `edit`, when given, says what changed; else it is reset).
  static std::shared_ptr<const syntax::SyntaxTree> parse_shared(base::FileText text, const syntax::ParseOptions& opts,
                                                                const syntax::SyntaxTree* previous = nullptr,
                                                                std::optional<syntax::BodyEdit>* edit = nullptr);
  // The content hash of f's text as a def map header vouches for it (its stamp still
  // holds): its item tree is then found in the cache without reading the file.
  void note_content_hash(FileId f, uint64_t hash);
  syntax::Edition file_edition(FileId f) const { return files_[f].edition; }

  // Macro expansions are files too, with made-up paths and text given here; adding
  // the same text (for the same `$crate`) again gives the same file.
  FileId add_macro_file(std::string text, syntax::Edition edition, MacroFileInfo info);
  // The same for an expansion a cached def map names by `key`, whose text (and the
  // source positions of its item names) stays in the cache entry until first read: in
  // `source` (add_macro_text_source) at `place`, a record checked to be whole
  // (sema/macro_texts.h).
  FileId add_cached_macro_file(uint64_t key, syntax::Edition edition, const MacroFileInfo& info,
                               uint32_t source, MacroTextPlace place);
  // Room for `more` file ids (a def map about to register its files).
  void reserve_files(size_t more);
  // A crate's cached expansion texts: its verified "defmacros" entry; `files` maps the
  // file numbers its positions use.
  uint32_t add_macro_text_source(std::shared_ptr<const index::CacheBlob> texts);
  void set_macro_text_files(uint32_t source, std::vector<FileId> files);
  // The map registering the source's files was loaded whole: only then do its
  // expansions stand for their keys (add_macro_file); a rejected map's stay unused.
  void accept_macro_text_source(uint32_t source) { text_sources_[source].accepted = true; }
  uint64_t macro_file_key(FileId f) const { return files_[f].key; }
  // The cache key of a crate's def map entries.
  uint64_t def_map_key(CrateId krate);
  // An expansion's origins (its span runs once its text is read); null for real files.
  const MacroFileInfo* macro_file(FileId f) const { return files_[f].macro ? &detail(f).macro : nullptr; }
  bool is_macro_file(FileId f) const { return files_[f].macro; }
  // Where byte `offset` of file f was written: itself for real files; for an
  // expansion the token's origin, or the call when the token was made up.
  TokenOrigin original_location(FileId f, uint32_t offset);
  // Where byte `offset` of file f was written, with its line (1-based) and byte column.
  struct SourcePosition {
    FileId file = kNoIndex;
    uint32_t offset = 0;
    uint32_t line = 1;
    uint32_t col = 0;
  };
  SourcePosition source_position(FileId f, uint32_t offset);
  // Impl blocks by self type, per crate, kept across queries (rebuilt with the maps).
  ImplIndex& impl_index();
  // The parsed rules of a macro_rules!/macro item (memoized).
  const MacroRulesDef& macro_rules_def(FileId file, uint32_t item);

  const DefMap& def_map(CrateId krate);
  // The crate's map if already loaded or built, else null (builds nothing).
  const DefMap* built_def_map(CrateId krate) const {
    return krate < def_maps_.size() ? def_maps_[krate].get() : nullptr;
  }
  // The file's text may have changed (an editor buffer): reload it; when what it
  // declares changed, the def maps of non-sysroot crates are rebuilt on next use.
  void refresh_file(const std::string& path);
  // Adds a crate (a loose file made a crate root) to the graph. Added crates are the
  // session's, not the project's, so they are bounded: at most kMaxAddedCrates live at
  // once (the oldest is retired to make room), and a retired crate's id is reused.
  CrateId add_crate(base::CrateData data);
  static constexpr size_t kMaxAddedCrates = 16;
  // The editor closed the file: the crates added for it are retired, and what was
  // loaded from it (text, trees, lines, macro rules) is dropped unless a def map still
  // reads it. A later use loads it again.
  void forget_file(const std::string& path);
  // Crates added and not retired (tests).
  size_t added_crate_count() const { return added_crates_.size(); }
  // The crate whose module tree holds `file`, preferring `preferred` crates in order;
  // kNoCrate when none does. Computes the def maps it needs.
  CrateId crate_of_file(FileId file, const std::vector<CrateId>& candidates);
  // The module of `krate` whose items are those of `file` (the innermost inline module
  // containing `offset` when the file has inline modules), or kNoIndex.
  ModuleId module_of_file(CrateId krate, FileId file, uint32_t offset = UINT32_MAX);

  // Resolved items: where they are and what the item tree says about them.
  const ItemLoc& item_loc(CrateId krate, uint32_t item) { return def_map(krate).items[item]; }
  const index::Item& item(const ItemLoc& loc);

  // How a file of `krate` is parsed for its item tree (edition; with block scopes for
  // the crates being edited). Must be set before the file's tree is first used.
  void prepare_crate_file(FileId f, CrateId krate);

  // A crate's identity across processes: its root, edition, cfg, origin and its
  // dependencies' fingerprints. The def map cache is keyed by it.
  uint64_t crate_fingerprint(CrateId krate);
  CrateId crate_by_fingerprint(uint64_t fingerprint);

  // Called as each crate's def map starts being built or loaded (progress reports).
  void set_def_map_observer(std::function<void(CrateId)> observer) { def_map_observer_ = std::move(observer); }

  // Cache statistics for benchmarks and tests.
  struct Stats {
    size_t item_trees_built = 0;
    size_t item_trees_loaded = 0;
    size_t item_trees_shifted = 0;  // kept across an edit inside one function body
    size_t def_maps_built = 0;
    size_t def_maps_loaded = 0;
  };
  const Stats& stats() const { return stats_; }
  size_t file_count() const { return files_.size(); }

 private:
  // A file's identity and how to load it: a small record per file id (a cached def
  // map of std names thousands of expansions, most never read). What is loaded from
  // the file lives apart (FileDetail), made on first use.
  struct FileEntry {
    uint64_t key = 0;        // an expansion: its identity (text, edition, `$crate`);
                             // a real file: its content hash as a def map header vouches
                             // for it (0: unknown)
    TokenOrigin call;        // an expansion: the outermost call, in a real file
    CrateId dollar_crate = base::kNoCrate;
    int32_t lazy_texts = -1;  // an expansion's text still in text_sources_[lazy_texts]
    uint32_t lazy_offset = 0;
    uint32_t lazy_size = 0;
    mutable uint32_t detail = kNoIndex;  // in details_, once made
    syntax::Edition edition = syntax::Edition::E2021;
    bool macro = false;
    bool local_inner_macros = false;
    bool bodies = false;  // item tree with block scopes (full parse)
  };
  struct FileDetail {
    std::string path;  // an expansion's made-up path is filled in when first asked
    bool text_loaded = false;
    base::FileText text;
    std::unique_ptr<index::ItemTree> tree;
    // Unsaved buffers only (full_tree()); after an edit, the previous text's until reparsed.
    std::shared_ptr<const syntax::SyntaxTree> full_tree;
    // How full_tree came from the one before when it was reparsed incrementally.
    std::optional<syntax::BodyEdit> full_tree_edit;
    syntax::Edition full_tree_edition = syntax::Edition::E2021;
    std::unique_ptr<base::LineIndex> lines;  // built on first source_position
    MacroFileInfo macro;                     // an expansion's origins
  };
  FileDetail& detail(FileId f) const;

  std::shared_ptr<const base::FileSystem> fs_;
  base::CrateGraph graph_;
  std::shared_ptr<const index::CacheStore> cache_;
  bool cache_unsaved_ = true;
  std::function<void(CrateId)> def_map_observer_;
  NameTable names_;
  std::vector<FileEntry> files_;
  mutable std::deque<FileDetail> details_;
  std::unordered_map<std::string, FileId> file_ids_;
  // Expansions by key, for add_macro_file; cached ones are entered when it is first
  // called after them (files_ up to macro_keys_upto_ are in).
  std::unordered_map<uint64_t, FileId> macro_file_ids_;

  size_t macro_keys_upto_ = 0;
  // By (file << 32 | item); a file's entries go when its text changes.
  std::map<uint64_t, std::unique_ptr<MacroRulesDef>> macro_defs_;
  void drop_macro_defs(FileId f);
  std::shared_ptr<ImplIndex> impl_index_;
  struct TextSource {  // a crate's cached expansion texts, each read on first need
    std::shared_ptr<const index::CacheBlob> blob;
    std::vector<FileId> files;
    bool accepted = false;
  };
  void load_macro_text(FileId f);
  std::vector<TextSource> text_sources_;
  FileId new_macro_file(uint64_t key, syntax::Edition edition, const MacroFileInfo& info);
  std::vector<std::unique_ptr<DefMap>> def_maps_;
  std::vector<uint8_t> def_map_busy_;
  // Crates whose maps (headers) are being made on the stack; kMaxCrateNesting bounds it.
  static constexpr int kMaxCrateNesting = 8;
  int def_map_nesting_ = 0;
  int head_nesting_ = 0;
  std::deque<CrateId> added_crates_;     // live, oldest first
  std::vector<CrateId> retired_crates_;  // ids free for the next add_crate
  void retire_crate(CrateId krate);
  Stats stats_;

  friend class DefCollector;
  void set_file_mode(FileId f, syntax::Edition e, bool bodies) {
    if (files_[f].detail != kNoIndex && details_[files_[f].detail].tree) return;
    files_[f].edition = e;
    files_[f].bodies = bodies;
  }
  // The result hash of a crate's cached def map if its header still holds, else 0
  // (memoized in head_hash_; head_state_ 0 unknown, 1 being checked, 2 known).
  uint64_t cached_def_map_hash(CrateId krate);
  std::vector<uint64_t> head_hash_;
  std::vector<uint8_t> head_state_;
  std::unordered_map<uint64_t, CrateId> fingerprints_;
  std::vector<uint64_t> fingerprint_of_;
};

// "a/./b/../c" -> "a/c"; keeps a leading '/'.
std::string normalize_path(const std::string& path);
std::string parent_dir(const std::string& path);
std::string join_path(const std::string& dir, const std::string& name);

}  // namespace ferret::sema
