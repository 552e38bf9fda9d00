// The manifest fallback's building blocks: reading Cargo.toml and Cargo.lock, feature
// closure, target discovery, platform keys, versions and lexical paths.
#include <gtest/gtest.h>

#include <string>

#include "project/cargo_lock.h"
#include "project/features.h"
#include "project/manifest.h"
#include "project/package_targets.h"
#include "project/paths.h"
#include "project/target_spec.h"
#include "project/versions.h"
#include "unit/project_fake_host.h"

namespace ferret::project {
namespace {

using testing::FakeHost;

TEST(ProjectManifest, ReadsPackageTargetsDependenciesAndFeatures) {
  ManifestParse p = parse_manifest(R"(
[package]
name = "my-app"
version = "0.1.0"
edition = "2018"
autobins = false

[lib]
name = "app"
path = "lib/app.rs"

[[bin]]
name = "tool"

[dependencies]
serde = "1.0"
geometry = { package = "geo-types", path = "../geo", features = ["extra"], default-features = false }
opt = { version = "0.2", optional = true }

[dependencies.git-dep]
git = "https://example.org/g.git"

[dev-dependencies]
either = "1"

[build-dependencies]
cc = "1"

[target.'cfg(unix)'.dependencies]
libc = "0.2"

[features]
default = ["opt"]
)");
  ASSERT_TRUE(p.manifest) << p.error;
  const Manifest& m = *p.manifest;
  EXPECT_EQ(m.name, "my-app");
  EXPECT_EQ(m.version, "0.1.0");
  EXPECT_EQ(m.edition, 2018);
  EXPECT_FALSE(m.autobins);
  EXPECT_TRUE(m.autotests);
  ASSERT_TRUE(m.lib);
  EXPECT_EQ(m.lib->name, "app");
  EXPECT_EQ(m.lib->path, "lib/app.rs");
  ASSERT_EQ(m.bins.size(), 1u);
  EXPECT_EQ(m.bins[0].name, "tool");
  ASSERT_EQ(m.dependencies.size(), 7u);
  std::string summary;
  for (const ManifestDependency& d : m.dependencies) {
    summary += d.key + "=" + d.package + (d.renamed ? "(renamed)" : "") +
               (d.kind == DependencyKind::Dev     ? "[dev]"
                : d.kind == DependencyKind::Build ? "[build]"
                                                  : "") +
               (d.optional ? "?" : "") + (d.default_features ? "" : "-df") +
               (d.path ? "@" + *d.path : "") + (d.git.empty() ? "" : "@git") +
               (d.target.empty() ? "" : "{" + d.target + "}") + " ";
  }
  EXPECT_EQ(summary,
            "geometry=geo-types(renamed)-df@../geo git-dep=git-dep@git opt=opt? serde=serde "
            "either=either[dev] cc=cc[build] libc=libc{cfg(unix)} ");
  EXPECT_EQ(m.dependencies[0].features, std::vector<std::string>{"extra"});
  EXPECT_EQ(m.features.at("default"), std::vector<std::string>{"opt"});
}

TEST(ProjectManifest, EditionDefaultsAndWorkspaceInheritance) {
  ManifestParse none = parse_manifest("[package]\nname = \"a\"\n");
  ASSERT_TRUE(none.manifest);
  EXPECT_FALSE(none.manifest->edition.has_value()) << "the caller applies Cargo's 2015";

  ManifestParse inherited = parse_manifest(R"([package]
name = "a"
version.workspace = true
edition = { workspace = true }
[dependencies]
memchr = { workspace = true, features = ["std"], optional = true }
local = { workspace = true }
)");
  ASSERT_TRUE(inherited.manifest);
  EXPECT_TRUE(inherited.manifest->edition_from_workspace);
  EXPECT_TRUE(inherited.manifest->version_from_workspace);

  ManifestParse root = parse_manifest(R"([workspace]
members = ["crates/*", "tools/x"]
exclude = ["crates/old"]
[workspace.package]
edition = "2021"
version = "1.2.3"
[workspace.dependencies]
memchr = { version = "2", default-features = false, features = ["alloc"] }
local = { path = "crates/local" }
)");
  ASSERT_TRUE(root.manifest);
  const Manifest& r = *root.manifest;
  EXPECT_TRUE(r.has_workspace);
  EXPECT_FALSE(r.has_package);
  EXPECT_EQ(r.members, (std::vector<std::string>{"crates/*", "tools/x"}));
  EXPECT_EQ(r.workspace_edition, 2021);
  EXPECT_EQ(r.workspace_version, "1.2.3");

  auto dependency = [&](const std::string& key) {
    for (const ManifestDependency& d : inherited.manifest->dependencies) {
      if (d.key == key) return d;
    }
    return ManifestDependency{};
  };
  ManifestDependency memchr = dependency("memchr");
  merge_workspace_dependency(memchr, r, "/ws");
  EXPECT_EQ(memchr.version_req, "2");
  EXPECT_FALSE(memchr.default_features);
  EXPECT_TRUE(memchr.optional) << "optional is the member's";
  EXPECT_EQ(memchr.features, (std::vector<std::string>{"alloc", "std"}));
  ManifestDependency local = dependency("local");
  merge_workspace_dependency(local, r, "/ws");
  EXPECT_EQ(local.path, "crates/local");
  EXPECT_EQ(local.path_base, "/ws") << "a workspace path dep is relative to the root";
}

TEST(ProjectManifest, NotTomlGivesLineAndColumn) {
  ManifestParse p = parse_manifest("[package]\nname = \"a\nversion = 1\n", "/x/Cargo.toml");
  EXPECT_FALSE(p.manifest);
  EXPECT_EQ(p.error_line, 2);
  EXPECT_GT(p.error_column, 0);
  EXPECT_EQ(p.error.rfind("2:", 0), 0u) << p.error;
  // TOML that is no manifest still parses; mistyped keys are ignored.
  ManifestParse odd =
      parse_manifest("package = 3\n[lib]\npath = 7\n[[bin]]\nname = []\n[features]\nx = 1\n");
  ASSERT_TRUE(odd.manifest);
  EXPECT_FALSE(odd.manifest->has_package);
}

TEST(ProjectCargoLock, PicksTheVersionTheDependentUses) {
  std::optional<CargoLock> lock = parse_cargo_lock(R"(
version = 3
[[package]]
name = "app"
version = "0.1.0"
dependencies = ["memchr 2.5.0", "either", "g"]
[[package]]
name = "memchr"
version = "1.0.2"
source = "registry+https://github.com/rust-lang/crates.io-index"
[[package]]
name = "memchr"
version = "2.5.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
[[package]]
name = "either"
version = "1.6.1"
source = "registry+https://github.com/rust-lang/crates.io-index"
[[package]]
name = "g"
version = "0.1.0"
source = "git+https://example.org/g.git#0123456789abcdef"
)");
  ASSERT_TRUE(lock);
  ASSERT_EQ(lock->packages.size(), 5u);
  const LockPackage* m = lock->dependency_of("app", "0.1.0", "memchr", "1");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->version, "2.5.0") << "the lock's own edge wins over the requirement";
  const LockPackage* other = lock->dependency_of("nobody", "", "memchr", "1");
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->version, "1.0.2") << "else the highest version matching the requirement";
  EXPECT_EQ(lock->dependency_of("app", "0.1.0", "g", "")->source,
            "git+https://example.org/g.git#0123456789abcdef");
  EXPECT_EQ(lock->dependency_of("app", "0.1.0", "none", ""), nullptr);
  std::string error;
  EXPECT_FALSE(parse_cargo_lock("[[package]\n", &error));
  EXPECT_FALSE(error.empty());
}

