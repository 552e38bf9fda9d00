// Line starts computed once; lookups by binary search.
#include "base/line_index.h"

#include <algorithm>
#include <cstring>

namespace ferret::base {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  line_starts_.reserve(text.size() / 32 + 1);
  line_starts_.push_back(0);
  const char* begin = text.data();
  const char* end = begin + text.size();
  for (const char* p = begin; p < end;) {
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (nl == nullptr) break;
    p = static_cast<const char*>(nl) + 1;
    line_starts_.push_back(static_cast<uint32_t>(p - begin));
  }
}

LineCol LineIndex::line_col(uint32_t offset) const {
  if (offset > text_.size()) offset = static_cast<uint32_t>(text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - line_starts_.begin());  // 1-based
  return {line, offset - line_starts_[line - 1]};
}

std::string_view LineIndex::line_text(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  uint32_t start = line_starts_[line - 1];
  uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1
                                            : static_cast<uint32_t>(text_.size());
  if (end > start && text_[end - 1] == '\r' && line < line_starts_.size()) --end;
  return text_.substr(start, end - start);
}

uint32_t LineIndex::offset(uint32_t line, uint32_t col) const {
  if (line == 0) line = 1;
  if (line > line_starts_.size()) return static_cast<uint32_t>(text_.size());
  std::string_view lt = line_text(line);
  uint32_t start = line_starts_[line - 1];
  if (col > lt.size()) col = static_cast<uint32_t>(lt.size());
  // Back up over UTF-8 continuation bytes to a character boundary.
  while (col > 0 && (static_cast<unsigned char>(lt[col]) & 0xC0) == 0x80 && col < lt.size()) {
    --col;
  }
  return start + col;
}

}  // namespace ferret::base
