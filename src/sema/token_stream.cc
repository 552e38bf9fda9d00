// Token streams: building, lexing with doc comments desugared, delimiter pairing.
#include "sema/token_stream.h"

#include "syntax/lexer.h"
#include "syntax/literal_value.h"

namespace ferret::sema {

using K = syntax::TokenKind;

bool is_open_delimiter(K k) { return k == K::LParen || k == K::LBracket || k == K::LBrace; }
bool is_close_delimiter(K k) { return k == K::RParen || k == K::RBracket || k == K::RBrace; }

namespace {

K closer_of(K open) { return open == K::LParen ? K::RParen : open == K::LBracket ? K::RBracket : K::RBrace; }

// A doc comment's text as a string literal token.
std::string doc_literal(std::string_view comment) {
  std::string out = "\"";
  for (char c : syntax::doc_comment_text(comment)) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\r') continue;
    out += c;
  }
  out += '"';
  return out;
}

bool only_whitespace(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

}  // namespace

void TokenStreamBuilder::append(K kind, std::string_view text, TokenOrigin origin, std::string_view space) {
  stream_.text += space;
  syntax::Token t;
  t.start = static_cast<uint32_t>(stream_.text.size());
  t.len = static_cast<uint32_t>(text.size());
  t.kind = kind;
  stream_.text += text;
  stream_.tokens.push_back(t);
  stream_.origins.push_back(origin);
}

TokenStream TokenStreamBuilder::finish() {
  TokenStream& s = stream_;
  s.partner.assign(s.tokens.size(), kNoIndex);
  std::vector<uint32_t> open;
  for (uint32_t i = 0; i < s.tokens.size(); ++i) {
    K k = s.tokens[i].kind;
    if (is_open_delimiter(k)) {
      open.push_back(i);
    } else if (is_close_delimiter(k)) {
      // A closer pairs with the innermost opener of its kind; openers left open
      // between them end here too (their partner is this closer's position).
      size_t j = open.size();
      while (j > 0 && closer_of(s.tokens[open[j - 1]].kind) != k) --j;
      if (j == 0) continue;  // a stray closer: an ordinary token
      for (size_t x = open.size(); x > j; --x) s.partner[open[x - 1]] = i;
      s.partner[open[j - 1]] = i;
      s.partner[i] = open[j - 1];
      open.resize(j - 1);
    }
  }
  // Openers never closed extend to the end.
  for (uint32_t o : open) s.partner[o] = static_cast<uint32_t>(s.tokens.size());
  return std::move(stream_);
}

TokenStream lex_token_stream(std::string_view text, syntax::Edition edition,
                             const std::function<TokenOrigin(uint32_t)>& origin_of) {
  syntax::LexResult lexed = syntax::lex(text, edition);
  TokenStreamBuilder b;
  uint32_t prev_end = 0;
  bool first = true;
  for (const syntax::Token& t : lexed.tokens) {
    if (t.kind == K::Eof) break;
    if (t.kind == K::Error) continue;
    std::string_view gap = text.substr(prev_end, t.start - prev_end);
    std::string_view space = first ? "" : only_whitespace(gap) ? gap : " ";
    first = false;
    prev_end = t.end();
    TokenOrigin o = origin_of(t.start);
    std::string_view tok = text.substr(t.start, t.len);
    if (t.kind == K::OuterDoc || t.kind == K::InnerDoc) {
      std::string lit = doc_literal(tok);
      b.append(K::Pound, "#", o, space);
      if (t.kind == K::InnerDoc) b.append(K::Bang, "!", o, "");
      b.append(K::LBracket, "[", o, "");
      b.append(K::Ident, "doc", o, "");
      b.append(K::Eq, "=", o, " ");
      b.append(K::StrLit, lit, o, " ");
      b.append(K::RBracket, "]", o, "");
      continue;
    }
    b.append(t.kind, tok, o, space);
  }
  return b.finish();
}

}  // namespace ferret::sema
