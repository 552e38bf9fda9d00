// Token streams for macro expansion: tokens with their own text (so a stream can mix
// tokens of a definition, of a call and made-up ones), where each token came from in
// real source, and the partner of every delimiter. Built by lexing source text or by
// appending tokens one by one; a stream's text is what an expansion parses.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sema/def.h"
#include "syntax/token.h"

namespace ferret::sema {

// Where a token was written: a byte in a real (not macro-generated) file.
struct TokenOrigin {
  FileId file = kNoIndex;  // kNoIndex: made up by the expander
  uint32_t offset = 0;
};

struct TokenStream {
  std::string text;
  std::vector<syntax::Token> tokens;  // into `text`; no Eof
  std::vector<TokenOrigin> origins;   // one per token
  std::vector<uint32_t> partner;      // opener <-> closer; kNoIndex for other tokens

  uint32_t size() const { return static_cast<uint32_t>(tokens.size()); }
  std::string_view token_text(uint32_t i) const { return std::string_view(text).substr(tokens[i].start, tokens[i].len); }
  syntax::TokenKind kind(uint32_t i) const { return tokens[i].kind; }
  // Whether token i+1 follows token i with no space (`::`, `->`, `=>` are glued so).
  bool joint(uint32_t i) const { return i + 1 < size() && tokens[i].end() == tokens[i + 1].start; }
  // The space written between token i and i+1.
  std::string_view gap_after(uint32_t i) const {
    return std::string_view(text).substr(tokens[i].end(), tokens[i + 1].start - tokens[i].end());
  }
};

class TokenStreamBuilder {
 public:
  // Appends a token written as `text`, preceded by `space` (whitespace).
  void append(syntax::TokenKind kind, std::string_view text, TokenOrigin origin, std::string_view space = " ");
  size_t size() const { return stream_.tokens.size(); }
  size_t text_size() const { return stream_.text.size(); }
  // Pairs the delimiters and returns the stream.
  TokenStream finish();

 private:
  TokenStream stream_;
};

bool is_open_delimiter(syntax::TokenKind k);
bool is_close_delimiter(syntax::TokenKind k);

// Lexes source text into a stream. `origin_of(offset)` says where the byte at `offset`
// of `text` really is. Doc comments become the attributes they mean (`#[doc = "…"]`,
// `#![doc = "…"]`) as in rustc's macro input; whitespace between tokens is kept,
// comments become a space.
TokenStream lex_token_stream(std::string_view text, syntax::Edition edition,
                             const std::function<TokenOrigin(uint32_t)>& origin_of);

}  // namespace ferret::sema
