// Content hashes: XXH3 from the system's libxxhash.
#include "index/content_hash.h"

#include <xxhash.h>

namespace ferret::index {

uint64_t content_hash(std::string_view bytes) {
  return XXH3_64bits(bytes.data(), bytes.size());
}

uint64_t combine_hash(uint64_t a, uint64_t b) {
  // Hash the 16 bytes of (a, b) in a fixed (little-endian) order, so the result does not
  // depend on the host's byte order.
  unsigned char buf[16];
  for (int i = 0; i < 8; ++i) {
    buf[i] = static_cast<unsigned char>(a >> (8 * i));
    buf[8 + i] = static_cast<unsigned char>(b >> (8 * i));
  }
  return XXH3_64bits(buf, sizeof buf);
}

}  // namespace ferret::index
