// Runs a program as a test would run a user's command: in a folder, with extra
// environment variables, standard input from a file, a wall-clock limit after which
// it is killed, and its peak memory. The hostile tests use it to prove that ferret
// answers (or declines) instead of hanging, crashing or growing without bound.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace ferret::testing {

struct RunOptions {
  std::string cwd;                                       // "" = the test's own
  std::vector<std::pair<std::string, std::string>> env;  // added to (or replacing) ours
  std::string stdin_path = "/dev/null";
  int timeout_ms = 60000;
};

struct RunResult {
  bool started = false;
  bool timed_out = false;  // killed (SIGKILL) at the limit
  int exit_code = -1;      // 128 + signal when killed by a signal
  // The child's peak resident memory. The kernel carries the spawning process's own
  // high-water mark into it at exec, so this is at least the test process's peak:
  // tests that bound it keep large inputs out of their own memory (write them in pieces).
  long max_rss_kb = 0;
  std::string out;
  std::string err;
  // "exit 0", "signal 11", "timed out": for failure messages.
  std::string describe() const;
};

// argv[0] is looked up on PATH. Never throws; a program that cannot start gives
// started = false.
RunResult run_program(const std::vector<std::string>& argv, const RunOptions& options = {});

}  // namespace ferret::testing
