// The on-disk cache store: POSIX file IO, temp file + rename for atomic replacement.
#include "frontends/disk_cache_store.h"

#include "frontends/stale_temp_sweep.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "frontends/regular_file.h"

namespace ferret::frontends {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_hex(std::string& out, uint64_t v, int digits) {
  for (int i = digits - 1; i >= 0; --i) out.push_back(kHex[(v >> (4 * i)) & 0xf]);
}

// Reads or writes all of `iov` (modified in place), retrying on EINTR and short
// transfers. False on an error or an early end of file.
template <typename Transfer>
bool transfer_all(int fd, iovec* iov, int count, Transfer transfer) {
  while (count > 0) {
    if (iov->iov_len == 0) {
      ++iov;
      --count;
      continue;
    }
    ssize_t n = transfer(fd, iov, count);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) return false;
    auto done = static_cast<size_t>(n);
    while (count > 0 && done >= iov->iov_len) {
      done -= iov->iov_len;
      ++iov;
      --count;
    }
    if (count > 0) {
      iov->iov_base = static_cast<char*>(iov->iov_base) + done;
      iov->iov_len -= done;
    }
  }
  return true;
}

bool read_all(int fd, iovec* iov, int count) {
  return transfer_all(fd, iov, count, ::readv);
}
bool write_all(int fd, iovec* iov, int count) {
  return transfer_all(fd, iov, count, ::writev);
}

// Removes the damaged entry at `path`, unless it has already been replaced by another
// file (a concurrent put) since `seen` was opened.
void discard(const std::string& path, const struct stat& seen) {
  struct stat now;
  if (::stat(path.c_str(), &now) == 0 && now.st_dev == seen.st_dev && now.st_ino == seen.st_ino)
    ::unlink(path.c_str());
}

bool make_dir(const std::string& path) {
  return ::mkdir(path.c_str(), 0777) == 0 || errno == EEXIST;
}

// An error every later write would meet too: no room, no permission, a read-only file
// system, a file size limit.
bool is_lasting_write_error(int error) {
  return error == ENOSPC || error == EDQUOT || error == EROFS || error == EACCES ||
         error == EPERM || error == EFBIG;
}

int64_t steady_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

DiskCacheStore::DiskCacheStore(std::string dir, uint32_t format_version)
    : format_version_(format_version) {
  try {
    if (dir.empty()) return;
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    root_ = dir == "/" ? "" : std::move(dir);
    root_ += "/v";
    root_ += std::to_string(format_version);
    std::error_code ec;
    std::filesystem::create_directories(root_, ec);
    enabled_ = std::filesystem::is_directory(root_, ec);
  } catch (...) {  // allocation failure: disabled
    enabled_ = false;
  }
}

std::optional<std::string> DiskCacheStore::directory_from_environment() {
  if (const char* dir = std::getenv("FERRET_CACHE_DIR"); dir && *dir) {
    if (std::string_view(dir) == "off") return std::nullopt;
    return std::string(dir);
  }
  // The XDG spec says a relative XDG_CACHE_HOME is invalid and is to be ignored.
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && xdg[0] == '/')
    return std::string(xdg) + "/ferret";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.cache/ferret";
  return std::nullopt;
}

std::shared_ptr<index::CacheStore> DiskCacheStore::from_environment() {
  try {
    if (auto dir = directory_from_environment()) {
      auto store = std::make_shared<DiskCacheStore>(std::move(*dir));
      if (store->enabled()) return store;
    }
    return std::make_shared<index::NullCacheStore>();
  } catch (...) {
    // Out of memory at start-up: a disabled store that needs no allocation.
    static index::NullCacheStore null_store;
    return std::shared_ptr<index::CacheStore>(std::shared_ptr<void>(), &null_store);
  }
}

std::string DiskCacheStore::entry_path(std::string_view kind, uint64_t key) const {
  std::string path;
  path.reserve(root_.size() + kind.size() + 24);
  path += root_;
  path += '/';
  path += kind;
  path += '/';
  append_hex(path, key >> 56, 2);
  path += '/';
  append_hex(path, key, 16);
  return path;
}

bool DiskCacheStore::make_entry_folder(std::string_view kind, uint64_t key) const {
  // The root may have been removed while we run (someone cleaned the cache): recreate
  // it, but not its parents.
  std::string path = root_;
  if (!make_dir(path)) return false;
  path += '/';
  path += kind;
  if (!make_dir(path)) return false;
  path += '/';
  append_hex(path, key >> 56, 2);
  return make_dir(path);
}

std::optional<std::string> DiskCacheStore::get(std::string_view kind, uint64_t key) const {
  if (!enabled_ || !index::is_valid_cache_kind(kind)) return std::nullopt;
  try {
    std::string path = entry_path(kind, key);
    RegularFile file(path);  // never blocks (a FIFO planted in the cache is refused)
    if (!file.ok()) return std::nullopt;
    const struct stat& st = file.status();
    auto size = static_cast<uint64_t>(st.st_size);
    if (size < index::kEntryHeaderSize) {
      discard(path, st);
      return std::nullopt;
    }
    index::EntryHeader header;
    std::string payload(size - index::kEntryHeaderSize, '\0');
    iovec iov[2] = {{header.data(), header.size()}, {payload.data(), payload.size()}};
    // Entries are never modified in place, so a short read is an IO error, not a sign
    // of damage: miss without deleting.
    if (!read_all(file.fd(), iov, 2)) return std::nullopt;
    if (!index::entry_is_valid(std::string_view(header.data(), header.size()), payload, kind, key,
                               format_version_)) {
      discard(path, st);
      return std::nullopt;
    }
    return payload;
  } catch (...) {  // allocation failure (an absurd file size): a miss
    return std::nullopt;
  }
}

