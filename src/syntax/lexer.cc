// The Rust lexer: one pass over the bytes, dispatching on a byte-class table.
//
// Each scanner takes the token's first byte and returns the end of what it consumed;
// the main loop only advances. Decisions follow rustc_lexer (what starts a lifetime,
// when `1.` is a float, which comments are docs, the shebang rule), with the edition
// gates of rustc's parser-side lexer (C strings and raw lifetimes from 2021).
#include "syntax/lexer.h"

#include <cstdint>
#include <cstring>
#include <string>

#include "syntax/unicode_xid.h"

namespace ferret::syntax {
namespace {

enum ByteClass : uint8_t {
  kBad,       // a byte that starts no token: ASCII controls, backtick, backslash
  kSpace,     // ASCII whitespace
  kIdent,     // `_` and letters other than b, c, r
  kLetterB,   // b'x' b"…" br"…"
  kLetterC,   // c"…" cr"…"
  kLetterR,   // r"…" r#"…"# r#ident
  kDigit,
  kPunct,     // single-character punctuation other than `/`
  kSlash,     // `/`, `//…`, `/*…*/`
  kQuote,     // '
  kDQuote,    // "
  kNonAscii,  // >= 0x80: a UTF-8 lead byte, or invalid
};

constexpr unsigned char u8(char c) { return static_cast<unsigned char>(c); }

struct Tables {
  uint8_t cls[256] = {};
  bool ident_start[256] = {};     // ASCII [A-Za-z_]
  bool ident_continue[256] = {};  // ASCII [A-Za-z0-9_]
  TokenKind punct[256] = {};
};

constexpr Tables make_tables() {
  Tables t;
  for (int c = 0; c < 256; ++c) t.cls[c] = c >= 0x80 ? kNonAscii : kBad;
  for (unsigned char c : {' ', '\t', '\n', '\v', '\f', '\r'}) t.cls[c] = kSpace;
  for (int c = 'a'; c <= 'z'; ++c) {
    t.cls[c] = t.cls[c - 32] = kIdent;
    t.ident_start[c] = t.ident_start[c - 32] = true;
    t.ident_continue[c] = t.ident_continue[c - 32] = true;
  }
  t.cls[u8('_')] = kIdent;
  t.ident_start[u8('_')] = t.ident_continue[u8('_')] = true;
  t.cls[u8('b')] = kLetterB;
  t.cls[u8('c')] = kLetterC;
  t.cls[u8('r')] = kLetterR;
  for (int c = '0'; c <= '9'; ++c) {
    t.cls[c] = kDigit;
    t.ident_continue[c] = true;
  }
  struct P {
    char c;
    TokenKind k;
  };
  const P puncts[] = {
      {'+', TokenKind::Plus},     {'-', TokenKind::Minus},    {'*', TokenKind::Star},
      {'%', TokenKind::Percent},  {'^', TokenKind::Caret},    {'!', TokenKind::Bang},
      {'&', TokenKind::Amp},      {'|', TokenKind::Pipe},     {'=', TokenKind::Eq},
      {'<', TokenKind::Lt},       {'>', TokenKind::Gt},       {'@', TokenKind::At},
      {'.', TokenKind::Dot},      {',', TokenKind::Comma},    {';', TokenKind::Semi},
      {':', TokenKind::Colon},    {'#', TokenKind::Pound},    {'$', TokenKind::Dollar},
      {'?', TokenKind::Question}, {'~', TokenKind::Tilde},    {'(', TokenKind::LParen},
      {')', TokenKind::RParen},   {'[', TokenKind::LBracket}, {']', TokenKind::RBracket},
      {'{', TokenKind::LBrace},   {'}', TokenKind::RBrace},
  };
  for (const P& p : puncts) {
    t.cls[u8(p.c)] = kPunct;
    t.punct[u8(p.c)] = p.k;
  }
  t.cls[u8('/')] = kSlash;
  t.cls[u8('\'')] = kQuote;
  t.cls[u8('"')] = kDQuote;
  return t;
}

constexpr Tables kT = make_tables();

inline bool is_digit(char c) { return static_cast<unsigned>(c - '0') < 10; }
inline bool is_hex_digit(char c) {
  return is_digit(c) || static_cast<unsigned>((c | 0x20) - 'a') < 6;
}

// Rust's Pattern_White_Space outside ASCII.
inline bool is_unicode_space(char32_t c) {
  return c == 0x85 || c == 0x200E || c == 0x200F || c == 0x2028 || c == 0x2029;
}

// Characters that would be invisible or garbled in a message are shown escaped.
bool show_escaped(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0xAD || (c >= 0x2000 && c <= 0x200F) ||
         (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F) || c == 0xFEFF ||
         (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xFFF0 && c <= 0xFFFF) || c >= 0xE0000;
}

void append_hex(std::string& out, uint32_t v, int min_digits) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  char buf[8];
  int n = 0;
  do {
    buf[n++] = kHex[v & 0xF];
    v >>= 4;
  } while (v != 0 || n < min_digits);
  while (n > 0) out += buf[--n];
}

enum class DocStyle : uint8_t { None, Outer, Inner };

// Doc style of a `//` comment starting at s (s[0..1] == "//").
inline DocStyle line_doc_style(const char* s, const char* end) {
  if (end - s < 3) return DocStyle::None;
  if (s[2] == '!') return DocStyle::Inner;
  if (s[2] == '/' && !(end - s > 3 && s[3] == '/')) return DocStyle::Outer;
  return DocStyle::None;
}

// Doc style of a `/*` comment starting at s: `/*!` inner, `/**` outer unless `/***`, `/**/`.
inline DocStyle block_doc_style(const char* s, const char* end) {
  if (end - s < 3) return DocStyle::None;
  if (s[2] == '!') return DocStyle::Inner;
  if (s[2] == '*' && !(end - s > 3 && (s[3] == '*' || s[3] == '/'))) return DocStyle::Outer;
  return DocStyle::None;
}

// End of the (nested) block comment starting at s, or nullptr when it is unterminated.
const char* block_comment_end(const char* s, const char* end) {
  const char* q = s + 2;
  uint32_t depth = 1;
  while (q < end) {
    char c = *q++;
    if (c == '*') {
      if (q < end && *q == '/') {
        ++q;
        if (--depth == 0) return q;
      }
    } else if (c == '/') {
      if (q < end && *q == '*') {
        ++q;
        ++depth;
      }
    }
  }
  return nullptr;
}

inline const char* line_end(const char* s, const char* end) {
  const void* nl = std::memchr(s, '\n', static_cast<size_t>(end - s));
  return nl ? static_cast<const char*>(nl) : end;
}

class Lexer {
 public:
  Lexer(std::string_view text, Edition edition, LexResult& out)
      : base_(text.data()),
        end_(text.data() + text.size()),
        edition_(edition),
        toks_(out.tokens),
        errs_(out.errors),
        err_count_(out.error_count) {}

