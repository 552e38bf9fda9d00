// Hostile inputs from the file system and the editor, through the real binary: files
// that are not regular files (FIFOs, folders, devices) wherever ferret reads one — the
// project's manifests, lock and config, a module, SUBSTITUTE, the query file, the
// cache — texts over the source size limit (base::kMaxSourceBytes), an endless
// standard input, missing FILEs and DIRs. Every run has a time limit: a hang fails.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "base/source_limit.h"
#include "support/run_program.h"
#include "support/temp_dir.h"

namespace ferret::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kLimitMs = 60000;  // generous (CI runs under ASan); a hang is killed here

const char kMain[] = "mod m;\nstruct Local;\nfn main() { Lo }\n";  // `Lo` ends at 3:14

RunResult ferret(const TempDir& dir, const std::vector<std::string>& args,
                 std::vector<std::pair<std::string, std::string>> env = {},
                 const std::string& stdin_path = "/dev/null") {
  std::vector<std::string> argv{FERRET_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  env.push_back({"FERRET_CACHE_DIR", FERRET_TEST_CACHE_DIR});
  return run_program(
      argv, {.cwd = dir.str(), .env = env, .stdin_path = stdin_path, .timeout_ms = kLimitMs});
}

void make_fifo(const std::string& path) {
  fs::create_directories(fs::path(path).parent_path());
  ASSERT_EQ(::mkfifo(path.c_str(), 0644), 0) << path;
}

// A package whose src/main.rs declares `mod m;` (src/m.rs, empty).
void write_package(const TempDir& dir, const std::string& rel = ".") {
  dir.write(rel + "/Cargo.toml",
            "[package]\nname = \"demo\"\nversion = \"0.1.0\"\nedition = \"2021\"\n");
  dir.write(rel + "/src/main.rs", kMain);
  dir.write(rel + "/src/m.rs", "");
}

// What stands where a file should be.
enum class Oddity { Fifo, Folder, Device };

struct OddFile {
  const char* rel;  // below the temp folder; the package is in pkg/
  Oddity what;
  bool real_cargo;  // else CARGO=/nonexistent: ferret's own manifest and lock reader
};

std::string param_name(const OddFile& f) {
  std::string name = f.rel;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  const char* what[] = {"fifo", "folder", "device"};
  return name + "_" + what[static_cast<int>(f.what)] + (f.real_cargo ? "_cargo" : "_no_cargo");
}

void PrintTo(const OddFile& f, std::ostream* os) {
  *os << param_name(f);
}

class HostileProjectFile : public ::testing::TestWithParam<OddFile> {};

// The answer comes (from the rest of the project) whatever stands in that file's place.
TEST_P(HostileProjectFile, NeverBlocksAndTheCrateStillAnswers) {
  TempDir dir("hostile_files");
  write_package(dir, "pkg");
  std::string path = dir.str() + "/" + GetParam().rel;
  fs::remove(path);
  switch (GetParam().what) {
    case Oddity::Fifo: make_fifo(path); break;
    case Oddity::Folder: fs::create_directories(path); break;
    case Oddity::Device:
      fs::create_directories(fs::path(path).parent_path());
      fs::create_symlink("/dev/zero", path);
      break;
  }
  std::vector<std::pair<std::string, std::string>> env;
  if (!GetParam().real_cargo) env.push_back({"CARGO", "/nonexistent"});
  RunResult r = ferret(dir, {"complete", "3", "14", "pkg/src/main.rs"}, env);
  ASSERT_EQ(r.describe(), "exit 0") << r.err;
  EXPECT_NE(r.out.find("MATCH Local,2,7,"), std::string::npos) << r.out << r.err;
  // cargo, which would wait on the file, is not run at all.
  if (GetParam().real_cargo && GetParam().what == Oddity::Fifo &&
      std::string(GetParam().rel) != "pkg/src/m.rs") {
    EXPECT_NE(r.err.find("is not a regular file"), std::string::npos) << r.err;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Files, HostileProjectFile,
    ::testing::Values(OddFile{"pkg/Cargo.lock", Oddity::Fifo, true},
                      OddFile{"pkg/Cargo.lock", Oddity::Fifo, false},
                      OddFile{"pkg/Cargo.lock", Oddity::Folder, false},
                      OddFile{"pkg/Cargo.lock", Oddity::Device, false},
                      OddFile{"pkg/.cargo/config.toml", Oddity::Fifo, true},
                      OddFile{"pkg/.cargo/config.toml", Oddity::Fifo, false},
                      OddFile{"pkg/.cargo/config", Oddity::Fifo, true},
                      OddFile{".cargo/config.toml", Oddity::Fifo, true},  // an ancestor's
                      OddFile{"Cargo.toml", Oddity::Fifo, true},          // an ancestor's
                      OddFile{"pkg/src/m.rs", Oddity::Fifo, true},
                      OddFile{"pkg/src/m.rs", Oddity::Device, false},
                      OddFile{"pkg/src/m.rs", Oddity::Folder, false}),
    [](const ::testing::TestParamInfo<OddFile>& p) { return param_name(p.param); });

TEST(HostileFileInputs, SubstituteThatIsNotARegularFileIsAnError) {
  TempDir dir("hostile_files");
  dir.write("main.rs", kMain);
  make_fifo(dir.str() + "/fifo.rs");
  fs::create_directories(dir.path() / "folder.rs");
  for (const char* substitute : {"fifo.rs", "folder.rs", "/dev/zero"}) {
    RunResult r = ferret(dir, {"complete", "3", "14", "main.rs", substitute});
    EXPECT_EQ(r.describe(), "exit 1") << substitute;
    EXPECT_NE(r.err.find("cannot read " + std::string(substitute) + ": "), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(", not a regular file"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
  }
}

TEST(HostileFileInputs, QueryFileThatIsAFifoAnswersNothingAndSaysWhy) {
  TempDir dir("hostile_files");
  make_fifo(dir.str() + "/fifo.rs");
  RunResult r = ferret(dir, {"complete", "1", "0", "fifo.rs"});
  EXPECT_EQ(r.describe(), "exit 0");
  EXPECT_EQ(r.out, "END\n");
  EXPECT_NE(r.err.find("cannot read fifo.rs: a FIFO, not a regular file"), std::string::npos)
      << r.err;
}

TEST(HostileFileInputs, EndlessStandardInputStopsAtTheLimit) {
  TempDir dir("hostile_files");
  dir.write("main.rs", kMain);
  RunResult r = ferret(dir, {"complete", "3", "14", "main.rs", "-"}, {}, "/dev/zero");
  EXPECT_EQ(r.describe(), "exit 1");
  EXPECT_NE(r.err.find("the buffer on standard input is larger than ferret's"), std::string::npos)
      << r.err;
  EXPECT_LT(r.max_rss_kb, 1024 * 1024) << "read far past the limit";
}

// A file of exactly `size` bytes: a struct, a completion point, then a comment filling it.
std::string sized_source(size_t size) {
  std::string text = "struct Local;\nfn main() { Lo }\n// ";
  text.resize(size - 1, 'x');
  return text + "\n";
}

TEST(HostileFileInputs, SourceTextsAreCappedAtTheLimit) {
  TempDir dir("hostile_files");
  dir.write("at_limit.rs", sized_source(base::kMaxSourceBytes));
  dir.write("over_limit.rs", sized_source(base::kMaxSourceBytes + 1));
  const std::string too_large = "larger than ferret's 8 MiB limit for source files";

  RunResult at = ferret(dir, {"complete", "2", "14", "at_limit.rs"});
  ASSERT_EQ(at.describe(), "exit 0") << at.err;
  EXPECT_NE(at.out.find("MATCH Local,1,7,"), std::string::npos) << at.out << at.err;

  // The query file: an empty answer, the reason on stderr.
  RunResult file = ferret(dir, {"complete", "2", "14", "over_limit.rs"});
  EXPECT_EQ(file.describe(), "exit 0");
  EXPECT_EQ(file.out, "END\n");
  EXPECT_NE(file.err.find("cannot read over_limit.rs: " + too_large), std::string::npos)
      << file.err;

  // SUBSTITUTE and standard input: an error of the command.
  RunResult sub = ferret(dir, {"complete", "2", "14", "at_limit.rs", "over_limit.rs"});
  EXPECT_EQ(sub.describe(), "exit 1");
  EXPECT_NE(sub.err.find("cannot read over_limit.rs: " + too_large), std::string::npos) << sub.err;
  RunResult in =
      ferret(dir, {"complete", "2", "14", "at_limit.rs", "-"}, {}, dir.str() + "/over_limit.rs");
  EXPECT_EQ(in.describe(), "exit 1");
  EXPECT_NE(in.err.find("standard input is " + too_large), std::string::npos) << in.err;

  // parse declines it too, and says so in its exit status.
  RunResult parse = ferret(dir, {"parse", "over_limit.rs"});
  EXPECT_EQ(parse.describe(), "exit 1");
  EXPECT_NE(parse.err.find(too_large), std::string::npos) << parse.err;
}

TEST(HostileFileInputs, ModuleOverTheLimitReadsAsEmptyAndTheCrateStillAnswers) {
  TempDir dir("hostile_files");
  write_package(dir);
  dir.write("src/m.rs", "pub struct Lost;\n" + sized_source(base::kMaxSourceBytes + 1));
  RunResult r = ferret(dir, {"complete", "3", "14", "src/main.rs"}, {{"CARGO", "/nonexistent"}});
  ASSERT_EQ(r.describe(), "exit 0") << r.err;
  EXPECT_NE(r.out.find("MATCH Local,2,7,"), std::string::npos) << r.out << r.err;
}

TEST(HostileDaemon, OversizedStdinBufferIsAnErrorAndTheNextCommandIsAnswered) {
  TempDir dir("hostile_files");
  dir.write("main.rs", kMain);
  std::string input = "complete 3 14 main.rs -\n" + std::string(base::kMaxSourceBytes + 10, 'a') +
                      "\x04" + "complete 3 14 main.rs\n\n";
  dir.write("input.txt", input);
  RunResult r = ferret(dir, {"daemon"}, {}, dir.str() + "/input.txt");
  ASSERT_EQ(r.describe(), "exit 0") << r.err;
  // The first answer is an empty one (the error on stderr), the second a real one.
  EXPECT_EQ(r.out.rfind("END\nPREFIX 33,35,Lo\n", 0), 0u) << r.out.substr(0, 200);
  EXPECT_NE(r.out.find("MATCH Local,2,7,"), std::string::npos) << r.out.substr(0, 400);
  EXPECT_NE(r.err.find("standard input is larger than"), std::string::npos) << r.err;
}

TEST(HostileDaemon, EndlessCommandLineIsCutAndTheNextCommandIsAnswered) {
  TempDir dir("hostile_files");
  dir.write("main.rs", kMain);
  dir.write("input.txt",
            "complete 3 14 " + std::string(4 << 20, 'x') + "\ncomplete 3 14 main.rs\n\n");
  RunResult r = ferret(dir, {"daemon"}, {}, dir.str() + "/input.txt");
  ASSERT_EQ(r.describe(), "exit 0") << r.err;
  EXPECT_EQ(r.out.rfind("END\nPREFIX 33,35,Lo\n", 0), 0u) << r.out.substr(0, 200);
  EXPECT_NE(r.err.find("a command line longer than 64 KiB"), std::string::npos) << r.err;
  EXPECT_LT(r.max_rss_kb, 1024 * 1024);
}

TEST(HostileCache, EntriesReplacedByFifosAreMissesNotHangs) {
  TempDir dir("hostile_files");
  dir.write("main.rs", kMain);
  // A small standard library keeps the cache (and the test) small.
  for (const char* krate : {"core", "alloc", "std"}) {
    dir.write(std::string("library/") + krate + "/src/lib.rs", "pub struct Lost;\n");
  }
  std::string cache = dir.str() + "/cache";
  std::vector<std::string> argv{FERRET_BINARY, "complete", "3", "14", "main.rs"};
  RunOptions options{.cwd = dir.str(), .timeout_ms = kLimitMs};
  options.env = {{"FERRET_CACHE_DIR", cache},
                 {"FERRET_SYNC_CACHE", "1"},
                 {"RUST_SRC_PATH", dir.str() + "/library"}};
  RunResult cold = run_program(argv, options);
  ASSERT_EQ(cold.describe(), "exit 0") << cold.err;
  size_t planted = 0;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(cache)) {
    if (!e.is_regular_file()) continue;
    fs::remove(e.path());
    make_fifo(e.path().string());
    ++planted;
  }
  ASSERT_GT(planted, 0u);
  RunResult warm = run_program(argv, options);
  ASSERT_EQ(warm.describe(), "exit 0") << warm.err;
  EXPECT_NE(cold.out.find("MATCH Local,"), std::string::npos) << cold.out;
  EXPECT_EQ(warm.out, cold.out);
}

TEST(HostileMissingPaths, EveryCommandSaysSo) {
  TempDir dir("hostile_files");
  for (const char* command : {"index", "crates", "parse"}) {
    RunResult r = ferret(dir, {command, "/nonexistent/dir"});
    EXPECT_EQ(r.describe(), "exit 1") << command;
    EXPECT_NE(r.err.find("ferret: /nonexistent/dir: no such file or folder"), std::string::npos)
        << command << ": " << r.err;
  }
  // racer's commands on a missing FILE: an empty answer, the reason on stderr.
  RunResult c = ferret(dir, {"complete", "1", "0", "nowhere.rs"});
  EXPECT_EQ(c.describe(), "exit 0");
  EXPECT_EQ(c.out, "END\n");
  EXPECT_NE(c.err.find("cannot read nowhere.rs: No such file or directory"), std::string::npos)
      << c.err;
  RunResult coord = ferret(dir, {"coord", "3", "nowhere.rs"});
  EXPECT_EQ(coord.out, "POINT 3\nEND\n");
  EXPECT_NE(coord.err.find("cannot read nowhere.rs"), std::string::npos) << coord.err;
}

}  // namespace
}  // namespace ferret::testing
