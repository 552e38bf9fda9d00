// Implementation of the fixture helpers (std::filesystem, gtest assertions).
#include "support/fixture.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ferret::testing {

namespace fs = std::filesystem;

std::string fixtures_root() { return std::string(FERRET_SOURCE_DIR) + "/tests/fixtures"; }

std::vector<std::string> find_files(const std::string& dir, const std::string& ext) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::string p = it->path().string();
    if (p.size() >= ext.size() && p.compare(p.size() - ext.size(), ext.size(), ext) == 0) {
      out.push_back(fs::relative(it->path(), dir).string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

void check_expected(const std::string& expected_path, const std::string& actual) {
  const char* update = std::getenv("UPDATE_EXPECT");
  if (update != nullptr && std::string(update) == "1") {
    write_file(expected_path, actual);
    return;
  }
  std::error_code ec;
  if (!fs::exists(expected_path, ec)) {
    ADD_FAILURE() << "missing " << expected_path << " (run with UPDATE_EXPECT=1 to create it)";
    return;
  }
  EXPECT_EQ(read_file(expected_path), actual) << "in " << expected_path;
}

std::string test_name_of(const std::string& relative_path) {
  std::string name = relative_path;
  size_t dot = name.rfind('.');
  if (dot != std::string::npos) name.resize(dot);
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

std::string std_library_root() {
  if (const char* env = std::getenv("RUST_SRC_PATH")) {
    fs::path p(env);
    std::error_code ec;
    if (fs::exists(p / "core", ec)) return p.string();
    if (fs::exists(p / "library" / "core", ec)) return (p / "library").string();
  }
  std::error_code ec;
  std::vector<std::string> found;
  for (fs::directory_iterator it("/usr/src", ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.rfind("rustc-", 0) == 0 && fs::exists(it->path() / "library" / "core", ec)) {
      found.push_back((it->path() / "library").string());
    }
  }
  std::sort(found.begin(), found.end());
  return found.empty() ? std::string() : found.back();
}

std::vector<std::string> std_library_files(const std::vector<std::string>& crates) {
  std::vector<std::string> out;
  std::string root = std_library_root();
  if (root.empty()) return out;
  for (const std::string& c : crates) {
    for (const std::string& rel : find_files(root + "/" + c, ".rs")) out.push_back(root + "/" + c + "/" + rel);
  }
  return out;
}

}  // namespace ferret::testing