TEST(ProjectFeatures, Closure) {
  ManifestParse p = parse_manifest(R"([package]
name = "f"
[dependencies]
serde = { version = "1", optional = true }
log = { version = "0.4", optional = true }
rand = { version = "0.8", optional = true }
memchr = "2"
[features]
default = ["std"]
std = ["alloc", "memchr/std", "serde?/std"]
alloc = []
logging = ["dep:log"]
fast = ["rand/simd"]
)");
  ASSERT_TRUE(p.manifest);
  FeatureSet d = expand_features(*p.manifest, {"default"});
  EXPECT_EQ(d.features, (std::set<std::string>{"alloc", "default", "std"}));
  EXPECT_TRUE(d.optional_deps.empty());
  EXPECT_EQ(d.dep_features["memchr"], std::set<std::string>{"std"});
  EXPECT_EQ(d.dep_features.count("serde"), 0u) << "weak: serde is off";

  FeatureSet s =
      expand_features(*p.manifest, {"default", "serde", "logging", "fast", "nonexistent"});
  EXPECT_EQ(s.optional_deps, (std::set<std::string>{"log", "rand", "serde"}));
  EXPECT_EQ(s.dep_features["serde"], std::set<std::string>{"std"});
  EXPECT_EQ(s.dep_features["rand"], std::set<std::string>{"simd"});
  EXPECT_TRUE(s.features.count("serde")) << "implicit feature of an optional dependency";
  EXPECT_FALSE(s.features.count("log")) << "`dep:log` hides the implicit feature";
  EXPECT_FALSE(s.features.count("nonexistent"));
  EXPECT_TRUE(expand_features(*p.manifest, {}).features.empty());
}

