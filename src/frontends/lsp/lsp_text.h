// The LSP boundary for text: positions (line, character in UTF-16 code units or UTF-8
// bytes, as negotiated) to byte offsets and back, and file:// URIs to paths and back.
// Inside ferret everything is bytes; only this file knows UTF-16.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/line_index.h"

namespace ferret::lsp {

enum class PositionEncoding { Utf16, Utf8 };

struct LspPosition {
  uint32_t line = 0;       // 0-based
  uint32_t character = 0;  // 0-based, in the encoding's units
};

// Out-of-range positions clamp: a line past the end to the end of the text, a
// character past the end of its line to the line's end (LSP 3.17), a character inside
// a multi-unit character back to its start.
uint32_t to_offset(std::string_view text, const base::LineIndex& lines, LspPosition p, PositionEncoding enc);
LspPosition to_position(std::string_view text, const base::LineIndex& lines, uint32_t offset, PositionEncoding enc);

// The length of s in the encoding's units (UTF-16: 2 for characters past U+FFFF;
// a byte of invalid UTF-8 counts as one unit).
uint32_t unit_length(std::string_view s, PositionEncoding enc);

// `file:///a%20b/c.rs` -> `/a b/c.rs`; nullopt for other schemes or a malformed URI.
std::optional<std::string> uri_to_path(std::string_view uri);
std::string path_to_uri(std::string_view path);

}  // namespace ferret::lsp
