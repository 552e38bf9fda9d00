// Unit tests of the lexer, the keyword table and the Unicode helpers.
//
// Tokens are compared as text: `IDENT"foo" fn ( ) INT_LIT"1u8"`: keywords and
// punctuation by name, other kinds with their source text; flags as `+raw`,
// `+unterminated`, `+block`. Errors follow after ` ## ` as `offset:message`.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/lexer.h"
#include "syntax/token.h"
#include "syntax/unicode_xid.h"

namespace ferret::syntax {
namespace {

bool shows_text(TokenKind k) { return k < TokenKind::KwAs; }

std::string escaped(std::string_view s) {
  std::string out;
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    unsigned char c = static_cast<unsigned char>(*p);
    char32_t cp = 0;
    int n = decode_utf8(p, end, cp);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F || n == 0) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
      n = 1;
    } else {
      out.append(p, static_cast<size_t>(n));
    }
    p += n == 0 ? 1 : n;
  }
  return out;
}

// Structural invariants that hold for every input; returns "" or what is wrong.
std::string check_invariants(std::string_view text, const LexResult& r) {
  const auto& t = r.tokens;
  if (t.empty()) return "no tokens";
  const Token& eof = t.back();
  if (eof.kind != TokenKind::Eof || eof.start != text.size() || eof.len != 0) return "bad Eof";
  uint32_t pos = 0;
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if (t[i].kind == TokenKind::Eof) return "Eof before the end";
    if (t[i].len == 0) return "empty token at " + std::to_string(t[i].start);
    if (t[i].start < pos) return "overlap at " + std::to_string(t[i].start);
    if (t[i].end() > text.size()) return "token past the end";
    pos = t[i].end();
  }
  uint32_t last = 0;
  for (const SyntaxError& e : r.errors) {
    if (e.offset < last) return "errors out of order";
    if (e.offset > text.size()) return "error past the end";
    if (e.message.empty()) return "empty error message";
    last = e.offset;
  }
  // Each Error token is reported (possibly with other errors at the same offset).
  for (const Token& tok : t) {
    if (tok.kind != TokenKind::Error) continue;
    bool found = std::any_of(r.errors.begin(), r.errors.end(),
                             [&](const SyntaxError& e) { return e.offset == tok.start; });
    if (!found) return "unreported Error token at " + std::to_string(tok.start);
  }
  return "";
}

// Whether [b, e) is only whitespace and comments (the lexer's gaps between tokens).
bool is_trivia(std::string_view text, size_t b, size_t e) {
  const char* p = text.data() + b;
  const char* end = text.data() + e;
  while (p < end) {
    char c = *p;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      ++p;
    } else if (c == '/' && end - p > 1 && p[1] == '/') {
      while (p < end && *p != '\n') ++p;
    } else if (c == '/' && end - p > 1 && p[1] == '*') {
      int depth = 1;
      p += 2;
      while (p < end && depth > 0) {
        if (end - p > 1 && p[0] == '/' && p[1] == '*') {
          ++depth;
          p += 2;
        } else if (end - p > 1 && p[0] == '*' && p[1] == '/') {
          --depth;
          p += 2;
        } else {
          ++p;
        }
      }
    } else {
      char32_t cp = 0;
      int n = decode_utf8(p, end, cp);
      if (n == 0 || !(cp == 0x85 || cp == 0x200E || cp == 0x200F || cp == 0x2028 ||
                      cp == 0x2029)) {
        return false;
      }
      p += n;
    }
  }
  return true;
}

// Start of the first token a text may have: after a BOM and a shebang line.
size_t content_start(std::string_view text) {
  size_t b = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  return b;
}

std::string dump_result(std::string_view text, const LexResult& r) {
  std::string out;
  for (const Token& t : r.tokens) {
    if (t.kind == TokenKind::Eof) break;
    if (!out.empty()) out += ' ';
    out += token_kind_name(t.kind);
    if (t.flags & kTokRaw) out += "+raw";
    if (t.flags & kTokUnterminated) out += "+unterminated";
    if (t.flags & kTokBlockDoc) out += "+block";
    if (shows_text(t.kind)) out += '"' + escaped(text.substr(t.start, t.len)) + '"';
  }
  if (!r.errors.empty()) {
    out += " ##";
    for (const SyntaxError& e : r.errors) {
      out += ' ';
      out += std::to_string(e.offset);
      out += ':';
      out += e.message;
    }
  }
  return out;
}

// Lexes a copy of `text` in a heap block of exactly its size, so that under ASan a read
// past the end is caught (a string literal's NUL would hide it).
LexResult lex_exact(std::string_view text, Edition ed) {
  std::vector<char> copy(text.begin(), text.end());
  return lex(std::string_view(copy.data(), copy.size()), ed);
}

// Lexes and renders; checks the invariants on the way.
std::string lx(std::string_view text, Edition ed = Edition::E2021) {
  LexResult r = lex_exact(text, ed);
  std::string bad = check_invariants(text, r);
  EXPECT_EQ(bad, "") << "input: " << escaped(text);
  return dump_result(text, r);
}

std::string s15(std::string_view t) { return lx(t, Edition::E2015); }
std::string s18(std::string_view t) { return lx(t, Edition::E2018); }
std::string s24(std::string_view t) { return lx(t, Edition::E2024); }

// ---- token kind names and keywords ---------------------------------------------------

TEST(TokenKindName, EveryKindHasAName) {
  for (int i = 0; i < kTokenKindCount; ++i) {
    std::string_view name = token_kind_name(static_cast<TokenKind>(i));
    EXPECT_FALSE(name.empty()) << i;
    EXPECT_NE(name, "INVALID_KIND") << i;
  }
  EXPECT_EQ(token_kind_name(TokenKind::KwFn), "fn");
  EXPECT_EQ(token_kind_name(TokenKind::KwSelfType), "Self");
  EXPECT_EQ(token_kind_name(TokenKind::LParen), "(");
  EXPECT_EQ(token_kind_name(TokenKind::Underscore), "_");
  EXPECT_EQ(token_kind_name(TokenKind::RawCStrLit), "RAW_C_STR_LIT");
  EXPECT_EQ(token_kind_name(TokenKind::Eof), "EOF");
}