TEST(ProjectTargets, DiscoveryAndExplicitTables) {
  FakeHost h;
  for (const char* f : {"src/lib.rs", "src/main.rs", "src/bin/tool.rs", "src/bin/multi/main.rs",
                        "src/bin/multi/util.rs", "examples/demo.rs", "examples/big/main.rs",
                        "tests/it.rs", "tests/common/mod.rs", "benches/speed.rs", "extra/x.rs"}) {
    h.file(std::string("/p/") + f);
  }
  ManifestParse p = parse_manifest(R"([package]
name = "my-pkg"
[[bin]]
name = "custom"
path = "extra/x.rs"
edition = "2021"
[[test]]
name = "it"
)");
  ASSERT_TRUE(p.manifest);
  std::string got;
  for (const PackageTarget& t : package_targets(*p.manifest, "/p", 2018, false, h.fs())) {
    got += std::to_string(static_cast<int>(t.kind)) + ":" + t.name + "@" + t.root_file.substr(3) +
           "/" + std::to_string(t.edition) + " ";
  }
  // Kinds: 0 lib, 1 bin, 2 example, 3 test, 4 bench.
  EXPECT_EQ(
      got,
      "0:my_pkg@src/lib.rs/2018 1:custom@extra/x.rs/2021 3:it@tests/it.rs/2018 "
      "1:my_pkg@src/main.rs/2018 1:multi@src/bin/multi/main.rs/2018 1:tool@src/bin/tool.rs/2018 "
      "2:big@examples/big/main.rs/2018 2:demo@examples/demo.rs/2018 "
      "4:speed@benches/speed.rs/2018 ");
  EXPECT_EQ(package_targets(*p.manifest, "/p", 2018, true, h.fs()).size(), 1u);

  ManifestParse noauto = parse_manifest(
      "[package]\nname = \"q\"\nautobins = false\nautoexamples = false\n"
      "autotests = false\nautobenches = false\n[lib]\nproc-macro = true\n");
  auto only = package_targets(*noauto.manifest, "/p", 2021, false, h.fs());
  ASSERT_EQ(only.size(), 1u);
  EXPECT_TRUE(only[0].proc_macro);
  EXPECT_EQ(only[0].name, "q");
}

