// Tokens of Rust source: the kinds, the flat token record, and keyword tables.
//
// The lexer turns text into one flat array of Token (kind, byte offset, length).
// Whitespace and ordinary comments are not tokens; doc comments are (they are
// attributes). Punctuation is one token per character: the parser glues `::`,
// `->`, `>>=` … from adjacent tokens (two tokens are adjacent when the first ends
// where the second starts), which keeps `Vec<Vec<u8>>` and `&&x` simple.
#pragma once

#include <cstdint>
#include <string_view>

namespace ferret::syntax {

enum class Edition : uint8_t { E2015, E2018, E2021, E2024 };

enum class TokenKind : uint8_t {
  Eof,
  Error,     // a byte sequence that is no token (stray char, invalid UTF-8)
  Ident,     // identifiers, incl. raw `r#x` (flag Raw) and weak keywords (union, auto, default…)
  Lifetime,  // 'a, 'static, '_, 'r#a
  // Literals. A suffix (`1u8`, `"x"suffix`) is part of the token.
  IntLit,
  FloatLit,
  CharLit,
  ByteLit,
  StrLit,
  ByteStrLit,
  CStrLit,
  RawStrLit,
  RawByteStrLit,
  RawCStrLit,
  // Doc comments: `///`, `/** */` (outer) and `//!`, `/*! */` (inner).
  OuterDoc,
  InnerDoc,
  // Strict keywords (all editions).
  KwAs,
  KwBreak,
  KwConst,
  KwContinue,
  KwCrate,
  KwElse,
  KwEnum,
  KwExtern,
  KwFalse,
  KwFn,
  KwFor,
  KwIf,
  KwImpl,
  KwIn,
  KwLet,
  KwLoop,
  KwMatch,
  KwMod,
  KwMove,
  KwMut,
  KwPub,
  KwRef,
  KwReturn,
  KwSelfValue,  // self
  KwSelfType,   // Self
  KwStatic,
  KwStruct,
  KwSuper,
  KwTrait,
  KwTrue,
  KwType,
  KwUnsafe,
  KwUse,
  KwWhere,
  KwWhile,
  // Strict keywords from 2018 on (identifiers in 2015).
  KwAsync,
  KwAwait,
  KwDyn,
  // Reserved keywords (all editions), then `try` (2018+) and `gen` (2024+).
  KwAbstract,
  KwBecome,
  KwBox,
  KwDo,
  KwFinal,
  KwMacro,
  KwOverride,
  KwPriv,
  KwTypeof,
  KwUnsized,
  KwVirtual,
  KwYield,
  KwTry,
  KwGen,
  // Punctuation, one character each.
  Plus,       // +
  Minus,      // -
  Star,       // *
  Slash,      // /
  Percent,    // %
  Caret,      // ^
  Bang,       // !
  Amp,        // &
  Pipe,       // |
  Eq,         // =
  Lt,         // <
  Gt,         // >
  At,         // @
  Dot,        // .
  Comma,      // ,
  Semi,       // ;
  Colon,      // :
  Pound,      // #
  Dollar,     // $
  Question,   // ?
  Tilde,      // ~
  Underscore, // _
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  Count_
};

inline constexpr int kTokenKindCount = static_cast<int>(TokenKind::Count_);

// Token flags.
enum : uint8_t {
  kTokRaw = 1,           // raw identifier `r#ident` or raw lifetime `'r#a`
  kTokUnterminated = 2,  // string, char or block comment without its end (an error was reported)
  kTokBlockDoc = 4,      // doc comment written as /** */ or /*! */
};

struct Token {
  uint32_t start = 0;  // byte offset in the text
  uint32_t len = 0;    // byte length
  TokenKind kind = TokenKind::Eof;
  uint8_t flags = 0;

  uint32_t end() const { return start + len; }
};

// Name of a token kind for dumps and messages: keywords and punctuation as written
// ("fn", "::" is not a kind), others by name ("IDENT", "INT_LIT").
std::string_view token_kind_name(TokenKind k);

inline bool is_keyword(TokenKind k) {
  return k >= TokenKind::KwAs && k <= TokenKind::KwGen;
}
inline bool is_literal(TokenKind k) {
  return k >= TokenKind::IntLit && k <= TokenKind::RawCStrLit;
}
inline bool is_string_literal(TokenKind k) {
  return k >= TokenKind::StrLit && k <= TokenKind::RawCStrLit;
}

// The keyword spelled `text` in `edition`, or Ident. Weak keywords (union, auto,
// default, macro_rules, raw, safe…) are identifiers here; the parser recognizes
// them by text where they matter.
TokenKind keyword_kind(std::string_view text, Edition edition);

}  // namespace ferret::syntax
