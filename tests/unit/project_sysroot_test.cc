// Finding the std sources (RUST_SRC_PATH, rustc's sysroot, Debian's and /usr/local's
// rust-src, in that order) and the sysroot crates added for them, on a fake host.
#include <gtest/gtest.h>

#include <string>

#include "project/sysroot.h"
#include "unit/project_fake_host.h"

namespace ferret::project {
namespace {

using testing::FakeHost;

void add_library(FakeHost& h, const std::string& dir) {
  h.file(dir + "/core/src/lib.rs");
}

const base::CrateData* find(const base::CrateGraph& g, const std::string& name) {
  for (const base::CrateData& c : g.crates) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::string deps_of(const base::CrateGraph& g, const std::string& name) {
  std::string out;
  const base::CrateData* c = find(g, name);
  if (c == nullptr) return "<no crate>";
  for (const base::CrateDependency& d : c->deps) {
    out += (out.empty() ? "" : " ") + d.name + "->" + g[d.crate].name +
           (d.in_extern_prelude ? "" : "?");
  }
  return out;
}

std::string library_of(const FakeHost& h) {
  LazyToolchain toolchain(h);
  return find_sysroot_library(h, toolchain, "/proj");
}

TEST(ProjectSysroot, RustSrcPathNamingTheLibraryFolder) {
  FakeHost h;
  add_library(h, "/src/rust/library");
  add_library(h, "/usr/lib/rustlib/src/rust/library");
  h.env["RUST_SRC_PATH"] = "/src/rust/library/:/elsewhere";
  EXPECT_EQ(library_of(h), "/src/rust/library");
  EXPECT_TRUE(h.calls.empty()) << "rustc is not needed when RUST_SRC_PATH is good";
}

TEST(ProjectSysroot, RustSrcPathNamingItsParent) {
  FakeHost h;
  add_library(h, "/src/rust/library");
  h.env["RUST_SRC_PATH"] = "/src/rust";
  EXPECT_EQ(library_of(h), "/src/rust/library");
}

TEST(ProjectSysroot, BadRustSrcPathFallsThroughToRustcSysroot) {
  FakeHost h;
  h.env["RUST_SRC_PATH"] = "/nothing/here";
  add_library(h, "/opt/toolchain/lib/rustlib/src/rust/library");
  add_library(h, "/usr/lib/rustlib/src/rust/library");
  h.program("rustc --print sysroot", "/opt/toolchain\n");
  EXPECT_EQ(library_of(h), "/opt/toolchain/lib/rustlib/src/rust/library");
  ASSERT_EQ(h.calls.size(), 1u);
  EXPECT_EQ(h.calls[0].cwd, "/") << "rustup would pick the toolchain by the project folder";
  EXPECT_LE(h.calls[0].timeout_ms, 10000);
}

TEST(ProjectSysroot, RustcSysrootWithoutSourcesFallsBackToDebiansRustSrc) {
  FakeHost h;
  h.program("rustc --print sysroot", "/opt/toolchain\n");
  add_library(h, "/usr/lib/rustlib/src/rust/library");
  add_library(h, "/usr/local/lib/rustlib/src/rust/library");
  EXPECT_EQ(library_of(h), "/usr/lib/rustlib/src/rust/library");
}

TEST(ProjectSysroot, FailingRustcFallsBackToUsrLocal) {
  FakeHost h;
  h.program("rustc --print sysroot", "/opt/toolchain\n", 1);
  add_library(h, "/opt/toolchain/lib/rustlib/src/rust/library");
  add_library(h, "/usr/local/lib/rustlib/src/rust/library");
  EXPECT_EQ(library_of(h), "/usr/local/lib/rustlib/src/rust/library");
}

TEST(ProjectSysroot, NothingFound) {
  FakeHost h;                                                  // no rustc at all
  h.file("/usr/lib/rustlib/src/rust/library/std/src/lib.rs");  // no core: does not count
  EXPECT_EQ(library_of(h), "");
}

// A library folder shaped like rustc 1.63's.
FakeHost library_1_63() {
  FakeHost h;
  const std::string lib = "/rs/library";
  for (const char* c :
       {"core", "alloc", "std", "proc_macro", "test", "unwind", "panic_abort", "panic_unwind",
        "profiler_builtins", "stdarch/crates/std_detect", "hermit"}) {
    h.file(lib + "/" + c + "/src/lib.rs");
  }
  h.file(lib + "/core/Cargo.toml",
         "[package]\nname = \"core\"\nversion = \"0.0.0\"\nedition = \"2021\"\n");
  h.file(lib + "/stdarch/crates/std_detect/Cargo.toml",
         "[package]\nname = \"std_detect\"\nversion = \"0.1.5\"\nedition = \"2018\"\n"
         "[dependencies]\ncore = { version = \"1.0.0\", optional = true, package = "
         "\"rustc-std-workspace-core\" }\n");
  h.file(lib + "/std/Cargo.toml", R"([package]
name = "std"
version = "0.0.0"
edition = "2021"

[dependencies]
alloc = { path = "../alloc" }
cfg-if = { version = "0.1.8", features = ['rustc-dep-of-std'] }
panic_unwind = { path = "../panic_unwind", optional = true }
panic_abort = { path = "../panic_abort" }
core = { path = "../core" }
unwind = { path = "../unwind" }
std_detect = { path = "../stdarch/crates/std_detect", default-features = false, features = ['rustc-dep-of-std'] }
profiler_builtins = { path = "../profiler_builtins", optional = true }
missing = { path = "../not_on_disk" }

[target.'cfg(target_os = "hermit")'.dependencies]
hermit = { path = "../hermit" }

[dev-dependencies]
rand = "0.7"
)");
  return h;
}

TEST(ProjectSysroot, CratesAndTheirWiring) {
  FakeHost h = library_1_63();
  base::CrateGraph g;
  SysrootCrates s = add_sysroot_crates(h.fs(), "/rs/library", g);
  EXPECT_EQ(g.sysroot_library, "/rs/library");
  ASSERT_NE(s.core, base::kNoCrate);
  ASSERT_NE(s.std, base::kNoCrate);
  EXPECT_EQ(g[s.core].name, "core");
  EXPECT_EQ(g[s.std].root_file, "/rs/library/std/src/lib.rs");
  EXPECT_EQ(g[s.std].package_root, "/rs/library/std");
  EXPECT_EQ(deps_of(g, "core"), "");
  EXPECT_EQ(deps_of(g, "alloc"), "core->core");
  // Non-optional path deps that exist and apply to the host; not panic_unwind (optional),
  // not hermit (another target), not the one missing on disk.
  EXPECT_EQ(deps_of(g, "std"),
            "core->core alloc->alloc panic_abort->panic_abort std_detect->std_detect "
            "unwind->unwind");
  EXPECT_EQ(deps_of(g, "std_detect"), "core->core alloc->alloc");
  EXPECT_EQ(deps_of(g, "proc_macro"), "core->core std->std");
  EXPECT_EQ(deps_of(g, "test"), "core->core std->std");
  EXPECT_EQ(find(g, "panic_unwind"), nullptr);
  EXPECT_EQ(find(g, "hermit"), nullptr);
  EXPECT_EQ(g.size(), 8u);
  for (const base::CrateData& c : g.crates) {
    EXPECT_EQ(c.origin, base::CrateOrigin::Sysroot) << c.name;
    EXPECT_EQ(c.target, base::TargetKind::Lib) << c.name;
    EXPECT_TRUE(c.cfg.has_atom("unix")) << c.name;
    EXPECT_TRUE(c.cfg.has_key_value("target_os", "linux")) << c.name;
  }
  EXPECT_EQ(find(g, "std_detect")->edition, 2018);
  EXPECT_EQ(find(g, "std_detect")->package_version, "0.1.5");
  EXPECT_EQ(find(g, "core")->edition, 2021);
  EXPECT_EQ(find(g, "alloc")->edition, 2021) << "no Cargo.toml: 2021";
}

TEST(ProjectSysroot, WithoutStdManifestStdDetectIsStillFound) {
  FakeHost h;
  for (const char* c : {"core", "alloc", "std", "stdarch/crates/std_detect"})
    h.file(std::string("/l/") + c + "/src/lib.rs");
  base::CrateGraph g;
  SysrootCrates s = add_sysroot_crates(h.fs(), "/l", g);
  EXPECT_EQ(s.proc_macro, base::kNoCrate);
  EXPECT_EQ(s.test, base::kNoCrate);
  EXPECT_EQ(deps_of(g, "std"), "core->core alloc->alloc std_detect->std_detect");
}

}  // namespace
}  // namespace ferret::project
