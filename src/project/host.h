// What the project loader needs from the outside world: environment variables,
// running a program (cargo, rustc) and the file system. The front ends provide the
// real one; tests provide fakes. The loader itself does no IO.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/file_system.h"

namespace ferret::project {

// A program to start. The loader starts only the trusted toolchain's binaries, from a
// neutral folder, with an environment that names them (toolchain.h).
struct Command {
  std::vector<std::string> argv;  // argv[0] is looked up on PATH unless it holds a '/'
  std::string cwd;                // the child's working directory ("": ferret's own)
  // Variables set (or replaced) on top of ferret's own environment; "" is a value, as
  // cargo reads an empty RUSTC_WRAPPER as "no wrapper".
  std::vector<std::pair<std::string, std::string>> env;
  int timeout_ms = 30000;
};

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
  // Runs the command, capturing output; gives up after its timeout (then started = true,
  // exit_code = -1).
  virtual ProcessResult run(const Command& command) const = 0;
  virtual const base::FileSystem& fs() const = 0;
};

}  // namespace ferret::project
