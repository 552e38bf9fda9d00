// load_project on a fake host: cargo metadata first, the manifest reader when cargo is
// missing or fails (one warning saying why), a Cargo.toml that is not TOML, a lone file,
// missing std sources (exactly one warning line), the sysroot wiring, crates_for_file.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "project/workspace_loader.h"
#include "unit/project_fake_host.h"

namespace ferret::project {
namespace {

using testing::FakeHost;
using K = base::TargetKind;

const base::CrateData* find(const base::CrateGraph& g, const std::string& name, K kind = K::Lib) {
  for (const base::CrateData& c : g.crates) {
    if (c.name == name && c.target == kind) return &c;
  }
  return nullptr;
}

std::string deps_of(const base::CrateGraph& g, const base::CrateData* c) {
  if (c == nullptr) return "<no crate>";
  std::string out;
  for (const base::CrateDependency& d : c->deps) {
    out += (out.empty() ? "" : " ") + d.name + "->" + g[d.crate].name +
           (d.in_extern_prelude ? "" : "?");
  }
  return out;
}

void std_sources(FakeHost& h) {
  h.env["RUST_SRC_PATH"] = "/rs/library";
  for (const char* c : {"core", "alloc", "std", "proc_macro", "test"}) {
    h.file(std::string("/rs/library/") + c + "/src/lib.rs");
  }
}

// A package `hello` with a lib and a bin, plus a proc-macro dependency `derive_it`.
FakeHost hello_project() {
  FakeHost h;
  std_sources(h);
  h.file("/p/hello/Cargo.toml",
         "[package]\nname = \"hello\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"
         "[dependencies]\nderive_it = { path = \"../derive_it\" }\n");
  h.file("/p/hello/src/lib.rs");
  h.file("/p/hello/src/main.rs");
  h.file("/p/hello/src/util.rs");
  h.file("/p/hello/tests/smoke.rs");
  h.file("/p/derive_it/Cargo.toml",
         "[package]\nname = \"derive_it\"\nversion = \"0.1.0\"\n"
         "[lib]\nproc-macro = true\n");
  h.file("/p/derive_it/src/lib.rs");
  return h;
}

const char* kHelloJson = R"json({"packages":[
 {"name":"derive_it","version":"0.1.0","id":"derive_it 0.1.0 (path+file:///p/derive_it)","source":null,
  "targets":[{"kind":["proc-macro"],"crate_types":["proc-macro"],"name":"derive_it","src_path":"/p/derive_it/src/lib.rs","edition":"2015"}],
  "manifest_path":"/p/derive_it/Cargo.toml"},
 {"name":"hello","version":"0.1.0","id":"hello 0.1.0 (path+file:///p/hello)","source":null,
  "targets":[{"kind":["lib"],"crate_types":["lib"],"name":"hello","src_path":"/p/hello/src/lib.rs","edition":"2021"},
             {"kind":["bin"],"crate_types":["bin"],"name":"hello","src_path":"/p/hello/src/main.rs","edition":"2021"},
             {"kind":["test"],"crate_types":["bin"],"name":"smoke","src_path":"/p/hello/tests/smoke.rs","edition":"2021"}],
  "manifest_path":"/p/hello/Cargo.toml"}],
 "workspace_members":["hello 0.1.0 (path+file:///p/hello)"],
 "resolve":{"nodes":[
  {"id":"derive_it 0.1.0 (path+file:///p/derive_it)","deps":[],"features":[]},
  {"id":"hello 0.1.0 (path+file:///p/hello)","deps":[{"name":"derive_it","pkg":"derive_it 0.1.0 (path+file:///p/derive_it)","dep_kinds":[{"kind":null,"target":null}]}],"features":[]}]},
 "workspace_root":"/p/hello"})json";

