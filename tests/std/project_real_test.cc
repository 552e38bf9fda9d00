// The project loader on the real disk with the real cargo (RealHost): the example crate
// through cargo metadata, and a crate of Debian's registry prepared the way the recall
// evaluation does, once with cargo and once with the manifest reader (CARGO=/nonexistent).
// Also RealHost itself: output capture, exit codes, timeouts, large output on both pipes,
// missing programs; RealFileSystem basics.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>

#include "frontends/real_host.h"
#include "project/workspace_loader.h"

namespace ferret::testing {
namespace {

namespace fs = std::filesystem;
using project::ProjectLoad;

constexpr const char* kRegistry = "/usr/share/cargo/registry";

// A host whose environment can be overridden (CARGO=/nonexistent) without setenv.
class EnvHost : public frontends::RealHost {
 public:
  std::map<std::string, std::string> overrides;
  std::optional<std::string> getenv(const std::string& name) const override {
    auto it = overrides.find(name);
    if (it != overrides.end()) return it->second;
    return RealHost::getenv(name);
  }
};

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "ferret-project-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = fs::canonical(pattern).string();
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_text(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << text;
}

bool cargo_works() {
  frontends::RealHost host;
  project::ProcessResult r = host.run({{"cargo", "--version"}, "/", {}, 30000});
  return r.started && r.exit_code == 0;
}

// What the recall evaluation does to a crate first: copy, drop dev-dependencies, point
// crates-io at the local registry directory, then `cargo generate-lockfile --offline`.
std::string prepare(const std::string& crate_dir, const std::string& root) {
  std::string dst = root + "/" + fs::path(crate_dir).filename().string();
  fs::copy(crate_dir, dst, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  std::string toml = read_text(dst + "/Cargo.toml");
  // Python's (?ms)^\[[^\]\n]*dev-dependencies[^\]\n]*\].*?(?=^\[|\Z), line by line.
  std::istringstream lines(toml);
  std::string line, kept;
  bool dropping = false;
  while (std::getline(lines, line)) {
    if (!line.empty() && line[0] == '[') {
      size_t close = line.find(']');
      dropping = close != std::string::npos &&
                 line.substr(0, close).find("dev-dependencies") != std::string::npos;
    }
    if (!dropping) kept += line + "\n";
  }
  write_text(dst + "/Cargo.toml", kept);
  write_text(dst + "/.cargo/config.toml",
             std::string("[source.crates-io]\nreplace-with = \"local-registry\"\n"
                         "[source.local-registry]\ndirectory = \"") +
                 kRegistry + "\"\n");
  frontends::RealHost host;
  host.run({{"cargo", "generate-lockfile", "--offline"}, dst, {}, 60000});
  return dst;
}

const base::CrateData* find(const base::CrateGraph& g, const std::string& name,
                            base::TargetKind kind) {
  for (const base::CrateData& c : g.crates) {
    if (c.name == name && c.target == kind) return &c;
  }
  return nullptr;
}

std::string warnings_of(const ProjectLoad& load) {
  std::string out;
  for (const std::string& w : load.graph.warnings) out += w + "\n";
  return out;
}

TEST(ProjectReal, ExampleCrateThroughCargoMetadata) {
  if (!cargo_works()) GTEST_SKIP() << "no cargo";
  TempDir tmp;
  ASSERT_FALSE(tmp.path().empty());
  // A copy: cargo metadata may write a Cargo.lock, and the source tree stays untouched.
  std::string dir = tmp.path() + "/hello";
  fs::create_directories(dir);
  fs::copy(std::string(FERRET_SOURCE_DIR) + "/examples/hello/Cargo.toml", dir + "/Cargo.toml");
  fs::copy(std::string(FERRET_SOURCE_DIR) + "/examples/hello/src", dir + "/src",
           fs::copy_options::recursive);

  frontends::RealHost host;
  auto t0 = std::chrono::steady_clock::now();
  ProjectLoad load = project::load_project(host, dir + "/src/main.rs");
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(load.source, project::ProjectSource::CargoMetadata) << warnings_of(load);
  const base::CrateData* hello = find(load.graph, "hello", base::TargetKind::Bin);
  ASSERT_NE(hello, nullptr);
  EXPECT_EQ(hello->root_file, dir + "/src/main.rs");
  EXPECT_EQ(hello->origin, base::CrateOrigin::Workspace);
  EXPECT_EQ(hello->edition, 2021);
  if (!load.graph.sysroot_library.empty()) {
    EXPECT_NE(find(load.graph, "std", base::TargetKind::Lib), nullptr);
  }
  std::printf("[ info ] hello loaded in %.0f ms\n", ms);
}

class ProjectRealRegistry : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::is_regular_file(std::string(kRegistry) + "/anyhow-1.0.69/Cargo.toml")) {
      GTEST_SKIP() << "no " << kRegistry << "/anyhow-1.0.69 (Debian's librust-anyhow-dev)";
    }
    if (!cargo_works()) GTEST_SKIP() << "no cargo";
    ASSERT_FALSE(tmp_.path().empty());
    dir_ = prepare(std::string(kRegistry) + "/anyhow-1.0.69", tmp_.path());
  }

