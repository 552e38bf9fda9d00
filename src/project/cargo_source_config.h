// The one part of the project's cargo configuration that cargo metadata is given:
// source replacement (`[source.NAME]`, what `cargo vendor` writes), so vendored projects
// still resolve offline. cargo runs from a neutral folder and reads none of the
// project's config files itself (toolchain.h); these files are read here as data, and
// only whitelisted keys with string values go on, as `--config` arguments. Nothing that
// names a program (build.rustc, wrappers, `[env]`, runners, linkers, credential
// providers, aliases, rustflags) can pass.
#pragma once

#include <string>
#include <vector>

#include "base/file_system.h"

namespace ferret::project {

// The config file cargo reads in a `.cargo` folder (or $CARGO_HOME): `config` wins over
// `config.toml`; "" when neither is a file.
std::string cargo_config_file(const base::FileSystem& fs, const std::string& cargo_dir);

// One string setting of a `[source.NAME]` table whose key is plain data (where the
// sources are: replace-with, directory, local-registry, registry, git, branch, tag, rev).
struct SourceSetting {
  std::string source;  // NAME
  std::string key;
  std::string value;  // `directory` and `local-registry` made absolute
  bool is_path() const { return key == "directory" || key == "local-registry"; }
};

// The source settings of one config file, paths made absolute against `relative_to`
// (the folder holding `.cargo`); an unreadable or broken file has none.
std::vector<SourceSetting> read_source_settings(const base::FileSystem& fs,
                                                const std::string& config_path,
                                                const std::string& relative_to);

// `KEY=VALUE` TOML expressions (e.g. `source."vendored-sources".directory="/p/vendor"`)
// from `.cargo/config` (else `.cargo/config.toml`) in `manifest_dir` and each folder above
// it, the farthest first so that the nearest wins as it does for cargo; relative
// `directory` and `local-registry` paths made absolute against the folder holding
// `.cargo`. Unreadable or broken files add nothing.
std::vector<std::string> cargo_source_config(const base::FileSystem& fs,
                                             const std::string& manifest_dir);

}  // namespace ferret::project
