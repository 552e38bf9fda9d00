// The real outside world for the engine: the disk as a base::FileSystem and a
// project::Host that reads the environment and runs programs (cargo, rustc) with
// captured output and a timeout. Only the front ends do IO (docs/DESIGN.md §9).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/file_system.h"
#include "project/host.h"

namespace ferret::frontends {

// The disk, through POSIX calls. Files are read as regular_file.h says: never blocking,
// never past base::kMaxSourceBytes (a larger file reads as missing). Never throws
// (allocation failure aside).
class RealFileSystem : public base::FileSystem {
 public:
  base::FileText read_file(const std::string& path) const override;
  bool is_file(const std::string& path) const override;
  bool is_dir(const std::string& path) const override;
  std::vector<std::string> list_dir(const std::string& path) const override;
  std::optional<base::FileStamp> stamp(const std::string& path) const override;
  std::string canonical(const std::string& path) const override;
};

class RealHost : public project::Host {
 public:
  // `fs` defaults to a RealFileSystem; pass an overlay to let editor buffers win.
  explicit RealHost(std::shared_ptr<const base::FileSystem> fs = nullptr);

  std::optional<std::string> getenv(const std::string& name) const override;
  // posix_spawnp in the command's cwd with ferret's environment plus the command's
  // variables, stdin from /dev/null; stdout and stderr are read together (poll) until
  // both close or the timeout passes, then the child is killed. A child killed by a
  // signal gives 128 + the signal number. Never throws.
  project::ProcessResult run(const project::Command& command) const override;
  const base::FileSystem& fs() const override { return *fs_; }

 private:
  std::shared_ptr<const base::FileSystem> fs_;
};

}  // namespace ferret::frontends