  void check(const ProjectLoad& load) {
    const base::CrateData* anyhow = find(load.graph, "anyhow", base::TargetKind::Lib);
    ASSERT_NE(anyhow, nullptr) << warnings_of(load);
    EXPECT_EQ(anyhow->root_file, dir_ + "/src/lib.rs");
    EXPECT_EQ(anyhow->origin, base::CrateOrigin::Workspace);
    EXPECT_EQ(anyhow->edition, 2018);
    EXPECT_TRUE(anyhow->cfg.has_key_value("feature", "std")) << "anyhow's default features";
    std::vector<base::CrateId> crates =
        project::crates_for_file(load.graph, dir_ + "/src/error.rs");
    ASSERT_FALSE(crates.empty());
    EXPECT_EQ(load.graph[crates[0]].name, "anyhow");
  }

  TempDir tmp_;
  std::string dir_;
};

TEST_F(ProjectRealRegistry, AnyhowWithCargo) {
  EnvHost host;
  auto t0 = std::chrono::steady_clock::now();
  ProjectLoad load = project::load_project(host, dir_ + "/src/lib.rs");
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(load.source, project::ProjectSource::CargoMetadata) << warnings_of(load);
  check(load);
  std::printf("[ info ] anyhow loaded through cargo metadata in %.0f ms\n", ms);
}

TEST_F(ProjectRealRegistry, AnyhowWithTheManifestReader) {
  EnvHost host;
  host.overrides["CARGO"] = "/nonexistent";
  ProjectLoad load = project::load_project(host, dir_ + "/src/lib.rs");
  EXPECT_EQ(load.source, project::ProjectSource::Manifests);
  ASSERT_FALSE(load.graph.warnings.empty());
  EXPECT_EQ(load.graph.warnings[0],
            "ferret: cargo metadata failed (could not run /nonexistent); reading Cargo.toml and "
            "Cargo.lock instead");
  check(load);
  if (!fs::is_regular_file("/usr/lib/rustlib/src/rust/library/core/src/lib.rs") &&
      !getenv("RUST_SRC_PATH")) {
    GTEST_SKIP() << "no std sources (Debian's rust-src)";
  }
  EXPECT_EQ(load.graph.warnings.size(), 1u) << warnings_of(load);
  ASSERT_FALSE(load.graph.sysroot_library.empty());
  const base::CrateData* std_crate = find(load.graph, "std", base::TargetKind::Lib);
  ASSERT_NE(std_crate, nullptr);
  EXPECT_EQ(std_crate->origin, base::CrateOrigin::Sysroot);
  const base::CrateData* anyhow = find(load.graph, "anyhow", base::TargetKind::Lib);
  bool has_std = false;
  for (const base::CrateDependency& d : anyhow->deps)
    has_std |= d.name == "std" && d.in_extern_prelude;
  EXPECT_TRUE(has_std);
}

