// A test client for `ferret lsp`: spawns the binary with pipes, writes framed (or raw)
// messages, reads framed replies with a timeout. Used by the transcript tests.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>

namespace ferret::testing {

class LspProcess {
 public:
  // Runs `binary lsp` in `cwd` with the environment additions `env` ("K=V" lines).
  LspProcess(const std::string& binary, const std::string& cwd, const std::string& env);
  ~LspProcess();

  bool write_raw(const std::string& bytes);
  bool write_message(const std::string& json_text);
  // The next message's body, or nullopt on timeout or end of output.
  std::optional<std::string> read_message(std::chrono::milliseconds timeout);
  // Closes stdin and waits for the exit status (-1 on timeout or a signal).
  int wait_exit(std::chrono::milliseconds timeout);
  pid_t pid() const { return pid_; }

 private:
  bool fill(std::chrono::steady_clock::time_point deadline);

  pid_t pid_ = -1;
  int to_child_ = -1;
  int from_child_ = -1;
  std::string buffer_;
  int status_ = -2;
};

}  // namespace ferret::testing
