// A hostile project for the trust tests (trust_test.cc): a small crate whose answers are
// known, marker programs that record it when anything runs them, and the two ways a
// repository names programs for the Rust tools: a .cargo/config.toml with a marker in
// every key cargo has for a program (and the keys that load code into rustc), and a
// rust-toolchain.toml whose toolchain `path` holds a marker `rustc` and `cargo`; and
// marker `rustc` and `cargo` in the project's own folders.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "support/run_program.h"
#include "support/temp_dir.h"

namespace ferret::testing {

// The crate's src/lib.rs. Known answers (racer's 1-based LINE, 0-based COL):
// 4:11 `s.push_` completes std's push_str; 5:14 `hostile_he` completes hostile_helper;
// 7:25 is a call of hostile_helper, defined at 1:7.
inline constexpr const char* kTrustLib =
    "pub fn hostile_helper() -> u32 { 1 }\n"
    "pub fn probe() -> u32 {\n"
    "    let s = String::new();\n"
    "    s.push_\n"
    "    hostile_he\n"
    "}\n"
    "pub fn call() -> u32 { hostile_helper() }\n";

// rustup's proxy, emulated: unless RUSTUP_TOOLCHAIN is set, the nearest
// rust-toolchain.toml at or above the working folder picks the toolchain, and its `path`
// names the binaries; else `$real` runs.
inline constexpr const char* kRustupProxy = R"sh(tool=$(basename "$0")
if [ -z "$RUSTUP_TOOLCHAIN" ]; then
  dir=$(pwd)
  while :; do
    if [ -f "$dir/rust-toolchain.toml" ]; then
      path=$(sed -n 's/^ *path *= *"\(.*\)" *$/\1/p' "$dir/rust-toolchain.toml")
      [ -n "$path" ] && exec "$path/bin/$tool" "$@"
      break
    fi
    [ "$dir" = / ] && break
    dir=$(dirname "$dir")
  done
fi
exec "$real" "$@"
)sh";

class TrustProject {
 public:
  TrustProject() : dir_("trust") {
    dir_.write("proj/Cargo.toml",
               "[package]\nname = \"hostile\"\nversion = \"0.1.0\"\nedition = \"2021\"\n");
    dir_.write("proj/src/lib.rs", kTrustLib);
    std::filesystem::create_directories(markers());
  }

  std::string root() const { return dir_.str() + "/proj"; }
  std::string markers() const { return dir_.str() + "/markers"; }

  // A program that records its name and arguments in the marker folder, then fails.
  std::string marker_program(const std::string& name) const {
    std::string path = dir_.write("bin/" + name, "#!/bin/sh\necho \"" + name + " $*\" >> \"" +
                                                     markers() + "/" + name + "\"\nexit 1\n");
    std::filesystem::permissions(path, std::filesystem::perms::owner_all);
    return path;
  }

  // Every key of a cargo config that names a program, or loads code into one.
  void write_hostile_cargo_config(const std::string& marker_library) const {
    auto m = [this](const std::string& name) { return "\"" + marker_program(name) + "\""; };
    std::string load_library = "[\"-Zcodegen-backend=" + marker_library + "\"]";
    std::vector<std::string> lines = {
        "[build]",
        "rustc = " + m("build-rustc"),
        "rustc-wrapper = " + m("build-rustc-wrapper"),
        "rustc-workspace-wrapper = " + m("build-rustc-workspace-wrapper"),
        "rustdoc = " + m("build-rustdoc"),
        "rustflags = " + load_library,
        "[env]",
        "LD_PRELOAD = \"" + marker_library + "\"",
        "RUSTC_BOOTSTRAP = \"1\"",
        "FERRET_HOSTILE_MARKERS = \"" + markers() + "\"",
        "[alias]",
        "metadata = [" + m("alias-metadata") + "]",
        "b = [" + m("alias-b") + "]",
        "[target.'cfg(all())']",
        "runner = " + m("cfg-runner"),
        "rustflags = " + load_library,
        "[registry]",
        "global-credential-providers = [" + m("global-credential-provider") + "]",
        "[registries.hostile]",
        "index = \"sparse+https://hostile.invalid/index/\"",
        "credential-provider = [" + m("registry-credential-provider") + "]",
        "[credential-alias]",
        "hostile = [" + m("credential-alias") + "]",
        "[doc]",
        "browser = " + m("doc-browser"),
        "[net]",
        "git-fetch-with-cli = true",
    };
    for (const char* triple : {"x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu"}) {
      lines.push_back(std::string("[target.") + triple + "]");
      lines.push_back("runner = " + m("target-runner"));
      lines.push_back("linker = " + m("target-linker"));
      lines.push_back("ar = " + m("target-ar"));
      lines.push_back("rustflags = " + load_library);
    }
    std::string text;
    for (const std::string& line : lines) text += line + "\n";
    dir_.write("proj/.cargo/config.toml", text);
  }

