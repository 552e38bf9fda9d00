// Content hashes for the persistent index: the key of a file's cached item tree is the
// hash of its bytes combined with whatever else the tree depends on (docs/DESIGN.md §6).
#pragma once

#include <cstdint>
#include <string_view>

namespace ferret::index {

// XXH3 (64 bits) of `bytes`. Stable across runs, processes and machines of either
// endianness, so it can name entries of the on-disk cache.
uint64_t content_hash(std::string_view bytes);

// A hash of the pair (a, b); order matters: combine_hash(a, b) != combine_hash(b, a)
// in general. Use it to fold extra inputs (edition, format flags…) into a key.
uint64_t combine_hash(uint64_t a, uint64_t b);

}  // namespace ferret::index
