// racer's command line, byte for byte (docs/PROTOCOL.md), through the real `ferret` binary:
// PREFIX/MATCH/END lines in both interfaces, snippets and their escapes, point and
// coord, SUBSTITUTE files and stdin, the daemon, usage errors, clamped coordinates,
// broken manifests and a missing cargo.
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <thread>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/fixture.h"

namespace ferret::testing {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  std::string out;
  int status = -1;
};

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ferret_cli_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    // A detached cache writer may still be finishing: retry until the folder is gone.
    for (int i = 0; i < 50; ++i) {
      std::error_code ec;
      fs::remove_all(dir_, ec);
      if (!ec && !fs::exists(dir_, ec)) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  std::string write(const std::string& rel, const std::string& text) {
    fs::path p = dir_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }

  // Runs the binary in the temp folder; stdout only (stderr into err_file_).
  Outcome ferret(const std::string& args, const std::string& env = "", const std::string& stdin_text = "") {
    std::string in = write(".stdin", stdin_text);
    std::string err = (dir_ / ".stderr").string();
    // Cache writes happen in place (not in a detached child) so runs follow each other.
    std::string cmd = "cd '" + dir_.string() + "' && env FERRET_SYNC_CACHE=1 FERRET_CACHE_DIR='" + (dir_ / ".cache").string() + "' " +
                      env + " " + FERRET_BINARY + " " + args + " < '" + in + "' 2> '" + err + "'";
    Outcome r;
    FILE* p = popen(cmd.c_str(), "r");
    if (p == nullptr) return r;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    last_err_ = read_file(err);
    return r;
  }

  fs::path dir_;
  std::string last_err_;
};

const char* kLib =
    "pub struct Point { pub x: i32 }\n"
    "impl Point {\n"
    "    /// Makes a point; really.\n"
    "    pub fn make(x: i32, label: &str) -> Point { Point { x } }\n"
    "}\n"
    "fn main() {\n"
    "    Point::ma\n"
    "}\n";

TEST_F(Cli, PrefixPointAndCoord) {
  std::string f = write("main.rs", "fn main() { let abc = 1; ab }\n");
  EXPECT_EQ(ferret("prefix 1 27 main.rs").out, "PREFIX 25,27,ab\n");
  EXPECT_EQ(ferret("point 1 27 main.rs").out, "COORD 1,27\nPOINT 27\nEND\n");
  EXPECT_EQ(ferret("coord 27 main.rs").out, "POINT 27\nCOORD 1,27\nEND\n");
  EXPECT_EQ(ferret("-i tab-text point 1 27 main.rs").out, "COORD\t1\t27\nPOINT\t27\nEND\n");
}

TEST_F(Cli, CompleteTextAndTabText) {
  std::string f = write("main.rs", kLib);
  Outcome r = ferret("complete 7 13 main.rs");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "PREFIX 163,165,ma\nMATCH make,4,11," + fs::canonical(f).string() +
                       ",Function,pub fn make(x: i32, label: &str) -> Point\nEND\n");
  Outcome t = ferret("-i tab-text complete 7 13 main.rs");
  EXPECT_EQ(t.out, "PREFIX\t163\t165\tma\nMATCH\tmake\t4\t11\t" + fs::canonical(f).string() +
                       "\tFunction\tpub fn make(x: i32, label: &str) -> Point\nEND\n");
}

TEST_F(Cli, CompleteWithSnippetEscapes) {
  std::string f = write("main.rs", kLib);
  Outcome r = ferret("complete-with-snippet 7 13 main.rs");
  EXPECT_EQ(r.out, "PREFIX 163,165,ma\nMATCH make;make(${1:x: i32}, ${2:label: &str});4;11;" +
                       fs::canonical(f).string() +
                       ";Function;pub fn make(x: i32, label: &str) -> Point;\"Makes a point\\; really.\"\nEND\n");
}

TEST_F(Cli, SubstituteFileAndStdin) {
  write("main.rs", "fn main() {}\n");
  write("unsaved.rs", kLib);
  Outcome r = ferret("complete 7 13 main.rs unsaved.rs");
  EXPECT_NE(r.out.find("MATCH make,4,11,"), std::string::npos) << r.out;
  Outcome s = ferret("complete 7 13 main.rs -", "", std::string(kLib) + "\x04 trailing garbage after EOT");
  EXPECT_NE(s.out.find("MATCH make,4,11,"), std::string::npos) << s.out;
}

TEST_F(Cli, FindDefinition) {
  std::string f = write("main.rs", "struct Thing;\nfn main() { let t = Thing; }\n");
  Outcome r = ferret("find-definition 2 21 main.rs");
  EXPECT_EQ(r.out, "MATCH Thing,1,7," + fs::canonical(f).string() + ",Struct,struct Thing;\nEND\n");
  Outcome none = ferret("find-definition 2 0 main.rs");
  EXPECT_EQ(none.out, "END\n");
}

