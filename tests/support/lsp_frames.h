// LSP framing for tests that speak to the server through bytes: a message framed with
// its Content-Length, and a byte stream of framed replies split back into JSON.
// Header-only (the fuzz build uses it without GoogleTest).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ferret::testing {

inline std::string lsp_frame(const std::string& body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

inline std::string lsp_frame(const nlohmann::json& message) {
  return lsp_frame(message.dump());
}

// Every framed message of `stream`, parsed (a body that is not JSON becomes a string).
inline std::vector<nlohmann::json> lsp_unframe(const std::string& stream) {
  std::vector<nlohmann::json> out;
  size_t pos = 0;
  while (pos < stream.size()) {
    size_t header_end = stream.find("\r\n\r\n", pos);
    if (header_end == std::string::npos) break;
    size_t at = stream.find("Content-Length: ", pos);
    if (at == std::string::npos || at > header_end) break;
    size_t length = std::stoul(stream.substr(at + 16, header_end - at - 16));
    std::string body = stream.substr(header_end + 4, length);
    out.push_back(nlohmann::json::parse(body, nullptr, false));
    if (out.back().is_discarded()) out.back() = body;
    pos = header_end + 4 + length;
  }
  return out;
}

}  // namespace ferret::testing