  void run() {
    const char* p = skip_bom_and_shebang(base_);
    while (p < end_) {
      const char* s = p;
      switch (kT.cls[u8(*s)]) {
        case kSpace:
          ++p;
          while (p < end_ && kT.cls[u8(*p)] == kSpace) ++p;
          break;
        case kIdent:
          p = ident(s, s + 1);
          break;
        case kPunct:
          push(kT.punct[u8(*s)], s, s + 1);
          p = s + 1;
          break;
        case kDigit:
          p = number(s);
          break;
        case kSlash:
          p = slash(s);
          break;
        case kQuote:
          p = lifetime_or_char(s);
          break;
        case kDQuote:
          p = string(s, s, TokenKind::StrLit);
          break;
        case kLetterR:
          p = letter_r(s);
          break;
        case kLetterB:
          p = letter_b(s);
          break;
        case kLetterC:
          p = letter_c(s);
          break;
        case kNonAscii:
          p = non_ascii(s);
          break;
        default:  // kBad
          p = unexpected_run(s);
          break;
      }
    }
    push(TokenKind::Eof, end_, end_);
  }

 private:
  const char* const base_;
  const char* const end_;
  const Edition edition_;
  std::vector<Token>& toks_;
  std::vector<SyntaxError>& errs_;
  size_t& err_count_;

