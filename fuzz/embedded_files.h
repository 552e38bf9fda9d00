// Files compiled into the fuzzers (fuzz/CMakeLists.txt generates their bytes at
// configure time): the minicore as a sysroot's `library` folder and examples/hello's
// sources, each at the virtual path it has in a fuzzer's memory world. No fuzzer
// reads the disk.
#pragma once

#include <cstddef>
#include <string_view>

namespace ferret::fuzz {

struct EmbeddedFile {
  const char* path;  // virtual, absolute
  const unsigned char* data;
  size_t size;
  std::string_view text() const { return {reinterpret_cast<const char*>(data), size}; }
};

extern const EmbeddedFile kEmbeddedFiles[];
extern const size_t kEmbeddedFileCount;

}  // namespace ferret::fuzz
