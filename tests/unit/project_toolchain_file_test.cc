// The project's rust-toolchain file as data: the channel it pins (TOML or the legacy
// one-line form, rustup's search order, a `path` never followed, names that are not
// plain toolchain names refused) and the std sources of that toolchain when rustup has
// it installed beside the user's.
#include <gtest/gtest.h>

#include <string>

#include "base/file_system.h"
#include "project/sysroot.h"
#include "project/toolchain_file.h"
#include "unit/project_fake_host.h"

namespace ferret::project {
namespace {

TEST(ProjectToolchainFile, PinnedChannel) {
  base::MemoryFileSystem fs;
  fs.add_file("/a/rust-toolchain.toml", "[toolchain]\nchannel = \"nightly-2024-05-01\"\n");
  EXPECT_EQ(pinned_channel(fs, "/a/src/deep"), "nightly-2024-05-01");
  fs.add_file("/b/rust-toolchain", "1.75.0\n");
  EXPECT_EQ(pinned_channel(fs, "/b"), "1.75.0") << "the legacy one-line file";
  fs.add_file("/c/rust-toolchain", "[toolchain]\nchannel = \"beta\"\n");
  fs.add_file("/c/rust-toolchain.toml", "[toolchain]\nchannel = \"stable\"\n");
  EXPECT_EQ(pinned_channel(fs, "/c"), "beta") << "rustup prefers rust-toolchain";
  fs.add_file("/d/rust-toolchain.toml", "[toolchain]\nchannel = \"stable\"\n");
  fs.add_file("/d/e/rust-toolchain.toml", "[toolchain]\nchannel = \"nightly\"\n");
  EXPECT_EQ(pinned_channel(fs, "/d/e/f"), "nightly") << "the nearest file";
  EXPECT_EQ(pinned_channel(fs, "/nowhere"), "");
}

TEST(HostileToolchainFile, PathsAndOddNamesPinNothing) {
  base::MemoryFileSystem fs;
  fs.add_file("/p/rust-toolchain.toml", "[toolchain]\nchannel = \"nightly\"\npath = \"/evil\"\n");
  fs.add_file("/q/rust-toolchain.toml", "[toolchain]\nchannel = \"../../../tmp/evil\"\n");
  fs.add_file("/r/rust-toolchain", "/abs/toolchain\n");
  fs.add_file("/s/rust-toolchain", ".hidden\n");
  fs.add_file("/t/rust-toolchain", "nightly\nmore lines\n");
  fs.add_file("/u/rust-toolchain.toml", "nightly\n");  // not TOML: no legacy form here
  fs.add_file("/v/rust-toolchain.toml", "[toolchain]\nchannel = 7\n");
  for (const char* dir : {"/p", "/q", "/r", "/s", "/t", "/u", "/v"}) {
    EXPECT_EQ(pinned_channel(fs, dir), "") << dir;
  }
  fs.add_file("/w/rust-toolchain.toml", "[toolchain]\npath = \"/evil\"\n");
  fs.add_file("/rust-toolchain.toml", "[toolchain]\nchannel = \"stable\"\n");
  EXPECT_EQ(pinned_channel(fs, "/w"), "") << "the nearest file decides, even with no channel";
}

TEST(ProjectToolchainFile, InstalledChannelLibrary) {
  const std::string toolchains = "/home/u/.rustup/toolchains/";
  const std::string sysroot = toolchains + "stable-x86_64-unknown-linux-gnu";
  const std::string src = "/lib/rustlib/src/rust/library";
  base::MemoryFileSystem fs;
  fs.add_file(toolchains + "nightly-x86_64-unknown-linux-gnu" + src + "/core/src/lib.rs", "");
  fs.add_file(toolchains + "mine" + src + "/core/src/lib.rs", "");
  fs.add_file(toolchains + "beta-x86_64-unknown-linux-gnu/lib/rustlib/x86_64-unknown-linux-gnu/x",
              "");
  EXPECT_EQ(installed_channel_library(fs, sysroot, "nightly"),
            toolchains + "nightly-x86_64-unknown-linux-gnu" + src);
  EXPECT_EQ(installed_channel_library(fs, sysroot, "mine"), toolchains + "mine" + src)
      << "a custom (linked) toolchain";
  EXPECT_EQ(installed_channel_library(fs, sysroot, "beta"), "") << "no rust-src";
  EXPECT_EQ(installed_channel_library(fs, sysroot, "1.70.0"), "") << "not installed";
  EXPECT_EQ(installed_channel_library(fs, sysroot, ""), "");
  EXPECT_EQ(installed_channel_library(fs, "/usr", "nightly"), "") << "not a rustup toolchain";
}

TEST(ProjectToolchainFile, StdSourcesFollowThePin) {
  const std::string toolchains = "/home/u/.rustup/toolchains/";
  const std::string src = "/lib/rustlib/src/rust/library";
  testing::FakeHost h;
  h.program("rustc --print sysroot", toolchains + "stable-x86_64-unknown-linux-gnu\n");
  h.file(toolchains + "stable-x86_64-unknown-linux-gnu" + src + "/core/src/lib.rs");
  h.file(toolchains + "nightly-x86_64-unknown-linux-gnu" + src + "/core/src/lib.rs");
  h.file("/p/rust-toolchain.toml", "[toolchain]\nchannel = \"nightly\"\n");
  LazyToolchain toolchain(h);
  EXPECT_EQ(find_sysroot_library(h, toolchain, "/p/src"),
            toolchains + "nightly-x86_64-unknown-linux-gnu" + src);
  EXPECT_EQ(find_sysroot_library(h, toolchain, "/elsewhere"),
            toolchains + "stable-x86_64-unknown-linux-gnu" + src);
  ASSERT_EQ(h.calls.size(), 1u) << "nothing of the pinned toolchain runs";
  EXPECT_EQ(h.calls[0].argv.at(0), "rustc");
  EXPECT_EQ(h.calls[0].cwd, "/");
}

}  // namespace
}  // namespace ferret::project