  uint32_t off(const char* q) const { return static_cast<uint32_t>(q - base_); }

  void push(TokenKind k, const char* s, const char* e, uint8_t flags = 0) {
    toks_.push_back(Token{off(s), static_cast<uint32_t>(e - s), k, flags});
  }

  void error(const char* at, std::string message) {
    if (++err_count_ <= kMaxKeptSyntaxErrors)
      errs_.push_back(SyntaxError{off(at), std::move(message)});
  }

  // ---- identifiers -------------------------------------------------------------------

  // Length of the identifier-start character (`_` or XID_Start) at q, or 0.
  int ident_start_len(const char* q) const {
    if (q >= end_) return 0;
    if (u8(*q) < 0x80) return kT.ident_start[u8(*q)] ? 1 : 0;
    char32_t cp = 0;
    int n = decode_utf8(q, end_, cp);
    return n != 0 && is_xid_start(cp) ? n : 0;
  }

  // End of the run of identifier-continue characters starting at q.
  const char* skip_ident_continue(const char* q) const {
    for (;;) {
      while (q < end_ && kT.ident_continue[u8(*q)]) ++q;
      if (q >= end_ || u8(*q) < 0x80) return q;
      char32_t cp = 0;
      int n = decode_utf8(q, end_, cp);
      if (n == 0 || !is_xid_continue(cp)) return q;
      q += n;
    }
  }

  // An identifier, keyword or `_` starting at s whose first character ends at q.
  const char* ident(const char* s, const char* q) {
    q = skip_ident_continue(q);
    size_t n = static_cast<size_t>(q - s);
    TokenKind k = TokenKind::Ident;
    if (n == 1) {
      if (*s == '_') k = TokenKind::Underscore;
    } else if (n <= 8) {
      k = keyword_kind(std::string_view(s, n), edition_);
    }
    push(k, s, q);
    return q;
  }

  // A literal suffix (`u8`, `"x"suffix`) at q: an identifier, or nothing.
  const char* suffix(const char* q) const {
    int n = ident_start_len(q);
    return n != 0 ? skip_ident_continue(q + n) : q;
  }

  const char* letter_r(const char* s) {
    if (end_ - s > 1) {
      if (s[1] == '#') {
        if (int n = ident_start_len(s + 2)) {
          const char* q = skip_ident_continue(s + 2 + n);
          push(TokenKind::Ident, s, q, kTokRaw);
          return q;
        }
        return raw_string(s, s + 1, TokenKind::RawStrLit);
      }
      if (s[1] == '"') return raw_string(s, s + 1, TokenKind::RawStrLit);
    }
    return ident(s, s + 1);
  }

  const char* letter_b(const char* s) {
    if (end_ - s > 1) {
      char c1 = s[1];
      if (c1 == '\'') return quoted(s, s + 1, TokenKind::ByteLit);
      if (c1 == '"') return string(s, s + 1, TokenKind::ByteStrLit);
      if (c1 == 'r' && end_ - s > 2 && (s[2] == '"' || s[2] == '#')) {
        return raw_string(s, s + 2, TokenKind::RawByteStrLit);
      }
    }
    return ident(s, s + 1);
  }

  const char* letter_c(const char* s) {
    // C strings are reserved-prefix syntax: in 2015/2018 `c"x"` is `c` then "x".
    if (edition_ >= Edition::E2021 && end_ - s > 1) {
      if (s[1] == '"') return string(s, s + 1, TokenKind::CStrLit);
      if (s[1] == 'r' && end_ - s > 2 && (s[2] == '"' || s[2] == '#')) {
        return raw_string(s, s + 2, TokenKind::RawCStrLit);
      }
    }
    return ident(s, s + 1);
  }

