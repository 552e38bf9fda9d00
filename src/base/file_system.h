// The file system as the engine sees it: an interface (the front ends implement it
// over the disk; the core does no IO of its own) and an overlay of editor buffers
// that wins over whatever is below it (docs/DESIGN.md §7).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace ferret::base {

using FileText = std::shared_ptr<const std::string>;

// Size and modification time, for cheap change detection; zero when unknown.
struct FileStamp {
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // The file's bytes, or null when it is missing, unreadable, not a regular file or
  // larger than kMaxSourceBytes (source_limit.h).
  virtual FileText read_file(const std::string& path) const = 0;
  virtual bool is_file(const std::string& path) const = 0;
  virtual bool is_dir(const std::string& path) const = 0;
  // Names (not paths) of the entries of a folder, sorted; empty when unreadable.
  virtual std::vector<std::string> list_dir(const std::string& path) const = 0;
  virtual std::optional<FileStamp> stamp(const std::string& path) const = 0;
  // The path with symbolic links resolved, as the front ends name files; the path
  // itself where there are none (or the file system has no links).
  virtual std::string canonical(const std::string& path) const { return path; }
  // An editor's unsaved buffer (its text changes with every keystroke).
  virtual bool is_unsaved(const std::string& /*path*/) const { return false; }
};

// Editor buffers over another file system. Paths are compared as given (callers
// normalize them). Thread-safe.
class OverlayFileSystem : public FileSystem {
 public:
  explicit OverlayFileSystem(std::shared_ptr<const FileSystem> below) : below_(std::move(below)) {}

  void set_overlay(const std::string& path, std::string text);
  void set_overlay(const std::string& path, FileText text);  // shared as is (null: empty)
  void remove_overlay(const std::string& path);
  bool has_overlay(const std::string& path) const;
  // The paths that have a buffer, sorted.
  std::vector<std::string> overlay_paths() const;

  FileText read_file(const std::string& path) const override;
  bool is_file(const std::string& path) const override;
  bool is_dir(const std::string& path) const override;
  std::vector<std::string> list_dir(const std::string& path) const override;
  std::optional<FileStamp> stamp(const std::string& path) const override;
  std::string canonical(const std::string& path) const override { return below_->canonical(path); }
  bool is_unsaved(const std::string& path) const override { return has_overlay(path); }

 private:
  std::shared_ptr<const FileSystem> below_;
  mutable std::mutex mutex_;
  std::map<std::string, FileText> overlays_;
};

// An in-memory file system, for tests and fixtures: path -> text.
class MemoryFileSystem : public FileSystem {
 public:
  void add_file(const std::string& path, std::string text);
  // A file that exists but cannot be read (permissions): is_file, but no text.
  void add_unreadable(const std::string& path);

  FileText read_file(const std::string& path) const override;
  bool is_file(const std::string& path) const override;
  bool is_dir(const std::string& path) const override;
  std::vector<std::string> list_dir(const std::string& path) const override;
  std::optional<FileStamp> stamp(const std::string& path) const override;

 private:
  std::map<std::string, FileText> files_;  // a null text: unreadable
};

}  // namespace ferret::base
