// The manifest/lock reader on a fake disk: a workspace with path deps, Cargo.lock
// registry deps under a fake CARGO_HOME, vendor/ and Debian's registry, a rename,
// workspace inheritance, git checkouts, .cargo/config.toml directory sources, no lock
// (highest compatible version), and a dependency cycle that terminates.
#include <gtest/gtest.h>

#include <string>

#include "project/manifest_fallback.h"
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
    out += (out.empty() ? "" : " ") + d.name + "->" + g[d.crate].name;
  }
  return out;
}

std::string features_of(const base::CrateData* c) {
  if (c == nullptr) return "<no crate>";
  std::string out;
  for (const std::string& f : c->enabled_features) out += (out.empty() ? "" : ",") + f;
  return out;
}

void package(FakeHost& h, const std::string& dir, const std::string& name,
             const std::string& version, const std::string& rest = "") {
  h.file(dir + "/Cargo.toml", "[package]\nname = \"" + name + "\"\nversion = \"" + version +
                                  "\"\nedition = \"2018\"\n" + rest);
  h.file(dir + "/src/lib.rs");
}

constexpr const char* kRegistry = "/home/u/.cargo/registry/src/index.crates.io-6f17d22bba15001f";

FakeHost workspace() {
  FakeHost h;
  h.env["HOME"] = "/home/u";
  h.file("/ws/Cargo.toml", R"([workspace]
members = ["crates/*"]
exclude = ["crates/old"]

[workspace.package]
edition = "2018"
version = "0.3.0"

[workspace.dependencies]
memchr = "2"
)");
  h.file("/ws/crates/geo/Cargo.toml", R"([package]
name = "geo-types"
version.workspace = true
edition.workspace = true

[lib]
name = "geo"

[dependencies]
itoa = { version = "1", optional = true }

[features]
default = ["fmt"]
fmt = ["dep:itoa"]
extra = []
)");
  h.file("/ws/crates/geo/src/lib.rs");
  h.file("/ws/crates/app/Cargo.toml", R"([package]
name = "my-app"
version = "0.1.0"
edition = "2021"

[dependencies]
geometry = { package = "geo-types", path = "../geo", features = ["extra"] }
memchr = { workspace = true, features = ["std"] }
either = { version = "1.6", default-features = false }

[target.'cfg(windows)'.dependencies]
winapi = "0.3"

[dev-dependencies]
quickcheck = "1"

[build-dependencies]
cc = "1"
)");
  for (const char* f : {"src/lib.rs", "src/main.rs", "src/bin/tool.rs", "examples/demo.rs",
                        "tests/it.rs", "tests/common/mod.rs", "benches/speed.rs", "build.rs"}) {
    h.file(std::string("/ws/crates/app/") + f);
  }
  h.file("/ws/crates/old/Cargo.toml", "[package]\nname = \"old\"\nversion = \"0.0.1\"\n");
  h.file("/ws/crates/old/src/lib.rs");
  h.file("/ws/Cargo.lock", R"(version = 3

[[package]]
name = "either"
version = "1.6.1"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "geo-types"
version = "0.3.0"
dependencies = ["itoa"]

[[package]]
name = "itoa"
version = "1.0.1"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "memchr"
version = "2.4.0"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "memchr"
version = "2.5.0"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "my-app"
version = "0.1.0"
dependencies = ["cc", "either", "geo-types", "memchr 2.5.0", "quickcheck", "winapi"]

[[package]]
name = "quickcheck"
version = "1.0.3"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = ["rand"]
)");
  // memchr in CARGO_HOME's registry (two versions: the lock says which), itoa in
  // vendor/NAME-VERSION, either in vendor/NAME, quickcheck in Debian's registry.
  package(h, std::string(kRegistry) + "/memchr-2.4.0", "memchr", "2.4.0");
  package(h, std::string(kRegistry) + "/memchr-2.5.0", "memchr", "2.5.0",
          "[features]\ndefault = [\"std\"]\nstd = []\nuse_std = [\"std\"]\n");
  package(h, "/ws/vendor/itoa-1.0.1", "itoa", "1.0.1");
  package(h, "/ws/vendor/either", "either", "1.6.1",
          "[features]\ndefault = [\"use_std\"]\nuse_std = []\n");
  package(h, "/usr/share/cargo/registry/quickcheck-1.0.3", "quickcheck", "1.0.3",
          "[dependencies]\nrand = \"0.8\"\n");
  return h;
}