TEST(ProjectLoader, CargoMetadataAndTheSysrootWiring) {
  FakeHost h = hello_project();
  h.program("cargo metadata --format-version 1 --offline", kHelloJson);
  ProjectLoad load = load_project(h, "/p/hello/src/util.rs");
  EXPECT_EQ(load.source, ProjectSource::CargoMetadata);
  EXPECT_EQ(load.manifest_path, "/p/hello/Cargo.toml");
  EXPECT_EQ(load.workspace_root, "/p/hello");
  EXPECT_TRUE(load.graph.warnings.empty()) << load.graph.warnings.at(0);
  EXPECT_EQ(load.graph.sysroot_library, "/rs/library");
  ASSERT_EQ(h.calls.size(), 2u) << "rustc's sysroot names cargo's rustc, then cargo";
  EXPECT_EQ(h.calls[0].argv, (std::vector<std::string>{"rustc", "--print", "sysroot"}));
  EXPECT_EQ(h.calls[1].argv.at(0), "cargo");
  EXPECT_EQ(h.calls[1].cwd, "/");

  const base::CrateGraph& g = load.graph;
  EXPECT_EQ(
      deps_of(g, find(g, "hello")),
      "derive_it->derive_it core->core std->std alloc->alloc? proc_macro->proc_macro? test->test?");
  const base::CrateData* derive = find(g, "derive_it");
  ASSERT_NE(derive, nullptr);
  EXPECT_TRUE(derive->proc_macro);
  EXPECT_EQ(deps_of(g, derive),
            "core->core std->std alloc->alloc? proc_macro->proc_macro test->test?")
      << "a proc-macro crate has proc_macro in its extern prelude";
  EXPECT_EQ(deps_of(g, find(g, "alloc")), "core->core") << "sysroot crates are not rewired";
  EXPECT_EQ(find(g, "std")->origin, base::CrateOrigin::Sysroot);

  std::vector<base::CrateId> crates = crates_for_file(g, "/p/hello/src/util.rs");
  ASSERT_EQ(crates.size(), 3u);
  EXPECT_EQ(g[crates[0]].target, K::Lib);
  EXPECT_EQ(g[crates[1]].target, K::Bin);
  EXPECT_EQ(g[crates[2]].target, K::Test);
  std::vector<base::CrateId> smoke = crates_for_file(g, "/p/hello/tests/smoke.rs");
  ASSERT_FALSE(smoke.empty());
  EXPECT_EQ(g[smoke[0]].name, "smoke");
  std::vector<base::CrateId> main_rs = crates_for_file(g, "/p/hello/src/main.rs");
  EXPECT_EQ(g[main_rs.at(0)].target, K::Bin);
  std::vector<base::CrateId> in_std = crates_for_file(g, "/rs/library/std/src/io/mod.rs");
  ASSERT_EQ(in_std.size(), 1u);
  EXPECT_EQ(g[in_std[0]].name, "std");
  EXPECT_TRUE(crates_for_file(g, "/elsewhere/x.rs").empty());
}

TEST(ProjectLoader, MissingCargoFallsBackToTheManifests) {
  FakeHost h = hello_project();
  h.env["CARGO"] = "/nonexistent";
  ProjectLoad load = load_project(h, "/p/hello");
  EXPECT_EQ(load.source, ProjectSource::Manifests);
  ASSERT_EQ(load.graph.warnings.size(), 1u);
  EXPECT_EQ(load.graph.warnings[0],
            "ferret: cargo metadata failed (could not run /nonexistent); reading Cargo.toml and "
            "Cargo.lock instead");
  const base::CrateGraph& g = load.graph;
  EXPECT_EQ(deps_of(g, find(g, "hello", K::Bin)),
            "hello->hello derive_it->derive_it core->core std->std alloc->alloc? "
            "proc_macro->proc_macro? test->test?");
  EXPECT_TRUE(find(g, "derive_it")->proc_macro);
  EXPECT_EQ(find(g, "derive_it")->edition, 2015);
  EXPECT_NE(find(g, "smoke", K::Test), nullptr);
}

TEST(ProjectLoader, FailingCargoFallsBackWithItsError) {
  FakeHost h = hello_project();
  h.program("cargo", "", 101,
            "error: failed to parse lock file at: /p/hello/Cargo.lock\n\nCaused by: …\n");
  ProjectLoad load = load_project(h, "/p/hello/src/main.rs");
  EXPECT_EQ(load.source, ProjectSource::Manifests);
  ASSERT_EQ(load.graph.warnings.size(), 1u);
  EXPECT_EQ(
      load.graph.warnings[0],
      "ferret: cargo metadata failed (error: failed to parse lock file at: /p/hello/Cargo.lock); "
      "reading Cargo.toml and Cargo.lock instead");
  EXPECT_NE(find(load.graph, "hello"), nullptr);

  FakeHost garbage = hello_project();
  garbage.program("cargo", "this is not json");
  ProjectLoad load2 = load_project(garbage, "/p/hello/src/main.rs");
  EXPECT_EQ(load2.source, ProjectSource::Manifests);
  ASSERT_EQ(load2.graph.warnings.size(), 1u);
  EXPECT_NE(load2.graph.warnings[0].find("cannot read cargo metadata's output"), std::string::npos);
}

