// A fake project::Host for the project loader's unit tests: an in-memory file system,
// a map of environment variables and canned results for the programs the loader runs
// (keyed by a command line's first words: "cargo", "cargo metadata …"; the longest
// matching key wins), with a log of the calls
// (each command as given: argv, cwd, environment, timeout).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/file_system.h"
#include "project/host.h"

namespace ferret::testing {

class FakeHost : public project::Host {
 public:
  using Call = project::Command;

  base::MemoryFileSystem files;
  std::map<std::string, std::string> env;
  std::map<std::string, project::ProcessResult> programs;  // "cargo", "cargo metadata …"
  mutable std::vector<Call> calls;

  void file(const std::string& path, std::string text = "") {
    files.add_file(path, std::move(text));
  }

  // A program that prints `out` and exits 0.
  void program(const std::string& command, std::string out, int exit_code = 0,
               std::string err = "") {
    project::ProcessResult r;
    r.started = true;
    r.exit_code = exit_code;
    r.out = std::move(out);
    r.err = std::move(err);
    programs[command] = std::move(r);
  }

  std::optional<std::string> getenv(const std::string& name) const override {
    auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  }

  project::ProcessResult run(const project::Command& command) const override {
    calls.push_back(command);
    const std::vector<std::string>& argv = command.argv;
    // The longest key that is the command line or its first arguments.
    std::string line;
    const project::ProcessResult* found = nullptr;
    for (const std::string& a : argv) {
      line += (line.empty() ? "" : " ") + a;
      if (auto it = programs.find(line); it != programs.end()) found = &it->second;
    }
    if (found == nullptr) return {};  // not started: no such program
    return *found;
  }

  const base::FileSystem& fs() const override { return files; }

  // Called programs' names, in order ("rustc", "cargo").
  std::vector<std::string> called() const {
    std::vector<std::string> out;
    for (const Call& c : calls) out.push_back(c.argv.empty() ? "" : c.argv[0]);
    return out;
  }
};

}  // namespace ferret::testing