TEST(ProjectManifestFallback, WorkspaceWithPathAndRegistryDependencies) {
  FakeHost h = workspace();
  base::CrateGraph g;
  ManifestLoad r = add_manifest_crates(h, "/ws/crates/app/Cargo.toml", g);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.workspace_root, "/ws") << "found above the member";

  const base::CrateData* app = find(g, "my_app");
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->origin, base::CrateOrigin::Workspace);
  EXPECT_EQ(app->package_name, "my-app");
  EXPECT_EQ(app->package_root, "/ws/crates/app");
  EXPECT_EQ(app->edition, 2021);
  EXPECT_EQ(deps_of(g, app), "either->either geometry->geo memchr->memchr")
      << "no dev, build, windows deps";
  EXPECT_EQ(deps_of(g, find(g, "my_app", K::Bin)),
            "my_app->my_app either->either geometry->geo memchr->memchr");
  EXPECT_EQ(deps_of(g, find(g, "tool", K::Bin)),
            "my_app->my_app either->either geometry->geo memchr->memchr");
  EXPECT_EQ(deps_of(g, find(g, "it", K::Test)),
            "my_app->my_app either->either geometry->geo memchr->memchr quickcheck->quickcheck");
  EXPECT_NE(find(g, "demo", K::Example), nullptr);
  EXPECT_NE(find(g, "speed", K::Bench), nullptr);
  EXPECT_EQ(find(g, "common", K::Test), nullptr);
  EXPECT_TRUE(find(g, "it", K::Test)->cfg.has_atom("test"));

  const base::CrateData* geo = find(g, "geo");
  ASSERT_NE(geo, nullptr);
  EXPECT_EQ(geo->origin, base::CrateOrigin::Workspace);
  EXPECT_EQ(geo->edition, 2018) << "edition.workspace = true";
  EXPECT_EQ(geo->package_version, "0.3.0") << "version.workspace = true";
  EXPECT_EQ(features_of(geo), "default,extra,fmt");
  EXPECT_TRUE(geo->cfg.has_key_value("feature", "fmt"));
  EXPECT_EQ(deps_of(g, geo), "itoa->itoa");

  const base::CrateData* memchr = find(g, "memchr");
  ASSERT_NE(memchr, nullptr);
  EXPECT_EQ(memchr->root_file, std::string(kRegistry) + "/memchr-2.5.0/src/lib.rs")
      << "the lock's version";
  EXPECT_EQ(memchr->origin, base::CrateOrigin::Dependency);
  EXPECT_EQ(features_of(memchr), "default,std");
  EXPECT_EQ(find(g, "itoa")->root_file, "/ws/vendor/itoa-1.0.1/src/lib.rs");
  EXPECT_EQ(find(g, "either")->root_file, "/ws/vendor/either/src/lib.rs");
  EXPECT_EQ(features_of(find(g, "either")), "") << "default-features = false";
  EXPECT_EQ(find(g, "quickcheck")->root_file,
            "/usr/share/cargo/registry/quickcheck-1.0.3/src/lib.rs");
  EXPECT_EQ(find(g, "old"), nullptr) << "excluded";
  EXPECT_EQ(find(g, "winapi"), nullptr);
  EXPECT_EQ(find(g, "cc"), nullptr);

  ASSERT_EQ(g.warnings.size(), 1u);
  EXPECT_EQ(g.warnings[0], "ferret: cannot find the sources of 1 dependency: rand 0.8");
}

TEST(ProjectManifestFallback, CargoHomeFromTheEnvironment) {
  FakeHost h = workspace();
  h.env["CARGO_HOME"] = "/opt/cargo";
  package(h, "/opt/cargo/registry/src/github.com-1ecc6299db9ec823/memchr-2.5.0", "memchr", "2.5.0");
  base::CrateGraph g;
  ASSERT_TRUE(add_manifest_crates(h, "/ws/Cargo.toml", g).ok);
  EXPECT_EQ(find(g, "memchr")->root_file,
            "/opt/cargo/registry/src/github.com-1ecc6299db9ec823/memchr-2.5.0/src/lib.rs");
}

