// File reading (frontends/regular_file.h) and folder walking with std::filesystem;
// errors become messages.
#include "frontends/cli/source_files.h"

#include <algorithm>
#include <filesystem>

#include "frontends/regular_file.h"

namespace ferret::cli {

namespace fs = std::filesystem;

std::optional<std::string> read_source_file(const std::string& path, std::string& error) {
  frontends::FileContents contents = frontends::read_regular_file(path);
  if (!contents.ok()) {
    error = contents.reason();
    return std::nullopt;
  }
  return std::move(contents.text);
}

std::string missing_path_error(const std::string& path) {
  std::error_code ec;
  if (fs::exists(path, ec)) return "";
  return "ferret: " + path + ": no such file or folder";
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
