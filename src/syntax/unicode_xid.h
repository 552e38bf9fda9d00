// Unicode helpers for the lexer: identifier character classes (XID_Start, XID_Continue)
// and a strict UTF-8 decoder.
//
// The ASCII cases are answered inline; other code points by binary search over range
// tables generated from the Unicode Character Database (unicode_xid_tables.inc).
#pragma once

namespace ferret::syntax {

namespace detail {
bool is_xid_start_table(char32_t c);
bool is_xid_continue_table(char32_t c);
}  // namespace detail

// Unicode XID_Start. Note that `_` is not XID_Start (Rust accepts it separately).
inline bool is_xid_start(char32_t c) {
  if (c < 0x80) return static_cast<char32_t>((c | 0x20) - 'a') < 26;
  return detail::is_xid_start_table(c);
}

// Unicode XID_Continue: XID_Start plus digits, `_`, combining marks …
inline bool is_xid_continue(char32_t c) {
  if (c < 0x80) {
    return static_cast<char32_t>((c | 0x20) - 'a') < 26 || static_cast<char32_t>(c - '0') < 10 ||
           c == '_';
  }
  return detail::is_xid_continue_table(c);
}

// Decodes one UTF-8 sequence at p (p < end). Returns its length (1–4) and sets cp, or
// returns 0 when the bytes at p are no well-formed sequence: a continuation or invalid
// lead byte, an overlong form, a surrogate, a value above U+10FFFF, or a sequence cut
// off by `end`. Never reads at or past `end`.
inline int decode_utf8(const char* p, const char* end, char32_t& cp) {
  const auto* s = reinterpret_cast<const unsigned char*>(p);
  const auto* e = reinterpret_cast<const unsigned char*>(end);
  if (s >= e) return 0;
  unsigned b0 = s[0];
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  auto cont = [](unsigned b) { return (b & 0xC0) == 0x80; };
  if (b0 < 0xC2) return 0;  // continuation byte, or overlong 2-byte lead C0/C1
  if (b0 < 0xE0) {
    if (e - s < 2 || !cont(s[1])) return 0;
    cp = ((b0 & 0x1F) << 6) | (s[1] & 0x3F);
    return 2;
  }
  if (b0 < 0xF0) {
    if (e - s < 3) return 0;
    unsigned b1 = s[1];
    unsigned lo = b0 == 0xE0 ? 0xA0 : 0x80;  // E0: no overlongs
    unsigned hi = b0 == 0xED ? 0x9F : 0xBF;  // ED: no surrogates
    if (b1 < lo || b1 > hi || !cont(s[2])) return 0;
    cp = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (s[2] & 0x3F);
    return 3;
  }
  if (b0 < 0xF5) {
    if (e - s < 4) return 0;
    unsigned b1 = s[1];
    unsigned lo = b0 == 0xF0 ? 0x90 : 0x80;  // F0: no overlongs
    unsigned hi = b0 == 0xF4 ? 0x8F : 0xBF;  // F4: nothing above U+10FFFF
    if (b1 < lo || b1 > hi || !cont(s[2]) || !cont(s[3])) return 0;
    cp = ((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    return 4;
  }
  return 0;
}

}  // namespace ferret::syntax
