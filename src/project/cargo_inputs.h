// The files cargo (and rustup's proxy in front of it) read by name when `cargo metadata`
// runs in a folder: each of the folder's and its ancestors' Cargo.toml, Cargo.lock,
// .cargo/config, .cargo/config.toml, rust-toolchain and rust-toolchain.toml. One that
// exists but is not a regular file (a FIFO) would make cargo wait until its timeout, so
// the loader does not run cargo then and reads the manifests itself (never blocking).
#pragma once

#include <string>

#include "base/file_system.h"

namespace ferret::project {

// The first such file that is not a regular file, or "" when there is none.
std::string first_irregular_cargo_input(const base::FileSystem& fs, const std::string& dir);

}  // namespace ferret::project