TEST_F(Cli, Daemon) {
  write("main.rs", kLib);
  Outcome r = ferret("daemon", "", "prefix 7 13 main.rs\ncomplete 7 13 main.rs\nbogus command\n\ncomplete 7 13 main.rs\n");
  EXPECT_EQ(r.status, 0);
  // prefix, complete, the unknown command: each closed by END; the blank line ends it.
  EXPECT_EQ(r.out.substr(0, r.out.find('\n') + 1), "PREFIX 163,165,ma\n");
  size_t ends = 0;
  for (size_t p = r.out.find("END\n"); p != std::string::npos; p = r.out.find("END\n", p + 1)) ++ends;
  EXPECT_EQ(ends, 3u) << r.out;
  EXPECT_NE(last_err_.find("unknown command: bogus"), std::string::npos);
  Outcome tab = ferret("-i tab-text daemon", "", "prefix\t7\t13\tmain.rs\n\n");
  EXPECT_EQ(tab.out, "PREFIX\t163\t165\tma\nEND\n");
}

// Two files of one folder in no package are two crates: the second (one-shot from the
// cache the first wrote, or in the same daemon) is not answered from the first's graph.
TEST_F(Cli, LoneFilesOfOneFolderAreCratesOfTheirOwn) {
  write("one.rs", "fn main() {\n    let t = (1u8, 2u8);\n    t.cl\n    t.1;\n}\n");
  write("two.rs", "fn main() {\n    let s = String::new();\n    s.capa\n}\n");
  EXPECT_NE(ferret("complete 3 8 one.rs").out.find("MATCH clone,"), std::string::npos);
  EXPECT_NE(ferret("complete 3 10 two.rs").out.find("MATCH capacity,"), std::string::npos);
  // A tuple's fields are the language's: they point at core's docs of tuples.
  EXPECT_NE(ferret("find-definition 4 6 one.rs").out.find("MATCH 1,"), std::string::npos);
  EXPECT_NE(ferret("find-definition 4 6 one.rs").out.find("primitive_docs.rs,StructField,u8"), std::string::npos);
  EXPECT_NE(ferret("find-definition 2 13 two.rs").out.find("string.rs"), std::string::npos);
  Outcome d = ferret("daemon", "", "complete 3 8 one.rs\ncomplete 3 10 two.rs\n\n");
  EXPECT_NE(d.out.find("MATCH clone,"), std::string::npos) << d.out;
  EXPECT_NE(d.out.find("MATCH capacity,"), std::string::npos) << d.out;
}

TEST_F(Cli, UsageErrorsExitOne) {
  Outcome r = ferret("complete 1 2");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(last_err_.find("usage"), std::string::npos);
  EXPECT_EQ(ferret("no-such-command").status, 1);
  EXPECT_EQ(ferret("prefix x y main.rs").status, 1);
  EXPECT_EQ(ferret("--version").status, 0);
}

TEST_F(Cli, HelpWithoutACommandIsTheOverview) {
  Outcome overview = ferret("--help");
  Outcome help = ferret("help");
  EXPECT_EQ(help.status, 0);
  EXPECT_EQ(help.out, overview.out);
  EXPECT_NE(help.out.find("find-definition"), std::string::npos) << help.out;
  Outcome one = ferret("help complete");
  EXPECT_EQ(one.status, 0);
  EXPECT_NE(one.out.find("LINE"), std::string::npos) << one.out;
  EXPECT_EQ(ferret("help no-such-command").status, 1);
}

TEST_F(Cli, CoordinatesAreClamped) {
  write("main.rs", "fn main() { let é = 1; }\n");
  // Past the end of the line, and inside the two-byte `é`: clamped, no crash.
  EXPECT_EQ(ferret("prefix 1 500 main.rs").out, "PREFIX 25,25,\n");
  EXPECT_EQ(ferret("point 1 17 main.rs").out, "COORD 1,17\nPOINT 16\nEND\n");
  EXPECT_EQ(ferret("point 99 0 main.rs").out, "COORD 99,0\nPOINT 26\nEND\n");
  EXPECT_EQ(ferret("complete 0 0 main.rs").status, 0);
}

TEST_F(Cli, MissingFile) {
  Outcome r = ferret("complete 1 0 nowhere.rs");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "END\n");
  EXPECT_NE(last_err_.find("cannot read"), std::string::npos);
}

TEST_F(Cli, BrokenManifestStillAnswers) {
  write("Cargo.toml", "[package\nname = this is not toml\n");
  write("src/main.rs", "struct Local;\nfn main() { Lo }\n");
  Outcome r = ferret("complete 2 14 src/main.rs");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("MATCH Local,1,7,"), std::string::npos) << r.out;
  EXPECT_NE(last_err_.find("Cargo.toml"), std::string::npos) << last_err_;
}

