// JSON-RPC framing over byte streams: `Content-Length: N\r\n\r\n` then N bytes of
// JSON. Reading never trusts the peer: unknown headers are skipped, a missing or
// unreadable length is a framing error the caller answers, memory grows only as a
// body's bytes arrive, and a body over the cap is read past (not kept) so the stream
// stays in step.
#pragma once

#include <cstdint>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>

namespace ferret::lsp {

// The largest message kept: a 10 MB source file JSON-escaped fits several times over.
constexpr size_t kMaxMessageBytes = size_t{64} << 20;  // 64 MiB

struct Incoming {
  enum class Kind {
    Message,    // body holds the message
    BadHeader,  // a header block with no usable length; the next block follows
    TooLarge,   // a body over kMaxMessageBytes was skipped; `length` says how long
    End,        // end of input (also inside a message)
  } kind = Kind::End;
  std::string body;
  uint64_t length = 0;
};

class Transport {
 public:
  Transport(std::FILE* in, std::FILE* out) : in_(in), out_(out) {}

  Incoming read();
  // Writes one message; safe from several threads.
  void write(const std::string& body);

 private:
  std::FILE* in_;
  std::FILE* out_;
  std::mutex write_mutex_;
};

}  // namespace ferret::lsp
