// The lexer: Rust source bytes -> flat token array, for every edition 2015–2024.
//
// It never fails and never stops early: a byte sequence that is no token becomes an
// Error token, an unterminated string or comment runs to the end of the text (flag
// kTokUnterminated), and each such problem is also reported as a SyntaxError. A
// leading UTF-8 BOM and a shebang line are skipped. The array ends with one Eof token
// at the end of the text.
#pragma once

#include <string_view>
#include <vector>

#include "syntax/syntax_error.h"
#include "syntax/token.h"

namespace ferret::syntax {

struct LexResult {
  std::vector<Token> tokens;  // ends with Eof
  std::vector<SyntaxError> errors;  // the first kMaxKeptSyntaxErrors
  size_t error_count = 0;           // all of them
};

LexResult lex(std::string_view text, Edition edition);

}  // namespace ferret::syntax
