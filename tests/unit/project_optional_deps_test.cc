// Inactive optional dependencies on a fake disk, through load_project (cargo metadata and
// the manifest reader): the lock's version in a registry folder, their own dependencies
// (non-optional and switched on by their features), a rename, a path dependency, host
// platform only, not build deps, nothing when not found, reuse of crates already in the
// graph, the std wiring; and the depth and count limits.
#include <gtest/gtest.h>

#include <string>

#include "project/optional_deps.h"
#include "project/workspace_loader.h"
#include "unit/project_fake_host.h"

namespace ferret::project {
namespace {

using testing::FakeHost;
using K = base::TargetKind;

constexpr const char* kRegistry = "/home/u/.cargo/registry/src/index.crates.io-6f17d22bba15001f";
constexpr const char* kStdDeps =
    "core->core std->std alloc->alloc? proc_macro->proc_macro? test->test?";

const base::CrateData* find(const base::CrateGraph& g, const std::string& name, K kind = K::Lib) {
  for (const base::CrateData& c : g.crates) {
    if (c.name == name && c.target == kind) return &c;
  }
  return nullptr;
}

size_t count(const base::CrateGraph& g, const std::string& package) {
  size_t n = 0;
  for (const base::CrateData& c : g.crates) n += c.package_name == package ? 1 : 0;
  return n;
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

std::string features_of(const base::CrateData* c) {
  if (c == nullptr) return "<no crate>";
  std::string out;
  for (const std::string& f : c->enabled_features) out += (out.empty() ? "" : ",") + f;
  return out;
}

// A package folder with src/lib.rs; `head` goes into [package] (edition, …).
void package(FakeHost& h, const std::string& dir, const std::string& name,
             const std::string& version, const std::string& head, const std::string& rest = "") {
  h.file(dir + "/Cargo.toml",
         "[package]\nname = \"" + name + "\"\nversion = \"" + version + "\"\n" + head + rest);
  h.file(dir + "/src/lib.rs");
}

void registry_package(FakeHost& h, const std::string& name, const std::string& version,
                      const std::string& rest = "") {
  package(h, std::string(kRegistry) + "/" + name + "-" + version, name, version,
          "edition = \"2018\"\n", rest);
}

// /p/app: itoa (normal), memchr (optional, on by default), and optional deps that no
// feature enables: serde (lock: 1.0.150, not the newer 1.0.160 beside it), json (renamed
// serde_json), helper (path), ghost (nowhere), nix (cfg(unix), not in the lock: the
// highest matching version), winapi (cfg(windows)), cc (a build dependency).
FakeHost app_project() {
  FakeHost h;
  h.env["HOME"] = "/home/u";
  h.env["RUST_SRC_PATH"] = "/rs/library";
  for (const char* c : {"core", "alloc", "std", "proc_macro", "test"}) {
    h.file(std::string("/rs/library/") + c + "/src/lib.rs");
  }
  h.file("/p/app/Cargo.toml", R"([package]
name = "app"
version = "0.1.0"
edition = "2021"

[dependencies]
itoa = "1"
memchr = { version = "2", optional = true }
serde = { version = "1.0", optional = true, default-features = false, features = ["derive"] }
json = { package = "serde_json", version = "1", optional = true }
helper = { path = "../helper", optional = true }
ghost = { version = "0.3", optional = true }

[target.'cfg(unix)'.dependencies]
nix = { version = "0.26", optional = true }

[target.'cfg(windows)'.dependencies]
winapi = { version = "0.3", optional = true }

[build-dependencies]
cc = { version = "1", optional = true }

[features]
default = ["memchr"]
)");
  h.file("/p/app/src/lib.rs");
  h.file("/p/app/src/main.rs");
  h.file("/p/app/Cargo.lock", R"(version = 3

[[package]]
name = "app"
version = "0.1.0"
dependencies = ["cc", "ghost", "itoa", "memchr", "serde", "serde_json", "winapi"]

[[package]]
name = "itoa"
version = "1.0.6"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "memchr"
version = "2.5.0"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "ryu"
version = "1.0.12"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "serde"
version = "1.0.150"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = ["serde_derive"]

[[package]]
name = "serde_derive"
version = "1.0.150"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "serde_json"
version = "1.0.90"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = ["itoa", "ryu", "serde"]
)");
  package(h, "/p/helper", "helper", "0.2.0", "");  // no edition: 2015
  registry_package(h, "itoa", "1.0.6");
  registry_package(h, "memchr", "2.5.0");
  registry_package(h, "ryu", "1.0.12");
  package(h, std::string(kRegistry) + "/serde-1.0.150", "serde", "1.0.150", "", R"(
[dependencies]
serde_derive = { version = "=1.0.150", optional = true }

[features]
default = ["std"]
std = []
alloc = []
derive = ["serde_derive"]
)");
  registry_package(h, "serde", "1.0.160");
  registry_package(h, "serde_derive", "1.0.150", "[lib]\nproc-macro = true\n");
  registry_package(h, "serde_json", "1.0.90", R"(
[dependencies]
itoa = "1.0"
ryu = "1.0"
serde = { version = "1.0.100", default-features = false }
indexmap = { version = "1.5", optional = true }

[features]
default = ["std"]
std = ["serde/std"]
)");
  registry_package(h, "indexmap", "1.9.2");
  registry_package(h, "nix", "0.26.2");
  registry_package(h, "nix", "0.27.1");
  registry_package(h, "winapi", "0.3.9");
  registry_package(h, "cc", "1.0.79");
  return h;
}

TEST(ProjectOptionalDeps, ManifestReaderPath) {
  FakeHost h = app_project();
  h.env["CARGO"] = "/nonexistent";
  ProjectLoad load = load_project(h, "/p/app");
  ASSERT_EQ(load.source, ProjectSource::Manifests);
  const base::CrateGraph& g = load.graph;
  ASSERT_EQ(g.warnings.size(), 1u) << "only the cargo one: ghost is not part of the build";
  EXPECT_NE(g.warnings[0].find("cargo metadata failed"), std::string::npos);

  // The member has all its features, so its optional dependencies are its own (in
  // the manifest's order); the missing `ghost` is not reported.
  EXPECT_EQ(deps_of(g, find(g, "app")), std::string("helper->helper itoa->itoa json->serde_json "
                                                    "memchr->memchr serde->serde nix->nix ") +
                                            kStdDeps);
  EXPECT_EQ(deps_of(g, find(g, "app", K::Bin)),
            std::string("app->app helper->helper itoa->itoa json->serde_json memchr->memchr "
                        "serde->serde nix->nix ") +
                kStdDeps);
  for (const char* absent : {"ghost", "winapi", "cc", "indexmap"}) {
    EXPECT_EQ(count(g, absent), 0u) << absent;
  }
  EXPECT_EQ(count(g, "memchr"), 1u) << "enabled by default: not added twice";
  EXPECT_EQ(count(g, "itoa"), 1u) << "serde_json's itoa is the graph's";
  EXPECT_EQ(count(g, "serde"), 1u) << "serde_json's serde is the one app asked for";

  const base::CrateData* serde = find(g, "serde");
  ASSERT_NE(serde, nullptr);
  EXPECT_EQ(serde->origin, base::CrateOrigin::Dependency);
  EXPECT_EQ(serde->package_version, "1.0.150") << "the lock's version";
  EXPECT_EQ(serde->root_file, std::string(kRegistry) + "/serde-1.0.150/src/lib.rs");
  EXPECT_EQ(serde->package_root, std::string(kRegistry) + "/serde-1.0.150");
  EXPECT_EQ(serde->edition, 2015) << "no edition key";
  EXPECT_EQ(features_of(serde), "derive,serde_derive,std")
      << "app asks derive (no defaults), serde_json asks std";
  EXPECT_TRUE(serde->cfg.has_key_value("feature", "derive"));
  EXPECT_TRUE(serde->cfg.has_key_value("feature", "std"));
  EXPECT_FALSE(serde->cfg.has_key_value("feature", "alloc"));
  EXPECT_TRUE(serde->cfg.has_atom("unix")) << "the host cfg";
  EXPECT_EQ(deps_of(g, serde), std::string("serde_derive->serde_derive ") + kStdDeps);
  const base::CrateData* derive = find(g, "serde_derive");
  ASSERT_NE(derive, nullptr);
  EXPECT_TRUE(derive->proc_macro);
  EXPECT_EQ(deps_of(g, derive),
            "core->core std->std alloc->alloc? proc_macro->proc_macro test->test?");

  const base::CrateData* json = find(g, "serde_json");
  ASSERT_NE(json, nullptr);
  EXPECT_EQ(json->edition, 2018);
  EXPECT_EQ(features_of(json), "default,std");
  EXPECT_EQ(deps_of(g, json), std::string("itoa->itoa ryu->ryu serde->serde ") + kStdDeps);
  EXPECT_EQ(deps_of(g, find(g, "ryu")), kStdDeps);

  EXPECT_EQ(find(g, "nix")->package_version, "0.26.2") << "not in the lock: highest matching";
  const base::CrateData* helper = find(g, "helper");
  ASSERT_NE(helper, nullptr);
  EXPECT_EQ(helper->package_root, "/p/helper");
  EXPECT_EQ(helper->edition, 2015);
  EXPECT_EQ(helper->origin, base::CrateOrigin::Dependency);
}

// cargo metadata's view of app with default features: itoa, memchr and toml (which
// brings serde 1.0.150, with feature std) — serde is in the graph through another path.
constexpr const char* kAppJson = R"json({"packages":[
 {"name":"app","version":"0.1.0","id":"app 0.1.0 (path+file:///p/app)","source":null,
  "targets":[{"kind":["lib"],"crate_types":["lib"],"name":"app","src_path":"/p/app/src/lib.rs","edition":"2021"},
             {"kind":["bin"],"crate_types":["bin"],"name":"app","src_path":"/p/app/src/main.rs","edition":"2021"}],
  "manifest_path":"/p/app/Cargo.toml"},
 {"name":"itoa","version":"1.0.6","id":"itoa 1.0.6 (registry+https://github.com/rust-lang/crates.io-index)",
  "targets":[{"kind":["lib"],"crate_types":["lib"],"name":"itoa","src_path":"/reg/itoa-1.0.6/src/lib.rs","edition":"2018"}],
  "manifest_path":"/reg/itoa-1.0.6/Cargo.toml"},
 {"name":"memchr","version":"2.5.0","id":"memchr 2.5.0 (registry+https://github.com/rust-lang/crates.io-index)",
  "targets":[{"kind":["lib"],"crate_types":["lib"],"name":"memchr","src_path":"/reg/memchr-2.5.0/src/lib.rs","edition":"2018"}],
  "manifest_path":"/reg/memchr-2.5.0/Cargo.toml"},
 {"name":"toml","version":"0.5.11","id":"toml 0.5.11 (registry+https://github.com/rust-lang/crates.io-index)",
  "targets":[{"kind":["lib"],"crate_types":["lib"],"name":"toml","src_path":"/reg/toml-0.5.11/src/lib.rs","edition":"2018"}],
  "manifest_path":"/reg/toml-0.5.11/Cargo.toml"},
 {"name":"serde","version":"1.0.150","id":"serde 1.0.150 (registry+https://github.com/rust-lang/crates.io-index)",
  "targets":[{"kind":["lib"],"crate_types":["lib"],"name":"serde","src_path":"/reg/serde-1.0.150/src/lib.rs","edition":"2015"}],
  "manifest_path":"/reg/serde-1.0.150/Cargo.toml"}],
 "workspace_members":["app 0.1.0 (path+file:///p/app)"],
 "resolve":{"nodes":[
  {"id":"app 0.1.0 (path+file:///p/app)","features":["default","memchr"],"deps":[
   {"name":"itoa","pkg":"itoa 1.0.6 (registry+https://github.com/rust-lang/crates.io-index)","dep_kinds":[{"kind":null,"target":null}]},
   {"name":"memchr","pkg":"memchr 2.5.0 (registry+https://github.com/rust-lang/crates.io-index)","dep_kinds":[{"kind":null,"target":null}]},
   {"name":"toml","pkg":"toml 0.5.11 (registry+https://github.com/rust-lang/crates.io-index)","dep_kinds":[{"kind":null,"target":null}]}]},
  {"id":"itoa 1.0.6 (registry+https://github.com/rust-lang/crates.io-index)","deps":[],"features":[]},
  {"id":"memchr 2.5.0 (registry+https://github.com/rust-lang/crates.io-index)","deps":[],"features":["default"]},
  {"id":"toml 0.5.11 (registry+https://github.com/rust-lang/crates.io-index)","features":[],"deps":[
   {"name":"serde","pkg":"serde 1.0.150 (registry+https://github.com/rust-lang/crates.io-index)","dep_kinds":[{"kind":null,"target":null}]}]},
  {"id":"serde 1.0.150 (registry+https://github.com/rust-lang/crates.io-index)","deps":[],"features":["default","std"]}]},
 "workspace_root":"/p/app"})json";

