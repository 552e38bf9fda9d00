// The fuzzers' memory world, its cache warmed once per process.
#include "fuzz_world.h"

#include "embedded_files.h"
#include "support/memory_world.h"

namespace ferret::fuzz {

namespace {

std::shared_ptr<base::MemoryFileSystem> embedded_files(
    const std::vector<std::pair<std::string, std::string>>& extra) {
  auto files = std::make_shared<base::MemoryFileSystem>();
  for (size_t i = 0; i < kEmbeddedFileCount; ++i)
    files->add_file(kEmbeddedFiles[i].path, std::string(kEmbeddedFiles[i].text()));
  for (const auto& [path, text] : extra) files->add_file(path, text);
  return files;
}

frontends::SessionWorld world_over(std::shared_ptr<base::MemoryFileSystem> files,
                                   std::shared_ptr<index::CacheStore> cache) {
  frontends::SessionWorld w;
  w.files = std::move(files);
  w.host = [](std::shared_ptr<const base::FileSystem> fs) {
    return std::make_shared<testing::NoProcessHost>(std::move(fs));
  };
  w.cache = std::move(cache);
  return w;
}

// The minicore's trees and maps (and a lone file's project), computed once.
std::shared_ptr<const index::CacheStore> warm_cache() {
  static const std::shared_ptr<const index::CacheStore> cache = [] {
    auto store = std::make_shared<index::MemoryCacheStore>();
    frontends::Session s(world_over(embedded_files({}), store));
    const std::string path = "/fuzz/warm.rs";
    s.set_buffer(path, "fn main() { let v: Vec<u8> = Vec::new(); v.len(); }\n");
    s.query(path, 40);
    s.flush_cache();
    return std::shared_ptr<const index::CacheStore>(store);
  }();
  return cache;
}

}  // namespace

frontends::SessionWorld fuzz_world(const std::vector<std::pair<std::string, std::string>>& extra) {
  return world_over(embedded_files(extra), std::make_shared<ReadOnlyCacheStore>(warm_cache()));
}

}  // namespace ferret::fuzz
