// A half-open range of byte offsets [start, end) into a text.
#pragma once

#include <cstdint>

namespace ferret::syntax {

struct TextRange {
  uint32_t start = 0;
  uint32_t end = 0;

  uint32_t size() const { return end - start; }
  bool contains(uint32_t offset) const { return start <= offset && offset < end; }
  // Like contains, but also true at `end` (a cursor right after the range touches it).
  bool touches(uint32_t offset) const { return start <= offset && offset <= end; }
  bool operator==(const TextRange&) const = default;
};

}  // namespace ferret::syntax
