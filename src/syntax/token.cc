// Token kind names (for dumps and messages) and the keyword table per edition.
#include "syntax/token.h"

#include <cstdint>

namespace ferret::syntax {

std::string_view token_kind_name(TokenKind k) {
  switch (k) {  // no default: -Wswitch flags a kind without a name
    case TokenKind::Eof: return "EOF";
    case TokenKind::Error: return "ERROR";
    case TokenKind::Ident: return "IDENT";
    case TokenKind::Lifetime: return "LIFETIME";
    case TokenKind::IntLit: return "INT_LIT";
    case TokenKind::FloatLit: return "FLOAT_LIT";
    case TokenKind::CharLit: return "CHAR_LIT";
    case TokenKind::ByteLit: return "BYTE_LIT";
    case TokenKind::StrLit: return "STR_LIT";
    case TokenKind::ByteStrLit: return "BYTE_STR_LIT";
    case TokenKind::CStrLit: return "C_STR_LIT";
    case TokenKind::RawStrLit: return "RAW_STR_LIT";
    case TokenKind::RawByteStrLit: return "RAW_BYTE_STR_LIT";
    case TokenKind::RawCStrLit: return "RAW_C_STR_LIT";
    case TokenKind::OuterDoc: return "OUTER_DOC";
    case TokenKind::InnerDoc: return "INNER_DOC";
    case TokenKind::KwAs: return "as";
    case TokenKind::KwBreak: return "break";
    case TokenKind::KwConst: return "const";
    case TokenKind::KwContinue: return "continue";
    case TokenKind::KwCrate: return "crate";
    case TokenKind::KwElse: return "else";
    case TokenKind::KwEnum: return "enum";
    case TokenKind::KwExtern: return "extern";
    case TokenKind::KwFalse: return "false";
    case TokenKind::KwFn: return "fn";
    case TokenKind::KwFor: return "for";
    case TokenKind::KwIf: return "if";
    case TokenKind::KwImpl: return "impl";
    case TokenKind::KwIn: return "in";
    case TokenKind::KwLet: return "let";
    case TokenKind::KwLoop: return "loop";
    case TokenKind::KwMatch: return "match";
    case TokenKind::KwMod: return "mod";
    case TokenKind::KwMove: return "move";
    case TokenKind::KwMut: return "mut";
    case TokenKind::KwPub: return "pub";
    case TokenKind::KwRef: return "ref";
    case TokenKind::KwReturn: return "return";
    case TokenKind::KwSelfValue: return "self";
    case TokenKind::KwSelfType: return "Self";
    case TokenKind::KwStatic: return "static";
    case TokenKind::KwStruct: return "struct";
    case TokenKind::KwSuper: return "super";
    case TokenKind::KwTrait: return "trait";
    case TokenKind::KwTrue: return "true";
    case TokenKind::KwType: return "type";
    case TokenKind::KwUnsafe: return "unsafe";
    case TokenKind::KwUse: return "use";
    case TokenKind::KwWhere: return "where";
    case TokenKind::KwWhile: return "while";
    case TokenKind::KwAsync: return "async";
    case TokenKind::KwAwait: return "await";
    case TokenKind::KwDyn: return "dyn";
    case TokenKind::KwAbstract: return "abstract";
    case TokenKind::KwBecome: return "become";
    case TokenKind::KwBox: return "box";
    case TokenKind::KwDo: return "do";
    case TokenKind::KwFinal: return "final";
    case TokenKind::KwMacro: return "macro";
    case TokenKind::KwOverride: return "override";
    case TokenKind::KwPriv: return "priv";
    case TokenKind::KwTypeof: return "typeof";
    case TokenKind::KwUnsized: return "unsized";
    case TokenKind::KwVirtual: return "virtual";
    case TokenKind::KwYield: return "yield";
    case TokenKind::KwTry: return "try";
    case TokenKind::KwGen: return "gen";
    case TokenKind::Plus: return "+";
    case TokenKind::Minus: return "-";
    case TokenKind::Star: return "*";
    case TokenKind::Slash: return "/";
    case TokenKind::Percent: return "%";
    case TokenKind::Caret: return "^";
    case TokenKind::Bang: return "!";
    case TokenKind::Amp: return "&";
    case TokenKind::Pipe: return "|";
    case TokenKind::Eq: return "=";
    case TokenKind::Lt: return "<";
    case TokenKind::Gt: return ">";
    case TokenKind::At: return "@";
    case TokenKind::Dot: return ".";
    case TokenKind::Comma: return ",";
    case TokenKind::Semi: return ";";
    case TokenKind::Colon: return ":";
    case TokenKind::Pound: return "#";
    case TokenKind::Dollar: return "$";
    case TokenKind::Question: return "?";
    case TokenKind::Tilde: return "~";
    case TokenKind::Underscore: return "_";
    case TokenKind::LParen: return "(";
    case TokenKind::RParen: return ")";
    case TokenKind::LBracket: return "[";
    case TokenKind::RBracket: return "]";
    case TokenKind::LBrace: return "{";
    case TokenKind::RBrace: return "}";
    case TokenKind::Count_: break;
  }
  return "INVALID_KIND";
}

namespace {

// A word of at most 8 bytes packed little-endian into an integer, so that keyword lookup
// is one switch over constants. The length is checked separately (a NUL byte in `text`
// must not make "fn\0" match "fn").
constexpr uint64_t pack(std::string_view s) {
  uint64_t v = 0;
  for (size_t i = 0; i < s.size() && i < 8; ++i) {
    v |= static_cast<uint64_t>(static_cast<unsigned char>(s[i])) << (8 * i);
  }
  return v;
}

}  // namespace

TokenKind keyword_kind(std::string_view text, Edition edition) {
  size_t n = text.size();
  if (n < 2 || n > 8) return n == 1 && text[0] == '_' ? TokenKind::Underscore : TokenKind::Ident;
  uint64_t v = pack(text);
  TokenKind k = TokenKind::Ident;
  size_t len = 0;
#define FERRET_KW(word, kind) \
  case pack(word):            \
    k = TokenKind::kind;      \
    len = sizeof(word) - 1;   \
    break;
  switch (v) {
    FERRET_KW("as", KwAs)
    FERRET_KW("break", KwBreak)
    FERRET_KW("const", KwConst)
    FERRET_KW("continue", KwContinue)
    FERRET_KW("crate", KwCrate)
    FERRET_KW("else", KwElse)
    FERRET_KW("enum", KwEnum)
    FERRET_KW("extern", KwExtern)
    FERRET_KW("false", KwFalse)
    FERRET_KW("fn", KwFn)
    FERRET_KW("for", KwFor)
    FERRET_KW("if", KwIf)
    FERRET_KW("impl", KwImpl)
    FERRET_KW("in", KwIn)
    FERRET_KW("let", KwLet)
    FERRET_KW("loop", KwLoop)
    FERRET_KW("match", KwMatch)
    FERRET_KW("mod", KwMod)
    FERRET_KW("move", KwMove)
    FERRET_KW("mut", KwMut)
    FERRET_KW("pub", KwPub)
    FERRET_KW("ref", KwRef)
    FERRET_KW("return", KwReturn)
    FERRET_KW("self", KwSelfValue)
    FERRET_KW("Self", KwSelfType)
    FERRET_KW("static", KwStatic)
    FERRET_KW("struct", KwStruct)
    FERRET_KW("super", KwSuper)
    FERRET_KW("trait", KwTrait)
    FERRET_KW("true", KwTrue)
    FERRET_KW("type", KwType)
    FERRET_KW("unsafe", KwUnsafe)
    FERRET_KW("use", KwUse)
    FERRET_KW("where", KwWhere)
    FERRET_KW("while", KwWhile)
    FERRET_KW("async", KwAsync)
    FERRET_KW("await", KwAwait)
    FERRET_KW("dyn", KwDyn)
    FERRET_KW("abstract", KwAbstract)
    FERRET_KW("become", KwBecome)
    FERRET_KW("box", KwBox)
    FERRET_KW("do", KwDo)
    FERRET_KW("final", KwFinal)
    FERRET_KW("macro", KwMacro)
    FERRET_KW("override", KwOverride)
    FERRET_KW("priv", KwPriv)
    FERRET_KW("typeof", KwTypeof)
    FERRET_KW("unsized", KwUnsized)
    FERRET_KW("virtual", KwVirtual)
    FERRET_KW("yield", KwYield)
    FERRET_KW("try", KwTry)
    FERRET_KW("gen", KwGen)
    default:
      return TokenKind::Ident;
  }
#undef FERRET_KW
  if (len != n) return TokenKind::Ident;
  switch (k) {
    case TokenKind::KwAsync:
    case TokenKind::KwAwait:
    case TokenKind::KwDyn:
    case TokenKind::KwTry:
      return edition == Edition::E2015 ? TokenKind::Ident : k;
    case TokenKind::KwGen:
      return edition == Edition::E2024 ? k : TokenKind::Ident;
    default:
      return k;
  }
}

}  // namespace ferret::syntax