TEST(ProjectManifestFallback, WithoutLockTheHighestCompatibleVersion) {
  FakeHost h;
  h.env["CARGO_HOME"] = "/c";
  package(h, "/p", "p", "0.1.0", "[dependencies]\nmemchr = \"2\"\nlog = \"0.4\"\n");
  for (const char* v : {"2.4.0", "2.5.0", "3.0.0"}) {
    package(h, std::string("/c/registry/src/idx/memchr-") + v, "memchr", v);
  }
  package(h, "/usr/share/cargo/registry/log-0.4.17", "log", "0.4.17");
  package(h, "/c/registry/src/idx/log-0.4.9", "log", "0.4.9");
  package(h, "/c/registry/src/idx/log-extra-9.0.0", "log-extra", "9.0.0");
  base::CrateGraph g;
  ASSERT_TRUE(add_manifest_crates(h, "/p/Cargo.toml", g).ok);
  EXPECT_EQ(find(g, "memchr")->root_file, "/c/registry/src/idx/memchr-2.5.0/src/lib.rs");
  EXPECT_EQ(find(g, "log")->root_file, "/usr/share/cargo/registry/log-0.4.17/src/lib.rs");
  EXPECT_EQ(find(g, "log_extra"), nullptr);
  EXPECT_TRUE(g.warnings.empty());
}

TEST(ProjectManifestFallback, DependencyCycleTerminates) {
  FakeHost h;
  package(h, "/a", "a", "0.1.0", "[dependencies]\nb = { path = \"../b\" }\n");
  package(h, "/b", "b", "0.1.0", "[dependencies]\na = { path = \"../a\" }\nc = \"1\"\n");
  // Registry packages depending on each other, found without a lock.
  package(h, "/usr/share/cargo/registry/c-1.0.0", "c", "1.0.0", "[dependencies]\nd = \"1\"\n");
  package(h, "/usr/share/cargo/registry/d-1.0.0", "d", "1.0.0", "[dependencies]\nc = \"1\"\n");
  base::CrateGraph g;
  ASSERT_TRUE(add_manifest_crates(h, "/a/Cargo.toml", g).ok);
  EXPECT_EQ(g.size(), 4u);
  EXPECT_EQ(deps_of(g, find(g, "a")), "b->b");
  EXPECT_EQ(deps_of(g, find(g, "b")), "a->a c->c");
  EXPECT_EQ(deps_of(g, find(g, "c")), "d->d");
  EXPECT_EQ(deps_of(g, find(g, "d")), "c->c");
}

TEST(ProjectManifestFallback, GitCheckoutOfTheLockedRevision) {
  FakeHost h;
  h.env["CARGO_HOME"] = "/c";
  package(h, "/p", "p", "0.1.0",
          "[dependencies]\ng = { git = \"https://example.org/owner/gitrepo\" }\n");
  h.file("/p/Cargo.lock", R"([[package]]
name = "p"
version = "0.1.0"
dependencies = ["g"]
[[package]]
name = "g"
version = "0.2.0"
source = "git+https://example.org/owner/gitrepo#abcdef0123456789"
)");
  package(h, "/c/git/checkouts/gitrepo-0a1b2c3d4e5f/1111111/crates/g", "g", "0.1.0");
  h.file("/c/git/checkouts/gitrepo-0a1b2c3d4e5f/abcdef0/Cargo.toml",
         "[workspace]\nmembers = [\"crates/*\"]\n");
  package(h, "/c/git/checkouts/gitrepo-0a1b2c3d4e5f/abcdef0/crates/g", "g", "0.2.0");
  base::CrateGraph g;
  ASSERT_TRUE(add_manifest_crates(h, "/p/Cargo.toml", g).ok);
  ASSERT_NE(find(g, "g"), nullptr);
  EXPECT_EQ(find(g, "g")->root_file,
            "/c/git/checkouts/gitrepo-0a1b2c3d4e5f/abcdef0/crates/g/src/lib.rs");
  EXPECT_EQ(find(g, "g")->package_version, "0.2.0");
}