TEST(ProjectTargetSpec, CfgAndTriples) {
  base::CfgOptions host = base::CfgOptions::host_target();
  EXPECT_EQ(target_triple_of(host), "x86_64-unknown-linux-gnu");
  EXPECT_EQ(target_spec_matches("", host), true);
  EXPECT_EQ(target_spec_matches("cfg(unix)", host), true);
  EXPECT_EQ(target_spec_matches("cfg(windows)", host), false);
  EXPECT_EQ(target_spec_matches("cfg(target_os = \"linux\")", host), true);
  EXPECT_EQ(target_spec_matches("cfg(all(unix, not(target_os = \"macos\")))", host), true);
  EXPECT_EQ(target_spec_matches("cfg(any(windows, target_arch = \"wasm32\"))", host), false);
  EXPECT_EQ(target_spec_matches(" cfg(any(windows, unix,)) ", host), true);
  EXPECT_EQ(target_spec_matches("x86_64-unknown-linux-gnu", host), true);
  EXPECT_EQ(target_spec_matches("x86_64-pc-windows-gnu", host), false);
  EXPECT_EQ(target_spec_matches("cfg(", host), std::nullopt);
  EXPECT_EQ(target_spec_matches("cfg(not(a, b))", host), std::nullopt);
  EXPECT_EQ(target_spec_matches("cfg(unix) x", host), std::nullopt);
  std::string deep = "cfg(" + std::string(200, 'n') + ")";
  EXPECT_EQ(target_spec_matches(deep, host), false);
  std::string nested;
  for (int i = 0; i < 100; ++i) nested += "not(";
  EXPECT_EQ(target_spec_matches("cfg(" + nested + "unix" + std::string(100, ')') + ")", host),
            std::nullopt)
      << "depth-limited";
}

TEST(ProjectVersions, OrderAndRequirements) {
  EXPECT_LT(compare_versions("1.9.0", "1.10.0"), 0);
  EXPECT_LT(compare_versions("1.0.0-alpha.5", "1.0.0"), 0);
  EXPECT_EQ(compare_versions("2.5", "2.5.0"), 0);
  EXPECT_LT(compare_versions("x", "0.0.1"), 0);
  EXPECT_TRUE(version_matches("2.5.0", "2"));
  EXPECT_TRUE(version_matches("2.5.0", "^2.4"));
  EXPECT_FALSE(version_matches("3.0.0", "2"));
  EXPECT_FALSE(version_matches("2.3.0", "2.4"));
  EXPECT_TRUE(version_matches("0.4.17", "0.4"));
  EXPECT_FALSE(version_matches("0.5.0", "0.4"));
  EXPECT_FALSE(version_matches("0.0.4", "^0.0.3"));
  EXPECT_TRUE(version_matches("1.2.9", "~1.2.3"));
  EXPECT_FALSE(version_matches("1.3.0", "~1.2.3"));
  EXPECT_TRUE(version_matches("1.2.3", "=1.2.3"));
  EXPECT_TRUE(version_matches("7.0.0", ">=1.0, <8"));
  EXPECT_TRUE(version_matches("7.0.0", "*"));
  EXPECT_TRUE(version_matches("7.0.0", ""));
}

TEST(ProjectPaths, Lexical) {
  EXPECT_EQ(normalize_path("/a/./b//c/../d/"), "/a/b/d");
  EXPECT_EQ(normalize_path("/.."), "/");
  EXPECT_EQ(normalize_path("a/../.."), "..");
  EXPECT_EQ(join_path("/ws/crates/app", "../geo"), "/ws/crates/geo");
  EXPECT_EQ(join_path("/ws", "/abs/x"), "/abs/x");
  EXPECT_EQ(parent_path("/a/b.rs"), "/a");
  EXPECT_EQ(parent_path("/a"), "/");
  EXPECT_EQ(file_stem("/a/main.rs"), "main");
  EXPECT_EQ(file_name("/a/b/"), "b");
  EXPECT_TRUE(path_within("/a/b", "/a/b/c.rs"));
  EXPECT_TRUE(path_within("/a/b", "/a/b"));
  EXPECT_FALSE(path_within("/a/b", "/a/bc/d.rs"));
  EXPECT_FALSE(path_within("", "/a"));
  EXPECT_EQ(crate_name_of("my-app"), "my_app");
}

}  // namespace
}  // namespace ferret::project
