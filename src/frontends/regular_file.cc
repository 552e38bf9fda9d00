// Non-blocking opens of regular files and capped reads (see regular_file.h).
#include "frontends/regular_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <new>

namespace ferret::frontends {

RegularFile::RegularFile(const std::string& path) {
  // O_NONBLOCK: opening a FIFO for reading waits for a writer without it. It changes
  // nothing for the regular files that are read afterwards.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    errno_ = errno;
    failure_ =
        errno_ == ENOENT || errno_ == ENOTDIR ? ReadFailure::Missing : ReadFailure::Unreadable;
    return;
  }
  if (::fstat(fd, &st_) != 0) {
    errno_ = errno;
    failure_ = ReadFailure::Unreadable;
    ::close(fd);
    return;
  }
  if (!S_ISREG(st_.st_mode)) {
    failure_ = ReadFailure::NotRegular;
    ::close(fd);
    return;
  }
  fd_ = fd;
}

RegularFile::~RegularFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::string file_type_name(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISREG(mode)) return "a regular file";
  return "not a file";
}

std::string FileContents::reason() const {
  switch (failure) {
    case ReadFailure::None: return "";
    case ReadFailure::Missing:
    case ReadFailure::Unreadable: return std::strerror(error_number);
    case ReadFailure::NotRegular: return file_type_name(mode) + ", not a regular file";
    case ReadFailure::TooLarge:
      if (max_bytes == base::kMaxSourceBytes) return base::source_too_large_reason();
      return "larger than " + std::to_string(max_bytes) + " bytes";
  }
  return "";
}

FileContents read_regular_file(const std::string& path, size_t max_bytes) {
  FileContents out;
  out.max_bytes = max_bytes;
  RegularFile file(path);
  if (!file.ok()) {
    out.failure = file.failure();
    out.error_number = file.error_number();
    out.mode = file.status().st_mode;
    return out;
  }
  auto too_large = [&] {
    out.text.clear();
    out.text.shrink_to_fit();
    out.failure = ReadFailure::TooLarge;
    return out;
  };
  if (static_cast<uint64_t>(file.status().st_size) > max_bytes) return too_large();
  try {
    // Read straight into the text (no buffer on the stack: the engine may run on a
    // small thread), one more byte than the file's size to see its end.
    constexpr size_t kChunk = 65536;
    for (;;) {
      size_t have = out.text.size();
      size_t want = have < static_cast<size_t>(file.status().st_size)
                        ? static_cast<size_t>(file.status().st_size) - have + 1
                        : kChunk;
      out.text.resize(have + want);
      ssize_t n = ::read(file.fd(), out.text.data() + have, want);
      out.text.resize(have + static_cast<size_t>(n > 0 ? n : 0));
      if (n == 0) break;
      if (n < 0) {
        if (errno == EINTR) continue;
        out.error_number = errno;
        out.failure = ReadFailure::Unreadable;
        out.text.clear();
        return out;
      }
      if (out.text.size() > max_bytes) return too_large();
    }
  } catch (const std::bad_alloc&) {
    out.error_number = ENOMEM;
    out.failure = ReadFailure::Unreadable;
    out.text.clear();
  }
  return out;
}

}  // namespace ferret::frontends
