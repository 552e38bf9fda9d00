// Content-Length framing.
#include "frontends/lsp/lsp_transport.h"

#include <cctype>

namespace ferret::lsp {

namespace {

// One header line without its "\r\n" (or "\n"); nullopt at end of input. Lines are
// capped so a stream of garbage cannot grow memory.
std::optional<std::string> read_line(std::FILE* in) {
  std::string line;
  int c;
  bool any = false;
  while ((c = std::fgetc(in)) != EOF) {
    any = true;
    if (c == '\n') break;
    if (line.size() < 4096) line += static_cast<char>(c);
  }
  if (!any) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Where "content-length:" starts in the line (any case), or npos. Found anywhere, so
// the stream resynchronizes after a body that was not framed (its bytes then precede
// the next header on the same line).
size_t find_length_header(const std::string& line) {
  static const std::string kName = "content-length:";
  if (line.size() < kName.size()) return std::string::npos;
  for (size_t i = 0; i + kName.size() <= line.size(); ++i) {
    size_t k = 0;
    while (k < kName.size() && std::tolower(static_cast<unsigned char>(line[i + k])) == kName[k]) ++k;
    if (k == kName.size()) return i;
  }
  return std::string::npos;
}

}  // namespace

Incoming Transport::read() {
  Incoming r;
  std::optional<size_t> length;
  bool bad = false;
  bool header_seen = false;
  for (;;) {
    std::optional<std::string> line = read_line(in_);
    if (!line) {
      r.kind = Incoming::Kind::End;
      return r;
    }
    if (line->empty()) {
      if (!header_seen) continue;  // blank lines between messages
      break;
    }
    header_seen = true;
    if (size_t at = find_length_header(*line); at != std::string::npos) {
      std::string v = line->substr(at + 15);
      size_t n = 0;
      bool digits = false;
      bool ok = true;
      for (char ch : v) {
        if (ch == ' ' || ch == '\t') continue;
        if (ch < '0' || ch > '9' || n > kMaxMessageBytes) {
          ok = false;
          break;
        }
        n = n * 10 + static_cast<size_t>(ch - '0');
        digits = true;
      }
      if (ok && digits && n <= kMaxMessageBytes) {
        length = n;
      } else {
        bad = true;
      }
    }
  }
  if (bad || !length) {
    r.kind = Incoming::Kind::BadHeader;
    return r;
  }
  r.body.resize(*length);
  size_t got = *length == 0 ? 0 : std::fread(r.body.data(), 1, *length, in_);
  if (got < *length) {
    r.kind = Incoming::Kind::End;  // the stream ended inside a message
    return r;
  }
  r.kind = Incoming::Kind::Message;
  return r;
}

void Transport::write(const std::string& body) {
  std::lock_guard<std::mutex> lock(write_mutex_);
  std::fprintf(out_, "Content-Length: %zu\r\n\r\n", body.size());
  std::fwrite(body.data(), 1, body.size(), out_);
  std::fflush(out_);
}

}  // namespace ferret::lsp