TEST(RealHost, RunsProgramsAndCapturesBothStreams) {
  frontends::RealHost host;
  project::ProcessResult r =
      host.run({{"sh", "-c", "echo out; echo err >&2; pwd; exit 3"}, "/tmp", {}, 10000});
  EXPECT_TRUE(r.started);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "out\n" + fs::canonical("/tmp").string() + "\n");
  EXPECT_EQ(r.err, "err\n");

  project::ProcessResult missing = host.run({{"ferret-no-such-program-xyz"}, "/", {}, 1000});
  EXPECT_FALSE(missing.started);
  project::ProcessResult bad_cwd = host.run({{"true"}, "/no/such/folder", {}, 1000});
  EXPECT_FALSE(bad_cwd.started);
  EXPECT_FALSE(host.run({{}, "/", {}, 1000}).started);

  project::ProcessResult stdin_closed = host.run({{"cat"}, "/", {}, 10000});
  EXPECT_EQ(stdin_closed.exit_code, 0) << "stdin is /dev/null";
  project::ProcessResult killed = host.run({{"sh", "-c", "kill -TERM $$"}, "/", {}, 10000});
  EXPECT_EQ(killed.exit_code, 128 + 15);
}

TEST(RealHost, CommandEnvironmentIsSetOverFerretsOwn) {
  frontends::RealHost host;
  ASSERT_EQ(::setenv("FERRET_TEST_REPLACED", "old", 1), 0);
  ASSERT_EQ(::setenv("FERRET_TEST_KEPT", "kept", 1), 0);
  project::ProcessResult r = host.run(
      {{"sh", "-c",
        "echo "
        "\"$FERRET_TEST_REPLACED,$FERRET_TEST_KEPT,$FERRET_TEST_ADDED,${FERRET_TEST_EMPTY-unset}"
        "\""},
       "/",
       {{"FERRET_TEST_REPLACED", "new"}, {"FERRET_TEST_ADDED", "added"}, {"FERRET_TEST_EMPTY", ""}},
       10000});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "new,kept,added,\n") << "an empty value is set, not unset";
  project::ProcessResult count = host.run({{"sh", "-c", "env | grep -c '^FERRET_TEST_REPLACED='"},
                                           "/",
                                           {{"FERRET_TEST_REPLACED", "x"}},
                                           10000});
  EXPECT_EQ(count.out, "1\n") << "replaced, not duplicated";
  ::unsetenv("FERRET_TEST_REPLACED");
  ::unsetenv("FERRET_TEST_KEPT");
}

TEST(RealHost, LargeOutputOnBothPipesDoesNotDeadlock) {
  frontends::RealHost host;
  // 4 MB on stderr first, then 4 MB on stdout: a reader of one pipe at a time would hang.
  project::ProcessResult r = host.run(
      {{"sh", "-c", "head -c 4000000 /dev/zero >&2; head -c 4000000 /dev/zero"}, "/", {}, 60000});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err.size(), 4000000u);
  EXPECT_EQ(r.out.size(), 4000000u);
}

TEST(RealHost, TimeoutKillsTheChild) {
  frontends::RealHost host;
  auto t0 = std::chrono::steady_clock::now();
  project::ProcessResult r = host.run({{"sleep", "20"}, "/", {}, 300});
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_TRUE(r.started);
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_LT(s, 5.0);
}

TEST(RealHost, FileSystem) {
  TempDir tmp;
  ASSERT_FALSE(tmp.path().empty());
  write_text(tmp.path() + "/b.rs", "fn b() {}");
  write_text(tmp.path() + "/a/x.rs", "");
  frontends::RealFileSystem disk;
  base::FileText text = disk.read_file(tmp.path() + "/b.rs");
  ASSERT_NE(text, nullptr);
  EXPECT_EQ(*text, "fn b() {}");
  EXPECT_NE(disk.read_file(tmp.path() + "/a/x.rs"), nullptr) << "empty file";
  EXPECT_EQ(disk.read_file(tmp.path() + "/a"), nullptr) << "a folder";
  EXPECT_EQ(disk.read_file(tmp.path() + "/none"), nullptr);
  EXPECT_TRUE(disk.is_file(tmp.path() + "/b.rs"));
  EXPECT_FALSE(disk.is_file(tmp.path() + "/a"));
  EXPECT_TRUE(disk.is_dir(tmp.path() + "/a"));
  EXPECT_EQ(disk.list_dir(tmp.path()), (std::vector<std::string>{"a", "b.rs"}));
  EXPECT_TRUE(disk.list_dir(tmp.path() + "/none").empty());
  std::optional<base::FileStamp> st = disk.stamp(tmp.path() + "/b.rs");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->size, 9u);
  EXPECT_GT(st->mtime_ns, 0);
  EXPECT_FALSE(disk.stamp(tmp.path() + "/none"));
}

}  // namespace
}  // namespace ferret::testing
