// How deeply a JSON text nests, measured before it is parsed: copying, printing and
// comparing parsed JSON recurse once per level, so the server refuses messages nested
// deeper than any LSP message is instead of overflowing its stack on them.
#pragma once

#include <cstddef>
#include <string_view>

namespace ferret::lsp {

// LSP's own messages nest about ten levels; completion items echoed back a few more.
constexpr size_t kMaxJsonDepth = 64;

// The deepest nesting of arrays and objects in `text` (brackets inside strings do not
// count). The text need not be valid JSON.
size_t json_nesting_depth(std::string_view text);

}  // namespace ferret::lsp
