// A front-end session: the real host, the editor overlay, the persistent cache and
// the loaded workspaces (one Database per project), shared by every command of a
// process (one command for the CLI; many for the daemon, the LSP server, the C API).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/file_system.h"
#include "base/source_limit.h"
#include "ide/query.h"
#include "index/cache_store.h"
#include "index/deferred_cache_store.h"
#include "project/host.h"
#include "sema/database.h"

namespace ferret::frontends {

struct Workspace {
  std::unique_ptr<sema::Database> db;
  std::string manifest_path;  // "" for a lone file
  std::vector<std::string> warnings;
  std::string lone_file;  // the file, when the workspace is one file in no package
  uint64_t last_use = 0;
};

// What a session reads, runs and caches. Each part left null is the real one: the
// disk, a RealHost, the disk cache of the environment. Tests and fuzzers give memory,
// a host that runs nothing and a memory cache.
struct SessionWorld {
  std::shared_ptr<const base::FileSystem> files;  // under the editor overlay
  // The host, over the overlay it is given (buffers win for manifests too).
  std::function<std::shared_ptr<project::Host>(std::shared_ptr<const base::FileSystem>)> host;
  std::shared_ptr<index::CacheStore> cache;
};

class Session {
 public:
  explicit Session(SessionWorld world = {});

  base::OverlayFileSystem& overlay() { return *overlay_; }
  const project::Host& host() const { return *host_; }

  // The workspace for an absolute file path (loaded on first use, then reused).
  Workspace& workspace_for(const std::string& abs_path);
  // The workspaces loaded so far.
  std::vector<Workspace*> workspaces();
  // The crates that may hold the file, most likely first.
  std::vector<sema::CrateId> candidate_crates(Workspace& ws, const std::string& abs_path) const;

  // Sets an editor buffer; the workspace's caches for that file are refreshed. A text
  // over base::kMaxSourceBytes is declined (false): the file reads as empty until a
  // smaller text is set, and the rest of its crate still answers.
  bool set_buffer(const std::string& abs_path, std::string text);
  // The same with a shared text (an LSP document's), which is not copied.
  bool set_buffer(const std::string& abs_path, base::FileText text);
  // Whether item trees of unsaved buffers are cached (see Database::set_cache_unsaved).
  void set_cache_unsaved_buffers(bool on);
  // Drops an editor buffer: the file on disk is read again. What was made for the
  // buffer alone goes with it: its workspace when it is a lone file, the crates added
  // for it, what was loaded from it (see Database::forget_file).
  void clear_buffer(const std::string& abs_path);
  // Drops every buffer but `keep`'s ("" for all): a racer command sees its own
  // SUBSTITUTE or the disk, never what an earlier command of a daemon left.
  void clear_buffers_except(const std::string& keep);
  // Lone files are workspaces of their own, each with its std: at most this many are
  // kept, the least recently used dropped first (and loaded again when asked about).
  static constexpr size_t kMaxLoneWorkspaces = 8;

  // A query at a byte offset of a file (its workspace loaded on first use; warnings
  // reported once); null when the file cannot be read.
  std::unique_ptr<ide::Query> query(const std::string& abs_path, uint32_t offset);

  // Warnings (missing std sources…) are printed once per process.
  void report_warnings(const Workspace& ws);

  // Cache entries are written when asked, not as they are computed: now, or (for a
  // one-shot command whose answer is out) in a detached child process.
  void flush_cache();
  void flush_cache_detached();

 private:
  std::shared_ptr<base::OverlayFileSystem> overlay_;
  std::shared_ptr<project::Host> host_;
  std::shared_ptr<index::DeferredCacheStore> deferred_;
  std::shared_ptr<const index::CacheStore> cache_;
  std::map<std::string, std::unique_ptr<Workspace>> workspaces_;  // by manifest (or file)
  std::map<std::string, std::string> workspace_of_dir_;            // folder -> key
  std::vector<std::string> reported_;
  bool cache_unsaved_ = true;
  uint64_t uses_ = 0;
  void drop_workspace(const std::string& key);
  void make_room_for_lone_workspace();
};

// The absolute, normalized form of a path (relative to the current directory).
std::string absolute_path(const std::string& path);

}  // namespace ferret::frontends
