// Reads `package.edition` from Cargo.toml text.
#include "project/manifest_edition.h"

#include <toml++/toml.h>

#include <charconv>

namespace ferret::project {

std::optional<int> manifest_edition(std::string_view manifest_text) {
  toml::table root;
  try {
    root = toml::parse(manifest_text);
  } catch (const toml::parse_error&) {
    return std::nullopt;
  }
  const toml::table* package = root["package"].as_table();
  if (package == nullptr) return std::nullopt;
  const toml::node* edition = package->get("edition");
  if (edition == nullptr) return 2015;
  if (auto s = edition->value<std::string>()) {
    int year = 0;
    auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), year);
    if (ec == std::errc() && p == s->data() + s->size()) return year;
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace ferret::project
