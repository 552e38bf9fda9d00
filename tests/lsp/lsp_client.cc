// The test client's process and pipe handling.
#include "lsp/lsp_client.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

namespace ferret::testing {

LspProcess::LspProcess(const std::string& binary, const std::string& cwd, const std::string& env) {
  int in[2], out[2];
  if (pipe(in) != 0 || pipe(out) != 0) return;
  pid_ = fork();
  if (pid_ == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    close(in[0]);
    close(in[1]);
    close(out[0]);
    close(out[1]);
    if (chdir(cwd.c_str()) != 0) _exit(127);
    size_t pos = 0;
    while (pos < env.size()) {
      size_t nl = env.find('\n', pos);
      std::string kv = env.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
      size_t eq = kv.find('=');
      if (eq != std::string::npos) setenv(kv.substr(0, eq).c_str(), kv.substr(eq + 1).c_str(), 1);
      if (nl == std::string::npos) break;
      pos = nl + 1;
    }
    execl(binary.c_str(), binary.c_str(), "lsp", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  to_child_ = in[1];
  from_child_ = out[0];
  signal(SIGPIPE, SIG_IGN);
}

LspProcess::~LspProcess() {
  if (to_child_ >= 0) close(to_child_);
  if (pid_ > 0 && status_ == -2) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (from_child_ >= 0) close(from_child_);
}

bool LspProcess::write_raw(const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = write(to_child_, bytes.data() + done, bytes.size() - done);
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

bool LspProcess::write_message(const std::string& json_text) {
  return write_raw("Content-Length: " + std::to_string(json_text.size()) + "\r\n\r\n" + json_text);
}

bool LspProcess::fill(std::chrono::steady_clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) return false;
  pollfd p{from_child_, POLLIN, 0};
  if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
  char buf[65536];
  ssize_t n = read(from_child_, buf, sizeof buf);
  if (n <= 0) return false;
  buffer_.append(buf, static_cast<size_t>(n));
  return true;
}

std::optional<std::string> LspProcess::read_message(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    size_t end = buffer_.find("\r\n\r\n");
    if (end != std::string::npos) {
      size_t at = buffer_.find("Content-Length: ");
      if (at == std::string::npos || at > end) return std::nullopt;
      size_t length = std::strtoul(buffer_.c_str() + at + 16, nullptr, 10);
      if (buffer_.size() >= end + 4 + length) {
        std::string body = buffer_.substr(end + 4, length);
        buffer_.erase(0, end + 4 + length);
        return body;
      }
    }
    if (!fill(deadline)) return std::nullopt;
  }
}

int LspProcess::wait_exit(std::chrono::milliseconds timeout) {
  if (to_child_ >= 0) {
    close(to_child_);
    to_child_ = -1;
  }
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int st = 0;
    pid_t r = waitpid(pid_, &st, WNOHANG);
    if (r == pid_) {
      status_ = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
      return status_;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return -1;
}

}  // namespace ferret::testing
