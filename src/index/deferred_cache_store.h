// A cache store whose writes wait: put() keeps the entry in memory (get() sees it)
// until flush() hands everything to the store below. A command answers first and
// writes its cache after (or in another process: see frontends/background_flush.h),
// so the first, cold query does not also pay for creating hundreds of files.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "index/cache_store.h"

namespace ferret::index {

class DeferredCacheStore final : public CacheStore {
 public:
  explicit DeferredCacheStore(std::shared_ptr<CacheStore> below) : below_(std::move(below)) {}

  std::optional<std::string> get(std::string_view kind, uint64_t key) const override;
  std::shared_ptr<const CacheBlob> get_blob(std::string_view kind, uint64_t key) const override;
  void put(std::string_view kind, uint64_t key, std::string_view bytes) const override;

  // Writes the waiting entries to the store below, in the order they were put.
  void flush() const;
  size_t pending() const;

 private:
  struct Entry {
    std::string kind;
    uint64_t key;
    std::string bytes;
  };
  std::shared_ptr<CacheStore> below_;
  mutable std::mutex mutex_;
  mutable std::vector<Entry> waiting_;
  mutable std::unordered_map<std::string, size_t> index_;  // kind + key -> waiting_ slot
};

}  // namespace ferret::index
