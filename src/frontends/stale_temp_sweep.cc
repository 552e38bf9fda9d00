// Temp file names, and the sweep: <root>/<kind>/<shard>/<temp file>, read with
// opendir and lstat; the marker is <root>/last-sweep.
#include "frontends/stale_temp_sweep.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>

namespace ferret::frontends {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_lower_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f');
}

// A non-empty run of characters `pred` accepts.
bool all_of(std::string_view s, bool (*pred)(char)) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

std::chrono::system_clock::time_point modified(const struct stat& st) {
  return std::chrono::system_clock::time_point(std::chrono::seconds(st.st_mtim.tv_sec));
}

// The names of a folder's entries whose lstat satisfies `want`, "." and ".." left out.
template <typename Want>
void for_each_entry(const std::string& dir, Want&& want) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return;
  while (dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    std::string path = dir + '/' + e->d_name;
    struct stat st;
    if (::lstat(path.c_str(), &st) == 0) want(path, name, st);
  }
  ::closedir(d);
}

}  // namespace

std::string cache_temp_path(const std::string& entry_path) {
  static std::atomic<uint64_t> counter{0};
  uint64_t n = counter.fetch_add(1, std::memory_order_relaxed);
  auto now = static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  uint64_t noise = (now ^ (n * 0x9e3779b97f4a7c15ull)) * 0xbf58476d1ce4e5b9ull;
  noise ^= noise >> 31;
  std::string out = entry_path;
  out += '.';
  out += std::to_string(::getpid());
  out += '-';
  out += std::to_string(n);
  out += '-';
  constexpr char kHex[] = "0123456789abcdef";
  for (int i = 7; i >= 0; --i) out.push_back(kHex[(noise >> (4 * i)) & 0xf]);
  out += ".tmp";
  return out;
}

bool is_cache_temp_name(std::string_view name) {
  // <16 hex>.<pid>-<n>-<8 hex>.tmp
  constexpr std::string_view kSuffix = ".tmp";
  if (name.size() < 16 + 1 + 1 + 1 + 1 + 1 + 8 + kSuffix.size()) return false;
  if (name.substr(name.size() - kSuffix.size()) != kSuffix) return false;
  if (!all_of(name.substr(0, 16), is_lower_hex) || name[16] != '.') return false;
  std::string_view rest = name.substr(17, name.size() - 17 - kSuffix.size());
  size_t first = rest.find('-');
  size_t second = first == std::string_view::npos ? first : rest.find('-', first + 1);
  if (second == std::string_view::npos) return false;
  return all_of(rest.substr(0, first), is_digit) &&
         all_of(rest.substr(first + 1, second - first - 1), is_digit) &&
         rest.size() - second - 1 == 8 && all_of(rest.substr(second + 1), is_lower_hex);
}

size_t sweep_stale_temp_files(const std::string& root,
                              std::chrono::system_clock::time_point older_than) {
  size_t removed = 0;
  try {
    for_each_entry(root,
                   [&](const std::string& kind_dir, std::string_view, const struct stat& kind_st) {
                     if (!S_ISDIR(kind_st.st_mode)) return;
                     for_each_entry(kind_dir, [&](const std::string& shard_dir, std::string_view,
                                                  const struct stat& shard_st) {
                       if (!S_ISDIR(shard_st.st_mode)) return;
                       for_each_entry(shard_dir, [&](const std::string& path, std::string_view name,
                                                     const struct stat& st) {
                         if (S_ISREG(st.st_mode) && is_cache_temp_name(name) &&
                             modified(st) < older_than && ::unlink(path.c_str()) == 0) {
                           ++removed;
                         }
                       });
                     });
                   });
  } catch (...) {  // allocation failure: what was removed stays removed
  }
  return removed;
}

size_t sweep_stale_temp_files_if_due(const std::string& root) {
  try {
    auto now = std::chrono::system_clock::now();
    std::string marker = root + "/last-sweep";
    struct stat st;
    if (::lstat(marker.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        modified(st) > now - kSweepInterval && modified(st) <= now) {
      return 0;
    }
    // Marked first: a process starting now finds the sweep done.
    int fd = ::open(marker.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0666);
    if (fd < 0) return 0;
    bool marked = ::futimens(fd, nullptr) == 0;
    ::close(fd);
    if (!marked) return 0;
    return sweep_stale_temp_files(root, now - kStaleTempAge);
  } catch (...) {
    return 0;
  }
}

}  // namespace ferret::frontends