  // ---- strings -----------------------------------------------------------------------

  // A `"…"` literal whose opening quote is at dq; s is the start of its prefix.
  const char* string(const char* s, const char* dq, TokenKind kind) {
    const char* q = dq + 1;
    for (;;) {
      while (q < end_ && *q != '"' && *q != '\\') ++q;
      if (q >= end_) {
        push(kind, s, end_, kTokUnterminated);
        error(s, "unterminated string literal");
        return end_;
      }
      if (*q == '"') break;
      q = end_ - q > 2 ? q + 2 : end_;  // a backslash escapes the next byte
    }
    q = suffix(q + 1);
    push(kind, s, q);
    return q;
  }

  // A raw string `r#…#"…"#…#` (with prefix r, br or cr) whose first `#` or `"` is at h.
  const char* raw_string(const char* s, const char* h, TokenKind kind) {
    const char* q = h;
    while (q < end_ && *q == '#') ++q;
    size_t hashes = static_cast<size_t>(q - h);
    if (q >= end_ || *q != '"') {
      // `r##x`, `br#x`, `r#` at the end: the prefix and its `#`s are one Error token.
      push(TokenKind::Error, s, q);
      error(s, "invalid raw string literal: expected `\"` after the `#`s");
      return q;
    }
    ++q;
    for (;;) {
      const void* dq = std::memchr(q, '"', static_cast<size_t>(end_ - q));
      if (dq == nullptr) {
        push(kind, s, end_, kTokUnterminated);
        error(s, "unterminated raw string literal");
        return end_;
      }
      q = static_cast<const char*>(dq) + 1;
      size_t n = 0;
      while (n < hashes && q + n < end_ && q[n] == '#') ++n;
      if (n == hashes) {
        q += n;
        break;
      }
    }
    q = suffix(q);
    push(kind, s, q);
    if (hashes > 255) error(s, "too many `#` symbols: raw strings may use at most 255");
    return q;
  }

  // ---- characters and lifetimes ------------------------------------------------------

  const char* lifetime_or_char(const char* s) {
    const char* c0 = s + 1;
    char32_t cp = 0;
    int n = c0 < end_ ? decode_utf8(c0, end_, cp) : 0;
    if (n != 0) {
      bool start = cp == '_' || is_xid_start(cp);
      bool digit = cp - '0' < 10;
      bool closes = end_ - c0 > n && c0[n] == '\'';  // 'x' is surely a char
      if ((start || digit) && !closes) {
        if (cp == 'r' && edition_ >= Edition::E2021 && end_ - c0 > 2 && c0[1] == '#') {
          if (int m = ident_start_len(c0 + 2)) {
            const char* q = skip_ident_continue(c0 + 2 + m);
            push(TokenKind::Lifetime, s, q, kTokRaw);
            return q;
          }
        }
        const char* q = skip_ident_continue(c0 + n);
        if (q < end_ && *q == '\'') {  // 'ab': a char literal of more than one char
          q = suffix(q + 1);
          push(TokenKind::CharLit, s, q);
          error(s, "character literal may only contain one codepoint");
          return q;
        }
        push(TokenKind::Lifetime, s, q);
        if (digit) error(s, "lifetimes cannot start with a number");
        return q;
      }
    }
    return quoted(s, s, TokenKind::CharLit);
  }