TEST(ProjectOptionalDeps, CargoMetadataPathReusesItsCrates) {
  FakeHost h = app_project();
  h.program("cargo metadata --format-version 1 --offline", kAppJson);
  ProjectLoad load = load_project(h, "/p/app/src/lib.rs");
  ASSERT_EQ(load.source, ProjectSource::CargoMetadata);
  const base::CrateGraph& g = load.graph;
  EXPECT_TRUE(g.warnings.empty()) << g.warnings.at(0);
  EXPECT_EQ(deps_of(g, find(g, "app")),
            std::string("itoa->itoa memchr->memchr toml->toml helper->helper json->serde_json "
                        "serde->serde nix->nix ") +
                kStdDeps);
  EXPECT_EQ(count(g, "serde"), 1u);
  EXPECT_EQ(count(g, "itoa"), 1u);
  const base::CrateData* serde = find(g, "serde");
  EXPECT_EQ(serde->root_file, "/reg/serde-1.0.150/src/lib.rs") << "cargo's crate, reused";
  EXPECT_EQ(features_of(serde), "default,std") << "and left as cargo resolved it";
  EXPECT_EQ(deps_of(g, serde), kStdDeps);
  EXPECT_EQ(count(g, "serde_derive"), 0u);
  const base::CrateData* json = find(g, "serde_json");
  ASSERT_NE(json, nullptr);
  EXPECT_EQ(json->root_file, std::string(kRegistry) + "/serde_json-1.0.90/src/lib.rs");
  EXPECT_EQ(deps_of(g, json), std::string("itoa->itoa ryu->ryu serde->serde ") + kStdDeps);
  EXPECT_EQ(g[json->deps[0].crate].root_file, "/reg/itoa-1.0.6/src/lib.rs");
  EXPECT_EQ(find(g, "helper")->package_root, "/p/helper");
  EXPECT_EQ(count(g, "ghost") + count(g, "winapi") + count(g, "cc"), 0u);
}

