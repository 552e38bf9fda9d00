// A syntax error: a byte offset into the text and a message. Errors are values the
// lexer and parser return beside their result; they never stop either of them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace ferret::syntax {

struct SyntaxError {
  uint32_t offset = 0;
  std::string message;
};

// The errors kept (with their messages) per lexed or parsed text; more are only counted.
// A hostile file can hold an error every byte: kept, they cost more than its tree.
inline constexpr size_t kMaxKeptSyntaxErrors = 1000;

// Errors are reported in text order (a stable sort keeps each offset's in emission order).
inline bool by_offset(const SyntaxError& a, const SyntaxError& b) { return a.offset < b.offset; }

}  // namespace ferret::syntax