  // A char or byte literal whose opening quote is at qt; s is the start of its prefix.
  // Like rustc, an unterminated literal stops before a `/` or a newline.
  const char* quoted(const char* s, const char* qt, TokenKind kind) {
    const char* c0 = qt + 1;
    const char* q = c0;
    bool terminated = false;
    if (q < end_ && *q != '\\') {  // fast path: one character and the closing quote
      char32_t cp = 0;
      int n = decode_utf8(q, end_, cp);
      if (n == 0) n = 1;
      if (end_ - q > n && q[n] == '\'') {
        q += n + 1;
        terminated = true;
      }
    }
    while (!terminated && q < end_) {
      char c = *q;
      if (c == '\'') {
        ++q;
        terminated = true;
      } else if (c == '/') {
        break;
      } else if (c == '\n') {
        if (end_ - q > 1 && q[1] == '\'') {
          q += 2;
          terminated = true;
        }
        break;
      } else if (c == '\\') {
        q = end_ - q > 2 ? q + 2 : end_;
      } else {
        ++q;
      }
    }
    bool byte = kind == TokenKind::ByteLit;
    if (!terminated) {
      push(kind, s, q, kTokUnterminated);
      error(s, byte ? "unterminated byte literal" : "unterminated character literal");
      return q;
    }
    const char* close = q - 1;
    q = suffix(q);
    push(kind, s, q);
    if (const char* problem = check_char_body(c0, close, byte)) {
      // `{}` in the message stands for the literal's kind.
      std::string msg = problem;
      if (size_t at = msg.find("{}"); at != std::string::npos) {
        msg.replace(at, 2, byte ? "byte" : "character");
      }
      error(s, std::move(msg));
    }
    return q;
  }

