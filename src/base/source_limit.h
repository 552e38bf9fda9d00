// The largest source text ferret analyzes, one limit wherever a text enters: files read
// from disk (a crate's modules, manifests, lock files), SUBSTITUTE files and standard
// input, LSP documents, the C library's buffers. Beyond it a file reads as empty (the
// rest of its crate still answers) and the front end says why. The largest real Rust
// files are generated bindings of a few MB (the windows crate's reach 4 MB, std's
// avx512f.rs 2.6 MB); parsing costs tens of bytes of memory per byte of text.
#pragma once

#include <cstddef>
#include <string>

namespace ferret::base {

inline constexpr size_t kMaxSourceBytes = size_t{8} << 20;  // 8 MiB

// "larger than ferret's 8 MiB limit for source files": why such a text is declined.
inline std::string source_too_large_reason() {
  return "larger than ferret's " + std::to_string(kMaxSourceBytes >> 20) +
         " MiB limit for source files";
}

}  // namespace ferret::base