TEST(KeywordKind, RoundTripsWithNames) {
  // Every keyword kind's name is the keyword's spelling, and is a keyword in 2024.
  for (int i = static_cast<int>(TokenKind::KwAs); i <= static_cast<int>(TokenKind::KwGen); ++i) {
    auto k = static_cast<TokenKind>(i);
    EXPECT_EQ(keyword_kind(token_kind_name(k), Edition::E2024), k) << token_kind_name(k);
  }
}

TEST(KeywordKind, PerEdition) {
  struct Case {
    const char* word;
    TokenKind k15, k18, k21, k24;
  };
  const TokenKind I = TokenKind::Ident;
  const Case cases[] = {
      {"fn", TokenKind::KwFn, TokenKind::KwFn, TokenKind::KwFn, TokenKind::KwFn},
      {"Self", TokenKind::KwSelfType, TokenKind::KwSelfType, TokenKind::KwSelfType,
       TokenKind::KwSelfType},
      {"self", TokenKind::KwSelfValue, TokenKind::KwSelfValue, TokenKind::KwSelfValue,
       TokenKind::KwSelfValue},
      {"async", I, TokenKind::KwAsync, TokenKind::KwAsync, TokenKind::KwAsync},
      {"await", I, TokenKind::KwAwait, TokenKind::KwAwait, TokenKind::KwAwait},
      {"dyn", I, TokenKind::KwDyn, TokenKind::KwDyn, TokenKind::KwDyn},
      {"try", I, TokenKind::KwTry, TokenKind::KwTry, TokenKind::KwTry},
      {"gen", I, I, I, TokenKind::KwGen},
      {"abstract", TokenKind::KwAbstract, TokenKind::KwAbstract, TokenKind::KwAbstract,
       TokenKind::KwAbstract},
      {"yield", TokenKind::KwYield, TokenKind::KwYield, TokenKind::KwYield, TokenKind::KwYield},
      {"macro", TokenKind::KwMacro, TokenKind::KwMacro, TokenKind::KwMacro, TokenKind::KwMacro},
      {"union", I, I, I, I},
      {"auto", I, I, I, I},
      {"default", I, I, I, I},
      {"macro_rules", I, I, I, I},
      {"raw", I, I, I, I},
      {"safe", I, I, I, I},
      {"Fn", I, I, I, I},
      {"fnn", I, I, I, I},
      {"f", I, I, I, I},
      {"", I, I, I, I},
      {"continues", I, I, I, I},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(keyword_kind(c.word, Edition::E2015), c.k15) << c.word;
    EXPECT_EQ(keyword_kind(c.word, Edition::E2018), c.k18) << c.word;
    EXPECT_EQ(keyword_kind(c.word, Edition::E2021), c.k21) << c.word;
    EXPECT_EQ(keyword_kind(c.word, Edition::E2024), c.k24) << c.word;
  }
  EXPECT_EQ(keyword_kind(std::string_view("fn\0", 3), Edition::E2021), I);
  EXPECT_EQ(keyword_kind("_", Edition::E2021), TokenKind::Underscore);
}

TEST(Lexer, KeywordClassesPerEdition) {
  const char* strict =
      "as break const continue crate else enum extern false fn for if impl in let loop match "
      "mod move mut pub ref return self Self static struct super trait true type unsafe use "
      "where while";
  EXPECT_EQ(s15(strict),
            "as break const continue crate else enum extern false fn for if impl in let loop "
            "match mod move mut pub ref return self Self static struct super trait true type "
            "unsafe use where while");
  const char* reserved =
      "abstract become box do final macro override priv typeof unsized virtual yield";
  EXPECT_EQ(s15(reserved), reserved);
  EXPECT_EQ(s24(reserved), reserved);
  const char* edition = "async await dyn try gen";
  EXPECT_EQ(s15(edition), R"(IDENT"async" IDENT"await" IDENT"dyn" IDENT"try" IDENT"gen")");
  EXPECT_EQ(s18(edition), R"(async await dyn try IDENT"gen")");
  EXPECT_EQ(lx(edition), R"(async await dyn try IDENT"gen")");
  EXPECT_EQ(s24(edition), "async await dyn try gen");
  EXPECT_EQ(lx("union auto default macro_rules raw safe"),
            R"(IDENT"union" IDENT"auto" IDENT"default" IDENT"macro_rules" IDENT"raw" IDENT"safe")");
}

// ---- identifiers ---------------------------------------------------------------------