TEST(ProjectOptionalDeps, NotFoundAnywhere) {
  FakeHost h;
  h.env["HOME"] = "/home/u";
  h.env["CARGO"] = "/nonexistent";
  h.file("/q/Cargo.toml",
         "[package]\nname = \"q\"\nversion = \"1.0.0\"\n"
         "[dependencies]\nghost = { version = \"0.3\", optional = true }\n"
         "lost = { path = \"../lost\", optional = true }\n");
  h.file("/q/src/lib.rs");
  h.file("/q/Cargo.lock",
         "[[package]]\nname = \"q\"\nversion = \"1.0.0\"\ndependencies = [\"ghost\"]\n"
         "[[package]]\nname = \"ghost\"\nversion = \"0.3.1\"\n"
         "source = \"registry+https://github.com/rust-lang/crates.io-index\"\n");
  ProjectLoad load = load_project(h, "/q");
  ASSERT_NE(find(load.graph, "q"), nullptr);
  EXPECT_TRUE(find(load.graph, "q")->deps.empty());
  EXPECT_EQ(count(load.graph, "ghost") + count(load.graph, "lost"), 0u);
  // The cargo warning and the missing std sources: nothing about ghost or lost.
  for (const std::string& w : load.graph.warnings) {
    EXPECT_EQ(w.find("ghost"), std::string::npos) << w;
    EXPECT_EQ(w.find("lost"), std::string::npos) << w;
  }
}

