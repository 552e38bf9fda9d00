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

// A one-line TOML basic string, escaped by toml++ (also usable as a quoted key).
std::string toml_string(const std::string& s) {
  std::ostringstream out;
  out << toml::toml_formatter(toml::value<std::string>(s), toml::format_flags::none);
  return out.str();
}

}  // namespace

std::string cargo_config_file(const base::FileSystem& fs, const std::string& cargo_dir) {
  for (const char* name : {"config", "config.toml"}) {
    std::string path = join_path(cargo_dir, name);
    if (fs.is_file(path)) return path;
  }
  return "";
}

std::vector<SourceSetting> read_source_settings(const base::FileSystem& fs,
                                                const std::string& config_path,
                                                const std::string& relative_to) {
  std::vector<SourceSetting> out;
  base::FileText text = fs.read_file(config_path);
  if (!text) return out;
  try {
    toml::table root = toml::parse(*text, config_path);
    const toml::table* sources = root["source"].as_table();
    if (sources == nullptr) return out;
    for (const auto& [name, value] : *sources) {
      const toml::table* source = value.as_table();
      if (source == nullptr) continue;
      for (const char* key : kSourceKeys) {
        std::optional<std::string> v = (*source)[key].value<std::string>();
        if (!v) continue;
        SourceSetting setting{std::string(name.str()), key, *v};
        if (setting.is_path()) setting.value = join_path(relative_to, *v);
        out.push_back(std::move(setting));
      }
    }
  } catch (const std::exception&) {
    out.clear();  // a broken config file says nothing
  }
  return out;
}

std::vector<std::string> cargo_source_config(const base::FileSystem& fs,
                                             const std::string& manifest_dir) {
  std::vector<std::string> dirs;  // nearest first
  for (std::string dir = normalize_path(manifest_dir); !dir.empty(); dir = parent_path(dir)) {
    dirs.push_back(dir);
    if (dir == "/") break;
  }
  std::vector<std::string> out;
  for (auto it = dirs.rbegin(); it != dirs.rend(); ++it) {
    std::string config = cargo_config_file(fs, join_path(*it, ".cargo"));
    if (config.empty()) continue;
    for (const SourceSetting& s : read_source_settings(fs, config, *it)) {
      out.push_back("source." + toml_string(s.source) + "." + s.key + "=" + toml_string(s.value));
    }
  }
  return out;
}

}  // namespace ferret::project
