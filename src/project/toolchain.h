// The toolchain ferret runs (docs/DESIGN.md §2, README "Trust"): `rustc` and `cargo` chosen
// without the project's say. The user's rustc (`$RUSTC`, else `rustc` on PATH) is asked
// for its sysroot from the neutral folder "/", where rustup sees no rust-toolchain file
// of the project (whose `path` would name any program) and cargo no `.cargo/config.toml`
// of it; the binaries are then the sysroot's own `bin/rustc` and `bin/cargo` where they
// exist (`$CARGO` when the user set it). Every process is started from "/" with the same
// pins: RUSTUP_TOOLCHAIN = the sysroot (rustup proxies ignore the project's overrides),
// RUSTC = the chosen rustc, RUSTC_WRAPPER and RUSTC_WORKSPACE_WRAPPER empty.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "project/host.h"

namespace ferret::project {

inline constexpr const char* kNeutralDirectory = "/";
inline constexpr int kRustcProbeTimeoutMs = 5000;

struct Toolchain {
  std::string sysroot;  // absolute, or "" when rustc could not be run or did not say
  std::string rustc;    // an absolute path, or the name looked up on PATH
  std::string cargo;
  std::vector<std::pair<std::string, std::string>> env;  // what every process gets
};

Toolchain resolve_toolchain(const Host& host);

// `argv` (argv[0] one of the toolchain's binaries) from the neutral folder with the
// toolchain's environment.
Command toolchain_command(const Toolchain& toolchain, std::vector<std::string> argv,
                          int timeout_ms);

// Resolves on first use, then keeps the answer (a lone file with RUST_SRC_PATH set
// needs no rustc at all).
class LazyToolchain {
 public:
  explicit LazyToolchain(const Host& host) : host_(host) {}
  const Toolchain& get();

 private:
  const Host& host_;
  std::optional<Toolchain> toolchain_;
};

}  // namespace ferret::project
