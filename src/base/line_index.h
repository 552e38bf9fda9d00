// Line index of a text: byte offset <-> (line, column) in docs/PROTOCOL.md's convention:
// lines are 1-based and split on '\n'; columns are 0-based byte counts (a '\r' before
// the '\n' is not part of the line). Out-of-range input is clamped, never an error.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace ferret::base {

struct LineCol {
  uint32_t line = 1;  // 1-based
  uint32_t col = 0;   // 0-based, bytes
};

class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }
  LineCol line_col(uint32_t offset) const;
  // The offset of (line, col): a line past the end clamps to the end of the text, a
  // column past the end of its line to the line's end, a column inside a multi-byte
  // UTF-8 character back to that character's first byte.
  uint32_t offset(uint32_t line, uint32_t col) const;
  // The line's text without its '\n' (and without a '\r' before it).
  std::string_view line_text(uint32_t line) const;

 private:
  std::string_view text_;
  std::vector<uint32_t> line_starts_;
};

}  // namespace ferret::base