TEST(Lexer, Identifiers) {
  EXPECT_EQ(lx("foo _ _x __ x1 _0 fn_ Foo"),
            R"(IDENT"foo" _ IDENT"_x" IDENT"__" IDENT"x1" IDENT"_0" IDENT"fn_" IDENT"Foo")");
  EXPECT_EQ(lx("fn f()"), R"(fn IDENT"f" ( ))");
  EXPECT_EQ(lx("café 变量 x\u0301y ñ"), R"(IDENT"café" IDENT"变量" IDENT"x́y" IDENT"ñ")");
  EXPECT_EQ(lx("a_b.c"), R"(IDENT"a_b" . IDENT"c")");
  EXPECT_EQ(lx("_=_:_,_'a"), R"(_ = _ : _ , _ LIFETIME"'a")");
  // Prefix letters on their own are identifiers.
  EXPECT_EQ(lx("r b c br cr rb bc"),
            R"(IDENT"r" IDENT"b" IDENT"c" IDENT"br" IDENT"cr" IDENT"rb" IDENT"bc")");
  EXPECT_EQ(lx("b1 r2 c3 rust bar car"),
            R"(IDENT"b1" IDENT"r2" IDENT"c3" IDENT"rust" IDENT"bar" IDENT"car")");
}

TEST(Lexer, RawIdentifiers) {
  EXPECT_EQ(lx("r#fn r#foo r#_ r#crate r#self r#super r#Self r#café"),
            R"(IDENT+raw"r#fn" IDENT+raw"r#foo" IDENT+raw"r#_" IDENT+raw"r#crate" )"
            R"(IDENT+raw"r#self" IDENT+raw"r#super" IDENT+raw"r#Self" IDENT+raw"r#café")");
  EXPECT_EQ(s15("r#async r#try"), R"(IDENT+raw"r#async" IDENT+raw"r#try")");
  EXPECT_EQ(lx("r#x.r#y"), R"(IDENT+raw"r#x" . IDENT+raw"r#y")");
}

// ---- lifetimes and characters --------------------------------------------------------

TEST(Lexer, Lifetimes) {
  EXPECT_EQ(lx("'a 'static '_ 'abc_1 'é"),
            R"(LIFETIME"'a" LIFETIME"'static" LIFETIME"'_" LIFETIME"'abc_1" LIFETIME"'é")");
  EXPECT_EQ(lx("&'a T"), R"(& LIFETIME"'a" IDENT"T")");
  EXPECT_EQ(lx("<'a, 'b: 'a>"), R"(< LIFETIME"'a" , LIFETIME"'b" : LIFETIME"'a" >)");
  EXPECT_EQ(lx("'outer: loop { break 'outer; }"),
            R"(LIFETIME"'outer" : loop { break LIFETIME"'outer" ; })");
  EXPECT_EQ(lx("'r#a 'r#fn"), R"(LIFETIME+raw"'r#a" LIFETIME+raw"'r#fn")");
  // Raw lifetimes are 2021+: before, `'r#a` is `'r` `#` `a`.
  EXPECT_EQ(s18("'r#a"), R"(LIFETIME"'r" # IDENT"a")");
  EXPECT_EQ(lx("'r #a"), R"(LIFETIME"'r" # IDENT"a")");
  EXPECT_EQ(lx("'1a"), R"(LIFETIME"'1a" ## 0:lifetimes cannot start with a number)");
}

TEST(Lexer, Chars) {
  EXPECT_EQ(lx(R"('x' 'a' '_' '\n' '\'' '\\' '\x7f' '\u{1F600}' '😀' '"' '/')"),
            R"(CHAR_LIT"'x'" CHAR_LIT"'a'" CHAR_LIT"'_'" CHAR_LIT"'\n'" CHAR_LIT"'\''" )"
            R"(CHAR_LIT"'\\'" CHAR_LIT"'\x7f'" CHAR_LIT"'\u{1F600}'" CHAR_LIT"'😀'" )"
            R"(CHAR_LIT"'"'" CHAR_LIT"'/'")");
  EXPECT_EQ(lx("'é' '变' ' ' '\\0' '\\u{10_FFFF}'"),
            R"(CHAR_LIT"'é'" CHAR_LIT"'变'" CHAR_LIT"' '" CHAR_LIT"'\0'" CHAR_LIT"'\u{10_FFFF}'")");
  EXPECT_EQ(lx("'a'suffix 'b'"), R"(CHAR_LIT"'a'suffix" CHAR_LIT"'b'")");
  EXPECT_EQ(lx("f('a', 'b')"), R"(IDENT"f" ( CHAR_LIT"'a'" , CHAR_LIT"'b'" ))");
  EXPECT_EQ(lx("b'x' b'\\'' b'\\xFF' b'\\n'"),
            R"(BYTE_LIT"b'x'" BYTE_LIT"b'\''" BYTE_LIT"b'\xFF'" BYTE_LIT"b'\n'")");
  EXPECT_EQ(lx("match c { 'a'..='z' => 1 }"),
            R"(match IDENT"c" { CHAR_LIT"'a'" . . = CHAR_LIT"'z'" = > INT_LIT"1" })");
}

TEST(Lexer, InvalidChars) {
  const std::string unterminated = " ## 0:unterminated character literal";
  EXPECT_EQ(lx("'"), R"(CHAR_LIT+unterminated"'")" + unterminated);
  EXPECT_EQ(lx("x = '\nfoo"), R"(IDENT"x" = CHAR_LIT+unterminated"'" IDENT"foo" ## )"
                              R"(4:unterminated character literal)");
  EXPECT_EQ(lx("'( x\ny"), R"(CHAR_LIT+unterminated"'( x" IDENT"y")" + unterminated);
  EXPECT_EQ(lx("'( // c\ny"), R"(CHAR_LIT+unterminated"'( " IDENT"y")" + unterminated);
  EXPECT_EQ(lx("'\\"), R"(CHAR_LIT+unterminated"'\")" + unterminated);
  EXPECT_EQ(lx("'\\'"), R"(CHAR_LIT+unterminated"'\'")" + unterminated);
  EXPECT_EQ(lx("b'"), R"(BYTE_LIT+unterminated"b'" ## 0:unterminated byte literal)");
  EXPECT_EQ(lx("b'ab\nc"),
            R"(BYTE_LIT+unterminated"b'ab" IDENT"c" ## 0:unterminated byte literal)");
  // `'ab` is a lifetime; `'ab'` a char literal of two chars.
  EXPECT_EQ(lx("'ab"), R"(LIFETIME"'ab")");
  const std::string one_cp = " ## 0:character literal may only contain one codepoint";
  EXPECT_EQ(lx("'ab' x"), R"(CHAR_LIT"'ab'" IDENT"x")" + one_cp);
  EXPECT_EQ(lx("' a'"), R"(CHAR_LIT"' a'")" + one_cp);
  EXPECT_EQ(lx("'\\nn'"), R"(CHAR_LIT"'\nn'")" + one_cp);
  EXPECT_EQ(lx("'' x"), R"(CHAR_LIT"''" IDENT"x" ## 0:empty character literal)");
  const std::string escape = " ## 0:quote, newline or tab must be escaped in character literal";
  EXPECT_EQ(lx("'''"), R"(CHAR_LIT"'''")" + escape);
  EXPECT_EQ(lx("'\t'"), R"(CHAR_LIT"'\t'")" + escape);
  EXPECT_EQ(lx("'\n'"), R"(CHAR_LIT"'\n'")" + escape);
  EXPECT_EQ(lx("'\\q'"), R"(CHAR_LIT"'\q'" ## 0:unknown escape in character literal)");
  EXPECT_EQ(lx("'\\x80'"),
            R"(CHAR_LIT"'\x80'" ## 0:out of range `\x` escape in character literal)");
  EXPECT_EQ(lx("'\\x1'"), R"(CHAR_LIT"'\x1'" ## 0:invalid `\x` escape in character literal)");
  EXPECT_EQ(lx("'\\u{D800}' '\\u{110000}' '\\u{}' '\\u{1234567}' '\\u12'"),
            R"(CHAR_LIT"'\u{D800}'" CHAR_LIT"'\u{110000}'" CHAR_LIT"'\u{}'" )"
            R"(CHAR_LIT"'\u{1234567}'" CHAR_LIT"'\u12'" ## )"
            R"(0:invalid `\u` escape in character literal )"
            R"(11:invalid `\u` escape in character literal )"
            R"(24:invalid `\u` escape in character literal )"
            R"(31:invalid `\u` escape in character literal )"
            R"(45:invalid `\u` escape in character literal)");
  EXPECT_EQ(lx("b'é' b'\\u{41}' b''"),
            R"(BYTE_LIT"b'é'" BYTE_LIT"b'\u{41}'" BYTE_LIT"b''" ## )"
            R"(0:non-ASCII character in byte literal 6:unicode escape in byte literal )"
            R"(16:empty byte literal)");
  EXPECT_EQ(lx("'\xFF'"), R"(CHAR_LIT"'\xFF'" ## 0:invalid UTF-8 in character literal)");
}

// ---- numbers -------------------------------------------------------------------------

TEST(Lexer, Integers) {
  EXPECT_EQ(lx("0 123 1_000 0x1F 0o17 0b1010 0x1Fu8 0x1f32 1u8 7usize 0_0 1_"),
            R"(INT_LIT"0" INT_LIT"123" INT_LIT"1_000" INT_LIT"0x1F" INT_LIT"0o17" )"
            R"(INT_LIT"0b1010" INT_LIT"0x1Fu8" INT_LIT"0x1f32" INT_LIT"1u8" INT_LIT"7usize" )"
            R"(INT_LIT"0_0" INT_LIT"1_")");
  EXPECT_EQ(lx("0b1010_u8 0o7_i64 0xDEAD_BEEF 0xABCDEFabcdef"),
            R"(INT_LIT"0b1010_u8" INT_LIT"0o7_i64" INT_LIT"0xDEAD_BEEF" INT_LIT"0xABCDEFabcdef")");
  EXPECT_EQ(lx("-1"), R"(- INT_LIT"1")");
  EXPECT_EQ(lx("0x"), R"(INT_LIT"0x" ## 0:no valid digits found for number)");
  EXPECT_EQ(lx("0b_ 0o"),
            R"(INT_LIT"0b_" INT_LIT"0o" ## 0:no valid digits found for number )"
            R"(4:no valid digits found for number)");
  EXPECT_EQ(lx("0b102 0o78"),
            R"(INT_LIT"0b102" INT_LIT"0o78" ## 0:invalid digit for a base 2 literal )"
            R"(6:invalid digit for a base 8 literal)");
  EXPECT_EQ(lx("0x1.foo"), R"(INT_LIT"0x1" . IDENT"foo")");
  EXPECT_EQ(lx("0x1.5"), R"(INT_LIT"0x1" . INT_LIT"5")");
}

TEST(Lexer, Floats) {
  EXPECT_EQ(lx("1.0 1.5e10 1e10 1E+5 2.5E-3f64 1f32 1. 0.5 1_000.000_1 1e1_0 1e_5"),
            R"(FLOAT_LIT"1.0" FLOAT_LIT"1.5e10" FLOAT_LIT"1e10" FLOAT_LIT"1E+5" )"
            R"(FLOAT_LIT"2.5E-3f64" INT_LIT"1f32" FLOAT_LIT"1." FLOAT_LIT"0.5" )"
            R"(FLOAT_LIT"1_000.000_1" FLOAT_LIT"1e1_0" FLOAT_LIT"1e_5")");
  EXPECT_EQ(lx("1.;"), R"(FLOAT_LIT"1." ;)");
  EXPECT_EQ(lx("1."), R"(FLOAT_LIT"1.")");
  EXPECT_EQ(lx("1..2"), R"(INT_LIT"1" . . INT_LIT"2")");
  EXPECT_EQ(lx("1..=2"), R"(INT_LIT"1" . . = INT_LIT"2")");
  EXPECT_EQ(lx("1.foo()"), R"(INT_LIT"1" . IDENT"foo" ( ))");
  EXPECT_EQ(lx("1.0.max(x)"), R"(FLOAT_LIT"1.0" . IDENT"max" ( IDENT"x" ))");
  // A number right after a field-access `.` is a tuple index (rustc splits the float).
  EXPECT_EQ(lx("x.0.1"), R"(IDENT"x" . INT_LIT"0" . INT_LIT"1")");
  EXPECT_EQ(lx("x.0.1.2"), R"(IDENT"x" . INT_LIT"0" . INT_LIT"1" . INT_LIT"2")");
  EXPECT_EQ(lx("x..0.5"), R"(IDENT"x" . . FLOAT_LIT"0.5")");
  EXPECT_EQ(lx("x.0 .1"), R"(IDENT"x" . INT_LIT"0" . INT_LIT"1")");
  EXPECT_EQ(lx("1.e5"), R"(INT_LIT"1" . IDENT"e5")");
  EXPECT_EQ(lx("1._x"), R"(INT_LIT"1" . IDENT"_x")");
  EXPECT_EQ(lx("1.é"), R"(INT_LIT"1" . IDENT"é")");
  EXPECT_EQ(lx("1.0e5.0"), R"(FLOAT_LIT"1.0e5" . INT_LIT"0")");
  EXPECT_EQ(lx("1.2.3"), R"(FLOAT_LIT"1.2" . INT_LIT"3")");
  // An exponent without digits: the `e…` is kept as suffix, and it is reported.
  EXPECT_EQ(lx("1e"), R"(INT_LIT"1e" ## 0:expected at least one digit in exponent)");
  EXPECT_EQ(lx("1e+x"),
            R"(INT_LIT"1e" + IDENT"x" ## 0:expected at least one digit in exponent)");
  EXPECT_EQ(lx("1.0e_"), R"(FLOAT_LIT"1.0e_" ## 0:expected at least one digit in exponent)");
  EXPECT_EQ(lx("0b1.0 0o1e5"),
            R"(FLOAT_LIT"0b1.0" FLOAT_LIT"0o1e5" ## 0:binary float literal is not supported )"
            R"(6:octal float literal is not supported)");
}

// ---- strings -------------------------------------------------------------------------

TEST(Lexer, Strings) {
  EXPECT_EQ(lx(R"("" "abc" "a\"b" "a\\" "\\\"" "x"foo)"),
            R"(STR_LIT"""" STR_LIT""abc"" STR_LIT""a\"b"" STR_LIT""a\\"" STR_LIT""\\\""" )"
            R"(STR_LIT""x"foo")");
  EXPECT_EQ(lx("\"line1\nline2\" x"), R"(STR_LIT""line1\nline2"" IDENT"x")");
  EXPECT_EQ(lx("\"a\\\nb\""), R"(STR_LIT""a\\nb"")");
  EXPECT_EQ(lx("\"'\" '\"'"), R"(STR_LIT""'"" CHAR_LIT"'"'")");
  EXPECT_EQ(lx("\"/* no */ // comment\""), R"(STR_LIT""/* no */ // comment"")");
  EXPECT_EQ(lx("b\"bytes\" b\"\\xFF\" c\"cstr\" c\"\\0\"suffix"),
            R"(BYTE_STR_LIT"b"bytes"" BYTE_STR_LIT"b"\xFF"" C_STR_LIT"c"cstr"" )"
            R"(C_STR_LIT"c"\0"suffix")");
  // C strings are 2021+.
  EXPECT_EQ(s18("c\"x\" cr\"y\""), R"(IDENT"c" STR_LIT""x"" IDENT"cr" STR_LIT""y"")");
  EXPECT_EQ(s15("b\"x\" br\"y\""), R"(BYTE_STR_LIT"b"x"" RAW_BYTE_STR_LIT"br"y"")");
}

TEST(Lexer, RawStrings) {
  EXPECT_EQ(lx(R"(r"a\b" r#"a"b"# r###"x"##y"###)"),
            R"(RAW_STR_LIT"r"a\b"" RAW_STR_LIT"r#"a"b"#" RAW_STR_LIT"r###"x"##y"###")");
  EXPECT_EQ(lx(R"(r##"a "# b"## x)"), R"(RAW_STR_LIT"r##"a "# b"##" IDENT"x")");
  EXPECT_EQ(lx("r\"multi\nline\"suf"), R"(RAW_STR_LIT"r"multi\nline"suf")");
  EXPECT_EQ(lx(R"(br"a" br#"b"# cr"c" cr##"d"##)"),
            R"(RAW_BYTE_STR_LIT"br"a"" RAW_BYTE_STR_LIT"br#"b"#" RAW_C_STR_LIT"cr"c"" )"
            R"(RAW_C_STR_LIT"cr##"d"##")");
  // More `#`s after the end are punctuation.
  EXPECT_EQ(lx(R"(r#"a"## x)"), R"(RAW_STR_LIT"r#"a"#" # IDENT"x")");
  EXPECT_EQ(lx(R"(r"")"), R"(RAW_STR_LIT"r""")");
}

TEST(Lexer, UnterminatedStrings) {
  EXPECT_EQ(lx("x \"abc\ndef"),
            R"(IDENT"x" STR_LIT+unterminated""abc\ndef" ## 2:unterminated string literal)");
  EXPECT_EQ(lx("\"abc\\"), R"(STR_LIT+unterminated""abc\" ## 0:unterminated string literal)");
  EXPECT_EQ(lx("\"abc\\\""), R"(STR_LIT+unterminated""abc\"" ## 0:unterminated string literal)");
  EXPECT_EQ(lx("b\"x"), R"(BYTE_STR_LIT+unterminated"b"x" ## 0:unterminated string literal)");
  EXPECT_EQ(lx("c\""), R"(C_STR_LIT+unterminated"c"" ## 0:unterminated string literal)");
  EXPECT_EQ(lx("r#\"abc\"x"),
            R"(RAW_STR_LIT+unterminated"r#"abc"x" ## 0:unterminated raw string literal)");
  EXPECT_EQ(lx("r##\"abc\"#"),
            R"(RAW_STR_LIT+unterminated"r##"abc"#" ## 0:unterminated raw string literal)");
  EXPECT_EQ(lx("br\""),
            R"(RAW_BYTE_STR_LIT+unterminated"br"" ## 0:unterminated raw string literal)");
  // `r##x`, `r#` + non-identifier, `br#x`: the prefix and `#`s are an Error token.
  const char* bad_raw = " ## 0:invalid raw string literal: expected `\"` after the `#`s";
  EXPECT_EQ(lx("r##x"), std::string(R"(ERROR"r##" IDENT"x")") + bad_raw);
  EXPECT_EQ(lx("r# x"), std::string(R"(ERROR"r#" IDENT"x")") + bad_raw);
  EXPECT_EQ(lx("r#"), std::string(R"(ERROR"r#")") + bad_raw);
  EXPECT_EQ(lx("br#x"), std::string(R"(ERROR"br#" IDENT"x")") + bad_raw);
  EXPECT_EQ(lx("cr#1"), std::string(R"(ERROR"cr#" INT_LIT"1")") + bad_raw);
  std::string many = "r" + std::string(256, '#') + "\"x\"" + std::string(256, '#');
  EXPECT_EQ(lx(many), R"(RAW_STR_LIT")" + many +
                          R"(" ## 0:too many `#` symbols: raw strings may use at most 255)");
}

// ---- comments ------------------------------------------------------------------------

TEST(Lexer, Comments) {
  EXPECT_EQ(lx("a // comment\nb"), R"(IDENT"a" IDENT"b")");
  EXPECT_EQ(lx("a /* x */ b"), R"(IDENT"a" IDENT"b")");
  EXPECT_EQ(lx("a /* x /* nested /* deep */ */ still */ b"), R"(IDENT"a" IDENT"b")");
  EXPECT_EQ(lx("a /*/ b */ c"), R"(IDENT"a" IDENT"c")");
  EXPECT_EQ(lx("a/b"), R"(IDENT"a" / IDENT"b")");
  EXPECT_EQ(lx("a // x"), R"(IDENT"a")");
  EXPECT_EQ(lx("//"), "");
  EXPECT_EQ(lx("/**/ /***/ //// x\n/*** x */ ////"), "");
  EXPECT_EQ(lx("/* a */ */"), R"(* /)");
  EXPECT_EQ(lx("x /* a /* b */"), R"(IDENT"x" ## 2:unterminated block comment)");
  EXPECT_EQ(lx("/*"), R"( ## 0:unterminated block comment)");
}

TEST(Lexer, DocComments) {
  EXPECT_EQ(lx("/// outer\nfn f() {}"), R"(OUTER_DOC"/// outer" fn IDENT"f" ( ) { })");
  EXPECT_EQ(lx("//! inner\n"), R"(INNER_DOC"//! inner")");
  EXPECT_EQ(lx("/** outer */ x"), R"(OUTER_DOC+block"/** outer */" IDENT"x")");
  EXPECT_EQ(lx("/*! inner */"), R"(INNER_DOC+block"/*! inner */")");
  EXPECT_EQ(lx("/** a /* nested */ b */"), R"(OUTER_DOC+block"/** a /* nested */ b */")");
  EXPECT_EQ(lx("///"), R"(OUTER_DOC"///")");
  EXPECT_EQ(lx("//!"), R"(INNER_DOC"//!")");
  EXPECT_EQ(lx("//!!x"), R"(INNER_DOC"//!!x")");
  EXPECT_EQ(lx("/*!*/"), R"(INNER_DOC+block"/*!*/")");
  EXPECT_EQ(lx("/**x*/"), R"(OUTER_DOC+block"/**x*/")");
  EXPECT_EQ(lx("//// not\n/*** not */ /**/ a"), R"(IDENT"a")");
  EXPECT_EQ(lx("///\tdoc\r\nx"), R"(OUTER_DOC"///\tdoc" IDENT"x")");
  EXPECT_EQ(lx("/// a\r\n/// b\r\n"), R"(OUTER_DOC"/// a" OUTER_DOC"/// b")");
  EXPECT_EQ(lx("///\r\n"), R"(OUTER_DOC"///")");
  EXPECT_EQ(lx("x /** unterminated"),
            R"(IDENT"x" OUTER_DOC+unterminated+block"/** unterminated" ## )"
            R"(2:unterminated block comment)");
  EXPECT_EQ(lx("/*! a /* b */"),
            R"(INNER_DOC+unterminated+block"/*! a /* b */" ## 0:unterminated block comment)");
  EXPECT_EQ(lx("/**"), R"(OUTER_DOC+unterminated+block"/**" ## 0:unterminated block comment)");
}

// ---- start of file, whitespace -------------------------------------------------------

TEST(Lexer, ShebangAndBom) {
  EXPECT_EQ(lx("#!/usr/bin/env run-cargo-script\nfn main() {}"), R"(fn IDENT"main" ( ) { })");
  EXPECT_EQ(lx("#!/bin/x"), "");
  EXPECT_EQ(lx("#!"), "");
  EXPECT_EQ(lx("#![allow(unused)]\nfn f() {}"),
            R"(# ! [ IDENT"allow" ( IDENT"unused" ) ] fn IDENT"f" ( ) { })");
  EXPECT_EQ(lx("#! [x]"), R"(# ! [ IDENT"x" ])");
  EXPECT_EQ(lx("#!// c\n/* d */ [x]"), R"(# ! [ IDENT"x" ])");
  EXPECT_EQ(lx("#!/// doc\n[x]"), R"([ IDENT"x" ])");
  EXPECT_EQ(lx("x\n#!/bin/sh"), R"(IDENT"x" # ! / IDENT"bin" / IDENT"sh")");
  EXPECT_EQ(lx("\xEF\xBB\xBF" "fn"), "fn");
  EXPECT_EQ(lx("\xEF\xBB\xBF#!/bin/x\ny"), R"(IDENT"y")");
  EXPECT_EQ(lx("\xEF\xBB\xBF#![a]"), R"(# ! [ IDENT"a" ])");
  LexResult r = lex("\xEF\xBB\xBF" "fn", Edition::E2021);
  ASSERT_EQ(r.tokens.size(), 2u);
  EXPECT_EQ(r.tokens[0].start, 3u);
  // A BOM elsewhere is an error.
  EXPECT_EQ(lx("x \xEF\xBB\xBF"), R"(IDENT"x" ERROR"﻿" ## 2:unexpected character `\u{FEFF}`)");
}

TEST(Lexer, Whitespace) {
  EXPECT_EQ(lx("a\r\nb\tc\vd\fe\u0085f\u200Eg\u200Fh\u2028i\u2029j"),
            R"(IDENT"a" IDENT"b" IDENT"c" IDENT"d" IDENT"e" IDENT"f" IDENT"g" IDENT"h" IDENT"i" )"
            R"(IDENT"j")");
  LexResult r = lex("a\r\n  b", Edition::E2021);
  ASSERT_EQ(r.tokens.size(), 3u);
  EXPECT_EQ(r.tokens[1].start, 5u);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(lx(""), "");
  EXPECT_EQ(lx(" \n\t "), "");
  EXPECT_EQ(lx("\xEF\xBB\xBF"), "");
  LexResult empty = lex(std::string_view(), Edition::E2021);  // null data pointer
  ASSERT_EQ(empty.tokens.size(), 1u);
  EXPECT_EQ(empty.tokens[0].kind, TokenKind::Eof);
  EXPECT_EQ(empty.tokens[0].start, 0u);
}

TEST(Lexer, DeepNestingAndLongRuns) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "/*";
  for (int i = 0; i < 100000; ++i) deep += "*/";
  EXPECT_EQ(lx(deep + "x"), R"(IDENT"x")");
  EXPECT_EQ(lx(deep.substr(0, deep.size() - 2) + "x"), " ## 0:unterminated block comment");
  std::string long_ident(100000, 'a');
  LexResult r = lex(long_ident, Edition::E2021);
  ASSERT_EQ(r.tokens.size(), 2u);
  EXPECT_EQ(r.tokens[0].len, 100000u);
  EXPECT_EQ(lx(std::string(5000, '(')).size(), 5000u * 2 - 1);
}

TEST(Lexer, Punctuation) {
  EXPECT_EQ(lx("+-*/%^!&|=<>@.,;:#$?~()[]{}"),
            "+ - * / % ^ ! & | = < > @ . , ; : # $ ? ~ ( ) [ ] { }");
  EXPECT_EQ(lx("a::b->c..=d>>=e&&f"),
            R"(IDENT"a" : : IDENT"b" - > IDENT"c" . . = IDENT"d" > > = IDENT"e" & & IDENT"f")");
  LexResult r = lex("a::b", Edition::E2021);
  ASSERT_EQ(r.tokens.size(), 5u);
  EXPECT_EQ(r.tokens[1].end(), r.tokens[2].start);  // adjacent: the parser glues `::`
}

// ---- errors --------------------------------------------------------------------------

TEST(Lexer, UnexpectedCharacters) {
  EXPECT_EQ(lx("`x` € y"),
            R"(ERROR"`" IDENT"x" ERROR"`" ERROR"€" IDENT"y" ## 0:unexpected character ``` )"
            R"(2:unexpected character ``` 4:unexpected character `€`)");
  EXPECT_EQ(lx("a\\b"), R"(IDENT"a" ERROR"\" IDENT"b" ## 1:unexpected character `\`)");
  EXPECT_EQ(lx(std::string_view("a\0b", 3)),
            R"(IDENT"a" ERROR"\x00" IDENT"b" ## 1:unexpected character `\x00`)");
  EXPECT_EQ(lx("\x01\x02\x7f x"),
            R"(ERROR"\x01\x02\x7F" IDENT"x" ## 0:unexpected characters `\x01\x02\x7F`)");
  EXPECT_EQ(lx("€€"), R"(ERROR"€€" ## 0:unexpected characters `€€`)");
  EXPECT_EQ(lx("a😀b"), R"(IDENT"a" ERROR"😀" IDENT"b" ## 1:unexpected character `😀`)");
  EXPECT_EQ(lx("\u200B"), "ERROR\"\u200B\" ## 0:unexpected character `\\u{200B}`");
  EXPECT_EQ(lx("``````````"),
            R"(ERROR"``````````" ## 0:unexpected characters `````````...`)");
}

TEST(Lexer, InvalidUtf8) {
  EXPECT_EQ(lx("a \xFF b"), R"(IDENT"a" ERROR"\xFF" IDENT"b" ## 2:invalid UTF-8: \xFF)");
  EXPECT_EQ(lx("a\xFF\xFE"), R"(IDENT"a" ERROR"\xFF\xFE" ## 1:invalid UTF-8: \xFF\xFE)");
  // Truncated 3-byte sequence at the very end.
  EXPECT_EQ(lx("x\xE2\x82"), R"(IDENT"x" ERROR"\xE2\x82" ## 1:invalid UTF-8: \xE2\x82)");
  EXPECT_EQ(lx("\xE2"), R"(ERROR"\xE2" ## 0:invalid UTF-8: \xE2)");
  // Overlong encodings of `/` and of U+20AC, an encoded surrogate, > U+10FFFF.
  EXPECT_EQ(lx("\xC0\xAF"), R"(ERROR"\xC0\xAF" ## 0:invalid UTF-8: \xC0\xAF)");
  EXPECT_EQ(lx("\xE0\x82\xAC;"), R"(ERROR"\xE0\x82\xAC" ; ## 0:invalid UTF-8: \xE0\x82\xAC)");
  EXPECT_EQ(lx("\xED\xA0\x80"), R"(ERROR"\xED\xA0\x80" ## 0:invalid UTF-8: \xED\xA0\x80)");
  EXPECT_EQ(lx("\xF4\x90\x80\x80"),
            R"(ERROR"\xF4\x90\x80\x80" ## 0:invalid UTF-8: \xF4\x90\x80\x80)");
  // A lone continuation byte between identifiers.
  EXPECT_EQ(lx("a\x80" "b"), R"(IDENT"a" ERROR"\x80" IDENT"b" ## 1:invalid UTF-8: \x80)");
  // Invalid bytes then a valid non-ASCII identifier: the run stops at the valid char.
  EXPECT_EQ(lx("\xFF\xC3\xA9"), R"(ERROR"\xFF" IDENT"é" ## 0:invalid UTF-8: \xFF)");
  EXPECT_EQ(lx(std::string(10, '\xFF')),
            R"(ERROR"\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF" ## )"
            R"(0:invalid UTF-8: \xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF...)");
  // Inside literals and comments bytes are not checked.
  EXPECT_EQ(lx("\"\xFF\" // \xFF"), R"(STR_LIT""\xFF"")");
}

TEST(Lexer, ErrorsDoNotStopTheLexer) {
  EXPECT_EQ(lx("fn f() { let s = \"abc; }"),
            R"(fn IDENT"f" ( ) { let IDENT"s" = STR_LIT+unterminated""abc; }" ## )"
            R"(17:unterminated string literal)");
  EXPECT_EQ(lx("let c = '\nlet d = 1;"),
            R"(let IDENT"c" = CHAR_LIT+unterminated"'" let IDENT"d" = INT_LIT"1" ; ## )"
            R"(8:unterminated character literal)");
  EXPECT_EQ(lx("a € b \xFF c ` d"),
            R"(IDENT"a" ERROR"€" IDENT"b" ERROR"\xFF" IDENT"c" ERROR"`" IDENT"d" ## )"
            R"(2:unexpected character `€` 8:invalid UTF-8: \xFF 12:unexpected character ```)");
}

// ---- Unicode helpers -----------------------------------------------------------------

TEST(UnicodeXid, Classes) {
  EXPECT_TRUE(is_xid_start('a'));
  EXPECT_TRUE(is_xid_start('Z'));
  EXPECT_FALSE(is_xid_start('_'));
  EXPECT_FALSE(is_xid_start('1'));
  EXPECT_TRUE(is_xid_continue('_'));
  EXPECT_TRUE(is_xid_continue('1'));
  EXPECT_FALSE(is_xid_continue('-'));
  EXPECT_TRUE(is_xid_start(U'é'));
  EXPECT_TRUE(is_xid_start(U'变'));
  EXPECT_TRUE(is_xid_start(0xAA));
  EXPECT_FALSE(is_xid_start(0x0301));  // combining acute: continue only
  EXPECT_TRUE(is_xid_continue(0x0301));
  EXPECT_FALSE(is_xid_start(0x20AC));  // €
  EXPECT_FALSE(is_xid_continue(0x20AC));
  EXPECT_FALSE(is_xid_start(0x1F600));  // 😀
  EXPECT_TRUE(is_xid_start(0x20000));   // CJK extension B
  EXPECT_FALSE(is_xid_start(0x10FFFF));
  EXPECT_FALSE(is_xid_start(0x110000));
}

TEST(UnicodeXid, DecodeUtf8) {
  auto dec = [](std::string_view s, char32_t& cp) {
    return decode_utf8(s.data(), s.data() + s.size(), cp);
  };
  char32_t cp = 0;
  EXPECT_EQ(dec("a", cp), 1);
  EXPECT_EQ(cp, U'a');
  EXPECT_EQ(dec("é", cp), 2);
  EXPECT_EQ(cp, U'é');
  EXPECT_EQ(dec("€", cp), 3);
  EXPECT_EQ(cp, 0x20ACu);
  EXPECT_EQ(dec("😀", cp), 4);
  EXPECT_EQ(cp, 0x1F600u);
  EXPECT_EQ(dec("\xF4\x8F\xBF\xBF", cp), 4);
  EXPECT_EQ(cp, 0x10FFFFu);
  EXPECT_EQ(dec("\xEF\xBF\xBF", cp), 3);
  EXPECT_EQ(dec(std::string_view("\0", 1), cp), 1);
  EXPECT_EQ(dec("", cp), 0);
  EXPECT_EQ(dec("\x80", cp), 0);              // lone continuation
  EXPECT_EQ(dec("\xC0\x80", cp), 0);          // overlong NUL
  EXPECT_EQ(dec("\xC1\xBF", cp), 0);          // overlong
  EXPECT_EQ(dec("\xE0\x9F\xBF", cp), 0);      // overlong 3-byte
  EXPECT_EQ(dec("\xF0\x8F\xBF\xBF", cp), 0);  // overlong 4-byte
  EXPECT_EQ(dec("\xED\xA0\x80", cp), 0);      // surrogate D800
  EXPECT_EQ(dec("\xED\xBF\xBF", cp), 0);      // surrogate DFFF
  EXPECT_EQ(dec("\xF4\x90\x80\x80", cp), 0);  // > U+10FFFF
  EXPECT_EQ(dec("\xF5\x80\x80\x80", cp), 0);
  EXPECT_EQ(dec("\xFF", cp), 0);
  EXPECT_EQ(dec("\xC3", cp), 0);              // truncated
  EXPECT_EQ(dec("\xE2\x82", cp), 0);          // truncated
  EXPECT_EQ(dec("\xF0\x9F\x98", cp), 0);      // truncated
  EXPECT_EQ(dec("\xC3(", cp), 0);             // bad continuation
  EXPECT_EQ(dec("\xE2(\xAC", cp), 0);
  // The end pointer bounds the read even when more bytes follow in memory.
  const char buf[] = "\xE2\x82\xAC";
  EXPECT_EQ(decode_utf8(buf, buf + 2, cp), 0);
}

// ---- properties ----------------------------------------------------------------------

// Everything between tokens is whitespace or comments, except a BOM and shebang line.
void expect_gaps_are_trivia(std::string_view text, const LexResult& r) {
  size_t pos = content_start(text);
  bool first = true;
  for (const Token& t : r.tokens) {
    if (first && text.substr(pos, 2) == "#!" && t.start > pos) {
      // A shebang line: everything up to the first newline is skipped.
      size_t nl = text.find('\n', pos);
      pos = nl == std::string_view::npos ? text.size() : nl;
      if (t.start < pos) pos = t.start;
    }
    first = false;
    ASSERT_LE(pos, t.start);
    EXPECT_TRUE(is_trivia(text, pos, t.start))
        << "gap [" << pos << "," << t.start << ") in " << escaped(text);
    pos = t.end();
  }
}

TEST(LexerProperty, RandomBytes) {
  std::mt19937 rng(20240611);
  const std::string alphabet =
      "abrcx_019eE.+-'\"#!/*\\\n\r\t {}()[]<>:;,`$?~@&|^%=\xFF\x80\xC3\xA9\xE2\x82\xAC\xF0\x9F";
  for (int iter = 0; iter < 600; ++iter) {
    std::string s;
    size_t len = rng() % 64;
    for (size_t i = 0; i < len; ++i) {
      s += (iter % 3 == 0) ? static_cast<char>(rng() & 0xFF) : alphabet[rng() % alphabet.size()];
    }
    for (Edition ed : {Edition::E2015, Edition::E2021, Edition::E2024}) {
      LexResult r = lex_exact(s, ed);
      ASSERT_EQ(check_invariants(s, r), "") << escaped(s);
      expect_gaps_are_trivia(s, r);
      if (HasFailure()) return;
    }
  }
}

TEST(LexerProperty, EveryPrefixOfRealisticSnippets) {
  const char* snippets[] = {
      "#!/usr/bin/env rustx\n//! Crate docs\nuse std::{fmt, io::Write as _};\n"
      "/// A point.\n#[derive(Debug)]\npub struct P<'a, T: ?Sized + 'a> { x: &'a T, y: [u8; 4] }\n",
      "fn main() {\n    let s = r#\"raw \"str\"\"#; let b = b'\\n'; let c = '\\u{1F600}';\n"
      "    for i in 0..10 { println!(\"{} {:?}\", i, 1.5e-3f64 * 2.); }\n"
      "    /* nested /* comment */ */ let x = 0x1F_u8 as u32 >> 2; x.0.1;\n}\n",
      "impl<T> Iterator for It<T> where T: Clone {\n    type Item = T;\n"
      "    fn next(&mut self) -> Option<T> { 'outer: loop { break 'outer None; } }\n}\n"
      "async fn f() { g().await?; let _ = c\"c str\"; let é = '😀'; }\n",
      "macro_rules! m { ($($t:tt)*) => { $($t)* }; }\n/** block doc */\n"
      "const X: &str = \"a\\\"b\";\n",
  };
  for (const char* snip : snippets) {
    std::string_view full(snip);
    for (size_t n = 0; n <= full.size(); ++n) {
      std::string_view text = full.substr(0, n);
      LexResult r = lex_exact(text, Edition::E2021);
      ASSERT_EQ(check_invariants(text, r), "") << escaped(text);
      expect_gaps_are_trivia(text, r);
      if (HasFailure()) return;
    }
    LexResult r = lex(full, Edition::E2021);
    EXPECT_TRUE(r.errors.empty()) << escaped(full) << ": " << r.errors[0].message;
  }
}

// Lexes every .rs file of the installed Rust core library: no errors expected.
TEST(LexerProperty, RustCoreLibraryHasNoErrors) {
  namespace fs = std::filesystem;
  std::vector<fs::path> roots;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/src", ec)) {
    std::string name = entry.path().filename().string();
    fs::path core = entry.path() / "library" / "core" / "src";
    if (name.rfind("rustc-", 0) == 0 && fs::is_directory(core, ec)) roots.push_back(core);
  }
  if (roots.empty()) GTEST_SKIP() << "no /usr/src/rustc-*/library/core/src";
  size_t files = 0;
  for (const fs::path& root : roots) {
    for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".rs") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      std::string text = ss.str();
      LexResult r = lex(text, Edition::E2021);
      ++files;
      ASSERT_EQ(check_invariants(text, r), "") << entry.path();
      if (!r.errors.empty()) {
        ADD_FAILURE() << entry.path() << ": " << r.errors.size() << " errors, first at byte "
                      << r.errors[0].offset << ": " << r.errors[0].message;
      }
    }
  }
  EXPECT_GT(files, 100u);
}

}  // namespace
}  // namespace ferret::syntax
