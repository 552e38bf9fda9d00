// The trusted toolchain on a fake host: rustc asked for its sysroot from "/", the
// sysroot's own binaries, the user's RUSTC and CARGO, the pins every process gets; and
// a hostile project loaded end to end, with the exact argv, folder and environment of
// every process the loader starts.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "project/toolchain.h"
#include "project/workspace_loader.h"
#include "unit/project_fake_host.h"

namespace ferret::project {
namespace {

using testing::FakeHost;
using Env = std::vector<std::pair<std::string, std::string>>;
using Argv = std::vector<std::string>;

const Argv kSysrootProbe = {"rustc", "--print", "sysroot"};

FakeHost with_toolchain_at(const std::string& sysroot) {
  FakeHost h;
  h.program("rustc --print sysroot", sysroot + "\n");
  h.file(sysroot + "/bin/rustc");
  h.file(sysroot + "/bin/cargo");
  return h;
}

TEST(ProjectToolchain, TheSysrootsOwnBinariesFromTheNeutralFolder) {
  FakeHost h = with_toolchain_at("/opt/rust");
  Toolchain t = resolve_toolchain(h);
  EXPECT_EQ(t.sysroot, "/opt/rust");
  EXPECT_EQ(t.rustc, "/opt/rust/bin/rustc");
  EXPECT_EQ(t.cargo, "/opt/rust/bin/cargo");
  EXPECT_EQ(t.env, (Env{{"RUSTUP_TOOLCHAIN", "/opt/rust"},
                        {"RUSTC", "/opt/rust/bin/rustc"},
                        {"RUSTC_WRAPPER", ""},
                        {"RUSTC_WORKSPACE_WRAPPER", ""}}));
  ASSERT_EQ(h.calls.size(), 1u);
  EXPECT_EQ(h.calls[0].argv, kSysrootProbe);
  EXPECT_EQ(h.calls[0].cwd, "/") << "rustup reads rust-toolchain files where it runs";
  EXPECT_EQ(h.calls[0].env, Env{});
  EXPECT_LE(h.calls[0].timeout_ms, 10000);

  Command c = toolchain_command(t, {t.cargo, "--version"}, 1234);
  EXPECT_EQ(c.argv, (Argv{"/opt/rust/bin/cargo", "--version"}));
  EXPECT_EQ(c.cwd, "/");
  EXPECT_EQ(c.env, t.env);
  EXPECT_EQ(c.timeout_ms, 1234);
}

TEST(ProjectToolchain, TheUsersRustcAndCargoWin) {
  FakeHost h = with_toolchain_at("/opt/rust");
  h.env["RUSTC"] = "/home/u/bin/rustc";
  h.env["CARGO"] = "/home/u/bin/cargo";
  h.program("/home/u/bin/rustc --print sysroot", "/home/u/rust\n");
  Toolchain t = resolve_toolchain(h);
  EXPECT_EQ(t.sysroot, "/home/u/rust");
  EXPECT_EQ(t.rustc, "/home/u/bin/rustc");
  EXPECT_EQ(t.cargo, "/home/u/bin/cargo");
  ASSERT_EQ(h.calls.size(), 1u);
  EXPECT_EQ(h.calls[0].argv.at(0), "/home/u/bin/rustc");
  EXPECT_EQ(h.calls[0].cwd, "/");
}

TEST(ProjectToolchain, BinariesMissingFromTheSysrootAreLookedUpOnPath) {
  FakeHost h;
  h.program("rustc --print sysroot", "/opt/rust\n");  // no /opt/rust/bin/* on the fake disk
  Toolchain t = resolve_toolchain(h);
  EXPECT_EQ(t.rustc, "rustc");
  EXPECT_EQ(t.cargo, "cargo");
  EXPECT_EQ(t.env, (Env{{"RUSTUP_TOOLCHAIN", "/opt/rust"},
                        {"RUSTC", "rustc"},
                        {"RUSTC_WRAPPER", ""},
                        {"RUSTC_WORKSPACE_WRAPPER", ""}}))
      << "rustup proxies stay on the user's toolchain";
}

TEST(ProjectToolchain, NoRustcOrAnUnusableAnswer) {
  for (const char* out : {"", "relative/path\n", "/a\n/b\n"}) {
    FakeHost h;
    if (*out != '\0') h.program("rustc --print sysroot", out);
    Toolchain t = resolve_toolchain(h);
    EXPECT_EQ(t.sysroot, "") << out;
    EXPECT_EQ(t.cargo, "cargo") << out;
    EXPECT_EQ(t.env,
              (Env{{"RUSTC", "rustc"}, {"RUSTC_WRAPPER", ""}, {"RUSTC_WORKSPACE_WRAPPER", ""}}))
        << out;
  }
}

TEST(ProjectToolchain, ResolvedOnFirstUseOnly) {
  FakeHost h = with_toolchain_at("/opt/rust");
  LazyToolchain lazy(h);
  EXPECT_TRUE(h.calls.empty());
  EXPECT_EQ(lazy.get().cargo, "/opt/rust/bin/cargo");
  EXPECT_EQ(lazy.get().rustc, "/opt/rust/bin/rustc");
  EXPECT_EQ(h.calls.size(), 1u);
}

// A project naming programs everywhere it can: cargo config keys, a toolchain path, a
// rustup override channel; vendored sources. Everything started is the toolchain's,
// from "/", with the pins; only the source replacement reaches cargo, as data.
TEST(HostileProjectLoad, EveryProcessIsTheTrustedToolchainsFromTheNeutralFolder) {
  FakeHost h = with_toolchain_at("/opt/rust");
  h.file("/opt/rust/lib/rustlib/src/rust/library/core/src/lib.rs");
  h.file("/p/evil/Cargo.toml", "[package]\nname = \"evil\"\nversion = \"0.1.0\"\n");
  h.file("/p/evil/src/lib.rs");
  h.file("/p/evil/rust-toolchain.toml", "[toolchain]\npath = \"/p/evil/chain\"\n");
  h.file("/p/evil/chain/bin/rustc");
  h.file("/p/evil/chain/bin/cargo");
  h.file(
      "/p/evil/.cargo/config.toml",
      "[build]\nrustc = \"/p/evil/x\"\nrustc-wrapper = \"/p/evil/x\"\n"
      "rustc-workspace-wrapper = \"/p/evil/x\"\nrustflags = [\"-Zcodegen-backend=/p/evil/x.so\"]\n"
      "[env]\nLD_PRELOAD = \"/p/evil/x.so\"\n"
      "[target.'cfg(all())']\nrunner = \"/p/evil/x\"\nlinker = \"/p/evil/x\"\n"
      "[alias]\nmetadata = \"run\"\n"
      "[source.crates-io]\nreplace-with = \"vendored-sources\"\n"
      "[source.vendored-sources]\ndirectory = \"vendor\"\n");
  h.program("/opt/rust/bin/cargo metadata", "{\"packages\":[]}");
  ProjectLoad load = load_project(h, "/p/evil/src/lib.rs");
  EXPECT_EQ(load.graph.sysroot_library, "/opt/rust/lib/rustlib/src/rust/library");

  const Env pins = {{"RUSTUP_TOOLCHAIN", "/opt/rust"},
                    {"RUSTC", "/opt/rust/bin/rustc"},
                    {"RUSTC_WRAPPER", ""},
                    {"RUSTC_WORKSPACE_WRAPPER", ""}};
  ASSERT_EQ(h.calls.size(), 2u);
  EXPECT_EQ(h.calls[0].argv, kSysrootProbe);
  EXPECT_EQ(h.calls[0].cwd, "/");
  EXPECT_EQ(h.calls[0].env, Env{});
  EXPECT_EQ(h.calls[1].argv,
            (Argv{"/opt/rust/bin/cargo", "metadata", "--format-version", "1", "--offline",
                  "--all-features", "--manifest-path", "/p/evil/Cargo.toml", "--config",
                  "source.\"crates-io\".replace-with=\"vendored-sources\"", "--config",
                  "source.\"vendored-sources\".directory=\"/p/evil/vendor\""}));
  EXPECT_EQ(h.calls[1].cwd, "/");
  EXPECT_EQ(h.calls[1].env, pins);
  EXPECT_EQ(h.calls[1].timeout_ms, 30000);
}

}  // namespace
}  // namespace ferret::project
