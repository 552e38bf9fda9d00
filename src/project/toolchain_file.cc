// Reading rust-toolchain files as data (see toolchain_file.h).
#include "project/toolchain_file.h"

#include <toml++/toml.h>

#include "project/paths.h"

namespace ferret::project {
namespace {

// The host whose cfg ferret evaluates (base::CfgOptions::host_target), as rustup
// suffixes toolchain names with it.
constexpr const char* kHostTriple = "x86_64-unknown-linux-gnu";

bool is_plain_name(const std::string& name) {
  if (name.empty() || name.front() == '.' || name.size() > 200) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string trimmed(const std::string& s) {
  size_t begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  size_t end = s.find_last_not_of(" \t\r\n");
  return s.substr(begin, end - begin + 1);
}

// The channel a toolchain file names; `legacy`: a `rust-toolchain` file, which may
// also be a bare toolchain name on one line.
std::string channel_of(const std::string& text, const std::string& path, bool legacy) {
  try {
    toml::table root = toml::parse(text, path);
    const toml::table* toolchain = root["toolchain"].as_table();
    if (toolchain == nullptr || toolchain->contains("path")) return "";
    return (*toolchain)["channel"].value<std::string>().value_or("");
  } catch (const std::exception&) {
    return legacy ? trimmed(text) : "";
  }
}

}  // namespace

std::string pinned_channel(const base::FileSystem& fs, const std::string& dir) {
  for (std::string d = normalize_path(dir); !d.empty(); d = parent_path(d)) {
    for (const char* name : {"rust-toolchain", "rust-toolchain.toml"}) {
      std::string path = join_path(d, name);
      if (!fs.is_file(path)) continue;
      base::FileText text = fs.read_file(path);
      if (!text) return "";
      std::string channel = channel_of(*text, path, std::string(name) == "rust-toolchain");
      return is_plain_name(channel) ? channel : "";
    }
    if (d == "/") break;
  }
  return "";
}

std::string installed_channel_library(const base::FileSystem& fs, const std::string& sysroot,
                                      const std::string& channel) {
  std::string toolchains = parent_path(sysroot);
  if (!is_plain_name(channel) || file_name(toolchains) != "toolchains") return "";
  for (const std::string& name : {channel + "-" + kHostTriple, channel}) {
    std::string library = join_path(toolchains, name + "/lib/rustlib/src/rust/library");
    if (fs.is_file(join_path(library, "core/src/lib.rs"))) return library;
  }
  return "";
}

}  // namespace ferret::project
