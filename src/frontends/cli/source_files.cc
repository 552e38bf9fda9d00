// File reading and folder walking with std::filesystem; errors become messages.
#include "frontends/cli/source_files.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace ferret::cli {

namespace fs = std::filesystem;

std::optional<std::string> read_source_file(const std::string& path, std::string& error) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    error = "is a directory";
    return std::nullopt;
  }
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::string data;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    if (data.size() + n > kMaxSourceFileBytes) {
      std::fclose(f);
      error = "file too large (over 1 GiB)";
      return std::nullopt;
    }
    data.append(buf, n);
  }
  bool failed = std::ferror(f) != 0;
  int saved_errno = errno;
  std::fclose(f);
  if (failed) {
    error = std::strerror(saved_errno);
    return std::nullopt;
  }
  return data;
}

std::vector<std::string> collect_rust_files(const std::vector<std::string>& paths,
                                            std::vector<std::string>& missing) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      missing.push_back(p);
      continue;
    }
    if (!fs::is_directory(st)) {
      files.push_back(p);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const fs::directory_entry& e = *it;
      std::error_code fec;
      if (e.is_symlink(fec) && e.is_directory(fec)) {
        it.disable_recursion_pending();
        continue;
      }
      if (e.path().extension() == ".rs" && e.is_regular_file(fec)) {
        found.push_back(e.path().string());
      }
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

}  // namespace ferret::cli
