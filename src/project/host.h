// What the project loader needs from the outside world: environment variables,
// running a program (cargo, rustc) and the file system. The front ends provide the
// real one; tests provide fakes. The loader itself does no IO.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/file_system.h"

namespace ferret::project {

struct ProcessResult {
  bool started = false;  // false: the program could not be run at all
  int exit_code = -1;
  std::string out;
  std::string err;
};

class Host {
 public:
  virtual ~Host() = default;
  virtual std::optional<std::string> getenv(const std::string& name) const = 0;
  // Runs argv[0] (looked up on PATH) in `cwd`, capturing output; gives up after
  // timeout_ms (then started = true, exit_code = -1).
  virtual ProcessResult run(const std::vector<std::string>& argv, const std::string& cwd,
                            int timeout_ms) const = 0;
  virtual const base::FileSystem& fs() const = 0;
};

}  // namespace ferret::project