TEST(ProjectOptionalDeps, WorkspaceInheritedAndMembersSharingOne) {
  FakeHost h;
  h.env["HOME"] = "/home/u";
  h.env["CARGO"] = "/nonexistent";
  h.file("/ws/Cargo.toml",
         "[workspace]\nmembers = [\"a\", \"b\"]\n"
         "[workspace.package]\nedition = \"2021\"\n"
         "[workspace.dependencies]\nbytes = { version = \"1\", default-features = false }\n");
  package(h, "/ws/a", "a", "0.1.0", "edition.workspace = true\n",
          "[dependencies]\nbytes = { workspace = true, optional = true, features = [\"serde\"] }\n"
          "b = { path = \"../b\", optional = true }\n");
  package(h, "/ws/b", "b", "0.1.0", "",
          "[dependencies]\nbuf = { package = \"bytes\", version = \"1.4\", optional = true }\n");
  registry_package(h, "bytes", "1.4.0", "[features]\ndefault = [\"std\"]\nstd = []\nserde = []\n");
  ProjectLoad load = load_project(h, "/ws/a");
  const base::CrateGraph& g = load.graph;
  EXPECT_EQ(count(g, "bytes"), 1u);
  EXPECT_EQ(count(g, "b"), 1u) << "the member b is reused, not added as a dependency";
  EXPECT_EQ(find(g, "b")->origin, base::CrateOrigin::Workspace);
  EXPECT_EQ(deps_of(g, find(g, "a")), "b->b bytes->bytes") << "no std sources here";
  EXPECT_EQ(deps_of(g, find(g, "b")), "buf->bytes");
  const base::CrateData* bytes = find(g, "bytes");
  EXPECT_EQ(features_of(bytes), "default,serde,std")
      << "a asks serde without defaults, b asks the defaults";
  EXPECT_EQ(find(g, "a")->edition, 2021);
}

