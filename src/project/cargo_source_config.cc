// Forwarding the project's source replacement to cargo as data (see cargo_source_config.h).
#include "project/cargo_source_config.h"

#include <toml++/toml.h>
#include <sstream>

#include "project/paths.h"

namespace ferret::project {
namespace {

// Keys of a `[source.NAME]` table that are plain data: where the sources are.
constexpr const char* kSourceKeys[] = {
    "replace-with", "directory", "local-registry", "registry", "git", "branch", "tag", "rev"};

bool is_path_key(const std::string& key) {
  return key == "directory" || key == "local-registry";
}

// A one-line TOML basic string, escaped by toml++ (also usable as a quoted key).
std::string toml_string(const std::string& s) {
  std::ostringstream out;
  out << toml::toml_formatter(toml::value<std::string>(s), toml::format_flags::none);
  return out.str();
}

// The config file cargo reads in `dir/.cargo`: `config` wins over `config.toml`.
std::string config_file_in(const base::FileSystem& fs, const std::string& dir) {
  for (const char* name : {".cargo/config", ".cargo/config.toml"}) {
    std::string path = join_path(dir, name);
    if (fs.is_file(path)) return path;
  }
  return "";
}

void add_source_entries(const base::FileSystem& fs, const std::string& config_path,
                        const std::string& relative_to, std::vector<std::string>& out) {
  base::FileText text = fs.read_file(config_path);
  if (!text) return;
  try {
    toml::table root = toml::parse(*text, config_path);
    const toml::table* sources = root["source"].as_table();
    if (sources == nullptr) return;
    for (const auto& [name, value] : *sources) {
      const toml::table* source = value.as_table();
      if (source == nullptr) continue;
      std::string prefix = "source." + toml_string(std::string(name.str())) + ".";
      for (const char* key : kSourceKeys) {
        std::optional<std::string> v = (*source)[key].value<std::string>();
        if (!v) continue;
        std::string data = is_path_key(key) ? join_path(relative_to, *v) : *v;
        out.push_back(prefix + key + "=" + toml_string(data));
      }
    }
  } catch (const std::exception&) {
    // A broken config file forwards nothing.
  }
}

}  // namespace

std::vector<std::string> cargo_source_config(const base::FileSystem& fs,
                                             const std::string& manifest_dir) {
  std::vector<std::string> dirs;  // nearest first
  for (std::string dir = normalize_path(manifest_dir); !dir.empty(); dir = parent_path(dir)) {
    dirs.push_back(dir);
    if (dir == "/") break;
  }
  std::vector<std::string> out;
  for (auto it = dirs.rbegin(); it != dirs.rend(); ++it) {
    std::string config = config_file_in(fs, *it);
    if (!config.empty()) add_source_entries(fs, config, *it, out);
  }
  return out;
}

}  // namespace ferret::project
