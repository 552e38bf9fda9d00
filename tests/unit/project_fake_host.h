// A fake project::Host for the project loader's unit tests: an in-memory file system,
// a map of environment variables and canned results for the programs the loader runs
// (keyed by the whole command line, else by the program name), with a log of the calls.
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
  struct Call {
    std::vector<std::string> argv;
    std::string cwd;
    int timeout_ms = 0;
  };

  base::MemoryFileSystem files;
  std::map<std::string, std::string> env;
  std::map<std::string, project::ProcessResult> programs;  // "cargo metadata …" or "cargo"
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

  project::ProcessResult run(const std::vector<std::string>& argv, const std::string& cwd,
                             int timeout_ms) const override {
    calls.push_back({argv, cwd, timeout_ms});
    std::string line;
    for (const std::string& a : argv) line += (line.empty() ? "" : " ") + a;
    auto it = programs.find(line);
    if (it == programs.end() && !argv.empty()) it = programs.find(argv[0]);
    if (it == programs.end()) return {};  // not started: no such program
    return it->second;
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
