// The project's rust-toolchain file, read as data (never handed to rustup, whose
// `[toolchain] path` would name any program): the channel it pins, so std's sources
// can match the toolchain the project builds with when rustup has it installed beside
// the user's own. Nothing of that toolchain runs; ferret still runs the user's
// (toolchain.h).
#pragma once

#include <string>

#include "base/file_system.h"

namespace ferret::project {

// The channel of the nearest `rust-toolchain` or `rust-toolchain.toml` at or above `dir`
// (rustup's search: the former wins in one folder): `[toolchain] channel`, or the legacy
// file's one line. "" when there is none, it names a `path` instead, or the name is not
// a plain toolchain name ([A-Za-z0-9._-], not starting with '.').
std::string pinned_channel(const base::FileSystem& fs, const std::string& dir);

// The std `library` folder of the toolchain `channel` installed in the rustup toolchains
// folder that holds `sysroot` (`CHANNEL-x86_64-unknown-linux-gnu`, or a custom toolchain
// named CHANNEL), when it has the rust-src component; else "".
std::string installed_channel_library(const base::FileSystem& fs, const std::string& sysroot,
                                      const std::string& channel);

}  // namespace ferret::project
