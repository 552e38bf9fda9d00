// The disk and process-running host (see real_host.h).
#include "frontends/real_host.h"

#include <filesystem>

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <string_view>
#include <utility>

#include "frontends/regular_file.h"

extern char** environ;

namespace ferret::frontends {
namespace {

// Output beyond this is dropped (cargo metadata of huge workspaces is tens of MB).
constexpr size_t kMaxOutputBytes = size_t{1} << 30;

class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

bool stat_path(const std::string& path, struct stat& st) {
  return ::stat(path.c_str(), &st) == 0;
}

// Reads what is available on `fd` into `out`; false at EOF or on an error.
bool drain(int fd, std::string& out) {
  // Straight into `out` (no buffer on the stack: the engine may run on a small thread);
  // past kMaxOutputBytes the bytes are read and dropped.
  constexpr size_t kChunk = 65536;
  for (;;) {
    size_t have = out.size();
    bool keep = have < kMaxOutputBytes;
    std::string dropped;
    std::string& into = keep ? out : dropped;
    size_t base = keep ? have : 0;
    into.resize(base + kChunk);
    ssize_t n = ::read(fd, into.data() + base, kChunk);
    into.resize(base + static_cast<size_t>(n > 0 ? n : 0));
    if (n > 0) return true;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
    return false;
  }
}

int wait_child(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Ferret's own environment with the command's variables set over it.
std::vector<std::string> child_environment(
    const std::vector<std::pair<std::string, std::string>>& overrides) {
  std::vector<std::string> out;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view entry(*e);
    std::string_view name = entry.substr(0, entry.find('='));
    bool overridden = std::any_of(overrides.begin(), overrides.end(),
                                  [&](const auto& kv) { return kv.first == name; });
    if (!overridden) out.emplace_back(entry);
  }
  for (const auto& [name, value] : overrides) out.push_back(name + "=" + value);
  return out;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

project::ProcessResult run_child(const project::Command& command) {
  project::ProcessResult result;
  if (command.argv.empty()) return result;
  const std::string& cwd = command.cwd;
  int timeout_ms = command.timeout_ms;
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) return result;
  Fd out_read(out_pipe[0]), out_write(out_pipe[1]);
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) return result;
  Fd err_read(err_pipe[0]), err_write(err_pipe[1]);

  posix_spawn_file_actions_t actions;
  if (posix_spawn_file_actions_init(&actions) != 0) return result;
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_write.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, err_write.get(), 2);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());

  std::vector<std::string> argv = command.argv;
  std::vector<std::string> env = child_environment(command.env);
  std::vector<char*> args = c_strings(argv);
  std::vector<char*> envp = c_strings(env);
  pid_t pid = -1;
  int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return result;  // not found, not executable, bad cwd
  result.started = true;
  out_write.reset();
  err_write.reset();
  ::fcntl(out_read.get(), F_SETFL, O_NONBLOCK);
  ::fcntl(err_read.get(), F_SETFL, O_NONBLOCK);

  using Clock = std::chrono::steady_clock;
  auto deadline = Clock::now() + std::chrono::milliseconds(std::max(timeout_ms, 0));
  bool out_open = true, err_open = true, timed_out = false;
  while (out_open || err_open) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd fds[2];
    nfds_t count = 0;
    if (out_open) fds[count++] = {out_read.get(), POLLIN, 0};
    if (err_open) fds[count++] = {err_read.get(), POLLIN, 0};
    int ready = ::poll(fds, count, static_cast<int>(std::min<long long>(left, 1000 * 60)));
    if (ready < 0 && errno != EINTR) break;
    for (nfds_t i = 0; ready > 0 && i < count; ++i) {
      if (fds[i].revents == 0) continue;
      bool is_out = fds[i].fd == out_read.get();
      if (!drain(fds[i].fd, is_out ? result.out : result.err))
        (is_out ? out_open : err_open) = false;
    }
  }
  if (timed_out) {
    ::kill(pid, SIGKILL);
    wait_child(pid);
    result.exit_code = -1;
    return result;
  }
  // Both pipes closed: the child is exiting (or handed them on; wait for it regardless).
  result.exit_code = wait_child(pid);
  return result;
}

}  // namespace

std::string RealFileSystem::canonical(const std::string& path) const {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::weakly_canonical(path, ec);
  return ec ? path : p.lexically_normal().string();
}

base::FileText RealFileSystem::read_file(const std::string& path) const {
  try {
    FileContents contents = read_regular_file(path);
    if (!contents.ok()) return nullptr;
    return std::make_shared<const std::string>(std::move(contents.text));
  } catch (const std::exception&) {
    return nullptr;
  }
}

bool RealFileSystem::is_file(const std::string& path) const {
  struct stat st;
  return stat_path(path, st) && S_ISREG(st.st_mode);
}

bool RealFileSystem::is_dir(const std::string& path) const {
  struct stat st;
  return stat_path(path, st) && S_ISDIR(st.st_mode);
}

std::vector<std::string> RealFileSystem::list_dir(const std::string& path) const {
  std::vector<std::string> names;
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) return names;
  try {
    while (dirent* e = ::readdir(dir)) {
      std::string name = e->d_name;
      if (name != "." && name != "..") names.push_back(std::move(name));
    }
  } catch (const std::exception&) {
    names.clear();
  }
  ::closedir(dir);
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<base::FileStamp> RealFileSystem::stamp(const std::string& path) const {
  struct stat st;
  if (!stat_path(path, st)) return std::nullopt;
  return base::FileStamp{static_cast<uint64_t>(st.st_size),
                         static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

RealHost::RealHost(std::shared_ptr<const base::FileSystem> fs)
    : fs_(fs ? std::move(fs) : std::make_shared<RealFileSystem>()) {}

std::optional<std::string> RealHost::getenv(const std::string& name) const {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

project::ProcessResult RealHost::run(const project::Command& command) const {
  try {
    return run_child(command);
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace ferret::frontends
