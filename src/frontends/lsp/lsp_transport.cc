// Content-Length framing.
#include "frontends/lsp/lsp_transport.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace ferret::lsp {

namespace {

constexpr size_t kMaxLineBytes = 4096;
constexpr size_t kFirstChunk = size_t{64} << 10;

// One header line without its "\r\n" (or "\n"); nullopt at end of input. Only a
// line's last few KB are kept (a header after unframed bytes is at its end), so a
// stream of garbage cannot grow memory.
std::optional<std::string> read_line(std::FILE* in) {
  std::string line;
  int c;
  bool any = false;
  while ((c = std::fgetc(in)) != EOF) {
    any = true;
    if (c == '\n') break;
    line += static_cast<char>(c);
    if (line.size() >= 2 * kMaxLineBytes) line.erase(0, line.size() - kMaxLineBytes);
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

// The value of a Content-Length header (spaces allowed around the digits); nullopt
// when it is not a number or does not fit in 64 bits.
std::optional<uint64_t> parse_length(std::string_view v) {
  uint64_t n = 0;
  bool digits = false;
  for (char ch : v) {
    if (ch == ' ' || ch == '\t') continue;
    if (ch < '0' || ch > '9') return std::nullopt;
    uint64_t d = static_cast<uint64_t>(ch - '0');
    if (n > (UINT64_MAX - d) / 10) return std::nullopt;
    n = n * 10 + d;
    digits = true;
  }
  if (!digits) return std::nullopt;
  return n;
}

// Reads n bytes into `out`, in chunks that double as they fill: a length the peer lies
// about costs only the bytes it really sends. False when the input ends first.
bool read_body(std::FILE* in, uint64_t n, std::string& out) {
  while (out.size() < n) {
    size_t chunk =
        static_cast<size_t>(std::min<uint64_t>(n - out.size(), std::max(kFirstChunk, out.size())));
    size_t old = out.size();
    out.resize(old + chunk);
    size_t got = std::fread(out.data() + old, 1, chunk, in);
    out.resize(old + got);
    if (got < chunk) return false;
  }
  return true;
}

// Reads and drops n bytes; false when the input ends first.
bool skip_bytes(std::FILE* in, uint64_t n) {
  char buffer[16 << 10];
  while (n > 0) {
    size_t chunk = static_cast<size_t>(std::min<uint64_t>(n, sizeof buffer));
    if (std::fread(buffer, 1, chunk, in) < chunk) return false;
    n -= chunk;
  }
  return true;
}

}  // namespace

Incoming Transport::read() {
  Incoming r;
  std::optional<uint64_t> length;
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
      length = parse_length(std::string_view(*line).substr(at + 15));
      bad |= !length;
    }
  }
  if (bad || !length) {
    r.kind = Incoming::Kind::BadHeader;
    return r;
  }
  r.length = *length;
  if (*length > kMaxMessageBytes) {
    r.kind = skip_bytes(in_, *length) ? Incoming::Kind::TooLarge : Incoming::Kind::End;
    return r;
  }
  r.kind = read_body(in_, *length, r.body) ? Incoming::Kind::Message : Incoming::Kind::End;
  if (r.kind == Incoming::Kind::End) r.body.clear();  // the stream ended inside a message
  return r;
}

void Transport::write(const std::string& body) {
  std::lock_guard<std::mutex> lock(write_mutex_);
  std::fprintf(out_, "Content-Length: %zu\r\n\r\n", body.size());
  std::fwrite(body.data(), 1, body.size(), out_);
  std::fflush(out_);
}

}  // namespace ferret::lsp
