// A whole outside world in memory for a frontends::Session (and so an LSP server): the
// files (with the minicore laid out as a sysroot's `library` folder), a host that
// runs no program and knows only RUST_SRC_PATH, and a memory cache. Hostile tests and
// the fuzzers use it: nothing touches the disk or starts a process. Header-only, so
// the fuzz build (no GoogleTest) can use it too.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/file_system.h"
#include "frontends/session.h"
#include "index/cache_store.h"
#include "project/host.h"

namespace ferret::testing {

// Where the minicore's crates live in a memory world.
inline constexpr const char* kMemorySysroot = "/sysroot/library";

class NoProcessHost final : public project::Host {
 public:
  explicit NoProcessHost(std::shared_ptr<const base::FileSystem> fs) : fs_(std::move(fs)) {}
  std::optional<std::string> getenv(const std::string& name) const override {
    if (name == "RUST_SRC_PATH") return std::string(kMemorySysroot);
    return std::nullopt;
  }
  project::ProcessResult run(const project::Command&) const override {
    return {};  // never started
  }
  const base::FileSystem& fs() const override { return *fs_; }

 private:
  std::shared_ptr<const base::FileSystem> fs_;
};

struct MemoryWorld {
  std::shared_ptr<base::MemoryFileSystem> files = std::make_shared<base::MemoryFileSystem>();
  std::shared_ptr<index::MemoryCacheStore> cache = std::make_shared<index::MemoryCacheStore>();

  // The minicore's core.rs, alloc.rs and std.rs as the sysroot's crates.
  void add_minicore(const std::string& core, const std::string& alloc,
                    const std::string& std_text) {
    files->add_file(std::string(kMemorySysroot) + "/core/src/lib.rs", core);
    files->add_file(std::string(kMemorySysroot) + "/alloc/src/lib.rs", alloc);
    files->add_file(std::string(kMemorySysroot) + "/std/src/lib.rs", std_text);
  }

  frontends::SessionWorld session_world() const {
    frontends::SessionWorld w;
    w.files = files;
    w.host = [](std::shared_ptr<const base::FileSystem> fs) {
      return std::make_shared<NoProcessHost>(std::move(fs));
    };
    w.cache = cache;
    return w;
  }
};

}  // namespace ferret::testing
