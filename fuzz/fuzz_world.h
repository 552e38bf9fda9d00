// The world both engine fuzzers run in: memory files (the embedded minicore sysroot and
// workspace, plus each input's own), a host that runs nothing, and a cache that was
// filled once with the minicore's item trees and def maps and is read-only after, so
// every input starts from the same state (deterministic, nothing kept between runs)
// without paying for the minicore each time.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "frontends/session.h"
#include "index/cache_store.h"

namespace ferret::fuzz {

// Reads what `below` holds; drops every write.
class ReadOnlyCacheStore final : public index::CacheStore {
 public:
  explicit ReadOnlyCacheStore(std::shared_ptr<const index::CacheStore> below)
      : below_(std::move(below)) {}
  std::optional<std::string> get(std::string_view kind, uint64_t key) const override {
    return below_->get(kind, key);
  }
  std::shared_ptr<const index::CacheBlob> get_blob(std::string_view kind,
                                                   uint64_t key) const override {
    return below_->get_blob(kind, key);
  }
  void put(std::string_view, uint64_t, std::string_view) const override {}

 private:
  std::shared_ptr<const index::CacheStore> below_;
};

// A session world over the embedded files and `extra` (path, text) files.
frontends::SessionWorld fuzz_world(
    const std::vector<std::pair<std::string, std::string>>& extra = {});

}  // namespace ferret::fuzz
