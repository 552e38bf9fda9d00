// The Rust edition a Cargo manifest declares, read with toml++.
#pragma once

#include <optional>
#include <string_view>

namespace ferret::project {

// The edition year of `[package] edition` (2015, 2018, 2021, 2024). A manifest without
// the key means 2015, as Cargo says; text that is not TOML, or has no [package], gives
// nullopt. Workspace inheritance (`edition.workspace = true`) gives nullopt too: the
// caller looks at the workspace root.
std::optional<int> manifest_edition(std::string_view manifest_text);

}  // namespace ferret::project
