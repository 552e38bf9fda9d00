// A fresh folder for one test, removed when the test ends, with a helper to write
// files into it: hostile and end-to-end tests build small projects there.
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <unistd.h>

namespace ferret::testing {

class TempDir {
 public:
  // <tmp>/ferret_<tag>_<pid>_<test name>, emptied first.
  explicit TempDir(const std::string& tag) {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "x";
    for (char& c : name) {
      if (c == '/') c = '_';
    }
    path_ = std::filesystem::temp_directory_path() /
            ("ferret_" + tag + "_" + std::to_string(::getpid()) + "_" + name);
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    // A detached cache writer may still be finishing: retry until the folder is gone.
    for (int i = 0; i < 50; ++i) {
      std::error_code ec;
      std::filesystem::remove_all(path_, ec);
      if (!ec && !std::filesystem::exists(path_, ec)) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  // Writes `text` at `rel` (folders created); returns the absolute path.
  std::string write(const std::string& rel, const std::string& text) const {
    std::filesystem::path p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace ferret::testing
