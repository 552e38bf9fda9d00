// Unescaping of string literals and stripping of doc comment markers.
#include "syntax/literal_value.h"

namespace ferret::syntax {

namespace {

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp <= 0x10FFFF) {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> string_literal_value(std::string_view t) {
  size_t i = 0;
  while (i < t.size() && (t[i] == 'b' || t[i] == 'c')) ++i;
  bool raw = i < t.size() && t[i] == 'r';
  if (raw) ++i;
  size_t hashes = 0;
  while (raw && i < t.size() && t[i] == '#') {
    ++hashes;
    ++i;
  }
  if (i >= t.size() || t[i] != '"') return std::nullopt;
  ++i;
  // The closing quote: for raw strings `"` + hashes; else the last `"` in the token.
  size_t close = t.rfind('"');
  if (close == std::string_view::npos || close < i) close = t.size();
  std::string_view body = t.substr(i, close - i);
  if (raw) return std::string(body);
  std::string out;
  out.reserve(body.size());
  for (size_t j = 0; j < body.size(); ++j) {
    char c = body[j];
    if (c != '\\' || j + 1 >= body.size()) {
      out += c;
      continue;
    }
    char e = body[++j];
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case '0': out += '\0'; break;
      case '\\': out += '\\'; break;
      case '"': out += '"'; break;
      case '\'': out += '\''; break;
      case '\n':  // line continuation: skip the newline and leading whitespace
        while (j + 1 < body.size() &&
               (body[j + 1] == ' ' || body[j + 1] == '\t' || body[j + 1] == '\n' || body[j + 1] == '\r')) {
          ++j;
        }
        break;
      case 'x':
        if (j + 2 < body.size() && hex_value(body[j + 1]) >= 0 && hex_value(body[j + 2]) >= 0) {
          out += static_cast<char>(hex_value(body[j + 1]) * 16 + hex_value(body[j + 2]));
          j += 2;
        } else {
          out += "\\x";
        }
        break;
      case 'u': {
        size_t k = j + 1;
        if (k < body.size() && body[k] == '{') {
          uint32_t cp = 0;
          size_t m = k + 1;
          while (m < body.size() && body[m] != '}') {
            int h = hex_value(body[m]);
            if (h >= 0) cp = cp * 16 + static_cast<uint32_t>(h);
            ++m;
          }
          append_utf8(out, cp);
          j = m;
        } else {
          out += "\\u";
        }
        break;
      }
      default:
        out += '\\';
        out += e;
    }
  }
  return out;
}

std::string doc_comment_text(std::string_view t) {
  if (t.size() >= 3 && t[0] == '/' && t[1] == '/') return std::string(t.substr(3));
  if (t.size() >= 3 && t[0] == '/' && t[1] == '*') {
    std::string_view body = t.substr(3);
    if (body.size() >= 2 && body.substr(body.size() - 2) == "*/") body.remove_suffix(2);
    std::string out;
    size_t pos = 0;
    bool first = true;
    while (pos <= body.size()) {
      size_t nl = body.find('\n', pos);
      std::string_view line = body.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
      size_t k = 0;
      while (k < line.size() && (line[k] == ' ' || line[k] == '\t')) ++k;
      if (!first && k < line.size() && line[k] == '*') line = line.substr(k + 1);
      if (!first) out += '\n';
      out += line;
      first = false;
      if (nl == std::string_view::npos) break;
      pos = nl + 1;
    }
    return out;
  }
  return std::string(t);
}

}  // namespace ferret::syntax
