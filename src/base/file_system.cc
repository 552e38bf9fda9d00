// The overlay and in-memory file systems.
#include "base/file_system.h"

#include <functional>
#include <set>

namespace ferret::base {

void OverlayFileSystem::set_overlay(const std::string& path, std::string text) {
  set_overlay(path, std::make_shared<const std::string>(std::move(text)));
}

void OverlayFileSystem::set_overlay(const std::string& path, FileText text) {
  if (!text) text = std::make_shared<const std::string>();
  std::lock_guard lock(mutex_);
  overlays_[path] = std::move(text);
}

void OverlayFileSystem::remove_overlay(const std::string& path) {
  std::lock_guard lock(mutex_);
  overlays_.erase(path);
}

bool OverlayFileSystem::has_overlay(const std::string& path) const {
  std::lock_guard lock(mutex_);
  return overlays_.count(path) != 0;
}

std::vector<std::string> OverlayFileSystem::overlay_paths() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  out.reserve(overlays_.size());
  for (const auto& [path, text] : overlays_) out.push_back(path);
  return out;
}

FileText OverlayFileSystem::read_file(const std::string& path) const {
  {
    std::lock_guard lock(mutex_);
    auto it = overlays_.find(path);
    if (it != overlays_.end()) return it->second;
  }
  return below_ ? below_->read_file(path) : nullptr;
}

bool OverlayFileSystem::is_file(const std::string& path) const {
  if (has_overlay(path)) return true;
  return below_ && below_->is_file(path);
}

bool OverlayFileSystem::is_dir(const std::string& path) const {
  return below_ && below_->is_dir(path);
}

std::vector<std::string> OverlayFileSystem::list_dir(const std::string& path) const {
  return below_ ? below_->list_dir(path) : std::vector<std::string>{};
}

std::optional<FileStamp> OverlayFileSystem::stamp(const std::string& path) const {
  {
    std::lock_guard lock(mutex_);
    auto it = overlays_.find(path);
    if (it != overlays_.end()) {
      // Overlays have no mtime: the size and a content hash stand in for it.
      return FileStamp{it->second->size(), static_cast<int64_t>(std::hash<std::string>{}(*it->second))};
    }
  }
  return below_ ? below_->stamp(path) : std::nullopt;
}

void MemoryFileSystem::add_file(const std::string& path, std::string text) {
  files_[path] = std::make_shared<const std::string>(std::move(text));
}

void MemoryFileSystem::add_unreadable(const std::string& path) { files_[path] = nullptr; }

FileText MemoryFileSystem::read_file(const std::string& path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : it->second;
}

bool MemoryFileSystem::is_file(const std::string& path) const { return files_.count(path) != 0; }

bool MemoryFileSystem::is_dir(const std::string& path) const {
  std::string prefix = path.empty() || path.back() == '/' ? path : path + "/";
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

std::vector<std::string> MemoryFileSystem::list_dir(const std::string& path) const {
  std::string prefix = path.empty() || path.back() == '/' ? path : path + "/";
  std::set<std::string> names;
  for (auto it = files_.lower_bound(prefix);
       it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    std::string rest = it->first.substr(prefix.size());
    names.insert(rest.substr(0, rest.find('/')));
  }
  return {names.begin(), names.end()};
}

std::optional<FileStamp> MemoryFileSystem::stamp(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  if (!it->second) return FileStamp{};
  return FileStamp{it->second->size(), static_cast<int64_t>(std::hash<std::string>{}(*it->second))};
}

}  // namespace ferret::base