namespace {

// A cache file mapped read-only; its payload follows the header.
class MappedBlob final : public index::CacheBlob {
 public:
  MappedBlob(void* base, size_t size) : base_(base), size_(size) {}
  ~MappedBlob() override { ::munmap(base_, size_); }
  std::string_view bytes() const override {
    return std::string_view(static_cast<const char*>(base_) + index::kEntryHeaderSize, size_ - index::kEntryHeaderSize);
  }

 private:
  void* base_;
  size_t size_;
};

// A small cache file read whole into memory that is not zero-filled first; its
// payload (after the header) is as aligned as the allocation.
class ReadBlob final : public index::CacheBlob {
 public:
  explicit ReadBlob(size_t size) : data_(std::make_unique_for_overwrite<char[]>(size)), size_(size) {}
  char* data() { return data_.get(); }
  std::string_view bytes() const override {
    return std::string_view(data_.get() + index::kEntryHeaderSize, size_ - index::kEntryHeaderSize);
  }

 private:
  std::unique_ptr<char[]> data_;
  size_t size_;
};

constexpr uint64_t kMapAtLeast = 8 * 1024;  // smaller entries are read: a mapping costs more

}  // namespace

std::shared_ptr<const index::CacheBlob> DiskCacheStore::get_blob(std::string_view kind, uint64_t key) const {
  if (!enabled_ || !index::is_valid_cache_kind(kind)) return nullptr;
  try {
    std::string path = entry_path(kind, key);
    RegularFile file(path);  // never blocks (a FIFO planted in the cache is refused)
    if (!file.ok()) return nullptr;
    const struct stat& st = file.status();
    auto size = static_cast<uint64_t>(st.st_size);
    if (size < index::kEntryHeaderSize) {
      discard(path, st);
      return nullptr;
    }
    std::shared_ptr<const index::CacheBlob> blob;
    std::string_view all;
    if (size < kMapAtLeast) {
      auto read = std::make_shared<ReadBlob>(size);
      iovec iov[1] = {{read->data(), size}};
      // Entries are never modified in place, so a short read is an IO error, not a
      // sign of damage: miss without deleting.
      if (!read_all(file.fd(), iov, 1)) return nullptr;
      all = std::string_view(read->data(), size);
      blob = std::move(read);
    } else {
      void* base = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, file.fd(), 0);
      if (base == MAP_FAILED) return nullptr;
      blob = std::make_shared<MappedBlob>(base, size);
      all = std::string_view(static_cast<const char*>(base), size);
      // Entries are replaced by rename, never written in place: the mapping stays whole.
    }
    if (!index::entry_is_valid(all.substr(0, index::kEntryHeaderSize), blob->bytes(), kind, key, format_version_)) {
      discard(path, st);
      return nullptr;
    }
    return blob;
  } catch (...) {  // allocation failure (an absurd file size): a miss
    return nullptr;
  }
}

void DiskCacheStore::put(std::string_view kind, uint64_t key, std::string_view bytes) const {
  if (!enabled_ || !index::is_valid_cache_kind(kind) ||
      writes_stopped_.load(std::memory_order_relaxed))
    return;
  // A writing process checks (the first time, then hourly) whether the daily sweep of
  // dead writers' temp files is due.
  int64_t due = next_sweep_check_.load(std::memory_order_relaxed);
  int64_t now = steady_seconds();
  if (now >= due && next_sweep_check_.compare_exchange_strong(due, now + kSweepCheckSeconds)) {
    sweep_stale_temp_files_if_due(root_);
  }
  try {
    std::string path = entry_path(kind, key);
    index::EntryHeader header = index::frame_header(kind, key, format_version_, bytes);
    std::string temp;
    int fd = -1;
    bool made_folder = false;
    for (int attempt = 0; attempt < 4 && fd < 0; ++attempt) {
      temp = cache_temp_path(path);
      fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd >= 0) break;
      if (errno == ENOENT && !made_folder) {
        made_folder = true;
        if (!make_entry_folder(kind, key)) return stop_writes_after(errno);
      } else if (errno != EEXIST && errno != EINTR) {
        return stop_writes_after(errno);
      }
    }
    if (fd < 0) return;
    iovec iov[2] = {{header.data(), header.size()},
                    {const_cast<char*>(bytes.data()), bytes.size()}};
    bool ok = write_all(fd, iov, 2);
    int error = ok ? 0 : errno;
    if (::close(fd) != 0 && ok) {
      ok = false;
      error = errno;
    }
    if (!ok || ::rename(temp.c_str(), path.c_str()) != 0) {
      if (ok) error = errno;
      ::unlink(temp.c_str());
      stop_writes_after(error);
    }
  } catch (...) {  // allocation failure: dropped
  }
}

void DiskCacheStore::stop_writes_after(int error) const {
  if (is_lasting_write_error(error)) writes_stopped_.store(true, std::memory_order_relaxed);
}

}  // namespace ferret::frontends
