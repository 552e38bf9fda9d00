// Position and URI conversions at the LSP boundary.
#include "frontends/lsp/lsp_text.h"

namespace ferret::lsp {

namespace {

// The byte length of the UTF-8 sequence starting with b (1 for an invalid lead byte).
uint32_t sequence_length(unsigned char b) {
  if (b < 0x80) return 1;
  if ((b & 0xE0) == 0xC0) return 2;
  if ((b & 0xF0) == 0xE0) return 3;
  if ((b & 0xF8) == 0xF0) return 4;
  return 1;
}

// One character at s[i]: its byte length (bounded by the text, continuation bytes
// checked) and its UTF-16 length.
void next_char(std::string_view s, size_t i, uint32_t& bytes, uint32_t& units) {
  uint32_t n = sequence_length(static_cast<unsigned char>(s[i]));
  for (uint32_t k = 1; k < n; ++k) {
    if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
      n = 1;  // invalid: the lead byte alone
      break;
    }
  }
  bytes = n;
  units = n == 4 ? 2 : 1;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

uint32_t unit_length(std::string_view s, PositionEncoding enc) {
  if (enc == PositionEncoding::Utf8) return static_cast<uint32_t>(s.size());
  uint32_t units = 0;
  for (size_t i = 0; i < s.size();) {
    uint32_t b, u;
    next_char(s, i, b, u);
    units += u;
    i += b;
  }
  return units;
}

uint32_t to_offset(std::string_view text, const base::LineIndex& lines, LspPosition p, PositionEncoding enc) {
  if (p.line >= lines.line_count()) return static_cast<uint32_t>(text.size());
  uint32_t start = lines.offset(p.line + 1, 0);
  std::string_view line = lines.line_text(p.line + 1);
  if (enc == PositionEncoding::Utf8) {
    // A byte column inside a character goes back to the character's start.
    return lines.offset(p.line + 1, std::min<uint32_t>(p.character, static_cast<uint32_t>(line.size())));
  }
  uint32_t units = 0;
  size_t i = 0;
  while (i < line.size()) {
    uint32_t b, u;
    next_char(line, i, b, u);
    if (units + u > p.character) break;
    units += u;
    i += b;
  }
  return start + static_cast<uint32_t>(i);
}

LspPosition to_position(std::string_view text, const base::LineIndex& lines, uint32_t offset, PositionEncoding enc) {
  if (offset > text.size()) offset = static_cast<uint32_t>(text.size());
  base::LineCol lc = lines.line_col(offset);
  LspPosition p;
  p.line = lc.line - 1;
  std::string_view line = lines.line_text(lc.line);
  p.character = unit_length(line.substr(0, std::min<size_t>(lc.col, line.size())), enc);
  return p;
}

std::optional<std::string> uri_to_path(std::string_view uri) {
  constexpr std::string_view kScheme = "file://";
  if (uri.size() < kScheme.size()) return std::nullopt;
  for (size_t i = 0; i < kScheme.size(); ++i) {
    char c = uri[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kScheme[i]) return std::nullopt;
  }
  std::string_view rest = uri.substr(kScheme.size());
  // file://host/path: only an empty host or localhost is this machine.
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view host = rest.substr(0, slash);
  if (!host.empty() && host != "localhost") return std::nullopt;
  rest = rest.substr(slash);
  std::string out;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%') {
      if (i + 2 >= rest.size() || hex(rest[i + 1]) < 0 || hex(rest[i + 2]) < 0) return std::nullopt;
      out += static_cast<char>(hex(rest[i + 1]) * 16 + hex(rest[i + 2]));
      i += 2;
    } else if (rest[i] == '?' || rest[i] == '#') {
      break;
    } else {
      out += rest[i];
    }
  }
  if (out.find('\0') != std::string::npos) return std::nullopt;
  return out;
}

std::string path_to_uri(std::string_view path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out = "file://";
  for (unsigned char c : path) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                 c == '_' || c == '~' || c == '/';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace ferret::lsp
