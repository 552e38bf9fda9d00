// Every file ferret reads from disk is opened here, so that no file can block it: the
// open is non-blocking (a FIFO with no writer would otherwise wait forever), fstat then
// decides, and anything but a regular file (FIFO, socket, device, folder) is refused
// before a byte is read. Whole-file reads are capped, so an endless file (a link to
// /dev/zero, a /proc file) cannot grow memory either.
#pragma once

#include <sys/stat.h>

#include <string>

#include "base/source_limit.h"

namespace ferret::frontends {

enum class ReadFailure { None, Missing, NotRegular, TooLarge, Unreadable };

// A regular file open for reading, closed on destruction.
class RegularFile {
 public:
  explicit RegularFile(const std::string& path);
  RegularFile(const RegularFile&) = delete;
  RegularFile& operator=(const RegularFile&) = delete;
  ~RegularFile();

  bool ok() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  // Valid when ok(), and for NotRegular (its file type).
  const struct stat& status() const { return st_; }
  ReadFailure failure() const { return failure_; }
  int error_number() const { return errno_; }  // of a failed open or fstat

 private:
  int fd_ = -1;
  struct stat st_ {};
  ReadFailure failure_ = ReadFailure::None;
  int errno_ = 0;
};

struct FileContents {
  std::string text;
  ReadFailure failure = ReadFailure::None;
  int error_number = 0;
  mode_t mode = 0;  // the file type of a NotRegular one
  size_t max_bytes = 0;
  bool ok() const { return failure == ReadFailure::None; }
  // Why it failed, for a message: "No such file or directory", "a FIFO, not a
  // regular file", "larger than ferret's 8 MiB limit for source files"…
  std::string reason() const;
};

// The whole file, refused when larger than `max_bytes` (by its size, or while reading
// one that grows or lies about its size).
FileContents read_regular_file(const std::string& path, size_t max_bytes = base::kMaxSourceBytes);

// "a FIFO", "a folder", "a socket", "a device": what a non-regular file is.
std::string file_type_name(mode_t mode);

}  // namespace ferret::frontends