TEST(ProjectLoader, CargoTomlThatIsNotToml) {
  FakeHost h;
  std_sources(h);
  h.file("/p/Cargo.toml", "[package]\nname = \"p\"\nversion = = \"1\"\n");
  h.file("/p/src/main.rs");
  h.file("/p/src/other.rs");
  ProjectLoad load = load_project(h, "/p/src/other.rs");
  EXPECT_EQ(load.source, ProjectSource::BrokenManifest);
  ASSERT_EQ(load.graph.warnings.size(), 1u);
  const std::string& w = load.graph.warnings[0];
  EXPECT_EQ(w.rfind("ferret: /p/Cargo.toml:3:", 0), 0u) << w;
  EXPECT_TRUE(h.calls.empty()) << "cargo would only fail on it";
  const base::CrateData* p = find(load.graph, "p", K::Bin);
  ASSERT_NE(p, nullptr) << "the package as a single crate at src/main.rs";
  EXPECT_EQ(p->root_file, "/p/src/main.rs");
  EXPECT_EQ(p->package_root, "/p");
  EXPECT_EQ(deps_of(load.graph, p),
            "core->core std->std alloc->alloc? proc_macro->proc_macro? test->test?");
  EXPECT_EQ(load.graph[crates_for_file(load.graph, "/p/src/other.rs").at(0)].root_file,
            "/p/src/main.rs");

  // No src/lib.rs or src/main.rs: the file itself is the root.
  FakeHost h2;
  std_sources(h2);
  h2.file("/q/Cargo.toml", "[package\n");
  h2.file("/q/scripts/run.rs");
  ProjectLoad load2 = load_project(h2, "/q/scripts/run.rs");
  ASSERT_EQ(load2.graph.warnings.size(), 1u);
  EXPECT_EQ(load2.graph.warnings[0].rfind("ferret: /q/Cargo.toml:1:", 0), 0u);
  std::vector<base::CrateId> c = crates_for_file(load2.graph, "/q/scripts/run.rs");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(load2.graph[c[0]].root_file, "/q/scripts/run.rs");
}

TEST(ProjectLoader, MissingStdSourcesIsOneWarningLine) {
  FakeHost h = hello_project();
  h.env.erase("RUST_SRC_PATH");
  h.program("cargo metadata --format-version 1 --offline", kHelloJson);
  h.program("rustc --print sysroot", "/opt/rust\n");
  ProjectLoad load = load_project(h, "/p/hello/src/lib.rs");
  ASSERT_EQ(load.graph.warnings.size(), 1u);
  EXPECT_EQ(load.graph.warnings[0],
            "ferret: cannot find the Rust standard library sources; set RUST_SRC_PATH, run "
            "`rustup component add rust-src`, or install Debian's rust-src package");
  EXPECT_EQ(load.graph.warnings[0].find('\n'), std::string::npos);
  EXPECT_EQ(load.graph.sysroot_library, "");
  EXPECT_NE(find(load.graph, "hello"), nullptr) << "project crates still load";
  EXPECT_EQ(find(load.graph, "std"), nullptr);
  EXPECT_EQ(deps_of(load.graph, find(load.graph, "hello")), "derive_it->derive_it");
}