TEST_F(Cli, WithoutCargo) {
  write("Cargo.toml", "[package]\nname = \"demo\"\nversion = \"0.1.0\"\nedition = \"2021\"\n");
  write("src/lib.rs", "pub mod shapes;\npub fn f() { shapes::Ci }\n");
  write("src/shapes.rs", "pub struct Circle;\n");
  Outcome r = ferret("complete 2 24 src/lib.rs", "CARGO=/nonexistent");
  EXPECT_NE(r.out.find("MATCH Circle,1,11,"), std::string::npos) << r.out << last_err_;
}

TEST_F(Cli, QualifiedNameForm) {
  write("main.rs", "fn main() {}\n");
  std::string root = std_library_root();
  if (root.empty()) GTEST_SKIP() << "no std sources";
  Outcome r = ferret("complete std::collections::HashM");
  EXPECT_NE(r.out.find("MATCH HashMap,"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("END"), std::string::npos) << "racer's FQN form prints no END";
}

TEST_F(Cli, ExplainShowsTheSteps) {
  write("main.rs", "mod a { pub struct B; }\nfn main() { a::B }\n");
  Outcome r = ferret("explain 2 16 main.rs");
  EXPECT_NE(r.out.find("module crate"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("definition:"), std::string::npos) << r.out;
}

TEST_F(Cli, TypeOnATypeWrittenInTheBodyIsThatType) {
  write("main.rs",
        "fn f() -> bool {\n    let jitter: u32 = 4;\n    let v: Vec<u8> = Vec::new();\n    "
        "true\n}\n");
  EXPECT_EQ(ferret("type 2 17 main.rs").out, "u32\n") << "the annotation, not the fn's return type";
  EXPECT_EQ(ferret("type 3 15 main.rs").out, "u8\n") << "the innermost type written there";
  EXPECT_EQ(ferret("type 3 13 main.rs").out, "Vec<u8>\n");
  EXPECT_EQ(ferret("type 2 10 main.rs").out, "u32\n") << "the binding";
}

TEST_F(Cli, CorruptedOrTruncatedCacheIsRebuilt) {
  write("main.rs", kLib);
  Outcome first = ferret("complete 7 13 main.rs");
  ASSERT_NE(first.out.find("MATCH make"), std::string::npos);
  // Damage every cache entry: flip a byte in half of them, truncate the others.
  int n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir_ / ".cache")) {
    if (!e.is_regular_file()) continue;
    std::string bytes = read_file(e.path().string());
    if (bytes.empty()) continue;
    if (n++ % 2 == 0) {
      bytes[bytes.size() / 2] ^= 0x5a;
    } else {
      bytes.resize(bytes.size() / 3);
    }
    std::ofstream(e.path(), std::ios::binary | std::ios::trunc) << bytes;
  }
  ASSERT_GT(n, 3);
  EXPECT_EQ(ferret("complete 7 13 main.rs").out, first.out);
  EXPECT_EQ(ferret("complete 7 13 main.rs").out, first.out) << "and again from the rebuilt entries";
}

TEST_F(Cli, ConcurrentProcessesShareACache) {
  write("main.rs", kLib);
  std::string expected = ferret("complete 7 13 main.rs", "FERRET_CACHE_DIR=off").out;
  ASSERT_NE(expected.find("MATCH make"), std::string::npos);
  // Four processes index into one empty cache at once; every one answers right.
  std::string cmd = "cd '" + dir_.string() + "' && for i in 1 2 3 4; do FERRET_SYNC_CACHE=1 FERRET_CACHE_DIR='" + (dir_ / ".shared").string() +
                    "' " + FERRET_BINARY + " complete 7 13 main.rs > out$i.txt 2>/dev/null & done; wait";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  for (int i = 1; i <= 4; ++i) EXPECT_EQ(read_file((dir_ / ("out" + std::to_string(i) + ".txt")).string()), expected) << i;
}

// Entries of one kind (a folder of that name anywhere below `root`).
size_t count_entries(const std::filesystem::path& root, const std::string& kind) {
  size_t n = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(root, ec); !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().parent_path().parent_path().filename() == kind) ++n;
  }
  return n;
}

TEST_F(Cli, CacheIsWrittenAfterTheAnswerByADetachedChild) {
  write("main.rs", kLib);
  Outcome first = ferret("complete 7 13 main.rs", "FERRET_SYNC_CACHE=0");
  ASSERT_NE(first.out.find("MATCH make"), std::string::npos);
  // The child writes the entries shortly after; wait for the def maps to appear.
  bool written = false;
  for (int i = 0; i < 200 && !written; ++i) {
    std::error_code ec;
    written = std::filesystem::exists(dir_ / ".cache", ec) && count_entries(dir_ / ".cache", "defhead") > 0;
    if (!written) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(written) << "no def map was written to the cache";
  EXPECT_EQ(ferret("complete 7 13 main.rs").out, first.out);
}

}  // namespace
}  // namespace ferret::testing
