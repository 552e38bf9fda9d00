// The persistent cache on disk (docs/DESIGN.md §6): index::CacheStore over a folder, one file
// per entry, written atomically (temp file + rename) and verified on every read, so
// concurrent processes and crashes never produce an entry that is trusted but wrong.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "index/cache_store.h"

namespace ferret::frontends {

// Entries live at <dir>/v<FORMAT>/<kind>/<first 2 hex digits of key>/<16 hex digits of
// key>, each a framed entry (index/cache_store.h). get() is one open + fstat + read +
// close; put() writes <entry>.<pid>-<n>-<random>.tmp in the same folder and renames it
// over the entry, so readers see the old entry, the new one or none, never a mix, and
// two writers of the same key both succeed (the last rename wins). A damaged entry is
// deleted and reported as a miss, so it gets rebuilt. Nothing throws: an IO error makes
// get() miss and put() do nothing; an error every later write would meet too (a full
// disk, a quota, an unwritable or read-only folder, a file size limit) stops this
// store's writes. Reading never blocks on a non-regular file at an entry's path. The
// temp files of writers killed mid-write are removed by a daily sweep run from put()
// (stale_temp_sweep.h). Thread-safe; usable from several processes at once.
class DiskCacheStore final : public index::CacheStore {
 public:
  // A store in `dir` for entries of `format_version`; creates <dir>/v<FORMAT> if needed.
  // If it cannot (say `dir` lies under a regular file), the store is disabled.
  explicit DiskCacheStore(std::string dir, uint32_t format_version = index::kCacheFormatVersion);

  // The store the environment asks for: FERRET_CACHE_DIR (the value `off` disables
  // the cache), else $XDG_CACHE_HOME/ferret (if absolute), else $HOME/.cache/ferret.
  // A NullCacheStore when disabled or when the folder cannot be created.
  static std::shared_ptr<index::CacheStore> from_environment();
  // The folder those rules name, or nullopt when the cache is off or no rule applies.
  static std::optional<std::string> directory_from_environment();

  // False when the folder could not be created: every get() misses, put() is dropped.
  bool enabled() const { return enabled_; }
  // <dir>/v<FORMAT>.
  const std::string& root() const { return root_; }
  // The file holding (kind, key); `kind` must be valid.
  std::string entry_path(std::string_view kind, uint64_t key) const;

  std::optional<std::string> get(std::string_view kind, uint64_t key) const override;
  // Large entries are mapped into memory (read-only) instead of read into a string.
  std::shared_ptr<const index::CacheBlob> get_blob(std::string_view kind, uint64_t key) const override;
  void put(std::string_view kind, uint64_t key, std::string_view bytes) const override;

 private:
  bool make_entry_folder(std::string_view kind, uint64_t key) const;
  void stop_writes_after(int error) const;

  static constexpr int64_t kSweepCheckSeconds = 3600;

  std::string root_;
  uint32_t format_version_;
  bool enabled_ = false;
  mutable std::atomic<bool> writes_stopped_{false};
  mutable std::atomic<int64_t> next_sweep_check_{0};  // steady clock seconds
};

}  // namespace ferret::frontends