TEST(ProjectLoader, LoneFile) {
  FakeHost h;
  std_sources(h);
  h.file("/tmp/scratch/try-it.rs", "fn main() {}");
  ProjectLoad load = load_project(h, "/tmp/scratch/./try-it.rs");
  EXPECT_EQ(load.source, ProjectSource::LoneFile);
  EXPECT_EQ(load.manifest_path, "");
  EXPECT_TRUE(load.graph.warnings.empty());
  EXPECT_TRUE(h.calls.empty()) << "no cargo without a manifest";
  const base::CrateData* c = find(load.graph, "try_it", K::Lib);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->origin, base::CrateOrigin::LoneFile);
  EXPECT_EQ(c->root_file, "/tmp/scratch/try-it.rs");
  EXPECT_EQ(c->edition, 2015) << "a file compiled alone is edition 2015, as rustc says";
  EXPECT_EQ(c->package_root, "");
  EXPECT_EQ(deps_of(load.graph, c),
            "core->core std->std alloc->alloc? proc_macro->proc_macro? test->test?");
  EXPECT_EQ(crates_for_file(load.graph, "/tmp/scratch/try-it.rs").size(), 1u);

  // A file that does not exist yet (an unsaved buffer) is still a lone file.
  FakeHost h2;
  std_sources(h2);
  ProjectLoad load2 = load_project(h2, "/new/main.rs");
  ASSERT_EQ(crates_for_file(load2.graph, "/new/main.rs").size(), 1u);
  EXPECT_EQ(find(load2.graph, "main", K::Bin)->origin, base::CrateOrigin::LoneFile);
}

TEST(ProjectLoader, FileOutsideEveryPackageOfAVirtualWorkspace) {
  FakeHost h;
  std_sources(h);
  h.env["CARGO"] = "/nonexistent";
  h.file("/ws/Cargo.toml", "[workspace]\nmembers = [\"a\"]\n");
  h.file("/ws/a/Cargo.toml", "[package]\nname = \"a\"\nversion = \"0.1.0\"\n");
  h.file("/ws/a/src/lib.rs");
  h.file("/ws/scripts/gen.rs");
  ProjectLoad load = load_project(h, "/ws/scripts/gen.rs");
  EXPECT_NE(find(load.graph, "a"), nullptr);
  std::vector<base::CrateId> c = crates_for_file(load.graph, "/ws/scripts/gen.rs");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(load.graph[c[0]].origin, base::CrateOrigin::LoneFile);
}

TEST(ProjectLoader, PackageCachesAreReadWithoutCargo) {
  for (const char* dir :
       {"/home/u/.cargo/registry/src/index.crates.io-6f17d22bba15001f/memchr-2.5.0",
        "/home/u/.cargo/git/checkouts/repo-0a1b2c/abcdef0",
        "/usr/share/cargo/registry/memchr-2.5.0"}) {
    FakeHost h;
    std_sources(h);
    h.env["HOME"] = "/home/u";
    h.program("cargo", kHelloJson);
    h.file(std::string(dir) + "/Cargo.toml", "[package]\nname = \"memchr\"\nversion = \"2.5.0\"\n");
    h.file(std::string(dir) + "/src/lib.rs");
    ProjectLoad load = load_project(h, std::string(dir) + "/src/lib.rs");
    EXPECT_TRUE(h.calls.empty()) << dir;
    EXPECT_EQ(load.source, ProjectSource::Manifests) << dir;
    EXPECT_TRUE(load.graph.warnings.empty()) << dir;
    EXPECT_NE(find(load.graph, "memchr"), nullptr) << dir;
  }
}

TEST(ProjectLoader, NestedPackagesPreferTheDeepest) {
  base::CrateGraph g;
  auto add = [&g](const std::string& name, K kind, const std::string& root,
                  const std::string& pkg) {
    base::CrateData c;
    c.name = name;
    c.target = kind;
    c.root_file = root;
    c.package_root = pkg;
    return g.add(std::move(c));
  };
  base::CrateId outer = add("outer", K::Lib, "/ws/src/lib.rs", "/ws");
  base::CrateId inner_bin = add("inner", K::Bin, "/ws/inner/src/main.rs", "/ws/inner");
  base::CrateId inner = add("inner", K::Lib, "/ws/inner/src/lib.rs", "/ws/inner");
  base::CrateId tool = add("tool", K::Bin, "/ws/inner/src/bin/tool/main.rs", "/ws/inner");
  EXPECT_EQ(crates_for_file(g, "/ws/inner/src/x.rs"),
            (std::vector<base::CrateId>{inner, inner_bin, tool, outer}));
  EXPECT_EQ(crates_for_file(g, "/ws/inner/src/bin/tool/opts.rs"),
            (std::vector<base::CrateId>{tool, inner, inner_bin, outer}));
  EXPECT_EQ(crates_for_file(g, "/ws/src/lib.rs"), (std::vector<base::CrateId>{outer}));
}

}  // namespace
}  // namespace ferret::project