// A chain of path dependencies a -> b -> c -> d behind one optional dependency.
FakeHost chain() {
  FakeHost h;
  package(h, "/c/top", "top", "0.1.0", "",
          "[dependencies]\na = { path = \"../a\", optional = true }\n");
  package(h, "/c/a", "a", "0.1.0", "", "[dependencies]\nb = { path = \"../b\" }\n");
  package(h, "/c/b", "b", "0.1.0", "", "[dependencies]\nc = { path = \"../c\" }\n");
  package(h, "/c/c", "c", "0.1.0", "", "[dependencies]\nd = { path = \"../d\" }\n");
  package(h, "/c/d", "d", "0.1.0", "");
  return h;
}

base::CrateGraph top_graph() {
  base::CrateGraph g;
  base::CrateData top;
  top.name = top.package_name = "top";
  top.package_version = "0.1.0";
  top.root_file = "/c/top/src/lib.rs";
  top.package_root = "/c/top";
  top.origin = base::CrateOrigin::Workspace;
  g.add(std::move(top));
  return g;
}

TEST(ProjectOptionalDeps, DepthAndCountLimits) {
  FakeHost h = chain();
  base::CrateGraph all = top_graph();
  EXPECT_EQ(add_inactive_optional_deps(h, "/c/top", all), 4u);
  EXPECT_EQ(deps_of(all, find(all, "c")), "d->d");

  base::CrateGraph shallow = top_graph();
  EXPECT_EQ(add_inactive_optional_deps(h, "/c/top", shallow, {.max_depth = 2, .max_crates = 200}),
            2u);
  EXPECT_EQ(deps_of(shallow, find(shallow, "a")), "b->b");
  EXPECT_TRUE(find(shallow, "b")->deps.empty());
  EXPECT_EQ(find(shallow, "c"), nullptr);

  base::CrateGraph few = top_graph();
  EXPECT_EQ(add_inactive_optional_deps(h, "/c/top", few, {.max_depth = 8, .max_crates = 3}), 3u);
  EXPECT_EQ(find(few, "d"), nullptr);
  EXPECT_EQ(deps_of(few, find(few, "top")), "a->a");
}

}  // namespace
}  // namespace ferret::project
