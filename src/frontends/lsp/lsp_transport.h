// JSON-RPC framing over byte streams: `Content-Length: N\r\n\r\n` then N bytes of
// JSON. Reading never trusts the peer: unknown headers are skipped, a missing or
// absurd length is a framing error the caller answers, and a message is capped.
#pragma once

#include <cstdio>
#include <mutex>
#include <optional>
#include <string>

namespace ferret::lsp {

constexpr size_t kMaxMessageBytes = 256u << 20;  // 256 MiB

struct Incoming {
  enum class Kind { Message, BadHeader, End } kind = Kind::End;
  std::string body;
};

class Transport {
 public:
  Transport(std::FILE* in, std::FILE* out) : in_(in), out_(out) {}

  // The next message's body; BadHeader when a header block had no usable length (the
  // stream then continues with the next header block); End at end of input.
  Incoming read();
  // Writes one message; safe from several threads.
  void write(const std::string& body);

 private:
  std::FILE* in_;
  std::FILE* out_;
  std::mutex write_mutex_;
};

}  // namespace ferret::lsp