TEST(ProjectManifestFallback, DirectorySourcesOfCargoConfig) {
  FakeHost h;
  package(h, "/p", "p", "0.1.0", "[dependencies]\nanyhow = \"1\"\n");
  h.file("/p/.cargo/config.toml",
         "[source.crates-io]\nreplace-with = \"local\"\n[source.local]\ndirectory = "
         "\"../srv/registry\"\n");
  package(h, "/srv/registry/anyhow-1.0.69", "anyhow", "1.0.69");
  base::CrateGraph g;
  ASSERT_TRUE(add_manifest_crates(h, "/p/Cargo.toml", g).ok);
  ASSERT_NE(find(g, "anyhow"), nullptr);
  EXPECT_EQ(find(g, "anyhow")->root_file, "/srv/registry/anyhow-1.0.69/src/lib.rs");
}

TEST(ProjectManifestFallback, FeaturesAskedByDependents) {
  FakeHost h;
  package(h, "/p", "p", "0.1.0", R"([dependencies]
q = { path = "../q", default-features = false, features = ["alpha"] }
r = { path = "../r" }
[features]
default = ["q/beta"]
)");
  package(h, "/q", "q", "0.1.0", R"([dependencies]
z = { path = "../z", optional = true }
[features]
default = ["gamma"]
alpha = []
beta = ["z"]
gamma = []
)");
  package(h, "/r", "r", "0.1.0",
          "[dependencies]\nq = { path = \"../q\", features = [\"gamma\"], default-features = false "
          "}\n");
  package(h, "/z", "z", "0.1.0");
  base::CrateGraph g;
  ASSERT_TRUE(add_manifest_crates(h, "/p/Cargo.toml", g).ok);
  EXPECT_EQ(features_of(find(g, "q")), "alpha,beta,gamma,z") << "unified over p's and r's requests";
  EXPECT_EQ(deps_of(g, find(g, "q")), "z->z") << "optional z switched on through `beta`";
}

TEST(ProjectManifestFallback, MembersHaveAllTheirFeaturesAndTheirTests) {
  FakeHost h;
  package(h, "/p", "p", "0.1.0", R"([dependencies]
q = { path = "../q" }
z = { path = "../z", optional = true }
[features]
default = []
extra = ["q/fast"]
)");
  package(h, "/q", "q", "0.1.0", "[features]\nfast = []\nslow = []\n");
  package(h, "/z", "z", "0.1.0");
  base::CrateGraph g;
  ASSERT_TRUE(add_manifest_crates(h, "/p/Cargo.toml", g).ok);
  EXPECT_EQ(features_of(find(g, "p")), "default,extra,z") << "every feature of the member";
  EXPECT_EQ(features_of(find(g, "q")), "fast") << "a dependency: what the member's features ask";
  EXPECT_EQ(deps_of(g, find(g, "p")), "q->q z->z");
  EXPECT_TRUE(find(g, "p")->cfg.has_atom("test")) << "the member's unit tests are live code";
  EXPECT_FALSE(find(g, "q")->cfg.has_atom("test"));
}

TEST(ProjectManifestFallback, BrokenManifests) {
  FakeHost h;
  h.file("/p/Cargo.toml", "[package]\nname = \"p\nversion = 1\n");
  base::CrateGraph g;
  ManifestLoad r = add_manifest_crates(h, "/p/Cargo.toml", g);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error_line, 2);
  EXPECT_EQ(g.size(), 0u);

  // A dependency with a broken manifest is skipped with a warning naming it.
  FakeHost h2;
  package(h2, "/a", "a", "0.1.0", "[dependencies]\nb = { path = \"../b\" }\n");
  h2.file("/b/Cargo.toml", "[package\n");
  base::CrateGraph g2;
  ASSERT_TRUE(add_manifest_crates(h2, "/a/Cargo.toml", g2).ok);
  EXPECT_EQ(g2.size(), 1u);
  ASSERT_EQ(g2.warnings.size(), 1u);
  EXPECT_EQ(g2.warnings[0].rfind("ferret: /b/Cargo.toml:1:", 0), 0u) << g2.warnings[0];
}

}  // namespace
}  // namespace ferret::project