  // What is wrong with the body [b, e) of a char or byte literal, or nullptr. In the
  // message `{}` stands for "character" or "byte".
  static const char* check_char_body(const char* b, const char* e, bool byte) {
    if (b == e) return "empty {} literal";
    if (*b != '\\') {
      char32_t cp = 0;
      int n = decode_utf8(b, e, cp);
      if (n == 0) return "invalid UTF-8 in {} literal";
      if (b + n != e) return "{} literal may only contain one codepoint";
      if (cp == '\n' || cp == '\r' || cp == '\t' || cp == '\'') {
        return "quote, newline or tab must be escaped in {} literal";
      }
      if (byte && cp >= 0x80) return "non-ASCII character in byte literal";
      return nullptr;
    }
    const char* q = b + 1;
    if (q >= e) return "incomplete escape in {} literal";
    switch (*q++) {
      case 'n': case 'r': case 't': case '\\': case '0': case '\'': case '"':
        break;
      case 'x': {
        if (e - q < 2 || !is_hex_digit(q[0]) || !is_hex_digit(q[1])) {
          return "invalid `\\x` escape in {} literal";
        }
        if (!byte && q[0] > '7') return "out of range `\\x` escape in character literal";
        q += 2;
        break;
      }
      case 'u': {
        const char* bad_u = "invalid `\\u` escape in character literal";
        if (byte) return "unicode escape in byte literal";
        if (q >= e || *q != '{') return bad_u;
        ++q;
        uint32_t v = 0;
        int digits = 0;
        bool first = true;
        while (q < e && *q != '}') {
          char c = *q++;
          if (c == '_' && !first) continue;
          if (!is_hex_digit(c) || ++digits > 6) return bad_u;
          v = v * 16 + static_cast<uint32_t>(is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
          first = false;
        }
        if (q >= e || digits == 0) return bad_u;
        ++q;
        if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return bad_u;
        break;
      }
      default:
        return "unknown escape in {} literal";
    }
    return q == e ? nullptr : "{} literal may only contain one codepoint";
  }

  // ---- numbers -----------------------------------------------------------------------

  const char* eat_digits(const char* q, bool hex, bool& any) const {
    any = false;
    for (; q < end_; ++q) {
      char c = *q;
      if (is_digit(c) || (hex && is_hex_digit(c))) {
        any = true;
      } else if (c != '_') {
        break;
      }
    }
    return q;
  }

  // The exponent at q (q[0] is e or E) if digits follow; else q, so `e…` becomes the suffix.
  const char* exponent(const char* q, TokenKind& kind, const char*& problem) const {
    const char* r = q + 1;
    if (r < end_ && (*r == '+' || *r == '-')) ++r;
    bool any = false;
    r = eat_digits(r, false, any);
    if (any) {
      kind = TokenKind::FloatLit;
      return r;
    }
    problem = "expected at least one digit in exponent";
    return q;
  }

  // Right after a field-access `.` (not part of `..`), digits are a tuple index:
  // `x.0.1` is `x` `.` `0` `.` `1`, which rustc gets by splitting the float `0.1`.
  bool after_field_dot() const {
    size_t n = toks_.size();
    if (n == 0 || toks_[n - 1].kind != TokenKind::Dot) return false;
    return n < 2 || toks_[n - 2].kind != TokenKind::Dot || toks_[n - 2].end() != toks_[n - 1].start;
  }

  const char* number(const char* s) {
    const char* q = s + 1;
    int base = 10;
    bool any = true;
    if (*s == '0' && q < end_ && (*q == 'b' || *q == 'o' || *q == 'x')) {
      base = *q == 'b' ? 2 : *q == 'o' ? 8 : 16;
      q = eat_digits(q + 1, base == 16, any);
    } else {
      q = eat_digits(q, false, any);
      any = true;
    }
    const char* digits_end = q;
    TokenKind kind = TokenKind::IntLit;
    const char* problem = nullptr;
    if (!any) {
      problem = "no valid digits found for number";
    } else if (base != 16 && !after_field_dot()) {  // hex never takes `.` or an exponent
      if (q < end_ && *q == '.' && !(end_ - q > 1 && (q[1] == '.' || ident_start_len(q + 1)))) {
        // `1.` `1.5` `1.5e3`, but not `1..2`, `1.foo`, `1.e3`, `1._x`.
        ++q;
        kind = TokenKind::FloatLit;
        if (q < end_ && is_digit(*q)) {
          q = eat_digits(q, false, any);
          if (q < end_ && (*q == 'e' || *q == 'E')) q = exponent(q, kind, problem);
        }
      } else if (q < end_ && (*q == 'e' || *q == 'E')) {
        q = exponent(q, kind, problem);
      }
      if (base != 10 && problem == nullptr) {
        if (kind == TokenKind::FloatLit) {
          problem = base == 2 ? "binary float literal is not supported"
                              : "octal float literal is not supported";
        } else {
          for (const char* d = s + 2; d < digits_end; ++d) {
            if (*d != '_' && *d - '0' >= base) {
              problem = base == 2 ? "invalid digit for a base 2 literal"
                                  : "invalid digit for a base 8 literal";
              break;
            }
          }
        }
      }
    }
    q = suffix(q);
    push(kind, s, q);
    if (problem != nullptr) error(s, problem);
    return q;
  }

  // ---- comments ----------------------------------------------------------------------

  const char* slash(const char* s) {
    if (end_ - s > 1) {
      if (s[1] == '/') return line_comment(s);
      if (s[1] == '*') return block_comment(s);
    }
    push(TokenKind::Slash, s, s + 1);
    return s + 1;
  }

  const char* line_comment(const char* s) {
    const char* nl = line_end(s + 2, end_);
    DocStyle doc = line_doc_style(s, end_);
    if (doc != DocStyle::None) {
      const char* e = nl;
      if (e - s > 3 && e[-1] == '\r' && e < end_) --e;  // `\r\n` ends the line, not the doc
      push(doc == DocStyle::Outer ? TokenKind::OuterDoc : TokenKind::InnerDoc, s, e);
    }
    return nl;
  }

  const char* block_comment(const char* s) {
    DocStyle doc = block_doc_style(s, end_);
    TokenKind k = doc == DocStyle::Outer ? TokenKind::OuterDoc : TokenKind::InnerDoc;
    const char* e = block_comment_end(s, end_);
    if (e == nullptr) {
      if (doc != DocStyle::None) push(k, s, end_, kTokBlockDoc | kTokUnterminated);
      error(s, "unterminated block comment");
      return end_;
    }
    if (doc != DocStyle::None) push(k, s, e, kTokBlockDoc);
    return e;
  }

  // ---- start of file -----------------------------------------------------------------

  // After whitespace and ordinary (non-doc) comments from q.
  const char* skip_trivia(const char* q) const {
    while (q < end_) {
      unsigned char c = u8(*q);
      if (kT.cls[c] == kSpace) {
        ++q;
      } else if (c >= 0x80) {
        char32_t cp = 0;
        int n = decode_utf8(q, end_, cp);
        if (n == 0 || !is_unicode_space(cp)) return q;
        q += n;
      } else if (c == '/' && end_ - q > 1 && q[1] == '/' &&
                 line_doc_style(q, end_) == DocStyle::None) {
        q = line_end(q, end_);
      } else if (c == '/' && end_ - q > 1 && q[1] == '*' &&
                 block_doc_style(q, end_) == DocStyle::None) {
        const char* e = block_comment_end(q, end_);
        q = e != nullptr ? e : end_;
      } else {
        return q;
      }
    }
    return q;
  }

  const char* skip_bom_and_shebang(const char* p) const {
    if (end_ - p >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
    // `#!` starts a shebang line unless the next token is `[` (`#![attr]`, rustc's rule).
    if (end_ - p >= 2 && p[0] == '#' && p[1] == '!') {
      const char* q = skip_trivia(p + 2);
      if (q >= end_ || *q != '[') return line_end(p, end_);
    }
    return p;
  }

  // ---- everything else ---------------------------------------------------------------

  const char* non_ascii(const char* s) {
    char32_t cp = 0;
    int n = decode_utf8(s, end_, cp);
    if (n == 0) return invalid_utf8_run(s);
    if (is_xid_start(cp)) return ident(s, s + n);
    if (is_unicode_space(cp)) return s + n;
    return unexpected_run(s);
  }

  const char* invalid_utf8_run(const char* s) {
    char32_t cp = 0;
    const char* q = s + 1;
    while (q < end_ && u8(*q) >= 0x80 && decode_utf8(q, end_, cp) == 0) ++q;
    push(TokenKind::Error, s, q);
    std::string msg = "invalid UTF-8: ";
    for (const char* b = s; b < q && b < s + 8; ++b) {
      msg += "\\x";
      append_hex(msg, u8(*b), 2);
    }
    if (q - s > 8) msg += "...";
    error(s, std::move(msg));
    return q;
  }

  // Length of the character at q if it starts no token (a stray byte, a non-XID,
  // non-space character), else 0.
  int unexpected_len(const char* q, char32_t& cp) const {
    unsigned char c = u8(*q);
    if (c < 0x80) {
      cp = c;
      return kT.cls[c] == kBad ? 1 : 0;
    }
    int n = decode_utf8(q, end_, cp);
    return n != 0 && !is_xid_start(cp) && !is_unicode_space(cp) ? n : 0;
  }

  // A run of characters that start no token: one Error token and one error.
  const char* unexpected_run(const char* s) {
    std::string shown;
    int count = 0;
    const char* q = s;
    char32_t cp = 0;
    while (q < end_) {
      int n = unexpected_len(q, cp);
      if (n == 0) break;
      if (++count <= 8) {
        if (show_escaped(cp)) {
          shown += cp < 0x80 ? "\\x" : "\\u{";
          append_hex(shown, cp, cp < 0x80 ? 2 : 4);
          if (cp >= 0x80) shown += '}';
        } else {
          shown.append(q, static_cast<size_t>(n));
        }
      } else if (count == 9) {
        shown += "...";
      }
      q += n;
    }
    push(TokenKind::Error, s, q);
    error(s, (count == 1 ? "unexpected character `" : "unexpected characters `") + shown + "`");
    return q;
  }
};

}  // namespace

LexResult lex(std::string_view text, Edition edition) {
  LexResult out;
  // Offsets are 32-bit: of a larger text only the first 4 GiB - 1 bytes are lexed.
  constexpr size_t kMax = UINT32_MAX;
  bool too_large = text.size() > kMax;
  if (too_large) text = text.substr(0, kMax);
  out.tokens.reserve(text.size() / 4 + 16);
  if (too_large) {
    out.errors.push_back({0, "file too large: only its first 4 GiB were lexed"});
    out.error_count = 1;
  }
  Lexer(text, edition, out).run();
  return out;
}

}  // namespace ferret::syntax
