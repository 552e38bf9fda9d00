// Exponential and ever-growing macro_rules! through the real binary: each call is cut
// by its expansion budget alone, so the answer next to it is still right, it comes
// back quickly (a generous limit turns a hang into a failure) and memory stays within
// a fixed margin of the same program without the macros, as does the on-disk cache.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "support/run_program.h"
#include "support/temp_dir.h"

namespace ferret::testing {
namespace {

constexpr long kMarginKb = 256 * 1024;  // over the same program without the macros
constexpr int kTimeLimitMs = 120000;

// A doubling macro, and 18 macros each calling the next twice (2^17 expansions).
std::string exponential_macros(const std::string& open, const std::string& close) {
  std::string s =
      "macro_rules! d { ($($t:tt)*) => { d!" + open + "$($t)* $($t)*" + close + " } }\n";
  for (int i = 0; i < 18; ++i) {
    std::string next = "l" + std::to_string(i + 1) + "!" + open + "$($t)*" + close;
    s += "macro_rules! l" + std::to_string(i) + " { ($($t:tt)*) => { " + next + " " + next +
         " } }\n";
  }
  s += "macro_rules! l18 { ($($t:tt)*) => { } }\n";
  return s;
}

struct Answer {
  RunResult run;
  bool has_bar = false;
};

// `complete` at the `$0` of `text`, written as main.rs of a lone-file crate in `dir`.
Answer complete_at(const TempDir& dir, std::string text, const std::string& cache) {
  size_t at = text.find("$0");
  text.erase(at, 2);
  std::string before = text.substr(0, at);
  size_t line = 1 + static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
  size_t col = at - (before.rfind('\n') == std::string::npos ? 0 : before.rfind('\n') + 1);
  dir.write("main.rs", text);
  Answer a;
  a.run =
      run_program({FERRET_BINARY, "complete", std::to_string(line), std::to_string(col), "main.rs"},
                  {.cwd = dir.str(),
                   .env = {{"FERRET_CACHE_DIR", cache}, {"FERRET_SYNC_CACHE", "1"}},
                   .timeout_ms = kTimeLimitMs});
  a.has_bar = a.run.out.find("MATCH bar,") != std::string::npos;
  return a;
}

uint64_t folder_bytes(const std::filesystem::path& p) {
  uint64_t n = 0;
  std::error_code ec;
  for (const auto& e : std::filesystem::recursive_directory_iterator(p, ec)) {
    if (e.is_regular_file(ec)) n += e.file_size(ec);
  }
  return n;
}

const char* kFoo = "struct Foo;\nimpl Foo { fn bar(&self) {} }\n";

TEST(HostileMacroBudget, ExponentialMacrosInABodyCutOnlyThoseCalls) {
  TempDir plain("macro_plain"), hostile("macro_body");
  std::string body = "fn main() {\n    let f = Foo;\n    f.$0\n}\n";
  Answer base = complete_at(plain, std::string(kFoo) + body, "off");
  ASSERT_TRUE(base.has_bar) << base.run.describe() << base.run.out << base.run.err;
  std::string calls =
      "fn main() {\n    let f = Foo;\n    d!(x y z);\n    l0!(a b c d);\n    let g = d!(1);\n    "
      "f.$0\n}\n";
  Answer a = complete_at(hostile, std::string(kFoo) + exponential_macros("(", ")") + calls, "off");
  EXPECT_FALSE(a.run.timed_out);
  EXPECT_EQ(a.run.describe(), "exit 0") << a.run.err;
  EXPECT_TRUE(a.has_bar) << a.run.out;
  EXPECT_LE(a.run.max_rss_kb, base.run.max_rss_kb + kMarginKb)
      << "without the macros: " << base.run.max_rss_kb;
}

TEST(HostileMacroBudget, ExponentialMacrosAtModuleLevelLeaveTheCrateAndItsCacheBounded) {
  TempDir plain("macro_plain"), hostile("macro_items");
  const char* make =
      "macro_rules! make { ($n:ident) => { pub struct $n; impl $n { pub fn bar(&self) {} } } "
      "}\nmake!(Made);\n";
  std::string body = "fn main() {\n    let m = Made;\n    m.$0\n}\n";
  Answer base = complete_at(plain, std::string(make) + body, (plain.path() / "cache").string());
  ASSERT_TRUE(base.has_bar) << base.run.describe() << base.run.out << base.run.err;
  // Several calls of each at module level, in modules and impls, then a macro that
  // must still expand.
  std::string text = exponential_macros(" {", " }") + "struct S;\n";
  for (int i = 0; i < 4; ++i) {
    std::string m = std::to_string(i);
    text += "mod m" + m + " { d! { struct A" + m + "; } l0! { fn f() {} } }\n";
    text += "impl S { d! { fn g" + m + "() {} } }\n";
  }
  text += std::string(make) + body;
  std::string cache = (hostile.path() / "cache").string();
  Answer cold = complete_at(hostile, text, cache);
  EXPECT_FALSE(cold.run.timed_out);
  EXPECT_EQ(cold.run.describe(), "exit 0") << cold.run.err;
  EXPECT_TRUE(cold.has_bar) << cold.run.out;
  EXPECT_LE(cold.run.max_rss_kb, base.run.max_rss_kb + kMarginKb)
      << "without the macros: " << base.run.max_rss_kb;
  // The cached def map and its expansions stay within a margin of the plain crate's.
  EXPECT_LE(folder_bytes(cache), folder_bytes(plain.path() / "cache") + (64u << 20));
  // And answer the same from the cache.
  Answer warm = complete_at(hostile, text, cache);
  EXPECT_EQ(warm.run.describe(), "exit 0") << warm.run.err;
  EXPECT_TRUE(warm.has_bar) << warm.run.out;
}

}  // namespace
}  // namespace ferret::testing