  // rust-toolchain.toml naming a toolchain folder whose rustc and cargo are markers.
  void write_toolchain_path() const {
    std::string toolchain = dir_.str() + "/hostile-toolchain";
    std::filesystem::create_directories(toolchain + "/lib");
    std::filesystem::create_directories(toolchain + "/bin");
    for (const char* tool : {"rustc", "cargo", "rustdoc"}) {
      std::string bin = toolchain + "/bin/" + tool;
      std::filesystem::copy_file(marker_program(std::string("toolchain-") + tool), bin);
      std::filesystem::permissions(bin, std::filesystem::perms::owner_all);
    }
    dir_.write("proj/rust-toolchain.toml", "[toolchain]\npath = \"" + toolchain + "\"\n");
  }

  // Marker `rustc` and `cargo` in the project's folders, for a PATH with relative or
  // empty entries (an empty one means the working folder).
  void write_tools_into_the_project() const {
    for (const auto& [folder, marker] :
         {std::pair{"proj", "project-"}, {"proj/src", "project-src-"}}) {
      for (const char* tool : {"rustc", "cargo"}) {
        std::string bin = dir_.str() + "/" + folder + "/" + tool;
        std::filesystem::copy_file(marker_program(std::string(marker) + tool), bin);
        std::filesystem::permissions(bin, std::filesystem::perms::owner_all);
      }
    }
  }

  // A folder of `rustc` and `cargo` that do what rustup's proxies do, for machines
  // without rustup (kRustupProxy); each then runs the real tool found on PATH now.
  std::string emulated_rustup_proxies() const {
    for (const char* tool : {"rustc", "cargo"}) {
      std::string script = "#!/bin/sh\nreal='" + which(tool) + "'\n" + kRustupProxy;
      std::string path = dir_.write(std::string("rustup-proxies/") + tool, script);
      std::filesystem::permissions(path, std::filesystem::perms::owner_all);
    }
    return dir_.str() + "/rustup-proxies";
  }

  // "" when nothing ran; else each marker left, with what it recorded.
  std::string markers_left() const {
    std::string out;
    for (const auto& entry : std::filesystem::directory_iterator(markers())) {
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      out += entry.path().filename().string() + ": " + text.str();
    }
    return out;
  }

  // ferret with no cache (every command loads the project afresh), from the project
  // folder as an editor would start it.
  RunResult ferret(std::vector<std::string> args,
                   std::vector<std::pair<std::string, std::string>> env = {}) const {
    args.insert(args.begin(), FERRET_BINARY);
    env.emplace_back("FERRET_CACHE_DIR", "off");
    return run_program(args, {.cwd = root(), .env = env, .timeout_ms = 300000});
  }

  // The absolute path of a program on PATH, or `name` itself.
  static std::string which(const std::string& name) {
    RunResult r = run_program({"sh", "-c", "command -v " + name});
    std::string path = r.out.substr(0, r.out.find('\n'));
    return path.empty() ? name : path;
  }

 private:
  TempDir dir_;
};

}  // namespace ferret::testing
