// A syntax error: a byte offset into the text and a message. Errors are values the
// lexer and parser return beside their result; they never stop either of them.
#pragma once

#include <cstdint>
#include <string>

namespace ferret::syntax {

struct SyntaxError {
  uint32_t offset = 0;
  std::string message;
};

// Errors are reported in text order (a stable sort keeps each offset's in emission order).
inline bool by_offset(const SyntaxError& a, const SyntaxError& b) { return a.offset < b.offset; }

}  // namespace ferret::syntax
