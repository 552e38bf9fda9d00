// Shared helpers for data-driven tests: finding fixture files, reading them, and
// comparing output with the `.expected` file beside a fixture (UPDATE_EXPECT=1
// rewrites it instead, to be reviewed as a diff).
#pragma once

#include <string>
#include <vector>

namespace ferret::testing {

// The repository's tests/fixtures folder.
std::string fixtures_root();

// Paths (relative to `dir`) of every file below `dir` ending in `ext`, sorted.
std::vector<std::string> find_files(const std::string& dir, const std::string& ext);

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& content);

// Asserts (gtest) that `actual` equals the content of `expected_path`, or rewrites the
// file when UPDATE_EXPECT=1. A missing expected file is a failure.
void check_expected(const std::string& expected_path, const std::string& actual);

// A gtest-safe test name from a relative path: "exprs/precedence.rs" -> "exprs_precedence".
std::string test_name_of(const std::string& relative_path);

// The standard library sources (RUST_SRC_PATH or /usr/src/rustc-*/library), or "".
std::string std_library_root();
// Absolute paths of the .rs files of those crate folders ("" for the whole library),
// crate by crate, sorted; empty without std sources.
std::vector<std::string> std_library_files(const std::vector<std::string>& crates);

}  // namespace ferret::testing
